"""复核与计分 of a whole unit as a job: started from the unit's pages, every table reviewed and its
绩效自评 scored again, drafts' stale scores stored once, a summary workbook to download."""

import functools
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jixiao.web.jobs import running, unit_check
from jixiao.web.jobs.models import Job, JobStatus, Kind
from jixiao.web.jobs.progress import Progress
from jixiao.web.library.demo import fill_evaluation
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

YEAR = 2024


@pytest.fixture(autouse=True)
def setup(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(running, "HEARTBEAT_SECONDS", 3600)  # see test_jobs.no_heartbeat
    monkeypatch.setattr(running, "Progress", functools.partial(Progress, every=0))
    settings.JOBS_DIR = tmp_path


@pytest.fixture
def evaluated(cast, approve):
    """Three approved tables with a 绩效自评: two drafts whose stored scores are stale (saved under other
    rules, say), one submitted and approved whose stored total was tampered with."""
    tables = list(TargetTable.objects.filter(year=YEAR).order_by("project__name", "id"))[:3]
    evaluations = []
    for table in tables:
        approve(table)
        evaluations.append(fill_evaluation(table, {}, table.budget, "完成"))
    right = [(e.total, e.grade) for e in evaluations]
    SelfEvaluation.objects.filter(pk=evaluations[2].pk).update(status=Status.APPROVED)
    SelfEvaluation.objects.filter(pk__in=[e.pk for e in evaluations]).update(total=Decimal("1.00"), grade="差")
    for e in evaluations[:2]:
        e.entries.update(score=None)
    return tables, right


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def start(client, user, unit, year=YEAR):
    client.force_login(user)
    return client.post(reverse("jobs:unit_check"), {"unit": unit.pk, "year": year})


def test_started_from_the_unit_pages_runs_stores_stale_scores_and_offers_a_summary(
        client, cast, evaluated, django_capture_on_commit_callbacks):
    tables, right = evaluated
    client.force_login(cast.alice)
    for page in (reverse("monitoring:evaluation_summary") + f"?unit={cast.unit_a.pk}&year={YEAR}",
                 reverse("review:report") + f"?unit={cast.unit_a.pk}&year={YEAR}"):
        assert 'id="unit-check-start"' in client.get(page).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, cast.alice, cast.unit_a)
    assert response.status_code == 302
    job = Job.objects.get(kind=Kind.UNIT_CHECK)
    assert job.params == {"unit": cast.unit_a.name, "year": YEAR} and job.status == JobStatus.QUEUED

    job = running.execute(job.pk)
    total = TargetTable.objects.filter(year=YEAR, project__unit=cast.unit_a).count()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, total, total)
    drafts = SelfEvaluation.objects.filter(table__in=tables[:2]).order_by("table__project__name")
    assert [(e.total, e.grade) for e in drafts] == right[:2]
    assert all(entry.score is not None for e in drafts for entry in e.entries.all())
    locked = SelfEvaluation.objects.get(table=tables[2])
    assert (locked.total, locked.grade) == (Decimal("1.00"), "差")  # an approved evaluation is never rewritten

    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert "%E5%A4%8D%E6%A0%B8" in response["Content-Disposition"]  # 复核与计分 in the file name
    rows = rows_of(b"".join(response.streaming_content))
    assert rows[0] == unit_check.HEADERS and len(rows) == total + 1
    by_name = {r[1]: r for r in rows[1:]}
    first = by_name[tables[0].project.name]
    assert first[3] == sum(first[4:7]) and Decimal(str(first[8])) == right[0][0] and first[9] == right[0][1]
    assert first[10].startswith(unit_check.STORED) and "原为 1" in first[10]
    assert "与保存的 1 分不符" in by_name[tables[2].project.name][10]
    others = [r for name, r in by_name.items() if name not in {t.project.name for t in tables}]
    assert others and all(r[10] == unit_check.NOT_FILLED for r in others)


def test_a_project_name_like_a_formula_stays_text(cast, evaluated):
    from jixiao.web.targets.models import Project

    Project.objects.filter(pk=evaluated[0][0].project_id).update(name="=HYPERLINK(1)")
    job = running.execute(running.create(Kind.UNIT_CHECK, params={"unit": cast.unit_a.name, "year": YEAR}).pk)
    cells = [row[1] for row in load_workbook(running.result_path(job)).active.iter_rows(min_row=2)]
    formula = next(c for c in cells if c.value == "=HYPERLINK(1)")
    assert formula.data_type == "s" and formula.quotePrefix


