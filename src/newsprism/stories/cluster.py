"""Clustering: grouping analysed articles into stories.

Two articles share a story when the learned story similarity
(:mod:`newsprism.stories.similarity`) says so: the probability, from a logistic
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
lexical similarity that came before (:func:`~newsprism.stories.words.similarity_matrix`:
the TF-IDF cosine less a chance level) is what the incremental index uses.

Near-duplicates (``Analysis.duplicate_of``, from :mod:`newsprism.pipeline.dedup`) are
not clustered themselves: each joins its canonical copy's story, which lists the
outlets of every copy and keeps one voice per copy group.

Entity overlap is used to describe a story (its key entities); as a similarity, the
overlap of resolved entity ids lowered BCubed F1 on NeuS (0.86 to 0.83 at 20% weight),
while the learned model's shared proper nouns (cheap, from capitalisation) help a little.

For batches too large for a pairwise matrix, and for adding articles to stored
stories, :mod:`newsprism.stories.index` assigns articles one at a time with the
lexical tokens, weighting and time decay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Analysis, Story
from .story import make_story
from .words import DECAY_DAYS, decay, story_text

__all__ = ["MAX_PAIRWISE", "cluster", "group_pairs", "medoid", "story_similarity_matrix"]

# Above this many articles the pairwise matrix (n^2 floats) is replaced by one-pass
# assignment (story_index); 4,000 articles is 128 MB of float64.
MAX_PAIRWISE = 4000


def story_similarity_matrix(
    analyses: Sequence[Analysis], *, decay_days: float = DECAY_DAYS, embeddings: object = None
) -> object:
    """The similarity the batch clustering uses: the learned story similarity
    (:func:`newsprism.stories.similarity.story_similarity`, with the embedding
    cosine as a feature when ``embeddings`` are given), decayed by date
    (:func:`decay`)."""
    from .similarity import story_similarity

    learned = story_similarity(analyses, embeddings=embeddings)
    return decay(learned, analyses, decay_days=decay_days)


def group_pairs(sim: object, threshold: float) -> list[list[int]]:
    """Average-linkage groups (lists of row indices) of the similarity matrix ``sim``,
    cut where the average similarity falls below ``threshold``."""
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


def medoid(rows: Any, ids: Sequence[str]) -> int:
    """The index of the most central of a story's articles (ids ``ids``, similarity
    ``rows`` among them): the one most similar to the rest; its headline labels the
    story.

    Sums are rounded so that float noise (threaded BLAS, embeddings) cannot flip a tie
    from run to run; a tie goes to the smallest article id: the same inputs always give
    the same title.
    """
    import numpy as np

    totals = np.round(np.asarray(rows).sum(axis=1), 6)
    best = totals.max()
    return min((i for i in range(len(ids)) if totals[i] == best), key=lambda i: ids[i])


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
        from .index import assign_all

        return assign_all(analyses, threshold=threshold, decay_days=decay_days)
    import numpy as np

    embeddings = None
    # One article is one story whatever its embedding: the model (seconds to load) is
    # loaded only when there is a pair to compare.
    if semantic and len(canon) > 1:
        from ..pipeline.semantic import embed

        embeddings = embed([story_text(a) for a in canon])
    if len(canon) == 1:  # one story of one article: no similarity to compute
        sim = np.ones((1, 1))
    else:
        sim = np.asarray(
            story_similarity_matrix(canon, decay_days=decay_days, embeddings=embeddings)
        )
    stories = []
    for group in group_pairs(sim, threshold):
        members = [canon[i] for i in group]
        centre = medoid(sim[np.ix_(group, group)], [m.article.id for m in members])
        dups = [c for m in members for c in copies.get(m.article.id, ())]
        stories.append(make_story(members, centre=centre, copies=dups))
    stories.sort(key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))
    return tuple(stories)
