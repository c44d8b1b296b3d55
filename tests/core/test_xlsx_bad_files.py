"""Files that cannot be read: one clear Chinese line, exit 2 from the CLI, nothing written."""

import struct

import pytest

from jixiao.cli import main
from jixiao.core import limits
from jixiao.core.model import ReadError
from jixiao.core.xlsx_reader import read_xlsx


def _ole(*stream_names: str) -> bytes:
    """A compound-file (OLE) header and directory naming the given streams, as Office writes them."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\x00" * 482
    entries = b""
    for name in ("Root Entry", *stream_names):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw.ljust(64, b"\x00") + struct.pack("<H", len(raw)) + b"\x02" + b"\x00" * 61
    return header + entries.ljust(512, b"\x00")


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("corrupt.xlsx", b"PK\x03\x04 this zip stops here", "文件已损坏或不是 .xlsx 格式"),
        ("protected.xlsx", _ole("EncryptionInfo", "EncryptedPackage"), "文件设有打开密码"),
        ("old.xlsx", _ole("Workbook", "\x05SummaryInformation"), "旧版 Excel（.xls）"),
    ],
)
def test_bad_workbook_gives_one_clear_line(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        read_xlsx(path)
    assert main(["convert", str(path), str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


def test_xls_extension_is_refused_with_advice(tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(_ole("Workbook"))
    assert main(["convert", str(path), str(tmp_path / "out.xlsx")]) == 2
    assert "另存为 .xlsx" in capsys.readouterr().err


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    with open(path, "wb") as fh:  # sparse: 60 MB on paper, nothing to read
        fh.truncate(60 * 1024 * 1024)
    monkeypatch.setattr("builtins.open", None)  # reading would fail loudly
    with pytest.raises(ReadError, match="文件过大（60.0 MB），超过上限 50 MB"):
        read_xlsx(path)
    monkeypatch.undo()
    with pytest.raises(ReadError, match="超过上限 1 MB"):
        limits.check_size(path, limits.Limits(max_file_bytes=1024 * 1024))
