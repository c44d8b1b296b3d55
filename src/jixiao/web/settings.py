"""Django settings. SQLite under ``var/`` by default; ``DATABASE_URL=postgres://…`` selects PostgreSQL."""

import os
import secrets
from pathlib import Path

import dj_database_url

from jixiao.reader_limits import limits_from_environment

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("JIXIAO_VAR", BASE_DIR / "var"))
WEB_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    """From the environment, else generated once and kept in var/ so sessions survive restarts."""
    if os.environ.get("JIXIAO_SECRET_KEY"):
        return os.environ["JIXIAO_SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        return key


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}"
    return dj_database_url.parse(url, conn_max_age=60)


SECRET_KEY = _secret_key()
JIXIAO_LIMITS = limits_from_environment()  # what one uploaded or imported document may hold
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "*").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "jixiao.web.accounts",
    "jixiao.web.targets",
    "jixiao.web.audit",
    "jixiao.web.review",
    "jixiao.web.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.accounts.context.role",
            ],
        },
    },
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
USE_I18N = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
# Serve straight from the app's static folders: no collectstatic step on a fresh clone.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "targets:list"
LOGOUT_REDIRECT_URL = "login"

# Uploaded documents are read in memory; the demo document is ~60 KB, real ones well under this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The list's covering index (INCLUDE budget) serves PostgreSQL; SQLite simply ignores the extra
# columns, which is fine for the embedded default, so its warning is noise for users of `make run`.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
