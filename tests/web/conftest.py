import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]



@pytest.fixture
def approved_xinfang(cast, xinfang):
    """信访事项经费 approved by the reviewer: it may be monitored and evaluated."""
    from .workflow import approve

    return approve(xinfang, cast.rita)
