"""Pages never show internals: no review rule id (``consistency.implied-cost-under-budget``), no
citation code (``[C S-mof2024]``, ``[U]``, ``domain-rules §3.3``, "Jixiao 做法"), no ``None`` for a
missing year, no indicator listed as "／name" with its category missing."""

import re

import pytest
from django.urls import reverse

from jixiao.core.review import RULES
from jixiao.web.review import services
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

RULE_ID = re.compile("|".join(re.escape(rule) for rule in RULES))
CITATION_CODE = re.compile(r"\[(?:[CUI]|[CI] S-[\w-]+)\]|domain-rules|§|Jixiao")


def shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_clean(html, url):
    assert not RULE_ID.search(html), (url, RULE_ID.search(html).group())
    assert "None" not in html, url
    assert not CITATION_CODE.search(html), (url, CITATION_CODE.search(html))


def test_review_pages_show_rule_titles_not_ids(client, cast, xinfang):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)
    findings = services.findings_of(xinfang)
    assert "consistency.implied-cost-under-budget" in {f.rule for f in findings}  # the demo's warning
    client.force_login(cast.rita)
    urls = [reverse("targets:detail", args=[xinfang.pk]), reverse("review:queue"),
            f"{reverse('review:report')}?unit={cast.unit_a.pk}&year=2024"]
    for url in urls:
        html = shown(client, url)
        assert_clean(html, url)
    page = shown(client, urls[0])
    assert RULES["consistency.implied-cost-under-budget"].title in page
    assert "依据：《中央部门预算绩效目标管理办法》（财预〔2015〕88号）" in page  # the regulation by its official name
    version = services.approve(TargetTable.objects.get(pk=xinfang.pk), cast.rita)
    url = reverse("review:version", args=[version.pk])
    html = shown(client, url)
    assert_clean(html, url)
    assert RULES["consistency.implied-cost-under-budget"].title in html


def test_reviewer_lists_indicators_with_their_category(client, cast, xinfang):
    TargetTable.objects.filter(pk=xinfang.pk).update(status=Status.SUBMITTED)
    client.force_login(cast.rita)
    html = shown(client, reverse("targets:detail", args=[xinfang.pk]))
    options = re.findall(r'<option value="\d+">([^<]*)</option>', html)
    assert "成本指标／预算执行率（%）" in options  # a 成本 row has no 二级: its 一级 names it
    assert not [o for o in options if o.startswith("／")]


@pytest.mark.parametrize("page, title", [
    ("monitoring:overview", "<h1>运行监控</h1>"),
    ("monitoring:evaluation_summary", "<h1>绩效自评汇总</h1>"),
    ("review:report", "<h1>东莞市东坑镇另一单位 项目绩效目标审核报告</h1>"),
    ("targets:list", "<h1>项目绩效目标表</h1>"),
])
def test_a_unit_without_tables_sees_no_none(client, cast, page, title):
    client.force_login(cast.bob)  # UNIT_B has no table yet
    html = shown(client, reverse(page))
    assert title in html
    assert_clean(html, page)
