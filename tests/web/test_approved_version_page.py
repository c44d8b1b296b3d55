"""An approved version's page draws its frozen copy in the official layout of the live table page."""

import re

from django.urls import reverse

from jixiao.web.review import services
from jixiao.web.targets import layout
from jixiao.web.review.models import ApprovedVersion
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.workflow import Status


def level_cells(html: str) -> list[tuple[int, str]]:
    return [(int(span), text) for span, text in re.findall(r'<td rowspan="(\d+)" class="lvl l[12]">([^<]*)</td>', html)]


def target_cells(html: str) -> list[str]:
    return re.findall(r'<td class="target" title="[^"]*"[^>]*>([^<]*)</td>', html)


def expected_cells(rows) -> list[tuple[int, str]]:
    cells = []
    for r in rows:
        if r.level1_span:
            cells.append((r.level1_span, r.level1))
        if r.level2_span:
            cells.append((r.level2_span, r.level2))
    return cells


def approve(table, reviewer) -> ApprovedVersion:
    TargetTable.objects.filter(pk=table.pk).update(status=Status.SUBMITTED)
    return services.approve(TargetTable.objects.get(pk=table.pk), reviewer)


def test_version_page_merges_level_cells_like_the_table_page(client, cast, xinfang):
    rows = layout.grid(xinfang)
    version = approve(xinfang, cast.rita)
    client.force_login(cast.alice)
    html = client.get(reverse("review:version", args=[version.pk])).content.decode()
    live = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()

    assert f'<th rowspan="{len(rows) + 1}">绩效指标</th>' in html
    assert level_cells(html) == expected_cells(rows) == level_cells(live)
    output = [c for c in level_cells(html) if c[1] == "产出指标"]
    assert output and output[0][0] > 1
    assert target_cells(html) == [text for i in xinfang.indicators.all() for text in (i.period_text, i.annual_text)]
    assert target_cells(html) == target_cells(live)


def test_version_page_keeps_the_frozen_layout_after_the_table_changes(client, cast, xinfang):
    before = expected_cells(layout.grid(xinfang))
    version = approve(xinfang, cast.rita)
    services.new_version(TargetTable.objects.get(pk=xinfang.pk), cast.alice)
    Indicator.objects.filter(table=xinfang, level1="产出指标").delete()
    client.force_login(cast.alice)
    html = client.get(reverse("review:version", args=[version.pk])).content.decode()
    live = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert level_cells(html) == before
    assert level_cells(live) != before
