"""Reading any supported document: dispatch by file extension, size limit, text decoding."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from jixiao.core.limits import DEFAULT, Limits, check_length, check_size, over
from jixiao.core.model import Document, ReadError


def decode_text(data: bytes, file: str | None = None) -> tuple[str, str]:
    """Decode published text: UTF-8 (with or without BOM), else GB18030 (covers GBK/GB2312).

    Returns (text, encoding). Binary and empty input raise ReadError.
    """
    if not data.strip():
        raise ReadError("文件为空", file, 1)
    head = data[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
        raise ReadError("不是文本文件（含二进制内容），请上传文本、JSON、Excel 或 PDF 文件", file, 1)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ReadError("无法识别文字编码（既不是 UTF-8 也不是 GBK/GB18030）", file, line) from None


def read_upload(data: bytes, filename: str, limits: Limits = DEFAULT) -> Document:
    """Read a document given as bytes (an upload); the extension of ``filename`` picks the format."""
    check_length(len(data), limits, filename)
    suffix = Path(filename).suffix.lower()
    if suffix == ".json":
        from jixiao.core import jsonio

        text, _ = decode_text(data, filename)
        check_json_depth(text, limits, filename)
        return jsonio.loads(text, file=filename)
    if suffix in (".xlsx", ".xlsm"):
        from jixiao.core import xlsx_reader

        return xlsx_reader.read_xlsx(io.BytesIO(data), file=filename, limits=limits)
    if suffix == ".xls":
        raise ReadError("不支持旧版 Excel (.xls) 文件，请在 Excel/WPS 中另存为 .xlsx 后再上传", filename)
    if suffix in (".html", ".htm"):
        from jixiao.core.reading.documents import read_html

        text, _ = decode_text(data, filename)
        return read_html(text, filename, limits)
    if suffix == ".docx":
        from jixiao.core.reading.documents import read_docx

        return read_docx(data, filename, limits)
    if suffix == ".doc":
        raise ReadError("不支持旧版 Word (.doc) 文件，请在 Word/WPS 中另存为 .docx 后再上传", filename)
    if suffix == ".pdf":
        from jixiao.core import pdf_reader

        return pdf_reader.read_pdf(io.BytesIO(data), file=filename, limits=limits)
    from jixiao.core.published import is_published_layout, read_published
    from jixiao.core.reading.documents import read_text_tables

    text, encoding = decode_text(data, filename)
    doc = read_published(text, file=filename) if is_published_layout(text) else read_text_tables(text, filename, limits)
    if encoding != "utf-8":
        from jixiao.core.model import ReadWarning

        doc.warnings.insert(0, ReadWarning(None, "文件按 GBK/GB18030 编码读取"))
    return doc


_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def check_json_depth(text: str, limits: Limits, file: str | None) -> None:
    """Refuse JSON nested deeper than the limit before parsing it (the parser would recurse)."""
    depth = 0
    for m in _NESTING.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limits.max_json_depth:
                line = text.count("\n", 0, m.start()) + 1
                raise over("JSON 的嵌套层数", limits.max_json_depth, "max_json_depth", file, line)
        elif token in "]}":
            depth -= 1


def target_tables(doc: Document) -> Document:
    """The document, if it holds target tables only: a self-evaluation is not imported as targets."""
    found = [t.name or "（无名称）" for t in doc.tables if t.kind == "self_evaluation"]
    if found:
        raise ReadError(f"这是绩效自评表（{'、'.join(found[:3])}），不是绩效目标表：请在项目的绩效自评页面填写", doc.file)
    return doc


def read_document(path: str | os.PathLike, limits: Limits = DEFAULT) -> Document:
    """Read a document from disk. Raises ReadError for anything unreadable."""
    path = Path(path)
    name = str(path)
    try:
        path.stat()
    except FileNotFoundError:
        raise ReadError("文件不存在", name) from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror}", name) from None
    if path.is_dir():
        raise ReadError("这是一个目录，不是文件", name)
    check_size(path, limits)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror}", name) from None
    return read_upload(data, name, limits)


_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>\s*([^<]+?)\s*</dcterms:modified>")


def document_date(data: bytes, filename: str) -> datetime | None:
    """When an Office document (.xlsx, .docx) says it was last saved, from its own properties (UTC);
    None for other formats or when it does not say."""
    if Path(filename).suffix.lower() not in (".xlsx", ".xlsm", ".docx"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1_000_000:
                return None
            found = _MODIFIED.search(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    if not found:
        return None
    try:
        when = datetime.fromisoformat(found.group(1).decode("ascii", "replace").replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def unpack_zip(data: bytes, filename: str, limits: Limits = DEFAULT) -> list[tuple[str, bytes, datetime | None]]:
    """The documents of a .zip upload as (name, bytes, date the archive gives it), folders and hidden
    files left out; bounded by the number of files and the unpacked size before anything is unpacked."""
    from jixiao.core.limits import check_unpacked

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("不是有效的 .zip 压缩文件", filename) from None
    with archive:
        check_unpacked(archive, limits, filename)
        members = [i for i in archive.infolist()
                   if not i.is_dir() and not any(p.startswith((".", "__MACOSX")) for p in i.filename.split("/"))]
        if len(members) > limits.max_files:
            raise over("压缩文件中的文件数", limits.max_files, "max_files", filename)
        if not members:
            raise ReadError("压缩文件中没有文件", filename)
        out = []
        for info in members:
            name = _member_name(info)
            try:
                when = datetime(*info.date_time)  # the archive's local time, as the packer's clock said
            except ValueError:
                when = None
            try:
                out.append((name, archive.read(info), when))
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError):  # damaged, unsupported or encrypted
                raise ReadError(f"无法解压其中的文件“{name}”", filename) from None
        return out


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's own name: zips made on Chinese Windows store GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return Path(name).name
