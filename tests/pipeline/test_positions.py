"""Stance cues of pipeline/positions.py on sentences of the BASIL stories' kinds."""

from __future__ import annotations

from newsprism.models import Entity, Evidence
from newsprism.pipeline.claims import term_class
from newsprism.pipeline.positions import _is_international, _is_modifier, _stance

TOPIC = frozenset(term_class(w) for w in ("religious", "freedom", "law"))


def test_criticism_given_is_a_stance() -> None:
    found = _stance(
        "Walmart's chief executive voiced criticism of the religious freedom law.", TOPIC
    )
    assert found == ("opposes", "criticism")


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
