"""Conflicts: figures are compared only when they measure the same thing."""

from __future__ import annotations

import pytest

from newsprism import load_settings
from newsprism.api import extract
from newsprism.models import Analysis, Article, Document, Evidence, Fact, Quantity
from newsprism.pipeline.conflicts import find_conflicts


def _analysis(outlet: str, text: str, *figures: tuple[str, dict[str, object]]) -> Analysis:
    """An article of ``text`` holding each ``(words, fields)`` figure where the words
    first appear."""
    doc = Document(id=outlet.lower(), source=f"{outlet}.txt", text=text, outlet=outlet)
    article = Article(document=doc, title="", body=text, segments=(), outlet=outlet)
    quantities = []
    for words, fields in figures:
        start = text.index(words)
        value = fields.pop("value", None)
        low = fields.pop("low", value)
        high = fields.pop("high", value)
        quantities.append(
            Quantity(
                start=start,
                end=start + len(words),
                text=words,
                kind=fields.pop("kind", "count"),  # type: ignore[arg-type]
                value=value,  # type: ignore[arg-type]
                low=low,  # type: ignore[arg-type]
                high=high,  # type: ignore[arg-type]
                **fields,  # type: ignore[arg-type]
            )
        )
    return Analysis(article=article, quantities=tuple(quantities))


def _people(value: float, scope: str, **more: object) -> dict[str, object]:
    return {"value": value, "unit": "people", "counts": "people", "scope": scope, **more}


A = _analysis(
    "Wire",
    "A bomb killed 12 people and wounded 40 people.",
    ("12", _people(12, "kill")),
    ("40", _people(40, "wound")),
)


def test_dead_and_wounded_counts_are_no_conflict() -> None:
    b = _analysis(
        "Daily",
        "At least 12 people died and 40 were hurt.",
        ("At least 12", _people(12, "die", high=None)),
        ("40", _people(40, "hurt")),
    )
    assert find_conflicts([A, b], []) == ()


def test_different_wounded_counts_are_a_conflict() -> None:
    b = _analysis(
        "Daily",
        "Twelve people died and 35 people were injured.",
        ("Twelve", _people(12, "die")),
        ("35", _people(35, "injure")),
    )
    (conflict,) = find_conflicts([A, b], [])
    assert conflict.kind == "number" and conflict.what == "people injured"
    assert [(s.value, s.outlets) for s in conflict.sides] == [("35", ("Daily",)), ("40", ("Wire",))]
    assert conflict.sides[0].evidence[0].text == "Twelve people died and 35 people were injured."


def _poll(outlet: str, text: str, **shares: float) -> Analysis:
    return _analysis(
        outlet,
        text,
        *(
            (f"{v:g} percent", {"kind": "percent", "value": v, "unit": "%", "holder": name})
            for name, v in shares.items()
        ),
    )


def test_poll_figures_of_different_candidates_are_no_conflict() -> None:
    a = _poll("Wire", "Smith had 45 percent and Jones 38 percent.", Smith=45, Jones=38)
    b = _poll("Daily", "Jones was at 38 percent, Smith at 45 percent.", Jones=38, Smith=45)
    assert find_conflicts([a, b], []) == ()


def test_one_candidates_different_figures_are_a_conflict() -> None:
    a = _poll("Wire", "Smith had 45 percent.", Smith=45)
    b = _poll("Daily", "Smith had 41 percent.", Smith=41)
    (conflict,) = find_conflicts([a, b], [])
    assert conflict.what == "Smith: %"
    assert [s.value for s in conflict.sides] == ["41 percent", "45 percent"]


def test_a_range_agrees_with_the_figures_inside_it() -> None:
    b = _analysis(
        "Daily",
        "Dozens of people were wounded.",
        ("Dozens", _people(None, "wound", low=24.0, high=99.0)),  # type: ignore[arg-type]
    )
    assert find_conflicts([A, b], []) == ()


def test_one_outlet_and_its_copies_never_disagree_with_each_other() -> None:
    b = _analysis(
        "Portal",
        "A bomb killed 12 people and wounded 45 people.",
        ("45", _people(45, "wound")),
    )
    assert find_conflicts([A, b], [], voices={"wire": "Wire", "portal": "Wire"}) == ()
    assert len(find_conflicts([A, b], [])) == 1


def test_a_bare_number_is_compared_with_nothing() -> None:
    b = _analysis("Daily", "The count stood at 90.", ("90", {"value": 90.0}))
    c = _analysis("Other", "The count stood at 91.", ("91", {"value": 91.0}))
    assert find_conflicts([b, c], []) == ()


def test_contested_facts_come_first_with_their_sides() -> None:
    e1 = Evidence("wire", "Wire", 0, 5, "A bomb")
    e2 = Evidence("daily", "Daily", 0, 5, "A bomb")
    fact = Fact(
        "f1",
        "A bomb",
        "contested",
        ("wire", "daily"),
        (e1,),
        (("12", (e1,)), ("14", (e2,))),
        differs_in="number",
    )
    single = Fact("f2", "Other", "single-source", ("wire",), (e1,))
    b = _analysis("Daily", "Twelve died and 35 were injured.", ("35", _people(35, "injure")))
    conflicts = find_conflicts([A, b], [fact, single])
    assert [(c.kind, c.fact) for c in conflicts] == [("fact", "f1"), ("number", None)]
    assert [s.value for s in conflicts[0].sides] == ["12", "14"]


@pytest.mark.slow
def test_scope_and_holder_are_read_from_the_parse(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(
        "Blast in market kills 12\n\nA bomb exploded in a market on Tuesday, killing 12 people"
        " and wounding 40 people, police said. In a poll released Monday, Smith had 45"
        " percent support while Jones had 38 percent.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Market bombing leaves 12 dead\n\nAt least 12 people were killed and 35 people were"
        " injured when a bomb went off in a market on Tuesday. A Monday poll found Jones at"
        " 38 percent and Smith at 45 percent.\n"
    )
    corpus = extract([str(tmp_path)], settings=load_settings(environ={}, db=":memory:"))
    read = {(q.text, q.scope, q.holder) for a in corpus.analyses for q in a.quantities}
    assert {("12", "kill", None), ("40", "wound", None), ("35", "injure", None)} <= read
    assert {("45 percent", "have", "Smith"), ("38 percent", "find", "Jones")} <= read
    conflicts = find_conflicts(corpus.analyses, [])
    assert [(c.what, [s.value for s in c.sides]) for c in conflicts] == [
        ("people injured", ["35", "40"])
    ]
