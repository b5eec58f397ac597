"""Learned story similarity: the probability that two articles of a batch report one story.

Word overlap alone (the TF-IDF cosine) finds the right nearest neighbour for only ~85%
of NeuS items, because left, centre and right outlets word one story differently; no
single threshold on it separates a story's loosely worded members from a related
story's articles. What does separate them is the neighbourhood: two articles of one
story are each other's nearest neighbours, clearly above the articles that come next,
and have neighbours in common, even when their cosine is low. So the similarity is a
classifier of pairs (gradient-boosted trees, LightGBM), in two stages:

1. :data:`FEATURES`: cosines of the headline and lead, the headlines, the proper nouns
   and the numbers (each TF-IDF fit on the batch, over Snowball stems: :func:`stems`); the
   chance level ``1 / sqrt(tokens of the shorter text)``; the summed IDF of the words
   they share; the batch size; where each article ranks the other among its
   neighbours; how far the pair's cosine is above each article's k-th best cosine
   (``margin_k``), and relative to their best; the overlap of their 10 nearest
   neighbours; and :data:`FULL`, the cosine and neighbourhood over the whole article.
2. :data:`STACKED`: the same plus the stage-1 probability, its own margins and its
   ratio to each article's best, so an article's best-scoring partner is judged
   against its next ones; and :data:`HOPS`, how strongly the pair is joined through
   a third article by the stage-1 probabilities (one story's third telling often
   links two that share few words).

With sentence embeddings (the ``semantic`` extra, used by default when installed) both
stages also read :data:`SEMANTIC`: the embeddings' cosine, rank, margins and ratio, as
for the words (the ``*_semantic`` models). On NeuS val they raise BCubed F1 from ~0.90
to ~0.92 (BENCHMARKS.md).

Only pairs that share a word and where one article is among the other's
:data:`CANDIDATES` nearest (by the whole-text cosine) are scored, plus, with
embeddings, those where one is among the other's nearest by embedding; every other
pair has similarity 0, as in training.

The models are ``data/story_similarity_{first,final}[_semantic].txt`` (LightGBM's text
format), fitted by ``benchmarks/stories_train.py`` on NeuS train (never on NeuS val):
batches of 307 stories, the same with 30% of the items dropped, and small batches of
2-24 items, so that the model does not assume stories of three or many articles
around; and on BASIL dev without dates (full articles, 35 events a batch, and parts of
it), alone and mixed into the NeuS batches, so that long and short items are judged in
one batch. The final stage's log-odds are shifted
(``data/story_similarity.tsv``) so that the default ``story_threshold`` (0.10) is the
cut that gave the best held-out BCubed F1 on NeuS train, so the setting keeps its
meaning: higher is stricter. Only the whole-text cosine (and the embeddings' cosine) is
computed for every pair (one n x n product); the rest is per scored pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import islice
from typing import Any, Protocol

from ..data import data_table
from ..models import Analysis
from .words import tokenize

__all__ = [
    "CANDIDATES",
    "FEATURES",
    "FULL",
    "HOPS",
    "LEAD_WORDS",
    "SEMANTIC",
    "STACKED",
    "Model",
    "Stage",
    "as_matrix",
    "body_text",
    "feature_matrices",
    "lead",
    "packaged_model",
    "proper_nouns",
    "stacked_features",
    "stage_probability",
    "stems",
    "story_similarity",
    "two_hop",
]

# Over the whole body, not just the lead (:func:`full_features`): the same article's
# cosine, rank, margins and ratio, its proper nouns and rare shared words, and the
# shorter text's length. For a NeuS item (title and lead) they equal the lead's; on
# BASIL, whose articles run to 1,000 words, they tell two stories on neighbouring topics
# apart where the leads alone look alike (undated, held out: BENCHMARKS.md).
FULL = (
    "full_words",
    "full_rank",
    "full_relative",
    "full_margin1",
    "full_margin2",
    "full_margin4",
    "full_names",
    "full_rare_shared",
    "full_length",
)
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
    "rare_shared",
    "batch_size",
    *FULL,
)
# With the semantic extra: the embeddings' cosine and where each article ranks the
# other by it, as for the words.
SEMANTIC = (
    "embedding",
    "embedding_rank",
    "embedding_relative",
    "embedding_margin1",
    "embedding_margin2",
    "embedding_margin4",
)
# Two-hop support by the stage-1 probabilities (:func:`two_hop`): the strongest path
# through a third article and the summed products over all of them. Held out on NeuS
# train (2 of 8 folds, with embeddings, shift -1.75) they raised whole batches 0.945 ->
# 0.947 and 30%-dropped ones 0.930 -> 0.936 (BENCHMARKS.md, issue 17).
HOPS = ("hop_max", "hop_sum")
STACKED = (
    *FEATURES,
    "first_p",
    "first_margin1",
    "first_margin2",
    "first_margin3",
    "first_relative",
    *HOPS,
)
MARGINS = (1, 2, 4)
FIRST_MARGINS = (1, 2, 3)
# Pairs scored: one is among the other's 20 nearest by the whole-text cosine. In NeuS
# train batches of 307 stories 96.8% of same-story pairs are (the others share almost
# no words), and it keeps the training pairs like the scored ones.
CANDIDATES = 20
# Neighbours compared for ``shared_neighbours``.
NEIGHBOURS = 10
# Words of the body the features read (:func:`lead`): NeuS items, which the model
# learned from, have at most 120. With whole articles, one short article on the seeds'
# story drew one seed out of the other four (the model's neighbourhood features on
# 1,000-word texts); with leads the six are one story and BASIL F1 went 0.994 -> 1.000.
LEAD_WORDS = 120
_SPACED = re.compile(r"\S+")
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


def lead(analysis: Analysis) -> str:
    """The article's lead: its body without the headline, cut after :data:`LEAD_WORDS`
    words. The model learned from NeuS titles and leads; a full article's later
    paragraphs (background, other news, page leftovers) only blur its features.

    Example:
        >>> from newsprism.models import Article, Document
        >>> doc = Document(id="1", source="1.txt", text="T")
        >>> art = Article(document=doc, title="T", body="word " * 500, segments=())
        >>> len(lead(Analysis(article=art)).split())
        120
    """
    body = body_text(analysis)
    words = list(islice(_SPACED.finditer(body), LEAD_WORDS))
    return body[: words[-1].end()] if len(words) == LEAD_WORDS else body


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


def stems(text: str) -> list[str]:
    """:func:`~newsprism.stories.words.tokenize` of ``text``, each token reduced to
    its Snowball (Porter 2) stem, so that one story's "claims"/"claimed" and
    "Democrats"/"Democratic" count as shared words.

    Example:
        >>> stems("Democrats claimed new jobless claims")
        ['democrat', 'claim', 'new', 'jobless', 'claim']
    """
    return [_stem(w) for w in tokenize(text)]


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _nearest(similarity: Any, top: int) -> tuple[Any, Any]:
    """Each row's ``top`` highest columns of ``similarity`` (diagonal excluded by the
    caller), high to low, with their values."""
    import numpy as np

    nearest = np.argpartition(-similarity, top - 1, axis=1)[:, :top]
    values = np.take_along_axis(similarity, nearest, axis=1)
    order = np.argsort(-values, axis=1)
    return np.take_along_axis(nearest, order, axis=1), np.take_along_axis(values, order, axis=1)


def _pairs(nearest: Any, n: int) -> tuple[Any, Any, Any]:
    """The pairs ``(first < second)`` where one is in the other's ``nearest`` row, with
    the closer of their two ranks there."""
    import numpy as np

    top = nearest.shape[1]
    row = np.repeat(np.arange(n), top)
    col = nearest.ravel()
    ranks = np.tile(np.arange(top), n)
    keys = np.minimum(row, col).astype(np.int64) * n + np.maximum(row, col)
    sort = np.lexsort((ranks, keys))
    keys, ranks = keys[sort], ranks[sort]
    unique = np.concatenate([[True], keys[1:] != keys[:-1]])
    keys, ranks = keys[unique], ranks[unique]
    return keys // n, keys % n, ranks


def _neighbourhood(
    values: Any, best: Any, ranks: Any, first: Any, second: Any, prefix: str
) -> dict[str, Any]:
    """The pair's rank among each article's nearest (``log1p``), its margins over each
    article's k-th best and its ratio to their best: how clearly the two stand out
    from their other neighbours."""
    import numpy as np

    out = {f"{prefix}rank": np.log1p(ranks.astype(np.float32))}
    out.update(_margins(values, best, first, second, MARGINS, f"{prefix}margin"))
    top_best = best[:, 0]
    out[f"{prefix}relative"] = values / np.maximum(
        np.maximum(top_best[first], top_best[second]), 1e-6
    )
    return out


def _rare_shared(tokens: Sequence[list[str]], first: Any, second: Any) -> Any:
    """The summed IDF of the words each pair shares, over ``log(n)``, then ``log1p``:
    a shared rare name ("Rosenstein") is evidence whatever the texts' lengths, which
    the cosine's length normalisation hides."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(tokens)
    if n < 2 or not any(tokens):
        return np.zeros(len(first), dtype=np.float32)
    present = CountVectorizer(analyzer=_given, binary=True).fit_transform(tokens)
    df = np.asarray(present.sum(axis=0)).ravel()
    idf = np.log(n / df) / math.log(n)
    shared = present[first].multiply(present[second]) @ idf
    return np.log1p(np.asarray(shared, dtype=np.float32).ravel())


