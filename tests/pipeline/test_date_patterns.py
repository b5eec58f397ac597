"""The date vocabulary other stages import: months, weekdays, number words, patterns."""

from __future__ import annotations

import pytest

from newsprism.pipeline.date_patterns import (
    MONTH_WORDS,
    WEEKDAY_NAMES,
    WEEKDAY_WORDS,
    date_patterns,
    month_number,
    number_value,
    ordinal_day,
    spelled_year,
)


@pytest.mark.parametrize(
    ("name", "number"),
    [("January", 1), ("Sept.", 9), ("sep", 9), ("Dec.", 12), ("May", 5), ("11", 11)],
)
def test_month_number(name: str, number: int) -> None:
    assert month_number(name) == number


def test_month_number_refuses_other_words() -> None:
    with pytest.raises(KeyError):
        month_number("Monday")


def test_month_and_weekday_words() -> None:
    assert {"march", "sept", "dec"} <= MONTH_WORDS
    assert "monday" in WEEKDAY_WORDS and len(WEEKDAY_NAMES) == 7
    assert "mon" not in MONTH_WORDS | WEEKDAY_WORDS


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3), ("a", 1), ("seventy-four", 74), ("Twenty two", 22), ("fifteen", 15)],
)
def test_number_value(text: str, value: int) -> None:
    assert number_value(text) == value


def test_spelled_words() -> None:
    assert ordinal_day("twenty-first") == 21
    assert spelled_year("nineteen ninety-six") == "1996"
    assert spelled_year("nineteen") is None


def test_every_pattern_compiles_once_with_a_kind() -> None:
    table = date_patterns()
    assert table is date_patterns()
    assert all(kind and pattern.pattern for kind, pattern in table)
