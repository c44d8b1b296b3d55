"""The table page follows the official layout, with merged 一级/二级 cells."""

import re

from django.urls import reverse

from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets import layout


def test_xinfang_shows_its_20_indicators_in_official_layout(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    source = next(t for t in read_document(DEMO_DOCUMENT).tables if t.name == "信访事项经费")
    assert html.count('data-indicator="') == 20
    for label in ("项目名称", "项目类型", "主管部门", "用款单位", "实施周期", "2024年预算金额（元）",
                  "实施周期总目标", "2024年度目标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "当年度指标值"):
        assert label in html, label
    for ind in source.indicators:
        assert ind.name in html
    assert source.goals.annual in html


def test_level_cells_are_merged_like_on_paper(cast, xinfang):
    rows = layout.grid(xinfang)
    spans = [r.level1_span for r in rows]
    assert sum(spans) == len(rows)  # every row is covered by exactly one 一级 cell
    assert sum(r.level2_span for r in rows) == len(rows)
    output = [r for r in rows if r.level1 == "产出指标"]
    assert output[0].level1_span == len(output) > 1
    assert all(r.level1_span == 0 for r in output[1:])
    assert len([r for r in rows if r.indicator]) == 20


def test_rowspans_in_html_match_grid(client, cast, xinfang):
    client.force_login(cast.rita)
    html = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    rows = layout.grid(xinfang)
    assert f'<th rowspan="{len(rows) + 1}">绩效指标</th>' in html
    spans = [int(s) for s in re.findall(r'<td rowspan="(\d+)" class="lvl l[12]">', html)]
    assert sorted(spans) == sorted([r.level1_span for r in rows if r.level1_span] + [r.level2_span for r in rows if r.level2_span])


def test_page_is_printable_and_offline(client, cast, xinfang):
    client.force_login(cast.alice)
    html = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert "data-print" in html and "/static/jixiao/print.js" in html  # no inline script (CSP)
    assert b"window.print()" in b"".join(client.get("/static/jixiao/print.js").streaming_content)
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    css = b"".join(client.get("/static/jixiao/site.css").streaming_content)
    assert b"@media print" in css
    assert client.get("/static/jixiao/htmx.min.js").status_code == 200
