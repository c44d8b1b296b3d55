from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "jixiao.web.backup"
    label = "backup"
    verbose_name = "备份与恢复"
