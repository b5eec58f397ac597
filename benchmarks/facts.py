"""Fact status on synthetic checks built from real BASIL triplets.

    .venv/bin/python benchmarks/facts.py [--first K] [--triplets N] [--show-misses]

For each of N triplets from the K-th (default the first 24; each is one event told
by three outlets) a fact sentence is inserted as a new paragraph after the second paragraph:

- ``single``: into the first article only -> expect ``single-source``;
- ``corroborated``: into the first article, and reworded into the second -> expect
  ``corroborated`` with both insertions in one fact;
- ``contested-number`` / ``contested-name``: into the first article, and into the
  second with its number (or a name) changed -> expect ``contested``;
- ``contested-reworded``: as above but the second is also reworded.

The fact sentences come from TEMPLATES below (written for this benchmark, each with a
rewording), filled with the triplet's own main entity so that the real articles share
it: a shared entity alone must not merge facts. A check passes when the fact holding
the first insertion has the expected status and holds exactly the expected
insertions. ``baseline`` is the same check with a plain fuzzy matcher (rapidfuzz
token-set ratio >= 70 on the raw sentences; different numbers make it contested).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from _basil import BasilArticle, load_basil
from newsprism.api import analyse
from newsprism.models import Analysis, Claim
from newsprism.pipeline.facts import group_claims
from newsprism.settings import Settings

# (sentence, rewording). {P} a person, {L} a place, {N} a number.
TEMPLATES = (
    (
        "{P} announced on Tuesday that {N} new inspectors would be hired by the state agency.",
        "The state agency will hire {N} new inspectors, {P} said on Tuesday.",
    ),
    (
        "A fire at a warehouse in {L} destroyed {N} homes, local officials said.",
        "Local officials said {N} homes were destroyed when a warehouse in {L} caught fire.",
    ),
    (
        "{P} donated ${N} million to a children's hospital in {L}.",
        "A children's hospital in {L} received a ${N} million donation from {P}.",
    ),
    (
        "Police in {L} arrested {N} protesters outside the courthouse on Sunday.",
        "On Sunday, {N} protesters were detained by police outside the courthouse in {L}.",
    ),
    (
        "{P} met with {N} union leaders at a hotel in {L} to discuss pensions.",
        "At a hotel in {L}, {P} held talks with {N} union leaders about pensions.",
    ),
    (
        "The storm knocked out power to {N} households across {L}, the utility reported.",
        "The utility said {N} households in {L} lost power because of the storm.",
    ),
    (
        "{P} resigned from the board of the museum after {N} years.",
        "After {N} years on its board, {P} stepped down from the museum.",
    ),
    (
        "The school district in {L} cut {N} teaching jobs to close its budget gap.",
        "To close a budget gap, the {L} school district eliminated {N} teaching positions.",
    ),
    (
        "A bus crash near {L} killed {N} passengers on Friday, the police said.",
        "The police said {N} passengers died on Friday when a bus crashed near {L}.",
    ),
    (
        "{P} signed a bill raising the minimum wage in {L} to ${N} an hour.",
        "The minimum wage in {L} will rise to ${N} an hour under a bill signed by {P}.",
    ),
    (
        "The company will build a factory in {L} that employs {N} workers, {P} said.",
        "{P} said the company plans to open a factory employing {N} workers in {L}.",
    ),
    (
        "{P} raised ${N} million for the campaign in the last quarter, aides said.",
        "Aides said the campaign of {P} brought in ${N} million during the last quarter.",
    ),
)
PLACES = ("Dayton", "Tucson", "Albany", "Boise", "Spokane", "Savannah", "Duluth", "Fresno")
OTHER_PEOPLE = ("Maria Delgado", "Thomas Whitfield", "Karen Oduya", "Peter Lindqvist")
CASES = ("single", "corroborated", "contested-number", "contested-name", "contested-reworded")
EXPECTED = {
    "single": "single-source",
    "corroborated": "corroborated",
    "contested-number": "contested",
    "contested-name": "contested",
    "contested-reworded": "contested",
}


def _fill(template: str, person: str, place: str, number: int) -> str:
    return template.replace("{P}", person).replace("{L}", place).replace("{N}", f"{number:,}")


def _insert(article: BasilArticle, sentence: str) -> tuple[str, int, int]:
    """The article text with ``sentence`` as a new paragraph after the second one."""
    breaks = [m.end() for m in re.finditer(r"\n\n", article.text)]
    at = breaks[2] if len(breaks) > 2 else len(article.text)
    text = article.text[:at] + sentence + "\n\n" + article.text[at:]
    return text, at, at + len(sentence)


def _sentences(case: str, rng: random.Random, person: str, k: int) -> tuple[str, str | None]:
    first, reworded = TEMPLATES[k % len(TEMPLATES)]
    place = PLACES[k % len(PLACES)]
    number = rng.choice((12, 35, 48, 140, 260, 1200, 3400))
    a = _fill(first, person, place, number)
    if case == "single":
        return a, None
    if case == "corroborated":
        return a, _fill(reworded, person, place, number)
    changed = number * 3 + 7
    if case == "contested-number":
        return a, _fill(first, person, place, changed)
    if case == "contested-name":
        if "{P}" in first:
            return a, _fill(first, OTHER_PEOPLE[k % len(OTHER_PEOPLE)], place, number)
        return a, _fill(first, person, PLACES[(k + 3) % len(PLACES)], number)
    return a, _fill(reworded, person, place, changed)


def _claim_in(analysis: Analysis, start: int, end: int) -> Claim | None:
    best = [c for c in analysis.claims if c.start < end and start < c.end]
    return max(best, key=lambda c: min(c.end, end) - max(c.start, start)) if best else None


def _check_newsprism(
    analyses: Sequence[Analysis], spans: Sequence[tuple[int, int, int]], expected: str
) -> bool:
    facts = group_claims(analyses)
    first_article, s0, e0 = spans[0]
    claim = _claim_in(analyses[first_article], s0, e0)
    if claim is None:
        return False
    aid = analyses[first_article].article.id
    fact = next(
        f for f in facts if any(e.article_id == aid and e.start == claim.start for e in f.evidence)
    )
    wanted = {(analyses[i].article.id, s, e) for i, s, e in spans}
    held = {
        (ev.article_id, s, e)
        for ev in fact.evidence
        for (i, s, e) in spans
        if ev.article_id == analyses[i].article.id and ev.start < e and s < ev.end
    }
    others = [
        ev for ev in fact.evidence if not any(ev.start < e and s < ev.end for _, s, e in spans)
    ]
    return fact.status == expected and held == wanted and not others


def _show_miss(
    k: int, case: str, analyses: Sequence[Analysis], spans: Sequence[tuple[int, int, int]]
) -> None:
    """Print the facts holding the inserted sentences, for diagnosis."""
    facts = group_claims(analyses)
    print(f"MISS triplet {k} {case}")
    for i, s, e in spans:
        aid = analyses[i].article.id
        claim = _claim_in(analyses[i], s, e)
        print(f"  inserted {i}: {analyses[i].article.text[s:e]!r}")
        print(f"  claim: {claim}")
        for f in facts:
            if any(ev.article_id == aid and ev.start < e and s < ev.end for ev in f.evidence):
                print(f"  fact {f.status} {f.differs_in} {[ev.text[:90] for ev in f.evidence]}")


def _check_baseline(
    analyses: Sequence[Analysis], spans: Sequence[tuple[int, int, int]], expected: str
) -> bool:
    """Fuzzy matching of the inserted sentence against every claim of the others."""
    i0, s0, e0 = spans[0]
    text = analyses[i0].article.text[s0:e0]
    matches = []
    for j, analysis in enumerate(analyses):
        if j == i0:
            continue
        for c in analysis.claims:
            if fuzz.token_set_ratio(text, c.text) >= 70:
                matches.append((j, c))
    if not matches:
        status = "single-source"
    else:
        numbers = set(re.findall(r"\d[\d,]*", text))
        differs = any(set(re.findall(r"\d[\d,]*", c.text)) != numbers for _, c in matches)
        status = "contested" if differs else "corroborated"
    wanted = {i for i, _, _ in spans[1:]}
    got = {j for j, c in matches}
    return status == expected and got == wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triplets", type=int, default=24)
    parser.add_argument("--first", type=int, default=0, help="skip the first N triplets")
    parser.add_argument("--show-misses", action="store_true", help="print each failed check")
    args = parser.parse_args()
    settings = Settings(db=":memory:")
    rng = random.Random(5)
    passed: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    started = time.perf_counter()
    chosen = list(load_basil().items())[args.first : args.first + args.triplets]
    for k, (_, articles) in enumerate(chosen, start=args.first):
        person = next((e for e in articles[0].main_entities if " " in e), "the governor")
        for case in CASES:
            first, second = _sentences(case, rng, person, k)
            texts = [a.text for a in articles]
            spans = []
            texts[0], s, e = _insert(articles[0], first)
            spans.append((0, s, e))
            if second is not None:
                texts[1], s, e = _insert(articles[1], second)
                spans.append((1, s, e))
            documents = [a.document(t) for a, t in zip(articles, texts, strict=True)]
            corpus = analyse(documents, settings=settings)
            by_id = {a.article.id: a for a in corpus.analyses}
            analyses = [by_id[d.id] for d in documents]
            total[case] += 1
            ok = _check_newsprism(analyses, spans, EXPECTED[case])
            passed[("newsprism", case)] += ok
            if args.show_misses and not ok:
                _show_miss(k, case, analyses, spans)
            passed[("baseline", case)] += _check_baseline(analyses, spans, EXPECTED[case])
    elapsed = time.perf_counter() - started
    print(f"{sum(total.values())} checks on {args.triplets} BASIL triplets ({elapsed:.0f}s)")
    print(f"{'case':<20} {'n':>4} {'newsprism':>10} {'baseline':>10}")
    for case in CASES:
        n = total[case]
        print(
            f"{case:<20} {n:>4} {passed[('newsprism', case)] / n:>10.2f}"
            f" {passed[('baseline', case)] / n:>10.2f}"
        )
    n = sum(total.values())
    ours = sum(v for (who, _), v in passed.items() if who == "newsprism") / n
    base = sum(v for (who, _), v in passed.items() if who == "baseline") / n
    print(f"{'all':<20} {n:>4} {ours:>10.2f} {base:>10.2f}")


if __name__ == "__main__":
    main()
