"""Who sees which job: one's own; administrators every job."""

from __future__ import annotations

from django.http import Http404

from jixiao.web.accounts.models import Role, role_of
from jixiao.web.jobs.models import Job
from jixiao.web.review.access import report_unit_for


def visible_jobs(user):
    jobs = Job.objects.select_related("user")
    return jobs if role_of(user) == Role.ADMIN else jobs.filter(user=user)


def get_job_for_user(user, pk: int) -> Job:
    try:
        return visible_jobs(user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404("没有这个后台任务，或您无权查看") from None


def unit_for_job(user, unit_id: int | None):
    """The unit whose whole year ``user`` may have checked and scored: the unit's own staff, reviewers
    and administrators, as for the unit's 审核报告 and 绩效自评汇总 (404 otherwise)."""
    unit = report_unit_for(user, unit_id) if unit_id else None
    if unit is None:
        raise Http404("没有这个单位，或您无权查看")
    return unit
