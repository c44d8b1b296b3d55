"""No lost updates: the second of two saves from the same version is refused."""

from django.urls import reverse

from jixiao.web.targets.models import Indicator, TargetTable

from .forms import edit_data


def test_second_save_is_refused_with_a_way_to_see_the_other_change(client, cast, xinfang, django_user_model):
    from jixiao.web.accounts.models import Profile, Role

    carol = django_user_model.objects.create_user("carol", password="x", first_name="Carol")
    Profile.objects.create(user=carol, role=Role.STAFF, unit=cast.unit_a)
    first = xinfang.indicators.first()

    def set_to(value):
        def change(rows):
            rows[0]["annual_target"] = value
        return change

    alice_form = edit_data(xinfang, set_to("≥91%"))   # both opened version 1
    carol_form = edit_data(xinfang, set_to("≥92%"))
    client.force_login(cast.alice)
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), alice_form).status_code == 302
    client.force_login(carol)
    response = client.post(reverse("targets:edit", args=[xinfang.pk]), carol_form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存被拒绝" in html and "Alice" in html and "没有保存" in html
    assert reverse("targets:history", args=[xinfang.pk]) + "?since=1" in html
    assert 'value="≥92%"' in html  # carol's input is kept on the page
    assert Indicator.objects.get(pk=first.pk).annual_text == "≥91%"
    assert TargetTable.objects.get(pk=xinfang.pk).version == 2


def test_save_after_reload_succeeds(client, cast, xinfang):
    client.force_login(cast.alice)
    url = reverse("targets:edit", args=[xinfang.pk])
    assert client.post(url, edit_data(xinfang)).status_code == 302
    xinfang.refresh_from_db()
    assert client.post(url, edit_data(xinfang)).status_code == 302
    assert TargetTable.objects.get(pk=xinfang.pk).version == 3


def test_save_racing_a_submission_is_refused(cast, xinfang):
    import pytest
    from django.core.exceptions import PermissionDenied

    from jixiao.web.targets.editing import save_edit
    from jixiao.web.targets.forms import TableForm
    from jixiao.web.workflow import Status

    opened = TargetTable.objects.get(pk=xinfang.pk)  # the edit page was opened on the draft…
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)  # …then it was submitted
    facts = TableForm.initial_for(opened)
    rows = [{"id": r.id, "category": r.category, "name": r.name, "period_target": r.period_text,
             "annual_target": "≥99%", "ORDER": r.position} for r in opened.indicators.all()]
    with pytest.raises(PermissionDenied, match="已提交审核"):
        save_edit(opened, facts, rows, set(), cast.alice)
    assert TargetTable.objects.get(pk=xinfang.pk).version == 1
    assert not Indicator.objects.filter(table=xinfang, annual_text="≥99%").exists()
