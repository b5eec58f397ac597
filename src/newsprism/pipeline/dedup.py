"""Duplicates: exact and near-duplicate articles (wire copies, re-publications).

Each article body is cut into word shingles (``SHINGLE`` consecutive lower-cased
words; the headline is left out, so a copy under a new headline still matches). A
datasketch ``MinHash`` of the shingles goes into a ``MinHashLSH`` index that proposes
candidate pairs; a candidate is a copy when the shingles it shares with the other
article cover at least ``containment`` of the shorter one, so a re-publication with a
trimmed ending or an added paragraph still counts. Copy groups are the connected
components of those pairs; in each, the canonical copy is the earliest published
(ISO dates; undated ones after dated ones), then the first seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..models import Analysis

__all__ = [
    "CONTAINMENT",
    "band_keys",
    "duplicate_groups",
    "find_duplicates",
    "is_copy",
    "shingles",
]

SHINGLE = 5
NUM_PERM = 128
# Jaccard at which LSH proposes a pair: a copy trimmed to 60% of the original has
# Jaccard 0.6 with it, so 0.5 leaves room for the MinHash estimate's error (~0.04 at
# 128 permutations); each candidate is then checked exactly.
LSH_THRESHOLD = 0.5
# Share of the shorter article's shingles found in the other: 0.8 keeps wire copies
# with a changed headline, a trimmed ending or a few edited sentences, and stays far
# above two outlets' own reports of one event (BASIL triplets share < 0.05).
CONTAINMENT = 0.8
# Bands x rows of the LSH over a stored collection (band_keys): what datasketch's
# MinHashLSH picks for LSH_THRESHOLD at NUM_PERM (25 x 5), so a store finds the same
# candidate pairs a batch does.
BANDS = 25
ROWS = 5
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, *, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def is_copy(a: set[str], b: set[str], *, containment: float = CONTAINMENT) -> bool:
    """Whether shingle sets ``a`` and ``b`` are copies: the shingles they share cover
    at least ``containment`` of the smaller one."""
    if not a or not b:
        return False
    return len(a & b) >= containment * min(len(a), len(b))


def band_keys(shingle_set: set[str], *, num_perm: int = NUM_PERM) -> list[int]:
    """LSH band keys of a shingle set, for looking up copies in a stored collection:
    two texts whose MinHash signatures agree on a whole band share that band's key
    (position ``i`` of the list is band ``i``). Empty for an empty set.

    Example:
        >>> a = shingles("one two three four five six seven eight nine ten")
        >>> band_keys(a) == band_keys(set(a))
        True
    """
    import hashlib

    from datasketch import MinHash

    if not shingle_set:
        return []
    sig = MinHash(num_perm=num_perm)
    sig.update_batch([x.encode("utf-8") for x in sorted(shingle_set)])
    keys = []
    for band in range(min(BANDS, num_perm // ROWS)):
        chunk = sig.hashvalues[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def duplicate_groups(
    texts: Sequence[str],
    *,
    containment: float = CONTAINMENT,
    num_perm: int = NUM_PERM,
) -> list[list[int]]:
    """Groups (of two or more indexes into ``texts``) of near-identical texts.

    Example:
        >>> duplicate_groups(["a b c d e f g h", "x y z", "a b c d e f g h"])
        [[0, 2]]
    """
    from datasketch import MinHash, MinHashLSH

    sets = [shingles(t) for t in texts]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=num_perm)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, s in enumerate(sets):
        if not s:
            continue
        sig = MinHash(num_perm=num_perm)
        sig.update_batch([x.encode("utf-8") for x in s])
        for j in lsh.query(sig):
            other = sets[j]
            if is_copy(s, other, containment=containment):
                parent[root(i)] = root(j)
        lsh.insert(i, sig)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def find_duplicates(
    analyses: Sequence[Analysis], *, containment: float = CONTAINMENT
) -> tuple[Analysis, ...]:
    """``analyses`` with ``duplicate_of`` set on every copy to its canonical article.

    Args:
        analyses: the articles of a run, in the order they were seen.
        containment: share of the shorter body's shingles the other must contain.

    Returns:
        The same analyses in the same order; canonical copies and unique articles keep
        ``duplicate_of=None``.
    """
    groups = duplicate_groups([a.article.body for a in analyses], containment=containment)
    canonical: dict[int, str] = {}
    for group in groups:

        def age(i: int) -> tuple[bool, str, int]:
            published = analyses[i].article.document.published
            return (published is None, published or "", i)

        first = min(group, key=age)
        for i in group:
            if i != first:
                canonical[i] = analyses[first].article.id
    return tuple(
        replace(a, duplicate_of=canonical[i]) if i in canonical else a
        for i, a in enumerate(analyses)
    )
