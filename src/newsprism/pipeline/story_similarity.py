"""Learned story similarity: the probability that two articles of a batch report one story.

Word overlap alone (the TF-IDF cosine) finds the right nearest neighbour for only ~85%
of NeuS items, because left, centre and right outlets word one story differently; no
single threshold on it separates a story's loosely worded members from a related
story's articles. What does separate them is the neighbourhood: two articles of one
story are each other's nearest neighbours, clearly above the articles that come next,
and have neighbours in common, even when their cosine is low. So the similarity is a
logistic regression over pairwise features, in two stages:

1. :data:`FEATURES`: cosines of the whole text, the headlines, the proper nouns and
   the numbers (each TF-IDF fit on the batch); the chance level
   ``1 / sqrt(tokens of the shorter text)``; where each article ranks the other among
   its neighbours; how far the pair's cosine is above each article's k-th best cosine
   (``margin_k``), and relative to their best; and the overlap of their 10 nearest
   neighbours.
2. :data:`STACKED`: the same plus the stage-1 probability, its own margins and its
   ratio to each article's best, so an article's best-scoring partner is judged
   against its next ones.

With the optional sentence embeddings (the ``semantic`` extra) their cosine is one more
feature of both stages, with their own weights (the ``*_semantic`` stages).

Only pairs that share a word and where one article is among the other's
:data:`CANDIDATES` nearest (by the whole-text cosine) are scored; every other pair has
similarity 0, as in training.

The weights are ``data/story_similarity.tsv``, fitted by ``benchmarks/stories_train.py``
on NeuS train (never on the benchmark's NeuS val or BASIL): batches of 307 stories,
the same with 30% of the items dropped, and small batches of 2-24 items, so that the
model does not assume stories of three or many articles around. The final stage's
intercept is shifted so that the default ``story_threshold`` (0.10) is the cut that
gave the best held-out BCubed F1 on NeuS train, so the setting keeps its meaning:
higher is stricter. Only the whole-text cosine is computed for every pair (one n x n
product); the rest is per scored pair: 921 NeuS items in ~0.3 s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..data import data_table
from ..models import Analysis
from .cluster import tokenize

__all__ = [
    "CANDIDATES",
    "FEATURES",
    "STACKED",
    "as_matrix",
    "body_text",
    "feature_matrices",
    "proper_nouns",
    "stacked_features",
    "stage_probability",
    "story_similarity",
]

FEATURES = (
    "words",
    "title",
    "names",
    "numbers",
    "chance",
    "rank",
    "relative",
    "shared_neighbours",
    "margin1",
    "margin2",
    "margin4",
)
STACKED = (
    *FEATURES,
    "first_p",
    "first_margin1",
    "first_margin2",
    "first_margin3",
    "first_relative",
)
MARGINS = (1, 2, 4)
FIRST_MARGINS = (1, 2, 3)
# Pairs scored: one is among the other's 20 nearest by the whole-text cosine. In NeuS
# train batches of 307 stories 96.8% of same-story pairs are (the others share almost
# no words), and it keeps the training pairs like the scored ones.
CANDIDATES = 20
# Neighbours compared for ``shared_neighbours``.
NEIGHBOURS = 10
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def proper_nouns(text: str) -> list[str]:
    """Tokens of the capitalised words of ``text`` that do not start a sentence (names,
    places, organisations), lower-cased as :func:`tokenize` does.

    Headlines are left out by the caller: many are title-cased.

    Example:
        >>> proper_nouns("The talks in Geneva ended. Russia and Ukraine agreed.")
        ['geneva', 'ukraine']
    """
    out: list[str] = []
    for sentence in _SENTENCE.split(text):
        for k, m in enumerate(_WORD.finditer(sentence)):
            if k and m.group()[0].isupper():
                out.extend(tokenize(m.group()))
    return out


def body_text(analysis: Analysis) -> str:
    """The article's body without the headline it often starts with (cleaning keeps
    it there), so that the headline is counted once."""
    title = analysis.article.title.strip()
    body = analysis.article.body.lstrip()
    return body[len(title) :] if title and body.startswith(title) else body


def _numbers(text: str) -> list[str]:
    return [m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)]


def _given(tokens: list[str]) -> list[str]:
    return tokens


def _vectors(token_lists: Sequence[list[str]], *, binary: bool = False) -> Any:
    """Unit TF-IDF rows (fit on these lists, sublinear tf), or None without any token."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(token_lists):
        return None
    return TfidfVectorizer(analyzer=_given, sublinear_tf=True, binary=binary).fit_transform(
        token_lists
    )


