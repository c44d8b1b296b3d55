"""The public 公开 portal: anonymous visitors reach approved tables and self-evaluations only.

The demo is put through the workflow here: 信访事项经费 approved with an approved self-evaluation,
法学会经费 approved, 综合经费 approved then withheld (涉密), 维稳专项经费 submitted, 基层防线办经费
returned with a comment, 中立法律服务社经费 approved then reopened as a new draft and changed; the rest
are drafts. A crawl of every link from /gongkai/ must find exactly the public ones.
"""

import io
import re
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.portal import published
from jixiao.web.portal.models import Withholding
from jixiao.web.review import services
from jixiao.web.targets.models import TargetTable

from .test_csp import inline_parts
from .test_evaluation_demo import form_data
from .test_no_internals import assert_clean

SECRET_COMMENT = "内部审核意见：预算测算依据不足"
SECRET_REASON = "涉及维稳部署，依法不予公开"
DRAFT_GOAL = "修订中的年度目标草稿内容"


def _table(name):
    return TargetTable.objects.get(project__name=name)


@pytest.fixture
def portal(client, cast, approve):
    xinfang = approve(_table("信访事项经费"))
    client.force_login(cast.alice)
    response = client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), {**form_data(xinfang), "submit": "1"})
    assert response.status_code == 302
    services.approve(SelfEvaluation.objects.get(table=xinfang), cast.rita, text=SECRET_COMMENT)
    approve(_table("法学会经费"))
    withheld = approve(_table("综合经费"))
    published.withhold(withheld, SECRET_REASON, cast.adam)
    TargetTable.objects.filter(project__name="维稳专项经费（常）").update(status="submitted")
    returned = _table("基层防线办经费（常）")
    returned.status = "submitted"
    returned.save()
    services.return_table(returned, cast.rita, SECRET_COMMENT)
    reopened = approve(_table("中立法律服务社经费"))
    services.new_version(reopened, cast.alice)
    TargetTable.objects.filter(pk=reopened.pk).update(goal_annual=DRAFT_GOAL)
    client.logout()
    return {"public": {xinfang.pk, _table("法学会经费").pk}, "evaluated": {xinfang.pk}}


def _links(html: str, base: str) -> set[str]:
    return {urljoin(base, href.replace("&amp;", "&")) for href in re.findall(r'href="([^"#]*)', html)}


def crawl(client, start="/gongkai/"):
    """Every page and file reachable anonymously from ``start`` through links under /gongkai/."""
    seen, todo, pages = set(), [start], {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response
        if response["Content-Type"].startswith("text/html"):
            todo += [u for u in _links(response.content.decode(), url) if u.startswith("/gongkai/")]
    return pages


def _private_words(cast):
    names = [u.username for u in (cast.alice, cast.bob, cast.rita, cast.adam)]
    return [*names, *(n.title() for n in names), SECRET_COMMENT, SECRET_REASON, DRAFT_GOAL, "情况说明", "审核意见"]


def test_crawl_reaches_exactly_the_public_records_and_nothing_personal(client, cast, portal):
    pages = crawl(client)
    tables = {int(m[1]) for u in pages if (m := re.fullmatch(r"/gongkai/tables/(\d+)/", u))}
    evaluations = {int(m[1]) for u in pages if (m := re.fullmatch(r"/gongkai/evaluations/(\d+)/", u))}
    assert tables == portal["public"]
    assert evaluations == portal["evaluated"]
    downloads = {u for u in pages if re.fullmatch(r"/gongkai/(tables|evaluations)/\d+/(pdf|xlsx)/", u)}
    assert len(downloads) == 2 * len(tables) + 2 * len(evaluations)
    unpublished = TargetTable.objects.exclude(pk__in=portal["public"] | portal["evaluated"])
    hidden_names = [t.project.name for t in unpublished]
    assert len(hidden_names) == 10
    for url, response in pages.items():
        if url.endswith("/xlsx/"):
            workbook = load_workbook(io.BytesIO(response.content))
            text = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value)
            assert "用款单位" in text or "实施单位" in text, url
        elif url.endswith("/pdf/"):
            assert response.content.startswith(b"%PDF")
            continue
        else:
            text = response.content.decode()
            assert_clean(text, url)
            assert inline_parts(text) == [], url
        for word in [*_private_words(cast), *hidden_names]:
            assert word not in text, (url, word)
    index = pages["/gongkai/"].content.decode()
    assert "信访事项经费" in index and "法学会经费" in index


