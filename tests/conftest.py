"""Shared fixtures: the demo document in the database and a cast of users.

Light on purpose: nothing here touches the database unless a test asks for a fixture, so the core
tests run without one.
"""

import pytest

UNIT_A = "东莞市东坑镇综合治理办公室"  # the demo document's unit
UNIT_B = "东莞市东坑镇另一单位"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, as a real site does, not Django's in-memory test database.

    The live server shares one in-memory connection between its request threads, so two requests at
    once (a page's htmx preview still running while the form is submitted) fail with "database table
    is locked": a failure of the test set-up that no site has. With a file every thread has its own
    connection and SQLite's busy timeout makes a writer wait for a reader, as in production.
    Nothing of it needs to survive a crash, so commits do not wait for the disk."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"


@pytest.fixture
def demo_tables(db):
    """The bundled demo document imported: 12 tables of UNIT_A."""
    from jixiao.core.io import read_document
    from jixiao.demo import DEMO_DOCUMENT
    from jixiao.web.targets import importer

    return importer.import_document(read_document(DEMO_DOCUMENT), source="demo")


def _user(username, role, unit=None, **flags):
    from django.contrib.auth.models import User

    from jixiao.web.accounts.models import Profile

    user = User.objects.create_user(username, password="pw-" + username, first_name=username.title(), **flags)
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def cast(db, demo_tables):
    """alice: staff of UNIT_A (owns the demo tables); bob: staff of UNIT_B; rita: reviewer; adam: admin."""
    from types import SimpleNamespace

    from jixiao.web.accounts.models import Role, Unit

    unit_a = Unit.objects.get(name=UNIT_A)
    unit_b = Unit.objects.create(name=UNIT_B, department=unit_a.department)
    return SimpleNamespace(
        unit_a=unit_a, unit_b=unit_b,
        alice=_user("alice", Role.STAFF, unit_a),
        bob=_user("bob", Role.STAFF, unit_b),
        rita=_user("rita", Role.REVIEWER),
        adam=_user("adam", Role.ADMIN, is_staff=True, is_superuser=True),
    )


@pytest.fixture
def xinfang(cast):
    """The demo's 信访事项经费 table (20 indicators)."""
    from jixiao.web.targets.models import TargetTable

    return TargetTable.objects.get(project__name="信访事项经费")


@pytest.fixture
def approve(cast):
    """Approve a table as the reviewer would (submitted, then 审核通过 with a kept version), so that it
    may be monitored and evaluated: ``approve(table)``."""
    from jixiao.web.review import services
    from jixiao.web.targets.models import TargetTable

    def approve(table):
        TargetTable.objects.filter(pk=table.pk).update(status="submitted")
        table.refresh_from_db()
        services.approve(table, cast.rita)
        return table

    return approve


@pytest.fixture
def tmp_var(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    return tmp_path
