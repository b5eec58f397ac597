"""Independent voices: a republished seed must not change any fact's status.

    PYTHONPATH=src .venv/bin/python benchmarks/voices.py [--seeds DIR]

The five seeds are analysed with seed 003 run again by two more outlets: "Yahoo News"
under a new headline (a near copy, marked ``duplicate_of`` by ``pipeline.dedup``) and
"MSN" word for word (an exact copy, kept as its own document by ``ingest.ids``).
Reported, against the seeds alone in the same run:

- ``newsprism``: facts grouped over the independent articles, copies added as
  carrying them (``pipeline.compare``);
- ``peer``: the same fact grouping over every article, copies counted as outlets
  (what the comparison did before);

for each, how many of the seeds' facts change status and how many facts name a copy's
outlet among the outlets that carry them; and whether the copies' outlets are listed
as carrying the original.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsprism.api import analyse, read
from newsprism.ingest.ids import keyed_document
from newsprism.models import Analysis, Document, Fact
from newsprism.pipeline.compare import compare_story
from newsprism.pipeline.facts import group_claims
from newsprism.settings import load_settings

ORIGINAL = "003_24be1872bdaa3ea2"
COPY_OUTLETS = {"Yahoo News", "MSN"}


def _statuses(facts: tuple[Fact, ...]) -> dict[str, tuple[str, frozenset[str]]]:
    return {f.text: (f.status, frozenset(e.outlet for e in f.evidence)) for f in facts}


def _changed(base: dict[str, tuple[str, frozenset[str]]], facts: tuple[Fact, ...]) -> int:
    now = _statuses(facts)
    return sum(1 for text, (status, _) in base.items() if now.get(text, (None,))[0] != status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--seeds", default=str(Path(__file__).parents[1] / "../shared/corpus/seeds")
    )
    args = parser.parse_args()
    settings = load_settings(environ={}, db=":memory:")
    documents, _ = read([args.seeds], settings=settings)
    original = next(d for d in documents if d.source.endswith(f"{ORIGINAL}.txt"))
    near_text = (
        "Moscow sees no room for compromise on peacekeepers\n" + original.text.split("\n", 1)[1]
    )
    near = read_text_document(near_text, "yahoo.json", "Yahoo News", documents)
    exact = read_text_document(original.text, "msn.json", "MSN", [*documents, near])
    started = time.perf_counter()
    corpus = analyse([*documents, near, exact], settings=settings)
    seconds = time.perf_counter() - started
    (story,) = corpus.stories
    by_id = {a.article.id: a for a in corpus.analyses}
    members: list[Analysis] = [by_id[i] for i in story.article_ids]
    seeds = [a for a in members if a.article.outlet_name not in COPY_OUTLETS]
    entities = corpus.entities
    base = _statuses(compare_story(seeds, entities=entities).facts)
    ours = compare_story(members, entities=entities)
    peer = group_claims(members, entities=entities)
    carried = {o for v in ours.voices for o in v.also_run_by if v.outlet == ORIGINAL}

    def named(facts: tuple[Fact, ...]) -> int:
        return sum(1 for f in facts if COPY_OUTLETS & {e.outlet for e in f.evidence})

    print(
        f"articles {len(members)} (copies {sum(1 for a in members if a.duplicate_of)}), "
        f"analysed in {seconds:.1f} s; seeds' facts {len(base)}"
    )
    print(f"{'':10} {'status changed':>15} {'copy counted':>13}")
    print(f"{'newsprism':10} {_changed(base, ours.facts):>15} {named(ours.facts):>13}")
    print(f"{'peer':10} {_changed(base, peer):>15} {named(peer):>13}")
    print(
        f"copies listed as carrying {ORIGINAL}: {sorted(carried)} "
        f"(expected {sorted(COPY_OUTLETS)}); facts shown as copied: "
        f"{sum(1 for f in ours.facts if f.copies)}"
    )


def read_text_document(text: str, source: str, outlet: str, known: list[Document]) -> Document:
    """A document as the JSON reader makes it from ``{"text", "outlet"}``, keyed
    against the documents read before it."""
    from newsprism.ingest.ids import content_id

    doc = Document(id=content_id(text), source=source, text=text, outlet=outlet)
    return keyed_document(doc, {d.id: d for d in known}.get)


if __name__ == "__main__":
    main()
