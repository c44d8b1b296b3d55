import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_heartbeat(monkeypatch):
    """The job heartbeat thread writes from its own connection, which a test's transaction would keep
    waiting; restart safety is tested by setting the heartbeat in the past."""
    from jixiao.web.jobs import running

    monkeypatch.setattr(running, "HEARTBEAT_SECONDS", 3600)
