"""The JSON API under /api/v1/ (django-ninja): token authentication, a rate limit per token, and
every error as ``{"code", "message"}`` with a Chinese message. Who may do what is decided by the
pages' own access modules (``targets.access``, ``review.access``, ``monitoring.access``,
``library.access``); the endpoints call them and add no rule of their own."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from jixiao.web.accounts import tokens
from jixiao.web.api.errors import ApiError
from jixiao.web.targets.forms import IndicatorForm, TableForm


class TokenAuth(HttpBearer):
    openapi_description = "我的账户页面创建的接口令牌：Authorization: Bearer jx_…"

    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:
            return None
        request.user = found.user  # the same user object the pages' access modules are asked about
        return found


class PerToken(SimpleRateThrottle):
    """``JIXIAO_API_RATE`` requests per token (e.g. 120/m), counted in Django's default cache, which
    every server process shares (a database table, or Redis: settings.CACHES), so the limit holds for
    the site, not per process. Two requests of one token at the very same instant in two processes may
    both be let through (the count is read, then written): the limit is exact to within that."""

    def __init__(self):
        super().__init__(rate="120/m")  # replaced by the setting on every request (tests change it)

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.JIXIAO_API_RATE)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "auth", None)
        return f"jixiao-api-rate-{token.digest}" if token is not None else None


api = NinjaAPI(
    title="预算绩效管理系统数据接口",
    version="1",
    description="项目绩效目标表、运行监控、绩效自评、指标库和规则集的 JSON 接口。说明见 docs/api.md。",
    urls_namespace="api",
    docs_url=None,  # served by our own page with the vendored Swagger UI (views.docs)
    auth=TokenAuth(),
    throttle=[PerToken()],
)


def _error(request, status: int, code: str, message: str, **headers):
    response = api.create_response(request, {"code": code, "message": message}, status=status)
    for k, v in headers.items():
        response[k] = v
    return response


TABLE_LABELS = {**{k: f.label for k, f in TableForm.base_fields.items()}, "year": "预算年度", "unit_id": "用款单位",
                "version": "版本号", "indicators": "指标"}
ROW_LABELS = {k: f.label or k for k, f in IndicatorForm.base_fields.items()}
KINDS = [  # pydantic error type (prefix) → what is wrong, in Chinese
    ("missing", "缺少此项"), ("string_pattern_mismatch", "格式不对"), ("string_too_short", "不能为空"),
    ("string_too_long", "太长"), ("too_long", "项数太多"), ("too_short", "项数太少"), ("greater_than", "太小"),
    ("less_than", "太大"), ("literal_error", "不是可选的值"), ("int", "应为整数"), ("float", "应为数字"),
    ("string", "应为文字"), ("bool", "应为 true 或 false"), ("list", "应为列表"), ("model", "应为对象"),
    ("dict", "应为对象"), ("json_invalid", "不是有效的 JSON"),
]


def _where(loc) -> str:
    """A pydantic error location as the edit page names it: 到期年度, 第 2 个指标的三级指标, else the JSON path."""
    parts = [p for p in loc if p not in ("body", "query", "path", "payload", "filters", "choice")]
    if len(parts) == 1 and parts[0] in TABLE_LABELS:
        return TABLE_LABELS[parts[0]]
    if len(parts) == 3 and parts[0] == "indicators" and isinstance(parts[1], int) and parts[2] in ROW_LABELS:
        return f"第 {parts[1] + 1} 个指标的{ROW_LABELS[parts[2]]}"
    return ".".join(str(p) for p in parts) or "请求"


def _validation_message(errors) -> str:
    messages = []
    for e in errors[:5]:
        kind = e.get("type", "")
        what = next((text for prefix, text in KINDS if kind.startswith(prefix)), "格式不对")
        messages.append(f"{_where(e.get('loc', ()))}：{what}")
    return "请求有误：" + "；".join(messages)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    return _error(request, 422, "invalid", _validation_message(exc.errors))


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return _error(request, 401, "unauthorized", "缺少有效的接口令牌：请在请求头 Authorization: Bearer 中给出"
                                                "“我的账户”页面创建的令牌（已撤销的令牌不能再用）")


@api.exception_handler(Throttled)
def throttled(request, exc: Throttled):
    wait = int(exc.wait or 60) + 1
    return _error(request, 429, "rate_limited", f"请求过于频繁：每个令牌每分钟最多 {settings.JIXIAO_API_RATE.split('/')[0]} 次，"
                                                f"请 {wait} 秒后再试", **{"Retry-After": str(wait)})


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", str(exc) or "没有找到，或您无权查看")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, "forbidden", str(exc) or "没有权限")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if exc.status_code == 400:  # ninja: a body that is not JSON
        return _error(request, 400, "bad_request", "请求体不是有效的 JSON（应为 UTF-8 编码的 JSON 对象）")
    return _error(request, exc.status_code, "bad_request" if exc.status_code < 500 else "error", str(exc))


def register_routers() -> None:
    from jixiao.web.api import reference, tables

    api.add_router("/", tables.router)
    api.add_router("/", reference.router)


register_routers()
