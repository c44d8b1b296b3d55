"""The Content-Security-Policy is enforced, and no page needs what it refuses: no inline script, no
on…= event attribute, no style attribute or <style> element (checked on every page of the lifecycle)."""

from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from jixiao.web.monitoring.models import MonitoringReport, SelfEvaluation
from jixiao.web.review.models import ApprovedVersion

from .test_backup import lifecycle


class Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        # A data block (json_script) is never run, and the policy does not govern it.
        if tag == "script" and "src" not in names and dict(attrs).get("type") != "application/json":
            self._in_script = True
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"<{tag} {name}>" for name in names if name == "style" or name.startswith("on")]

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def inline_parts(html: str) -> list[str]:
    parser = Inline()
    parser.feed(html)
    return parser.found


def test_every_page_works_under_the_enforced_policy(client, cast, xinfang):
    lifecycle(client, cast, xinfang)
    report, evaluation = MonitoringReport.objects.get(), SelfEvaluation.objects.get()
    pk = xinfang.pk
    pages = [
        "/accounts/login/", "/tables/", f"/tables/{pk}/", f"/tables/{pk}/edit/", f"/tables/{pk}/history/",
        "/tables/upload/", reverse("review:inbox"), reverse("review:queue"), reverse("review:report"),
        reverse("monitoring:overview"), f"{reverse('monitoring:report', args=[pk])}?cutoff={report.cutoff}",
        reverse("monitoring:evaluation", args=[pk]), reverse("monitoring:evaluation_sheet", args=[pk]),
        reverse("monitoring:evaluation_summary"), reverse("account"), reverse("password_change"), "/admin/",
        reverse("rules:settings"), reverse("rules:recheck"), reverse("dashboards:finance"),
        reverse("dashboards:unit", args=[cast.unit_a.pk]),
        reverse("dashboards:project", args=[pk]), reverse("dashboards:digest"), reverse("jobs:list"),
        *(reverse("review:version", args=[v.pk]) for v in ApprovedVersion.objects.all()),
    ]
    assert evaluation.pk
    seen = 0
    for user in (cast.alice, cast.rita, cast.adam):
        browser = Client()
        browser.force_login(user)
        for url in pages:
            response = browser.get(url)
            if response.status_code != 200:
                continue
            seen += 1
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "style-src 'self'" in policy and "'unsafe-inline'" not in policy
            assert inline_parts(response.content.decode()) == [], (user.username, url)
    assert seen >= 40
