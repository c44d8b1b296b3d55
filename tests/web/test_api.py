"""The JSON API (/api/v1/) on the demo: tokens, the pages' permission rules, the edit page's lock and
validation, the workflow, reference data, errors as {"code", "message"} in Chinese, the rate limit."""

import json

import pytest
from django.urls import reverse

from jixiao.core.jsonio import document_to_dict
from jixiao.core.io import read_document
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.accounts import tokens
from jixiao.web.accounts.models import ApiToken
from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets.models import TargetTable

API = "/api/v1"


class Api:
    """Requests with one user's token, answers as (status, JSON)."""

    def __init__(self, client, user):
        self.client = client
        self.token = tokens.create(user, "测试")[1] if user is not None else ""

    def __call__(self, method, path, body=None, **params):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if method == "get":
            response = self.client.get(API + path, params, headers=headers)
        else:
            query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
            response = getattr(self.client, method)(API + path + query, json.dumps(body) if body is not None else "",
                                                    content_type="application/json", headers=headers)
        return response.status_code, response.json()


@pytest.fixture
def as_user(client, cast):
    return lambda name: Api(client, getattr(cast, name) if name else None)


def assert_error(answer, status, code):
    got, body = answer
    assert (got, body["code"]) == (status, code), body
    assert set(body) == {"code", "message"} and any("\u4e00" <= c <= "\u9fff" for c in body["message"]), body


