"""``extract`` runs only the stages its records read (issue 18, item 8)."""

from __future__ import annotations

from pathlib import Path

from newsprism import load_settings
from newsprism.api import EXTRACTED, extract
from newsprism.export import analysis_record
from newsprism.models import Corpus
from newsprism.plan import needed_for


def test_the_extracted_records_need_no_embeddings_copies_or_stories() -> None:
    names = [s.name for s in needed_for(EXTRACTED)]
    assert "claim_vectors" not in names
    assert "duplicates" not in names and "stories" not in names
    assert {"annotate", "quotes", "claims", "entities", "claim_entities"} <= set(names)


def test_the_records_are_those_of_the_whole_plan(seeds_corpus: Corpus, seeds_dir: Path) -> None:
    settings = load_settings(environ={}, db=":memory:")
    narrowed = extract([str(seeds_dir)], settings=settings, needs=EXTRACTED)
    assert not narrowed.stories
    whole = [analysis_record(a) for a in seeds_corpus.analyses]
    assert [analysis_record(a) for a in narrowed.analyses] == whole
