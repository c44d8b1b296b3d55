"""API tokens: created and revoked by their user on 我的账户, checked by the JSON API."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from jixiao.web.accounts.models import ApiToken

PREFIX = "jx_"
MAX_ACTIVE = 10
LAST_USED_EVERY = timedelta(minutes=1)  # write last_used_at at most this often


class TokenRefused(Exception):
    """Why a token cannot be created (Chinese)."""


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the token itself, which is never shown again."""
    name = (name or "").strip()[:100]
    if not name:
        raise TokenRefused("请填写令牌的用途，例如“预算一体化平台对接”")
    if active(user).count() >= MAX_ACTIVE:
        raise TokenRefused(f"每个账户最多 {MAX_ACTIVE} 个有效令牌，请先撤销不再使用的令牌")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], digest=_digest(raw))
    return token, raw


def active(user):
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def revoke(user, pk: int) -> bool:
    return bool(active(user).filter(pk=pk).update(revoked_at=timezone.now()))


def authenticate(raw: str) -> ApiToken | None:
    """The live token ``raw`` stands for (its user active), or None."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = (ApiToken.objects.select_related("user__profile__unit")
             .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True).first())
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
