"""Stance cues of pipeline/positions.py on sentences of the BASIL stories' kinds."""

from __future__ import annotations

from newsprism.models import Entity
from newsprism.pipeline.claims import term_class
from newsprism.pipeline.positions import _is_modifier, _stance

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
