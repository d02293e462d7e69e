"""Number reading shared by every extractor (agents/parsing/numbers.py)."""

from __future__ import annotations

import pytest

from agents.parsing.numbers import QUANTITY, parse_number, quantity_value, range_values, word_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10k", 10_000), ("10K", 10_000), ("10,000", 10_000), ("10.000", 10_000), ("1.5M", 1_500_000),
        ("1,5 Mio", 1_500_000), ("250 thousand", 250_000), ("1.2 million", 1_200_000), ("5,00,000", 500_000),
        ("8'000", 8_000), ("10 000", 10_000), ("1.200.000", 1_200_000), ("1,234.56", 1234.56),
        ("1.234,5", 1234.5), ("2 crore", 20_000_000), ("5 lakh", 500_000), ("10 mil", 10_000),
        ("10 Tsd.", 10_000), ("2,5 Millionen", 2_500_000), ("3 bn", 3e9), ("1.500 Mio", 1_500_000),
    ],
)
def test_quantities(text: str, value: float) -> None:
    m = QUANTITY.fullmatch(text)
    assert m is not None, text
    assert quantity_value(m["num"], m["mult"]) == pytest.approx(value)


@pytest.mark.parametrize("text", ["3 months", "10 must", "20 kids"])
def test_a_word_after_a_number_is_not_a_magnitude(text: str) -> None:
    m = QUANTITY.match(text)
    assert m is not None and m["mult"] is None


def test_space_grouped_thousands_do_not_swallow_the_next_figure() -> None:
    m = QUANTITY.match("20 100k")
    assert m is not None and m.group(0) == "20"


def test_decimal_vs_thousands_separator() -> None:
    assert parse_number("1.5") == 1.5
    assert parse_number("1,5") == 1.5
    assert parse_number("1.500") == 1500  # European thousands
    assert parse_number("1.500", has_multiplier=True) == 1.5  # "1.500 Mio"


def test_ranges_share_the_upper_magnitude() -> None:
    assert range_values("5", None, "15", "k") == (5_000, 15_000)
    assert range_values("10", "k", "80", "k") == (10_000, 80_000)
    assert range_values("500", None, "1", "M") == (500_000, 1_000_000)
    assert range_values("250", " thousand", "1.2", " million") == (250_000, 1_200_000)


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty", 20), ("twenty-five", 25), ("twenty five", 25), ("ninety-nine", 99), ("a dozen", 12),
     ("half a dozen", 6), ("nineteen", 19), ("zwanzig", 20), ("veinte", 20), ("vingt", 20)],
)
def test_spelled_out_numbers(text: str, value: int) -> None:
    assert word_number(text) == value
