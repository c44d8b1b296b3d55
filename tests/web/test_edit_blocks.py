"""An indicator added on the edit page joins its category's block (产出 → 成本 → 效益 → 满意度, in the
table's order of blocks); within a block the user's order holds. Positions are stored, so the page,
the .xlsx, the .pdf and the 自评表 all show one block per 一级 label."""

import io
from itertools import groupby

from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.targets.models import Indicator

from .forms import edit_data


def add(table, *new_rows):
    """The edit form with ``new_rows`` appended at the end, as the 添加指标 button does."""
    def change(rows):
        for n, row in enumerate(new_rows, len(rows) + 1):
            rows.append({"id": "", "period_target": "", "ORDER": n, **row})
    return edit_data(table, change)


def names(table):
    return list(Indicator.objects.filter(table=table).order_by("position").values_list("name", flat=True))


def level1_blocks(table):
    """The 一级 labels of the stored rows in order, one entry per run of equal labels."""
    rows = Indicator.objects.filter(table=table).order_by("position")
    return [label for label, _ in groupby(rows.values_list("level1", flat=True))]


def test_added_rows_join_their_blocks_on_every_output(client, cast, xinfang):
    client.force_login(cast.alice)
    before = names(xinfang)
    max_pk = max(Indicator.objects.values_list("pk", flat=True))
    data = add(xinfang,
               {"category": "quantity", "name": "法律咨询服务人次", "annual_target": "≥200人次"},
               {"category": "social", "name": "信访积案化解率", "annual_target": "≥80%"},
               {"category": "cost", "name": "单场宣传活动成本", "annual_target": "≤5000元/场"})
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), data).status_code == 302

    after = names(xinfang)
    # each after the last row of its own 二级 category: 数量 (5th), 成本 (after 单价), 社会效益 (after 引导群众依法上访)
    assert after == (before[:5] + ["法律咨询服务人次"] + before[5:15] + ["单场宣传活动成本"] + before[15:17]
                     + ["信访积案化解率"] + before[17:])
    added = {r.name: (r.level1, r.level2) for r in Indicator.objects.filter(table=xinfang, pk__gt=max_pk)}
    assert added == {"法律咨询服务人次": ("产出指标", "数量指标"), "单场宣传活动成本": ("成本指标", ""),
                     "信访积案化解率": ("效益指标", "社会效益指标")}
    assert level1_blocks(xinfang) == ["产出指标", "成本指标", "效益指标", "满意度指标"]

    # The table page draws one merged 产出指标 cell over its 14 rows.
    html = client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert html.count(">产出指标<") == 1 and 'rowspan="14"' in html

    # The .xlsx download follows the stored positions: one merged 产出指标 range covering the new row.
    xlsx = client.get(reverse("documents:table", args=[xinfang.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[1]  # after the 汇总 sheet
    cells = [(c.coordinate, c.value) for row in sheet.iter_rows() for c in row if c.value in ("产出指标", "法律咨询服务人次")]
    assert [v for _, v in cells] == ["产出指标", "法律咨询服务人次"]
    output = next(r for r in sheet.merged_cells.ranges if r.start_cell.coordinate == cells[0][0])
    new_row = sheet[cells[1][0]].row
    assert output.min_row < new_row <= output.max_row


def test_a_block_the_table_lacks_goes_where_the_official_order_puts_it(client, cast, xinfang):
    client.force_login(cast.alice)

    def drop_cost(rows):
        for row in rows:
            if row["category"] == "cost":
                row["DELETE"] = "on"

    data = edit_data(xinfang, drop_cost)
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), data).status_code == 302
    assert level1_blocks(xinfang) == ["产出指标", "效益指标", "满意度指标"]
    xinfang.refresh_from_db()  # the next version
    data = add(xinfang, {"category": "cost", "name": "单场宣传活动成本", "annual_target": "≤5000元/场"})
    assert client.post(reverse("targets:edit", args=[xinfang.pk]), data).status_code == 302
    assert level1_blocks(xinfang) == ["产出指标", "成本指标", "效益指标", "满意度指标"]
    assert names(xinfang)[13] == "单场宣传活动成本"


def test_within_a_block_the_users_order_holds(client, cast, xinfang):
    client.force_login(cast.alice)
    before = names(xinfang)

    def place(rows):
        # a new 数量 row moved up (↑) to the top of the table, and the first two rows swapped
        rows.append({"id": "", "category": "quantity", "name": "法律咨询服务人次", "period_target": "",
                     "annual_target": "≥200人次", "ORDER": 0})
        rows[0]["ORDER"], rows[1]["ORDER"] = 2, 1

    assert client.post(reverse("targets:edit", args=[xinfang.pk]), edit_data(xinfang, place)).status_code == 302
    assert names(xinfang)[:3] == ["法律咨询服务人次", before[1], before[0]]
    assert level1_blocks(xinfang) == ["产出指标", "成本指标", "效益指标", "满意度指标"]
