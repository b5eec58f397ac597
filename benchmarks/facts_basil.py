"""Facts on real stories: the basil-facts triplets, leave one triplet out.

Each triplet's three articles are read as plain text (headline and body, no date; or
``--json``) and analysed as a user's would be. The same-fact model is refitted on MRPC
train and the eleven other triplets (benchmarks/facts_train.py) and groups the held-out
triplet's claims (``newsprism.pipeline.facts.group_claims``). Scores:

* found: a listed fact is found when one of newsprism's facts holds its mentions from
  two or more outlets (a claim holds a mention when they overlap by half the shorter);
* precision: of the pairs of evidence sentences from different outlets inside
  newsprism's multi-outlet facts, the share that hold a mention of one listed fact.

The model is scored at the shipped threshold (``data/same_fact.tsv``) and at each
fold's own threshold: the one of best F1 (found, precision) on the eleven other
triplets, each grouped by a model fitted without it (three inner folds), so that no
choice is made on the triplet it is scored on. Peers in the same run: today's rules
(``pipeline.fact_rules``) and the MiniLM cosine alone (candidate pairs above a
threshold joined, at the threshold best on all twelve: an optimistic peer).
``--words`` runs the words-only model instead (no embeddings).

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
from newsprism.pipeline.facts import group_claims, pair_probabilities


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
        f"{name:<48} found {found:>3}/{listed} = {found / listed:.2f}   precision "
        f"{right:>3}/{total} = {right / max(1, total):.2f}"
    )


def _add(a: list[int], b: Sequence[int]) -> None:
    for k, v in enumerate(b):
        a[k] += v


def _f1(totals: Sequence[int]) -> float:
    found = totals[0] / max(1, totals[1])
    precision = totals[2] / max(1, totals[3])
    return 2 * found * precision / (found + precision) if found and precision else 0.0


# The thresholds a fold may choose from, and how many inner folds choose it.
CUTS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
INNER = 3


class Fold:
    """Fits and scores of one run: the MRPC rows and every triplet's candidate rows."""

    def __init__(self, triplets: Sequence[Triplet], per: Sequence[Any], m_rows: Any, m_labels: Any):
        self.triplets = triplets
        self.per = per
        self.m_rows = m_rows
        self.m_labels = m_labels

    def model(self, train: Sequence[int]) -> Any:
        """The same-fact model fitted on MRPC train and the triplets ``train``."""
        rows = self.m_rows + [r for n in train for r in self.per[n][0]]
        labels = self.m_labels + [y for n in train for y in self.per[n][1]]
        return fit(rows, labels)

    def totals(
        self, n: int, model: Any, cuts: Sequence[float], *, semantic: bool
    ) -> list[list[int]]:
        """Scores of triplet ``n`` grouped by ``model`` at each of ``cuts``."""
        analyses = self.triplets[n].analyses
        scored = pair_probabilities(analyses, model=model, semantic=semantic)
        out = []
        for c in cuts:
            facts = group_claims(analyses, threshold=c, scored=scored)
            out.append(list(score(self.triplets[n], facts)))
        return out

    def chosen_cut(self, k: int, *, semantic: bool) -> float:
        """The threshold of best F1 (found, precision) over the triplets other than
        ``k``, each scored by a model fitted without it (and without ``k``)."""
        others = [n for n in range(len(self.triplets)) if n != k]
        sums = [[0, 0, 0, 0] for _ in CUTS]
        for g in range(INNER):
            held = others[g::INNER]
            model = self.model([n for n in others if n not in held])
            for n in held:
                for total, t in zip(
                    sums, self.totals(n, model, CUTS, semantic=semantic), strict=True
                ):
                    _add(total, t)
        return max(zip(CUTS, sums, strict=True), key=lambda cs: _f1(cs[1]))[0]


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
    run = Fold(triplets, per, m_rows, m_labels)
    shipped = same_fact.threshold(semantic=semantic)
    chosen = [0, 0, 0, 0]
    fixed = [0, 0, 0, 0]
    fold_cuts: list[float] = []
    sweep = [[0, 0, 0, 0] for _ in CUTS]
    rules = [0, 0, 0, 0]
    for k, triplet in enumerate(triplets):
        cut = run.chosen_cut(k, semantic=semantic)
        fold_cuts.append(cut)
        model = run.model([n for n in range(len(triplets)) if n != k])
        cuts = sorted({cut, shipped, *(CUTS if args.sweep else ())})
        by_cut = dict(zip(cuts, run.totals(k, model, cuts, semantic=semantic), strict=True))
        _add(chosen, by_cut[cut])
        _add(fixed, by_cut[shipped])
        if args.sweep:
            for total, c in zip(sweep, CUTS, strict=True):
                _add(total, by_cut[c])
        _add(rules, score(triplet, group_by_rules(triplet.analyses)))
    print(f"basil-facts, {len(triplets)} triplets, leave one triplet out")
    label = "words-only model" if args.words else "same-fact model, MiniLM"
    print(
        _line(f"{label} (each fold's cut)", chosen)
        + f"   cuts {', '.join(f'{c:.2f}' for c in fold_cuts)}"
    )
    print(_line(f"{label} (shipped p >= {shipped:.2f})", fixed))
    if args.sweep:
        for total, c in zip(sweep, CUTS, strict=True):
            print(_line(f"  {label} p >= {c:.2f}", total))
    print(_line("today's rules", rules))
    if not args.words:
        best: tuple[float, list[int]] | None = None
        for cut in np.arange(0.4, 0.95, 0.05):
            totals = [0, 0, 0, 0]
            for triplet in triplets:
                _add(totals, score(triplet, cosine_groups(triplet, float(cut))))
            f1 = _f1(totals)
            if best is None or f1 > best[0]:
                best = (f1, [*totals, round(cut * 100)])
        assert best is not None
        print(_line(f"MiniLM cosine >= {best[1][4] / 100:.2f} (best F1)", best[1][:4]))


if __name__ == "__main__":
    main()
