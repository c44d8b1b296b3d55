"""Load test on loopback: `jixiao serve` under 20 logged-in clients with no think time.

    .venv/bin/python bench/bench_load.py [--tables 10000] [--clients 20] [--seconds 60] [--floor-seconds 20]
                                         [--workers N] [--threads N] [--no-waitress] [--reuse] [--think S]

A scratch database (SQLite in a temporary folder, or BENCH_DATABASE_URL, a scratch PostgreSQL database:
it is migrated and filled) gets bench_pages.generate(TABLES): 200 units, two in three tables approved with
运行监控 and 绩效自评. Clients are threads speaking HTTP/1.1 with keep-alive (http.client), each logged in
with its own session: a fifth are 财政审核人员, the rest 单位填报人员 of a unit with a draft. Each client
repeats a mix without pause (or, with --think S, pausing S seconds on average after each page, as
a person reads it: exponentially distributed, so the clients do not fall into step): the list, the
list filtered by unit and status, a table page, the reviewer's 运行监控 and 绩效自评 overviews
(staff: their unit's), the charts, the API's table list with a token, and (staff) a draft save: the
edit page, then the form posted back with its version (the optimistic lock).

Prints requests/s, p50/p95/p99 and errors for the mix beside the floor measured in the same run on the
same server: every client requesting the trivial 我的账户 page alone. Then the same against
`jixiao serve --server waitress` (one process), unless --no-waitress. The load generator's own CPU
(its 20 threads run on the same cores as the server) is printed beside each phase.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from bench_overview import setup_django
from bench_pages import empty_database, generate, generated

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2024
PASSWORD = "Jizhun-ceshi-2024"


def prepare(count: int, clients: int, reuse: bool = False) -> list[dict]:
    """Fill the database; one plan per client: its cookies, token, units, tables and draft."""
    from django.contrib.auth.models import User
    from django.test import Client

    from jixiao.web.accounts import tokens
    from jixiao.web.accounts.models import Profile, Role, Unit
    from jixiao.web.targets.forms import TableForm
    from jixiao.web.targets.models import TargetTable

    start = time.perf_counter()
    if reuse and generated(count):
        User.objects.filter(username__startswith="load").delete()  # the last run's clients
        print(f"reused {count} generated tables", flush=True)
    else:
        empty_database()
        generate(count)
        print(f"generated {count} tables in {time.perf_counter() - start:.1f} s", flush=True)
    rng = random.Random(7)
    units = list(Unit.objects.filter(name__startswith="基准单位").values_list("pk", flat=True))
    tables = list(TargetTable.objects.filter(status="approved").values_list("pk", flat=True)[:5000])
    drafts = {}
    for pk, unit in TargetTable.objects.filter(status="draft", project__unit__name__startswith="基准单位") \
            .values_list("pk", "project__unit").order_by("pk"):
        drafts.setdefault(unit, pk)
    reviewers = max(1, clients // 5)
    plans = []
    for n in range(clients):
        reviewer = n < reviewers
        user = User.objects.create_user(f"load{n:02d}", password=PASSWORD)
        unit = None if reviewer else list(drafts)[n]
        Profile.objects.create(user=user, role=Role.REVIEWER if reviewer else Role.STAFF, unit_id=unit)
        browser = Client()
        browser.force_login(user)
        plan = {"name": user.username, "reviewer": reviewer, "cookies": {"sessionid": browser.cookies["sessionid"].value},
                "token": tokens.create(user, "压力测试")[1], "units": rng.sample(units, 20), "unit": unit,
                "tables": rng.sample(tables, 50)}
        if not reviewer:
            table = TargetTable.objects.select_related("project").get(pk=drafts[unit])
            plan["tables"] = list(TargetTable.objects.filter(project__unit=unit).values_list("pk", flat=True)[:50])
            plan["draft"] = table.pk
            plan["form"] = edit_form(table, TableForm)
        plans.append(plan)
    return plans


def edit_form(table, form_class) -> dict:
    """The edit form as the page sends it, without its version (read from the page at each save)."""
    facts = {k: ("" if v is None else str(v)) for k, v in form_class.initial_for(table).items() if k != "version"}
    rows = list(table.indicators.all())
    data = {**facts, "ind-TOTAL_FORMS": len(rows), "ind-INITIAL_FORMS": len(rows), "ind-MIN_NUM_FORMS": 0,
            "ind-MAX_NUM_FORMS": 1000}
    for n, r in enumerate(rows):
        row = {"id": r.id, "category": r.category, "name": r.name, "period_target": r.period_text,
               "annual_target": r.annual_text, "ORDER": r.position}
        data.update({f"ind-{n}-{k}": "" if v is None else v for k, v in row.items()})
    return data


class Session:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int, cookies: dict):
        self.port, self.cookies, self.connection = port, dict(cookies), None

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        for attempt in (1, 2):
            fresh = self.connection is None
            if fresh:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if fresh or attempt == 2:  # only a kept-alive connection the server closed is retried
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, content


def actions(plan: dict) -> list[tuple[str, int, object]]:
    """(kind, weight, how) for this client's mix."""
    units = plan["units"]
    unit = plan["unit"] if not plan["reviewer"] else None
    def pick(values):
        return lambda rng: rng.choice(values)
    mix = [
        ("list", 3, lambda rng: f"/tables/?year={YEAR}&page={rng.randint(1, 5)}"),
        ("filtered list", 2, lambda rng: f"/tables/?year={YEAR}&unit={unit or rng.choice(units)}&status=approved"),
        ("table page", 3, lambda rng: f"/tables/{pick(plan['tables'])(rng)}/"),
        ("overview", 1, lambda rng: f"/monitoring/?year={YEAR}" + ("&unit=0" if plan["reviewer"] else "")),
        ("evaluations", 1, lambda rng: f"/evaluations/?year={YEAR}" + ("&unit=0" if plan["reviewer"] else "")),
        ("dashboard", 1, lambda rng: f"/charts/?year={YEAR}" if plan["reviewer"] else f"/charts/units/{unit}/?year={YEAR}"),
        ("API list", 2, lambda rng: f"/api/v1/tables?year={YEAR}&page={rng.randint(1, 5)}"),
    ]
    if not plan["reviewer"]:
        mix.append(("draft save", 1, None))
    return mix


