"""Contested facts beyond numbers (``pipeline.contested.contest_facts``): two outlets'
sentences of one fact that say the opposite, qualify a role otherwise, or name another
person, place or date in the same slot; and the shapes that must stay agreement
(extra detail, another granularity, a name the other outlet gives elsewhere)."""

from __future__ import annotations

import pytest

from newsprism import load_settings
from newsprism.api import analyse
from newsprism.models import Analysis, Document, Fact
from newsprism.pipeline.conflicts import find_conflicts
from newsprism.pipeline.contested import contest_facts
from newsprism.pipeline.facts import claim_evidence, group_claims, new_fact

pytestmark = pytest.mark.slow

FILLER = "Lawmakers met in the capital to discuss the budget. The debate lasted several hours."

# (name, first outlet's sentence, second outlet's sentence, expected differs_in or None)
CASES = (
    (
        "person",
        "Maria Delgado, the state's health commissioner, announced the new rules on Tuesday.",
        "Thomas Whitfield, the state's health commissioner, announced the new rules on Tuesday.",
        "name",
    ),
    # Two sources saying alike things: two sources, not a dispute over who said it.
    (
        "speaker",
        "Karen Oduya said the plan would fail.",
        "Peter Lindqvist said the plan would fail.",
        None,
    ),
    (
        "place",
        "A fire destroyed 40 homes in Dayton, officials said.",
        "Officials said a fire destroyed 40 homes in Tucson.",
        "place",
    ),
    (
        "day",
        "The Senate passed the bill on Tuesday.",
        "The Senate passed the bill on Thursday.",
        "date",
    ),
    (
        "polarity",
        "No group has claimed responsibility for the attack.",
        "Islamic State claimed responsibility for the attack.",
        "negation",
    ),
    (
        "qualifier",
        "The Senate confirmed Smith as interim director of the agency.",
        "The Senate confirmed Smith as director of the agency.",
        "qualifier",
    ),
    # The same tenure in other words.
    (
        "qualifier-reworded",
        "The board named Ana Ruiz interim chief executive of the firm.",
        "Ana Ruiz will temporarily serve as chief executive of the firm, the board said.",
        None,
    ),
    (
        "none-after-said",
        "Police said no one was hurt in the crash.",
        "Police said two people were hurt in the crash.",
        "negation",
    ),
    # A town and a place named after it.
    (
        "place-and-its-airport",
        "Flights at Denver's airport were grounded because of a radar failure.",
        "A radar failure grounded flights at Denver International Airport.",
        None,
    ),
    # Another granularity of one event: a week holds the day.
    (
        "week-and-day",
        "The Senate passed the bill last week.",
        "The Senate passed the bill on Thursday.",
        None,
    ),
    # Extra detail on one side is no conflict.
    (
        "detail",
        "The Senate passed the bill.",
        "The Senate passed the bill on Thursday in Washington.",
        None,
    ),
    # Both outlets name both senators; each sentence names one of them.
    (
        "other-named-elsewhere",
        "McCain urged Trump to veto the bill. Flake agreed.",
        "Flake urged Trump to veto the bill.",
        None,
    ),
    # A town and its state: the first outlet names the state too.
    (
        "place-granularity",
        "The plant in Dayton will close, Ohio officials said.",
        "The plant in Ohio will close.",
        None,
    ),
    (
        "acting-verb",
        "Officials were acting quickly to close the plant.",
        "Officials were moving quickly to close the plant.",
        None,
    ),
)


@pytest.fixture(scope="module")
def analysed() -> dict[str, Analysis]:
    documents = []
    for name, first, second, _ in CASES:
        for outlet, sentence in (("Wire", first), ("Daily", second)):
            text = f"{name} ({outlet})\n\n{FILLER}\n\n{sentence}"
            documents.append(
                Document(
                    id=f"{name}-{outlet}", source=f"{name}-{outlet}.txt", text=text, outlet=outlet
                )
            )
    corpus = analyse(documents, settings=load_settings(environ={}, db=":memory:"))
    return {a.article.id: a for a in corpus.analyses}


def _fact(
    analysed: dict[str, Analysis], name: str, first: str, second: str
) -> tuple[Fact, list[Analysis]]:
    """The two outlets' sentences as one corroborated fact, as the grouping gives it."""
    wire, daily = analysed[f"{name}-Wire"], analysed[f"{name}-Daily"]
    a = next(c for c in wire.claims if first.split(".")[0] in c.text)
    b = next(c for c in daily.claims if c.text.strip() == second)
    fact = new_fact((claim_evidence(wire, a), claim_evidence(daily, b)))
    assert fact.status == "corroborated"
    return fact, [wire, daily]


