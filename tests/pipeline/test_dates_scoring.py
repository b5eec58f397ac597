"""The date benchmark's scoring is honest: a date on a duration, on a vague reference or
on no temporal expression counts against precision (benchmarks/dates.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "dates.py"
    spec = importlib.util.spec_from_file_location("benchmark_dates_scoring", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _benchmark()
TEXT = "Sales rose on Friday for two years since several years ago, he said Friday night."


def _doc() -> object:
    def timex(phrase: str, kind: str, value: str, nth: int = 0) -> object:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(phrase, start + 1)
        return BENCH.Timex(start, start + len(phrase), kind, value, phrase)

    return BENCH.TimeBankDoc(
        "t",
        "1998-08-10",
        TEXT,
        (
            timex("Friday", "DATE", "1998-08-07"),
            timex("two years", "DURATION", "P2Y"),
            timex("several years ago", "DATE", "PAST_REF"),
            timex("Friday night", "TIME", "1998-08-07TNI"),
        ),
    )


def _at(phrase: str, value: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return (start, start + len(phrase), value)


def test_a_right_date_is_correct_and_a_wrong_one_wrong() -> None:
    doc = _doc()
    assert BENCH.score(doc, [_at("Friday", "1998-08-07")]).correct == 1
    wrong = BENCH.score(doc, [_at("Friday", "1998-08-14")])
    assert (wrong.correct, wrong.wrong, wrong.gold) == (0, 1, 1)


def test_a_date_on_a_duration_or_on_nothing_is_a_false_alarm() -> None:
    doc = _doc()
    assert BENCH.score(doc, [_at("two years", "1996")]).false_alarm == 1
    assert BENCH.score(doc, [_at("Sales", "1998")]).false_alarm == 1


def test_a_year_for_a_vague_reference_is_wrong() -> None:
    assert BENCH.score(_doc(), [_at("several years ago", "1995")]).wrong == 1


def test_a_day_inside_a_time_is_ignored_only_when_it_is_that_day() -> None:
    doc = _doc()
    same = BENCH.score(doc, [_at("Friday", "1998-08-07", nth=1)])
    assert (same.correct, same.wrong, same.false_alarm) == (0, 0, 0)
    other = BENCH.score(doc, [_at("Friday", "1998-08-14", nth=1)])
    assert other.wrong == 1
    assert other.precision == 0.0
