from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.web.audit.models import AuditEntry
from jixiao.web.targets import access

HISTORY_LIMIT = 500


@login_required
def table_history(request, pk: int):
    table = access.get_table_for_user(request.user, pk)
    entries = AuditEntry.objects.filter(table_id=table.pk).select_related("user")[:HISTORY_LIMIT]
    since = request.GET.get("since")
    return render(request, "audit/table_history.html", {
        "table": table, "entries": entries, "since": int(since) if (since or "").isdigit() else None,
    })
