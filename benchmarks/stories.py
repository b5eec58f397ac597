"""Story clustering quality against gold events: BASIL and NeuS.

    .venv/bin/python benchmarks/stories.py [--sweep] [--train N]

For each data set, BCubed precision/recall/F1 and pairwise F1 of
- ``baseline``: TF-IDF (scikit-learn defaults, English stop words) + average-linkage
  agglomerative clustering, its threshold picked on NeuS train (the best of a grid);
- ``newsprism``: :func:`newsprism.stories.cluster.cluster` with the default settings
  (the learned story similarity, :mod:`newsprism.stories.similarity`, fitted on
  NeuS train by ``benchmarks/stories_train.py``; with the sentence embeddings of the
  ``semantic`` extra when it is installed, as the README's install does, including the
  time to embed the articles on CPU);
- ``words only`` (when the extra is installed): the same without the embeddings, as
  ``pip install newsprism`` alone gives;
- ``lexical``: an earlier default, the lexical similarity
  (:func:`newsprism.stories.words.similarity_matrix`) with the same average linkage
  and threshold;
- ``stored``: a store takes half of the articles as one ingest, then the other half one
  at a time, in publication order (ties shuffled): each new article is compared by the
  learned similarity with the candidate stories the lexical index proposes
  (:mod:`newsprism.stories.place`), the path of ``newsprism ingest``.
- ``incremental``: one-pass assignment (:func:`newsprism.stories.index.assign_all`),
  the path used above ``MAX_PAIRWISE`` articles and for adding to a store.

Clustering uses words and dates only, so the articles are cleaned but not run through
spaCy (entities only describe stories). ``--sweep`` prints F1 over thresholds, on NeuS
train too (``--train N`` stories of it, default 900), to choose the default.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from _data_stories import GoldArticle, load_basil, load_neus
from newsprism.models import Analysis
from newsprism.pipeline.clean import clean
from newsprism.pipeline.semantic import wanted
from newsprism.settings import Settings
from newsprism.stories.cluster import cluster
from newsprism.stories.index import assign_all
from newsprism.stories.words import similarity_matrix

GRID = (0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.3)


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga and Baldwin, 1998; Amigó et al., 2009)."""
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold, strict=True):
        both = len(by_pred[p] & by_gold[g])
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    precision /= len(pred)
    recall /= len(pred)
    return precision, recall, _f1(precision, recall)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of articles put in one cluster."""

    def pairs(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
        groups: dict[Hashable, list[int]] = defaultdict(list)
        for i, x in enumerate(labels):
            groups[x].append(i)
        return {(a, b) for g in groups.values() for k, a in enumerate(g) for b in g[k + 1 :]}

    p, g = pairs(pred), pairs(gold)
    both = len(p & g)
    precision = both / len(p) if p else 1.0
    recall = both / len(g) if g else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def average_linkage(similarity: Any, threshold: float) -> list[int]:
    """Cluster labels: average-linkage agglomeration of a similarity matrix, cut where
    the mean similarity between two groups falls below ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    matrix = np.asarray(similarity, dtype=float)
    if len(matrix) < 2:
        return list(range(len(matrix)))
    distance = 1.0 - matrix
    distance[distance < 0] = 0.0
    np.fill_diagonal(distance, 0.0)
    return [
        int(x)
        for x in AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - threshold,
        ).fit_predict(distance)
    ]


def baseline_labels(texts: Sequence[str], threshold: float) -> list[int]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english").fit_transform(texts)
    return average_linkage((vectors @ vectors.T).toarray(), threshold)


def lexical_labels(analyses: Sequence[Analysis], threshold: float) -> list[int]:
    """The previous default: average linkage over the lexical similarity."""
    return average_linkage(similarity_matrix(analyses), threshold)


def _labels(stories: Sequence[object], analyses: Sequence[Analysis]) -> list[str]:
    member = {i: s.id for s in stories for i in s.article_ids}  # type: ignore[attr-defined]
    return [member[a.article.id] for a in analyses]


