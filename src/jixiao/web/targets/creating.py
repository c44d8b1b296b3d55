"""新建目标表: a blank draft for a project and year (from last year's table and from the 指标库 are
the library app's: 新建下一年度, and its suggestions on the edit page)."""

from __future__ import annotations

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Max

from jixiao.web.accounts.models import Role, Unit, role_of, unit_of
from jixiao.web.audit import record
from jixiao.web.audit.models import Action, ObjectKind
from jixiao.web.targets import convert
from jixiao.web.targets.forms import offer_choices
from jixiao.web.targets.models import Project, TargetTable

CREATED_SOURCE = "网页新建"


class NewTableForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=Project._meta.get_field("name").max_length)
    unit = forms.ModelChoiceField(label="用款单位", queryset=Unit.objects.order_by("name"), empty_label="（请选择）")
    year = forms.IntegerField(label="预算年度", min_value=1990, max_value=2100)
    type = forms.CharField(label="项目类型", required=False, max_length=Project._meta.get_field("type").max_length)
    level = forms.CharField(label="项目等级", required=False, max_length=Project._meta.get_field("level").max_length)
    subject = forms.CharField(label="预算科目", required=False, max_length=Project._meta.get_field("subject").max_length)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if role_of(user) != Role.ADMIN:  # unit staff create for their own unit only
            del self.fields["unit"]
        offer_choices(self)

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        data = super().clean()
        unit = self.for_unit
        if unit and data.get("name") and data.get("year") and TargetTable.objects.filter(
                project__unit=unit, project__name=data["name"], year=data["year"]).exists():
            self.add_error("name", f"{unit.name}已有“{data['name']}”{data['year']}年目标表，请在列表中打开它")
        return data

    @property
    def for_unit(self) -> Unit | None:
        return self.cleaned_data.get("unit") if "unit" in self.fields else unit_of(self.user)


def default_year(tables) -> int:
    """The year a new table is most likely for: the one after the latest stored."""
    from django.utils import timezone

    latest = tables.aggregate(y=Max("year"))["y"]
    return latest + 1 if latest else timezone.localdate().year + 1


def create_blank(form: NewTableForm, user) -> TargetTable:
    """The project (new, or the unit's project of that name) and an empty draft table for the year."""
    data = form.cleaned_data
    facts = {k: data.get(k) or "" for k in ("type", "level", "subject")}
    try:
        with transaction.atomic():
            project, made = Project.objects.get_or_create(unit=form.for_unit, name=data["name"], defaults=facts)
            if not made:  # keep what the project says, fill in what it does not
                for k, v in facts.items():
                    if v and not getattr(project, k):
                        setattr(project, k, v)
                project.save()
            table = TargetTable.objects.create(project=project, year=data["year"], updated_by=user)
            after = convert.table_snapshot(convert.core_table(table, []))
            record.save([record.entry(table.pk, ObjectKind.TABLE, Action.CREATE, user=user, obj_id=table.pk,
                                      label=project.name, after=after, version=table.version, source=CREATED_SOURCE)])
    except IntegrityError:  # created by someone else between the check and now
        form.add_error("name", f"“{data['name']}”{data['year']}年目标表刚刚已由他人新建，请在列表中打开它")
        return None
    return table


def earlier_projects(tables, limit: int = 200) -> list[dict]:
    """The projects a new year's table can be copied from: each with its latest table, for which no
    next year exists yet; newest years first."""
    latest = (tables.values("project_id").annotate(year=Max("year")).order_by("-year", "project__name")[:limit])
    years = {row["project_id"]: row["year"] for row in latest}
    projects = Project.objects.filter(pk__in=years).select_related("unit")
    found = [{"project": p, "year": years[p.pk], "next": years[p.pk] + 1} for p in projects]
    return sorted(found, key=lambda r: (-r["year"], r["project"].unit.name, r["project"].name))
