"""Placing new articles in the stored stories, with the learned story similarity.

The store keeps the stories every reader shows (``brief``, the web app), so they are
made by the same learned similarity as a batch (:func:`newsprism.stories.cluster.cluster`)
and never re-clustered. :func:`place_articles` adds a batch of new articles:

1. **Copies.** An article whose body is a near-copy of a placed article (MinHash band
   keys, then the exact containment check of :mod:`newsprism.pipeline.dedup`) joins that
   article's story as a copy; a near-copy of an earlier new article (in publication
   order) joins it as that article's copy.
2. **The new articles among themselves.** The other new articles are grouped as the
   batch clustering groups them: the learned similarity over them, decayed by date,
   average linkage at ``threshold`` (above ``MAX_PAIRWISE`` articles, the one-pass
   lexical assignment, as the batch does).
3. **Against the stored stories.** For each new group, the lexical index
   (:mod:`newsprism.stories.index`) proposes the stored stories that share its
   heaviest terms and are still open; the :data:`JOIN_CANDIDATES` best by the lexical
   score are compared by the learned similarity over a small batch of the group and
   the latest :data:`MEMBERS_PER_STORY` voices of each. The group joins the candidate
   with the highest average similarity (average linkage, as in the batch) if it is at
   least ``threshold``, else opens a new story.

So a first ingest stores exactly the batch's stories, with the batch's ids (the hash of
the voices' ids, :func:`~newsprism.stories.story.story_id`); a story keeps its id as
articles join it, so ids are stable from run to run. Sentence embeddings (``embed``,
the ``semantic`` extra) are computed once per new voice, in one batch, and kept in the
store (``vectors``/``put_vectors``): later placements read the members' embeddings
back instead of computing them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..models import Analysis, Article, ArticleText, Document, StoryItem, StoryState
from ..pipeline.dedup import CONTAINMENT, band_keys, is_copy, shingles
from .cluster import MAX_PAIRWISE, group_pairs, medoid
from .index import (
    MAX_CANDIDATES,
    StoryIndex,
    article_vector,
    assign_items,
    item_from,
    join_story,
    lexical_score,
    open_story,
    since_day,
)
from .story import story_id
from .words import DECAY_DAYS, decay, story_text

__all__ = [
    "JOIN_CANDIDATES",
    "MEMBERS_PER_STORY",
    "Embedder",
    "Placement",
    "StoryStore",
    "place_articles",
]

# Stored stories compared by the learned similarity per new group (the best of the
# lexical index's MAX_CANDIDATES by the lexical score), and the latest voices read of
# each; CONTEXT more of the voices placed last are added to the comparison's batch, so
# that the model, which judges a pair against the articles around it (ranks, margins),
# does not see the candidates alone. A group joins a story at an average similarity of
# ``threshold + JOIN_MARGIN``: in such a small batch the model pairs articles more
# readily than in a whole one. Measured with benchmarks/stories.py's ``stored`` method
# (half the items ingested at once, then one at a time; words only): context 0, 20 and
# 40 gave BCubed F1 0.827, 0.859 and 0.862 on the first 120 NeuS val items (so NeuS val
# is not held out for this choice: BASIL is); then, on NeuS train only (40 stories),
# margins 0, 0.15, 0.3 and 0.5 gave 0.926, 0.933, 0.907 and 0.901.
JOIN_CANDIDATES = 4
MEMBERS_PER_STORY = 5
CONTEXT = 20
JOIN_MARGIN = 0.15

# Sentence embeddings of texts: an ``n x d`` array of unit rows (pipeline.semantic.embed).
Embedder = Callable[[Sequence[str]], Any]


class StoryStore(StoryIndex, Protocol):
    """A :class:`~newsprism.stories.index.StoryIndex` that also keeps memberships,
    near-duplicate lookup, member texts, article embeddings and entity counts: what
    :func:`place_articles` needs (implemented by
    :class:`newsprism.store.stories.StoredStories`)."""

    def placed(self, article_ids: Sequence[str]) -> set[str]: ...

    def copy_candidates(self, keys: Sequence[int]) -> list[str]: ...

    def body(self, article_id: str) -> str | None: ...

    def add_copy_keys(self, article_id: str, keys: Sequence[int]) -> None: ...

    def add_copy(self, item: StoryItem, *, canonical: str) -> str | None: ...

    def count_entities(self, story: str, entities: Sequence[str]) -> None: ...

    def member_texts(
        self, story_ids: Sequence[str], *, per_story: int
    ) -> dict[str, list[ArticleText]]:
        """The latest ``per_story`` voices of each story (placing order, newest first)."""
        ...

    def recent_texts(self, limit: int) -> list[ArticleText]:
        """The ``limit`` voices placed last, newest first."""
        ...

    def vectors(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """Stored article embeddings (float16 bytes) of those ``article_ids`` that have one."""
        ...

    def put_vectors(self, vectors: Mapping[str, bytes]) -> None: ...


@dataclass(frozen=True, slots=True)
class Placement:
    """Where :func:`place_articles` put one article."""

    article_id: str
    story_id: str
    duplicate_of: str | None = None
    is_new_story: bool = False


def place_articles(
    analyses: Sequence[Analysis],
    index: StoryStore,
    *,
    threshold: float,
    decay_days: float = DECAY_DAYS,
    containment: float = CONTAINMENT,
    embed: Embedder | None = None,
) -> list[Placement]:
    """Add ``analyses`` to the stories of ``index`` without re-clustering it (see the
    module docstring for how).

    Args:
        analyses: analysed articles; those already placed are skipped.
        index: the stored stories.
        threshold: the average similarity an article needs to join a story (the
            batch's ``story_threshold``).
        decay_days: e-folding time of the similarity between publication dates.
        containment: the share of shingles that makes a body a near-copy.
        embed: sentence embeddings for the learned similarity's semantic features
            (the batch's ``semantic``); words only when None.

    Returns:
        One :class:`Placement` per newly placed article.
    """
    done = index.placed([a.article.id for a in analyses])
    todo: dict[str, Analysis] = {}
    for a in analyses:
        if a.article.id not in done:
            todo.setdefault(a.article.id, a)
    if not todo:
        return []
    items = {aid: item_from(a) for aid, a in todo.items()}
    position = {aid: k for k, aid in enumerate(todo)}
    order = sorted(todo, key=lambda i: (items[i].day is None, items[i].day or 0, position[i]))
    out: list[Placement] = []
    canon: list[str] = []
    copies: dict[str, list[str]] = {}
    keys_of: dict[str, Sequence[int]] = {}
    seen = _Copies(containment)
    for aid in order:
        body = shingles(todo[aid].article.body)
        keys = band_keys(body)
        stored = _stored_copy(body, keys, index, containment=containment)
        if stored is not None:
            story = index.add_copy(items[aid], canonical=stored)
            if story is not None:
                out.append(Placement(aid, story, duplicate_of=stored))
                _count_entities(index, story, todo[aid])
                continue
        original = seen.copy_of(body, keys)
        if original is not None:
            copies.setdefault(original, []).append(aid)
            continue
        seen.add(aid, body, keys)
        canon.append(aid)
        keys_of[aid] = keys
    if not canon:  # every new article was a copy of a placed one
        return out
    for aid in canon:
        index.count_terms(set(items[aid].tokens))
    vectors = _Vectors(index, embed)
    # Every new voice is embedded now, in one batch, and kept: a later placement then
    # reads its story's members from the store instead of embedding them.
    vectors.of([(aid, story_text(todo[aid])) for aid in canon])
    opened: set[str] = set()
    for group, label in _groups(canon, todo, items, threshold, decay_days, vectors):
        state, is_new = _place_group(
            group, label, todo, items, index, threshold, decay_days, vectors, opened
        )
        for aid in group:
            out.append(Placement(aid, state.id, is_new_story=is_new))
            index.add_copy_keys(aid, keys_of[aid])
            _count_entities(index, state.id, todo[aid])
            for copy in copies.get(aid, ()):
                index.add_copy(items[copy], canonical=aid)
                out.append(Placement(copy, state.id, duplicate_of=aid))
                _count_entities(index, state.id, todo[copy])
    vectors.save()
    return out


def _groups(
    canon: list[str],
    todo: dict[str, Analysis],
    items: dict[str, StoryItem],
    threshold: float,
    decay_days: float,
    vectors: _Vectors,
) -> list[tuple[list[str], str]]:
    """The new canonical articles grouped as the batch clustering groups them, each
    group with its label (the medoid's headline), in the order of their first member."""
    if len(canon) == 1:
        return [(canon, items[canon[0]].title)]
    if len(canon) > MAX_PAIRWISE:
        states = assign_items(
            [items[aid] for aid in canon], threshold=threshold, decay_days=decay_days
        )
        return [(list(s.members), s.label) for s in states]
    import numpy as np

    from .similarity import story_similarity

    batch = [todo[aid] for aid in canon]
    embeddings = vectors.of([(aid, story_text(a)) for aid, a in zip(canon, batch, strict=True)])
    sim = np.asarray(
        decay(story_similarity(batch, embeddings=embeddings), batch, decay_days=decay_days)
    )
    groups = []
    for rows in group_pairs(sim, threshold):
        rows.sort()
        members = [canon[i] for i in rows]
        centre = medoid(sim[np.ix_(rows, rows)], members)
        groups.append((members, items[members[centre]].title))
    groups.sort(key=lambda g: canon.index(g[0][0]))
    return groups


def _place_group(
    group: list[str],
    label: str,
    todo: dict[str, Analysis],
    items: dict[str, StoryItem],
    index: StoryStore,
    threshold: float,
    decay_days: float,
    vectors: _Vectors,
    opened: set[str],
) -> tuple[StoryState, bool]:
    """Join ``group`` to the stored story the learned similarity finds closest, or open
    a new story of it; returns the story and whether it is new."""
    lexical = {aid: article_vector(items[aid], index) for aid in group}
    scores: dict[str, tuple[float, StoryState]] = {}
    for aid in group:
        item = items[aid]
        vec, query = lexical[aid]
        since = since_day(item, threshold, decay_days)
        for state in index.candidates(query, since_day=since, limit=MAX_CANDIDATES):
            if state.id in opened:  # kept apart from this group by the batch grouping
                continue
            score = lexical_score(item, vec, state, decay_days=decay_days)
            if state.id not in scores or score > scores[state.id][0]:
                scores[state.id] = (score, state)
    ranked = sorted(scores.values(), key=lambda sc: (-sc[0], sc[1].id))[:JOIN_CANDIDATES]
    chosen = _closest(group, todo, [s for _, s in ranked], index, threshold, decay_days, vectors)
    if chosen is None:
        first = items[group[0]]
        chosen = open_story(first, lexical[group[0]][0], index, sid=story_id(group), label=label)
        opened.add(chosen.id)
        rest, is_new = group[1:], True
    else:
        rest, is_new = group, False
    for aid in rest:
        vec, query = lexical[aid]
        join_story(chosen, items[aid], vec, query, index)
    return chosen, is_new


def _closest(
    group: list[str],
    todo: dict[str, Analysis],
    candidates: list[StoryState],
    index: StoryStore,
    threshold: float,
    decay_days: float,
    vectors: _Vectors,
) -> StoryState | None:
    """The candidate whose latest voices are closest to ``group`` by the learned
    similarity (average over the group's and the story's articles), if at least
    ``threshold``."""
    if not candidates:
        return None
    import numpy as np

    from .similarity import story_similarity

    texts = index.member_texts([s.id for s in candidates], per_story=MEMBERS_PER_STORY)
    batch = [todo[aid] for aid in group]
    ids = list(group)
    blocks: list[tuple[StoryState, int, int]] = []
    for state in candidates:
        members = [t for t in texts.get(state.id, ()) if t.id not in todo]
        if not members:
            continue
        blocks.append((state, len(batch), len(batch) + len(members)))
        batch += [_light(t) for t in members]
        ids += [t.id for t in members]
    if not blocks:
        return None
    # Other recent articles as context: the model judges a pair against the articles
    # around it (ranks, margins), as in a batch, not against the candidates alone.
    have = set(ids)
    context = [t for t in index.recent_texts(CONTEXT + len(have)) if t.id not in have]
    batch += [_light(t) for t in context[:CONTEXT]]
    ids += [t.id for t in context[:CONTEXT]]
    embeddings = vectors.of([(i, story_text(a)) for i, a in zip(ids, batch, strict=True)])
    sim = np.asarray(
        decay(story_similarity(batch, embeddings=embeddings), batch, decay_days=decay_days)
    )
    g = len(group)
    best, best_score = None, threshold + JOIN_MARGIN
    for state, start, end in blocks:
        score = float(np.round(sim[:g, start:end].mean(), 6))
        if score >= best_score:
            best, best_score = state, score
    return best


def _light(text: ArticleText) -> Analysis:
    """An analysis holding only what the story similarity reads of a stored article."""
    document = Document(id=text.id, source="", text="", published=text.published)
    return Analysis(
        article=Article(document=document, title=text.title, body=text.body, segments=())
    )


class _Vectors:
    """Article embeddings for one placement: read from the store, else computed (all
    missing ones of a call in one batch) and kept for the store."""

    def __init__(self, index: StoryStore, embed: Embedder | None) -> None:
        self._index = index
        self._embed = embed
        self._known: dict[str, Any] = {}
        self._new: dict[str, bytes] = {}

    def of(self, texts: Sequence[tuple[str, str]]) -> Any:
        """Unit embeddings of ``(article id, text)`` pairs as rows, or None without
        an embedder."""
        if self._embed is None:
            return None
        import numpy as np

        wanted = [i for i, _ in texts if i not in self._known]
        for aid, blob in self._index.vectors(wanted).items():
            self._known[aid] = _unit(np.frombuffer(blob, dtype=np.float16).astype(np.float32))
        missing = [(i, t) for i, t in texts if i not in self._known]
        if missing:
            rows = np.asarray(self._embed([t for _, t in missing]), dtype=np.float32)
            for (aid, _), row in zip(missing, rows, strict=True):
                self._new[aid] = row.astype(np.float16).tobytes()
                self._known[aid] = _unit(row)
        return np.stack([self._known[i] for i, _ in texts])

    def save(self) -> None:
        """Store the embeddings computed in this placement."""
        if self._new:
            self._index.put_vectors(self._new)
            self._new = {}


def _unit(row: Any) -> Any:
    import numpy as np

    norm = float(np.linalg.norm(row))
    return row / norm if norm > 0 else row


class _Copies:
    """Band keys and shingles of the new canonical articles, for copies among them."""

    def __init__(self, containment: float) -> None:
        self._containment = containment
        self._bands: dict[tuple[int, int], list[str]] = {}
        self._bodies: dict[str, set[str]] = {}

    def add(self, aid: str, body: set[str], keys: Sequence[int]) -> None:
        self._bodies[aid] = body
        for band, key in enumerate(keys):
            self._bands.setdefault((band, key), []).append(aid)

    def copy_of(self, body: set[str], keys: Sequence[int]) -> str | None:
        seen: set[str] = set()
        for band, key in enumerate(keys):
            for aid in self._bands.get((band, key), ()):
                if aid in seen:
                    continue
                seen.add(aid)
                if is_copy(body, self._bodies[aid], containment=self._containment):
                    return aid
        return None


def _count_entities(index: StoryStore, story: str, analysis: Analysis) -> None:
    entities = [
        m.entity for m in analysis.mentions if m.entity and not m.entity.startswith("group:")
    ]
    if entities:
        index.count_entities(story, entities)


def _stored_copy(
    body: set[str], keys: Sequence[int], index: StoryStore, *, containment: float
) -> str | None:
    """The canonical id of a placed article whose body ``body`` copies, or None."""
    for candidate in index.copy_candidates(keys):
        text = index.body(candidate)
        if text is not None and is_copy(body, shingles(text), containment=containment):
            return candidate
    return None
