"""``python -m jixiao.core.rules > docs/rules.md`` regenerates the rule set reference."""

import sys

from jixiao.core.rules.reference import rules_markdown

sys.stdout.write(rules_markdown())
