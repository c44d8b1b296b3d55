"""The figures of the reader fuzzing (test_fuzz_readers.py), printed at the end of any run that has them."""

from fuzz_helpers import summary


def pytest_terminal_summary(terminalreporter):
    rows = [dict(value) for kind in ("passed", "failed") for report in terminalreporter.getreports(kind)
            if report.when == "call" for name, value in report.user_properties if name == "fuzz"]
    if rows:
        terminalreporter.section("reader fuzzing")
        for line in summary(rows):
            terminalreporter.write_line(line)
