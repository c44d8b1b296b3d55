"""The API's docs page: Swagger UI (vendored from npm, scripts/vendor-swagger-ui.sh) on the schema."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


@require_GET
def docs(request):
    return render(request, "api/docs.html")


@csrf_exempt  # token-authenticated clients have no CSRF cookie; nothing is changed here
def unknown(request, rest: str = ""):
    """Any other address under /api/v1/: a JSON error like every API answer, not an HTML page."""
    return JsonResponse({"code": "not_found", "message": f"没有这个接口：/api/v1/{rest}（接口列表见 /api/v1/docs/）"},
                        status=404, json_dumps_params={"ensure_ascii": False})
