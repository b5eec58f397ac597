"""Tests for newsprism.pipeline.quote_groups: one quote across outlets, vague speakers."""

from __future__ import annotations

from newsprism.models import Analysis, Article, Document, Entity, Quote, Segment, Speaker
from newsprism.pipeline.quote_groups import group_quotes


def _analysis(outlet: str, text: str, *quotes: Quote) -> Analysis:
    document = Document(id=outlet, source=f"{outlet}.txt", text=text, outlet=outlet)
    article = Article(document, "", text, (Segment(0, 0, len(text)),), outlet=outlet)
    return Analysis(article=article, quotes=quotes)


def _quote(text: str, speaker: str, name: str | None = None, entity: str | None = None) -> Quote:
    return Quote(0, len(text), text, "direct", Speaker(0, 1, speaker, name, entity), None, 0.9)


PESKOV = Entity(
    "person:dmitry-peskov",
    "Dmitry Peskov",
    "PERSON",
    outlet_descriptors=(("A", "Kremlin spokesman"),),
)


def test_the_same_words_in_several_outlets_are_one_quote() -> None:
    a = _analysis(
        "A",
        "x",
        _quote(
            "Any NATO presence in Ukraine would be completely unacceptable to us.",
            "Peskov",
            "Dmitry Peskov",
            PESKOV.id,
        ),
    )
    b = _analysis(
        "B",
        "x",
        _quote("any NATO presence in Ukraine would be completely unacceptable", "the spokesman"),
        _quote("We will respond to any provocation.", "he"),
    )
    groups = group_quotes([a, b], entities=[PESKOV])
    assert len(groups) == 2
    first = groups[0]
    assert [o for _, o in first.carried_by] == ["A", "B"]
    assert first.quote.speaker is not None and first.quote.speaker.entity == PESKOV.id


def test_a_vague_speaker_takes_the_person_the_story_describes_so() -> None:
    a = _analysis(
        "A", "x", _quote("We see no reason to talk.", "Peskov", "Dmitry Peskov", PESKOV.id)
    )
    b = _analysis("B", "x", _quote("Talks are not on the agenda at all.", "the Kremlin spokesman"))
    groups = group_quotes([a, b], entities=[PESKOV])
    vague = next(g for g in groups if g.outlet == "B").quote
    assert vague.speaker is not None
    assert (vague.speaker.text, vague.speaker.entity) == ("the Kremlin spokesman", PESKOV.id)
    assert vague.confidence < 0.9


def test_different_quotes_on_one_subject_stay_apart() -> None:
    a = _analysis("A", "x", _quote("against foreign military presence", "Moscow"))
    b = _analysis(
        "B",
        "x",
        _quote("any foreign military presence in Ukraine, regardless of its flag", "Lavrov"),
    )
    assert len(group_quotes([a, b])) == 2


def _mixed(text: str, speaker: str, name: str | None = None) -> Quote:
    return Quote(0, len(text), text, "mixed", Speaker(0, 1, speaker, name), None, 0.8)


def test_the_same_words_from_two_named_speakers_stay_apart() -> None:
    # issue 15: a Romney quote was matched to another outlet's McCain/Flake line
    a = _analysis(
        "A",
        "x",
        _quote("We have to stand by the rule of law in this country.", "Romney", "Mitt Romney"),
    )
    b = _analysis(
        "B",
        "x",
        _quote("we have to stand by the rule of law in this country", "McCain", "John McCain"),
    )
    assert len(group_quotes([a, b])) == 2


def test_one_quoted_phrase_in_several_outlets_is_one_quote() -> None:
    # issue 15: Trump's "very close" appeared three times instead of once
    a = _analysis(
        "A", "x", _mixed("the two sides were “very close” to a deal", "Trump", "Donald Trump")
    )
    b = _analysis("B", "x", _mixed('talks on trade were "very close"', "he", "Donald Trump"))
    c = _analysis("C", "x", _mixed("an agreement was “very close,” he said", "Trump", "Trump"))
    d = _analysis("D", "x", _mixed("the vote was “very close”", "Pelosi", "Nancy Pelosi"))
    groups = group_quotes([a, b, c, d])
    assert [[o for _, o in g.carried_by] for g in groups] == [["A", "B", "C"], ["D"]]
