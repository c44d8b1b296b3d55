"""系统管理 (the Django admin): in Chinese for every browser, and only administrators ever reach it."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from jixiao.web.accounts.admin_site import NO_ADMIN_RIGHTS
from jixiao.web.accounts.models import Profile, Role

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_admin_pages_are_chinese_in_an_english_browser(client, cast):
    client.force_login(cast.adam)
    page = client.get(reverse("admin:index"), **ENGLISH).content.decode()
    assert 'lang="zh-hans"' in page and "系统管理" in page and "用户与单位" in page
    assert "Site administration" not in page and "Log out" not in page
    page = client.get(reverse("admin:auth_user_changelist"), **ENGLISH).content.decode()
    assert "选择 用户 来修改" in page and "Select user to change" not in page


def test_app_messages_are_chinese_in_an_english_browser(client, cast):
    page = client.post("/accounts/login/", {"username": "", "password": ""}, **ENGLISH).content.decode()
    assert "用户名或密码不正确" in page and 'lang="zh-CN"' in page


def test_signed_out_visitors_use_the_apps_login_page(client, cast):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert 'name="username"' in response.content.decode()
    # After signing in there, the administrator lands in the admin.
    response = client.post("/accounts/login/?next=%2Fadmin%2F", {"username": "adam", "password": "pw-adam",
                                                                  "next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/" and "系统管理" in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "rita"])
def test_staff_and_reviewers_are_sent_home_with_a_message_not_to_the_admin_login(client, cast, who):
    client.force_login(getattr(cast, who))
    for url in (reverse("admin:index"), reverse("admin:auth_user_changelist"), reverse("admin:login")):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert all("/admin/login/" not in step for step, _ in response.redirect_chain), url
        assert response.redirect_chain[-1][0] == reverse("targets:list")
        assert NO_ADMIN_RIGHTS in response.content.decode()


def test_the_admin_link_shows_only_to_those_the_admin_lets_in(client, cast):
    client.force_login(cast.alice)
    assert 'href="/admin/"' not in client.get(reverse("targets:list")).content.decode()
    client.force_login(cast.adam)
    assert 'href="/admin/">系统管理</a>' in client.get(reverse("targets:list")).content.decode()
    # An administrator by role whose account is not marked as staff is not shown a door that stays shut.
    admin_role_only = User.objects.create_user("ada", password="pw-ada")
    Profile.objects.create(user=admin_role_only, role=Role.ADMIN)
    client.force_login(admin_role_only)
    assert 'href="/admin/"' not in client.get(reverse("targets:list")).content.decode()


def test_a_next_address_off_the_site_is_ignored(client, cast):
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert response.url == "/accounts/login/?next=%2Fadmin%2F"