def _rank_of(first: Any, second: Any, listed: tuple[Any, Any, Any], n: int, absent: int) -> Any:
    """The ranks of the pairs ``(first, second)`` among the ``listed`` pairs (first,
    second, rank; sorted as :func:`_pairs` gives them), ``absent`` for those not
    listed."""
    import numpy as np

    l_first, l_second, l_ranks = listed
    if not len(l_first):
        return np.full(len(first), absent)
    keys = first.astype(np.int64) * n + second
    l_keys = l_first.astype(np.int64) * n + l_second
    where = np.minimum(np.searchsorted(l_keys, keys), len(l_keys) - 1)
    return np.where(l_keys[where] == keys, l_ranks[where], absent)


def feature_matrices(analyses: Sequence[Analysis], *, embeddings: Any = None) -> dict[str, Any]:
    """The stage-1 features (:data:`FEATURES`) of the scored pairs of ``analyses``.

    Returns a dict of 1-d arrays, one value per scored pair, with ``left`` and
    ``right`` (``left < right``) giving the pair's articles and ``size`` the batch
    size. Only the whole-text cosine is computed for every pair (one ``n x n``
    product). With ``embeddings`` (unit rows,
    :func:`newsprism.pipeline.semantic.embed`), also the :data:`SEMANTIC` features,
    and a pair is also scored when one is among the other's :data:`CANDIDATES`
    nearest by embedding, even without a shared word.
    """
    import numpy as np
    import scipy.sparse as sp

    n = len(analyses)
    titles = [a.article.title for a in analyses]
    bodies = [lead(a) for a in analyses]
    whole = [stems(f"{t}\n{b}") for t, b in zip(titles, bodies, strict=True)]
    words_vectors = _vectors(whole)
    top = min(CANDIDATES, n - 1)
    if words_vectors is None or top < 1:
        empty = np.zeros(0, dtype=np.int64)
        return {"left": empty, "right": empty, "size": n}
    cosines = (words_vectors @ words_vectors.T).toarray().astype(np.float32)
    np.fill_diagonal(cosines, -np.inf)
    nearest, best = _nearest(cosines, top)
    by_words = _pairs(nearest, n)
    first, second, ranks = by_words
    # A pair without a shared word is only scored when the embeddings propose it.
    shares = cosines[first, second] > 0
    by_words = (first[shares], second[shares], ranks[shares])
    first, second = by_words[0], by_words[1]
    full_tokens = [
        stems(f"{a.article.title}\n{body_text(a)}") if len(b) < len(body_text(a)) else w
        for a, b, w in zip(analyses, bodies, whole, strict=True)
    ]
    full_vectors = _vectors(full_tokens)
    full_cosines = (full_vectors @ full_vectors.T).toarray().astype(np.float32)
    np.fill_diagonal(full_cosines, -np.inf)
    f_nearest, f_best = _nearest(full_cosines, top)
    by_full = _pairs(f_nearest, n)
    shares = full_cosines[by_full[0], by_full[1]] > 0
    by_full = (by_full[0][shares], by_full[1][shares], by_full[2][shares])
    proposed = [first.astype(np.int64) * n + second, by_full[0] * n + by_full[1]]
    if embeddings is not None:
        unit = np.asarray(embeddings, dtype=np.float32)
        semantic = unit @ unit.T
        np.fill_diagonal(semantic, -np.inf)
        e_nearest, e_best = _nearest(semantic, top)
        by_meaning = _pairs(e_nearest, n)
        proposed.append(by_meaning[0] * n + by_meaning[1])
    keys = np.unique(np.concatenate(proposed))
    first, second = keys // n, keys % n
    ranks = _rank_of(first, second, by_words, n, top)
    words = np.maximum(cosines[first, second], 0.0)
    best = np.maximum(best, 0.0)
    feats: dict[str, Any] = {"left": first, "right": second, "size": n}
    feats["words"] = words
    feats["title"] = _pair_cosines(_vectors([stems(t) for t in titles]), first, second)
    feats["names"] = _pair_cosines(
        _vectors([[_stem(w) for w in proper_nouns(b)] for b in bodies], binary=True),
        first,
        second,
    )
    feats["numbers"] = _pair_cosines(
        _vectors([_numbers(f"{t}\n{b}") for t, b in zip(titles, bodies, strict=True)], binary=True),
        first,
        second,
    )
    lengths = np.array([max(len(t), 1) for t in whole], dtype=np.float32)
    feats["chance"] = 1.0 / np.sqrt(np.minimum(lengths[first], lengths[second]))
    feats["rare_shared"] = _rare_shared(whole, first, second)
    feats["batch_size"] = np.full(len(first), math.log(n), dtype=np.float32)
    feats.update(_neighbourhood(words, best, ranks, first, second, ""))
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
    feats.update(
        full_features(
            analyses,
            full_tokens,
            np.maximum(full_cosines[first, second], 0.0),
            (np.maximum(f_best, 0.0), _rank_of(first, second, by_full, n, top)),
            first,
            second,
        )
    )
    if embeddings is not None:
        meaning = semantic[first, second]
        feats["embedding"] = meaning
        e_ranks = _rank_of(first, second, by_meaning, n, top)
        feats.update(
            _neighbourhood(meaning, np.maximum(e_best, 0.0), e_ranks, first, second, "embedding_")
        )
    return feats


