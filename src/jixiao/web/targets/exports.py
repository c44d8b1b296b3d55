"""Export formats of ``jixiao export``: name → writer(tables, dest, unit=, year=).

Text formats write to a text stream, binary ones to a path or binary stream. Issue 6's Excel and PDF
writers plug in here.
"""

from __future__ import annotations

import json

from jixiao.core import jsonio
from jixiao.core.model import Document


def write_json(tables, dest, *, unit=None, year=None, statuses=None) -> None:
    dest.write(json.dumps(jsonio.document_to_dict(Document(tables=list(tables))), ensure_ascii=False, indent=2))
    dest.write("\n")


def write_xlsx(tables, dest, *, unit=None, year=None, statuses=None) -> None:
    from jixiao.core.xlsx import write_xlsx as write

    write(list(tables), dest, statuses=statuses)  # 汇总 sheet gains a 审核状态 column


def write_pdf(tables, dest, *, unit=None, year=None, statuses=None) -> None:
    from jixiao.core.pdf import write_pdf as write

    write(list(tables), dest, unit=unit, year=year)


# name: (writer, binary?)
FORMATS = {"json": (write_json, False), "xlsx": (write_xlsx, True), "pdf": (write_pdf, True)}
