"""Stance cues of pipeline/positions.py on sentences of the BASIL stories' kinds."""

from __future__ import annotations

from newsprism.models import Entity, Evidence, Quote, Span, Speaker
from newsprism.pipeline.claims import term_class
from newsprism.pipeline.positions import _is_international, _is_modifier, _quote_stance, _stance

TOPIC = frozenset(term_class(w) for w in ("religious", "freedom", "law"))


def test_criticism_given_is_a_stance() -> None:
    found = _stance(
        "Walmart's chief executive voiced criticism of the religious freedom law.", TOPIC
    )
    assert found == ("opposes", "criticism")


def test_a_negated_cue_turns_the_stance_round() -> None:
    # issue 15: "I cannot support Judge Gorsuch's nomination" read as support
    found = _stance("I cannot support the religious freedom law as it stands.", TOPIC)
    assert found == ("opposes", "support")
    found = _stance("The chamber did not oppose the religious freedom law.", TOPIC)
    assert found == ("supports", "oppose")
    assert _stance("They support the religious freedom law.", TOPIC) == ("supports", "support")


def test_a_quotes_reporting_verb_shows_its_speakers_stance() -> None:
    # what they do and say: "X vetoed the bill", "X urged lawmakers to pass the law"
    speaker = Speaker(0, 9, "Hutchinson", name="Asa Hutchinson", entity="person:asa-hutchinson")
    text = "the religious freedom bill"
    quote = Quote(20, 20 + len(text), text, "indirect", speaker, Span(12, 19, "vetoed"), 0.55)
    assert _quote_stance(quote, TOPIC, TOPIC) == ("opposes", "vetoed")
    unsure = Quote(20, 20 + len(text), text, "indirect", speaker, Span(12, 19, "vetoed"), 0.3)
    assert _quote_stance(unsure, TOPIC, TOPIC) is None  # below the briefing's floor
    off_topic = Quote(20, 30, "the budget", "indirect", speaker, Span(12, 19, "vetoed"), 0.55)
    assert _quote_stance(off_topic, TOPIC, TOPIC) is None


def test_criticism_received_is_no_stance_of_its_subject() -> None:
    # "Indiana ... faced similar criticism" says others oppose Indiana's law.
    assert _stance("Indiana faced similar criticism over its religious freedom law.", TOPIC) is None
    assert _stance("The state came under criticism for the religious freedom law.", TOPIC) is None


def test_party_adjective_is_no_actor() -> None:
    def group(name: str) -> Entity:
        return Entity(id=f"group:{name.lower()}", name=name, label="NORP")

    assert _is_modifier(group("Republican"))
    assert not _is_modifier(group("Republicans"))


def test_a_seat_of_power_speaks_for_its_country_only_among_countries() -> None:
    # issue 15: in BASIL's domestic US stories the White House became "United States"
    ev = Evidence("a", "Fox", 0, 1, "x")
    speaks_for = {
        "org:white-house": "place:united-states",
        "org:kremlin": "place:russia",
        "person:mike-pence": "person:mike-pence",
    }
    domestic = [
        ("org:white-house", "opposes", "x", ev, False),
        ("person:mike-pence", "supports", "x", ev, False),
    ]
    assert not _is_international(domestic, speaks_for)  # type: ignore[arg-type]
    abroad = [*domestic, ("org:kremlin", "opposes", "x", ev, False)]
    assert _is_international(abroad, speaks_for)  # type: ignore[arg-type]
