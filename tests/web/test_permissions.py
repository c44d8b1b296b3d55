"""Who may see and change what: checked on every page, cross-unit guessing refused."""

import pytest
from django.urls import reverse

from jixiao.web.workflow import Status


def pages(table):
    return [
        reverse("targets:detail", args=[table.pk]),
        reverse("targets:edit", args=[table.pk]),
        reverse("targets:history", args=[table.pk]),
    ]


@pytest.mark.parametrize("url", ["/tables/", "/tables/1/", "/tables/upload/", "/tables/check-target/?text=1"])
def test_anonymous_is_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_staff_sees_only_own_unit_in_list(client, cast):
    client.force_login(cast.bob)
    response = client.get("/tables/")
    assert response.context["totals"]["count"] == 0
    client.force_login(cast.alice)
    assert client.get("/tables/").context["totals"]["count"] == 12


@pytest.mark.parametrize("name", ["rita", "adam"])
def test_reviewer_and_admin_see_all_units(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get("/tables/").context["totals"]["count"] == 12


def test_other_unit_staff_gets_404_on_every_table_page(client, cast, xinfang):
    client.force_login(cast.bob)
    for url in pages(xinfang):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("targets:edit", args=[xinfang.pk]), {"version": 1})
    assert response.status_code == 404


def test_reviewer_reads_but_cannot_edit(client, cast, xinfang):
    client.force_login(cast.rita)
    detail = client.get(reverse("targets:detail", args=[xinfang.pk]))
    assert detail.status_code == 200
    assert b'id="edit-link"' not in detail.content
    assert client.get(reverse("targets:history", args=[xinfang.pk])).status_code == 200
    assert client.get(reverse("targets:edit", args=[xinfang.pk])).status_code == 403
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), {"version": 1}).status_code == 403
    assert client.get("/tables/upload/").status_code == 403
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 403


def test_owner_can_edit_only_while_draft_or_returned(client, cast, xinfang):
    client.force_login(cast.alice)
    url = reverse("targets:edit", args=[xinfang.pk])
    assert client.get(url).status_code == 200
    for status, code in [(Status.SUBMITTED, 403), (Status.APPROVED, 403), (Status.RETURNED, 200)]:
        xinfang.status = status
        xinfang.save()
        assert client.get(url).status_code == code, status


def test_admin_site_for_admins_only(client, cast):
    client.force_login(cast.adam)
    assert client.get("/admin/accounts/unit/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
    for name in ("alice", "rita"):
        client.force_login(getattr(cast, name))
        assert client.get("/admin/").status_code == 302


def test_user_without_role_sees_nothing(client, cast, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get("/tables/").context["totals"]["count"] == 0
    assert client.get("/tables/upload/").status_code == 403


# The JSON API applies the same rules: each user's token, each action, the answer the page gives.
API_MATRIX = {
    # user: (tables listed, read, update with a stale version, submit)
    "alice": (12, 200, 409, 409),  # owner: allowed through, then the lock / the submission rules answer
    "bob": (0, 404, 404, 404),  # another unit: nothing exists
    "rita": (12, 200, 403, 403),  # reviewer: reads, never edits or submits
    "adam": (12, 200, 409, 409),  # administrator acts for every unit
    "nobody": (0, 404, 404, 404),  # no role
}


@pytest.mark.parametrize("name", API_MATRIX)
def test_api_permission_matrix_matches_the_pages(client, cast, xinfang, django_user_model, name):
    from jixiao.web.accounts import tokens

    user = getattr(cast, name, None) or django_user_model.objects.create_user(name, password="x")
    headers = {"Authorization": f"Bearer {tokens.create(user, 'matrix')[1]}"}
    listed, read, update, submit = API_MATRIX[name]
    api = f"/api/v1/tables/{xinfang.pk}"
    assert client.get("/api/v1/tables", headers=headers).json()["count"] == listed
    assert client.get(api, headers=headers).status_code == read
    stale = {"name": "信访事项经费", "version": xinfang.version + 100, "indicators": []}
    assert client.put(api, stale, content_type="application/json", headers=headers).status_code == update
    assert client.post(f"{api}/submit", headers=headers).status_code == submit
    client.force_login(user)
    assert client.get(reverse("targets:detail", args=[xinfang.pk])).status_code == read
    page_edit = client.get(reverse("targets:edit", args=[xinfang.pk])).status_code
    assert page_edit == {409: 200}.get(update, update)
    assert xinfang.__class__.objects.get(pk=xinfang.pk).version == xinfang.version  # nothing written
