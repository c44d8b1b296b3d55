"""The one decimal parser and formatter (core/numbers.py)."""

from decimal import Decimal

import pytest

from jixiao.core.jsonio import loads
from jixiao.core.model import ReadError
from jixiao.core.numbers import canonical, exact, grouped, money, parse_decimal, parse_int, percent, plain, short_percent
from jixiao.core.targets import parse_target


@pytest.mark.parametrize(
    "typed, number",
    [
        ("32,000", "32000"),
        ("３２，０００", "32000"),  # full-width digits and comma from a Chinese input method
        ("1 234.5", "1234.5"),
        ("45000元", "45000"),
        ("45,000 元", "45000"),
        (" 12.50 ", "12.50"),
        ("−2", "-2"),
        ("-0.5", "-0.5"),
        (".5", "0.5"),
        ("１２．５", "12.5"),
        ("1E+2", "100"),  # how str() writes a normalised Decimal
        (7, "7"),
        (0.1, "0.1"),
        (Decimal("80.000000"), "80.000000"),
    ],
)
def test_accepts_what_people_type(typed, number):
    assert parse_decimal(typed) == Decimal(number)


@pytest.mark.parametrize(
    "typed",
    ["", "  ", "元", "NaN", "nan", "-Infinity", "inf", "sNaN", "1.2.3", "12a", "约100", "≥90%", "1e31", "0e99999",
     "1e999999999999", True, None, [1], float("nan"), float("inf"), Decimal("NaN"), Decimal("Infinity")],
)
def test_refuses_what_is_not_a_number(typed):
    assert parse_decimal(typed) is None


@pytest.mark.parametrize(
    "number, shown, with_commas",
    [
        ("80.000000", "80", "80"),
        ("0.500000", "0.5", "0.5"),
        ("1E+2", "100", "100"),
        ("-0.00", "0", "0"),
        ("270000", "270000", "270,000"),
        ("-1234.50", "-1234.5", "-1,234.5"),
        ("0.1234567890123456789012345678901", "0.1234567890123456789012345678901",
         "0.1234567890123456789012345678901"),  # more digits than the context: nothing rounded
    ],
)
def test_plain_and_grouped_have_no_exponent_or_trailing_zeros(number, shown, with_commas):
    assert plain(Decimal(number)) == shown
    assert grouped(Decimal(number)) == with_commas
    assert canonical(Decimal(number)) == Decimal(number)
    assert str(canonical(Decimal(number))) == shown


def test_json_reader_uses_the_parser():
    doc = loads('{"tables": [{"name": "甲", "budget": "３６，０００元"}]}')
    assert doc.tables[0].budget == Decimal(36000)
    with pytest.raises(ReadError, match=r"tables\[0\].budget：应为数字，实为 'NaN'"):
        loads('{"tables": [{"name": "甲", "budget": "NaN"}]}')


@pytest.mark.parametrize("number, shown", [("80.0", "80.0"), ("1E+2", "100"), ("0.0000001", "0.0000001"), ("-3.50", "-3.50")])
def test_exact_keeps_every_digit_and_never_writes_an_exponent(number, shown):
    assert exact(Decimal(number)) == shown
    assert exact(None) is None


def test_money_and_percentages_as_tables_print_them():
    assert money(Decimal("12345.5")) == "12,345.50"
    assert percent(Decimal("0.862")) == "86.20%"
    assert percent(Decimal("0.86205")) == "86.21%"  # half up, as published tables round
    assert percent(Decimal(1) / 3, 1) == "33.3%"
    assert short_percent(Decimal("0.6")) == "60%"
    assert short_percent(Decimal("0.825")) == "82.5%"


@pytest.mark.parametrize("given, number", [("12", 12), (" 7 ", 7), ("", None), ("abc", None), (None, None), (True, None)])
def test_parse_int_reads_query_parameters(given, number):
    assert parse_int(given) == number


def test_target_values_beyond_any_real_quantity_are_text_with_a_warning():
    huge = parse_target("≥" + "9" * 40 + "%")
    assert huge.kind == "qualitative" and huge.warning
