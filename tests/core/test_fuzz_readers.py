"""Property tests: mutated inputs to every reader give a result or the documented one-line error
(ReadError), never another exception. The suite runs a few dozen inputs per reader; `make fuzz`
runs JIXIAO_FUZZ_EXAMPLES (10,000) per reader, one reader per process, and prints the figures
(docs/reading.md#fuzzing). Seeds, mutations and figures: fuzz_helpers.py."""

import os

import pytest
from fuzz_helpers import READERS, Figures, inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "40"))
# The long run draws fresh inputs each time; the suite's short run is the same every time.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get("JIXIAO_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("reader", READERS)
def test_reader(reader, record_property):
    figures = Figures(reader)
    strategy = inputs(reader)

    @FUZZ
    @given(st.data())
    def run(data):
        figures.check(data.draw(strategy))

    try:
        figures.run(run)
    finally:
        record_property("fuzz", figures.as_dict())
    assert figures.inputs >= EXAMPLES  # hypothesis stopped early only if a failure was raised above
