"""Numbers as people type them and as Jixiao shows them: the one decimal parser and formatter."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Full-width digits and signs typed with a Chinese input method, and the minus sign U+2212.
_WIDE = str.maketrans("０１２３４５６７８９．－＋−", "0123456789.-+-")
# Thousands separators and spaces anywhere, a trailing 元 (“32,000元”); commas are not checked for
# grouping, people write “1,0000” in 万 groups too.
_NOISE = re.compile(r"[,，\s\u3000]")
# Plain or exponent notation only: Decimal() alone would also take 'NaN', 'Infinity', 'sNaN'.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# No amount, count or rate in a target table comes near 10^30; '1e999999999' would otherwise be
# accepted and then written out digit by digit.
MAX_MAGNITUDE = 30


def parse_decimal(value: object) -> Decimal | None:
    """The number in ``value`` (text as typed, an int, a float or a Decimal), else None.

    Accepts ``32,000``, ``３２，０００``, ``1 234.5``, ``45000元``, ``-3``, ``1E+2``; refuses empty
    text, NaN, infinities, booleans and anything with other words in it.
    """
    number = _decimal(value)
    if number is None or not number.is_finite():
        return None
    if abs(number.adjusted()) > MAX_MAGNITUDE:
        return None
    return number


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value else None  # repr: 0.1 → 0.1, not 0.1000000000000000055…
    if not isinstance(value, str):
        return None
    text = _NOISE.sub("", value.translate(_WIDE)).removesuffix("元")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_int(value: object) -> int | None:
    """A whole number from a query parameter or a form field (``'12'``), else None."""
    if isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def plain(number: Decimal) -> str:
    """The number for display, without exponent or trailing zeros: 80.000000 → '80', 1E+2 → '100'.

    Exact at any size (``Decimal.normalize`` would round to the context's 28 digits).
    """
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return "0" if text in ("-0", "") else text


def canonical(number: Decimal) -> Decimal:
    """The same number with no storage scale and no exponent: 80.000000 → 80, 0.500 → 0.5, 1E+2 → 100."""
    return Decimal(plain(number))


def grouped(number: Decimal) -> str:
    """Like ``plain`` with thousands separators: 270000 → '270,000', 1.250 → '1.25'."""
    return format(canonical(number), ",f")


def exact(number: Decimal | None) -> str | None:
    """The number for data files (JSON): every digit and the scale kept, never an exponent:
    80.0 → '80.0', 1E+2 → '100'; None → None."""
    return None if number is None else format(number, "f")


def money(number: Decimal) -> str:
    """An amount in yuan as tables print it: two decimals, thousands separators: 12345.5 → '12,345.50'."""
    return f"{number:,.2f}"


def percent(share: Decimal, places: int = 2) -> str:
    """A fraction as a percentage rounded half up: 0.862 → '86.20%'; ``places=1`` → '86.2%'."""
    return f"{(share * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def short_percent(share: Decimal) -> str:
    """A fraction as a percentage with no more digits than it needs, for rule texts: 0.6 → '60%', 0.825 → '82.5%'."""
    return f"{plain(share * 100)}%"
