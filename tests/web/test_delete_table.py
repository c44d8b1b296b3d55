"""Deleting a draft table: the owner's staff only, drafts with no review or monitoring history, audited."""

import pytest
from django.urls import reverse

from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.workflow import Status

pytestmark = pytest.mark.django_db


def test_staff_deletes_a_draft_and_the_audit_keeps_its_content(client, cast, xinfang):
    client.force_login(cast.alice)
    assert 'id="delete-link"' in client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    confirm = client.get(reverse("targets:delete", args=[xinfang.pk]))
    assert confirm.status_code == 200 and "20 个三级指标" in confirm.content.decode()
    response = client.post(reverse("targets:delete", args=[xinfang.pk]))
    assert response.status_code == 302
    assert not TargetTable.objects.filter(pk=xinfang.pk).exists()
    assert not Indicator.objects.filter(table_id=xinfang.pk).exists()
    entry = AuditEntry.objects.get(table_id=xinfang.pk, action="delete", object_kind="table")
    assert entry.user == cast.alice and entry.before["项目名称"] == "信访事项经费"
    assert len(entry.before["绩效指标"]) == 20


def test_other_unit_reviewer_and_submitted_tables_are_refused(client, cast, xinfang):
    url = reverse("targets:delete", args=[xinfang.pk])
    client.force_login(cast.bob)
    assert client.post(url).status_code == 404
    client.force_login(cast.rita)
    assert client.post(url).status_code == 403
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)
    client.force_login(cast.alice)
    assert client.post(url).status_code == 403
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.RETURNED)
    assert client.post(url).status_code == 403  # returned once: it has a review history
    assert TargetTable.objects.filter(pk=xinfang.pk).exists()
    assert not AuditEntry.objects.filter(table_id=xinfang.pk, action="delete").exists()
