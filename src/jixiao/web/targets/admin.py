from django.contrib import admin

from jixiao.web.targets.models import Choice


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ("label", "field", "position")
    list_filter = ("field",)
    list_editable = ("position",)
    search_fields = ("label",)
