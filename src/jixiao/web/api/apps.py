from django.apps import AppConfig


class ApiAppConfig(AppConfig):
    name = "jixiao.web.api"
    label = "api"
    verbose_name = "数据接口"
