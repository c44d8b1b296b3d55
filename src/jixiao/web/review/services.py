"""The review workflow: findings of stored tables and the transitions, each in one transaction.

Tables, monitoring reports and self-evaluations (``subjects``) go through the same transitions.
``submit`` is the one way in for every kind: it asks the kind's registered submission rules
(``ReviewedKind.blockers``; a table's are ``table_blockers`` below) under a row lock, and refuses
with every problem listed. Each kind keeps what was approved as a version (``ApprovedVersion``)
that 新版本 leaves readable.

Every transition claims the record with a conditional UPDATE on its status, so two people acting at
once cannot both succeed; it writes an audit entry and notifies whoever must act next.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import prefetch_related_objects

from jixiao.core.diff import TableDiff, diff_tables
from jixiao.core.jsonio import table_from_dict, table_to_dict
from jixiao.core.review import Finding, review_table
from jixiao.web import concurrency
from jixiao.web.accounts.models import Role
from jixiao.web.audit import record
from jixiao.web.audit.models import Action
from jixiao.web.review import subjects
from jixiao.web.review.access import submitter_of
from jixiao.web.review.subjects import Subject
from jixiao.web.review.models import COMMENT, ApprovedVersion, Comment, Explanation, Notification, Reply, Step, Transition
from jixiao.web.targets import convert
from jixiao.web.targets.models import Indicator, TargetTable
from jixiao.web.workflow import EDITABLE, Problem, Status, reads_all

MAX_EXPLANATION = 2000
MAX_REPLY = 4000


class WorkflowError(Exception):
    """The transition cannot happen now; the message says why, in Chinese."""


class SubmissionBlocked(WorkflowError):
    """What still stands between a record and its submission, each problem where it is."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


FINDINGS_KEPT = 24 * 3600  # seconds a table's findings stay in the shared cache (a change is a new key)


def findings_of(table: TargetTable, indicators=None) -> list[Finding]:
    return review_table(convert.core_table(table, indicators))


def findings_of_tables(tables) -> dict[int, list[Finding]]:
    """``findings_of`` each of ``tables`` (a page of them, units and departments loaded), kept in the
    shared cache under the table's version and last change: a table is reviewed again only once changed."""
    keys = {t.pk: f"findings:{t.pk}:{t.version}:{t.updated_at.isoformat()}" for t in tables}
    found = cache.get_many(list(keys.values()))
    missing = [t for t in tables if keys[t.pk] not in found]
    prefetch_related_objects(missing, "indicators")
    fresh = {keys[t.pk]: findings_of(t, list(t.indicators.all())) for t in missing}
    cache.set_many(fresh, timeout=FINDINGS_KEPT)
    return {t.pk: fresh.get(keys[t.pk], found.get(keys[t.pk])) for t in tables}


def warnings_of(findings) -> list[Finding]:
    return [f for f in findings if f.severity == "warning"]


def explanations_of(table: TargetTable) -> dict[str, Explanation]:
    return {e.finding_key: e for e in table.explanations.all()}


def save_explanations(table: TargetTable, user, texts: dict[str, str], opened: dict[str, int] | None = None) -> int:
    """Store 情况说明 for the table's current warnings (keys of other findings are ignored).

    ``opened`` holds the version of each explanation when the page was opened (0: there was none);
    if another user changed one of those the user changes too, ``concurrency.StaleSave`` is raised
    and nothing is saved. Returns how many explanations changed."""
    warnings = {f.key: f for f in warnings_of(findings_of(table))}
    changed = 0
    with transaction.atomic():
        stored = {e.finding_key: e for e in Explanation.objects.select_for_update().filter(table=table)}
        for key, text in texts.items():
            text, current = (text or "").strip()[:MAX_EXPLANATION], stored.get(key)
            if key not in warnings or text == (current.text if current else ""):
                continue
            opened_at = None if opened is None else opened.get(key, 0)
            if current is None:
                concurrency.create_once(Explanation(table=table, finding_key=key, rule=warnings[key].rule, text=text,
                                                    updated_by=user), table=table, finding_key=key)
            else:
                current.version = concurrency.next_version(current, opened_at)
                current.text, current.rule, current.updated_by = text, warnings[key].rule, user
                current.save(update_fields=["text", "rule", "updated_by", "updated_at"])
            changed += 1
    return changed


def finding_anchor(number: int) -> str:
    """The id of the table page's ``number``-th finding (counted from 1), as the review panel numbers them."""
    return f"finding-{number}"


def table_blockers(table: TargetTable) -> list[Problem]:
    """A table goes to review without errors and with a 情况说明 for every warning."""
    findings = findings_of(table)
    numbered = list(enumerate(findings, 1))
    errors = [n for n, f in numbered if f.severity == "error"]
    given = {k for k, e in explanations_of(table).items() if e.text.strip()}
    unexplained = [n for n, f in numbered if f.severity == "warning" and f.key not in given]
    problems = []
    if errors:
        problems.append(Problem(f"审核发现 {len(errors)} 个错误，请先修改目标表再提交审核。", finding_anchor(errors[0])))
    if unexplained:
        problems.append(Problem(f"还有 {len(unexplained)} 个警告没有填写情况说明，请逐条说明后再提交审核。",
                                finding_anchor(unexplained[0])))
    return problems


