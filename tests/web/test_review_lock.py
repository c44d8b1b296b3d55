"""Submitted and approved tables cannot change: not through the edit page, not through an import."""

from dataclasses import replace

import pytest
from django.urls import reverse

from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets import importer
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


def changed_demo():
    doc = read_document(DEMO_DOCUMENT)
    tables = [replace(t, budget=t.budget + 1) if t.name == "信访事项经费" else t for t in doc.tables]
    return replace(doc, tables=tables)


@pytest.mark.parametrize("status,message", [
    (Status.APPROVED, "《信访事项经费》（2024年）已审核通过，内容已锁定；如需修改，请由本单位创建新版本（审核通过的版本仍可查看），不能用导入覆盖"),
    (Status.SUBMITTED, "《信访事项经费》（2024年）已提交审核，审核期间不能修改，不能用导入覆盖"),
])
def test_import_refuses_to_change_a_locked_table(xinfang, status, message):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=status)
    with pytest.raises(importer.ImportRefused) as e:
        importer.import_document(changed_demo())
    assert str(e.value) == message
    assert TargetTable.objects.get(pk=xinfang.pk).budget == xinfang.budget


def test_import_of_unchanged_content_passes_a_locked_table(xinfang):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.APPROVED)
    report = importer.import_document(read_document(DEMO_DOCUMENT))
    assert report.counts() == {"unchanged": 12}


def test_returned_table_can_be_replaced_by_import(xinfang):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.RETURNED)
    assert importer.import_document(changed_demo()).counts() == {"unchanged": 11, "updated": 1}


def test_locked_edit_page_says_why(client, cast, xinfang):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.APPROVED)
    client.force_login(cast.alice)
    response = client.get(reverse("targets:edit", args=[xinfang.pk]))
    assert response.status_code == 403
    assert "已审核通过，内容已锁定；如需修改，请由本单位创建新版本" in response.content.decode()
