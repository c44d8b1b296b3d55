from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", verbosity=1, **kwargs):
    """The database cache's table (the API's rate limit counts there), made by every ``migrate``,
    so a new site, the tests and `make run` need no separate ``createcachetable`` step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class ApiAppConfig(AppConfig):
    name = "jixiao.web.api"
    label = "api"
    verbose_name = "数据接口"

    def ready(self):
        # Sent per app with models (this one has none): after the sessions' tables, which every site has.
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("sessions"))
