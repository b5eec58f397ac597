"""The loaded-language word model, measured on articles it was not fitted on.

    .venv/bin/python benchmarks/framing_cv.py [--folds 5] [--cache DIR]

BASIL, held out by triplet: in each of ``--folds`` folds the model of
``benchmarks/loaded_train.py`` is fitted on BABE and the other triplets' own-voice
words, its threshold chosen by 3 inner folds of those triplets only, and the held-out
triplets are scored: a body sentence (one BASIL string) is predicted when one of its
own-voice words reaches the threshold, gold when it holds a phrase annotated
``bias == "lex"`` and ``quote == "no"``. "In quotes" is the share of predicted words
inside a quotation of four or more words or a phrase annotated ``quote == "yes"``.
Peers from the same run: the shipped word list alone (own voice, as
``benchmarks/framing.py`` counts it) and every sentence.

BABE, held out by source article (5 folds): a sentence is predicted biased when one
of its words reaches the threshold of a model fitted on the other folds' sentences
and BASIL (threshold: best F1 on the training sentences). Reported: F1 of the biased
class and macro-F1 (the published anchor, about 0.80, is for fine-tuned transformers).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from _basil import load_basil
from _loaded_data import (
    THRESHOLDS,
    BabeSentence,
    Word,
    babe_examples,
    basil_examples,
    choose_threshold,
    f1,
    fit,
    fit_both,
    sentence_counts,
)
from framing import _annotated, _score, _string_of
from newsprism.pipeline.loaded import MIN_QUOTATION_WORDS, quotations


def _basil(folds: int, cache: Path | None) -> None:
    articles = [a for triplet in load_basil().values() for a in triplet]
    units = basil_examples(articles, cache)
    _, babe_units = babe_examples(cache)
    babe = [w for u in babe_units for w in u]
    gold = [
        {k for s, _ in _annotated(a, "no", "lex") if (k := _string_of(a, s)) is not None}
        for a in articles
    ]
    triplets = sorted({a.triplet for a in articles})
    random.Random(0).shuffle(triplets)
    total = [0, 0, 0]
    words = inside = 0
    chosen = []
    for fold in range(folds):
        held = set(triplets[fold::folds])
        train = [i for i, a in enumerate(articles) if a.triplet not in held]
        test = [i for i, a in enumerate(articles) if a.triplet in held]
        threshold = choose_threshold(
            babe,
            [units[i] for i in train],
            [gold[i] for i in train],
            [articles[i].triplet for i in train],
        )
        chosen.append(threshold)
        model = fit_both(babe, [w for i in train for w in units[i]])
        counts = sentence_counts(
            model, [units[i] for i in test], [gold[i] for i in test], threshold
        )
        total = [a + b for a, b in zip(total, counts, strict=True)]
        for i in test:
            quoted = _annotated(articles[i], "yes") + [
                (s, e) for s, e, n in quotations(articles[i].text) if n >= MIN_QUOTATION_WORDS
            ]
            for w in units[i]:
                if model.probability(w.features) >= threshold:
                    words += 1
                    inside += any(s < w.end and w.start < e for s, e in quoted)
    p, r, f = _score(*total)
    positives = sum(len(g) for g in gold)
    sentences = sum(len(a.strings) for a in articles)
    base = positives / sentences
    print(f"BASIL, {len(articles)} articles, {folds} folds by triplet (thresholds {chosen})")
    print(f"{'system':<26} {'P':>6} {'R':>6} {'F1':>6} {'in quotes':>10}")
    print(
        f"{'learned model, held out':<26} {p:>6.3f} {r:>6.3f} {f:>6.3f} "
        f"{inside / max(words, 1):>9.1%}"
    )
    print(f"{'every sentence':<26} {base:>6.3f} {1:>6.3f} {2 * base / (1 + base):>6.3f}")


def _babe(folds: int, cache: Path | None) -> None:
    articles = [a for triplet in load_basil().values() for a in triplet]
    basil = [w for u in basil_examples(articles, cache) for w in u]
    sentences, units = babe_examples(cache)
    groups = sorted({s.group for s in sentences})
    random.Random(0).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    tp = fp = fn = tn = 0
    for fold in range(folds):
        train = [i for i, s in enumerate(sentences) if fold_of[s.group] != fold]
        test = [i for i, s in enumerate(sentences) if fold_of[s.group] == fold]
        words = [w for i in train for w in units[i]]
        model = fit([*words, *basil])
        threshold = max(THRESHOLDS, key=lambda t: f1(_counts(model, sentences, units, train, t)))
        a, b, c = _counts(model, sentences, units, test, threshold)
        tp, fp, fn = tp + a, fp + b, fn + c
        tn += len(test) - a - b - c
    biased = 2 * tp / (2 * tp + fp + fn)
    unbiased = 2 * tn / (2 * tn + fn + fp)
    share = (tp + fn) / (tp + fp + fn + tn)
    print(f"BABE, {len(sentences)} sentences, {folds} folds by source article")
    print(
        f"learned model, held out: biased F1 {biased:.3f}, macro-F1 {(biased + unbiased) / 2:.3f}"
    )
    print(
        f"always 'biased': biased F1 {2 * share / (1 + share):.3f}, "
        f"macro-F1 {share / (1 + share):.3f}"
    )


def _counts(
    model: object, sentences: list[BabeSentence], units: list[list[Word]], idx: list[int], t: float
) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i in idx:
        said = any(model.probability(w.features) >= t for w in units[i])  # type: ignore[attr-defined]
        truth = sentences[i].biased
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed examples here")
    args = parser.parse_args()
    started = time.perf_counter()
    _basil(args.folds, args.cache)
    _babe(args.folds, args.cache)
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
