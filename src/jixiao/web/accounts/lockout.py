"""Login lockout (django-axes): per account and per address, each against its own limit.

An office may reach Jixiao from one address, so the address limit is higher than the account's;
django-axes compares one count with one limit, so the address count is scaled to the account limit.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from axes.handlers.database import AxesDatabaseHandler


class LoginAttempts(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        # One queryset per AXES_LOCKOUT_PARAMETERS entry, in order: username, then ip_address.
        by_account, by_address = (
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        )
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_FAILURES_PER_ADDRESS
        return max(by_account, scaled)


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the
    first of them saw (X-Forwarded-For entries before that one can be forged by the client)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    if settings.PROXY_COUNT and hops:
        return hops[-min(settings.PROXY_COUNT, len(hops))]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The Chinese page shown instead of the login form while locked out (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
