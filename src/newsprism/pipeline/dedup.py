"""Duplicates: exact and near-duplicate articles (wire copies, re-publications).

Each article body is cut into word shingles (``SHINGLE`` consecutive lower-cased
words; the headline is left out, so a copy under a new headline still matches). A
MinHash signature of the shingles (``NUM_PERM`` values) is cut into ``BANDS`` bands of
``ROWS`` values (locality-sensitive hashing): two articles agreeing on a whole band
are a candidate pair. A candidate is a copy when the shingles it shares with the other
article cover at least ``containment`` of the shorter one, so a re-publication with a
trimmed ending or an added paragraph still counts. Copy groups are the connected
components of those pairs; in each, the canonical copy is the earliest published
(ISO dates; undated ones after dated ones), then the first seen.

Hashing is numpy-vectorised and stable across processes and machines, so the band
keys of :func:`band_keys` can be stored (the store's copy lookup) and compared with
those computed elsewhere (the Spark engine): a word is hashed with CRC-32, a shingle
by a polynomial over its words' hashes (mod 2**64), and MinHash permutation ``i`` is
the multiply-shift hash ``(a_i * h + b_i) mod 2**64 >> 32`` with constants derived
from BLAKE2b. This replaced datasketch's per-shingle SHA-1, which took 1.2 ms per
article (benchmarks/scale.py).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from ..models import Analysis

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CONTAINMENT",
    "Components",
    "band_keys",
    "canonical_copies",
    "duplicate_groups",
    "find_duplicates",
    "is_copy",
    "shingle_hashes",
    "shingles",
]

SHINGLE = 5
NUM_PERM = 128
# 25 bands of 5 rows: a pair is a candidate with probability 1 - (1 - J**5)**25, 0.55
# at Jaccard 0.5, 0.87 at 0.6 (a copy trimmed to 60%), > 0.99 at 0.7. These are the
# bands datasketch's MinHashLSH picks for threshold 0.5 at 128 permutations.
BANDS = 25
ROWS = 5
# Share of the shorter article's shingles found in the other: 0.8 keeps wire copies
# with a changed headline, a trimmed ending or a few edited sentences, and stays far
# above two outlets' own reports of one event (BASIL triplets share < 0.05).
CONTAINMENT = 0.8
# Articles hashed per numpy batch, and MinHash permutations per pass over a batch:
# bounds the temporaries (PERM_BLOCK x shingles of a batch x 8 bytes).
BATCH = 4096
PERM_BLOCK = 16
_WORD = re.compile(r"[^\W_]+")
_MULT = 0x9E3779B97F4A7C15  # odd 64-bit constant for the shingle polynomial
_MASK = (1 << 64) - 1


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


@cache
def _permutations(num_perm: int) -> tuple[Any, Any]:
    import numpy as np

    def constant(name: str) -> int:
        return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")

    a = np.array([constant(f"minhash-a-{i}") | 1 for i in range(num_perm)], dtype=np.uint64)
    b = np.array([constant(f"minhash-b-{i}") for i in range(num_perm)], dtype=np.uint64)
    return a[:, None], b[:, None]


def _word_hashes(words: Sequence[str], memo: dict[str, int]) -> list[int]:
    out = list(map(memo.get, words))  # C speed for words seen before
    if None in out:
        for k, h in enumerate(out):
            if h is None:
                w = words[k]
                out[k] = memo[w] = zlib.crc32(w.encode("utf-8")) + 1
    return out  # type: ignore[return-value]


def _polynomial(hashes: Sequence[int]) -> int:
    h = 0
    for x in hashes:
        h = (h * _MULT + x) & _MASK
    return h


def _batch_shingle_hashes(texts: Sequence[str], memo: dict[str, int]) -> list[np.ndarray]:
    """Per text, the sorted distinct 64-bit hashes of its shingles (vectorised)."""
    import numpy as np

    words = [_word_hashes(_WORD.findall(t.lower()), memo) for t in texts]
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    flat = np.fromiter((h for w in words for h in w), dtype=np.uint64, count=int(lengths.sum()))
    n_windows = max(len(flat) - SHINGLE + 1, 0)
    acc = np.zeros(n_windows, dtype=np.uint64)
    mult = np.uint64(_MULT)
    for k in range(SHINGLE):
        acc = acc * mult + flat[k : k + n_windows]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(texts) else lengths
    out = []
    for i, n in enumerate(lengths.tolist()):
        if n == 0:
            out.append(np.empty(0, dtype=np.uint64))
        elif n <= SHINGLE:
            out.append(np.array([_polynomial(words[i])], dtype=np.uint64))
        else:
            s = int(starts[i])
            out.append(np.unique(acc[s : s + n - SHINGLE + 1]))
    return out


def shingle_hashes(text: str) -> np.ndarray:
    """The sorted distinct 64-bit hashes of the shingles of ``text``
    (:func:`shingles`, hashed as :func:`band_keys` and :func:`duplicate_groups` do)."""
    return _batch_shingle_hashes([text], {})[0]


def _signatures(sets: Sequence[np.ndarray], num_perm: int) -> np.ndarray:
    """MinHash signatures (``len(sets) x num_perm``, uint64 values < 2**32); a row of
    2**32 for an empty set."""
    import numpy as np

    a, b = _permutations(num_perm)
    sig = np.full((len(sets), num_perm), 1 << 32, dtype=np.uint64)
    filled = [i for i, s in enumerate(sets) if len(s)]
    if not filled:
        return sig
    values = np.concatenate([sets[i] for i in filled])
    starts = np.cumsum([0] + [len(sets[i]) for i in filled[:-1]])
    shift = np.uint64(32)
    for p in range(0, num_perm, PERM_BLOCK):
        hashed = (a[p : p + PERM_BLOCK] * values[None, :] + b[p : p + PERM_BLOCK]) >> shift
        sig[filled, p : p + PERM_BLOCK] = np.minimum.reduceat(hashed, starts, axis=1).T
    return sig


def _band_keys(sig: np.ndarray) -> np.ndarray:
    """``len(sig) x bands`` int64 keys: each band's ``ROWS`` values folded into one."""
    import numpy as np

    bands = min(BANDS, sig.shape[1] // ROWS)
    keys = np.zeros((len(sig), bands), dtype=np.uint64)
    mult = np.uint64(_MULT)
    for r in range(ROWS):
        keys = keys * mult + sig[:, r : bands * ROWS : ROWS] + np.uint64(r + 1)
    # The band number is folded in too, so equal keys in different bands differ.
    keys = keys * mult + np.arange(1, bands + 1, dtype=np.uint64)[None, :]
    return keys.view(np.int64)


def band_keys(shingle_set: set[str], *, num_perm: int = NUM_PERM) -> list[int]:
    """LSH band keys of a shingle set (from :func:`shingles`), for looking up copies in
    a stored collection: two texts whose MinHash signatures agree on a whole band
    share that band's key (position ``i`` of the list is band ``i``). Stable across
    processes and machines; empty for an empty set.

    Example:
        >>> a = shingles("one two three four five six seven eight nine ten")
        >>> band_keys(a) == band_keys(set(sorted(a)))
        True
    """
    import numpy as np

    if not shingle_set:
        return []
    memo: dict[str, int] = {}
    values = np.unique(
        np.array(
            [_polynomial(_word_hashes(s.split(" "), memo)) for s in shingle_set], dtype=np.uint64
        )
    )
    return [int(k) for k in _band_keys(_signatures([values], num_perm))[0]]


class Components:
    """Connected components of ``0 .. size - 1`` as pairs are joined (union-find with
    path halving): the copy groups of confirmed copy pairs, here and in the Spark
    engine."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, i: int) -> int:
        """The representative of ``i``'s component."""
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put ``i`` and ``j`` in one component."""
        self._parent[self.root(j)] = self.root(i)

    def groups(self) -> list[list[int]]:
        """The components of two or more members, each in order, ordered by their
        first member."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            groups.setdefault(self.root(i), []).append(i)
        return [g for g in groups.values() if len(g) > 1]

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]], size: int) -> list[list[int]]:
        """The groups of ``size`` items that ``pairs`` connect.

        Example:
            >>> Components.of([(0, 2), (3, 2)], 5)
            [[0, 2, 3]]
        """
        components = cls(size)
        for i, j in pairs:
            components.join(i, j)
        return components.groups()


