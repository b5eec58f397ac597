"""Acceptance on the five seeds: facts, quantities, naming variants and positions."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism import Corpus
from newsprism.brief.build import build_briefing

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story(seeds_corpus: Corpus) -> dict[str, Any]:
    briefing = build_briefing(seeds_corpus)
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
    facts = group_claims(corpus.analyses, entities=corpus.entities)
    crash = next(f for f in facts if "crash" in f.text)
    assert crash.status == "contested" and crash.differs_in == "number"
    assert len(crash.articles) == 3
    library = next(f for f in facts if "library" in f.text)
    assert library.status == "single-source"
