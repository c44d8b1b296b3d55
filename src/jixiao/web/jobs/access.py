"""Who sees which job: one's own; administrators every job."""

from __future__ import annotations

from django.http import Http404

from jixiao.web.accounts.models import Role, role_of
from jixiao.web.jobs.models import Job


def visible_jobs(user):
    jobs = Job.objects.select_related("user")
    return jobs if role_of(user) == Role.ADMIN else jobs.filter(user=user)


def get_job_for_user(user, pk: int) -> Job:
    try:
        return visible_jobs(user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404("没有这个后台任务，或您无权查看") from None
