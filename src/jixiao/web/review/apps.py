from django.apps import AppConfig


class ReviewAppConfig(AppConfig):
    name = "jixiao.web.review"
    label = "review"
    verbose_name = "绩效目标审核"

    def ready(self):
        from jixiao.web.review import tables

        tables.register_kind()
