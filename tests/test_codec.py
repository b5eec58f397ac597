"""The codec: every record to JSON and back, tagged (the store) and plain (docs/json.md)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import fields
from typing import Any

import pytest

from newsprism import Corpus, models
from newsprism.brief import records
from newsprism.brief.build import build_briefing
from newsprism.brief.records import Briefing
from newsprism.codec import dumps, from_json, loads, to_json
from newsprism.models import Document, Entity, Quantity, Quote


def test_seed_analyses_round_trip(seeds_corpus: Corpus) -> None:
    for analysis in seeds_corpus.analyses:
        assert loads(dumps(analysis)) == analysis


def test_nested_tuples_and_unknown_fields() -> None:
    entity = Entity("person:x", "X", "PERSON", outlet_descriptors=(("RT", "former president"),))
    assert loads(dumps(entity)) == entity
    old = '{"_":"Document","id":"1","source":"a","text":"t","retired_field":3}'
    assert loads(old) == Document(id="1", source="a", text="t")


# -- the plain JSON form, and every record both ways -----------------------------------


def _sample(hint: Any, n: int = 1) -> Any:
    """A value of type ``hint`` with nothing left at its default."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{f.name: _sample(hints[f.name], n + i) for i, f in enumerate(fields(hint))})
    if origin in (types.UnionType, typing.Union):
        return _sample(next(a for a in args if a is not type(None)), n)
    if origin is typing.Literal:
        return args[-1]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return (_sample(args[0], n), _sample(args[0], n + 1))
        return tuple(_sample(a, n + i) for i, a in enumerate(args))
    if origin is dict:
        return {f"key-{n}": _sample(args[1], n)}
    return {str: f"text {n}", int: n, float: n + 0.25, bool: True}[hint]


def _record_types() -> list[type]:
    return [
        obj
        for module in (models, records)
        for obj in vars(module).values()
        if isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and obj.__module__ == module.__name__
        # The records; the one mutable working state (the story index's StoryState)
        # is kept in the store's own columns, never through the codec.
        and obj.__dataclass_params__.frozen  # type: ignore[attr-defined]
    ]


def test_every_record_round_trips_in_both_forms() -> None:
    kinds = _record_types()
    assert {"Briefing", "StoryBriefing", "StoryFact", "StoryQuantity", "Analysis"} <= {
        k.__name__ for k in kinds
    }
    for kind in kinds:
        value = _sample(kind)
        plain = json.loads(json.dumps(to_json(value)))  # plain JSON values only
        assert from_json(kind, plain) == value, kind.__name__
        assert loads(dumps(value)) == value, kind.__name__
        assert '"_"' not in json.dumps(plain)  # the plain form carries no tags


def test_seeds_briefing_round_trips(seeds_corpus: Corpus) -> None:
    briefing = build_briefing(seeds_corpus)
    assert briefing.stories and briefing.stories[0].facts
    assert from_json(Briefing, json.loads(json.dumps(to_json(briefing)))) == briefing
    assert loads(dumps(briefing)) == briefing


def test_json_keys_stay_as_documented_when_fields_are_renamed() -> None:
    quantity = Quantity(0, 2, "12", "count", value=12, asserter="Kyiv", asserter_entity="gpe:kyiv")
    plain = to_json(quantity)
    assert plain["source"] == "Kyiv" and plain["source_entity"] == "gpe:kyiv"
    assert "asserter" not in plain and plain["vague"] is False
    quote = Quote(0, 1, "x", "direct", confidence=0.123456)
    assert to_json(quote)["confidence"] == 0.123  # rounded in the plain form only
    assert loads(dumps(quote)).confidence == 0.123456
    article = records.StoryArticle(id="a", path="seeds/a.txt", is_published_inferred=True)
    assert to_json(article)["source"] == "seeds/a.txt"
    assert to_json(article)["published_inferred"] is True


def test_records_stored_before_a_rename_still_decode() -> None:
    old = '{"_":"Quantity","start":0,"end":2,"text":"12","kind":"count","source":"Kyiv"}'
    assert loads(old).asserter == "Kyiv"
    claim = '{"_":"Claim","start":0,"end":1,"text":"x","is_negated":true}'
    assert loads(claim).is_negated is True
    entity = '{"_":"Entity","id":"p","name":"P","label":"PERSON","descriptors":[["RT","x"]]}'
    assert loads(entity).outlet_descriptors == (("RT", "x"),)


def test_from_json_names_what_is_wrong() -> None:
    with pytest.raises(TypeError):
        from_json(records.StoryFact, {"id": "f1", "text": "t"})  # no status
    with pytest.raises(TypeError, match="expected a list"):
        from_json(records.StoryFact, {"id": "f", "text": "t", "status": "x", "outlets": "RT"})
