"""Grid extraction from a Word document (.docx, python-docx): paragraphs and tables in body order;
a merged cell is read once where it starts (python-docx repeats it across the cells it covers).
A table's rows are numbered within the table (``Row.part`` names it); paragraphs in their order."""

from __future__ import annotations

import io
import zipfile

from jixiao.core.limits import DEFAULT, Limits, check_unpacked
from jixiao.core.model import ReadError
from jixiao.core.reading.text_grid import Row


def rows_from_docx(data: bytes, file: str | None = None, limits: Limits = DEFAULT) -> list[Row]:
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked(archive, limits, file)
        document = open_docx(io.BytesIO(data))
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"文件已损坏或不是 .docx 格式，无法打开（{type(exc).__name__}）", file) from None
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
        raise ReadError(f"文件已损坏，无法作为 .docx 打开（{type(exc).__name__}）", file) from None
    rows: list[Row] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                paragraphs += 1
                rows.append(Row(paragraphs, [(0, text)], "text"))
        elif isinstance(block, Table):
            tables += 1
            for number, row in enumerate(block.rows, 1):
                cells: list[tuple[int, str]] = []
                last = None
                for n, cell in enumerate(row.cells):
                    if cell._tc is last:
                        continue  # the same merged cell again
                    last = cell._tc
                    text = " ".join(cell.text.split())
                    if text:
                        cells.append((n, text))
                if cells:  # where a value came from: 第2个表格第5行
                    rows.append(Row(number, cells, "tab", f"第{tables}个表格"))
    return rows
