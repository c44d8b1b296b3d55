from django.apps import AppConfig


class EvidenceAppConfig(AppConfig):
    name = "jixiao.web.evidence"
    label = "evidence"
    verbose_name = "佐证记录"
    default_auto_field = "django.db.models.BigAutoField"
