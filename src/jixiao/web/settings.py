"""Django settings, all read from the environment here (``jixiao.environment`` types and checks them).

SQLite under ``var/`` by default; ``DATABASE_URL=postgres://…`` selects PostgreSQL.
``JIXIAO_ENV=production`` turns on what a site on the internet needs (see docs/deployment.md).
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from jixiao import environment as env
from jixiao.fonts import CJK_FONT
from jixiao.parse_worker import Ceiling
from jixiao.private_files import private_dir, private_file
from jixiao.reader_limits import LimitSettingError, limits_from_environment

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env.text("JIXIAO_VAR", str(BASE_DIR / "var")))
WEB_DIR = Path(__file__).resolve().parent

JIXIAO_ENV = env.choice("JIXIAO_ENV", ("development", "production"), "development")
PRODUCTION = JIXIAO_ENV == "production"


def _secret_key() -> str:
    """From the environment, else generated once and kept in var/ (0600) so sessions survive restarts."""
    if key := env.text("JIXIAO_SECRET_KEY"):
        if len(key) < 50:
            raise env.SettingError("环境变量 JIXIAO_SECRET_KEY 太短：应至少 50 个字符（留空则自动生成）")
        return key
    path = private_file(VAR_DIR / "secret_key")
    key = path.read_text().strip()
    if not key:
        key = secrets.token_urlsafe(50)
        path.write_text(key)
    return key


def _database() -> dict:
    url = env.text("DATABASE_URL")
    if not url:
        private_dir(VAR_DIR)
        url = f"sqlite:///{private_file(VAR_DIR / 'jixiao.sqlite3')}"
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as e:
        raise env.SettingError(f"环境变量 DATABASE_URL 无效：{e}") from None
    if config["ENGINE"].endswith("sqlite3"):
        # Several requests write at once: WAL lets readers go on, and a writer waits its turn.
        # IMMEDIATE: a transaction that will write takes the lock when it begins, so two never deadlock
        # upgrading from reading to writing ("database is locked") and the busy timeout applies.
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE",
                             "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    elif config["ENGINE"].endswith("postgresql"):
        # Pages run short queries that PostgreSQL's JIT misjudges at scale: compiling a plan cost
        # 0.7–0.8 s on top of a count over 100,000 tables. An ``options`` given in the URL comes after.
        options = config.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, ["-c jit=off", options.get("options")]))
    return config


def _replicas(primary: dict) -> dict:
    """``DATABASE_REPLICA_URL``: read-only copies of the primary, comma-separated, as aliases replica_1, …
    (web/routers.py sends a page's reads there). In tests each mirrors the primary's test database."""
    replicas = {}
    for n, url in enumerate((u.strip() for u in env.text("DATABASE_REPLICA_URL").split(",") if u.strip()), 1):
        try:
            config = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 60))
        except ValueError as e:
            raise env.SettingError(f"环境变量 DATABASE_REPLICA_URL 的第 {n} 个地址无效：{e}") from None
        if config["ENGINE"] != primary["ENGINE"]:
            raise env.SettingError(f"环境变量 DATABASE_REPLICA_URL 的第 {n} 个地址与 DATABASE_URL 不是同一种数据库")
        config["OPTIONS"] = {**primary.get("OPTIONS", {}), **config.get("OPTIONS", {})}
        config["TEST"] = {"MIRROR": "default"}
        replicas[f"replica_{n}"] = config
    return replicas


def _cache() -> dict:
    """One cache shared by every server process (the API's rate limit counts there): a table in the
    database by default, or ``JIXIAO_CACHE_URL=redis://…`` (needs the ``redis`` package)."""
    url = env.text("JIXIAO_CACHE_URL")
    if not url:
        # Past MAX_ENTRIES Django culls a third of the table in key order, whatever their age: at its
        # default of 300 a province's kept findings would push out the 图表 figures (2 s to recount).
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jixiao_cache",
                "OPTIONS": {"MAX_ENTRIES": 10_000}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise env.SettingError(f"环境变量 JIXIAO_CACHE_URL 的值“{url}”无效：应为 redis://主机:端口/编号，或留空使用数据库")


def _allowed_hosts() -> list[str]:
    hosts = env.names("JIXIAO_ALLOWED_HOSTS")
    if not PRODUCTION:
        return hosts or ["localhost", "127.0.0.1", "[::1]"]
    if not hosts:
        env.required("JIXIAO_ALLOWED_HOSTS", "生产环境（JIXIAO_ENV=production）必须列出网站的域名，以逗号分隔")
    if "*" in hosts:
        raise env.SettingError("环境变量 JIXIAO_ALLOWED_HOSTS 在生产环境不能为 *：请列出网站的域名")
    return hosts


def _admin_url() -> str:
    url = env.text("JIXIAO_ADMIN_URL", "admin").strip("/")
    if not url or not all(part and all(c.isalnum() or c in "-_." for c in part) for part in url.split("/")):
        raise env.SettingError(f"环境变量 JIXIAO_ADMIN_URL 的值“{url}”无效：应为网址路径，如 manage-7f3a")
    return url + "/"


SECRET_KEY = _secret_key()
try:
    JIXIAO_LIMITS = limits_from_environment()  # what one uploaded or imported document may hold
except LimitSettingError as e:
    raise env.SettingError(str(e)) from None
# An upload is read in a child process under these ceilings (jixiao/parse_worker.py).
JIXIAO_PARSE_CEILING = Ceiling(seconds=env.integer("JIXIAO_PARSE_SECONDS", 120, minimum=1, maximum=3600),
                               memory_mb=env.integer("JIXIAO_PARSE_MEMORY_MB", 512, minimum=64, maximum=65536))
DEBUG = env.boolean("JIXIAO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise env.SettingError("生产环境（JIXIAO_ENV=production）不能打开 JIXIAO_DEBUG")
ALLOWED_HOSTS = _allowed_hosts()
ADMIN_URL = _admin_url()

INSTALLED_APPS = [
    "jixiao.web.accounts.apps.JixiaoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "jixiao.web.accounts",
    "jixiao.web.targets",
    "jixiao.web.audit",
    "jixiao.web.review",
    "jixiao.web.monitoring",
    "jixiao.web.backup",
    "jixiao.web.library",
    "jixiao.web.rules",
    "jixiao.web.portal",
    "jixiao.web.evidence",
    "jixiao.web.dashboards",
    "jixiao.web.results",
    "jixiao.web.api",
    "jixiao.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jixiao.web.routers.ReadsMiddleware",  # before sessions: it sees the session's own save as a write
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
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
DATABASES.update(_replicas(DATABASES["default"]))
# Reads of GET pages go to a replica, everything else (and a user's reads just after a write) to the primary.
DATABASE_ROUTERS = ["jixiao.web.routers.ReplicaRouter"] if len(DATABASES) > 1 else []
# How long after a user's write that user's reads stay on the primary (a replica may lag behind).
JIXIAO_READ_PRIMARY_SECONDS = env.integer("JIXIAO_READ_PRIMARY_SECONDS", 10, minimum=0, maximum=3600)
CACHES = {"default": _cache()}
# How long the 图表 overview's figures stay in that cache (0: counted on every visit).
JIXIAO_CHARTS_CACHE_SECONDS = env.integer("JIXIAO_CHARTS_CACHE_SECONDS", 60, minimum=0, maximum=86400)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
# The only language, and no LocaleMiddleware: Django's own messages (password rules, forms, the admin)
# stay Chinese whatever the browser asks.
LANGUAGES = [("zh-hans", "简体中文")]
USE_I18N = True

STATIC_URL = "/static/"
# The bundled CJK font under /static/fonts/: the charts' @font-face (dashboards/charts.css).
STATICFILES_DIRS = [WEB_DIR / "static", ("fonts", CJK_FONT.parent)]
# `jixiao serve` collects the static files into STATIC_ROOT with their content's hash in each name
# (compressed too), so browsers keep them for a year; everywhere else (tests, `jixiao runserver`)
# they are served straight from the app's static folders, with no collectstatic step.
STATIC_COLLECTED = env.boolean("JIXIAO_STATIC_COLLECTED", False)
STATIC_ROOT = VAR_DIR / "static" if STATIC_COLLECTED else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "jixiao.web.staticstorage.HashedStaticStorage" if STATIC_COLLECTED
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "targets:list"
LOGOUT_REDIRECT_URL = "login"

# Uploaded documents are read in memory; the demo document is ~60 KB, real ones well under this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
# Unconfirmed upload previews in var/uploads/ are removed after this long.
UPLOAD_PREVIEW_MAX_AGE = timedelta(hours=env.integer("JIXIAO_UPLOAD_PREVIEW_HOURS", 24, minimum=1))
# Largest attachment of a 佐证记录 (photos, sign-in sheets, invoices), in MB.
EVIDENCE_MAX_MB = env.integer("JIXIAO_EVIDENCE_MAX_MB", 10, minimum=1, maximum=20)

# --- Background jobs (exports, imports, backups): django-tasks, kept in the database -------------
# `jixiao worker` runs them; docs in README "后台任务".
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Result files of jobs (var/jobs/, 0600) and how long they are kept.
JOBS_DIR = VAR_DIR / "jobs"
JOB_RESULT_MAX_AGE = timedelta(days=env.integer("JIXIAO_JOB_RESULT_DAYS", 7, minimum=1))

# --- Mail: the daily digest (`jixiao digest`) ------------------------------------------------------
# Printed to the console unless a mail server is configured (docs/deployment.md).
EMAIL_BACKEND = env.text("JIXIAO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.text("JIXIAO_EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("JIXIAO_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.text("JIXIAO_EMAIL_USER")
EMAIL_HOST_PASSWORD = env.text("JIXIAO_EMAIL_PASSWORD")
EMAIL_USE_TLS = env.boolean("JIXIAO_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env.text("JIXIAO_EMAIL_FROM", "jixiao@localhost")
# Links in mails: the address users open the site at.
JIXIAO_SITE_URL = env.text("JIXIAO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Logins -------------------------------------------------------------------------------------
# In the database: every server process (and machine) sees the same logins.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A working day, and gone when the browser closes.
SESSION_COOKIE_AGE = env.integer("JIXIAO_SESSION_HOURS", 8, minimum=1, maximum=24 * 30) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "jixiao.web.accounts.passwords.AttributeSimilarity"},
    {"NAME": "jixiao.web.accounts.passwords.MinimumLength",
     "OPTIONS": {"min_length": env.integer("JIXIAO_PASSWORD_MIN_LENGTH", 10, minimum=8, maximum=128)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address before the password check
    "django.contrib.auth.backends.ModelBackend",
]
# Lock out an account after AXES_FAILURE_LIMIT failures, and an address (an office may share one)
# after LOGIN_FAILURES_PER_ADDRESS, each for AXES_COOLOFF_TIME; see accounts/lockout.py.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.integer("JIXIAO_LOGIN_FAILURES", 5, minimum=1, maximum=1000)
LOGIN_FAILURES_PER_ADDRESS = env.integer("JIXIAO_LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1, maximum=100000)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("JIXIAO_LOCKOUT_MINUTES", 30, minimum=1, maximum=7 * 24 * 60))
AXES_HANDLER = "jixiao.web.accounts.lockout.LoginAttempts"
AXES_LOCKOUT_CALLABLE = "jixiao.web.accounts.lockout.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # 我的账户 lists failed attempts since the last login
AXES_ENABLE_ADMIN = False  # accounts/admin.py shows the lockouts and logins in Chinese
AXES_CLIENT_IP_CALLABLE = "jixiao.web.accounts.lockout.client_address"
AXES_VERBOSE = False
# Reverse proxies in front of Jixiao whose X-Forwarded-For can be trusted (production default: one),
# and the address the nearest one connects from (`jixiao serve` trusts its X-Forwarded-* headers only).
PROXY_COUNT = env.integer("JIXIAO_PROXY_COUNT", 1 if PRODUCTION else 0, minimum=0, maximum=10)
TRUSTED_PROXY = env.text("JIXIAO_TRUSTED_PROXY", "127.0.0.1" if PROXY_COUNT else "")

# --- JSON API (/api/v1/) -------------------------------------------------------------------------
# Requests per token and period (s, m, h, d), counted in the cache all server processes share (CACHES).
JIXIAO_API_RATE = env.text("JIXIAO_API_RATE", "120/m")

# --- Production ---------------------------------------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.integer("JIXIAO_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True

# Content-Security-Policy: only this site's own scripts, styles, images and fonts.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Enforced: no page has an inline script, event attribute or style (tests/web/test_csp.py checks).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

# Errors (with their traceback) and security warnings to stderr, where `jixiao serve` under systemd
# or a terminal keeps them; Django's default sends them nowhere unless DEBUG is on.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

# The list's covering index (INCLUDE budget) serves PostgreSQL; SQLite simply ignores the extra
# columns, which is fine for the embedded default, so its warning is noise for users of `make run`.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
