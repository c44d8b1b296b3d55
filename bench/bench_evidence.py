"""佐证记录: the time an evaluation or monitoring page spends taking linked actuals from the records.

    .venv/bin/python bench/bench_evidence.py [RECORDS ...]     # default 2000 20000

Builds a scratch SQLite database in a temporary folder (or BENCH_DATABASE_URL, a scratch database:
it is migrated and filled), imports the demo document, records RECORDS pieces of 2024 work for
信访事项经费 (宣传活动, 制品采购, 信访事项 in turn) and links three of its indicators to them
(count, quantity, unit price), then times ``evidence.actuals.linked_actuals`` for the table's rows.
Floors: the same three filtered queries fetching only the columns summed (no model objects, no core;
what summing in Python cannot beat), and the three filtered queries summing in the database
(``aggregate``: count and two sums, nothing else). Median of 11 runs, wall milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_overview import setup_django  # noqa: E402

KINDS = [("activity", "宣传活动"), ("purchase", "制品采购"), ("case", "信访事项")]
LINKS = {"信访宣传活动次数": ("activity", "宣传活动", "count"), "信访宣传制品数量": ("purchase", "制品采购", "quantity"),
         "信访宣传制品单价": ("purchase", "制品采购", "unit_price")}


def _median_ms(run, repeat: int = 11) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [2000, 20000]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from jixiao.core.io import read_document
        from jixiao.demo import DEMO_DOCUMENT
        from jixiao.web.evidence.actuals import linked_actuals
        from jixiao.web.evidence.models import Link, Record
        from jixiao.web.targets import importer
        from jixiao.web.targets.models import TargetTable

        importer.import_document(read_document(DEMO_DOCUMENT), source="bench")
        table = TargetTable.objects.get(project__name="信访事项经费", year=2024)
        rows = list(table.indicators.all())
        for row in rows:
            if row.name in LINKS:
                kind, subtype, measure = LINKS[row.name]
                Link.objects.create(indicator=row, kind=kind, subtype=subtype, measure=measure)
        from django.db.models import Count, Sum

        print(f"{'records':>8} {'fetch floor ms':>15} {'sum floor ms':>13} {'actuals ms':>11}  actuals")
        made = 0
        for count in counts:
            batch = []
            for n in range(made, count):
                kind, subtype = KINDS[n % 3]
                purchase = kind == "purchase"
                batch.append(Record(project=table.project, kind=kind, subtype=subtype,
                                    day=date(2024, 1, 1) + timedelta(days=n % 366), title=f"记录{n}",
                                    quantity=Decimal(100) if purchase else None, counting_unit="份" if purchase else "",
                                    amount=Decimal(124) if purchase else None))
            Record.objects.bulk_create(batch, batch_size=2000)
            made = count

            def floor():
                for kind, subtype, _ in LINKS.values():
                    list(Record.objects.filter(project_id=table.project_id, kind=kind, subtype=subtype,
                                               day__year=2024).values_list("quantity", "amount"))

            def sum_floor():
                for kind, subtype, _ in LINKS.values():
                    Record.objects.filter(project_id=table.project_id, kind=kind, subtype=subtype,
                                          day__year=2024).aggregate(Count("pk"), Sum("quantity"), Sum("amount"))

            floor_ms, sum_floor_ms = _median_ms(floor), _median_ms(sum_floor)
            result = {}
            actuals_ms = _median_ms(lambda: result.update(linked_actuals(rows)))
            texts = "、".join(linked.actual.text for linked in result.values())
            print(f"{count:>8} {floor_ms:>15.1f} {sum_floor_ms:>13.1f} {actuals_ms:>11.1f}  {texts}")


if __name__ == "__main__":
    main()
