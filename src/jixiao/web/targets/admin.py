from django import forms
from django.contrib import admin
from django.utils import timezone

from jixiao.web import concurrency
from jixiao.web.targets.models import Choice

STALE = "stale"


def stale_message(current: Choice) -> str:
    who = (current.updated_by.get_full_name() or current.updated_by.username) if current.updated_by else "其他管理员"
    when = timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S")
    return (f"保存被拒绝：您打开本页后，{who} 于 {when} 已修改了这个选项（现为第 {current.version} 版："
            f"{current.get_field_display()}“{current.label}”，顺序 {current.position}）。为避免覆盖对方的修改，"
            "您填写的内容没有保存，仍保留在下方；请重新打开本页查看后再修改。")


class ChoiceForm(forms.ModelForm):
    """The change form remembers the version it was opened at; a save after someone else's is refused."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Choice
        fields = ["field", "label", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if self.instance.pk is not None and opened is not None:
            current = Choice.objects.select_related("updated_by").get(pk=self.instance.pk)
            if current.version != opened:
                raise forms.ValidationError(stale_message(current), code=STALE)
        return cleaned


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    form = ChoiceForm
    list_display = ("label", "field", "position", "updated_at", "updated_by")
    list_filter = ("field",)
    search_fields = ("label",)
    # No list_editable: a change is made on the option's own page, where a stale save is refused.

    def save_model(self, request, obj, form, change):
        # In the admin's transaction: the version claimed here is the guard if two saves pass clean() at once.
        obj.updated_by = request.user
        concurrency.stored(obj, form.cleaned_data.get("opened_version"), field=obj.field, label=obj.label)
        if change:
            super().save_model(request, obj, form, change)  # a new option was written by stored() already

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
        except concurrency.StaleSave:  # lost the race after clean(): answer as clean() now does
            response = super().changeform_view(request, object_id, form_url, extra_context)
        admin_form = getattr(response, "context_data", {}).get("adminform")
        if admin_form is not None and any(e.code == STALE for e in admin_form.form.non_field_errors().as_data()):
            response.status_code = 409
        return response
