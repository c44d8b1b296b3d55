"""Who may move a table through the review workflow; everything else is refused server side."""

import pytest
from django.urls import reverse

from jixiao.web.review import services
from jixiao.web.review.models import ApprovedVersion, Comment, Notification
from jixiao.web.targets.models import TargetTable
from jixiao.web.workflow import Status

ACTIONS = ["explain", "comment", "return", "approve", "new_version"]


def url(name, table):
    return reverse(f"review:{name}", args=[table.pk])


def set_status(table, status):
    TargetTable.objects.filter(pk=table.pk).update(status=status)
    table.refresh_from_db()


@pytest.mark.parametrize("action", ACTIONS)
def test_other_unit_gets_404_whatever_the_status(client, cast, xinfang, action):
    client.force_login(cast.bob)
    for status in Status.values:
        set_status(xinfang, status)
        assert client.post(url(action, xinfang), {"text": "x", "submit": "1"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("action", ["comment", "return", "approve"])
def test_unit_staff_cannot_review(client, cast, xinfang, action):
    set_status(xinfang, Status.SUBMITTED)
    client.force_login(cast.alice)
    assert client.post(url(action, xinfang), {"text": "x"}).status_code == 403
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("action", ["explain", "new_version"])
def test_reviewer_cannot_submit_or_start_versions(client, cast, xinfang, action):
    for status in (Status.DRAFT, Status.APPROVED):
        set_status(xinfang, status)
        client.force_login(cast.rita)
        assert client.post(url(action, xinfang), {"submit": "1"}).status_code == 403


@pytest.mark.parametrize("status,allowed", [
    (Status.DRAFT, {"explain"}), (Status.RETURNED, {"explain"}), (Status.SUBMITTED, set()),
    (Status.APPROVED, {"new_version"}),
])
def test_owner_actions_depend_on_status(client, cast, xinfang, status, allowed):
    client.force_login(cast.alice)
    for action in ("explain", "new_version"):
        set_status(xinfang, status)
        code = client.post(url(action, xinfang), {"save": "1"}).status_code
        assert code == (302 if action in allowed else 403), action


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.APPROVED])
def test_review_actions_only_on_submitted_tables(client, cast, xinfang, status):
    set_status(xinfang, status)
    client.force_login(cast.rita)
    for action in ("comment", "return", "approve"):
        assert client.post(url(action, xinfang), {"text": "x"}).status_code == 403


def test_nobody_approves_their_own_submission(client, cast, xinfang):
    client.force_login(cast.adam)  # an administrator may both submit and review, but not both on one table
    data = {f"explain-{f.key}": "说明" for f in services.warnings_of(services.findings_of(xinfang))}
    client.post(url("explain", xinfang), {**data, "submit": "1"})
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.SUBMITTED
    assert 'id="approve-table"' not in client.get(reverse("targets:detail", args=[xinfang.pk])).content.decode()
    assert client.post(url("approve", xinfang)).status_code == 403
    with pytest.raises(services.WorkflowError):
        services.approve(TargetTable.objects.get(pk=xinfang.pk), cast.adam)
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.SUBMITTED
    client.force_login(cast.rita)
    client.post(url("approve", xinfang))
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.APPROVED


def test_stale_transition_is_refused(cast, xinfang):
    set_status(xinfang, Status.SUBMITTED)
    stale = TargetTable.objects.get(pk=xinfang.pk)
    services.return_table(TargetTable.objects.get(pk=xinfang.pk), cast.rita, "退回")
    with pytest.raises(services.WorkflowError):
        services.approve(stale, cast.rita)
    assert TargetTable.objects.get(pk=xinfang.pk).status == Status.RETURNED
    assert not ApprovedVersion.objects.exists()


def test_transitions_need_post(client, cast, xinfang):
    client.force_login(cast.alice)
    assert client.get(url("explain", xinfang)).status_code == 405


def test_approved_versions_follow_table_visibility(client, cast, xinfang):
    set_status(xinfang, Status.SUBMITTED)
    version = services.approve(TargetTable.objects.get(pk=xinfang.pk), cast.rita)
    page = reverse("review:version", args=[version.pk])
    for user, code in [(cast.alice, 200), (cast.rita, 200), (cast.bob, 404)]:
        client.force_login(user)
        assert client.get(page).status_code == code


def test_notifications_are_private(client, cast, xinfang):
    set_status(xinfang, Status.SUBMITTED)
    services.add_comment(xinfang, cast.rita, "请补充。")
    note = Notification.objects.get(recipient=cast.alice)
    client.force_login(cast.bob)
    assert client.get(reverse("review:notification", args=[note.pk])).status_code == 404
    client.force_login(cast.alice)
    assert client.get(reverse("review:notification", args=[note.pk])).status_code == 302
    assert Notification.objects.get(pk=note.pk).read_at is not None


def test_queue_is_for_reviewers(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("review:queue")).status_code == 403
    client.force_login(cast.rita)
    assert client.get(reverse("review:queue")).status_code == 200


def test_report_of_another_unit_is_refused_to_staff(client, cast):
    client.force_login(cast.bob)
    assert client.get(reverse("review:report"), {"unit": cast.unit_a.pk, "year": 2024}).status_code == 404
    client.force_login(cast.alice)
    assert client.get(reverse("review:report"), {"unit": cast.unit_a.pk, "year": 2024}).status_code == 200
