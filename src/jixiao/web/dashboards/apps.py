from django.apps import AppConfig


class DashboardsAppConfig(AppConfig):
    name = "jixiao.web.dashboards"
    label = "dashboards"
    verbose_name = "图表与每日提醒"
    default_auto_field = "django.db.models.BigAutoField"
