"""系统管理 (the Django admin) for administrators only, with the app's one login page.

Everyone signs in on the app's login page (with its lockout rules); the admin's own login page never
shows: anyone not signed in is sent there, and a signed-in user without admin rights goes back to the
app with a message instead of being asked to sign in again as someone else.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

NO_ADMIN_RIGHTS = "您没有系统管理权限，已返回首页；如需管理用户或单位，请联系系统管理员。"


class JixiaoAdminSite(admin.AdminSite):
    site_header = site_title = "绩效目标管理 · 系统管理"
    index_title = "系统管理"

    def login(self, request, extra_context=None):
        wanted = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = ""
        wanted = wanted or reverse("admin:index", current_app=self.name)
        return self._elsewhere(request, wanted) or redirect(wanted)

    def admin_view(self, view, cacheable=False):
        """Each admin page sends whoever may not use it straight to the app, not via the admin login."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            return self._elsewhere(request, request.get_full_path()) or inner(request, *args, **kwargs)

        return guarded

    def _elsewhere(self, request, wanted: str):
        """Where to send someone who may not use the admin (None when they may)."""
        if not request.user.is_authenticated:
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': wanted})}")
        if not self.has_permission(request):
            messages.warning(request, NO_ADMIN_RIGHTS)
            return redirect(settings.LOGIN_REDIRECT_URL)
        return None