def test_no_unpublished_record_is_reachable_by_guessing(client, portal):
    for table in TargetTable.objects.exclude(pk__in=portal["public"]):
        for name in ("table", "table_file"):
            for args in ([table.pk], [table.pk, "pdf"], [table.pk, "xlsx"]):
                if (name == "table") == (len(args) == 1):
                    assert client.get(reverse(f"portal:{name}", args=args)).status_code == 404
    for table in TargetTable.objects.exclude(pk__in=portal["evaluated"]):
        assert client.get(reverse("portal:evaluation", args=[table.pk])).status_code == 404
        assert client.get(reverse("portal:evaluation_file", args=[table.pk, "pdf"])).status_code == 404
    pk = next(iter(portal["public"]))
    assert client.get(reverse("portal:table_file", args=[pk, "json"])).status_code == 404


def test_a_reopened_evaluation_leaves_the_portal(client, cast, portal):
    evaluation = SelfEvaluation.objects.get()
    services.new_version(evaluation, cast.alice)
    assert client.get(reverse("portal:evaluation", args=[evaluation.table_id])).status_code == 404
    assert not any("/gongkai/evaluations/" in u for u in crawl(client))


def test_search_and_filters(client, cast, portal):
    names = lambda r: [t.project.name for t in r.context["page_obj"]]  # noqa: E731
    assert sorted(names(client.get("/gongkai/"))) == ["信访事项经费", "法学会经费"]
    assert names(client.get("/gongkai/", {"q": "信访"})) == ["信访事项经费"]
    assert names(client.get("/gongkai/", {"q": "东坑镇综合治理"})) != []
    assert names(client.get("/gongkai/", {"unit": cast.unit_b.pk})) == []
    assert names(client.get("/gongkai/", {"department": cast.unit_a.department_id, "year": "2024"})) != []
    assert names(client.get("/gongkai/", {"year": "1999"})) == []
    assert client.get("/gongkai/", {"year": "x", "unit": "y", "page": "z", "q": "a" * 500}).status_code == 200


def test_public_table_page_is_the_official_layout(client, portal):
    pk = TargetTable.objects.get(project__name="信访事项经费").pk
    page = client.get(reverse("portal:table", args=[pk])).content.decode()
    assert 'id="target-table"' in page and "信访宣传活动次数" in page and "≥4次" in page
    assert "修改记录" not in page and "编辑" not in page
    sheet = client.get(reverse("portal:evaluation", args=[pk])).content.decode()
    assert 'id="self-evaluation"' in sheet and "89.19" in sheet


def test_withholding_through_the_admin_site_is_audited(client, cast, portal):
    table = TargetTable.objects.get(project__name="法学会经费")
    client.force_login(cast.adam)
    response = client.post("/admin/portal/withholding/add/", {"table": table.pk, "reason": "  "})
    assert response.status_code == 200 and not Withholding.objects.filter(table=table).exists()
    response = client.post("/admin/portal/withholding/add/", {"table": table.pk, "reason": "涉密：依法不予公开"})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(table_id=table.pk, source="不予公开").get()
    assert entry.user == cast.adam
    assert entry.after == {"公开": "不予公开（涉密）", "不予公开理由": "涉密：依法不予公开"}
    client.logout()
    assert client.get(reverse("portal:table", args=[table.pk])).status_code == 404
    client.force_login(cast.adam)
    withholding = Withholding.objects.get(table=table)
    response = client.post(f"/admin/portal/withholding/{withholding.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(table_id=table.pk, source="恢复公开", user=cast.adam).exists()
    client.logout()
    assert client.get(reverse("portal:table", args=[table.pk])).status_code == 200


def test_withholding_is_for_administrators_only(client, cast, portal):
    for user in (cast.alice, cast.rita):
        client.force_login(user)
        assert client.get("/admin/portal/withholding/add/").status_code == 302


def test_the_demo_sample_year_publishes_exactly_its_approved_tables(client, cast):
    """`setupdemo`'s sample year (approved, returned, submitted and draft tables, approved evaluations,
    review comments): the portal shows the approved ones and nothing of the rest."""
    from jixiao.web.dashboards import lifecycle

    tables = list(TargetTable.objects.order_by("pk"))
    played = lifecycle.play(tables, cast.alice, cast.rita)
    assert played.approved and played.returned and played.submitted
    pages = crawl(client)
    reached = {int(m[1]) for u in pages if (m := re.fullmatch(r"/gongkai/tables/(\d+)/", u))}
    evaluated = {int(m[1]) for u in pages if (m := re.fullmatch(r"/gongkai/evaluations/(\d+)/", u))}
    assert reached == {t.pk for t in played.approved}
    assert evaluated == set(SelfEvaluation.objects.filter(status="approved").values_list("table_id", flat=True))
    assert len(evaluated) == played.evaluations
    hidden = [t.project.name for t in played.returned + played.submitted + played.drafts]
    private = [*_private_words(cast), lifecycle.RETURN_COMMENT, lifecycle.APPROVE_COMMENT, lifecycle.EXPLANATION]
    for url, response in pages.items():
        if response["Content-Type"].startswith("text/html"):
            text = response.content.decode()
            for word in [*private, *hidden]:
                assert word not in text, (url, word)
