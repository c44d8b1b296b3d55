"""JSON API and 公开 portal: server-side time of their list and table answers at size, beside a floor.

    .venv/bin/python bench/bench_api.py [TABLES]   # default 5000 approved tables (75,000 indicators)

Runs on a fresh SQLite database in a temporary directory (JIXIAO_VAR), or on DATABASE_URL when set
to a database you can spare. Prints median and 95th percentile per request; a request slower than its
floor is marked and the exit status is 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from bench_web import generate, timings

REPEAT = 30
FLOORS_MS = {  # the slowest median accepted on the loaded 2-core CI machine
    "API  list, page 1": 300, "API  list, last page": 400, "API  table": 300, "API  units": 200,
    "portal list, page 1": 400, "portal list, last page": 500, "portal table": 400,
}


def run(count: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jixiao.core.model import Document
    from jixiao.web.accounts import tokens
    from jixiao.web.accounts.models import Profile, Role
    from jixiao.web.targets import importer
    from jixiao.web.targets.models import TargetTable

    setup_test_environment()
    settings.JIXIAO_API_RATE = "1000000/m"
    call_command("migrate", verbosity=0)
    tables = list(generate(count))
    start = time.perf_counter()
    for i in range(0, count, 2000):
        importer.import_document(Document(tables=tables[i:i + 2000], file="bench"), source="bench")
    TargetTable.objects.update(status="approved")
    print(f"{count} approved tables imported in {time.perf_counter() - start:.1f} s")

    from django.contrib.auth.models import User

    rita = User.objects.create_user("rita-bench")
    Profile.objects.create(user=rita, role=Role.REVIEWER)
    api = Client(headers={"Authorization": f"Bearer {tokens.create(rita, 'bench')[1]}"})
    public = Client()
    table = TargetTable.objects.order_by("pk").last().pk
    pages = -(-count // 50)
    requests = {
        "API  list, page 1": (api, "/api/v1/tables?year=2024"),
        "API  list, last page": (api, f"/api/v1/tables?year=2024&page={pages}"),
        "API  table": (api, f"/api/v1/tables/{table}"),
        "API  units": (api, "/api/v1/units"),
        "portal list, page 1": (public, "/gongkai/?year=2024"),
        "portal list, last page": (public, f"/gongkai/?year=2024&page={pages}"),
        "portal table": (public, f"/gongkai/tables/{table}/"),
    }
    slow = 0
    for name, (client, url) in requests.items():
        median, p95 = timings(client, url, REPEAT)
        floor = FLOORS_MS[name]
        mark = "" if median <= floor else "   SLOWER THAN FLOOR"
        slow += bool(mark)
        print(f"{name:24s} median {median:7.1f} ms   p95 {p95:7.1f} ms   floor {floor} ms{mark}")
    return 1 if slow else 0


def main() -> None:
    args = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(args[0]) if args else 5000
    if not os.environ.get("DATABASE_URL"):
        os.environ["JIXIAO_VAR"] = tempfile.mkdtemp(prefix="jixiao-bench-api-")
    sys.exit(run(count))


if __name__ == "__main__":
    main()
