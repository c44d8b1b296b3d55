"""Review state on pages the review app does not own: the table page's panel and the nav badge."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

from jixiao.core.review import NO_FINDINGS, RULES, SEVERITY_LABELS, Finding
from jixiao.web.review import access, reports, services, subjects
from jixiao.web.review.models import ApprovedVersion, Comment, Step, Transition
from jixiao.web.workflow import Status

register = template.Library()


@dataclass
class FindingRow:
    finding: Finding
    explanation: str
    anchor: str
    version: int = 0  # of the stored explanation (0: none yet), sent back to refuse a stale save

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.finding.severity]

    @property
    def rule_title(self) -> str:
        return reports.rule_title(self.finding.rule)

    @property
    def basis(self) -> str:
        rule = RULES.get(self.finding.rule)
        return rule.basis if rule else ""


@dataclass
class ReviewState:
    table: object
    rows: list[FindingRow]
    comments: list[Comment]
    indicators: list
    can_submit: bool
    can_review: bool
    can_approve: bool
    can_new_version: bool
    can_reply: bool
    submitter: object
    versions: list
    by_indicator: dict[str, list[FindingRow]] = field(default_factory=dict)
    comments_by_indicator: dict[int, list[Comment]] = field(default_factory=dict)
    earlier: Transition | None = None  # the submission ``changes`` are counted from
    changes: object = None  # core.diff.TableDiff since ``earlier``

    @property
    def under_review(self) -> bool:
        return self.table.status == Status.SUBMITTED

    @property
    def changes_title(self) -> str:
        return "与上一次提交相比的变化" if self.under_review else "上次提交以来的修改"

    @property
    def current_label(self) -> str:
        return "本次提交" if self.under_review else "现在"

    @property
    def answered(self) -> int:
        return sum(c.answer == ANSWERED for c in self.comments)

    @property
    def changed(self) -> int:
        return sum(c.answer == CHANGED for c in self.comments)

    @property
    def unanswered(self) -> int:
        return sum(c.answer == UNANSWERED for c in self.comments)

    def count(self, severity: str) -> int:
        return sum(r.finding.severity == severity for r in self.rows)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> list[FindingRow]:
        return [r for r in self.rows if r.finding.severity == "warning"]

    @property
    def missing(self) -> int:
        return sum(not r.explanation for r in self.warnings)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(s, label, self.count(s)) for s, label in SEVERITY_LABELS.items()]


ANSWERED, CHANGED, UNANSWERED = "已回复", "指标已修改", "未回复"


def _answer(comment: Comment, changes) -> str:
    """Whether the unit has answered a 审核意见: a reply by someone else, else a change to its indicator
    since the last submission. Comments that came with 审核通过 need no answer ('')."""
    if comment.step == Step.APPROVE:
        return ""
    if any(r.author_id != comment.author_id for r in comment.replies.all()):
        return ANSWERED
    if changes and comment.indicator_name and any(i.name == comment.indicator_name for i in changes.indicators):
        return CHANGED
    return UNANSWERED


@register.simple_tag(takes_context=True)
def review_state(context, table) -> ReviewState:
    user = context["request"].user
    indicators = list(table.indicators.all())
    findings = services.findings_of(table, indicators)
    explained = services.explanations_of(table)
    typed = context.get("typed_explanations") or {}  # a refused save shows what was typed again
    rows = [FindingRow(f, typed.get(f.key, explained[f.key].text if f.key in explained else ""), f"finding-{n}",
                       explained[f.key].version if f.key in explained else 0)
            for n, f in enumerate(findings, 1)]
    comments = list(table.review_comments.filter(subjects.table_rows()).select_related("author")
                    .prefetch_related("replies__author"))
    state = ReviewState(
        table=table, rows=rows, comments=comments, indicators=indicators,
        can_submit=access.can_submit(user, table), can_review=access.can_review(user, table),
        can_approve=access.can_approve(user, table), can_new_version=access.can_new_version(user, table),
        can_reply=access.can_reply(user, table), submitter=access.submitter_of(table), versions=list(table.approved_versions.filter(subjects.table_rows())),
    )
    state.earlier, state.changes = services.changes_since_submission(table, indicators)
    for c in comments:
        c.answer = _answer(c, state.changes)
    for r in rows:
        if r.finding.indicator:
            state.by_indicator.setdefault(r.finding.indicator, []).append(r)
    for c in comments:
        if c.indicator_id:
            state.comments_by_indicator.setdefault(c.indicator_id, []).append(c)
    return state


register.filter("rule_title", reports.rule_title)
register.simple_tag(lambda: NO_FINDINGS, name="no_findings")


@register.inclusion_tag("review/_marks.html")
def finding_marks(state: ReviewState, indicator):
    if state is None or indicator is None:
        return {"rows": [], "comments": []}
    return {"rows": state.by_indicator.get(indicator.name, []),
            "comments": state.comments_by_indicator.get(indicator.pk, [])}


@dataclass
class SubjectReview:
    """Review state of a monitoring report or evaluation, for its page."""

    subject: subjects.Subject
    comments: list[Comment]
    indicators: list
    can_review: bool
    can_approve: bool
    can_reply: bool
    submitter: object
    steps: list[Transition]
    can_new_version: bool = False
    versions: list[ApprovedVersion] = field(default_factory=list)
    comments_by_indicator: dict[int, list[Comment]] = field(default_factory=dict)


@register.simple_tag(takes_context=True)
def subject_review(context, record):
    """The review state of a stored monitoring report or evaluation (None while it is not saved)."""
    if record is None or record.pk is None:
        return None
    user = context["request"].user
    subject = subjects.of(record)
    comments = list(subject.rows(Comment.objects.all()).select_related("author").prefetch_related("replies__author"))
    state = SubjectReview(
        subject=subject, comments=comments, indicators=sorted(subject.table.indicators.all(), key=lambda i: i.position),
        can_review=access.can_review(user, record), can_approve=access.can_approve(user, record),
        can_reply=access.can_reply(user, record), submitter=access.submitter_of(subject),
        steps=list(subject.rows(Transition.objects.all()).select_related("user", "approved_version")),
        can_new_version=access.can_new_version(user, subject), versions=list(subject.rows(ApprovedVersion.objects.all())),
    )
    for c in comments:
        if c.indicator_id:
            state.comments_by_indicator.setdefault(c.indicator_id, []).append(c)
    return state


@register.simple_tag
def indicator_comments(state, indicator) -> list:
    return state.comments_by_indicator.get(indicator.pk, []) if state is not None else []


@register.simple_tag(takes_context=True)
def attention_badge(context) -> str:
    request = context.get("request")
    return services.badge_text(request.user) if request is not None else ""
