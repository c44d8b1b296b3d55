"""Every `jixiao` command given a missing, empty or binary file (or a folder) answers with one
Chinese line on stderr and a non-zero exit code, never a traceback."""

import os

import pytest

from jixiao import cli
from jixiao.demo import DEMO_DOCUMENT

# command line with {} for the file, for each command that reads one
COMMANDS = {
    "parse": ["parse", "{}"],
    "summary": ["summary", "{}"],
    "review": ["review", "{}"],
    "review --rules": ["review", "--rules", "{}", str(DEMO_DOCUMENT)],
    "recheck": ["recheck", "{}"],
    "evaluate": ["evaluate", "{}"],
    "evaluate --rules": ["evaluate", "--rules", "{}", str(DEMO_DOCUMENT)],
    "convert": ["convert", "{}", "OUT.json"],
    "library build": ["library", "build", "{}"],
    "library search": ["library", "search", "--library", "{}", "信访"],
    "rules show": ["rules", "show", "{}"],
    "import": ["import", "{}"],
    "restore": ["restore", "{}"],
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty.txt").write_bytes(b"")
    noise = os.urandom(0) + bytes(range(256)) * 16  # every byte value, not text in any encoding
    for name in ("binary.txt", "binary.json", "binary.xlsx", "binary.pdf", "binary.docx", "binary.toml", "binary.zip"):
        (folder / name).write_bytes(noise)
    return folder


def run(argv, capfd) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as e:
        code = e.code
    return code, capfd.readouterr().err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("given", ["missing.txt", "empty.txt", "binary.txt", "binary.json", "binary.xlsx",
                                   "binary.pdf", "binary.docx", "binary.toml", "binary.zip", "."])
def test_one_line_error_never_a_traceback(db, files, tmp_path, command, given, capfd, monkeypatch):
    monkeypatch.chdir(tmp_path)  # convert writes OUT.json here
    path = str(files / given)
    argv = [str(path) if part == "{}" else part for part in COMMANDS[command]]
    code, err = run(argv, capfd)
    assert code not in (0, None), err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Error:" not in err, err
    assert any("\u4e00" <= c <= "\u9fff" for c in lines[0]), err  # said in Chinese
