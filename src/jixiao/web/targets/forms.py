from django import forms

from jixiao.core.model import CATEGORIES, CATEGORY_LABELS
from jixiao.web.targets.models import Choice, ChoiceList, Project, TargetTable

CATEGORY_CHOICES = [("", "（未分类）")] + [(c, CATEGORY_LABELS[c]) for c in CATEGORIES]


class TableForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=Project._meta.get_field("name").max_length)
    type = forms.CharField(label="项目类型", max_length=Project._meta.get_field("type").max_length, required=False)
    level = forms.CharField(label="项目等级", max_length=Project._meta.get_field("level").max_length, required=False)
    subject = forms.CharField(label="预算科目", max_length=Project._meta.get_field("subject").max_length, required=False)
    period_start = forms.IntegerField(label="起始年度", required=False, min_value=1990, max_value=2100)
    period_end = forms.IntegerField(label="到期年度", required=False, min_value=1990, max_value=2100)
    budget = forms.DecimalField(label="年度预算金额（元）", required=False, max_digits=18, decimal_places=2, min_value=0)
    goal_period = forms.CharField(label="实施周期总目标", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    goal_annual = forms.CharField(label="年度目标", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_choices(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "到期年度不能早于起始年度")
        return data

    @classmethod
    def initial_for(cls, table: TargetTable) -> dict:
        p = table.project
        return {
            "name": p.name, "type": p.type, "level": p.level, "subject": p.subject, "period_start": p.period_start,
            "period_end": p.period_end, "budget": table.budget, "goal_period": table.goal_period,
            "goal_annual": table.goal_annual, "version": table.version,
        }


def offer_choices(form: forms.Form) -> None:
    """项目类型/项目等级/预算科目 as a choice from the administrator's list (``Choice``); a value
    stored before (or imported) that is not in the list stays selectable, marked 原填写. A fact with
    no list yet stays free text."""
    lists: dict[str, list[str]] = {}
    for field, label in Choice.objects.values_list("field", "label"):
        lists.setdefault(field, []).append(label)
    for name in ChoiceList.values:
        labels = lists.get(name)
        if not labels or name not in form.fields:
            continue
        current = form.initial.get(name) or ""
        options = [("", "（请选择）")] + [(v, v) for v in labels]
        if current and current not in labels:
            options.append((current, f"{current}（原填写）"))
        old = form.fields[name]
        form.fields[name] = forms.ChoiceField(label=old.label, choices=options, required=False)


def seed_choices() -> int:
    """While the administrator has no list at all: start the 项目类型 and 项目等级 lists from the values
    the stored projects use (the demo's published ones). Returns how many options were made."""
    if Choice.objects.exists():
        return 0
    made = [Choice(field=name, label=value, position=n)
            for name in (ChoiceList.TYPE, ChoiceList.LEVEL)
            for n, value in enumerate(Project.objects.exclude(**{name: ""}).order_by(name)
                                      .values_list(name, flat=True).distinct(), 1)]
    Choice.objects.bulk_create(made)
    return len(made)


class IndicatorForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(label="二级指标", choices=CATEGORY_CHOICES, required=False)
    name = forms.CharField(label="三级指标", max_length=300)
    period_target = forms.CharField(label="实施周期指标值", required=False, max_length=500)
    annual_target = forms.CharField(label="当年度指标值", required=False, max_length=500)
    # The 指标库 entry the row was taken from (set by the library's suggestions).
    entry_code = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    entry_version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    @property
    def subject(self) -> str:
        """The indicator this row edits, as screen readers name its controls."""
        return (self["name"].value() or "").strip() or "新指标"

    def label_controls(self):
        """aria-label every visible control "<indicator> <field>": the grid's cells have no visible labels."""
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = f"{self.subject} {field.label}"


class BaseIndicatorFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "删除"
        form.label_controls()


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=0, can_delete=True, can_order=True, max_num=500,
    validate_max=True,
)
