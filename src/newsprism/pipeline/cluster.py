"""Clustering: grouping analysed articles into stories.

Two articles share a story when the learned story similarity
(:mod:`newsprism.pipeline.story_similarity`) says so: the probability, from a logistic
model fitted on NeuS train, that they report one story, from their word, headline, name
and number overlaps and from their neighbourhood in the batch (each among the other's
nearest, clearly above the next ones, with neighbours in common). It is decayed by
``exp(-days apart / DECAY_DAYS)`` when both dates are known, so an old story does not
swallow today's article on the same topic. Articles are grouped by average-linkage
agglomerative clustering over that similarity, so a chain of loosely related articles
does not merge into one.

With sentence embeddings (``semantic``: the ``semantic`` extra, used by default when
installed), the learned model also reads their cosines and ranks (its ``*_semantic``
models). The model reads whole articles as well as headline and lead, and was fitted
with long undated articles (BASIL) beside NeuS leads, so long pairs need no floor. The
lexical similarity that came before (:func:`similarity_matrix`: the TF-IDF cosine less
a chance level) is what the incremental index uses.

Near-duplicates (``Analysis.duplicate_of``, from :mod:`newsprism.pipeline.dedup`) are
not clustered themselves: each joins its canonical copy's story, which lists the
outlets of every copy and keeps one voice per copy group.

Entity overlap is used to describe a story (its key entities); as a similarity, the
overlap of resolved entity ids lowered BCubed F1 on NeuS (0.86 to 0.83 at 20% weight),
while the learned model's shared proper nouns (cheap, from capitalisation) help a little.

For batches too large for a pairwise matrix, and for adding articles to stored
stories, :mod:`newsprism.pipeline.story_index` assigns articles one at a time with the
lexical tokens, weighting and time decay.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from ..models import Analysis, Story

__all__ = [
    "DECAY_DAYS",
    "cluster",
    "day_number",
    "decay",
    "make_story",
    "similarity_matrix",
    "story_id",
    "story_similarity_matrix",
    "tokenize",
    "tokenize_all",
]

# e-folding time of the similarity between two articles' publication dates. BASIL
# events are covered within 0-4 days by all three outlets; with a week the BCubed F1
# there stays >= 0.986 for thresholds 0.08-0.15 (0.95 without any decay), while
# same-topic events weeks apart separate.
DECAY_DAYS = 7.0
# Chance similarity: two unrelated texts share words by chance, more so when short
# (a 50-word lead) than when long (a 400-word article), roughly as 1/sqrt(length). The
# similarity of a pair is lowered by CHANCE / sqrt(tokens of the shorter one). Chosen
# with the threshold (benchmarks/stories.py): 0.8 with 0.10 gives the best mean BCubed
# F1 over NeuS train and BASIL, and F1 stays within 0.02 of it for 0.5-1.0 / 0.08-0.12.
CHANCE = 0.8
KEY_ENTITY_COUNT = 8
# Above this many articles the pairwise matrix (n^2 floats) is replaced by one-pass
# assignment (story_index); 4,000 articles is 128 MB of float64.
MAX_PAIRWISE = 4000
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def tokenize(text: str) -> list[str]:
    """Lower-cased words of ``text`` without English stop words, numbers kept.

    The same cheap tokens serve the batch clustering, the incremental index and the
    scale benchmark (no spaCy needed).
    """
    stop = _stop_words()
    out = []
    for m in _WORD.finditer(text.lower()):
        w = m.group().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) > 1 and w not in stop:
            out.append(w)
    return out


def tokenize_all(texts: Iterable[str]) -> Iterator[tuple[str, ...]]:
    """:func:`tokenize` of each text, as a tuple, with one
    memo of the words seen across all of them.

    Each distinct word goes through ``tokenize`` once (a word is one match of its
    pattern, so its rules stay in one place), which takes ~20% less CPU time on 20k
    generated articles; and equal tokens are one string object, so the tokens of a
    million articles cost a pointer each (8 bytes) rather than a string each (~55).

    Example:
        >>> list(tokenize_all(["The senator's bill", "A bill"]))
        [('senator', 'bill'), ('bill',)]
    """
    memo: dict[str, str] = {}
    get = memo.get
    for text in texts:
        words = _WORD.findall(text.lower())
        out = list(map(get, words))
        if None in out:
            for k, token in enumerate(out):
                if token is None:
                    word = words[k]
                    token = get(word)
                    if token is None:
                        found = tokenize(word)
                        # "" marks a dropped word (stop word, one letter): no token is empty.
                        token = memo[word] = found[0] if found else ""
                    out[k] = token
        yield tuple(filter(None, out))


def day_number(published: str | None) -> int | None:
    """The proleptic day number of an ISO date (``2019-05-01`` or a timestamp), or None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _text(a: Analysis) -> str:
    return f"{a.article.title}\n{a.article.body}"