def test_token_is_shown_once_and_stored_hashed(client, cast):
    client.force_login(cast.alice)
    page = client.post(reverse("token_create"), {"name": "一体化平台"}).content.decode()
    raw = page.split('<code class="token">')[1].split("<")[0]
    assert raw.startswith("jx_") and len(raw) > 40
    stored = ApiToken.objects.get(user=cast.alice)
    assert raw not in (stored.digest, stored.prefix) and raw.startswith(stored.prefix)
    again = client.get(reverse("account")).content.decode()
    assert raw not in again and "一体化平台" in again and stored.prefix in again
    assert client.get(f"{API}/tables", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    client.post(reverse("token_revoke", args=[stored.pk]))
    assert_error((lambda r: (r.status_code, r.json()))(
        client.get(f"{API}/tables", headers={"Authorization": f"Bearer {raw}"})), 401, "unauthorized")
    assert client.post(reverse("token_create"), {"name": " "}).status_code == 400


def test_nobody_revokes_another_users_token(client, cast):
    token, raw = tokens.create(cast.alice, "a")
    client.force_login(cast.bob)
    client.post(reverse("token_revoke", args=[token.pk]))
    assert tokens.authenticate(raw) is not None


def test_without_a_token_everything_is_401(as_user, cast, xinfang):
    anonymous = as_user(None)
    for path in ("/tables", f"/tables/{xinfang.pk}", "/library", "/rule-sets"):
        assert_error(anonymous("get", path), 401, "unauthorized")
    assert_error(anonymous("post", "/review", {"tables": [{}]}), 401, "unauthorized")


def test_token_of_unit_a_cannot_read_unit_b(as_user, cast, xinfang):
    alice, bob = as_user("alice"), as_user("bob")
    status, page = alice("get", "/tables", year=2024)
    assert status == 200 and page["count"] == 12 and {t["unit"] for t in page["items"]} == {cast.unit_a.name}
    status, page = bob("get", "/tables")
    assert (status, page["count"], page["items"]) == (200, 0, [])
    for path in (f"/tables/{xinfang.pk}", f"/tables/{xinfang.pk}/monitoring", f"/tables/{xinfang.pk}/evaluation"):
        assert_error(bob("get", path), 404, "not_found")
    assert_error(bob("put", f"/tables/{xinfang.pk}", {"name": "x", "version": 1, "indicators": []}), 404, "not_found")
    assert_error(bob("post", f"/tables/{xinfang.pk}/submit"), 404, "not_found")


def test_reviewer_reads_every_unit_but_never_edits(as_user, xinfang):
    rita = as_user("rita")
    status, table = rita("get", f"/tables/{xinfang.pk}")
    assert status == 200 and table["name"] == "信访事项经费" and len(table["indicators"]) == 20
    assert table["editable"] is False
    assert_error(rita("put", f"/tables/{xinfang.pk}", {"name": "x", "version": table["version"], "indicators": []}),
                 403, "forbidden")
    assert_error(rita("post", "/tables", {"name": "新项目", "year": 2025}), 403, "forbidden")


def test_units_are_those_the_user_may_see(as_user, cast):
    assert [u["name"] for u in as_user("alice")("get", "/units")[1]] == [cast.unit_a.name]
    assert [u["name"] for u in as_user("bob")("get", "/units")[1]] == [cast.unit_b.name]
    assert {u["name"] for u in as_user("rita")("get", "/units")[1]} == {cast.unit_a.name, cast.unit_b.name}


def test_filters_and_pagination(as_user, cast):
    alice = as_user("alice")
    status, page = alice("get", "/tables", page_size=5, page=3)
    assert (page["count"], len(page["items"]), page["page"]) == (12, 2, 3)
    names = [t["name"] for p in (1, 2, 3) for t in alice("get", "/tables", page_size=5, page=p)[1]["items"]]
    assert len(set(names)) == 12
    assert alice("get", "/tables", status="approved")[1]["count"] == 0
    assert alice("get", "/tables", status="draft", year=2024, unit=cast.unit_a.pk)[1]["count"] == 12
    assert alice("get", "/tables", year=2023)[1]["count"] == 0
    some_type = TargetTable.objects.first().project.type
    assert alice("get", "/tables", type=some_type)[1]["count"] == TargetTable.objects.filter(project__type=some_type).count()
    assert_error(alice("get", "/tables", year="二〇二四"), 422, "invalid")
    assert_error(alice("get", "/tables", page=0), 422, "invalid")


def _body(table: dict) -> dict:
    return {
        "name": table["name"], "type": table["type"], "level": table["level"], "subject": table["subject"],
        "budget": table["budget"],
        "period_start": table["period_start"], "period_end": table["period_end"],
        "goal_period": table["goal_period"], "goal_annual": table["goal_annual"], "version": table["version"],
        "indicators": [{"id": i["id"], "category": i["category"], "name": i["name"],
                        "period_target": (i["period_target"] or {}).get("text", ""),
                        "annual_target": (i["annual_target"] or {}).get("text", "")} for i in table["indicators"]],
    }


def test_update_uses_the_edit_pages_lock_and_audit(as_user, cast, xinfang):
    alice = as_user("alice")
    _, table = alice("get", f"/tables/{xinfang.pk}")
    body = _body(table)
    body["indicators"][1]["annual_target"] = "≥6次"
    del body["indicators"][-1]
    status, saved = alice("put", f"/tables/{xinfang.pk}", body)
    assert status == 200, saved
    assert saved["version"] == table["version"] + 1 and len(saved["indicators"]) == 19
    assert saved["indicators"][1]["annual_target"]["value"] == "6"
    assert [i["id"] for i in saved["indicators"]] == [i["id"] for i in table["indicators"][:-1]]
    entries = AuditEntry.objects.filter(table_id=xinfang.pk, user=cast.alice, source="网页编辑")
    assert {e.action for e in entries} == {"change", "delete"}
    assert_error(alice("put", f"/tables/{xinfang.pk}", body), 409, "stale_version")  # the old version again
    assert TargetTable.objects.get(pk=xinfang.pk).version == saved["version"]
    # Facts left out keep their values; the indicator list is required (leaving it out deletes nothing).
    status, kept = alice("put", f"/tables/{xinfang.pk}", {"version": saved["version"], "name": "信访事项经费",
                                                          "indicators": _body(saved)["indicators"]})
    assert status == 200 and (kept["budget"], kept["goal_annual"]) == (saved["budget"], saved["goal_annual"])
    assert_error(alice("put", f"/tables/{xinfang.pk}", {"version": kept["version"], "name": "x"}), 422, "invalid")


def test_update_is_validated_like_the_page(as_user, xinfang):
    alice = as_user("alice")
    _, table = alice("get", f"/tables/{xinfang.pk}")
    status, error = alice("put", f"/tables/{xinfang.pk}", {**_body(table), "period_start": 2026, "period_end": 2024})
    assert (status, error["code"]) == (422, "invalid") and "到期年度：到期年度不能早于起始年度" in error["message"]
    status, error = alice("put", f"/tables/{xinfang.pk}", {**_body(table), "budget": "-5"})
    assert error["message"] == "请求有误：年度预算金额（元）：格式不对"
    body = _body(table)
    body["indicators"][2]["name"] = ""
    assert alice("put", f"/tables/{xinfang.pk}", body)[1]["message"] == "请求有误：第 3 个指标的三级指标：不能为空"
    body = {**_body(table), "indicators": [{"name": "", "category": "nonsense"}]}
    assert_error(alice("put", f"/tables/{xinfang.pk}", body), 422, "invalid")
    assert TargetTable.objects.get(pk=xinfang.pk).version == table["version"]


def test_submitted_or_approved_tables_are_locked(as_user, xinfang, approve):
    alice = as_user("alice")
    _, table = alice("get", f"/tables/{xinfang.pk}")
    approve(xinfang)
    status, error = alice("put", f"/tables/{xinfang.pk}", _body(table))
    assert (status, error["code"]) == (403, "forbidden") and "已审核通过" in error["message"]


def test_create_a_draft_and_refuse_a_duplicate(as_user, cast):
    from jixiao.web.targets.forms import seed_choices
    from jixiao.web.targets.models import Choice

    seed_choices()  # the administrator's lists as setupdemo starts them
    alice = as_user("alice")
    kind = Choice.objects.create(field="type", label="部门职能类").label  # the administrator's list
    status, error = alice("post", "/tables", {"name": "社区矫正经费", "year": 2025, "type": "自拟类型"})
    assert status == 422 and "项目类型" in error["message"]  # the administrator's list, as on the page
    body = {"name": "社区矫正经费", "year": 2025, "budget": "50000", "type": kind,
            "goal_annual": "完成社区矫正对象帮教", "indicators": [
                {"category": "quantity", "name": "帮教人次", "annual_target": "≥120人次"},
                {"category": "satisfaction", "name": "服务对象满意度", "annual_target": "≥90%"}]}
    status, table = alice("post", "/tables", body)
    assert status == 201, table
    assert (table["unit"], table["status"], table["budget"], len(table["indicators"])) == (
        cast.unit_a.name, "draft", "50000", 2)
    assert table["indicators"][0]["level1"] == "产出指标" and table["indicators"][0]["annual_target"]["op"] == ">="
    assert AuditEntry.objects.filter(table_id=table["id"], action="create", source="网页新建").exists()
    status, error = alice("post", "/tables", body)
    assert (status, error["code"]) == (422, "invalid") and "已有“社区矫正经费”2025年目标表" in error["message"]
    assert_error(alice("post", "/tables", {**body, "unit_id": cast.unit_b.pk}), 403, "forbidden")
    assert_error(alice("post", "/tables", {**body, "year": 3000}), 422, "invalid")
    status, table = as_user("adam")("post", "/tables", {**body, "unit_id": cast.unit_b.pk})
    assert status == 201 and table["unit"] == cast.unit_b.name
    assert as_user("bob")("get", f"/tables/{table['id']}")[0] == 200


def test_submit_goes_through_the_workflow(as_user, cast, xinfang):
    alice = as_user("alice")
    status, error = alice("post", f"/tables/{xinfang.pk}/submit")
    assert (status, error["code"]) == (409, "blocked") and "情况说明" in error["message"]
    from jixiao.web.review import services

    services.save_explanations(xinfang, cast.alice, {
        f.key: "按上年实际测算" for f in services.warnings_of(services.findings_of(xinfang))})
    status, table = alice("post", f"/tables/{xinfang.pk}/submit")
    assert (status, table["status"], table["status_label"]) == (200, "submitted", "已提交")
    assert_error(alice("post", f"/tables/{xinfang.pk}/submit"), 403, "forbidden")


def test_monitoring_and_evaluation_as_the_pages_show_them(client, as_user, cast, xinfang, approve):
    from .test_evaluation_demo import form_data

    alice = as_user("alice")
    assert alice("get", f"/tables/{xinfang.pk}/monitoring") == (200, [])
    assert_error(alice("get", f"/tables/{xinfang.pk}/evaluation"), 404, "not_found")
    approve(xinfang)
    client.force_login(cast.alice)
    assert client.post(reverse("monitoring:evaluation", args=[xinfang.pk]), form_data(xinfang)).status_code == 302
    status, evaluation = as_user("rita")("get", f"/tables/{xinfang.pk}/evaluation")
    assert status == 200 and (evaluation["total"], evaluation["grade"], evaluation["status"]) == ("89.19", "良", "draft")
    assert len(evaluation["lines"]) == 20


def test_library_and_rule_sets(as_user):
    from jixiao.web.library.services import load_core_set

    load_core_set()
    alice = as_user("alice")
    status, page = alice("get", "/library", q="满意度")
    assert status == 200 and page["count"] > 0 and "满意度" in page["items"][0]["name"]
    status, page = alice("get", "/library", category="satisfaction", page_size=3)
    assert len(page["items"]) <= 3 and {e["category"] for e in page["items"]} == {"satisfaction"}
    status, sets = alice("get", "/rule-sets")
    assert status == 200 and [s["name"] for s in sets if s["default"]] == ["central-2020"]
    status, central = alice("get", "/rule-sets/central-2020")
    assert status == 200 and "优" in central["rules"] and central["review_grades"]
    assert_error(alice("get", "/rule-sets/..%2F..%2Fetc%2Fpasswd"), 404, "not_found")


def test_review_and_scoring_of_a_posted_document_store_nothing(as_user):
    alice = as_user("alice")
    document = document_to_dict(read_document(DEMO_DOCUMENT))
    before = TargetTable.objects.count(), AuditEntry.objects.count()
    status, review = alice("post", "/review", document)
    assert status == 200 and len(review["tables"]) == 12
    findings = [f for t in review["tables"] for f in t["findings"]]
    assert findings and all(f["rule_title"] and f["severity_label"] for f in findings)
    xinfang = next(t for t in document["tables"] if t["name"] == "信访事项经费")
    for ind in xinfang["indicators"]:
        ind["actual"] = (ind["annual_target"] or ind["period_target"] or {}).get("text") or "达成"
        ind["rating"] = "met"
    xinfang["execution"] = {"budget_initial": "181000", "budget_full_year": "181000", "spent": "171950"}
    status, scored = alice("post", "/scoring", {"tables": [xinfang]})
    assert status == 200, scored
    assert scored["tables"][0]["budget"]["rate"] == "0.9500" and scored["tables"][0]["grade"]
    assert (TargetTable.objects.count(), AuditEntry.objects.count()) == before
    assert_error(alice("post", "/review", {"tables": []}), 422, "invalid")
    assert_error(alice("post", "/review", {"tables": [{}]}, rules="nonexistent"), 404, "not_found")
    status, error = alice("post", "/scoring", {"tables": [{"name": "甲", "indicators": [{"name": "x", "weight": "abc"}]}]})
    assert (status, error["code"]) == (422, "invalid") and "甲" in error["message"]


def test_malformed_json_is_a_chinese_error(client, cast):
    raw = tokens.create(cast.alice, "t")[1]
    response = client.post(f"{API}/review", "{not json", content_type="application/json",
                           headers={"Authorization": f"Bearer {raw}"})
    body = response.json()
    assert response.status_code in (400, 422) and set(body) == {"code", "message"}, body


def test_rate_limit_per_token(as_user, settings):
    settings.JIXIAO_API_RATE = "3/m"
    alice, rita = as_user("alice"), as_user("rita")
    assert [alice("get", "/rule-sets")[0] for _ in range(3)] == [200, 200, 200]
    assert_error(alice("get", "/rule-sets"), 429, "rate_limited")
    assert rita("get", "/rule-sets")[0] == 200  # another token has its own count


def test_schema_and_offline_docs_page(client, cast):
    from .test_csp import inline_parts

    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.") and len(schema["paths"]) == 11
    client.force_login(cast.alice)
    page = client.get(f"{API}/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and inline_parts(html) == []
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "/static/api/swagger-ui/swagger-ui-bundle.js" in html
    assert client.get("/static/api/swagger-ui/swagger-ui-bundle.js").status_code == 200