def save_draft(session: Session, plan: dict, serial: int) -> bool:
    status, page = session.request("GET", f"/tables/{plan['draft']}/edit/")
    version = re.search(rb'name="version" value="(\d+)"', page)
    if status != 200 or not version:
        return False
    data = {**plan["form"], "version": version.group(1).decode(), "goal_annual": f"{plan['form']['goal_annual']}（{serial}）",
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
    status, _ = session.request("POST", f"/tables/{plan['draft']}/edit/", urllib.parse.urlencode(data),
                                {"Content-Type": "application/x-www-form-urlencoded",
                                 "Referer": f"http://127.0.0.1:{session.port}/tables/{plan['draft']}/edit/"})
    return status == 302


def client(port: int, plan: dict, deadline: float, floor: bool, results: list, seed: int, think: float) -> None:
    rng = random.Random(seed)
    session = Session(port, plan["cookies"])
    mix = actions(plan)
    kinds, weights = [m[0] for m in mix], [m[1] for m in mix]
    paths = {m[0]: m[2] for m in mix}
    auth = {"Authorization": f"Bearer {plan['token']}"}
    serial = 0
    while time.perf_counter() < deadline:
        kind = "我的账户" if floor else rng.choices(kinds, weights)[0]
        start = time.perf_counter()
        try:
            if kind == "我的账户":
                status = session.request("GET", "/accounts/me/")[0]
                ok = status == 200 or f"HTTP {status}"
            elif kind == "draft save":
                serial += 1
                ok = save_draft(session, plan, serial) or "save refused"
            else:
                status = session.request("GET", paths[kind](rng), headers=auth if kind == "API list" else None)[0]
                ok = status == 200 or f"HTTP {status}"
        except (OSError, http.client.HTTPException) as e:
            ok = type(e).__name__
            session.connection = None
        results.append((kind, (time.perf_counter() - start) * 1000, ok))
        if think:
            time.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.perf_counter())))


