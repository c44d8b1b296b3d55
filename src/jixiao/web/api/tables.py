"""Target tables through the API: list and read (what the pages show the user), create and update
drafts (the edit page's validation and optimistic lock: ``targets.editing``), submit (the review
workflow), and read a table's monitoring reports and self-evaluation."""

from __future__ import annotations

from typing import Literal

from django.db import transaction
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from jixiao.core.jsonio import target_to_dict
from jixiao.core.numbers import plain
from jixiao.core.scoring import ScoringError
from jixiao.web.accounts.models import Role, Unit, role_of, unit_of
from jixiao.web.api.errors import ApiError
from jixiao.web.api.schemas import (
    DraftCreate, DraftUpdate, Error, EvaluationOut, MonitoringReportOut, TableDetail, TableFacts, TableSummary,
    UnitOut,
)
from jixiao.web.monitoring import access as monitoring_access, scoring, sheet
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.review import access as review_access, services
from jixiao.web.targets import access, convert, creating
from jixiao.web.targets.editing import StaleVersion, save_edit
from jixiao.web.targets.forms import IndicatorFormSet, TableForm
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.views import edit_problems

router = Router(tags=["目标表"])

COMMON = {400: Error, 401: Error, 422: Error, 429: Error}
READ = {**COMMON, 404: Error}
WRITE = {**READ, 403: Error, 409: Error}


class TablePage(Schema):
    count: int = Field(description="符合条件的目标表总数")
    page: int
    page_size: int
    items: list[TableSummary]


class TableFilters(Schema):
    year: int | None = Field(None, description="预算年度")
    unit: int | None = Field(None, description="用款单位 id")
    status: Literal["draft", "submitted", "returned", "approved"] | None = Field(None, description="状态")
    type: str | None = Field(None, description="项目类型", max_length=200)
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=100)


def summary(t: TargetTable) -> dict:
    p = t.project
    return {
        "id": t.pk, "year": t.year, "name": p.name, "type": p.type, "level": p.level, "subject": p.subject,
        "department": p.unit.department.name, "unit": p.unit.name, "unit_id": p.unit_id,
        "budget": None if t.budget is None else plain(t.budget), "status": t.status, "status_label": t.status_label,
        "version": t.version, "updated_at": t.updated_at.isoformat(),
    }


def detail(user, t: TargetTable) -> dict:
    p = t.project
    return {
        **summary(t), "period_start": p.period_start, "period_end": p.period_end,
        "goal_period": t.goal_period, "goal_annual": t.goal_annual, "editable": access.can_edit(user, t),
        "indicators": [{
            "id": r.pk, "level1": r.level1, "level2": r.level2, "category": r.category, "name": r.name,
            "period_target": target_to_dict(convert.target_of(r, "period")),
            "annual_target": target_to_dict(convert.target_of(r, "annual")), "entry_code": r.entry_code,
        } for r in t.indicators.all()],
    }


@router.get("/units", response={200: list[UnitOut], **COMMON}, summary="用款单位")
def units(request):
    """当前用户可查看的用款单位（单位填报人员：本单位；审核人员和管理员：全部），供筛选和新建时使用其 id。"""
    own = access.unit_filter(request.user)
    rows = Unit.objects.select_related("department").order_by("department__name", "name")
    if own is not None:
        rows = rows.filter(pk=own)
    if role_of(request.user) is None:
        rows = rows.none()
    return [{"id": u.pk, "name": u.name, "department_id": u.department_id, "department": u.department.name}
            for u in rows]


@router.get("/tables", response={200: TablePage, **COMMON}, summary="目标表列表")
def list_tables(request, filters: Query[TableFilters]):
    """当前用户在页面上能看到的目标表（单位填报人员：本单位；审核人员和管理员：全部），可筛选、分页。"""
    tables = access.visible_tables(request.user)
    if filters.year is not None:
        tables = tables.filter(year=filters.year)
    if filters.unit is not None:
        tables = tables.filter(project__unit_id=filters.unit)
    if filters.status:
        tables = tables.filter(status=filters.status)
    if filters.type:
        tables = tables.filter(project__type=filters.type)
    count = tables.count()
    start = (filters.page - 1) * filters.page_size
    # Sort and cut narrow rows (ids), then load that page: a deep page sorts thousands of rows.
    ids = list(tables.order_by("project__unit__name", "project__name", "year", "id")
               .values_list("id", flat=True)[start:start + filters.page_size])
    by_id = tables.in_bulk(ids)
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "items": [summary(by_id[pk]) for pk in ids]}


@router.get("/tables/{int:table_id}", response={200: TableDetail, **READ}, summary="读取目标表")
def read_table(request, table_id: int):
    return detail(request.user, access.get_table_for_user(request.user, table_id))


def _problems(form, formset=None) -> ApiError:
    return ApiError(422, "invalid", "；".join(p.message for p in edit_problems(form, formset)))


def _validated(body: TableFacts, version: int, table=None) -> tuple[dict, list[dict]]:
    """The edit page's own forms check the posted facts and rows: the same rules, the same messages.
    ``table`` (an update): its stored facts stay valid choices, and those the API does not carry are kept."""
    data = {k: "" if v is None else v for k, v in body.dict(exclude={"indicators"}, exclude_unset=True).items()}
    initial = TableForm.initial_for(table) if table is not None else {}
    for name in TableForm.base_fields.keys() - data.keys() - {"version"}:
        data[name] = "" if initial.get(name) is None else initial[name]
    form = TableForm({**data, "version": version}, initial=initial)
    rows = {"ind-TOTAL_FORMS": len(body.indicators), "ind-INITIAL_FORMS": 0, "ind-MIN_NUM_FORMS": 0,
            "ind-MAX_NUM_FORMS": 1000}
    for n, row in enumerate(body.indicators):
        for key, value in row.dict().items():
            rows[f"ind-{n}-{key}"] = "" if value is None else value
        rows[f"ind-{n}-ORDER"] = n + 1
    formset = IndicatorFormSet(rows, prefix="ind")
    if not (form.is_valid() and formset.is_valid()):
        raise _problems(form, formset)
    return form.cleaned_data, [f.cleaned_data for f in formset.ordered_forms if f.cleaned_data.get("name")]


