"""运行监控 and 绩效自评 measure approved targets: on a table never approved the pages explain why
instead of showing the form, and nothing can be saved."""

import pytest
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.review import services
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status


PAGES = ["monitoring:report", "monitoring:evaluation", "monitoring:evaluation_sheet"]


@pytest.mark.parametrize("status, next_step", [
    (Status.DRAFT, "请先提交目标表审核"),
    (Status.SUBMITTED, "目标表正在审核中"),
    (Status.RETURNED, "目标表已被退回"),
])
@pytest.mark.parametrize("page", PAGES)
def test_pages_explain_instead_of_the_form(client, cast, xinfang, status, next_step, page):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=status)
    client.force_login(cast.alice)
    response = client.get(reverse(page, args=[xinfang.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "《信访事项经费》（2024年）项目绩效目标表尚未审核通过，不能填报运行监控和绩效自评" in html
    assert next_step in html
    assert "<form method=\"post\" id=" not in html


@pytest.mark.parametrize("page, data", [
    ("monitoring:report", {"budget": "181000", "spent": "50000", "save": "1"}),
    ("monitoring:evaluation", {"budget_full_year": "181000", "spent": "50000", "save": "1"}),
    ("monitoring:evaluation_preview", {"spent": "50000"}),
])
def test_nothing_is_saved_on_a_table_never_approved(client, cast, xinfang, page, data):
    client.force_login(cast.alice)
    response = client.post(reverse(page, args=[xinfang.pk]), data)
    assert response.status_code == 403
    assert not MonitoringReport.objects.exists() and not SelfEvaluation.objects.exists()


def test_approved_table_opens_the_forms_and_a_new_version_keeps_them_open(client, cast, xinfang, approve):
    approve(xinfang)
    client.force_login(cast.alice)
    assert 'id="monitoring-form"' in client.get(reverse("monitoring:report", args=[xinfang.pk])).content.decode()
    services.new_version(xinfang, cast.alice)  # a draft again, but a version of it was approved
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.DRAFT
    assert 'id="evaluation-form"' in client.get(reverse("monitoring:evaluation", args=[xinfang.pk])).content.decode()