def canonical_copies(
    groups: Iterable[Sequence[int]], published: Sequence[str | None]
) -> dict[int, int]:
    """``{copy: canonical copy}`` over item indexes: in each group, the canonical copy
    is the earliest published (ISO dates; undated ones after dated ones), then the
    first seen.

    Example:
        >>> canonical_copies([[0, 1, 2]], [None, "2024-05-02", "2024-05-01"])
        {0: 2, 1: 2}
    """
    out: dict[int, int] = {}
    for group in groups:
        first = min(group, key=lambda i: (published[i] is None, published[i] or "", i))
        out.update({i: first for i in group if i != first})
    return out


def _contains(a: np.ndarray, b: np.ndarray, containment: float) -> bool:
    import numpy as np

    if not len(a) or not len(b):
        return False
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared >= containment * min(len(a), len(b))


def duplicate_groups(
    texts: Sequence[str],
    *,
    containment: float = CONTAINMENT,
    num_perm: int = NUM_PERM,
) -> list[list[int]]:
    """Groups (of two or more indexes into ``texts``, in order) of near-identical texts.

    Linear in the number of texts but for one sort per band: signatures are computed
    ``BATCH`` texts at a time, candidate pairs are the neighbours in each band's
    sorted keys (every text of a run of equal keys is checked against the run's first
    and its predecessor), and each candidate is checked exactly.

    Example:
        >>> duplicate_groups(["a b c d e f g h", "x y z", "a b c d e f g h"])
        [[0, 2]]
    """
    import numpy as np

    memo: dict[str, int] = {}
    sets: list[np.ndarray] = []
    keys = []
    for i in range(0, len(texts), BATCH):
        batch = _batch_shingle_hashes(texts[i : i + BATCH], memo)
        sets.extend(batch)
        keys.append(_band_keys(_signatures(batch, num_perm)))
    if not sets:
        return []
    all_keys = np.concatenate(keys)
    has_shingles = np.array([len(s) > 0 for s in sets])
    components = Components(len(texts))
    root = components.root
    checked: set[tuple[int, int]] = set()
    for band in range(all_keys.shape[1]):
        column = all_keys[:, band]
        order = np.argsort(column, kind="stable")
        order = order[has_shingles[order]]
        sorted_keys = column[order]
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1
        if not len(same):
            continue
        # For each position in a run of equal keys, the run's first position.
        run_start = np.arange(len(order))
        breaks = np.ones(len(order), dtype=bool)
        breaks[same] = False
        run_start = np.maximum.accumulate(np.where(breaks, run_start, 0))
        for pos in same.tolist():
            j = int(order[pos])
            for other in {int(order[pos - 1]), int(order[run_start[pos]])}:
                pair = (min(other, j), max(other, j))
                if pair in checked or root(other) == root(j):
                    continue
                checked.add(pair)
                if _contains(sets[other], sets[j], containment):
                    components.join(other, j)
    return components.groups()


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
    published = [a.article.published or a.article.document.published for a in analyses]
    canonical = canonical_copies(groups, published)
    return tuple(
        replace(a, duplicate_of=analyses[canonical[i]].article.id) if i in canonical else a
        for i, a in enumerate(analyses)
    )