@router.post("/tables", response={201: TableDetail, **WRITE}, summary="新建目标表草稿")
def create_draft(request, body: DraftCreate):
    """新建一张草稿，与“新建目标表”页面相同的权限和校验（同一单位、项目和年度已有目标表时返回 422），
    再按编辑页面的规则保存所给的目标和指标。"""
    if not access.can_create(request.user):
        raise ApiError(403, "forbidden", "只有单位填报人员和系统管理员可以新建目标表")
    own = unit_of(request.user)
    if role_of(request.user) == Role.STAFF and body.unit_id is not None and body.unit_id != own.id:
        raise ApiError(403, "forbidden", f"您只能为本单位（{own.name}）新建目标表")
    form = creating.NewTableForm({"name": body.name, "unit": body.unit_id or "", "year": body.year, "type": body.type,
                                  "level": body.level, "subject": body.subject}, user=request.user)
    if not form.is_valid():
        raise _problems(form)
    facts, rows = _validated(body, version=1)
    with transaction.atomic():
        table = creating.create_blank(form, request.user)
        if table is None:
            raise ApiError(409, "exists", " ".join(str(e) for e in form.errors.get("name", [])))
        table = save_edit(table, {**facts, "version": table.version}, rows, set(), request.user)
    return Status(201, detail(request.user, access.get_table_for_user(request.user, table.pk)))


@router.put("/tables/{int:table_id}", response={200: TableDetail, **WRITE}, summary="修改目标表草稿")
def update_draft(request, table_id: int, body: DraftUpdate):
    """整表替换草稿或已退回的目标表：列出的指标按顺序保存（带 id 的保留其身份），未列出的已有指标删除。
    version 必须是读取时的版本号，否则返回 409（他人已保存），不会覆盖任何内容。"""
    table = access.get_rw_table_for_user(request.user, table_id)
    facts, rows = _validated(body, version=body.version, table=table)
    existing = set(table.indicators.values_list("id", flat=True))
    kept = {r["id"] for r in rows if r.get("id")}
    try:
        save_edit(table, facts, rows, existing - kept, request.user)
    except StaleVersion as e:
        who = e.table.updated_by.get_full_name() or e.table.updated_by.username if e.table.updated_by else "他人"
        raise ApiError(409, "stale_version",
                       f"这张目标表已由{who}于 {e.table.updated_at:%Y-%m-%d %H:%M} 保存为第 {e.table.version} 版，"
                       f"您的修改基于第 {body.version} 版，未保存；请重新读取后再修改") from None
    return detail(request.user, access.get_table_for_user(request.user, table_id))


@router.post("/tables/{int:table_id}/submit", response={200: TableDetail, **WRITE}, summary="提交审核")
def submit_table(request, table_id: int):
    """草稿或已退回 → 已提交。仍有审核错误或未说明的警告时返回 409 并列出原因。"""
    subject = review_access.get_subject_for(request.user, "table", table_id, "submit")
    try:
        services.submit(subject, request.user)
    except services.SubmissionBlocked as e:
        raise ApiError(409, "blocked", "不能提交审核：" + " ".join(p.message for p in e.problems)) from None
    except services.WorkflowError as e:
        raise ApiError(409, "conflict", str(e)) from None
    return detail(request.user, access.get_table_for_user(request.user, table_id))


@router.get("/tables/{int:table_id}/monitoring", response={200: list[MonitoringReportOut], **READ},
            summary="运行监控报告")
def read_monitoring(request, table_id: int):
    """这张目标表的各期运行监控（按截止日期），与运行监控页面所示相同：预算执行灯、指标灯及偏差说明。"""
    table = monitoring_access.get_table_for_user(request.user, table_id)
    rows = scoring.indicator_rows(table)
    out = []
    for report in table.monitoring_reports.order_by("cutoff"):
        entries = {e.indicator_id: e for e in report.entries.all()}
        data = sheet.report_data(scoring.monitor(report, rows, entries))
        out.append({**data, "id": report.pk, "status": report.status, "status_label": report.status_label,
                    "execution": {k: v or "" for k, v in data["execution"].items()}})
    return out


@router.get("/tables/{int:table_id}/evaluation", response={200: EvaluationOut, **READ, 409: Error},
            summary="绩效自评")
def read_evaluation(request, table_id: int):
    """这张目标表的绩效自评表（得分、等级、计分说明），与自评表页面所示相同。"""
    table = monitoring_access.get_table_for_user(request.user, table_id)
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    if evaluation is None:
        raise Http404("这张目标表还没有填报绩效自评")
    try:
        data = sheet.frozen(evaluation)["sheet"]
    except ScoringError as err:
        raise ApiError(409, "scoring_error", f"绩效自评有错误，无法计分：{err.message}") from None
    return {**data, "id": evaluation.pk, "status": evaluation.status, "status_label": evaluation.status_label,
            "grade": data["grade"] or ""}

