"""Duplicates and stories at scale: time and peak memory at growing corpus sizes.

    .venv/bin/python benchmarks/scale.py [SIZES...]      # default: 10000 100000
    .venv/bin/python benchmarks/scale.py 10000 100000 1000000     # ~30 min, 3 GB

A generator builds each corpus from the real texts in ``../shared/data`` (BASIL full
texts, NeuS train/val leads), event by event. The first time a real event is drawn its
articles are used as they are; every later draw makes a new, distinct event from it:
a sentence dropped per article, a sentence of another event spliced in (a
distractor), then a consistent renaming of a third of its content words (per
generated event, so its articles still resemble each other but share few 5-word
shingles with the original), and a new date. An event's articles fall within three days of its date;
dates spread over a year. A share of the articles are near-copies (new headline, a
sentence dropped, trimmed ending) of an article already generated, as wire copies are.
The generated event of each article is its gold story (a copy's is its original's),
so BCubed F1 of the stories is reported too.

Each size runs in its own process so its peak RSS is its own. Reported per step
(generation, duplicate detection ``dedup.duplicate_groups``, tokenising
``cluster.tokenize_all``, story assignment ``story_index.assign_items``: one pass
in date order, stories past the horizon closed): wall-clock seconds and the process's
CPU seconds (other sessions on a shared machine inflate the first, hardly the
second); the peak RSS after duplicate detection and at the end; the growth of
dedup + tokens + stories CPU time from the previous size, next to n log n's; BCubed
F1 against the generated events; the time of adding one more article to an index of
the last 16 days (median and maximum of 200); the 1-minute load average before and
after. NLP is excluded: tokens come from the cheap tokeniser, as in the Spark/scale
path. Generation is fast enough not to need a cache (about a minute per million
articles).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

from _data_stories import GoldArticle, load_basil, load_neus
from newsprism.pipeline.dedup import duplicate_groups
from newsprism.settings import Settings
from newsprism.stories.index import (
    Item,
    MemoryIndex,
    add_item,
    assign_items,
)
from newsprism.stories.words import tokenize, tokenize_all

COPY_SHARE = 0.15
RENAME_SHARE = 0.35
YEAR_START = 737_000  # an arbitrary day number; only differences matter
_WORD = re.compile(r"[A-Za-z]{4,}")


def _sources() -> list[GoldArticle]:
    return [*load_basil(), *load_neus("train"), *load_neus("val")]


def _split(text: str) -> tuple[str, str]:
    title, _, body = text.partition("\n\n")
    return title, body


def generate(n: int, *, seed: int = 0) -> list[tuple[str, str, str, int, str]]:
    """``n`` articles ``(id, title, body, day, story)`` made from the real texts."""
    rng = random.Random(seed)
    by_event: dict[str, list[tuple[str, str]]] = {}
    for g in _sources():
        by_event.setdefault(g.event, []).append(_split(g.document.text))
    events = list(by_event)
    vocabulary = sorted(
        {w.lower() for arts in by_event.values() for t, b in arts for w in _WORD.findall(b)}
    )
    used: set[str] = set()
    out: list[tuple[str, str, str, int, str]] = []
    generated = 0
    while len(out) < n:
        if out and rng.random() < COPY_SHARE:
            _, title, body, day, story = out[rng.randrange(len(out))]
            sentences = body.split(". ")
            if len(sentences) > 3:
                del sentences[rng.randrange(1, len(sentences) - 1)]
                sentences = sentences[: max(3, int(len(sentences) * 0.9))]
            out.append((f"d{len(out)}", f"UPDATE: {title}", ". ".join(sentences), day + 1, story))
            continue
        event = rng.choice(events)
        story = f"g{generated}"
        generated += 1
        day = YEAR_START + rng.randrange(365)
        articles = by_event[event]
        if event in used:
            articles = _variant(articles, by_event[rng.choice(events)], vocabulary, rng)
        used.add(event)
        for title, body in articles:
            if len(out) >= n:
                break
            out.append((f"d{len(out)}", title, body, day + rng.randrange(3), story))
    return out


def _variant(
    articles: list[tuple[str, str]],
    other: list[tuple[str, str]],
    vocabulary: list[str],
    rng: random.Random,
) -> list[tuple[str, str]]:
    """A new event made from ``articles``: a sentence dropped and a sentence of
    ``other`` spliced into each, then a third of the content words renamed
    consistently (the splice too, so that no generated text contains a whole real
    lead: containment-based dedup would rightly call it a copy)."""
    drafts = []
    for title, body in articles:
        paragraphs = [p for p in body.split("\n\n") if p.strip()] or [body]
        sentences = paragraphs[-1].split(". ")
        if len(sentences) > 2:
            del sentences[rng.randrange(len(sentences))]
            paragraphs[-1] = ". ".join(sentences)
        _, other_body = rng.choice(other)
        splice = rng.choice(other_body.split(". ")).strip()
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), splice)
        drafts.append((title, "\n\n".join(paragraphs)))
    words = sorted({w.lower() for t, b in drafts for w in _WORD.findall(f"{t} {b}")})
    renamed = {w: rng.choice(vocabulary) for w in words if rng.random() < RENAME_SHARE}

    def rename(m: re.Match[str]) -> str:
        w = m.group()
        new = renamed.get(w.lower())
        if new is None:
            return w
        return new.capitalize() if w[0].isupper() else new

    return [(_WORD.sub(rename, t), _WORD.sub(rename, b)) for t, b in drafts]


def _bcubed_f1(pred: list[str], gold: list[str]) -> float:
    by_pred: dict[str, set[int]] = {}
    by_gold: dict[str, set[int]] = {}
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred.setdefault(p, set()).add(i)
        by_gold.setdefault(g, set()).add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold, strict=True):
        both = len(by_pred[p] & by_gold[g])
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    precision /= len(pred)
    recall /= len(pred)
    return 2 * precision * recall / (precision + recall)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Step:
    """Wall and CPU seconds of a step (CPU time is what other sessions on this shared
    machine cannot inflate), and the peak RSS at its end."""

    def __init__(self, name: str, out: dict[str, float]) -> None:
        self.name, self.out = name, out

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.out[f"{self.name}_s"] = time.perf_counter() - self.wall
        self.out[f"{self.name}_cpu"] = time.process_time() - self.cpu
        self.out[f"{self.name}_mb"] = _peak_mb()


def run(n: int) -> dict[str, float]:
    settings = Settings()
    r: dict[str, float] = {"n": n}
    with _Step("generate", r):
        corpus = generate(n)
    with _Step("dedup", r):
        groups = duplicate_groups([body for _, _, body, _, _ in corpus])
    original = {i: g[0] for g in groups for i in g[1:]}
    tokenize("")  # loads the stop words (scikit-learn): an import, not per-article work
    with _Step("tokens", r):
        kept = [k for k in range(len(corpus)) if k not in original]
        texts = (f"{corpus[k][1]}\n{corpus[k][2]}" for k in kept)
        items = [
            Item(id=corpus[k][0], title=corpus[k][1], tokens=tokens, day=corpus[k][3])
            for k, tokens in zip(kept, tokenize_all(texts), strict=True)
        ]
    with _Step("cluster", r):
        states = assign_items(items, threshold=settings.story_threshold)
    story_of = {m: s.id for s in states for m in s.members}
    pred = [story_of[corpus[original.get(k, k)][0]] for k in range(len(corpus))]
    f1 = _bcubed_f1(pred, [story for *_, story in corpus])
    index = MemoryIndex()
    for it in items:
        index.count_terms(set(it.tokens))
    top_day = max(it.day for it in items if it.day is not None)
    recent = [it for it in items if it.day is not None and it.day >= top_day - 16]
    for it in recent:
        add_item(it, index, threshold=settings.story_threshold, count_terms=False)
    rng = random.Random(1)
    samples = []
    for j in range(200):
        src = items[rng.randrange(len(items))]
        probe = Item(id=f"probe{j}", title=src.title, tokens=src.tokens, day=top_day)
        t0 = time.perf_counter()
        add_item(probe, index, threshold=settings.story_threshold)
        samples.append(time.perf_counter() - t0)
    r.update(
        copies=len(original),
        stories=len(states),
        events=len({story for *_, story in corpus}),
        bcubed_f1=f1,
        total_s=r["dedup_s"] + r["tokens_s"] + r["cluster_s"],
        total_cpu=r["dedup_cpu"] + r["tokens_cpu"] + r["cluster_cpu"],
        peak_mb=_peak_mb(),
        add_one_ms=statistics.median(samples) * 1000,
        add_one_max_ms=max(samples) * 1000,
    )
    return r


def _row(r: dict[str, Any], prev: dict[str, Any] | None) -> str:
    def step(name: str) -> str:
        return f"{r[name + '_s']:.1f} ({r[name + '_cpu']:.1f})"

    growth = "-"
    if prev is not None:
        # Growth of dedup + stories CPU time against n log n over the same sizes.
        nlogn = r["n"] * math.log(r["n"]) / (prev["n"] * math.log(prev["n"]))
        growth = f"{r['total_cpu'] / prev['total_cpu']:.1f}x (n log n {nlogn:.1f}x)"
    return (
        f"| {r['n']:,} | {step('generate')} | {step('dedup')} | {r['copies']:,} "
        f"| {step('tokens')} | {step('cluster')} | {r['stories']:,} ({r['events']:,}) "
        f"| {r['bcubed_f1']:.3f} | {step('total')} | {growth} "
        f"| {r['dedup_mb']:.0f} / {r['peak_mb']:.0f} "
        f"| {r['add_one_ms']:.2f} ({r['add_one_max_ms']:.1f}) | {r['load']} |"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run(int(sys.argv[2]))))
        return
    sizes = [int(x) for x in sys.argv[1:]] or [10_000, 100_000]
    print(
        "| articles | generate s (CPU) | dedup s (CPU) | copies | tokens s (CPU) "
        "| stories s (CPU) | stories (events) | B3 F1 | total s (CPU) | growth "
        "| peak MB (dedup / end) | add one ms (max) | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    prev = None
    for n in sizes:
        before = os.getloadavg()[0]
        line = (
            subprocess.run(
                [sys.executable, __file__, "--one", str(n)],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        r = json.loads(line)
        r["load"] = f"{before:.1f}-{os.getloadavg()[0]:.1f}"
        print(_row(r, prev), flush=True)
        print(f"<!-- {line} -->", file=sys.stderr, flush=True)
        prev = r


if __name__ == "__main__":
    main()
