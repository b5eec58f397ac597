"""The timeline: one row per fact, every outlet with its date, ordered by period."""

from __future__ import annotations

from newsprism.models import Analysis, Article, Claim, Document, Evidence, Fact, Segment
from newsprism.models import TimeExpression as Date
from newsprism.pipeline.timeline import build_timeline


def _analysis(aid: str, outlet: str, text: str, dates: dict[str, str | None]) -> Analysis:
    document = Document(id=aid, source=f"{aid}.txt", text=text, outlet=outlet)
    article = Article(document, "", text, (Segment(0, 0, len(text)),), outlet=outlet)
    claims, start = [], 0
    for sentence in text.split(". "):
        claims.append(Claim(start, start + len(sentence), sentence))
        start += len(sentence) + 2
    found = []
    for phrase, value in dates.items():
        at = text.index(phrase)
        found.append(Date(at, at + len(phrase), phrase, value, is_resolved=value is not None))
    return Analysis(article=article, claims=tuple(claims), dates=tuple(found))


def _evidence(a: Analysis, index: int) -> Evidence:
    c = a.claims[index]
    return Evidence(a.article.id, a.article.outlet_name, c.start, c.end, c.text)


def test_one_row_per_fact_with_every_outlet_and_its_date() -> None:
    a = _analysis("a", "Alpha", "Talks were held on Thursday", {"Thursday": "2025-03-06"})
    b = _analysis("b", "Beta", "The talks took place Thursday", {"Thursday": "2025-03-06"})
    c = _analysis("c", "Gamma", "Talks happened in Riyadh", {})
    fact = Fact(
        "f1",
        "Talks were held",
        "corroborated",
        ("a", "b", "c"),
        (_evidence(a, 0), _evidence(b, 0), _evidence(c, 0)),
    )
    (row,) = build_timeline([a, b, c], [fact])
    assert row.date == "2025-03-06" and row.fact == "f1" and not row.is_contested
    assert {e.outlet for e in row.evidence} == {"Alpha", "Beta", "Gamma"}
    assert [(o, v) for o, v, _ in row.dates] == [("Alpha", "2025-03-06"), ("Beta", "2025-03-06")]


def test_outlets_dating_a_fact_differently_make_it_contested() -> None:
    a = _analysis("a", "Alpha", "The vote came on Wednesday", {"Wednesday": "2025-03-05"})
    b = _analysis("b", "Beta", "The vote came on Thursday", {"Thursday": "2025-03-06"})
    c = _analysis("c", "Gamma", "The vote came in March", {"March": "2025-03"})
    fact = Fact(
        "f1",
        "The vote",
        "corroborated",
        ("a", "b", "c"),
        (_evidence(a, 0), _evidence(b, 0), _evidence(c, 0)),
    )
    (row,) = build_timeline([a, b, c], [fact])
    assert row.is_contested
    month_only = build_timeline(
        [a, c], [Fact("f2", "v", "corroborated", ("a", "c"), (_evidence(a, 0), _evidence(c, 0)))]
    )
    assert not month_only[0].is_contested  # March holds March 5


def test_rows_are_ordered_by_period_and_unresolved_phrases_come_last() -> None:
    a = _analysis(
        "a",
        "Alpha",
        "Earlier this month the plan leaked. In February talks began. "
        "On March 6 the deal was signed. This week it was ratified",
        {
            "Earlier this month": None,
            "February": "2025-02",
            "March 6": "2025-03-06",
            "This week": "2025-W10",
        },
    )
    rows = build_timeline([a], [])
    assert [r.date for r in rows] == ["2025-02", "2025-W10", "2025-03-06", "Earlier this month"]
    assert [r.is_resolved for r in rows] == [True, True, True, False]
