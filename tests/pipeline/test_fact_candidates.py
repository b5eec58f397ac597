"""The candidate pairs of a story's claims, bounded per claim (``facts.candidate_pairs``),
and how a join counts the pairs the bound left out."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from newsprism.pipeline import same_fact
from newsprism.pipeline.facts import MAX_CANDIDATES, _supported, candidate_pairs


def _story(articles: int, claims: int, seed: int = 7) -> tuple[list[int], np.ndarray]:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(articles * claims, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return [k for k in range(articles) for _ in range(claims)], vectors


def test_a_small_story_keeps_every_pair_the_rule_proposes() -> None:
    groups, vectors = _story(3, 12)
    pairs, dropped = candidate_pairs(groups, vectors)
    assert dropped is None
    assert pairs == same_fact.candidate_pairs(groups, vectors)


def test_a_large_story_keeps_each_claims_closest_pairs_only() -> None:
    groups, vectors = _story(60, 5)
    proposed = {(i, j) for i, j, _, _ in same_fact.candidate_pairs(groups, vectors)}
    pairs, dropped = candidate_pairs(groups, vectors)
    kept = {(i, j) for i, j, _, _ in pairs}
    assert dropped is not None
    left_out = {(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(dropped)), strict=True)}
    # The bound only takes away, and what it takes away is recorded.
    assert kept <= proposed and kept | left_out == proposed and not kept & left_out
    assert len(kept) <= len(groups) * MAX_CANDIDATES < len(proposed)
    # A kept pair is among the closest MAX_CANDIDATES of one of its claims.
    sims = vectors @ vectors.T
    partners: dict[int, list[int]] = {}
    for i, j in proposed:
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)

    def rank(i: int, j: int) -> int:
        return sum(sims[i, k] > sims[i, j] for k in partners[i])

    assert all(min(rank(i, j), rank(j, i)) < MAX_CANDIDATES for i, j in kept)


def test_a_join_does_not_count_pairs_never_scored_for_the_bound() -> None:
    articles = [SimpleNamespace() for _ in range(4)]
    items = [SimpleNamespace(analysis=a) for a in articles]
    one = {1: {2}, 2: {1}}
    # Groups {0, 1} and {2, 3}: four cross pairs, one alike.
    assert not _supported([0, 1], [2, 3], items, one)  # type: ignore[arg-type]
    dropped = np.zeros((4, 4), dtype=bool)
    for i, j in ((0, 3), (1, 3)):
        dropped[i, j] = dropped[j, i] = True
    # Two pairs left out by the bound: of the two asked about, one alike is too few,
    assert not _supported([0, 1], [2, 3], items, one, dropped)  # type: ignore[arg-type]
    # both alike is enough.
    both = {0: {2}, 1: {2}, 2: {0, 1}}
    assert _supported([0, 1], [2, 3], items, both, dropped)  # type: ignore[arg-type]
    assert not _supported([0, 1], [2, 3], items, both)  # type: ignore[arg-type]
