from django.apps import AppConfig


class ResultsAppConfig(AppConfig):
    name = "jixiao.web.results"
    label = "results"
    verbose_name = "结果应用"
    default_auto_field = "django.db.models.BigAutoField"
