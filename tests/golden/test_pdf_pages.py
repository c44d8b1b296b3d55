"""Every PDF the product writes: the unit and year at the top of each page, "第 n 页 / 共 m 页" at its foot;
the 自评表 on at most two landscape pages (read from the golden dumps, which the exports must match)."""

from pathlib import Path

GOLDEN = Path(__file__).parent / "files"


def test_every_pdf_carries_page_numbers_and_the_unit_on_each_page():
    golden = GOLDEN
    dumps = sorted(golden.glob("*.pdf.txt"))
    assert {p.name for p in dumps} >= {"demo.list.pdf.txt", "demo.review-report.pdf.txt", "xinfang.table.pdf.txt",
                                       "xinfang.evaluation.pdf.txt", "xinfang.monitoring.pdf.txt"}
    for path in dumps:
        pages = path.read_text(encoding="utf-8").split("== page ")[1:]
        for n, page in enumerate(pages, 1):
            lines = page.splitlines()
            assert lines[1] == "东莞市东坑镇综合治理办公室 2024年度", (path.name, n)
            assert lines[-1] == f"第 {n} 页 / 共 {len(pages)} 页", (path.name, n)
    evaluation = (golden / "xinfang.evaluation.pdf.txt").read_text(encoding="utf-8").split("== page ")[1:]
    assert len(evaluation) <= 2 and all(p.startswith(f"{n} (842×595 pt)") for n, p in enumerate(evaluation, 1))