def test_a_second_run_finds_nothing_to_store(cast, evaluated, monkeypatch):
    saves = []
    original = SelfEvaluation.save
    monkeypatch.setattr(SelfEvaluation, "save", lambda self, *a, **kw: saves.append(self.pk) or original(self, *a, **kw))
    for expected in (2, 0):
        saves.clear()
        job = running.create(Kind.UNIT_CHECK, user=cast.rita, params={"unit": cast.unit_a.name, "year": YEAR})
        assert running.execute(job.pk).status == JobStatus.DONE
        assert len(saves) == expected


def test_a_run_cut_short_by_a_dead_worker_is_run_again_without_writing_twice(
        cast, evaluated, monkeypatch, django_capture_on_commit_callbacks):
    tables, right = evaluated
    saves = []
    original = SelfEvaluation.save
    monkeypatch.setattr(SelfEvaluation, "save", lambda self, *a, **kw: saves.append(self.pk) or original(self, *a, **kw))
    job = running.create(Kind.UNIT_CHECK, user=cast.alice, params={"unit": cast.unit_a.name, "year": YEAR})

    def dies_after_the_first_table(done, total):
        if done == 1:
            raise KeyboardInterrupt  # what a killed worker leaves: no outcome recorded

    with pytest.raises(KeyboardInterrupt):
        running.execute(job.pk, listener=dies_after_the_first_table)
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING and len(saves) == 1
    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - running.STALE_AFTER - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert running.requeue_stale() == 1

    job = running.execute(job.pk)
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert sorted(saves) == sorted(SelfEvaluation.objects.filter(table__in=tables[:2]).values_list("pk", flat=True))
    drafts = SelfEvaluation.objects.filter(table__in=tables[:2]).order_by("table__project__name")
    assert [(e.total, e.grade) for e in drafts] == right[:2]
    rows = {r[1]: r[10] for r in rows_of(running.result_path(job).read_bytes())[1:]}
    assert rows[tables[0].project.name] == unit_check.UNCHANGED  # stored by the first run
    assert rows[tables[1].project.name].startswith(unit_check.STORED)


def test_cancel_stops_between_tables_keeping_what_was_stored(client, cast, evaluated, tmp_path):
    tables, right = evaluated
    job = running.create(Kind.UNIT_CHECK, user=cast.alice, params={"unit": cast.unit_a.name, "year": YEAR})

    def press_cancel(done, total):
        if done == 1:
            client.force_login(cast.alice)
            assert client.post(reverse("jobs:cancel", args=[job.pk])).status_code == 302

    job = running.execute(job.pk, listener=press_cancel)
    assert (job.status, job.done, job.result_file) == (JobStatus.CANCELLED, 1, "")
    assert list(tmp_path.iterdir()) == []
    first, second = SelfEvaluation.objects.filter(table__in=tables[:2]).order_by("table__project__name")
    assert (first.total, first.grade) == right[0] and second.total == Decimal("1.00")


def test_who_may_start_it(client, cast):
    assert start(client, cast.bob, cast.unit_a).status_code == 404  # another unit's staff
    assert start(client, cast.alice, cast.unit_b).status_code == 404
    assert start(client, cast.rita, cast.unit_a).status_code == 302  # reviewers: any unit
    assert start(client, cast.alice, cast.unit_a).status_code == 302
    assert start(client, cast.alice, cast.unit_a, year="").status_code == 404
    page = client.get(reverse("review:report") + f"?unit={cast.unit_a.pk}&year={YEAR}").content.decode()
    assert 'id="unit-check-start"' in page


def test_a_year_without_tables_fails_with_one_line(cast):
    job = running.create(Kind.UNIT_CHECK, user=cast.alice, params={"unit": cast.unit_b.name, "year": YEAR})
    job = running.execute(job.pk)
    assert job.status == JobStatus.FAILED and job.error == f"没有可复核的目标表：{cast.unit_b.name}{YEAR}年复核与计分"
