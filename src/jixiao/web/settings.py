"""Minimal settings; the web application work expands this."""

from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]
SECRET_KEY = "dev-only"
DEBUG = False
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'var' / 'jixiao.sqlite3'}")
}
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
