"""Fit the loaded-language word model and write ``src/newsprism/data/loaded_model.tsv``.

    .venv/bin/python benchmarks/loaded_train.py [--cache DIR]

Fitted on every word of BABE (``../shared/data/babe``) and every own-voice word of
BASIL's 210 articles (``../shared/data/basil``); the threshold is the one with the
best sentence F1 on BASIL held out by triplet (3 folds). ``benchmarks/framing_cv.py``
measures the same recipe on triplets it was not fitted on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _basil import load_basil
from _loaded_data import babe_examples, basil_examples, choose_threshold, fit_both
from framing import _annotated, _string_of

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data" / "loaded_model.tsv"
HEADER = """\
# Loaded language: a logistic model of one word being loaded (newsprism.pipeline.loaded).
# Source: fitted by benchmarks/loaded_train.py on BABE (Spinde et al., 2021: the words
# experts marked in 3,674 news sentences; weight 0.1) and BASIL (Fan et al., 2019:
# words of own-voice lexical-bias phrases in 210 articles), ../shared/data. No text of
# either is stored here: only feature names (word:, lemma:, part of speech, neighbour
# words, suffixes; see loaded.word_features) and their weights.
# Format: feature <TAB> weight; __bias__ is the intercept, __threshold__ the
# probability from which a word is reported (best held-out BASIL sentence F1).
# Extend by refitting (add data to benchmarks/_loaded_data.py), not by hand.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed examples here")
    parser.add_argument("--hold-out", nargs="*", default=(), help="triplets to leave out")
    args = parser.parse_args()
    articles = [a for triplet in load_basil().values() for a in triplet]
    units = basil_examples(articles, args.cache)
    _, babe_units = babe_examples(args.cache)
    babe = [w for u in babe_units for w in u]
    gold = [
        {k for s, _ in _annotated(a, "no", "lex") if (k := _string_of(a, s)) is not None}
        for a in articles
    ]
    held = tuple(args.hold_out)
    kept = [i for i, a in enumerate(articles) if not (held and a.triplet.startswith(held))]
    units, gold, articles = (
        [units[i] for i in kept],
        [gold[i] for i in kept],
        [articles[i] for i in kept],
    )
    threshold = choose_threshold(babe, units, gold, [a.triplet for a in articles])
    model = fit_both(babe, [w for u in units for w in u])
    rows = [f"__bias__\t{model.bias}", f"__threshold__\t{threshold}"]
    rows += [f"{name}\t{weight}" for name, weight in sorted(model.weights.items())]
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(model.weights)} features, threshold {threshold} -> {OUT}")


if __name__ == "__main__":
    main()