def _pair_cosines(vectors: Any, first: Any, second: Any) -> Any:
    """Cosines of the pairs ``(first[p], second[p])`` of rows of sparse unit ``vectors``."""
    import numpy as np

    if vectors is None:
        return np.zeros(len(first), dtype=np.float32)
    dots = vectors[first].multiply(vectors[second]).sum(axis=1)
    return np.asarray(dots, dtype=np.float32).ravel()


def _kth(values: Any, k: int) -> Any:
    """Column ``k - 1`` of rows sorted high to low, 0 where a row has fewer (a missing
    neighbour counts as an unrelated article)."""
    import numpy as np

    if values.shape[1] < k:
        return np.zeros(len(values), dtype=np.float32)
    return values[:, k - 1]


def _row_best(n: int, first: Any, second: Any, values: Any, most: int) -> Any:
    """Each article's ``most`` highest ``values`` over its pairs, high to low, 0-padded."""
    import numpy as np

    rows = np.concatenate([first, second])
    vals = np.concatenate([values, values])
    order = np.lexsort((-vals, rows))
    rows, vals = rows[order], vals[order]
    counts = np.bincount(rows, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    out = np.zeros((n, most), dtype=np.float32)
    for k in range(most):
        has = counts > k
        out[has, k] = vals[starts[has] + k]
    return out


def _margins(
    values: Any, best: Any, first: Any, second: Any, ks: Sequence[int], prefix: str
) -> dict[str, Any]:
    """``values`` of the pairs less the larger k-th best of their two articles."""
    import numpy as np

    out = {}
    for k in ks:
        kth = _kth(best, k)
        out[f"{prefix}{k}"] = values - np.maximum(kth[first], kth[second])
    return out


def feature_matrices(analyses: Sequence[Analysis], *, embeddings: Any = None) -> dict[str, Any]:
    """The stage-1 features (:data:`FEATURES`) of the scored pairs of ``analyses``.

    Returns a dict of 1-d arrays, one value per scored pair, with ``left`` and
    ``right`` (``left < right``) giving the pair's articles, ``words_best`` each
    article's best whole-text cosines (``n x CANDIDATES``) and ``size`` the batch size.
    Only the whole-text cosine is computed for every pair (one ``n x n`` product).
    With ``embeddings`` (unit rows, :func:`newsprism.pipeline.semantic.embed`), also
    ``embedding``: their cosine.
    """
    import numpy as np
    import scipy.sparse as sp

    n = len(analyses)
    titles = [a.article.title for a in analyses]
    bodies = [body_text(a) for a in analyses]
    whole = [tokenize(f"{t}\n{b}") for t, b in zip(titles, bodies, strict=True)]
    words_vectors = _vectors(whole)
    top = min(CANDIDATES, n - 1)
    if words_vectors is None or top < 1:
        empty = np.zeros(0, dtype=np.int64)
        return {"left": empty, "right": empty, "size": n}
    cosines = (words_vectors @ words_vectors.T).toarray().astype(np.float32)
    np.fill_diagonal(cosines, -np.inf)
    nearest = np.argpartition(-cosines, top - 1, axis=1)[:, :top]
    nearest_values = np.take_along_axis(cosines, nearest, axis=1)
    order = np.argsort(-nearest_values, axis=1)
    nearest = np.take_along_axis(nearest, order, axis=1)
    best = np.take_along_axis(nearest_values, order, axis=1)
    # Candidate pairs: one is among the other's nearest; the pair keeps its closer rank.
    row = np.repeat(np.arange(n), top)
    col = nearest.ravel()
    ranks = np.tile(np.arange(top), n)
    low, high = np.minimum(row, col), np.maximum(row, col)
    keys = low.astype(np.int64) * n + high
    sort = np.lexsort((ranks, keys))
    keys, ranks = keys[sort], ranks[sort]
    unique = np.concatenate([[True], keys[1:] != keys[:-1]])
    keys, ranks = keys[unique], ranks[unique]
    first, second = keys // n, keys % n
    words = cosines[first, second]
    # A pair without a shared word is never scored.
    shares = words > 0
    first, second, words, ranks = first[shares], second[shares], words[shares], ranks[shares]
    best = np.maximum(best, 0.0)
    feats: dict[str, Any] = {"left": first, "right": second, "size": n, "words_best": best}
    feats["words"] = words
    feats["title"] = _pair_cosines(_vectors([tokenize(t) for t in titles]), first, second)
    feats["names"] = _pair_cosines(
        _vectors([proper_nouns(b) for b in bodies], binary=True), first, second
    )
    feats["numbers"] = _pair_cosines(
        _vectors([_numbers(f"{t}\n{b}") for t, b in zip(titles, bodies, strict=True)], binary=True),
        first,
        second,
    )
    lengths = np.array([max(len(t), 1) for t in whole], dtype=np.float32)
    feats["chance"] = 1.0 / np.sqrt(np.minimum(lengths[first], lengths[second]))
    feats["rank"] = np.log1p(ranks.astype(np.float32))
    feats.update(_margins(words, best, first, second, MARGINS, "margin"))
    top_best = best[:, 0]
    feats["relative"] = words / np.maximum(np.maximum(top_best[first], top_best[second]), 1e-6)
    # Shared neighbours: cosine of the pair's nearest-neighbour profiles (the NEIGHBOURS
    # nearest, weighted by their cosines, plus the article itself at 0.5).
    k = min(NEIGHBOURS, top)
    rows_k = np.repeat(np.arange(n), k)
    weights = best[:, :k].ravel()
    profile = sp.csr_matrix((weights, (rows_k, nearest[:, :k].ravel())), shape=(n, n))
    profile = profile + 0.5 * sp.identity(n, format="csr")
    norms = np.sqrt(np.asarray(profile.multiply(profile).sum(axis=1)).ravel())
    profile = sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ profile)
    feats["shared_neighbours"] = _pair_cosines(profile, first, second)
    if embeddings is not None:
        unit = np.asarray(embeddings, dtype=np.float32)
        feats["embedding"] = np.einsum("ij,ij->i", unit[first], unit[second])
    return feats


