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
