from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from jixiao.web.accounts.models import Department, LoginLock, LoginRecord, Profile, Unit


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "department"]
    list_filter = ["department"]
    search_fields = ["name"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class JixiaoUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "is_active", "is_staff", "role", "unit"]

    @admin.display(description="角色")
    def role(self, user):
        return getattr(getattr(user, "profile", None), "get_role_display", lambda: "")()

    @admin.display(description="所属单位")
    def unit(self, user):
        return getattr(getattr(user, "profile", None), "unit", "")


admin.site.unregister(User)
admin.site.register(User, JixiaoUserAdmin)


class _LoginAdmin(admin.ModelAdmin):
    search_fields = ["username", "ip_address"]
    list_filter = ["attempt_time"]

    @admin.display(description="用户名", ordering="username")
    def account(self, obj):
        return obj.username

    @admin.display(description="网络地址", ordering="ip_address")
    def address(self, obj):
        return obj.ip_address

    @admin.display(description="时间", ordering="attempt_time")
    def when(self, obj):
        return obj.attempt_time

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LoginLock)
class LoginLockAdmin(_LoginAdmin):
    list_display = ["account", "address", "failures", "when"]

    @admin.display(description="连续输错次数", ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start


@admin.register(LoginRecord)
class LoginRecordAdmin(_LoginAdmin):
    list_display = ["account", "address", "when", "logged_out"]

    @admin.display(description="退出时间", ordering="logout_time")
    def logged_out(self, obj):
        return obj.logout_time
