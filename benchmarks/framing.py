"""Own-voice loaded language against BASIL's lexical-bias annotations.

    .venv/bin/python benchmarks/framing.py [--articles N]

Gold: a body sentence (one BASIL string) is positive when it holds a phrase annotated
``bias == "lex"`` and ``quote == "no"`` (the outlet's own loaded words). Predicted: a
sentence holding a loaded term that newsprism puts in the outlet's voice.
Reported per system: sentence-level precision, recall, F1, and the share of predicted
spans sitting in someone else's words -- inside a quotation of four or more words, or
overlapping a phrase annotated ``quote == "yes"`` (must stay under 2%).

Systems, all measured in this run:
- ``newsprism``: :func:`newsprism.pipeline.loaded.extract_loaded_language`, voice
  ``outlet`` only (scare quotes count as the outlet's);
- ``lexicon, any voice``: the same lexicon hits whatever their voice (what the voice
  split buys);
- ``every sentence``: all sentences positive (the base rate).
"""

from __future__ import annotations

import argparse
import bisect
import time
from collections.abc import Iterable

from _basil import BasilArticle, load_basil
from newsprism.api import analyse
from newsprism.models import Analysis
from newsprism.pipeline.loaded import MIN_QUOTATION_WORDS, quotations
from newsprism.settings import Settings


def _string_of(article: BasilArticle, offset: int) -> int | None:
    i = bisect.bisect_right(article.offsets, offset) - 1
    if i < 0 or offset >= article.offsets[i] + len(article.strings[i]):
        return None
    return i


def _annotated(article: BasilArticle, quote: str, bias: str | None = None) -> list[tuple[int, int]]:
    spans = []
    for a in article.annotations:
        ident = str(a.get("id", ""))
        if not ident.startswith("p") or a.get("quote") != quote:
            continue
        if bias is not None and a.get("bias") != bias:
            continue
        k = int(ident[1:])
        if k < len(article.offsets):
            start = article.offsets[k] + int(a["start"])
            spans.append((start, article.offsets[k] + int(a["end"])))
    return spans


def _score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _evaluate(
    pairs: Iterable[tuple[BasilArticle, list[tuple[int, int]]]],
) -> tuple[tuple[float, float, float], float, int]:
    tp = fp = fn = spans = inside = 0
    for article, predicted in pairs:
        gold = {_string_of(article, s) for s, _ in _annotated(article, "no", "lex")} - {None}
        quoted = _annotated(article, "yes")
        long_quotes = [(s, e) for s, e, n in quotations(article.text) if n >= MIN_QUOTATION_WORDS]
        found = set()
        for start, end in predicted:
            k = _string_of(article, start)
            if k is None:
                continue  # the headline: not annotated at sentence level here
            found.add(k)
            spans += 1
            in_long = any(s <= start and end <= e for s, e in long_quotes)
            if in_long or any(s < end and start < e for s, e in quoted):
                inside += 1
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    return _score(tp, fp, fn), (inside / spans if spans else 0.0), spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    args = parser.parse_args()
    articles = [a for triplet in load_basil().values() for a in triplet]
    if args.articles:
        articles = articles[: args.articles]
    started = time.perf_counter()
    documents = [a.document() for a in articles]
    corpus = analyse(documents, settings=Settings(db=":memory:"))
    by_id: dict[str, Analysis] = {a.article.id: a for a in corpus.analyses}
    analyses = [by_id[d.id] for d in documents]
    elapsed = time.perf_counter() - started

    def spans(outlet_only: bool) -> list[tuple[BasilArticle, list[tuple[int, int]]]]:
        return [
            (
                article,
                [
                    (t.start, t.end)
                    for t in analysis.loaded_language
                    if t.voice == "outlet" or not outlet_only
                ],
            )
            for article, analysis in zip(articles, analyses, strict=True)
        ]

    every = [
        (a, [(o, o + len(s)) for o, s in zip(a.offsets, a.strings, strict=True)]) for a in articles
    ]
    sentences = sum(len(a.strings) for a in articles)
    print(f"{len(articles)} BASIL articles, {sentences} sentences ({elapsed:.0f}s)")
    print(f"{'system':<22} {'P':>6} {'R':>6} {'F1':>6} {'spans':>6} {'in quotes':>10}")
    for name, pairs in (
        ("newsprism", spans(True)),
        ("lexicon, any voice", spans(False)),
        ("every sentence", every),
    ):
        (p, r, f), share, n = _evaluate(pairs)
        print(f"{name:<22} {p:>6.3f} {r:>6.3f} {f:>6.3f} {n:>6} {share:>9.1%}")


if __name__ == "__main__":
    main()
