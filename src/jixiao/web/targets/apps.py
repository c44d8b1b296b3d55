from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jixiao.web.targets"
    label = "targets"
    verbose_name = "项目绩效目标"
