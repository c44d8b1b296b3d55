"""What a running job reports: rows done of total, and whether someone asked it to stop."""

from __future__ import annotations

import time

from django.utils import timezone

from jixiao.web.jobs.models import Job


class Cancelled(Exception):
    """Raised between two tables once the job's 取消 was pressed."""


class JobFailed(Exception):
    """The job cannot go on; ``str()`` is the one-line Chinese message users see."""


class Progress:
    """``start(total)``, then ``advance()`` per row; saved at most every ``every`` seconds, when the
    cancel flag is read as well. ``listener(done, total)`` (the CLI's progress bar) hears every step."""

    def __init__(self, job: Job, *, every: float = 0.5, listener=None):
        self.job, self.every, self.listener = job, every, listener
        self.done, self.total = 0, None
        self._saved = 0.0

    def start(self, total: int, measure: str | None = None) -> None:
        self.done, self.total = 0, total
        if measure:
            Job.objects.filter(pk=self.job.pk).update(measure=measure)
        self.save()

    def set(self, done: int) -> None:
        """Progress given as a position rather than a step (bytes of a file read so far)."""
        self.advance(done - self.done)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.listener:
            self.listener(self.done, self.total)
        if time.monotonic() - self._saved >= self.every or self.done == self.total:
            self.save()

    def save(self) -> None:
        self._saved = time.monotonic()
        Job.objects.filter(pk=self.job.pk).update(done=self.done, total=self.total, heartbeat=timezone.now())
        self.check()

    def cancel_requested(self) -> bool:
        return Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists()

    def check(self) -> None:
        if self.cancel_requested():
            raise Cancelled
