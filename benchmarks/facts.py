"""Inserted facts: do reworded facts come out corroborated, and changed ones contested,
in real articles? (issue 13)

    .venv/bin/python benchmarks/facts.py [--set fresh|templates] [--cache DIR]
        [--first K] [--triplets N] [--show-misses]

Facts are written into real BASIL articles (read at run time from ../shared/data/basil,
one event told by three outlets per triplet), as a new paragraph after the second
paragraph of the first article and after the third of the second (``--set fresh``
reads the first two outlets' articles, each cut to its headline and first eight
paragraphs, to keep the run short on a shared machine):

- ``single``: into the first article only -> expect ``single-source``;
- ``corroborated``: into the first article, and reworded into the second -> expect
  ``corroborated`` with both insertions in one fact;
- ``contested``: into the first article, and into the second reworded with one thing
  changed (a number, date, person, place, polarity or qualifier) -> expect
  ``contested``.

``--set fresh`` (the default, the figure to report) takes the facts of
``benchmarks/facts_inserted.json``: 30 facts with rewordings written afresh, apart from
the rules and from the templates below, one item per triplet, skipping the twelve
basil-facts triplets the same-fact model is fitted on. ``--set templates`` is the
earlier check: TEMPLATES below, each with its own rewording, filled with the triplet's
main entity, cases ``contested-number``, ``contested-name`` (the first sentence with
one name changed) and ``contested-reworded``; the rules were written against these,
so it measures their fit, not the method.

A check passes when the fact holding the first insertion has the expected status and
holds exactly the expected insertions. Systems, in the same run on the same analyses:
``newsprism`` (the comparison: ``pipeline.facts.group_claims``, then
``pipeline.contested.contest_facts``), ``rules`` (today's rules,
``pipeline.fact_rules.group_by_rules``) and ``fuzzy`` (rapidfuzz token-set ratio >= 70
against every claim of the others; different numbers make it contested). Per-article
analyses are cached in ``--cache`` (by document id and pipeline version).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from _basil import BasilArticle, load_basil
from newsprism.codec import dumps, loads
from newsprism.engines import analyse_documents, pipeline_version
from newsprism.models import Analysis, Claim, Document, Fact
from newsprism.pipeline.contested import contest_facts
from newsprism.pipeline.fact_rules import group_by_rules
from newsprism.pipeline.facts import group_claims
from newsprism.plan import PLAN, combine
from newsprism.settings import Settings

HERE = Path(__file__).resolve().parent
FRESH = HERE / "facts_inserted.json"
BASIL_FACTS = HERE.parents[1] / "shared" / "data" / "basil-facts"

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


def _insert(article: BasilArticle, sentence: str, after: int = 2) -> tuple[str, int, int]:
    """The article text with ``sentence`` as a new paragraph after paragraph ``after``
    (the headline is paragraph 0)."""
    breaks = [m.end() for m in re.finditer(r"\n\n", article.text)]
    at = breaks[after] if len(breaks) > after else len(article.text)
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


def _newsprism(analyses: Sequence[Analysis]) -> tuple[Fact, ...]:
    """The comparison's facts (as ``pipeline.compare`` makes them)."""
    return contest_facts(group_claims(analyses), analyses)


def _rules(analyses: Sequence[Analysis]) -> tuple[Fact, ...]:
    return group_by_rules(analyses)


def _check(
    facts: Sequence[Fact],
    analyses: Sequence[Analysis],
    spans: Sequence[tuple[int, int, int]],
    expected: str,
) -> bool:
    first_article, s0, e0 = spans[0]
    claim = _claim_in(analyses[first_article], s0, e0)
    if claim is None:
        return False
    aid = analyses[first_article].article.id
    fact = next(
        (
            f
            for f in facts
            if any(e.article_id == aid and e.start == claim.start for e in f.evidence)
        ),
        None,
    )
    if fact is None:
        return False
    evidence = [*fact.evidence, *(e for _, side in fact.sides for e in side)]
    wanted = {(analyses[i].article.id, s, e) for i, s, e in spans}
    held = {
        (ev.article_id, s, e)
        for ev in evidence
        for (i, s, e) in spans
        if ev.article_id == analyses[i].article.id and ev.start < e and s < ev.end
    }
    others = [ev for ev in evidence if not any(ev.start < e and s < ev.end for _, s, e in spans)]
    return fact.status == expected and held == wanted and not others


def _show_miss(
    k: int, case: str, analyses: Sequence[Analysis], spans: Sequence[tuple[int, int, int]]
) -> None:
    """Print the facts holding the inserted sentences, for diagnosis."""
    facts = _newsprism(analyses)
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


PARAGRAPHS = 8


def _cut(article: BasilArticle) -> BasilArticle:
    """``article`` with its headline and first :data:`PARAGRAPHS` paragraphs only."""
    return replace(article, text="\n\n".join(article.text.split("\n\n")[: PARAGRAPHS + 1]))


def _fresh_checks(
    articles: Sequence[BasilArticle], item: dict[str, str]
) -> list[tuple[str, str, str | None]]:
    person = next((e for e in articles[0].main_entities if " " in e), "the governor")
    fill = lambda t: t.replace("{P}", person)  # noqa: E731
    return [
        ("single", fill(item["first"]), None),
        ("corroborated", fill(item["first"]), fill(item["reworded"])),
        ("contested", fill(item["first"]), fill(item["contested"])),
    ]