def _claim(subject: Subject, from_statuses, to_status) -> None:
    if not subject.claim(from_statuses, to_status):
        raise WorkflowError(f"{subject.this}的状态已经改变，请刷新页面后再操作。")


def _audit(subject: Subject, user, step: Step, before: str, extra: dict | None = None) -> None:
    after = {"状态": Status(subject.status).label, **(extra or {})}
    table = subject.table
    record.save([record.entry(
        table.pk, subject.audit_kind, Action.CHANGE, user=user, obj_id=subject.obj.pk,
        label=subject.audit_label, before={"状态": Status(before).label, **{k: None for k in (extra or {})}},
        after=after, version=table.version, source=step.label,
    )])


def _notify(users, subject: Subject, step: str, text: str) -> None:
    link = subject.link()
    Notification.objects.bulk_create([Notification(recipient=u, step=step, text=text[:500], **link) for u in users])


def _reviewers(exclude=None):
    users = get_user_model().objects.filter(is_active=True, profile__role=Role.REVIEWER)
    return users.exclude(pk=exclude.pk) if exclude is not None else users


def _unit_staff(table: TargetTable, exclude=None):
    users = get_user_model().objects.filter(
        is_active=True, profile__role=Role.STAFF, profile__unit_id=table.project.unit_id)
    return users.exclude(pk=exclude.pk) if exclude is not None else users


def _name(user) -> str:
    return user.get_full_name() or user.username


def submit(target, user) -> None:
    """草稿/已退回 → 已提交 (a table, monitoring report or evaluation) and the reviewers told, only when
    the kind's submission rules find nothing in what is stored. The row lock keeps a save from
    slipping in between the check and the status change. Raises SubmissionBlocked listing why not."""
    subject = subjects.of(target)
    with transaction.atomic():
        fresh = subject.locked()
        if not fresh.is_editable:
            raise WorkflowError(f"{subject.this}{fresh.locked_reason}。")
        problems = subject.spec.blockers(fresh)
        if problems:
            raise SubmissionBlocked(problems)
        if subject.spec.on_submit is not None:
            subject.spec.on_submit(fresh)
        _claim(subject, EDITABLE, Status.SUBMITTED)
        snapshot = table_to_dict(convert.core_table(fresh)) if subject.is_table else None
        Transition.objects.create(step=Step.SUBMIT, user=user, snapshot=snapshot, **subject.link())
        _audit(subject, user, Step.SUBMIT, fresh.status)
        _notify(_reviewers(exclude=user), subject, Step.SUBMIT, f"{_name(user)} 提交审核了{subject.title}")


def add_comment(target, user, text: str, indicator: Indicator | None = None, step: str = "") -> Comment:
    """审核意见 on a table, monitoring report or evaluation (``target``), or on one of its indicators."""
    subject = subjects.of(target)
    text = (text or "").strip()
    if not text:
        raise WorkflowError("请填写审核意见。")
    comment = Comment.objects.create(
        indicator=indicator, indicator_name=indicator.name if indicator else "",
        step=step, text=text, author=user, **subject.link(),
    )
    if not step:
        where = f"指标“{indicator.name}”" if indicator else ("整张表" if subject.is_table else "")
        _notify(_unit_staff(subject.table), subject, COMMENT,
                f"{_name(user)} 对{subject.title}{where}提出审核意见：{text}")
    return comment


def reply(comment: Comment, target, user, text: str) -> Reply:
    """A reply under ``comment`` (about ``target``), kept in the audit trail. The comment's author is told;
    when a reviewer replies, the unit's staff too."""
    subject = subjects.of(target)
    text = (text or "").strip()[:MAX_REPLY]
    if not text:
        raise WorkflowError("请填写回复内容。")
    with transaction.atomic():
        answer = Reply.objects.create(comment=comment, text=text, author=user)
        table = subject.table
        record.save([record.entry(
            table.pk, subject.audit_kind, Action.CREATE, user=user, obj_id=subject.obj.pk, label=subject.audit_label,
            after={"审核意见": comment.text, "回复": text}, version=table.version, source="回复审核意见",
        )])
        recipients = {u.pk: u for u in _unit_staff(table, exclude=user)} if reads_all(user) else {}
        author = comment.author
        if author is not None and author.is_active and author != user:
            recipients[author.pk] = author
        _notify(recipients.values(), subject, COMMENT, f"{_name(user)} 回复了对{subject.title}的审核意见：{text}")
    return answer