def full_features(
    analyses: Sequence[Analysis],
    tokens: Sequence[list[str]],
    cosines: Any,
    neighbours: tuple[Any, Any],
    first: Any,
    second: Any,
) -> dict[str, Any]:
    """The :data:`FULL` features of the pairs ``(first, second)``: those over each
    article's whole body (``tokens``: stems of its headline and body, whatever its
    length), given the pairs' whole-body ``cosines`` and each article's best cosines
    and the pairs' ranks among them (``neighbours``)."""
    import numpy as np

    best, ranks = neighbours
    out = {
        f"full_{k}": v for k, v in _neighbourhood(cosines, best, ranks, first, second, "").items()
    }
    out["full_words"] = cosines
    out["full_names"] = _pair_cosines(
        _vectors([[_stem(w) for w in proper_nouns(body_text(a))] for a in analyses], binary=True),
        first,
        second,
    )
    out["full_rare_shared"] = _rare_shared(tokens, first, second)
    lengths = np.array([max(len(t), 1) for t in tokens], dtype=np.float32)
    out["full_length"] = np.log(np.minimum(lengths[first], lengths[second]))
    return out


def two_hop(n: int, left: Any, right: Any, values: Any) -> dict[str, Any]:
    """The :data:`HOPS` features of the pairs ``(left, right)`` of ``n`` articles with
    ``values`` (the stage-1 probabilities; unscored pairs count 0): per pair, the
    largest ``min(values[a, k], values[k, b])`` over third articles ``k`` and the sum of
    ``values[a, k] * values[k, b]``.

    Example:
        >>> import numpy as np
        >>> pairs = np.array([0, 0, 1]), np.array([1, 2, 2])
        >>> hops = two_hop(3, *pairs, np.array([0.9, 0.8, 0.1]))
        >>> [[round(float(x), 2) for x in hops[k]] for k in HOPS]
        [[0.1, 0.1, 0.8], [0.08, 0.09, 0.72]]
    """
    import numpy as np
    import scipy.sparse as sp

    if not len(left):
        empty = np.zeros(0, dtype=np.float32)
        return {"hop_max": empty, "hop_sum": empty}
    rows = np.concatenate([left, right])
    cols = np.concatenate([right, left])
    both = np.concatenate([values, values]).astype(np.float32)
    graph = sp.csr_matrix((both, (rows, cols)), shape=(n, n))
    one, other = graph[left], graph[right]
    hop_sum = np.asarray(one.multiply(other).sum(axis=1), dtype=np.float32).ravel()
    hop_max = one.minimum(other).max(axis=1).toarray().astype(np.float32).ravel()
    return {"hop_max": hop_max, "hop_sum": hop_sum}


