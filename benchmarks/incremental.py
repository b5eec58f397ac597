"""Adding one article to the stored stories of a store holding N articles.

    .venv/bin/python benchmarks/incremental.py [--size 100000] [--db PATH] [--probes 200]

Builds (or reuses) a SQLite store of ``--size`` articles from the scale generator
(``scale.generate``: real BASIL/NeuS texts, edits, copies, distractors over a year),
each stored as a document and a (text-only) analysis and placed in the stored stories
batch by batch (``Store.story_index`` + ``stories.place.place_articles``, ``--batch``
articles at a time), as ``newsprism ingest`` does after the NLP. Placing is words only
(no sentence embeddings): a new article is compared with its candidate stories by the
learned similarity (words-only model). Then it adds ``--probes`` new articles one at
a time, dated on the corpus's last day, and reports the median, 95th percentile and
maximum of

- ``place``: near-duplicate lookup + story assignment + writes, in one transaction;
- ``store + place``: the same plus storing the document and its analysis;
- ``memory``: the same assignment into an in-memory index (``MemoryIndex``) of the
  same articles (the peer);

and, as the baseline that incremental placing avoids, the time to re-cluster all N
articles from scratch in memory (one-pass ``story_index.add_item``, no I/O).

NLP is excluded: analyses hold the article text only (tokens come from the cheap
tokeniser, as for every story decision).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from newsprism.ingest.ids import content_id
from newsprism.models import Analysis, Article, Document
from newsprism.settings import Settings
from newsprism.store import Store, open_store
from newsprism.stories.index import MemoryIndex, add_item, item_from
from newsprism.stories.place import place_articles
from scale import generate


def _analysis(title: str, body: str, day: int, outlet: str) -> Analysis:
    text = f"{title}\n\n{body}"
    published = date.fromordinal(day).isoformat()
    doc = Document(id=content_id(text), source="gen", text=text, outlet=outlet, published=published)
    return Analysis(article=Article(document=doc, title=title, body=body, segments=()))


def _corpus(n: int, *, seed: int = 0) -> list[Analysis]:
    return [
        _analysis(title, body, day, f"outlet{k % 40}")
        for k, (_, title, body, day, _) in enumerate(generate(n, seed=seed))
    ]


def _add(store: Store, analyses: list[Analysis], threshold: float) -> None:
    store.add_documents(a.article.document for a in analyses)
    store.put_analyses(analyses, pipeline="bench")
    with store.story_index() as index:
        place_articles(analyses, index, threshold=threshold)


def _populate(path: Path, analyses: list[Analysis], threshold: float, batch: int) -> float:
    t0 = time.perf_counter()
    with open_store(path) as store:
        for i in range(0, len(analyses), batch):
            _add(store, analyses[i : i + batch], threshold)
            print(f"  placed {min(i + batch, len(analyses)):,}", file=sys.stderr, flush=True)
    return time.perf_counter() - t0


def _stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"{statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument(
        "--batch",
        type=int,
        default=2000,
        help="articles placed per call when building (above 4,000 a call groups them by "
        "the one-pass index, as the batch clustering does)",
    )
    args = parser.parse_args()
    threshold = Settings().story_threshold
    path = args.db or Path(f"/tmp/newsprism-incremental-{args.size}.db")
    corpus = _corpus(args.size)
    by_day = sorted(corpus, key=lambda a: a.article.document.published or "")
    with open_store(path) as store:
        stored = store.count_documents()
    if stored < args.size:
        path.unlink(missing_ok=True)
        print(f"building {path} ({args.size:,} articles)", file=sys.stderr)
        seconds = _populate(path, by_day, threshold, args.batch)
        print(f"built in {seconds:.0f} s ({seconds / args.size * 1000:.2f} ms/article)")
    with open_store(path) as store:
        n_docs, n_stories = store.count_documents(), len(store.stories())
    print(f"store: {n_docs:,} articles, {n_stories:,} stories, {path.stat().st_size >> 20} MB")

    t0 = time.perf_counter()
    memory = MemoryIndex()
    items = [item_from(a) for a in by_day]
    for it in items:
        add_item(it, memory, threshold=threshold)
    recluster = time.perf_counter() - t0

    last_day = max(i.day for i in items if i.day is not None)
    rng = random.Random(7)
    sources = _corpus(args.probes * 3, seed=99)
    probes = []
    for k, a in enumerate(rng.sample(sources, args.probes)):
        title = f"{a.article.title} ({k})"
        probes.append(_analysis(title, a.article.body + f" Update {k}.", last_day, "probe"))
    place, full, mem = [], [], []
    # The same three, in CPU seconds of this (single-threaded) work: on a shared machine
    # wall times mostly measure the scheduler.
    place_cpu, full_cpu, mem_cpu = [], [], []
    joined = 0
    with open_store(path) as store:
        for k, a in enumerate(probes):
            t0, c0 = time.perf_counter(), time.thread_time()
            if k % 2:
                store.add_documents([a.article.document])
                store.put_analyses([a], pipeline="bench")
                with store.story_index() as index:
                    (where,) = place_articles([a], index, threshold=threshold)
                full.append(time.perf_counter() - t0)
                full_cpu.append(time.thread_time() - c0)
                joined += not where.is_new_story
            else:
                store.add_documents([a.article.document])
                store.put_analyses([a], pipeline="bench")
                t0, c0 = time.perf_counter(), time.thread_time()
                with store.story_index() as index:
                    (where,) = place_articles([a], index, threshold=threshold)
                place.append(time.perf_counter() - t0)
                place_cpu.append(time.thread_time() - c0)
                joined += not where.is_new_story
            t0, c0 = time.perf_counter(), time.thread_time()
            add_item(item_from(a), memory, threshold=threshold)
            mem.append(time.perf_counter() - t0)
            mem_cpu.append(time.thread_time() - c0)
    print()
    print("| adding one article | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    print(f"| place (store) | {_stats(place)} |")
    print(f"| store + place | {_stats(full)} |")
    print(f"| memory index (peer) | {_stats(mem)} |")
    print("\n| adding one article, CPU | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    print(f"| place (store) | {_stats(place_cpu)} |")
    print(f"| store + place | {_stats(full_cpu)} |")
    print(f"| memory index (peer) | {_stats(mem_cpu)} |")
    print(f"\n{joined} of {len(probes)} new articles joined a stored story (or a copy's)")
    print(
        f"\nbaseline: re-clustering all {len(items):,} articles in memory takes "
        f"{recluster:.1f} s = {recluster / statistics.median(full):,.0f}x one "
        "store + place"
    )


if __name__ == "__main__":
    main()