def similarity_matrix(analyses: Sequence[Analysis], *, decay_days: float = DECAY_DAYS) -> object:
    """Pairwise story similarity of ``analyses`` as an ``n x n`` numpy array: the
    time-decayed TF-IDF cosine less the chance level of the pair (may be negative).
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    tokens = [tokenize(_text(a)) for a in analyses]
    if not any(tokens):
        # Nothing to compare (only stop words, numbers alone or empty texts): every
        # article is its own story. scikit-learn refuses an empty vocabulary.
        return np.eye(len(analyses))
    vectors = TfidfVectorizer(analyzer=_given, sublinear_tf=True).fit_transform(tokens)
    sim = (vectors @ vectors.T).toarray()
    lengths = np.array([max(len(t), 1) for t in tokens], dtype=float)
    sim -= CHANCE / np.sqrt(np.minimum(lengths[:, None], lengths[None, :]))
    return np.clip(decay(sim, analyses, decay_days=decay_days), -1.0, 1.0)


def decay(sim: object, analyses: Sequence[Analysis], *, decay_days: float = DECAY_DAYS) -> Any:
    """``sim`` (``n x n``) times ``exp(-days apart / decay_days)`` for the pairs of
    ``analyses`` whose dates are both known; other pairs unchanged."""
    import numpy as np

    matrix = np.asarray(sim, dtype=float)
    days = [day_number(a.article.published or a.article.document.published) for a in analyses]
    if decay_days <= 0 or not any(d is not None for d in days):
        return matrix
    known = np.array([d is not None for d in days])
    d = np.array([d if d is not None else 0 for d in days], dtype=float)
    apart = np.abs(d[:, None] - d[None, :])
    both = known[:, None] & known[None, :]
    return np.where(both, matrix * np.exp(-apart / decay_days), matrix)


def story_similarity_matrix(
    analyses: Sequence[Analysis], *, decay_days: float = DECAY_DAYS, embeddings: object = None
) -> object:
    """The similarity the batch clustering uses: the learned story similarity
    (:func:`newsprism.pipeline.story_similarity.story_similarity`, with the embedding
    cosine as a feature when ``embeddings`` are given), decayed by date
    (:func:`decay`)."""
    from .story_similarity import story_similarity

    learned = story_similarity(analyses, embeddings=embeddings)
    return decay(learned, analyses, decay_days=decay_days)


def _given(tokens: list[str]) -> list[str]:
    return tokens


def _groups(sim: object, threshold: float) -> list[list[int]]:
    import numpy as np

    matrix = np.asarray(sim)
    n = len(matrix)
    if n < 2:  # before importing scikit-learn: seconds of start-up for nothing
        return [list(range(n))]
    from sklearn.cluster import AgglomerativeClustering

    distance = 1.0 - matrix
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    ).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return list(groups.values())


def story_id(article_ids: Iterable[str]) -> str:
    """A stable id from the ids of a story's first articles."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:12]
    return f"story-{digest}"


