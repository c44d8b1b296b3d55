"""我的账户: who I am, when I last logged in (and from where), failed attempts since, password change."""

from django.contrib.auth import views as auth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from axes.helpers import get_client_session_hash
from axes.models import AccessFailureLog, AccessLog

from jixiao.web.accounts import tokens
from jixiao.web.accounts.models import ApiToken, unit_of


def previous_login(request) -> AccessLog | None:
    """The user's last successful login before the current session."""
    return (AccessLog.objects.filter(username=request.user.get_username())
            .exclude(session_hash=get_client_session_hash(request)).order_by("-attempt_time").first())


@login_required
def account(request, new_token: str = "", token_error: str = "", status: int = 200):
    previous = previous_login(request)
    failures = AccessFailureLog.objects.filter(username=request.user.get_username())
    if previous is not None:
        failures = failures.filter(attempt_time__gt=previous.attempt_time)
    return render(request, "accounts/account.html", {
        "previous": previous, "unit": unit_of(request.user),
        "failures": failures.count(), "last_failure": failures.order_by("-attempt_time").first(),
        "tokens": ApiToken.objects.filter(user=request.user), "new_token": new_token, "token_error": token_error,
    }, status=status)


@login_required
@require_POST
def token_create(request):
    """A new API token, shown on the page this once (only its digest is stored)."""
    try:
        _, raw = tokens.create(request.user, request.POST.get("name", ""))
    except tokens.TokenRefused as e:
        return account(request, token_error=str(e), status=400)
    return account(request, new_token=raw)


@login_required
@require_POST
def token_revoke(request, pk: int):
    if tokens.revoke(request.user, pk):
        messages.success(request, "令牌已撤销，使用它的程序将无法再访问。")
    return redirect("account")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        from django.contrib import messages

        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)
