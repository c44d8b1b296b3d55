"""Trigram indexes for the list's search (``queries.search``), on PostgreSQL only.

Django's ``icontains`` on PostgreSQL compares ``UPPER(column::text) LIKE UPPER('%word%')``; a GIN
trigram index on that very expression answers it for Chinese words of any length of 3 characters or
more (shorter words still scan, as on SQLite, which has no such index).
"""

from django.db import migrations

INDEXES = [
    ("project_name_trgm", "targets_project", "name"),
    ("unit_name_trgm", "accounts_unit", "name"),
    ("indicator_name_trgm", "targets_indicator", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("targets", "0003_indicator_library_entry"),
    ]

    operations = [migrations.RunPython(create, drop)]
