"""``python -m jixiao.core.review > docs/review-rules.md`` regenerates the rule reference."""

import sys

from jixiao.core.review import rules_markdown

sys.stdout.write(rules_markdown())
