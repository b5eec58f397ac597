"""Why listed basil-facts facts are missed: a breakdown by cause, leave one triplet out.

For each listed fact of each held-out triplet (the same-fact model refitted on MRPC
train and the eleven other triplets, as in ``facts_basil.py``), the first cause that
applies:

* found: one of newsprism's facts holds its mentions from two or more outlets;
* not claims: fewer than two outlets have a claim holding one of its mentions (the
  sentence is a headline or a quote that claim extraction does not take);
* not candidates: no pair of such claims from two outlets is a candidate pair
  (``facts.pair_probabilities``: ``facts.candidate_pairs`` without headlines);
* scored low: the best such candidate pair scores below the threshold;
* not joined: a pair scores above it, but grouping refused to join the two groups
  (``facts.JOIN_SUPPORT``).

It also counts the mentions no claim holds, and how many of them are headlines.
``--show`` lists the facts missed for the last two causes, with the closest pair of
their sentences (cosine, probability) and, for a refused join, the groups' sizes.

    python benchmarks/facts_errors.py --cache ../scratch/facts [--show]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from _basil_facts import Triplet, load_triplets, overlaps
from facts_train import basil_rows, fit, mrpc_rows, story_sentences
from newsprism.models import Claim
from newsprism.pipeline import same_fact
from newsprism.pipeline.facts import group_claims, pair_probabilities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for analyses")
    parser.add_argument("--show", action="store_true", help="list the missed facts")
    args = parser.parse_args()
    triplets = load_triplets(cache=args.cache)
    per = [basil_rows(t, words=False) for t in triplets]
    m_rows, m_labels, _ = mrpc_rows("train", words=False, cache=args.cache)
    cut = same_fact.threshold(semantic=True)
    causes: Counter[str] = Counter()
    mentions = unheld = headlines = 0
    for k, triplet in enumerate(triplets):
        rows = m_rows + [r for n, (rs, _, _) in enumerate(per) if n != k for r in rs]
        labels = m_labels + [y for n, (_, ys, _) in enumerate(per) if n != k for y in ys]
        model = fit(rows, labels)
        _, _, claims = story_sentences(triplet)
        vectors = np.vstack([same_fact.unpack(a.claim_vectors) for a in triplet.analyses])
        # The pairs and probabilities the grouping reads (headlines are joined to the
        # sentence of their own body they restate, never paired across articles).
        found = pair_probabilities(triplet.analyses, model=model, semantic=True)
        scored = found.probs
        facts = group_claims(triplet.analyses, threshold=cut, scored=found)
        fact_of = {(e.article_id, e.start): n for n, f in enumerate(facts) for e in f.evidence}
        for listed in triplet.facts:
            holders: dict[str, set[int]] = {}
            for outlet, s, e in listed.mentions:
                mentions += 1
                held = [
                    n
                    for n, (a, c) in enumerate(claims)
                    if triplet.outlet_of[triplet.analyses[a].article.id] == outlet
                    and overlaps(c.start, c.end, s, e)
                ]
                holders.setdefault(outlet, set()).update(held)
                if not held:
                    unheld += 1
                    article = next(
                        x for x in triplet.analyses if triplet.outlet_of[x.article.id] == outlet
                    )
                    headlines += s < len(article.article.title or "") + 2
            holders = {o: h for o, h in holders.items() if h}
            cause = _cause(holders, claims, triplet, scored, fact_of, cut)
            causes[cause] += 1
            if args.show and cause in {"not candidates", "not joined"}:
                _show(
                    cause,
                    triplet.name,
                    listed.id,
                    holders,
                    claims,
                    vectors,
                    scored,
                    fact_of,
                    facts,
                    triplet,
                )
    total = sum(causes.values())
    print(f"basil-facts, {len(triplets)} triplets, leave one triplet out, p >= {cut:.2f}")
    for cause in ("found", "not claims", "not candidates", "scored low", "not joined"):
        print(f"{cause:<15} {causes[cause]:>4}/{total} = {causes[cause] / total:.2f}")
    print(f"mentions no claim holds: {unheld}/{mentions} ({headlines} of them headlines)")


def _show(
    cause: str,
    name: str,
    fact_id: int,
    holders: dict[str, set[int]],
    claims: list[tuple[int, Claim]],
    vectors: np.ndarray,
    scored: dict[tuple[int, int], float],
    fact_of: dict[tuple[str, int], int],
    facts: tuple,
    triplet: Triplet,
) -> None:
    """One missed fact: its closest cross-outlet pair of sentences."""
    cross = [
        (min(i, j), max(i, j))
        for x in holders
        for y in holders
        if x < y
        for i in holders[x]
        for j in holders[y]
    ]
    i, j = max(cross, key=lambda p: (scored.get(p, -1.0), float(vectors[p[0]] @ vectors[p[1]])))
    sizes = []
    for n in (i, j):
        a, claim = claims[n]
        sizes.append(len(facts[fact_of[(triplet.analyses[a].article.id, claim.start)]].evidence))
    print(
        f"{cause} {name[:9]} fact {fact_id}: cos {float(vectors[i] @ vectors[j]):.2f} "
        f"p {scored.get((i, j), float('nan')):.2f} groups {sizes[0]}+{sizes[1]}\n"
        f"    {claims[i][1].text[:150]}\n    {claims[j][1].text[:150]}"
    )


def _cause(
    holders: dict[str, set[int]],
    claims: list[tuple[int, Claim]],
    triplet: Triplet,
    scored: dict[tuple[int, int], float],
    fact_of: dict[tuple[str, int], int],
    cut: float,
) -> str:
    """The first cause of :data:`__doc__` that applies to one listed fact, whose
    mentions are held by the claims ``holders`` (indices into ``claims``, by outlet)."""
    if len(holders) < 2:
        return "not claims"
    outlets_by_fact: dict[int, set[str]] = {}
    for outlet, held in holders.items():
        for n in held:
            a, claim = claims[n]
            key = (triplet.analyses[a].article.id, claim.start)
            outlets_by_fact.setdefault(fact_of[key], set()).add(outlet)
    if any(len(o) >= 2 for o in outlets_by_fact.values()):
        return "found"
    cross = [
        (min(i, j), max(i, j))
        for x in holders
        for y in holders
        if x < y
        for i in holders[x]
        for j in holders[y]
    ]
    candidates = [scored[p] for p in cross if p in scored]
    if not candidates:
        return "not candidates"
    return "scored low" if max(candidates) < cut else "not joined"


if __name__ == "__main__":
    main()
