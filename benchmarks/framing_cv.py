"""Which word groups the loaded-language lexicon should hold, cross-validated on BASIL.

    .venv/bin/python benchmarks/framing_cv.py [--repeats 10] [--folds 5]

``data/loaded_words.tsv`` was written from general bias vocabularies; some of its word
groups were kept or left out by their effect on BASIL (the verbs of saying that judge
the speaker were kept; Wikipedia's "said" synonyms, puffery, editorialising adverbs,
doubt words and contentious labels were not). This script measures that choice
honestly: in each fold the groups are chosen greedily (each added while it raises F1)
on the training triplets only, and the held-out triplets are scored with the chosen
lexicon. Scores are the sentence-level own-voice P/R/F1 of ``benchmarks/framing.py``,
summed over the held-out folds of every repeat (folds split by triplet, so no event is
both trained and tested on).

Candidate groups are listed below: ``speech`` is the group the lexicon holds (without
"allege", which news style prescribes for unproven accusations); the others come from
Wikipedia's Manual of Style, "Words to watch", each adding the words the lexicon
lacks. The base is the lexicon without ``speech``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterable, Sequence

from _basil import BasilArticle, load_basil
from framing import _annotated, _score, _string_of
from newsprism.api import analyse
from newsprism.data import data_table
from newsprism.models import Analysis
from newsprism.pipeline import annotate as annotation
from newsprism.pipeline.loaded import extract_loaded_language
from newsprism.settings import Settings


def _inflect(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb == "admit":
        return ["admit", "admits", "admitted", "admitting"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


def _words(text: str) -> list[str]:
    return text.split()


def _verbs(words: str) -> list[str]:
    return [form for verb in words.split() for form in _inflect(verb)]


GROUPS: dict[str, tuple[str, list[str]]] = {
    "speech": (
        "loaded-verb",
        _verbs(
            "claim insist admit concede confess complain grumble lament bristle vow assail "
            "hail demand threaten"
        ),
    ),
    "said-synonyms": (
        "loaded-verb",
        _verbs("reveal clarify expose explain note observe speculate surmise assert deny"),
    ),
    "puffery": (
        "intensifier",
        _words(
            "legendary great acclaimed iconic visionary outstanding leading celebrated popular "
            "award-winning landmark cutting-edge innovative revolutionary extraordinary brilliant "
            "famous renowned remarkable prestigious world-class respected notable virtuoso "
            "honorable awesome unique pioneering phenomenal prominent"
        ),
    ),
    "editorialising": (
        "intensifier",
        _words(
            "notably interestingly essentially actually clearly fortunately happily "
            "unfortunately tragically untimely"
        ),
    ),
    "doubt": (
        "intensifier",
        _words(
            "supposed supposedly apparent apparently purported purportedly alleged allegedly "
            "so-called"
        ),
    ),
    "labels": (
        "label",
        _words(
            "cult racist perverted sect fundamentalist heretic extremist denialist terrorist "
            "bigot myth"
        ),
    ),
}

Hits = list[list[tuple[int, str]]]  # per article: (sentence, word or "<scare>")


def _hits(articles: Sequence[BasilArticle], analyses: Sequence[Analysis]) -> Hits:
    """Each article's own-voice hits of the base lexicon and every candidate group."""
    lexicon = {w.lower(): c for w, c in data_table("loaded_words.tsv")}
    for category, words in GROUPS.values():
        for word in words:
            lexicon.setdefault(word, category)
    nlp = annotation.load_pipeline(Settings(db=":memory:").spacy_model)
    docs = annotation.annotate([a.article for a in analyses], nlp=nlp)
    found = []
    for article, analysis, doc in zip(articles, analyses, docs, strict=True):
        terms = extract_loaded_language(
            analysis.article, doc, quotes=analysis.quotes, lexicon=lexicon
        )
        hits = []
        for t in terms:
            k = _string_of(article, t.start)
            if t.voice == "outlet" and k is not None:
                word = "<scare>" if t.is_scare_quote else " ".join(t.text.lower().split())
                hits.append((k, word))
        found.append(hits)
    return found


def _counts(
    idx: Iterable[int], hits: Hits, gold: Sequence[set[int]], allowed: set[str]
) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i in idx:
        found = {k for k, w in hits[i] if w == "<scare>" or w in allowed}
        tp += len(found & gold[i])
        fp += len(found - gold[i])
        fn += len(gold[i] - found)
    return tp, fp, fn


def _f1(counts: tuple[int, int, int]) -> float:
    return _score(*counts)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    articles = [a for triplet in load_basil().values() for a in triplet]
    documents = [a.document() for a in articles]
    corpus = analyse(documents, settings=Settings(db=":memory:"))
    by_id = {a.article.id: a for a in corpus.analyses}
    hits = _hits(articles, [by_id[d.id] for d in documents])
    gold = [
        {k for s, _ in _annotated(a, "no", "lex") if (k := _string_of(a, s)) is not None}
        for a in articles
    ]
    shipped = {w.lower() for w, _ in data_table("loaded_words.tsv")}
    base = shipped - set(GROUPS["speech"][1])
    # A group adds what the lexicon lacks; its words already there stay in the base.
    groups = {
        name: set(words) if name == "speech" else set(words) - shipped
        for name, (_, words) in GROUPS.items()
    }

    def lexicon(chosen: Iterable[str]) -> set[str]:
        return base.union(*(groups[g] for g in chosen))

    def choose(idx: Sequence[int]) -> list[str]:
        chosen: list[str] = []
        best = _f1(_counts(idx, hits, gold, lexicon(chosen)))
        while True:
            scored = [
                (_f1(_counts(idx, hits, gold, lexicon([*chosen, g]))), g)
                for g in groups
                if g not in chosen
            ]
            if not scored or max(scored)[0] <= best:
                return chosen
            best, pick = max(scored)
            chosen.append(pick)

    everything = range(len(articles))
    print(f"{len(articles)} BASIL articles ({time.perf_counter() - started:.0f}s)")
    print(f"{'lexicon (all triplets)':<28} {'P':>6} {'R':>6} {'F1':>6}")
    for name, chosen in (("base", []), *((f"base + {g}", [g]) for g in groups)):
        p, r, f = _score(*_counts(everything, hits, gold, lexicon(chosen)))
        print(f"{name:<28} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    triplets = sorted({a.triplet for a in articles})
    total = [0, 0, 0]
    picks: dict[str, int] = dict.fromkeys(groups, 0)
    for repeat in range(args.repeats):
        order = triplets[:]
        random.Random(repeat).shuffle(order)
        for fold in range(args.folds):
            held = set(order[fold :: args.folds])
            train = [i for i, a in enumerate(articles) if a.triplet not in held]
            test = [i for i, a in enumerate(articles) if a.triplet in held]
            chosen = choose(train)
            for g in chosen:
                picks[g] += 1
            for j, c in enumerate(_counts(test, hits, gold, lexicon(chosen))):
                total[j] += c
    p, r, f = _score(*total)
    runs = args.repeats * args.folds
    print(f"groups chosen on training folds, held-out: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print("times chosen in", runs, "folds:", ", ".join(f"{g} {n}" for g, n in picks.items()))
    print(f"chosen on all triplets: {', '.join(choose(list(everything))) or 'none'}")


if __name__ == "__main__":
    main()
