"""Reviewer diffs: each submission keeps the table as submitted; the table page shows what changed
since the previous submission, and which 审核意见 were answered."""

import re

from django.urls import reverse

from jixiao.core.jsonio import table_from_dict
from jixiao.web.review import services
from jixiao.web.review.models import Transition
from jixiao.web.targets.models import TargetTable
from tests.web.forms import edit_data


def explain_all(table) -> dict:
    return {f"explain-{f.key}": f"说明：{f.rule}" for f in services.warnings_of(services.findings_of(table))}


def submit(client, table):
    assert client.post(reverse("review:explain", args=[table.pk]), {**explain_all(table), "submit": "1"}).status_code == 302


def page(client, table) -> str:
    return client.get(reverse("targets:detail", args=[table.pk])).content.decode()


def returned(client, cast, table, text, indicator=None):
    client.force_login(cast.rita)
    data = {"text": text, **({"indicator": indicator.pk} if indicator else {})}
    assert client.post(reverse("review:return", args=[table.pk]), data).status_code == 302


def test_each_submission_keeps_the_table_as_submitted(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    step = Transition.objects.get(table=xinfang, step="submit")
    kept = table_from_dict(step.snapshot)
    assert kept.name == "信访事项经费" and len(kept.indicators) == 20
    assert kept.indicators[4].annual_target.text == "32000份"


def test_reviewer_sees_what_changed_between_two_submissions(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    assert 'id="submission-changes"' not in page(client, xinfang)  # a first submission has nothing to compare with
    client.force_login(cast.rita)
    client.post(reverse("review:comment", args=[xinfang.pk]), {"text": "整体请再核对一次。"})
    copies = xinfang.indicators.get(name="信访宣传制品数量")
    returned(client, cast, xinfang, "信访宣传制品数量偏少，请核实。", copies)
    returned_comment = xinfang.review_comments.get(step="return")

    client.force_login(cast.alice)
    table = TargetTable.objects.get(pk=xinfang.pk)

    def change(rows):
        rows[4]["annual_target"] = "35000份"
        rows[4]["period_target"] = "35000份"
        rows[2]["DELETE"] = "on"  # 驻点信访维稳工作专班
    data = edit_data(table, change)
    data["goal_annual"] = "加强信访宣传，全年发放宣传制品35000份。"
    assert client.post(reverse("targets:edit", args=[table.pk]), data).status_code == 302
    unit_view = page(client, table)
    assert "上次提交以来的修改" in unit_view
    assert "指标删除 1 项、修改 1 项" in unit_view
    submit(client, table)

    client.force_login(cast.rita)
    html = page(client, table)
    changes = html[html.index('id="submission-changes"'):html.index("<h2>审核意见")]
    assert "与上一次提交相比的变化" in html and "1 项基本信息修改；指标删除 1 项、修改 1 项" in changes
    assert re.search(r"年度目标</th><td class=\"before\">[^<]*</td><td class=\"after\">加强信访宣传", changes)
    assert re.search(r"数量指标／信访宣传制品数量.*?实施周期指标值</td><td class=\"before\">32000份</td>"
                     r"<td class=\"after\">35000份</td>", changes, re.S)
    assert re.search(r"数量指标／驻点信访维稳工作专班</th><td[^>]*><span class=\"outcome change-removed\">删除", changes)
    # the returned comment on the changed indicator counts as answered by the change; the other is not
    assert "已回复 0 条，指标已修改 1 条，未回复 1 条" in html
    marks = {text: item for item in html.split('<li class="comment">')[1:]
             for text in ("整体请再核对一次。", returned_comment.text) if text in item}
    assert '<span class="badge answer">未回复</span>' in marks["整体请再核对一次。"]
    assert '<span class="badge answer">指标已修改</span>' in marks[returned_comment.text]


def test_a_reply_answers_a_comment(client, cast, xinfang):
    client.force_login(cast.alice)
    submit(client, xinfang)
    returned(client, cast, xinfang, "请补充宣传活动的安排。")
    comment = xinfang.review_comments.get()
    client.force_login(cast.alice)
    client.post(reverse("review:reply", args=[comment.pk]), {"text": "已在年度目标中补充。"})
    html = page(client, xinfang)
    assert "已回复 1 条，指标已修改 0 条，未回复 0 条" in html
    assert "上次提交以来的修改" in html and "内容与上次提交时相同" in html