@pytest.mark.parametrize(("name", "first", "second", "differs"), CASES, ids=[c[0] for c in CASES])
def test_contested_fact(
    analysed: dict[str, Analysis], name: str, first: str, second: str, differs: str | None
) -> None:
    fact, analyses = _fact(analysed, name, first, second)
    (got,) = contest_facts([fact], analyses)
    if differs is None:
        assert got == fact
        return
    assert (got.status, got.differs_in) == ("contested", differs)
    assert [outlets for outlets in ([e.outlet for e in ev] for _, ev in got.sides)] == [
        ["Wire"],
        ["Daily"],
    ]
    (conflict,) = find_conflicts(analyses, [got])
    assert (conflict.kind, conflict.differs_in, conflict.fact) == ("fact", differs, got.id)


def test_the_sides_name_each_version(analysed: dict[str, Analysis]) -> None:
    name, first, second, _ = CASES[2]
    fact, analyses = _fact(analysed, name, first, second)
    (got,) = contest_facts([fact], analyses)
    assert [v for v, _ in got.sides] == ["Dayton", "Tucson"]


def test_one_outlet_never_contests_itself(analysed: dict[str, Analysis]) -> None:
    wire_a, wire_b = analysed["person-Wire"], analysed["person-Daily"]
    same = Document(
        id="person-Wire2", source="x.txt", text=wire_b.article.document.text, outlet="Wire"
    )
    (again,) = analyse([same], settings=load_settings(environ={}, db=":memory:")).analyses
    a = next(c for c in wire_a.claims if "Delgado" in c.text)
    b = next(c for c in again.claims if "Whitfield" in c.text)
    fact = new_fact((claim_evidence(wire_a, a), claim_evidence(again, b)))
    assert contest_facts([fact], [wire_a, again]) == (fact,)


# Two outlets' sentences of one event, grouped by the same-fact model (as one fact, or
# as two the comparison joins when a value differs); (first, second, differs_in).
ALIGNED = (
    (
        "The storm knocked out power to 4,000 homes across the county on Sunday.",
        "On Sunday the storm knocked out power to 9,500 homes in the county, the utility said.",
        "number",
    ),
    # Dead and wounded are not the same thing counted.
    (
        "The blast in the market killed 12 people, police said.",
        "Police said 40 people were wounded by the blast in the market.",
        None,
    ),
)


@pytest.fixture(scope="module")
def aligned() -> list[list[Analysis]]:
    documents = []
    for k, (first, second, _) in enumerate(ALIGNED):
        for outlet, sentence in (("Wire", first), ("Daily", second)):
            text = f"Story {k} ({outlet})\n\n{FILLER}\n\n{sentence}"
            documents.append(
                Document(id=f"{k}-{outlet}", source=f"{k}-{outlet}.txt", text=text, outlet=outlet)
            )
    corpus = analyse(documents, settings=load_settings(environ={}, db=":memory:"))
    by_id = {a.article.id: a for a in corpus.analyses}
    return [[by_id[f"{k}-Wire"], by_id[f"{k}-Daily"]] for k in range(len(ALIGNED))]


@pytest.mark.parametrize("k", range(len(ALIGNED)))
def test_alike_sentences_differing_in_a_figure(aligned: list[list[Analysis]], k: int) -> None:
    analyses = aligned[k]
    first, second, differs = ALIGNED[k]
    facts = contest_facts(group_claims(analyses), analyses)
    holding = [f for f in facts if any(e.text == second for e in f.evidence)]
    (fact,) = holding
    if differs is None:
        assert fact.status != "contested"
        return
    assert (fact.status, fact.differs_in) == ("contested", differs)
    assert {e.text for e in fact.evidence} == {first, second}
    assert [v for v, _ in fact.sides] == ["4,000", "9,500"]


def test_the_grouping_itself_contests_nothing(analysed: dict[str, Analysis]) -> None:
    """Whether a fact is contested is read from the whole fact after the grouping: the
    same tenure in other words ("interim chief" / "temporarily serve as chief") is one
    corroborated fact, not a "qualifier" conflict decided when two claims are linked."""
    pair = [analysed["qualifier-reworded-Wire"], analysed["qualifier-reworded-Daily"]]
    grouped = group_claims(pair)
    assert all(f.status != "contested" for f in grouped)
    facts = contest_facts(grouped, pair)
    tenure = next(f for f in facts if any("interim" in e.text for e in f.evidence))
    assert tenure.status == "corroborated"
