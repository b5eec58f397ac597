"""Briefing a 200-article story (issue 13, speed).

    PYTHONPATH=src .venv/bin/python benchmarks/facts_speed.py --scratch DIR [--articles 200]
        [--cached] [--profile] [--cli]

The story is built from the five seed articles (one event: Russia rejecting European
troops in Ukraine): each of ``--articles`` outlets runs its own version, a seed's
headline over 8 to 16 of the seeds' sentences (their claims, as the pipeline reads
them) drawn from two or three seeds and kept in each seed's order, under its own
outlet name. No two versions are copies of each other, so every article is
independent reporting, and they share many facts, as outlets covering one event do.

Story clustering splits these versions (130 stories for 200 on 2026-12-03), so the
articles are made one story through the API, as a store's story would hold them: read,
the per-article analysis (``engines.analyse_documents``), the batch stages but
clustering, then the briefing of one story holding every article
(``brief.build.build_briefing``: facts, conflicts, positions, framing, timeline).
Timed in this process, phase by phase, for the built story and for the five seeds
(the floor, in the same run, through the same steps). ``--cached`` reads the
per-article analyses from ``--scratch`` (kept from an earlier run) to time the
story-level phases alone; ``--profile`` prints the functions the story's briefing
spends most in; ``--cli`` also times ``newsprism brief DIR -f json`` on the built
folder as a new process on a new store (clustering included).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsprism.api import read
from newsprism.brief.build import build_briefing
from newsprism.brief.records import Briefing
from newsprism.codec import dumps, loads
from newsprism.engines import analyse_documents
from newsprism.models import Analysis, Corpus, Story
from newsprism.plan import PLAN, combine
from newsprism.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def build_story(out: Path, *, articles: int, seed: int = 13) -> list[Path]:
    """Write ``articles`` versions of the seeds' story as JSON records under ``out``."""
    from newsprism.api import extract

    settings = load_settings(environ={}, db=":memory:")
    corpus = extract([str(SEEDS)], settings=settings)
    pools = [
        (a.article.title or "", [c.text for c in a.claims]) for a in corpus.analyses if a.claims
    ]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(articles):
        chosen = rng.sample(range(len(pools)), rng.choice((2, 3)))
        title = pools[chosen[0]][0]
        size = rng.randint(8, 16)
        picked: list[str] = []
        for n, p in enumerate(chosen):
            sentences = pools[p][1]
            share = size // len(chosen) + (1 if n < size % len(chosen) else 0)
            idx = sorted(rng.sample(range(len(sentences)), min(share, len(sentences))))
            picked += [sentences[i] for i in idx]
        paragraphs = [" ".join(picked[i : i + 2]) for i in range(0, len(picked), 2)]
        record = {"title": title, "outlet": f"Outlet {k:03d}", "text": "\n\n".join(paragraphs)}
        path = out / f"version_{k:03d}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(path)
    return paths


def _analyses(inputs: Path, cache: Path, *, cached: bool) -> tuple[list[Analysis], float]:
    """The per-article analyses of ``inputs`` (from ``cache`` when ``cached`` and there,
    else written to it) and the seconds reading and analysing took."""
    if cached and cache.exists():
        return list(loads(cache.read_text(encoding="utf-8"))), 0.0
    settings = load_settings(environ={}, db=":memory:")
    start = time.perf_counter()
    documents, _ = read([str(inputs)], settings=settings)
    analyses = list(analyse_documents(documents, settings=settings))
    took = time.perf_counter() - start
    cache.write_text(dumps(analyses), encoding="utf-8")
    return analyses, took


def _one_story(analyses: Sequence[Analysis]) -> tuple[Briefing, float, float, float]:
    """The briefing of ``analyses`` as one story; seconds of the batch stages and of
    the briefing, and the CPU seconds of the briefing (this process's own: on a
    machine shared with other jobs, wall time mostly measures the others)."""
    settings = load_settings(environ={}, db=":memory:")
    start = time.perf_counter()
    corpus = combine(analyses, settings=settings, plan=[s for s in PLAN if s.name != "stories"])
    batch = time.perf_counter() - start
    ids = tuple(a.article.id for a in corpus.analyses)
    story = Story("story", corpus.analyses[0].article.title or "", ids)
    start, cpu = time.perf_counter(), time.process_time()
    out = build_briefing(
        Corpus(analyses=corpus.analyses, entities=corpus.entities, stories=(story,))
    )
    return out, batch, time.perf_counter() - start, time.process_time() - cpu


def _cli(inputs: Path, db: Path) -> tuple[float, int]:
    """Seconds of ``newsprism brief INPUTS -f json`` as a new process on a new store,
    and how many stories it made."""
    if db.exists():
        db.unlink()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [sys.executable, "-m", "newsprism", "--db", str(db), "brief", str(inputs), "-f", "json"]
    start = time.perf_counter()
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, len(json.loads(done.stdout)["stories"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, required=True, help="folder for caches")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--cached", action="store_true", help="reuse cached analyses")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cli", action="store_true")
    opts = parser.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"skipped: the seeds are missing ({SEEDS})")
    opts.scratch.mkdir(parents=True, exist_ok=True)
    story = opts.scratch / f"story_{opts.articles}"
    build_story(story, articles=opts.articles)
    rows = []
    for name, inputs in (("seeds (floor)", SEEDS), (f"story, {opts.articles} articles", story)):
        cache = opts.scratch / f"{inputs.name}.analyses.json"
        analyses, analysed = _analyses(inputs, cache, cached=opts.cached)
        profiler = cProfile.Profile() if opts.profile and inputs == story else None
        if profiler:
            profiler.enable()
        out, batch, briefed, cpu = _one_story(analyses)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        (record,) = out.stories
        facts = record.facts
        shared = sum(1 for f in facts if f.status != "single-source")
        contested = sum(1 for f in facts if f.status == "contested")
        rows.append(
            (name, len(analyses), analysed, batch, briefed, cpu, len(facts), shared, contested)
        )
    print(
        f"{'':<24} {'articles':>8} {'analyse s':>10} {'batch s':>8} {'brief s':>8} "
        f"{'brief cpu s':>11} {'total s':>8} {'facts':>6} {'shared':>7} {'contested':>9}"
    )
    for name, n, analysed, batch, briefed, cpu, facts, shared, contested in rows:
        total = analysed + batch + briefed
        print(
            f"{name:<24} {n:>8} {analysed:>10.1f} {batch:>8.1f} {briefed:>8.1f} {cpu:>11.1f} "
            f"{total:>8.1f} {facts:>6} {shared:>7} {contested:>9}"
        )
    (_, _, a0, b0, c0, *_), (_, _, a1, b1, c1, *_) = rows
    print(
        f"ratio story/seeds: total {(a1 + b1 + c1) / (a0 + b0 + c0):.1f}x, "
        f"story-level phases {(b1 + c1) / (b0 + c0):.1f}x"
    )
    if opts.cli:
        seconds, stories = _cli(story, opts.scratch / "story.db")
        print(f"newsprism brief on the built folder: {seconds:.1f}s, {stories} stories")


if __name__ == "__main__":
    main()