def _undated(g: GoldArticle) -> GoldArticle:
    return GoldArticle(replace(g.document, published=None), g.event)


def _analyses(gold: Sequence[GoldArticle]) -> list[Analysis]:
    return [Analysis(article=clean(g.document)) for g in gold]


def _texts(analyses: Sequence[Analysis]) -> list[str]:
    return [f"{a.article.title}\n{a.article.body}" for a in analyses]


def _row(
    name: str, bp: float, br: float, bf: float, pf: float, clusters: float, seconds: float
) -> str:
    return (
        f"| {name:<12} | {bp:.3f} | {br:.3f} | **{bf:.3f}** | {pf:.3f} "
        f"| {clusters:>4.0f} | {seconds:6.2f} |"
    )


def _best_baseline_threshold(analyses: Sequence[Analysis], gold: Sequence[str]) -> float:
    texts = _texts(analyses)
    return max(GRID, key=lambda t: bcubed(baseline_labels(texts, t), gold)[2])


def _sweep(name: str, analyses: Sequence[Analysis], gold: Sequence[str]) -> None:
    cells = []
    for t in GRID:
        f = bcubed(_labels(cluster(analyses, threshold=t), analyses), gold)[2]
        fi = bcubed(_labels(assign_all(analyses, threshold=t), analyses), gold)[2]
        cells.append(f"{t:.2f}: {f:.3f}/{fi:.3f}")
    print(f"{name} (batch/incremental BCubed F1): " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="F1 over a grid of thresholds")
    parser.add_argument("--train", type=int, default=900, help="NeuS train stories to use")
    parser.add_argument(
        "--neus-train",
        action="store_true",
        help="also the figures on all of NeuS train in batches of 307 stories (the learned "
        "similarity was fitted on them: in-sample; stories_train.py gives held-out ones)",
    )
    parser.add_argument(
        "--methods", help="comma-separated methods to run (default: all), e.g. newsprism,stored"
    )
    parser.add_argument(
        "--sets", help="comma-separated batches to run (default: all), e.g. 'BASIL undated'"
    )
    args = parser.parse_args()
    settings = Settings()
    semantic = wanted(settings.semantic_similarity)
    print(
        "newsprism: default settings, "
        + ("with sentence embeddings (semantic extra installed)" if semantic else "words only")
    )
    train = load_neus("train")
    train = [g for g in train if int(g.event.split("-")[1]) < args.train]
    train_an = _analyses(train)
    train_gold = [g.event for g in train]
    base_t = _best_baseline_threshold(train_an, train_gold)
    print(
        f"threshold: newsprism {settings.story_threshold} (settings), baseline {base_t} "
        f"(best on {args.train} NeuS train stories)\n"
    )
    if args.sweep:
        _sweep("neus-train", train_an, train_gold)
    basil, val = load_basil(), load_neus("val")
    undated = [_undated(g) for g in basil]
    # Long and short, dated and undated in one batch: every other BASIL article keeps
    # its date, NeuS items have none.
    mixed = [g if k % 2 else _undated(g) for k, g in enumerate(basil)] + val
    sets = (
        ("BASIL", basil),
        ("BASIL undated", undated),
        ("NeuS val", val),
        ("BASIL (half dated) + NeuS val", mixed),
    )
    wanted_sets = args.sets.split(",") if args.sets else [name for name, _ in sets]
    methods = args.methods.split(",") if args.methods else None
    for name, gold_articles in sets:
        if name not in wanted_sets:
            continue
        analyses = _analyses(gold_articles)
        gold = [g.event for g in gold_articles]
        print(f"### {name}: {len(analyses)} articles, {len(set(gold))} events\n")
        print(HEADER)
        scored = _methods(analyses, gold, base_t, semantic=semantic, only=methods)
        for method, scores in scored.items():
            print(_row(method, *scores))
        print()
        if args.sweep:
            _sweep(name, analyses, gold)
            print()
    if args.neus_train:
        _train_table(base_t)