def make_story(
    members: Sequence[Analysis],
    *,
    centre: int = 0,
    copies: Sequence[Analysis] = (),
    sid: str | None = None,
) -> Story:
    """The :class:`Story` of ``members`` (canonical copies) plus their ``copies``.

    Args:
        members: the story's canonical articles; ``members[centre]`` gives the label.
        centre: index of the most central member (its headline labels the story).
        copies: duplicates of members, listed in the story but not as voices.
        sid: the story id; by default derived from the member ids.
    """
    everyone = [*members, *copies]
    counts = Counter(
        m.entity
        for a in everyone
        for m in a.mentions
        if m.entity and not m.entity.startswith("group:")
    )
    dates = sorted(
        p for a in everyone if (p := a.article.published or a.article.document.published)
    )
    outlets = sorted({a.article.outlet_name for a in everyone})
    voices = tuple(a.article.id for a in members)
    return Story(
        id=sid or story_id(voices),
        title=members[centre].article.title if members else "",
        article_ids=tuple(a.article.id for a in everyone),
        key_entities=tuple(e for e, _ in counts.most_common(KEY_ENTITY_COUNT)),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        outlets=tuple(outlets),
        voices=voices,
    )


def cluster(
    analyses: Sequence[Analysis],
    *,
    threshold: float,
    decay_days: float = DECAY_DAYS,
    semantic: bool = False,
) -> tuple[Story, ...]:
    """Group ``analyses`` into stories, largest first.

    Args:
        analyses: analysed articles; those with ``duplicate_of`` set join the story of
            their canonical copy.
        threshold: similarity above which articles join one story.
        decay_days: e-folding time, in days, of the similarity between publication
            dates (0 turns the decay off).
        semantic: give the sentence-embedding cosine (the ``semantic`` extra) to the
            learned similarity as a feature; the one-pass path above ``MAX_PAIRWISE``
            ignores it.

    Returns:
        The stories; every article is in exactly one.

    Raises:
        ModelError: ``semantic`` is on but the ``semantic`` extra is not installed.

    Example:
        >>> cluster([], threshold=0.1)
        ()
    """
    if not analyses:
        return ()
    ids = {a.article.id for a in analyses}
    canon = [a for a in analyses if not a.duplicate_of or a.duplicate_of not in ids]
    copies: dict[str, list[Analysis]] = {}
    for a in analyses:
        if a.duplicate_of and a.duplicate_of in ids:
            copies.setdefault(a.duplicate_of, []).append(a)
    if len(canon) > MAX_PAIRWISE:
        from .story_index import assign_all

        return assign_all(analyses, threshold=threshold, decay_days=decay_days)
    import numpy as np

    embeddings = None
    # One article is one story whatever its embedding: the model (seconds to load) is
    # loaded only when there is a pair to compare.
    if semantic and len(canon) > 1:
        from .semantic import embed

        embeddings = embed([_text(a) for a in canon])
    if len(canon) == 1:  # one story of one article: no similarity to compute
        sim = np.ones((1, 1))
    else:
        sim = np.asarray(
            story_similarity_matrix(canon, decay_days=decay_days, embeddings=embeddings)
        )
    stories = []
    for group in _groups(sim, threshold):
        members = [canon[i] for i in group]
        rows = sim[np.ix_(group, group)]
        # The medoid's headline labels the story: the article most similar to the rest.
        # Sums are rounded so that float noise (threaded BLAS, embeddings) cannot flip a
        # tie from run to run; a tie goes to the smallest article id: the same inputs
        # always give the same title.
        totals = np.round(rows.sum(axis=1), 6)
        best = totals.max()
        centre = min(
            (i for i in range(len(members)) if totals[i] == best),
            key=lambda i: members[i].article.id,
        )
        dups = [c for m in members for c in copies.get(m.article.id, ())]
        stories.append(make_story(members, centre=centre, copies=dups))
    stories.sort(key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))
    return tuple(stories)
