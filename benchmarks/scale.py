"""Duplicates and stories at scale: time and peak memory at growing corpus sizes.

    .venv/bin/python benchmarks/scale.py [SIZES...]      # default: 10000 100000

A generator builds each corpus from the real texts in ``../shared/data`` (BASIL full
texts, NeuS train/val leads): every generated article is one of those texts re-dated
onto a shuffled day of a year (per event, so an event's articles stay within days),
and a share are near-copies (new headline, trimmed ending, a sentence dropped) of an
article already generated, as wire copies are. Events are reused across the year as
distractor stories on the same topics. NLP is excluded: tokens come from the cheap
tokeniser (``cluster.tokenize``), as in the Spark/scale path.

Each size runs in its own process so its peak RSS is its own. Reported: seconds for
duplicate detection (datasketch MinHash + MinHashLSH) and for story assignment
(``story_index.add_item`` in date order, closing stories past the horizon), peak RSS,
and the time of adding one more article to the finished index (median of 200).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time

from _data_stories import GoldArticle, load_basil, load_neus
from newsprism.pipeline.cluster import tokenize
from newsprism.pipeline.dedup import duplicate_groups
from newsprism.pipeline.story_index import Item, MemoryIndex, add_item, horizon_days
from newsprism.settings import Settings

COPY_SHARE = 0.15
YEAR_START = 737_000  # an arbitrary day number; only differences matter


def _sources() -> list[GoldArticle]:
    return [*load_basil(), *load_neus("train"), *load_neus("val")]


def generate(n: int, *, seed: int = 0) -> list[tuple[str, str, str, int]]:
    """``n`` articles ``(id, title, body, day)`` from the real texts."""
    rng = random.Random(seed)
    sources = _sources()
    by_event: dict[str, list[GoldArticle]] = {}
    for g in sources:
        by_event.setdefault(g.event, []).append(g)
    events = list(by_event)
    out: list[tuple[str, str, str, int]] = []
    while len(out) < n:
        if out and rng.random() < COPY_SHARE:
            _, title, body, day = out[rng.randrange(len(out))]
            sentences = body.split(". ")
            if len(sentences) > 3:
                del sentences[rng.randrange(1, len(sentences) - 1)]
                sentences = sentences[: max(3, int(len(sentences) * 0.9))]
            out.append((f"d{len(out)}", f"UPDATE: {title}", ". ".join(sentences), day + 1))
            continue
        event = rng.choice(events)  # the same event again later: a distractor story
        day = YEAR_START + rng.randrange(365)
        for g in by_event[event]:
            if len(out) >= n:
                break
            title, _, body = g.document.text.partition("\n\n")
            out.append((f"d{len(out)}", title, body, day + rng.randrange(3)))
    return out


def run(n: int) -> dict[str, float]:
    settings = Settings()
    corpus = generate(n)
    t0 = time.perf_counter()
    groups = duplicate_groups([body for _, _, body, _ in corpus])
    t_dedup = time.perf_counter() - t0
    copies = {i for g in groups for i in g[1:]}
    t0 = time.perf_counter()
    items = [
        Item(id=i, title=t, tokens=tuple(tokenize(f"{t}\n{b}")), day=d) for i, t, b, d in corpus
    ]
    t_tokens = time.perf_counter() - t0
    order = sorted((k for k in range(len(items)) if k not in copies), key=lambda k: items[k].day)
    index = MemoryIndex()
    horizon = int(horizon_days(settings.story_threshold)) + 1
    t0 = time.perf_counter()
    last_close = None
    for k in order:
        it = items[k]
        if it.day is not None and (last_close is None or it.day > last_close):
            index.close_before(it.day - horizon)
            last_close = it.day
        add_item(it, index, threshold=settings.story_threshold)
    t_cluster = time.perf_counter() - t0
    stories = len(index.all_stories())
    rng = random.Random(1)
    samples = []
    top_day = max(it.day for it in items if it.day is not None)
    for j in range(200):
        src = items[rng.randrange(len(items))]
        probe = Item(id=f"probe{j}", title=src.title, tokens=src.tokens, day=top_day)
        t0 = time.perf_counter()
        add_item(probe, index, threshold=settings.story_threshold)
        samples.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "dedup_s": t_dedup,
        "copies": len(copies),
        "tokens_s": t_tokens,
        "cluster_s": t_cluster,
        "stories": stories,
        "total_s": t_dedup + t_tokens + t_cluster,
        "peak_mb": peak_mb,
        "add_one_ms": statistics.median(samples) * 1000,
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run(int(sys.argv[2]))))
        return
    sizes = [int(x) for x in sys.argv[1:]] or [10_000, 100_000]
    print(
        "| articles | dedup s | copies | tokens s | stories s | stories | total s | peak MB "
        "| add one ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
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
        print(
            f"| {r['n']:,} | {r['dedup_s']:.1f} | {r['copies']:,} | {r['tokens_s']:.1f} "
            f"| {r['cluster_s']:.1f} | {r['stories']:,} | {r['total_s']:.1f} "
            f"| {r['peak_mb']:.0f} | {r['add_one_ms']:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
