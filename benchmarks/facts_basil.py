"""Facts on real stories: the basil-facts triplets, leave one triplet out.

Each triplet's three articles are read as plain text (headline and body, no date; or
``--json``) and analysed as a user's would be. The same-fact model is refitted on MRPC
train and the eleven other triplets (benchmarks/facts_train.py) and groups the held-out
triplet's claims (``newsprism.pipeline.facts.group_claims``). Scores:

* found: a listed fact is found when one of newsprism's facts holds its mentions from
  two or more outlets (a claim holds a mention when they overlap by half the shorter);
* precision: of the pairs of evidence sentences from different outlets inside
  newsprism's multi-outlet facts, the share that hold a mention of one listed fact.

Peers in the same run: today's rules (``pipeline.fact_rules``) and the MiniLM cosine
alone (candidate pairs above a threshold joined, at the threshold best on all twelve:
an optimistic peer). ``--words`` runs the words-only model instead (no embeddings).

    python benchmarks/facts_basil.py --cache ../scratch/facts [--words] [--sweep]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from _basil_facts import Triplet, load_triplets, overlaps
from facts_train import basil_rows, fit, mrpc_rows
from newsprism.models import Evidence, Fact
from newsprism.pipeline import same_fact
from newsprism.pipeline.fact_rules import group_by_rules
from newsprism.pipeline.facts import group_claims


def _held(ev: Evidence, triplet: Triplet) -> set[int]:
    outlet = triplet.outlet_of[ev.article_id]
    return {
        f.id
        for f in triplet.facts
        for o, s, e in f.mentions
        if o == outlet and overlaps(ev.start, ev.end, s, e)
    }


def score(triplet: Triplet, facts: Sequence[Fact]) -> tuple[int, int, int, int]:
    """(listed facts found, listed facts, right cross-outlet pairs, all of them)."""
    found = 0
    holds = [
        [(triplet.outlet_of[e.article_id], _held(e, triplet)) for e in f.evidence] for f in facts
    ]
    for listed in triplet.facts:
        if any(len({o for o, ids in h if listed.id in ids}) >= 2 for h in holds):
            found += 1
    right = total = 0
    for h in holds:
        for x in range(len(h)):
            for y in range(x + 1, len(h)):
                if h[x][0] != h[y][0]:
                    total += 1
                    right += bool(h[x][1] & h[y][1])
    return found, len(triplet.facts), right, total


def cosine_groups(triplet: Triplet, cut: float) -> list[Fact]:
    """The peer: claims joined when their MiniLM cosine is at least ``cut``."""
    analyses = triplet.analyses
    items = [(a, c) for a in analyses for c in a.claims]
    groups = [k for k, a in enumerate(analyses) for _ in a.claims]
    vectors = np.vstack([same_fact.unpack(a.claim_vectors) for a in analyses])
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j, cos, _ in same_fact.candidate_pairs(groups, vectors):
        if cos >= cut:
            parent[find(j)] = find(i)
    members: dict[int, list[Evidence]] = {}
    for n, (a, c) in enumerate(items):
        ev = Evidence(a.article.id, a.article.outlet_name, c.start, c.end, c.text)
        members.setdefault(find(n), []).append(ev)
    return [Fact(str(r), ev[0].text, "single-source", (), tuple(ev)) for r, ev in members.items()]


def _line(name: str, totals: Sequence[int]) -> str:
    found, listed, right, total = totals
    return (
        f"{name:<34} found {found:>3}/{listed} = {found / listed:.2f}   precision "
        f"{right:>3}/{total} = {right / max(1, total):.2f}"
    )


def _add(a: list[int], b: Sequence[int]) -> None:
    for k, v in enumerate(b):
        a[k] += v


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for analyses")
    parser.add_argument("--words", action="store_true", help="the words-only model")
    parser.add_argument("--json", action="store_true", help="read JSON records, not text")
    parser.add_argument("--sweep", action="store_true", help="scores over thresholds")
    args = parser.parse_args()
    triplets = load_triplets(cache=args.cache, form="json" if args.json else "text")
    per = [basil_rows(t, words=args.words) for t in triplets]
    m_rows, m_labels, _ = mrpc_rows("train", words=args.words, cache=args.cache)
    semantic = not args.words
    cuts = (
        [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]
        if args.sweep
        else [same_fact.threshold(semantic=semantic)]
    )
    ours: dict[float, list[int]] = {c: [0, 0, 0, 0] for c in cuts}
    rules = [0, 0, 0, 0]
    for k, triplet in enumerate(triplets):
        rows = m_rows + [r for n, (rs, _, _) in enumerate(per) if n != k for r in rs]
        labels = m_labels + [y for n, (_, ys, _) in enumerate(per) if n != k for y in ys]
        model: Any = fit(rows, labels)
        for c in cuts:
            facts = group_claims(triplet.analyses, model=model, threshold=c, semantic=semantic)
            _add(ours[c], score(triplet, facts))
        _add(rules, score(triplet, group_by_rules(triplet.analyses)))
    print(f"basil-facts, {len(triplets)} triplets, leave one triplet out")
    label = "words-only model" if args.words else "same-fact model"
    for c in cuts:
        print(_line(f"{label} (p >= {c:.2f})", ours[c]))
    print(_line("today's rules", rules))
    if not args.words:
        best: tuple[float, list[int]] | None = None
        for cut in np.arange(0.4, 0.95, 0.05):
            totals = [0, 0, 0, 0]
            for triplet in triplets:
                _add(totals, score(triplet, cosine_groups(triplet, float(cut))))
            f1 = 2 / (totals[1] / max(1, totals[0]) + totals[3] / max(1, totals[2]))
            if best is None or f1 > best[0]:
                best = (f1, [*totals, round(cut * 100)])
        assert best is not None
        print(_line(f"MiniLM cosine >= {best[1][4] / 100:.2f} (best F1)", best[1][:4]))


if __name__ == "__main__":
    main()
