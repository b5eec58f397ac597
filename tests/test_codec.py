from __future__ import annotations

from newsprism import Corpus
from newsprism.codec import dumps, loads
from newsprism.models import Document, Entity


def test_seed_analyses_round_trip(seeds_corpus: Corpus) -> None:
    for analysis in seeds_corpus.analyses:
        assert loads(dumps(analysis)) == analysis


def test_nested_tuples_and_unknown_fields() -> None:
    entity = Entity("person:x", "X", "PERSON", descriptors=(("RT", "former president"),))
    assert loads(dumps(entity)) == entity
    old = '{"_":"Document","id":"1","source":"a","text":"t","retired_field":3}'
    assert loads(old) == Document(id="1", source="a", text="t")