def stacked_features(feats: dict[str, Any], first: Any) -> dict[str, Any]:
    """``feats`` plus the stage-1 probability ``first`` of each pair, its margins and
    ratio, and its two-hop support (:data:`STACKED`)."""
    import numpy as np

    out = dict(feats)
    out.update(two_hop(feats["size"], feats["left"], feats["right"], first))
    out["first_p"] = first
    best = _row_best(feats["size"], feats["left"], feats["right"], first, max(FIRST_MARGINS))
    out.update(_margins(first, best, feats["left"], feats["right"], FIRST_MARGINS, "first_margin"))
    out["first_relative"] = first / np.maximum(
        np.maximum(best[feats["left"], 0], best[feats["right"], 0]), 1e-6
    )
    return out


class Stage(Protocol):
    """One stage of the model: a LightGBM ``Booster`` (or anything that answers the
    same two calls), its input columns named by ``feature_name()``."""

    def feature_name(self) -> list[str]: ...

    def predict(self, data: Any, *, raw_score: bool) -> Any: ...


@dataclass(frozen=True)
class Model:
    """The two stages, and the shift added to the final stage's log-odds so that the
    default ``story_threshold`` (0.10) is the best cut (see ``stories_train.py``)."""

    first: Stage
    final: Stage
    shift: float = 0.0


