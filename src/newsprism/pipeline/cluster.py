"""Clustering: grouping analysed articles into stories.

Two articles share a story when their texts are similar (TF-IDF cosine over words)
and they name the same people, organisations and places (Jaccard overlap of entity
ids). Articles are grouped by average-linkage agglomerative clustering over that
combined similarity, so a chain of loosely related articles does not merge into one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from ..models import Analysis, Story

__all__ = ["cluster", "similarity_matrix"]

# Weight of text similarity against entity overlap; set on the seeds and BASIL
# triplets, where same-event pairs share most named actors.
TEXT_WEIGHT = 0.6
KEY_ENTITY_COUNT = 8


def _entity_sets(analyses: Sequence[Analysis]) -> list[set[str]]:
    return [
        {m.entity for m in a.mentions if m.entity and not m.entity.startswith("group:")}
        for a in analyses
    ]


def similarity_matrix(analyses: Sequence[Analysis]) -> list[list[float]]:
    """Pairwise story similarity (0..1) of ``analyses``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [f"{a.article.title}\n{a.article.body}" for a in analyses]
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        texts
    )
    cosine = cosine_similarity(vectors)
    ents = _entity_sets(analyses)
    n = len(analyses)
    out = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            union = ents[i] | ents[j]
            jaccard = len(ents[i] & ents[j]) / len(union) if union else 0.0
            out[i][j] = TEXT_WEIGHT * float(cosine[i, j]) + (1 - TEXT_WEIGHT) * jaccard
    return out


def _groups(sim: list[list[float]], threshold: float) -> list[list[int]]:
    n = len(sim)
    if n < 2:
        return [list(range(n))]
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    distance = 1.0 - np.array(sim)
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
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _story(members: list[Analysis], sim_rows: list[list[float]]) -> Story:
    ids = tuple(sorted(a.article.id for a in members))
    # The medoid's headline labels the story: the article most similar to the rest.
    centre = max(range(len(members)), key=lambda k: sum(sim_rows[k]))
    counts = Counter(
        m.entity
        for a in members
        for m in a.mentions
        if m.entity and not m.entity.startswith("group:")
    )
    key = tuple(e for e, _ in counts.most_common(KEY_ENTITY_COUNT))
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]
    return Story(
        id=f"story-{digest}",
        title=members[centre].article.title,
        article_ids=tuple(a.article.id for a in members),
        key_entities=key,
    )


def cluster(analyses: Sequence[Analysis], *, threshold: float) -> tuple[Story, ...]:
    """Group ``analyses`` into stories, largest first.

    Args:
        analyses: analysed articles with resolved entities.
        threshold: combined similarity (0..1) above which articles join one story.
    """
    if not analyses:
        return ()
    sim = similarity_matrix(analyses)
    stories = []
    for group in _groups(sim, threshold):
        members = [analyses[i] for i in group]
        rows = [[sim[i][j] for j in group] for i in group]
        stories.append(_story(members, rows))
    return tuple(stories)