def return_table(target, user, text: str, indicator: Indicator | None = None) -> None:
    """已提交 → 已退回, with a required 审核意见 (``target``: a table, monitoring report or evaluation)."""
    subject = subjects.of(target)
    if not (text or "").strip():
        raise WorkflowError("退回时必须填写审核意见。")
    with transaction.atomic():
        _claim(subject, (Status.SUBMITTED,), Status.RETURNED)
        comment = add_comment(subject, user, text, indicator, step=Step.RETURN)
        Transition.objects.create(step=Step.RETURN, user=user, **subject.link())
        _audit(subject, user, Step.RETURN, Status.SUBMITTED, {"审核意见": comment.text})
        _notify(_unit_staff(subject.table), subject, Step.RETURN,
                f"{_name(user)} 退回了{subject.title}：{comment.text}")


def approve(target, user, text: str = "") -> ApprovedVersion:
    """已提交 → 已审核通过: locked, and what was approved is kept as a version."""
    subject = subjects.of(target)
    submitter = submitter_of(subject)
    if submitter is not None and submitter == user:
        raise WorkflowError(f"不能审核通过自己提交的{subject.label}。")
    with transaction.atomic():
        _claim(subject, (Status.SUBMITTED,), Status.APPROVED)
        if (text or "").strip():
            add_comment(subject, user, text, step=Step.APPROVE)
        step = Transition.objects.create(step=Step.APPROVE, user=user, **subject.link())
        version = _keep_version(subject, step, submitter)
        _audit(subject, user, Step.APPROVE, Status.SUBMITTED, {"审核通过版本": f"第{version.number}版"})
        _notify(_unit_staff(subject.table), subject, Step.APPROVE, f"{_name(user)} 审核通过了{subject.title}")
    return version


def submitted_before(table: TargetTable) -> Transition | None:
    """The submission the table's content is compared with: while it is under review the one before
    the current submission, otherwise the latest (what the unit has changed since)."""
    submissions = subjects.of(table).rows(Transition.objects.filter(step=Step.SUBMIT, snapshot__isnull=False))
    return submissions[1:2].first() if table.status == Status.SUBMITTED else submissions.first()


def changes_since_submission(table: TargetTable, indicators=None) -> tuple[Transition | None, TableDiff | None]:
    """(the earlier submission, what changed since) — (None, None) before any earlier submission."""
    base = submitted_before(table)
    if base is None:
        return None, None
    return base, diff_tables(table_from_dict(base.snapshot), convert.core_table(table, indicators))


def table_snapshot(table: TargetTable) -> tuple[dict, list[dict]]:
    """What approving a table keeps: its core JSON and its findings, each with the unit's 情况说明."""
    indicators = list(table.indicators.all())
    explained = explanations_of(table)
    findings = [
        {**f.to_dict(), "key": f.key, "explanation": explained[f.key].text if f.key in explained else ""}
        for f in findings_of(table, indicators)
    ]
    return table_to_dict(convert.core_table(table, indicators)), findings


def _keep_version(subject: Subject, step: Transition, submitter) -> ApprovedVersion:
    snapshot, findings = subject.spec.freeze(subject.obj)
    return ApprovedVersion.objects.create(
        number=subject.rows(ApprovedVersion.objects).count() + 1, table_version=subject.table.version,
        snapshot=snapshot, findings=findings, approved_by=step.user, submitted_by=submitter, transition=step,
        **subject.link(),
    )


def new_version(target, user) -> None:
    """已审核通过 → 草稿 (a table, report or evaluation): a new draft to change; the approved version stays readable."""
    subject = subjects.of(target)
    with transaction.atomic():
        _claim(subject, (Status.APPROVED,), Status.DRAFT)
        latest = subject.rows(ApprovedVersion.objects).first()
        Transition.objects.create(step=Step.NEW_VERSION, user=user, **subject.link())
        _audit(subject, user, Step.NEW_VERSION, Status.APPROVED,
               {"新版本": f"以审核通过的第{latest.number}版为基础" if latest else "新草稿"})


BADGE_LIMIT = 99  # the nav badge on every page stops counting here and shows "99+"


def attention_count(user) -> int:
    """The nav badge: reviewers' queue of submitted tables, reports and evaluations; staff's returned ones
    and unread comments. Each kind is counted up to just past BADGE_LIMIT, so a province's queue of
    thousands costs every page no more than a hundred rows."""
    from jixiao.web.targets.access import visible_tables

    if not user.is_authenticated:
        return 0
    past = BADGE_LIMIT + 1
    visible = visible_tables(user)
    if reads_all(user):
        return min(past, visible.filter(status=Status.SUBMITTED)[:past].count()
                   + subjects.count_reports(None, Status.SUBMITTED, past))
    comments = Notification.objects.filter(recipient=user, read_at__isnull=True, step=COMMENT)[:past].count()
    return min(past, visible.filter(status=Status.RETURNED)[:past].count()
               + subjects.count_reports(visible, Status.RETURNED, past) + comments)


def badge_text(user) -> str:
    """What the nav badge says: nothing, a count, or "99+"."""
    count = attention_count(user)
    return "" if not count else f"{BADGE_LIMIT}+" if count > BADGE_LIMIT else str(count)


def unread(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)