def stacked_features(feats: dict[str, Any], first: Any) -> dict[str, Any]:
    """``feats`` plus the stage-1 probability ``first`` of each pair and its margins
    (:data:`STACKED`)."""
    import numpy as np

    out = dict(feats)
    out["first_p"] = first
    best = _row_best(feats["size"], feats["left"], feats["right"], first, max(FIRST_MARGINS))
    out.update(_margins(first, best, feats["left"], feats["right"], FIRST_MARGINS, "first_margin"))
    out["first_relative"] = first / np.maximum(
        np.maximum(best[feats["left"], 0], best[feats["right"], 0]), 1e-6
    )
    return out


def stage_probability(
    feats: dict[str, Any], weights: dict[str, float], names: Sequence[str]
) -> Any:
    """The logistic probability of each scored pair over the features ``names``."""
    import numpy as np

    logit = np.full(len(feats["left"]), weights.get("bias", 0.0), dtype=np.float64)
    for name in names:
        logit += weights.get(name, 0.0) * feats[name]
    return 1.0 / (1.0 + np.exp(-logit))


def as_matrix(feats: dict[str, Any], values: Any) -> Any:
    """An ``n x n`` symmetric array of the pairs' ``values``, 0 elsewhere, 1 on the
    diagonal."""
    import numpy as np

    n = feats["size"]
    sim = np.zeros((n, n))
    sim[feats["left"], feats["right"]] = values
    sim[feats["right"], feats["left"]] = values
    np.fill_diagonal(sim, 1.0)
    return sim


@cache
def _weights() -> dict[str, dict[str, float]]:
    stages: dict[str, dict[str, float]] = {}
    for stage, name, value in data_table("story_similarity.tsv"):
        stages.setdefault(stage, {})[name] = float(value)
    return stages


def story_similarity(
    analyses: Sequence[Analysis],
    *,
    weights: dict[str, dict[str, float]] | None = None,
    embeddings: Any = None,
) -> Any:
    """The learned story similarity of every pair of ``analyses``: an ``n x n`` numpy
    array in 0..1 with 1 on the diagonal (not yet decayed by publication dates).

    Args:
        analyses: the batch; the features are relative to it (ranks, margins,
            neighbours), so a pair's similarity depends on the other articles.
        weights: ``{"first": {...}, "final": {...}}`` feature weights (and ``bias``)
            of the two stages; by default those of ``data/story_similarity.tsv``
            (its ``*_semantic`` stages when ``embeddings`` are given).
        embeddings: optional sentence embeddings, one unit row per analysis (the
            ``semantic`` extra); their cosine is then a feature of both stages.

    Example:
        >>> story_similarity([]).shape
        (0, 0)
    """
    semantic = embeddings is not None
    if weights is not None:
        stages = weights
    else:
        packaged = _weights()
        suffix = "_semantic" if semantic else ""
        stages = {"first": packaged[f"first{suffix}"], "final": packaged[f"final{suffix}"]}
    feats = feature_matrices(analyses, embeddings=embeddings)
    if not len(feats["left"]):
        # No pair shares a word (or fewer than two articles): all apart.
        return as_matrix(feats, [])
    names, stacked = (
        ((*FEATURES, "embedding"), (*STACKED, "embedding")) if semantic else (FEATURES, STACKED)
    )
    first = stage_probability(feats, stages["first"], names)
    final = stage_probability(stacked_features(feats, first), stages["final"], stacked)
    return as_matrix(feats, final)
