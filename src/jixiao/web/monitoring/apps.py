from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "运行监控与绩效自评"

    def ready(self):
        from jixiao.web.monitoring import reviewed

        reviewed.register_kinds()
