from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "jixiao.web.rules"
    label = "rules"
    verbose_name = "评分规则"
    default_auto_field = "django.db.models.BigAutoField"
