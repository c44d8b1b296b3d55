"""Logins: lockout per account and per address, password rules in Chinese, sessions, 我的账户."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone


def log_in(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_account_is_locked_after_five_wrong_passwords_even_for_the_right_one(client, cast, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert log_in(client, "alice", "wrong").status_code == 200  # the form again, with its error
    assert log_in(client, "alice", "wrong").status_code == 429  # the fifth locks the account
    response = log_in(client, "alice", "pw-alice")
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂停" in page and "30 分钟后再试" in page
    assert "_auth_user_id" not in client.session
    # Another account from the same address still logs in: an office shares its address.
    assert log_in(Client(), "bob", "pw-bob").status_code == 302


def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(client, cast):
    for _ in range(50):
        log_in(client, "rita", "guess")
    assert log_in(client, "rita", "pw-rita").status_code == 429


def test_address_is_locked_after_failures_spread_over_accounts(cast, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 12
    attacker = Client()
    for n in range(11):
        log_in(attacker, f"nobody{n}", "x", address="203.0.113.9")
    assert log_in(Client(), "alice", "pw-alice", address="203.0.113.9").status_code == 302
    log_in(attacker, "nobody-last", "x", address="203.0.113.9")  # the 12th failure from this address
    assert log_in(Client(), "bob", "pw-bob", address="203.0.113.9").status_code == 429
    assert log_in(Client(), "bob", "pw-bob", address="198.51.100.7").status_code == 302


def test_lockout_ends_after_the_cooloff(client, cast):
    for _ in range(5):
        log_in(client, "alice", "wrong")
    assert log_in(client, "alice", "pw-alice").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert log_in(client, "alice", "pw-alice").status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_clients(client, cast, settings):
    settings.PROXY_COUNT = 1
    for n in range(5):
        log_in(client, "alice", "wrong", address="127.0.0.1")
    forwarded = {"HTTP_X_FORWARDED_FOR": "forged, 198.51.100.20"}
    response = client.post("/accounts/login/", {"username": "bob", "password": "pw-bob"}, REMOTE_ADDR="127.0.0.1",
                           **forwarded)
    assert response.status_code == 302
    assert AccessAttempt.objects.get(username="alice").ip_address == "127.0.0.1"
    response = Client().get("/accounts/me/")  # anonymous: nothing to see
    assert response.status_code == 302


def test_password_rules_answer_in_chinese(client, cast):
    client.force_login(cast.alice)
    response = client.post("/accounts/me/password/", {"old_password": "pw-alice", "new_password1": "1",
                                                      "new_password2": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert errors == ["密码太短：至少需要 10 个字符。", "这个密码太常见了。", "密码只包含数字。"]
    assert User.objects.get(username="alice").check_password("pw-alice")
    User.objects.filter(username="alice").update(last_name="Zhangxiaoming")
    similar = client.post("/accounts/me/password/", {"old_password": "pw-alice", "new_password1": "zhangxiaoming1",
                                                     "new_password2": "zhangxiaoming1"})
    assert similar.context["form"].errors["new_password2"] == ["密码与姓氏太相似。"]


def test_a_good_password_is_saved_and_the_session_kept(client, cast):
    client.force_login(cast.alice)
    response = client.post("/accounts/me/password/", {"old_password": "pw-alice", "new_password1": "绩效目标-审核-2024",
                                                      "new_password2": "绩效目标-审核-2024"})
    assert response.status_code == 302 and response.url == "/accounts/me/"
    assert User.objects.get(username="alice").check_password("绩效目标-审核-2024")
    assert client.get("/accounts/me/").status_code == 200


def test_account_page_shows_the_previous_login_and_failures_since(cast):
    first = Client()
    assert log_in(first, "alice", "pw-alice", address="192.0.2.10").status_code == 302
    page = first.get("/accounts/me/").content.decode()
    assert "这是您第一次登录" in page and "此前没有密码输错" in page
    assert "东莞市东坑镇综合治理办公室" in page and "单位填报人员" in page
    log_in(Client(), "alice", "wrong", address="192.0.2.66")
    second = Client()
    assert log_in(second, "alice", "pw-alice", address="192.0.2.11").status_code == 302
    page = second.get("/accounts/me/").content.decode()
    assert "来自 192.0.2.10" in page  # the first session, not this one
    assert "自上次登录以来有 1 次密码输错" in page and "来自 192.0.2.66" in page
    assert 'href="/accounts/me/" title="我的账户"' in second.get("/tables/").content.decode()  # on every page


def test_session_ends_when_the_browser_closes_and_after_a_working_day(client, cast, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert log_in(client, "alice", "pw-alice").status_code == 302
    assert client.session.get_expire_at_browser_close()
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/tables/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_lockouts_are_listed_for_the_administrator_in_chinese(client, cast):
    for _ in range(5):
        log_in(Client(), "alice", "wrong")
    client.force_login(cast.adam)
    page = client.get("/admin/accounts/loginlock/").content.decode()
    assert "登录锁定" in page and "连续输错次数" in page and "alice" in page
    assert "Access attempts" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("username", ["alice", "ALICE"])
def test_unknown_spelling_counts_like_any_failure(client, cast, username):
    for _ in range(5):
        log_in(client, username, "wrong")
    assert log_in(client, username, "pw-alice").status_code == 429
