"""Helpers shared by the database-free subcommands."""

from __future__ import annotations

import sys

from jixiao.core.io import read_document
from jixiao.core.model import Document, ReadError
from jixiao.reader_limits import LimitSettingError, limits_from_environment


def read_or_exit(path: str) -> Document | None:
    """Read a document; on failure print 'FILE:LINE: message' to stderr and return None."""
    try:
        return read_document(path, limits_from_environment())
    except LimitSettingError as e:
        print(f"配置错误：{e}", file=sys.stderr)
        return None
    except ReadError as e:
        print(str(e), file=sys.stderr)
        return None


def rules_or_exit(name: str | None):
    """The rule set named (or in a file); on failure print one line to stderr and return None."""
    from jixiao.core.rules import RuleSetError, load

    try:
        return load(name)
    except RuleSetError as e:
        print(str(e), file=sys.stderr)
        return None


def add_rules_argument(parser) -> None:
    parser.add_argument("--rules", metavar="NAME|FILE", default=None,
                        help="规则集名称（见 jixiao rules list，默认 central-2020）或规则集文件（.toml）")
