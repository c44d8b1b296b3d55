"""Organisations (主管部门, 用款单位) and each user's role."""

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db import models


class Department(models.Model):
    """主管部门: the supervising department."""

    name = models.CharField("名称", max_length=200, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "主管部门"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """用款单位: the spending unit; it belongs to one department."""

    name = models.CharField("名称", max_length=200, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name="主管部门"
    )

    class Meta:
        verbose_name = verbose_name_plural = "用款单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    STAFF = "staff", "单位填报人员"
    REVIEWER = "reviewer", "财政审核人员"
    ADMIN = "admin", "系统管理员"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices, default=Role.STAFF)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, verbose_name="所属单位",
        help_text="单位填报人员必须属于一个用款单位。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


def role_of(user) -> str | None:
    """The user's role; superusers are administrators even without a profile."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    try:
        return profile.role if profile else None
    except Profile.DoesNotExist:
        return None


def unit_of(user) -> Unit | None:
    try:
        return user.profile.unit
    except (Profile.DoesNotExist, AttributeError):
        return None


class LoginLock(AccessAttempt):
    """django-axes' failed-login counts, shown to administrators in Chinese (deleting one unlocks)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "登录锁定"


class LoginRecord(AccessLog):
    """django-axes' record of successful logins."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "登录记录"


class ApiToken(models.Model):
    """A user's token for the JSON API (/api/v1/): shown once when created, stored only as its SHA-256
    digest (tokens are 256 random bits, so a fast hash is enough); revoking keeps the row for the record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("令牌开头", max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.name}）"
