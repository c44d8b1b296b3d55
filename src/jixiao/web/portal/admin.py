"""不予公开 in the administrators' site: every decision (and its reason) goes through ``published``,
which writes it into the table's 修改记录."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from jixiao.web.portal import published
from jixiao.web.portal.models import Withholding


@admin.register(Withholding)
class WithholdingAdmin(admin.ModelAdmin):
    list_display = ("table", "reason", "by", "at")
    search_fields = ("table__project__name", "table__project__unit__name", "reason")
    raw_id_fields = ("table",)
    readonly_fields = ("by", "at")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "table") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        try:
            saved = published.withhold(obj.table, obj.reason, request.user)
        except ValueError as e:
            raise ValidationError(str(e)) from None
        obj.pk, obj.by, obj.at = saved.pk, saved.by, saved.at

    def delete_model(self, request, obj):
        published.release(obj.table, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("table__project"):
            published.release(obj.table, request.user)
