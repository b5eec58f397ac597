"""The learned same-fact decision: do two sentences of different articles report the
same fact?

Each claim's sentence is embedded once, in the per-article analysis
(:func:`claim_vectors`, stored in ``Analysis.claim_vectors``), when the ``semantic``
extra is in use. For one story, :func:`candidate_pairs` takes, for every claim and
every other article, that article's claims closest by cosine; :func:`pair_features`
describes a pair (cosine and rank, word overlap, shared and differing numbers and
names, negation, predicate, agent and speaker); and a LightGBM model
(``data/same_fact_semantic.txt``, or ``data/same_fact_words.txt`` without embeddings,
where the cosine is one of the content words) gives the probability that the two
report one fact. The models are fitted by ``benchmarks/facts_train.py --write`` on
the BASIL fact lists of ``../shared/data/basil-facts`` and the MRPC train pairs;
``data/same_fact.tsv`` holds their decision thresholds.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

from rapidfuzz import fuzz

from ..data import data_table
from ..errors import ModelError
from ..models import Analysis, Claim

__all__ = [
    "FEATURES",
    "Sentence",
    "candidate_pairs",
    "claim_vectors",
    "packaged_model",
    "pair_features",
    "proposals",
    "sentence",
    "threshold",
    "unpack",
]

# Per claim and other article, the candidates kept: the closest TOP_K by cosine, and
# any closer than ALWAYS. On basil-facts, 5 closest hold ~0.95 of the listed
# same-fact pairs (benchmarks/facts_train.py --recall prints it).
TOP_K = 5
ALWAYS = 0.6

FEATURES = (
    "cosine",
    "rank_min",
    "rank_max",
    "word_jaccard",
    "word_overlap",
    "shared_words",
    "stem_jaccard",
    "length_min",
    "length_max",
    "numbers_shared",
    "numbers_only_min",
    "numbers_only_max",
    "names_shared",
    "names_only_min",
    "names_only_max",
    "negation_sum",
    "negation_differs",
    "token_set_ratio",
    "token_sort_ratio",
    "both_quoted",
    "same_predicate",
    "same_agent",
    "agent_conflict",
    "same_speaker",
    "entities_shared",
    "entities_only_min",
    "entities_only_max",
    "claim_negation_differs",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NEGATIONS = frozenset(
    [
        "not",
        "n't",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "cannot",
    ]
)
_QUOTES = re.compile(r"[\"“”]")


@cache
def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "mr", "ms", "mrs"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """What the features read of one sentence: its words, and what the claim knows
    (``None`` for a bare sentence, as in MRPC)."""

    text: str
    words: frozenset[str]
    stems: frozenset[str]
    numbers: frozenset[float]
    names: frozenset[str]
    negations: int
    quoted: bool
    length: int
    predicate: str | None = None
    agent: str | None = None
    speaker: str | None = None
    entities: frozenset[str] | None = None
    negated: bool | None = None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def sentence(text: str, claim: Claim | None = None, *, agent: str | None = None) -> Sentence:
    """The :class:`Sentence` of ``text`` (and of ``claim`` when given, ``agent`` its
    agent's entity id as the story resolves it)."""
    stop = _stopwords()
    tokens = _WORD.findall(text)
    words = frozenset(t.lower() for t in tokens if t.lower() not in stop and len(t) > 1)
    names = frozenset(
        t.lower() for k, t in enumerate(tokens) if k and t[0].isupper() and t.lower() not in stop
    )
    numbers = frozenset(n for n in (_number(m) for m in _NUMBER.findall(text)) if n is not None)
    lowered = [t.lower() for t in tokens]
    negations = sum(t in _NEGATIONS or t.endswith("n't") for t in lowered)
    base = Sentence(
        text,
        words,
        frozenset(w[:5] for w in words),
        numbers,
        names,
        negations,
        bool(_QUOTES.search(text)),
        len(tokens),
    )
    if claim is None:
        return base
    return replace(
        base,
        predicate=claim.predicate,
        agent=agent,
        speaker=claim.asserter_entity or (None if claim.asserter == "outlet" else claim.asserter),
        entities=frozenset(claim.entities),
        negated=claim.is_negated,
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.02)


def _only(a: frozenset[float], b: frozenset[float]) -> int:
    return sum(not any(_close(x, y) for y in b) for x in a)


def _known(x: Any) -> bool:
    return x is not None


def pair_features(a: Sentence, b: Sentence, cosine: float, ranks: tuple[int, int]) -> list[float]:
    """The :data:`FEATURES` of one pair: ``cosine`` their similarity, ``ranks`` where
    each ranks among the other article's sentences by it (``-1``: unknown)."""
    nan = math.nan
    shared = len(a.words & b.words)
    union = len(a.words | b.words) or 1
    stems = len(a.stems & b.stems) / (len(a.stems | b.stems) or 1)
    n_a, n_b = _only(a.numbers, b.numbers), _only(b.numbers, a.numbers)
    shared_numbers = len(a.numbers) - n_a
    c_a, c_b = len(a.names - b.names), len(b.names - a.names)
    rank_min = float(min(ranks)) if min(ranks) >= 0 else nan
    rank_max = float(max(ranks)) if min(ranks) >= 0 else nan
    claims = a.entities is not None and b.entities is not None
    same_predicate = (
        float(a.predicate == b.predicate) if _known(a.predicate) and _known(b.predicate) else nan
    )
    agents = _known(a.agent) and _known(b.agent)
    speakers = _known(a.speaker) and _known(b.speaker)
    ea = a.entities or frozenset()
    eb = b.entities or frozenset()
    return [
        cosine,
        rank_min,
        rank_max,
        shared / union,
        shared / (min(len(a.words), len(b.words)) or 1),
        float(shared),
        stems,
        float(min(a.length, b.length)),
        float(max(a.length, b.length)),
        float(shared_numbers),
        float(min(n_a, n_b)),
        float(max(n_a, n_b)),
        float(len(a.names & b.names)),
        float(min(c_a, c_b)),
        float(max(c_a, c_b)),
        float(a.negations + b.negations),
        float((a.negations > 0) != (b.negations > 0)),
        fuzz.token_set_ratio(a.text, b.text) / 100,
        fuzz.token_sort_ratio(a.text, b.text) / 100,
        float(a.quoted and b.quoted),
        same_predicate,
        float(a.agent == b.agent) if agents else nan,
        float(agents and a.agent != b.agent) if claims else nan,
        float(a.speaker == b.speaker) if speakers else nan,
        float(len(ea & eb)) if claims else nan,
        float(min(len(ea - eb), len(eb - ea))) if claims else nan,
        float(max(len(ea - eb), len(eb - ea))) if claims else nan,
        float(a.negated != b.negated) if claims else nan,
    ]


def word_vectors(sentences: Sequence[Sentence]) -> Any:
    """Unit-length binary vectors of the sentences' word stems: the cosine the
    words-only model reads in place of the embeddings'."""
    import numpy as np

    vocab: dict[str, int] = {}
    for s in sentences:
        for w in s.stems:
            vocab.setdefault(w, len(vocab))
    matrix = np.zeros((len(sentences), max(1, len(vocab))), dtype=np.float32)
    for i, s in enumerate(sentences):
        for w in s.stems:
            matrix[i, vocab[w]] = 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def proposals(groups: Sequence[int], vectors: Any, *, dtype: Any = None) -> tuple[Any, Any, Any]:
    """What :func:`candidate_pairs` proposes, as whole arrays: the cosine of every
    pair, each sentence's rank among its own article's sentences by closeness to
    every other (``ranks[i, j]``, ties by position), and the mask of proposed pairs
    (for every sentence and every other article, that article's :data:`TOP_K`
    closest sentences and any closer than :data:`ALWAYS`).

    Args:
        groups: each sentence's article (index), at least two sentences.
        vectors: unit-length vectors of the sentences, one row each.
        dtype: the cosines' type (``float32`` halves a large story's memory).
    """
    import numpy as np

    n = len(groups)
    sims = vectors @ vectors.T
    if dtype is not None:
        sims = sims.astype(dtype)
    article = np.asarray(groups)
    # Whole arrays rather than a dict of every pair: a 200-article story has some
    # 5,000 claims, and 25 million dict entries took most of its briefing.
    ranks = np.empty((n, n), dtype=np.int32)
    for g in np.unique(article):
        cols = np.flatnonzero(article == g)
        order = np.argsort(-sims[:, cols], axis=1, kind="stable")
        block = np.empty_like(order)
        np.put_along_axis(block, order, np.broadcast_to(np.arange(len(cols)), order.shape), axis=1)
        ranks[:, cols] = block
    keep = (np.minimum(ranks, ranks.T) < TOP_K) | (sims >= ALWAYS)
    keep &= article[:, None] != article[None, :]
    return sims, ranks, keep


def candidate_pairs(
    groups: Sequence[int], vectors: Any
) -> list[tuple[int, int, float, tuple[int, int]]]:
    """The pairs worth scoring among sentences of several articles.

    Args:
        groups: each sentence's article (index); sentences of one article are never
            paired.
        vectors: unit-length vectors of the sentences, one row each.

    Returns:
        ``(i, j, cosine, (rank of j for i, rank of i for j))`` with ``i < j``: for
        every sentence and every other article, that article's :data:`TOP_K` closest
        sentences and any closer than :data:`ALWAYS`.
    """
    import numpy as np

    if len(groups) < 2:
        return []
    sims, ranks, keep = proposals(groups, vectors)
    article = np.asarray(groups)
    first, second = np.nonzero(np.triu(keep, k=1))
    # The order the pairs were always listed in: by the second sentence's article,
    # then the first sentence, then the rank (later stages break ties by it).
    order = np.lexsort((ranks[first, second], first, article[second]))
    return [
        (int(i), int(j), float(sims[i, j]), (int(ranks[i, j]), int(ranks[j, i])))
        for i, j in zip(first[order], second[order], strict=True)
    ]


def claim_vectors(
    texts: Sequence[str], *, on_batch: Callable[[int, int], None] | None = None
) -> tuple[str, ...]:
    """Each text's sentence embedding packed for ``Analysis.claim_vectors``
    (``on_batch``: progress, see :func:`newsprism.pipeline.semantic.embed`).

    Raises:
        ModelError: the ``semantic`` extra is not installed or the model cannot load.
    """
    import numpy as np

    from .semantic import embed

    if not texts:
        return ()
    matrix = np.asarray(embed(texts, on_batch=on_batch), dtype=np.float16)
    return tuple(base64.b64encode(row.tobytes()).decode("ascii") for row in matrix)


def unpack(packed: Sequence[str]) -> Any:
    """The ``n x 384`` unit-length float32 matrix of packed claim vectors."""
    import numpy as np

    if not packed:
        return np.zeros((0, 384), dtype=np.float32)
    rows = [np.frombuffer(base64.b64decode(p), dtype=np.float16) for p in packed]
    matrix = np.vstack(rows).astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def has_vectors(analysis: Analysis) -> bool:
    """Whether ``analysis`` carries one stored vector per claim."""
    return len(analysis.claim_vectors) == len(analysis.claims)


@cache
def packaged_model(*, semantic: bool) -> Any:
    """The packaged LightGBM model (``data/same_fact_semantic.txt`` or
    ``data/same_fact_words.txt``)."""
    import lightgbm

    name = f"same_fact_{'semantic' if semantic else 'words'}.txt"
    try:
        text = files("newsprism.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ModelError(f"the same-fact model {name} is missing from the package") from err
    return lightgbm.Booster(model_str=text)


@cache
def threshold(*, semantic: bool) -> float:
    """The probability from which two claims are one fact (``data/same_fact.tsv``)."""
    values = {name: float(value) for name, value in data_table("same_fact.tsv")}
    return values["semantic" if semantic else "words"]
