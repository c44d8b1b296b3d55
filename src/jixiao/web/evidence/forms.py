"""The record form and the indicator-link form."""

from __future__ import annotations

from django import forms

from jixiao.core.library.evidence import check_record
from jixiao.core.numbers import parse_decimal
from jixiao.web.evidence.models import Link, Record


class RecordForm(forms.ModelForm):
    """Amounts and quantities are read by the one decimal parser (``1,200``, ``1200.00`` …)."""

    quantity = forms.CharField(label="数量", required=False, help_text="采购的份数、参加人数等")
    amount = forms.CharField(label="金额（元）", required=False)

    class Meta:
        model = Record
        fields = ["project", "kind", "subtype", "day", "title", "quantity", "counting_unit", "amount", "note"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "subtype": forms.TextInput(attrs={"list": "subtypes"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda p: p.name
        for name in ("quantity", "amount"):
            value = getattr(self.instance, name, None)
            if value is not None and not self.is_bound:
                self.initial[name] = format(value.normalize(), "f")

    def _decimal(self, name: str, label: str):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        value = parse_decimal(text)
        if value is None:
            raise forms.ValidationError(f"{label}“{text}”不是数字")
        return value

    def clean_quantity(self):
        return self._decimal("quantity", "数量")

    def clean_amount(self):
        return self._decimal("amount", "金额")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        record = Record(**{k: data.get(k) for k in ("kind", "subtype", "day", "title", "quantity", "amount")},
                        counting_unit=data.get("counting_unit") or "")
        for problem in check_record(record.core()):
            self.add_error(None, problem)
        return data


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["kind", "subtype", "measure"]
        widgets = {"subtype": forms.TextInput(attrs={"list": "subtypes"})}
