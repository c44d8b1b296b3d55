"""The entry form: what a unit proposes and an administrator edits."""

from __future__ import annotations

from django import forms

from jixiao.core.library import LibraryEntry
from jixiao.core.library.jsonform import entry_from_dict
from jixiao.core.model import ReadError
from jixiao.web.library.models import Entry

LIST_FIELDS = ("aliases", "project_types", "industries", "functional_classes")


class EntryForm(forms.ModelForm):
    """Lists are typed one item per line."""

    aliases = forms.CharField(label="相近名称（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    project_types = forms.CharField(label="适用项目类型（每行一个，空为不限）", required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    industries = forms.CharField(label="适用行业（每行一个，空为不限）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    functional_classes = forms.CharField(label="适用支出功能分类（每行一个，空为不限）", required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Entry
        fields = [
            "name", "level1", "level2", "category", "definition", "formula", "value_type", "unit", "direction",
            "scoring", "data_source", "reference_value", "reference_basis", "aliases", "project_types",
            "industries", "functional_classes", "valid_from", "valid_to", "source_document", "locked",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("definition", "formula", "scoring", "data_source")}

    def __init__(self, *args, admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LIST_FIELDS:
            self.initial[name] = "\n".join(getattr(self.instance, name) or [])
        if not admin:
            del self.fields["locked"]  # only an administrator makes an entry 固化
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", field.label)

    def entry(self) -> LibraryEntry | None:
        """The form's content as a core entry, or None with the problem added to the form."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in LIST_FIELDS}
        for name in LIST_FIELDS:
            data[name] = [line.strip() for line in self.cleaned_data.get(name, "").splitlines() if line.strip()]
        data.update(code="new", unit=data.get("unit") or None, locked=bool(data.get("locked")))
        try:
            return entry_from_dict(data)
        except ReadError as e:
            self.add_error(None, e.message.split("：", 1)[-1])
            return None
