"""The demo's sample 佐证记录: 信访事项经费 2024 takes three actuals from them, each record marked as sample."""

from jixiao.web.evidence import actuals, demo
from jixiao.web.evidence.models import Record


def test_demo_records_give_three_actuals_once(demo_tables, client, cast):
    from django.urls import reverse

    from jixiao.web.targets.models import TargetTable

    [line] = demo.load_demo()
    assert "11 条示例记录，3 个指标" in line
    table = TargetTable.objects.get(project__name="信访事项经费", year=2024)
    rows = list(table.indicators.all())
    found = {link.link.indicator.name: link.actual.text for link in actuals.linked_actuals(rows).values()}
    # 39,600 元 ÷ 32,000 份 = 1.2375 → 1.24; the target is 1.25元/份 and 32000份
    assert found == {"信访宣传活动次数": "5次", "信访宣传制品数量": "32000份", "信访宣传制品单价": "1.24元/份"}
    assert all("示例数据" in r.note for r in Record.objects.all())
    assert demo.load_demo() == [] and Record.objects.count() == 11
    client.force_login(cast.alice)
    page = client.get(reverse("evidence:detail", args=[Record.objects.first().pk]))  # a record nobody entered
    assert page.status_code == 200 and "示例数据" in page.content.decode()
