"""The review report of a unit and year: every table's status and findings, counts by severity and rule."""

import re

from django.urls import reverse

from jixiao.core.io import read_document
from jixiao.core.review import count_findings, review_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.review import services


def demo_counts():
    return count_findings([f for r in review_document(read_document(DEMO_DOCUMENT)) for f in r.findings])


def get_report(client, cast):
    return client.get(reverse("review:report"), {"unit": cast.unit_a.pk, "year": 2024})


def test_report_counts_match_the_core_review_of_the_demo(client, cast):
    client.force_login(cast.rita)
    report = get_report(client, cast).context["report"]
    expected = demo_counts()
    assert len(report.tables) == 12
    assert report.by_severity == expected["severity"]
    assert {rule: n for rule, _, _, n in report.by_rule} == expected["rule"]
    assert report.by_severity["error"] > 0
    saohei = next(e for e in report.tables if e.table.project.name == "扫黑除恶专项斗争工作经费")
    assert saohei.counts["error"] == 1
    assert [f.rule for f, _ in saohei.findings if f.severity == "error"] == ["form.cost-lower-bound"]


def test_report_page_lists_statuses_findings_and_explanations(client, cast, xinfang):
    key = services.warnings_of(services.findings_of(xinfang))[0].key
    services.save_explanations(xinfang, cast.alice, {key: "其余资金用于信访接待场所运行。"})
    services.submit(xinfang, cast.alice)
    client.force_login(cast.alice)
    page = get_report(client, cast).content.decode()
    assert "东莞市东坑镇综合治理办公室 2024年度项目绩效目标审核报告" in page
    assert "已提交 1 张" in page and "草稿 11 张" in page
    assert "其余资金用于信访接待场所运行。" in page
    assert "6 × 45,000 = 270,000" in page  # the cost arithmetic finding of 横沥检察室补助经费
    assert page.count('class="tbl"') == 12
    [href] = re.findall(r'<link rel="stylesheet" href="([^"]*review\.css)"', page)
    css = b"".join(client.get(href).streaming_content)  # the stylesheet the page links, as served
    assert b"@media print" in css


def test_staff_report_defaults_to_own_unit(client, cast):
    client.force_login(cast.alice)
    response = client.get(reverse("review:report"))
    assert response.context["unit"] == cast.unit_a
    assert response.context["report"] is not None
    client.force_login(cast.bob)
    response = client.get(reverse("review:report"))
    assert response.context["unit"] == cast.unit_b and response.context["report"] is None
    assert 'id="no-tables"' in response.content.decode()


def test_reviewer_reads_any_unit(client, cast):
    client.force_login(cast.rita)
    response = client.get(reverse("review:report"))  # the only unit with tables is chosen for them
    assert [u.name for u in response.context["units"]] == [cast.unit_a.name]
    assert response.context["unit"] == cast.unit_a and len(response.context["report"].tables) == 12
    response = client.get(reverse("review:report"), {"unit": cast.unit_b.pk, "year": 2024})
    assert response.context["unit"] == cast.unit_b and response.context["report"].tables == []
