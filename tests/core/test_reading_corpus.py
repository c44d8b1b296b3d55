"""The readers measured on the real corpus (tests/fixtures/real): share of expected indicators read
exactly (name and every target), spurious indicators on clean fixtures. The table per fixture is
printed (``pytest -s``; ``make bench`` prints it too) and written into docs/reading.md.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import reading_corpus  # noqa: E402

# The issue asks for 90 % overall with no fixture under 60 %. These floors are what the reader
# reaches today (docs/reading.md lists what it does not read yet); they only ever go up.
OVERALL_FLOOR = 0.99
FIXTURES_UNDER_60_PERCENT_AT_MOST = 0
# 预算执行情况 blocks read exactly (every key of the expected block, the money unit included).
EXECUTION_BLOCKS_FLOOR = 17
# Weights, actuals and scores (of the indicators found by name) read exactly, as printed.
FIELDS_FLOOR = 1047
# Indicators read that a careful reader does not list, over the whole corpus (clean fixtures have none).
SPURIOUS_AT_MOST = 9


@pytest.fixture(scope="module")
def scores():
    result = reading_corpus.run()
    print("\n" + reading_corpus.report(result))
    return result


def test_corpus_is_there(scores):
    assert len(scores) >= 30
    assert sum(s.kind == "self_evaluation" for s in scores) >= 10


def test_share_read_exactly(scores):
    counted = [s for s in scores if not s.unreadable]
    share = sum(s.exact for s in counted) / sum(s.expected for s in counted)
    assert share >= OVERALL_FLOOR, reading_corpus.report(scores)


def test_execution_blocks_read_exactly(scores):
    blocks, exact = reading_corpus.execution_share(scores)
    assert blocks >= 15
    assert exact >= EXECUTION_BLOCKS_FLOOR, reading_corpus.report(scores)


def test_fixtures_under_60_percent(scores):
    low = [s.file for s in scores if not s.unreadable and s.share < 0.6]
    assert len(low) <= FIXTURES_UNDER_60_PERCENT_AT_MOST, low


def test_weights_actuals_and_scores_read_exactly(scores):
    fields, exact = reading_corpus.field_share(scores)
    assert fields >= 900
    assert exact >= FIELDS_FLOOR, reading_corpus.report(scores)


def test_spurious_indicators_over_the_corpus(scores):
    spurious = {s.file: s.spurious for s in scores if s.spurious}
    assert sum(spurious.values()) <= SPURIOUS_AT_MOST, spurious


def test_no_spurious_indicator_on_clean_fixtures(scores):
    spurious = {s.file: s.spurious for s in scores if s.clean and s.spurious}
    assert spurious == {}, spurious


def test_the_docs_show_the_current_figures(scores):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "reading.md").read_text(encoding="utf-8")
    assert reading_corpus.markdown(scores) in docs, "docs/reading.md is stale: run python bench/reading_corpus.py --docs"


def test_the_readme_shows_the_figures_per_layout(scores):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert reading_corpus.readme_table(scores) in readme, "README.md is stale: run python bench/reading_corpus.py --docs"


def test_the_docs_list_the_vocabulary():
    from jixiao.core import vocabulary

    docs = (Path(__file__).resolve().parents[2] / "docs" / "reading.md").read_text(encoding="utf-8")
    assert vocabulary.markdown() in docs, "docs/reading.md is stale: run python bench/reading_corpus.py --docs"