def stage_probability(feats: dict[str, Any], stage: Stage, shift: float = 0.0) -> Any:
    """The probability of each scored pair by ``stage``, over the features it names,
    with ``shift`` added to its log-odds."""
    import numpy as np

    if not len(feats["left"]):
        return np.zeros(0)
    columns = np.stack([feats[name] for name in stage.feature_name()], axis=1)
    logit = np.asarray(stage.predict(columns, raw_score=True), dtype=np.float64) + shift
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
def packaged_model(*, semantic: bool) -> Model:
    """The packaged model (``data/story_similarity*.txt``, LightGBM's text format),
    with or without the :data:`SEMANTIC` features."""
    import lightgbm

    suffix = "_semantic" if semantic else ""
    shifts = {name: float(value) for name, value in data_table("story_similarity.tsv")}
    stages = {}
    for stage in ("first", "final"):
        name = f"story_similarity_{stage}{suffix}.txt"
        text = files("newsprism.data").joinpath(name).read_text(encoding="utf-8")
        stages[stage] = lightgbm.Booster(model_str=text)
    return Model(stages["first"], stages["final"], shifts[f"final{suffix}"])


def story_similarity(
    analyses: Sequence[Analysis],
    *,
    model: Model | None = None,
    embeddings: Any = None,
) -> Any:
    """The learned story similarity of every pair of ``analyses``: an ``n x n`` numpy
    array in 0..1 with 1 on the diagonal (not yet decayed by publication dates).

    Args:
        analyses: the batch; the features are relative to it (ranks, margins,
            neighbours), so a pair's similarity depends on the other articles.
        model: the two stages; by default the packaged one (:func:`packaged_model`,
            its semantic variant when ``embeddings`` are given).
        embeddings: optional sentence embeddings, one unit row per analysis (the
            ``semantic`` extra); the :data:`SEMANTIC` features then come from them.

    Example:
        >>> story_similarity([]).shape
        (0, 0)
    """
    feats = feature_matrices(analyses, embeddings=embeddings)
    if not len(feats["left"]):
        # No pair shares a word (or fewer than two articles): all apart.
        return as_matrix(feats, [])
    model = model or packaged_model(semantic=embeddings is not None)
    first = stage_probability(feats, model.first)
    final = stage_probability(stacked_features(feats, first), model.final, model.shift)
    return as_matrix(feats, final)
