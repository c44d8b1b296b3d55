"""``python -m jixiao.core.scoring > docs/scoring.md`` regenerates the scoring rules."""

import sys

from jixiao.core.scoring.reference import scoring_markdown

sys.stdout.write(scoring_markdown())
