"""Acceptance on the five seeds: facts, quantities, naming variants and positions."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism import Corpus
from newsprism.brief.build import build_briefing
from newsprism.codec import to_json

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story(seeds_corpus: Corpus) -> dict[str, Any]:
    briefing = to_json(build_briefing(seeds_corpus))
    assert len(briefing["stories"]) == 1
    return briefing["stories"][0]


def _fact_with(story: dict[str, Any], words: str) -> dict[str, Any]:
    return next(f for f in story["facts"] if any(words in e["text"] for e in f["evidence"]))


def test_rejection_of_foreign_troops_is_corroborated(story: dict[str, Any]) -> None:
    fact = _fact_with(story, "firmly rejected")
    assert fact["status"] == "corroborated"
    assert len(fact["articles"]) >= 4
    for e in fact["evidence"]:
        assert e["text"]


def test_rejection_is_carried_by_all_five_articles(story: dict[str, Any]) -> None:
    # "will not tolerate the presence of NATO forces" (000) and "rejected any
    # deployment of NATO troops" (002): one actor, one action, one object.
    fact = _fact_with(story, "firmly rejected")
    assert len(fact["articles"]) == 5
    assert any("will not tolerate" in e["text"] for e in fact["evidence"])


def test_insults_and_commentary_are_no_facts(story: dict[str, Any]) -> None:
    texts = [e["text"] for f in story["facts"] for e in f["evidence"]]
    for words in ("Talk to Trump first", "This divergence highlights"):
        assert not any(words in t for t in texts), words
    # A quote's own line stating something is a fact its speaker asserts.
    assert any(t.startswith("\u201cThat means war with NATO") for t in texts)
    # Reported speech stays, with its source.
    assert any("Lavrov said that Moscow sees" in t for t in texts)


@pytest.mark.parametrize("words", ["Oreshnik", "Alaska", "Riyadh", "Hegseth"])
def test_single_source_facts(story: dict[str, Any], words: str) -> None:
    fact = _fact_with(story, words)
    assert fact["status"] == "single-source"
    assert len(fact["articles"]) == 1


def test_estimates_with_who_gives_them(story: dict[str, Any]) -> None:
    by_value = {q["value"]: q for q in story["quantities"]}
    assert "Intelligence Service" in by_value[100_000]["source"]
    assert "troops" in by_value[100_000]["what"]
    for value, what in ((200_000, "troops"), (980_000, "personnel"), (1_500_000, "soldiers")):
        assert what in by_value[value]["what"]
        assert by_value[value]["source_entity"] == "person:vladimir-zelensky"


def test_kiev_and_kyiv_are_naming_variants(story: dict[str, Any]) -> None:
    variant = next(v for v in story["naming"] if v["entity"] == "place:kyiv")
    forms = {f["form"]: f["articles"] for f in variant["forms"]}
    assert set(forms) >= {"Kiev", "Kyiv"}
    assert forms["Kiev"] and forms["Kyiv"]
    assert not set(forms["Kiev"]) & set(forms["Kyiv"])
    framing = story["framing"]
    for article in forms["Kiev"]:
        assert {"entity": "Kyiv", "form": "Kiev"} in framing[article]["naming"]


def test_positions(story: dict[str, Any]) -> None:
    positions = {p["entity"]: p for p in story["positions"]}
    assert positions["place:russia"]["stance"] == "opposes"
    assert positions["place:united-kingdom"]["stance"] == "supports"
    assert positions["place:italy"]["stance"] == "opposes"
    us = positions["place:united-states"]
    assert us["stance"] == "opposes" and us["own_forces"]
    assert any("ruled out" in e["text"] for e in us["evidence"])


def test_cited_media_are_no_actors(story: dict[str, Any]) -> None:
    positions = {p["entity"]: p for p in story["positions"]}
    assert "org:financial-times" not in positions
    # "According to the Financial Times, Germany, Italy, Poland, and Spain have
    # expressed reluctance": each country holds the stance.
    for country in ("place:poland", "place:spain", "place:germany"):
        assert positions[country]["stance"] == "undecided"
        assert any("Financial Times" in e["text"] for e in positions[country]["evidence"])
    # "seeking to support Kyiv's defense" is no stance on sending troops.
    assert "org:nato" not in positions


def test_evidence_offsets_point_into_the_articles(
    story: dict[str, Any], seeds_corpus: Corpus
) -> None:
    texts = {a.article.id: a.article.text for a in seeds_corpus.analyses}
    for fact in story["facts"]:
        for e in fact["evidence"]:
            assert texts[e["article"]][e["start"] : e["end"]] == e["text"]
    for q in story["quantities"]:
        assert texts[q["article"]][q["start"] : q["end"]] == q["text"]


def test_changed_number_is_contested_and_rewording_corroborated() -> None:
    from newsprism import load_settings
    from newsprism.api import analyse
    from newsprism.ingest.ids import content_id
    from newsprism.models import Document
    from newsprism.pipeline.contested import contest_facts
    from newsprism.pipeline.facts import group_claims

    texts = [
        "Floods in Dayton\n\nA bus crash near Dayton killed 35 passengers on Friday, the police "
        "said.\n\nThe mayor of Dayton, Anna Reyes, opened a new library on Monday.",
        "Storm hits Dayton\n\nThe police said 35 passengers died on Friday when a bus crashed "
        "near Dayton.\n\nThe mayor of Dayton, Anna Reyes, visited a school.",
        "Dayton news\n\nA bus crash near Dayton killed 112 passengers on Friday, the police said.",
    ]
    documents = [
        Document(id=content_id(t), source=f"{n}.txt", text=t, outlet=f"Outlet {n}")
        for n, t in enumerate(texts)
    ]
    corpus = analyse(documents, settings=load_settings(environ={}, db=":memory:"))
    facts = contest_facts(group_claims(corpus.analyses, entities=corpus.entities), corpus.analyses)
    crash = next(f for f in facts if "crash" in f.text)
    assert crash.status == "contested" and crash.differs_in == "number"
    assert len(crash.articles) == 3


@pytest.mark.xfail(
    strict=True,
    reason="the learned same-fact model joins one person's two actions in one place "
    "(p 0.73); a guard on different predicates cost a quarter of the basil-facts found",
)
def test_one_persons_two_actions_are_two_facts() -> None:
    facts = _facts_of(
        [
            "Dayton\n\nThe mayor of Dayton, Anna Reyes, opened a new library on Monday.",
            "Dayton news\n\nThe mayor of Dayton, Anna Reyes, visited a school.",
        ]
    )
    library = next(f for f in facts if "library" in f.text)
    assert library.status == "single-source"


def _facts_of(texts: list[str]) -> tuple[Any, ...]:
    from newsprism import load_settings
    from newsprism.api import analyse
    from newsprism.ingest.ids import content_id
    from newsprism.models import Document
    from newsprism.pipeline.contested import contest_facts
    from newsprism.pipeline.facts import group_claims

    documents = [
        Document(id=content_id(t), source=f"{n}.txt", text=t, outlet=f"Outlet {n}")
        for n, t in enumerate(texts)
    ]
    corpus = analyse(documents, settings=load_settings(environ={}, db=":memory:"))
    # The grouping, then the contests, as the comparison runs them.
    return contest_facts(group_claims(corpus.analyses, entities=corpus.entities), corpus.analyses)


def test_changed_duration_is_contested() -> None:
    facts = _facts_of(
        [
            "Museum news\n\nAnna Reyes resigned from the board of the museum after 48 years.",
            "Museum board\n\nAnna Reyes resigned from the board of the museum after 151 years.",
        ]
    )
    board = next(f for f in facts if "board" in f.text)
    assert board.status == "contested" and board.differs_in == "number"


def test_same_action_on_same_object_is_one_fact_but_a_shared_actor_is_not() -> None:
    facts = _facts_of(
        [
            "Troops\n\nRussia will not tolerate the presence of NATO forces in Ukraine.\n\n"
            "Russia signed a new trade agreement with Ukraine on grain exports.",
            "Moscow speaks\n\nRussia has firmly rejected any deployment of NATO troops in "
            "Ukraine, officials in Moscow said.",
        ]
    )
    troops = next(f for f in facts if "tolerate" in f.text or "rejected" in f.text)
    assert troops.status == "corroborated" and len(troops.articles) == 2
    trade = next(f for f in facts if "trade" in f.text)
    assert trade.status == "single-source"


def _analysis(n: int, sentence: str, people: dict[str, str], terms: tuple[str, ...]) -> Any:
    """A hand-made analysis of one sentence: ``people`` the names the recogniser
    tagged in it."""
    from newsprism.models import Analysis, Claim, Document, Mention
    from newsprism.pipeline.clean import clean

    text = f"Story {n}\n\n{sentence}"
    article = clean(Document(id=f"a{n}", source=f"{n}.txt", text=text, outlet=f"Outlet {n}"))
    start = text.index(sentence)
    mentions = tuple(
        Mention(text.index(name), text.index(name) + len(name), name, "PERSON", entity)
        for name, entity in people.items()
    )
    claim = Claim(
        start=start,
        end=start + len(sentence),
        text=sentence,
        predicate=terms[0],
        terms=terms,
        numbers=(12_000_000.0,),
        entities=tuple(people.values()),
    )
    return Analysis(article=article, mentions=mentions, claims=(claim,))


def test_a_name_the_recogniser_missed_is_matched_by_the_other_articles_name() -> None:
    # The words-only rules (pipeline.fact_rules, the benchmarks' peer).
    from newsprism.pipeline.fact_rules import group_by_rules as group_claims

    untagged = _analysis(
        0,
        "Asa Hutchinson donated $12 million to a hospital in Dayton.",
        {},
        ("donate", "asa", "hutchinson", "hospital"),
    )
    other = _analysis(
        1,
        "Maria Delgado donated $12 million to a hospital in Dayton.",
        {"Maria Delgado": "person:maria-delgado"},
        ("donate", "hospital"),
    )
    elsewhere = _analysis(
        2,
        "Asa Hutchinson spoke on Monday.",
        {"Asa Hutchinson": "person:asa-hutchinson"},
        ("speak",),
    )
    facts = group_claims([untagged, other, elsewhere])
    donation = next(f for f in facts if "donated" in f.text)
    assert donation.status == "contested" and donation.differs_in == "name"
    assert {side for side, _ in donation.sides} == {"Asa Hutchinson", "Maria Delgado"}
