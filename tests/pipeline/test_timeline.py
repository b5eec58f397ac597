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


def test_a_fact_two_outlets_date_differently_becomes_a_contested_fact() -> None:
    from newsprism.pipeline.conflicts import find_conflicts
    from newsprism.pipeline.timeline import contest_dates

    a = _analysis(
        "a", "Alpha", "The governor vetoed the bill on Wednesday", {"Wednesday": "2014-02-26"}
    )
    b = _analysis("b", "Beta", "The governor vetoed the bill Thursday", {"Thursday": "2014-02-27"})
    c = _analysis("c", "Gamma", "The governor vetoed the bill", {})
    fact = Fact(
        "f1",
        "The veto",
        "corroborated",
        ("a", "b", "c"),
        (_evidence(a, 0), _evidence(b, 0), _evidence(c, 0)),
    )
    (contested,) = contest_dates([a, b, c], [fact])
    assert contested.status == "contested" and contested.differs_in == "date"
    assert [(value, [e.outlet for e in ev]) for value, ev in contested.sides] == [
        ("2014-02-26", ["Alpha"]),
        ("2014-02-27", ["Beta"]),
    ]
    assert contested.evidence == fact.evidence
    (conflict,) = find_conflicts([a, b, c], [contested])
    assert conflict.kind == "fact" and conflict.differs_in == "date"


def test_dates_that_overlap_or_recall_an_earlier_event_contest_nothing() -> None:
    from newsprism.pipeline.timeline import contest_dates

    # one outlet gives the day, another the month that holds it
    a = _analysis("a", "Alpha", "The vote came on Wednesday", {"Wednesday": "2025-03-05"})
    b = _analysis("b", "Beta", "The vote came in March", {"March": "2025-03"})
    # one outlet's statement also recalls an earlier event: a date of it still agrees
    c = _analysis(
        "c",
        "Gamma",
        "After the 2024 elections the vote came Wednesday",
        {"2024": "2024", "Wednesday": "2025-03-05"},
    )
    evidence = (_evidence(a, 0), _evidence(b, 0), _evidence(c, 0))
    fact = Fact("f1", "The vote", "corroborated", ("a", "b", "c"), evidence)
    assert contest_dates([a, b, c], [fact]) == (fact,)
    (row,) = build_timeline([a, b, c], [fact])
    assert not row.is_contested


def test_an_outlet_shows_the_date_that_agrees_with_the_row() -> None:
    a = _analysis("a", "Alpha", "Trump on Tuesday assailed the justice", {"Tuesday": "2016-07-12"})
    b = _analysis(
        "b",
        "Beta",
        "The justice faced a backlash Wednesday. Trump swiftly responded Tuesday",
        {"Wednesday": "2016-07-13", "Tuesday": "2016-07-12"},
    )
    evidence = (_evidence(a, 0), _evidence(b, 0), _evidence(b, 1))
    fact = Fact("f1", "Trump assailed", "corroborated", ("a", "b"), evidence)
    (row,) = build_timeline([a, b], [fact])
    assert row.date == "2016-07-12" and not row.is_contested
    assert [(o, v) for o, v, _ in row.dates] == [("Alpha", "2016-07-12"), ("Beta", "2016-07-12")]
