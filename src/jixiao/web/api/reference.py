"""Reference data and checks through the API: the 指标库, the rule sets, and review or scoring of a
posted document (nothing is stored)."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from jixiao.core.jsonio import document_from_dict
from jixiao.core.library.entry import STATUS_LABELS
from jixiao.core.library.search import search
from jixiao.core.model import CATEGORIES, ReadError
from jixiao.core.review import SEVERITY_LABELS, review_document
from jixiao.core.rules import RuleSetError, load
from jixiao.core.rules.loader import DEFAULT_NAME, available, names
from jixiao.core.scoring import ScoringError, evaluate_table
from jixiao.core.scoring.jsonform import inputs_from_dict, judged_from_dict, result_to_dict
from jixiao.core.scoring.reference import rule_sections
from jixiao.web.accounts.models import role_of
from jixiao.web.api.errors import ApiError
from jixiao.web.api.schemas import (
    Error, LibraryEntryOut, PostedDocument, ReviewOut, RuleSetDetail, RuleSetOut, ScoringOut,
)
from jixiao.web.library import access as library_access
from jixiao.web.library.convert import core_library
from jixiao.web.library.models import Entry
from jixiao.web.review.reports import rule_title

router = Router()

COMMON = {400: Error, 401: Error, 403: Error, 422: Error, 429: Error}


class LibraryPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[LibraryEntryOut]


class LibraryFilters(Schema):
    q: str | None = Field(None, description="检索词（中文或拼音首字母），按相关程度排序", max_length=100)
    category: str | None = Field(None, description="指标类别代码")
    status: str | None = Field(None, description="状态：proposed / active / retired")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=100)


class RulesChoice(Schema):
    rules: str | None = Field(None, description=f"规则集名称，默认 {DEFAULT_NAME}（见 /rule-sets）", max_length=50)


def _entry(row: Entry) -> dict:
    return {**{f: getattr(row, f) for f in LibraryEntryOut.model_fields if hasattr(row, f)},
            "status_label": row.status_label}


@router.get("/library", response={200: LibraryPage, **COMMON}, tags=["指标库"], summary="指标库条目")
def library(request, filters: Query[LibraryFilters]):
    """与指标库页面相同：可按类别、状态筛选；给出检索词时按相关程度排序（最多 50 条）。"""
    library_access.require(library_access.can_browse(request.user))
    rows = Entry.objects.all()
    if filters.category in CATEGORIES:
        rows = rows.filter(category=filters.category)
    if filters.status in STATUS_LABELS:
        rows = rows.filter(status=filters.status)
    query = (filters.q or "").strip()
    if query:
        codes = [hit.entry.code for hit in search(core_library(rows), query, limit=50)]
        by_code = rows.in_bulk(codes, field_name="code")
        found = [by_code[c] for c in codes if c in by_code]
    else:
        found = rows.order_by("category", "code")
    start = (filters.page - 1) * filters.page_size
    count = len(found) if query else found.count()
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "items": [_entry(r) for r in found[start:start + filters.page_size]]}


def _require_role(user) -> None:
    if role_of(user) is None:
        raise ApiError(403, "forbidden", "您的账户没有角色，请联系系统管理员")


def _rule_set(rules) -> dict:
    return {
        "name": rules.name, "title": rules.title, "jurisdiction": rules.jurisdiction, "version": rules.version,
        "summary": rules.summary, "default": rules.name == DEFAULT_NAME,
        "sources": [{"number": s.number, "title": s.title, "covers": s.covers} for s in rules.sources],
        "review_grades": [{"grade": g, "consequence": c} for g, c in rules.review_grades],
        "results_use": [{"grade": g, "consequence": c} for g, c in rules.results_use],
    }


def _shipped(name: str | None):
    """A shipped rule set by name; never a file path from the request."""
    name = name or DEFAULT_NAME
    if name not in names():
        raise ApiError(404, "not_found", f"没有名为“{name}”的规则集；可用：{'、'.join(names())}")
    try:
        return load(name)
    except RuleSetError as e:
        raise ApiError(409, "rules_error", str(e)) from None


@router.get("/rule-sets", response={200: list[RuleSetOut], **COMMON}, tags=["规则集"], summary="规则集列表")
def rule_sets(request):
    _require_role(request.user)
    return [_rule_set(r) for r in available()]


@router.get("/rule-sets/{name}", response={200: RuleSetDetail, **COMMON, 404: Error, 409: Error}, tags=["规则集"],
            summary="读取规则集")
def rule_set(request, name: str):
    _require_role(request.user)
    rules = _shipped(name)
    return {**_rule_set(rules), "rules": "\n".join(rule_sections(rules.scoring)),
            "scoring": rules.scoring.describe()}


def _document(body: PostedDocument):
    raw = body.dict(exclude_none=True)
    try:
        return raw, document_from_dict(raw, "请求")
    except ReadError as e:
        raise ApiError(422, "invalid", e.message) from None


@router.post("/review", response={200: ReviewOut, **COMMON, 404: Error, 409: Error}, tags=["审核与计分"],
             summary="审核一份文档（不保存）")
def review(request, body: PostedDocument, choice: Query[RulesChoice]):
    """按规则集的审核规则检查所给的每张目标表，返回审核发现；不保存任何内容。"""
    _require_role(request.user)
    rules = _shipped(choice.rules)
    _, doc = _document(body)
    reviews = review_document(doc, rules.review)
    return {"rules": rules.label, "tables": [{"name": r.name, "findings": [
        {**f.to_dict(), "rule_title": rule_title(f.rule), "severity_label": SEVERITY_LABELS[f.severity]}
        for f in r.findings]} for r in reviews]}


@router.post("/scoring", response={200: ScoringOut, **COMMON, 404: Error, 409: Error}, tags=["审核与计分"],
             summary="为一份绩效自评计分（不保存）")
def score(request, body: PostedDocument, choice: Query[RulesChoice]):
    """按规则集为所给的每张表计分（指标带实际完成值，表带 execution 预算执行），与 jixiao evaluate 相同；不保存任何内容。"""
    _require_role(request.user)
    rules = _shipped(choice.rules)
    raw, doc = _document(body)
    out = []
    for i, (table, data) in enumerate(zip(doc.tables, raw["tables"])):
        try:
            inputs, execution = inputs_from_dict(data, f"tables[{i}]")
            result = evaluate_table(table, inputs, execution, rules.scoring, judged_from_dict(data, f"tables[{i}]"))
        except ScoringError as err:
            where = f"第{i + 1}张表《{table.name or '未命名'}》"
            raise ApiError(422, "invalid", f"{where}：" + "；".join(e.message for e in err.errors)) from None
        out.append(result_to_dict(result, execution) | {"results_use": rules.results_use_of(result.grade)})
    return {"rules": rules.label, "tables": out}
