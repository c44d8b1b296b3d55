from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "用户与单位"


class JixiaoAdminConfig(admin_apps.AdminConfig):
    """The Django admin with Jixiao's site (accounts/admin_site.py); named in INSTALLED_APPS."""

    default = False  # "jixiao.web.accounts" itself still means AccountsConfig
    default_site = "jixiao.web.accounts.admin_site.JixiaoAdminSite"
