"""Strict checking on the edit page: flagged while typing, and an error blocks submission."""

from django.urls import reverse

from jixiao.web.review import services
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

from .forms import edit_data

CHECK = "/tables/check-target/"


def live(client, name, text, category="quality"):
    return client.get(CHECK, {"ind-3-annual_target": text, "ind-3-category": category, "ind-3-name": name}).content.decode()


def test_words_for_a_rate_are_shown_as_an_error_while_typing(client, cast):
    client.force_login(cast.alice)
    html = live(client, "上访人息诉罢访率", "大概八成左右吧")
    assert 'class="explain error"' in html and "ok" not in html
    assert "错误：</strong>指标值“大概八成左右吧”是文字表述；比率指标应写成百分比数值，如“≥80%”" in html
    # The same words on a benefit that is not a rate are not shown as fine either: they are words.
    html = live(client, "社会治理成效", "大概八成左右吧", "social")
    assert 'class="explain "' in html and "错误" not in html


def test_letter_and_over_100_and_direction_while_typing(client, cast):
    client.force_login(cast.alice)
    assert "请改为“≥90%”" in live(client, "宣传区域覆盖率", "≥9O%")
    assert "超过100%（120%）" in live(client, "群体性事件处置率", "≥120%")
    html = live(client, "宣传对象满意度", "≤80%", "satisfaction")
    assert 'class="explain warning"' in html and "警告：</strong>" in html and "应写下限，如“≥80%”" in html
    assert 'class="explain ok"' in live(client, "宣传对象满意度", "≥80%", "satisfaction")


def test_the_edit_page_checks_with_the_name_and_shows_stored_problems(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("targets:edit", args=[xinfang.pk])).content.decode()
    assert 'hx-include="#id_ind-0-category, #id_ind-0-name"' in html


def test_a_strict_error_blocks_submission_and_a_warning_needs_only_a_reason(client, cast, xinfang):
    client.force_login(cast.alice)

    def letter(rows):
        row = next(r for r in rows if r["name"] == "上访人息诉罢访率")
        row["annual_target"] = "≥9O%"

    assert client.post(reverse("targets:edit", args=[xinfang.pk]), edit_data(xinfang, letter)).status_code == 302
    findings = services.findings_of(xinfang)
    assert [(f.rule, f.severity) for f in findings if f.indicator == "上访人息诉罢访率"] == [("form.digit-lookalike", "error")]
    page = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert "中有字母混作数字，请改为“≥90%”" in page
    explain = {f"explain-{f.key}": "说明" for f in services.warnings_of(findings)}
    response = client.post(reverse("review:explain", args=[xinfang.pk]), {**explain, "submit": "1"})
    assert [str(m) for m in response.wsgi_request._messages] == ["审核发现 1 个错误，请先修改目标表再提交审核。"]
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.DRAFT

    def upper_bound(rows):  # the letter corrected as suggested, a comparator turned round elsewhere
        next(r for r in rows if r["name"] == "上访人息诉罢访率")["annual_target"] = "≥90%"
        row = next(r for r in rows if r["name"] == "信访宣传制品质量达标率")
        row["annual_target"] = row["period_target"] = "≤90%"

    table = TargetTable.objects.get(pk=xinfang.pk)
    assert client.post(reverse("targets:edit", args=[table.pk]), edit_data(table, upper_bound)).status_code == 302
    findings = services.findings_of(table)
    assert [(f.rule, f.severity) for f in findings if f.indicator == "信访宣传制品质量达标率"] == [
        ("form.comparator-direction", "warning")] * 2
    explain = {f"explain-{f.key}": "按上级要求设定" for f in services.warnings_of(findings)}
    response = client.post(reverse("review:explain", args=[table.pk]), {**explain, "submit": "1"})
    assert [str(m) for m in response.wsgi_request._messages][-1] == "已提交审核。"
    assert TargetTable.objects.get(pk=table.pk).status == Status.SUBMITTED