def _template_checks(
    articles: Sequence[BasilArticle], rng: random.Random, k: int
) -> list[tuple[str, str, str | None]]:
    person = next((e for e in articles[0].main_entities if " " in e), "the governor")
    return [(case, *_sentences(case, rng, person, k)) for case in CASES]


EXPECTED_FRESH = {
    "single": "single-source",
    "corroborated": "corroborated",
    "contested": "contested",
}


class _Analyser:
    """Per-article analyses, cached on disk by document id and pipeline version."""

    def __init__(self, settings: Settings, cache: Path | None) -> None:
        self.settings = settings
        self.cache = cache / pipeline_version(settings=settings)[:16] if cache else None
        self.memory: dict[str, Analysis] = {}

    def prefetch(self, documents: Sequence[Document]) -> None:
        """Analyse those of ``documents`` not cached yet, in one batch."""
        missing = list({d.id: d for d in documents if self._get(d.id) is None}.values())
        for a in analyse_documents(missing, settings=self.settings):
            self.memory[a.article.id] = a
            if self.cache:
                self.cache.mkdir(parents=True, exist_ok=True)
                (self.cache / f"{a.article.id}.json").write_text(dumps([a]), encoding="utf-8")

    def __call__(self, documents: Sequence[Document]) -> list[Analysis]:
        """The analyses of one check's articles, entities resolved across them (the
        batch stages but stories: the articles are one story)."""
        self.prefetch(documents)
        per_article = [self._get(d.id) for d in documents]
        stages = tuple(s for s in PLAN if s.name != "stories")
        corpus = combine(
            [a for a in per_article if a is not None], settings=self.settings, plan=stages
        )
        by_id = {a.article.id: a for a in corpus.analyses}
        return [by_id[d.id] for d in documents]

    def _get(self, doc_id: str) -> Analysis | None:
        if doc_id not in self.memory and self.cache:
            path = self.cache / f"{doc_id}.json"
            if path.exists():
                (self.memory[doc_id],) = loads(path.read_text(encoding="utf-8"))
        return self.memory.get(doc_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("fresh", "templates"), default="fresh")
    parser.add_argument("--cache", type=Path, help="folder for per-article analyses")
    parser.add_argument("--triplets", type=int, default=None, help="default: 30 / 24")
    parser.add_argument("--first", type=int, default=0, help="skip the first N triplets")
    parser.add_argument("--show-misses", action="store_true", help="print each failed check")
    args = parser.parse_args()
    settings = Settings(db=":memory:")
    analyser = _Analyser(settings, args.cache)
    rng = random.Random(5)
    systems: dict[str, Callable[[Sequence[Analysis]], tuple[Fact, ...]]] = {
        "newsprism": _newsprism,
        "rules": _rules,
    }
    passed: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    started = time.perf_counter()
    triplets = list(load_basil().items())
    if args.set == "fresh":
        items = json.loads(FRESH.read_text(encoding="utf-8"))["items"]
        fitted = {p.stem.split("_", 1)[1] for p in BASIL_FACTS.glob("*.json")}
        triplets = [t for t in triplets if t[0] not in fitted]
        count = args.triplets or len(items)
        expected = EXPECTED_FRESH
    else:
        count = args.triplets or 24
        expected = EXPECTED
    chosen = triplets[args.first : args.first + count]
    runs = []
    for k, (_, articles) in enumerate(chosen, start=args.first):
        if args.set == "fresh":
            checks = _fresh_checks(articles, items[k % len(items)])
        else:
            checks = _template_checks(articles, rng, k)
        if args.set == "fresh":
            # The first two outlets' articles, each cut to its headline and first
            # PARAGRAPHS paragraphs: a real article around each insertion, at a third of
            # the analysis cost (the shared machine).
            articles = [_cut(a) for a in articles[:2]]
        for case, first, second in checks:
            texts = [a.text for a in articles]
            spans = []
            texts[0], s, e = _insert(articles[0], first)
            spans.append((0, s, e))
            if second is not None:
                texts[1], s, e = _insert(articles[1], second, 3 if args.set == "fresh" else 2)
                spans.append((1, s, e))
            documents = [a.document(t) for a, t in zip(articles, texts, strict=True)]
            runs.append((k, case, documents, spans))
    analyser.prefetch([d for _, _, documents, _ in runs for d in documents])
    for k, case, documents, spans in runs:
        analyses = analyser(documents)
        total[case] += 1
        for name, facts_of in systems.items():
            ok = _check(facts_of(analyses), analyses, spans, expected[case])
            passed[(name, case)] += ok
            if args.show_misses and not ok and name == "newsprism":
                _show_miss(k, case, analyses, spans)
        passed[("fuzzy", case)] += _check_baseline(analyses, spans, expected[case])
    elapsed = time.perf_counter() - started
    names = [*systems, "fuzzy"]
    print(
        f"{sum(total.values())} checks on {len(chosen)} BASIL triplets,"
        f" set {args.set} ({elapsed:.0f}s)"
    )
    print(f"{'case':<20} {'n':>4}" + "".join(f" {n:>10}" for n in names))
    for case in total:
        n = total[case]
        print(f"{case:<20} {n:>4}" + "".join(f" {passed[(w, case)] / n:>10.2f}" for w in names))
    n = sum(total.values())
    shares = [sum(v for (who, _), v in passed.items() if who == w) / n for w in names]
    print(f"{'all':<20} {n:>4}" + "".join(f" {x:>10.2f}" for x in shares))


if __name__ == "__main__":
    main()
