"""The figures of the reader fuzzing (test_fuzz_readers.py): each reader's line as soon as its run ends
(a long `make fuzz` shows its progress), the table at the end of any run that has them."""

import pytest
from fuzz_helpers import row, summary


def _figures(report) -> list[dict]:
    return [dict(value) for name, value in report.user_properties if name == "fuzz"] if report.when == "call" else []


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report):
    reporter = _config.pluginmanager.get_plugin("terminalreporter") if _config else None
    if reporter is not None and reporter.verbosity < 0:  # -q: dots only, so say which reader is done
        for figures in _figures(report):
            reporter.write("\n")
            reporter.write_line(f"{row(figures)}  [{report.nodeid}]")


def pytest_terminal_summary(terminalreporter):
    rows = [figures for kind in ("passed", "failed") for report in terminalreporter.getreports(kind)
            for figures in _figures(report)]
    if rows:
        terminalreporter.section("reader fuzzing")
        for line in summary(rows):
            terminalreporter.write_line(line)


_config = None


def pytest_configure(config):
    global _config
    _config = config


@pytest.fixture(scope="session")
def real_tables():
    """Each table of the real corpus (tests/fixtures/real) as (its document's file name, the expected
    table as written by hand, the table the reader read), read once for every test that asks."""
    import json
    from pathlib import Path

    from jixiao.core.io import read_document

    out = []
    for expected_path in sorted((Path(__file__).parents[1] / "fixtures" / "real").glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        stem = expected_path.name.removesuffix(".expected.json")
        source = next(p for p in expected_path.parent.glob(f"{stem}.*") if p.suffix != ".json")
        out += [(source.name, want, got) for want, got in zip(expected["tables"], read_document(source).tables)]
    return out