def phase(port: int, plans: list[dict], seconds: float, floor: bool, think: float) -> tuple[list, float, float]:
    """(results, seconds elapsed, seconds of this process's CPU: the load generator's)."""
    results: list = []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(port, plan, deadline, floor, results, n, think))
               for n, plan in enumerate(plans)]
    start, cpu = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - start, time.process_time() - cpu


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(q * len(values))) - 1))] if values else float("nan")


def line(label: str, results: list, elapsed: float, cpu: float) -> str:
    times = [ms for _, ms, _ in results]
    errors = sum(1 for *_, ok in results if ok is not True)
    return (f"{label:<28} {len(results):>8} {len(results) / elapsed:>8.1f} {percentile(times, .5):>8.1f} "
            f"{percentile(times, .95):>8.1f} {percentile(times, .99):>8.1f} {errors:>7} {cpu / elapsed * 100:>8.0f}")


def start_server(env: dict, arguments: list[str]) -> tuple[subprocess.Popen, int]:
    log = open(Path(env["JIXIAO_VAR"]) / "server.log", "a")  # waitress reports its queue depth there
    process = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "serve", "--port", "0", "--no-worker", *arguments],
                               env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    line_ = process.stdout.readline()
    match = re.search(r":(\d+)/", line_)
    if not match:
        process.kill()
        raise SystemExit(f"the server did not start: {line_!r}")
    return process, int(match.group(1))


def measure(label: str, env: dict, arguments: list[str], plans: list[dict], seconds: float, floor_seconds: float,
            think: float):
    process, port = start_server(env, arguments)
    try:
        phase(port, plans, min(10.0, seconds), False, 0.0)  # warm-up: every process compiles its templates
        floor = phase(port, plans, floor_seconds, True, think)
        mix = phase(port, plans, seconds, False, think)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
    print(line(f"{label}, floor 我的账户", *floor))
    print(line(f"{label}, mix", *mix), flush=True)
    print(f"  (machine load average {os.getloadavg()[0]:.1f} over the last minute: other work shares these cores)")
    return mix[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tables", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--floor-seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-waitress", action="store_true")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds each client pauses after a page (default 0: no pause)")
    parser.add_argument("--reuse", action="store_true",
                        help="BENCH_DATABASE_URL already holds TABLES generated tables (bench_pages.py --reuse)")
    args, _ = parser.parse_known_args()  # `make bench` passes its arguments to every bench
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.db import connection

        plans = prepare(args.tables, args.clients, args.reuse)
        vendor = connection.vendor
        connection.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
        env.update(JIXIAO_VAR=tmp, JIXIAO_API_RATE="1000000/m")  # the limit is checked, never reached
        if "DATABASE_URL" in os.environ:
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        reviewers = sum(p["reviewer"] for p in plans)
        print(f"{args.tables} tables, {vendor}; {args.clients} clients ({reviewers} reviewers, "
              f"{args.clients - reviewers} unit staff), "
              + (f"think time {args.think:g} s on average" if args.think else "no think time")
              + f"; {args.seconds:.0f} s mix, "
              f"{args.floor_seconds:.0f} s floor; {os.cpu_count()} cores")
        print(f"{'server':<28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
              f"{'gen CPU%':>8}")
        mix = measure(f"gunicorn {args.workers}×{args.threads}", env,
                      ["--workers", str(args.workers), "--threads", str(args.threads)], plans, args.seconds,
                      args.floor_seconds, args.think)
        if not args.no_waitress:
            measure("waitress 1×8", env, ["--server", "waitress", "--threads", "8"], plans, args.seconds,
                    args.floor_seconds, args.think)
        print("\nper kind (gunicorn):")
        for kind in sorted({k for k, _, _ in mix}):
            times = [ms for k, ms, _ in mix if k == kind]
            errors = Counter(ok for k, _, ok in mix if k == kind and ok is not True)
            print(f"  {kind:<16} {len(times):>6} requests  p50 {percentile(times, .5):7.1f} ms  "
                  f"p95 {percentile(times, .95):7.1f} ms  errors {sum(errors.values())}"
                  + "".join(f"  ({n} × {why})" for why, n in errors.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