HEADER = (
    "| method       | B3 P  | B3 R  | B3 F1     | pair F1 | clusters | seconds |\n"
    "|--------------|-------|-------|-----------|---------|------|--------|"
)
Scores = tuple[float, float, float, float, float, float]


def _methods(
    analyses: Sequence[Analysis],
    gold: Sequence[str],
    base_t: float,
    *,
    semantic: bool = False,
    only: Sequence[str] | None = None,
) -> dict[str, Scores]:
    """BCubed P/R/F1, pair F1, clusters and seconds of each method on one batch."""
    threshold = Settings().story_threshold
    runs = {
        "baseline": lambda: baseline_labels(_texts(analyses), base_t),
        "newsprism": lambda: _labels(
            cluster(analyses, threshold=threshold, semantic=semantic), analyses
        ),
        "words only": lambda: _labels(cluster(analyses, threshold=threshold), analyses),
        "lexical": lambda: lexical_labels(analyses, threshold),
        "incremental": lambda: _labels(assign_all(analyses, threshold=threshold), analyses),
        "stored": lambda: stored_labels(analyses, threshold=threshold, semantic=semantic),
    }
    out = {}
    for method, run in runs.items():
        if (method == "words only" and not semantic) or (only and method not in only):
            continue
        t0 = time.perf_counter()
        pred = run()
        seconds = time.perf_counter() - t0
        bp, br, bf = bcubed(pred, gold)
        out[method] = (bp, br, bf, pairwise(pred, gold)[2], float(len(set(pred))), seconds)
    return out


def stored_labels(
    analyses: Sequence[Analysis],
    *,
    threshold: float,
    semantic: bool,
    first: float = 0.5,
    seed: int = 7,
) -> list[str]:
    """Story of each article when a store takes the first ``first`` share of the
    articles as one ingest and then the others one at a time
    (:func:`newsprism.stories.place.place_articles`, as ``newsprism ingest`` of one file
    after another does). Articles arrive in publication order, undated ones after dated
    ones, ties in a random order (seeded), so that a story's articles do not simply
    arrive together."""
    import random

    from newsprism.pipeline.semantic import embed
    from newsprism.store import open_store
    from newsprism.stories.place import place_articles

    order = list(range(len(analyses)))
    random.Random(seed).shuffle(order)
    order.sort(key=lambda i: analyses[i].article.document.published or "~")
    cut = round(first * len(order))
    calls = [order[:cut]] + [[i] for i in order[cut:]]
    with open_store(":memory:") as store:
        store.add_documents(a.article.document for a in analyses)
        store.put_analyses(analyses, pipeline="benchmark")
        for call in calls:
            with store.story_index() as index:
                place_articles(
                    [analyses[i] for i in call],
                    index,
                    threshold=threshold,
                    embed=embed if semantic else None,
                )
        story_of = {aid: s.id for s in store.stories() for aid in s.article_ids}
    return [story_of[a.article.id] for a in analyses]


def _train_table(base_t: float) -> None:
    """Means over all of NeuS train in batches of 307 stories (the size of NeuS val)."""
    everything = load_neus("train")
    per_method: dict[str, list[Scores]] = defaultdict(list)
    batches = 0
    for k in range(0, 2452, 307):
        part = [g for g in everything if k <= int(g.event.split("-")[1]) < k + 307]
        analyses = _analyses(part)
        scores_by_method = _methods(analyses, [g.event for g in part], base_t, semantic=False)
        for method, scores in scores_by_method.items():
            per_method[method].append(scores)
        batches += 1
    print(f"### NeuS train: means over {batches} batches of 307 stories (in-sample)\n")
    print(HEADER)
    for method, rows in per_method.items():
        print(_row(method, *(float(np.mean(col)) for col in zip(*rows, strict=True))))
    print()


if __name__ == "__main__":
    main()
