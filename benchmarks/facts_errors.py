"""Why listed basil-facts facts are missed: a breakdown by cause, leave one triplet out.

For each listed fact of each held-out triplet (the same-fact model refitted on MRPC
train and the eleven other triplets, as in ``facts_basil.py``), the first cause that
applies:

* found: one of newsprism's facts holds its mentions from two or more outlets;
* not claims: fewer than two outlets have a claim holding one of its mentions (the
  sentence is a headline or a quote that claim extraction does not take);
* not candidates: no pair of such claims from two outlets is a candidate pair
  (``same_fact.candidate_pairs``);
* scored low: the best such candidate pair scores below the threshold;
* not joined: a pair scores above it, but grouping refused to join the two groups
  (``facts.JOIN_SUPPORT``).

It also counts the mentions no claim holds, and how many of them are headlines.

    python benchmarks/facts_errors.py --cache ../scratch/facts
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
from newsprism.pipeline.facts import group_claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for analyses")
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
        sentences, groups, claims = story_sentences(triplet)
        vectors = np.vstack([same_fact.unpack(a.claim_vectors) for a in triplet.analyses])
        pairs = same_fact.candidate_pairs(groups, vectors)
        features = [
            same_fact.pair_features(sentences[i], sentences[j], c, r) for i, j, c, r in pairs
        ]
        scores = model.predict(np.asarray(features, dtype=np.float64)) if pairs else []
        scored = {(i, j): float(p) for (i, j, _, _), p in zip(pairs, scores, strict=True)}
        facts = group_claims(triplet.analyses, model=model, threshold=cut, semantic=True)
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
            causes[_cause(holders, claims, triplet, scored, fact_of, cut)] += 1
    total = sum(causes.values())
    print(f"basil-facts, {len(triplets)} triplets, leave one triplet out, p >= {cut:.2f}")
    for cause in ("found", "not claims", "not candidates", "scored low", "not joined"):
        print(f"{cause:<15} {causes[cause]:>4}/{total} = {causes[cause] / total:.2f}")
    print(f"mentions no claim holds: {unheld}/{mentions} ({headlines} of them headlines)")


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
