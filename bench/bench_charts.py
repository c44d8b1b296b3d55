"""Server-side time of the chart pages with 1,000 approved, monitored projects in one unit.

    .venv/bin/python bench/bench_charts.py [PROJECTS] [REQUESTS]     # defaults 1000, 10

Same scratch database as bench_overview.py (tables cut from the demo document, one report each at
31 July with computed lights), every table approved with its kept version, then times GET /charts/ (财政 overview, as a
reviewer), /charts/units/<id>/ (the unit) and /tables/<id>/charts/ (one project). Prints the median
and p95 of each, its ratio to the floor measured in the same run (the trivial 我的账户 page) and the
load average; exits 1 when a median is above its limit.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

from bench_overview import UNIT, generated_document, monitor_all, setup_django

LIMITS_MS = {"财政 overview": 3000, "unit overview": 3000, "project page": 500}


def approve_all() -> None:
    """Every table approved with its kept version (snapshot and findings), as approving leaves it."""
    from jixiao.web.review.models import ApprovedVersion, Kind
    from jixiao.web.review.services import table_snapshot
    from jixiao.web.targets.models import TargetTable

    tables = TargetTable.objects.select_related("project__unit").prefetch_related("indicators")
    versions = []
    for table in tables:
        snapshot, findings = table_snapshot(table)
        versions.append(ApprovedVersion(table=table, subject_kind=Kind.TABLE, number=1, table_version=table.version,
                                        snapshot=snapshot, findings=findings))
    ApprovedVersion.objects.bulk_create(versions, batch_size=500)
    TargetTable.objects.update(status="approved")


def timed(client, url: str, requests: int) -> tuple[float, float]:
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from jixiao.web.accounts.models import Profile, Role, Unit
        from jixiao.web.targets import importer
        from jixiao.web.targets.models import TargetTable

        settings.ALLOWED_HOSTS = ["*"]
        importer.import_document(generated_document(count), source="bench")
        monitor_all()
        approve_all()
        reviewer = User.objects.create_user("bench")
        Profile.objects.create(user=reviewer, role=Role.REVIEWER)
        client = Client()
        client.force_login(reviewer)
        unit = Unit.objects.get(name=UNIT)
        table = TargetTable.objects.order_by("pk").first()
        pages = {"财政 overview": "/charts/?year=2024", "unit overview": f"/charts/units/{unit.pk}/?year=2024",
                 "project page": f"/tables/{table.pk}/charts/"}
        failed = 0
        print(f"database: {connection.vendor}; {count} approved projects with one report each; "
              f"load average {os.getloadavg()[0]:.1f}")
        floor, _ = timed(client, "/accounts/me/", requests)
        print(f"{'floor: 我的账户':<14} median {floor:8.1f} ms")
        for name, url in pages.items():
            median, p95 = timed(client, url, requests)
            limit = LIMITS_MS[name]
            failed |= median > limit
            print(f"{name:<14} median {median:8.1f} ms, p95 {p95:8.1f} ms over {requests} requests, "
                  f"{median / floor:5.1f} × floor (limit {limit} ms){'  ABOVE LIMIT' if median > limit else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
