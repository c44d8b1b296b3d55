from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from jixiao.web.accounts.models import Department, Profile, Unit


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
admin.site.site_header = admin.site.site_title = "绩效目标管理 · 系统管理"
admin.site.index_title = "系统管理"
