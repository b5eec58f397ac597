"""Stories from the Spark engine's executors against the local engine's, on the same
articles in the same run (issue 19, "same answer").

    .venv/bin/python benchmarks/spark_stories.py [--blocks 30 60] [--neus] [--semantic]

For the seeds, BASIL dated, BASIL undated and (``--neus``) NeuS val: BCubed F1 of the
local engine's batch clustering (``stories.cluster``, the peer) and of
``engines.spark.stories.cluster_stories`` in ``local[2]``, with the default block size
(a corpus this small is one block) and with the smaller blocks given by ``--blocks``,
which cut the corpus into blocks of time and so measure the stitching. Articles are
cleaned only (what the stories need), so that analysis cost is left out; embeddings are
off unless ``--semantic``. Needs ``../shared/data`` and PySpark with Java 17.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data_stories import GoldArticle, load_basil, load_neus
from newsprism.ingest import read_source
from newsprism.models import Analysis
from newsprism.pipeline.clean import clean
from newsprism.settings import Settings
from newsprism.stories.cluster import cluster
from stories import bcubed

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _labels(stories: Sequence[object], analyses: Sequence[Analysis]) -> list[str]:
    member = {i: s.id for s in stories for i in s.article_ids}  # type: ignore[attr-defined]
    return [member[a.article.id] for a in analyses]


def _spark(session: object, analyses: Sequence[Analysis], settings: Settings, block: int | None):
    from newsprism.engines.spark.stories import BLOCK_ARTICLES, cluster_stories

    rdd = session.sparkContext.parallelize(list(enumerate(analyses)), 4)  # type: ignore[attr-defined]
    stories, _ = cluster_stories(rdd, settings=settings, block_articles=block or BLOCK_ARTICLES)
    return stories.collect()


def _row(name: str, f1: float, seconds: float, same: str = "") -> None:
    print(f"| {name:<34} | {f1:.3f} | {seconds:7.1f} | {same} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, nargs="*", default=[30, 60])
    parser.add_argument("--neus", action="store_true", help="also NeuS val (921 items)")
    parser.add_argument("--semantic", action="store_true", help="sentence embeddings on")
    args = parser.parse_args()
    settings = Settings(semantic_similarity="auto" if args.semantic else "off")
    semantic = args.semantic

    basil = load_basil()
    sets: list[tuple[str, list[GoldArticle] | None]] = [
        ("seeds", None),
        ("BASIL dated", basil),
        (
            "BASIL undated",
            [GoldArticle(replace(g.document, published=None), g.event) for g in basil],
        ),
    ]
    if args.neus:
        sets.append(("NeuS val", load_neus("val")))

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsprism-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    print("| set / engine | B3 F1 | seconds | stories as local |")
    print("|---|---|---|---|")
    try:
        for name, gold in sets:
            if gold is None:
                docs = [
                    d
                    for p in sorted(SEEDS.iterdir())
                    for d in read_source(str(p), settings=settings)
                ]
                analyses = [Analysis(article=clean(d)) for d in docs]
                events = ["seeds"] * len(analyses)
            else:
                analyses = [Analysis(article=clean(g.document)) for g in gold]
                events = [g.event for g in gold]
            started = time.perf_counter()
            local = cluster(analyses, threshold=settings.story_threshold, semantic=semantic)
            _row(
                f"{name}: local",
                bcubed(_labels(local, analyses), events)[2],
                time.perf_counter() - started,
            )
            local_sets = {s.article_ids for s in local}
            for block in [None, *args.blocks]:
                started = time.perf_counter()
                found = _spark(session, analyses, settings, block)
                seconds = time.perf_counter() - started
                same = {s.article_ids for s in found} == local_sets
                label = f"{name}: spark, " + (f"blocks of {block}" if block else "default blocks")
                _row(
                    label,
                    bcubed(_labels(found, analyses), events)[2],
                    seconds,
                    "yes" if same else "no",
                )
    finally:
        session.stop()


if __name__ == "__main__":
    main()
