"""Incremental story assignment: one article joins an existing story or opens a new one.

Each story keeps a signature: the sum of its members' unit TF-IDF vectors (the
centroid, cut to its ``CENTROID_TERMS`` heaviest terms), its size and its time span.
An article's score against a story is ``article . centroid / size`` -- the average
cosine to the members, as in the batch's average linkage -- times
``exp(-days since the story's last article / decay_days)``. The article joins the best
story scoring at least ``threshold``, else opens a new one. Candidates come from an
inverted index over the centroids' terms, restricted to stories whose last article is
within the horizon ``decay_days * ln(1 / threshold)`` (beyond it no story can score
above the threshold); at most ``MAX_CANDIDATES`` of them, those sharing most query
terms, are scored, and :class:`MemoryIndex` walks at most ``POSTING_LIMIT`` stories
per term, so the cost of an assignment does not grow with the store.

IDF comes from document frequencies the index keeps (every assigned article counts);
a batch can seed them first (:func:`assign_all`) so that early articles are weighted
like late ones.

The index is a seam: :class:`MemoryIndex` keeps everything in dicts (a batch, the
scale benchmark); the SQLite store implements the same methods
(:class:`newsprism.store.stories.StoredStories`), where the index proposes the
candidate stories a new article is compared with by the learned similarity
(:mod:`newsprism.stories.place`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import mul
from typing import Protocol

from ..models import Analysis, Story, StoryItem, StoryState
from .story import make_story, story_id
from .words import CHANCE, DECAY_DAYS, day_number, story_text, tokenize, tokenize_all

# The record's name where this module began; models.StoryItem is the same class.
Item = StoryItem

__all__ = [
    "Item",
    "MemoryIndex",
    "StoryIndex",
    "StoryItem",
    "StoryState",
    "add_item",
    "article_vector",
    "assign_all",
    "assign_items",
    "horizon_days",
    "item_from",
    "join_story",
    "lexical_score",
    "open_story",
    "since_day",
]

# Terms kept per story centroid and per article query: enough for cosines on full
# articles to stay within 0.01 of the untruncated value on BASIL.
CENTROID_TERMS = 200
QUERY_TERMS = 12
# Stories scored per article: those sharing most of its QUERY_TERMS. Bounds the cost
# of an assignment when many stories are open at once (without it, 100k generated
# articles over a year took 83x the time of 10k); the best story shares several of
# the article's heaviest terms, so it is among them.
MAX_CANDIDATES = 16
# Stories an in-memory posting list keeps per term: the last ones posted under it (a
# story is posted again under the query terms of each article that joins it). Bounds
# the walk that gathers the candidates to QUERY_TERMS x POSTING_LIMIT ids; walking
# whole postings made the stories step superlinear (100k generated articles took 26x
# the time of 10k), as postings grow with the stories open at once. On 100k generated
# articles (benchmarks/scale.py) B3 F1 is 0.858 with limits 8, 16, 32 and 64, as with
# none; on 300k, 0.845 with 16 and 0.844 with none (108 vs 602 CPU s). 16 leaves room
# for the 10x more stories open at once at 1M.
POSTING_LIMIT = 16


class StoryIndex(Protocol):
    """Where story signatures and document frequencies live."""

    def document_count(self) -> int: ...

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]: ...

    def count_terms(self, terms: Iterable[str]) -> None: ...

    def candidates(
        self, terms: Sequence[str], *, since_day: int | None, limit: int | None = None
    ) -> list[StoryState]:
        """Stories posted under any of ``terms`` whose last article is on or after
        ``since_day``; with ``limit``, only that many, those sharing most terms first."""
        ...

    def save(self, state: StoryState, *, new_terms: Sequence[str], item: Item) -> None:
        """Keep ``state`` with ``item`` as a member, posted under ``new_terms``: the
        terms new to its centroid, then query terms of ``item`` it was posted under
        before (posting again is a no-op where every posting is kept)."""
        ...


def horizon_days(threshold: float, decay_days: float = DECAY_DAYS) -> float:
    """Days after its last article beyond which a story cannot reach ``threshold``."""
    if decay_days <= 0 or threshold <= 0:
        return math.inf
    return decay_days * math.log(1.0 / min(threshold, 1.0))


def item_from(analysis: Analysis, *, tokens: tuple[str, ...] | None = None) -> Item:
    """The :class:`Item` of an analysed article (``tokens``: its tokens, when
    already computed by :func:`~newsprism.stories.words.tokenize_all`)."""
    art = analysis.article
    if tokens is None:
        tokens = tuple(tokenize(story_text(analysis)))
    return Item(
        id=art.id,
        title=art.title,
        tokens=tokens,
        day=day_number(art.published or art.document.published),
        published=art.published or art.document.published,
        outlet=art.outlet_name,
    )


def _vector(counts: dict[str, int], df: dict[str, int], n_docs: int) -> dict[str, float]:
    vec = {
        t: (1.0 + math.log(c)) * (math.log((1 + n_docs) / (1 + df.get(t, 0))) + 1.0)
        for t, c in counts.items()
    }
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


def _top(vec: dict[str, float], k: int) -> dict[str, float]:
    if len(vec) <= k:
        return dict(vec)
    return dict(sorted(vec.items(), key=lambda kv: -kv[1])[:k])


def add_item(
    item: Item,
    index: StoryIndex,
    *,
    threshold: float,
    decay_days: float = DECAY_DAYS,
    count_terms: bool = True,
) -> StoryState:
    """Place ``item`` in the best open story of ``index`` or open a new one.

    Args:
        item: the article's tokens and date.
        index: where stories live; updated with the new membership.
        threshold: score an article needs to join a story.
        decay_days: e-folding time of the score between the article and the story's
            last article (0 turns the decay off).
        count_terms: add the article's terms to the document frequencies first
            (False when the batch was counted beforehand).

    Returns:
        The story the article is now in.
    """
    if count_terms:
        index.count_terms(set(item.tokens))
    vec, query = article_vector(item, index)
    best: StoryState | None = None
    best_score = threshold
    for state in index.candidates(
        query, since_day=since_day(item, threshold, decay_days), limit=MAX_CANDIDATES
    ):
        score = lexical_score(item, vec, state, decay_days=decay_days)
        if score >= best_score:
            best, best_score = state, score
    if best is None:
        return open_story(item, vec, index)
    join_story(best, item, vec, query, index)
    return best


def article_vector(item: StoryItem, index: StoryIndex) -> tuple[dict[str, float], list[str]]:
    """The unit TF-IDF vector of ``item`` under the document frequencies of ``index``,
    and its :data:`QUERY_TERMS` heaviest terms (what candidates are looked up by)."""
    counts = Counter(item.tokens)
    df = index.document_frequencies(list(counts))
    vec = _vector(counts, df, max(index.document_count(), 1))
    return vec, heapq.nlargest(QUERY_TERMS, vec, key=vec.__getitem__)


def since_day(item: StoryItem, threshold: float, decay_days: float = DECAY_DAYS) -> int | None:
    """The first day a story's last article may fall on to be a candidate for ``item``
    (None: any)."""
    horizon = horizon_days(threshold, decay_days)
    if item.day is None or not math.isfinite(horizon):
        return None
    return item.day - math.floor(horizon)


def lexical_score(
    item: StoryItem,
    vec: dict[str, float],
    state: StoryState,
    *,
    decay_days: float = DECAY_DAYS,
) -> float:
    """The average cosine of ``item`` (vector ``vec``) to the members of ``state``,
    decayed by the days between them, less the chance level."""
    centroid = state.centroid
    # Over the shared terms only, all in C: this dot product is most of the
    # assignment time. fsum is exact, so the set's order does not matter.
    shared = vec.keys() & centroid.keys()
    dot = math.fsum(map(mul, map(vec.__getitem__, shared), map(centroid.__getitem__, shared)))
    score = dot / state.size
    if decay_days > 0 and item.day is not None and state.last_day is not None:
        score *= math.exp(-abs(item.day - state.last_day) / decay_days)
    shorter = min(len(item.tokens), state.tokens / state.size)
    return score - CHANCE / math.sqrt(max(shorter, 1.0))


def open_story(
    item: StoryItem,
    vec: dict[str, float],
    index: StoryIndex,
    *,
    sid: str | None = None,
    label: str | None = None,
) -> StoryState:
    """A new story of ``item`` alone (id ``sid``, by default from the item's id; label
    ``label``, by default its title), saved in ``index``."""
    state = StoryState(
        id=sid or story_id([item.id]),
        label=item.title if label is None else label,
        size=1,
        centroid=_top(vec, CENTROID_TERMS),
        first_day=item.day,
        last_day=item.day,
        first_published=item.published,
        last_published=item.published,
        members=[item.id],
        tokens=len(item.tokens),
    )
    index.save(state, new_terms=list(state.centroid), item=item)
    return state


def join_story(
    state: StoryState,
    item: StoryItem,
    vec: dict[str, float],
    query: Sequence[str],
    index: StoryIndex,
) -> None:
    """Add ``item`` (vector ``vec``, query terms ``query``) to ``state`` and save it in
    ``index``: the centroid, size, token count and time span take the new member."""
    before = state.centroid.keys()  # of the old centroid, which is not changed
    merged = dict(state.centroid)
    for t, w in vec.items():
        merged[t] = merged.get(t, 0.0) + w
    state.centroid = _top(merged, CENTROID_TERMS)
    state.size += 1
    state.tokens += len(item.tokens)
    state.members.append(item.id)
    if item.day is not None:
        if state.first_day is None or item.day < state.first_day:
            state.first_day, state.first_published = item.day, item.published
        if state.last_day is None or item.day > state.last_day:
            state.last_day, state.last_published = item.day, item.published
    centroid = state.centroid
    new_terms = [t for t in centroid if t not in before]
    # The query terms again: an index that keeps only the last stories posted under a
    # term (MemoryIndex) keeps this active story; a store that keeps all ignores them.
    new_terms += [t for t in query if t in before and t in centroid]
    index.save(state, new_terms=new_terms, item=item)


class MemoryIndex:
    """A :class:`StoryIndex` in dicts. Stories whose horizon has passed for every
    later candidate can be dropped with :meth:`close_before` to bound memory; each
    term keeps the last ``posting_limit`` stories posted under it."""

    def __init__(self, *, posting_limit: int = POSTING_LIMIT) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}
        # Per term, story ids in the order they were (re)posted, oldest first, at most
        # posting_limit (dicts as ordered sets: the oldest is dropped in O(1)). Ids of
        # closed stories are skipped when read and age out as others are posted.
        self.postings: dict[str, dict[str, None]] = {}
        self.posting_limit = posting_limit
        self.closed: list[StoryState] = []

    def document_count(self) -> int:
        return self.n_docs

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        df = self.df
        return {t: df[t] for t in terms if t in df}

    def count_terms(self, terms: Iterable[str]) -> None:
        self.df.update(terms)
        self.n_docs += 1

    def candidates(
        self, terms: Sequence[str], *, since_day: int | None, limit: int | None = None
    ) -> list[StoryState]:
        # Ids are counted and ranked before any story is read: reading the stories
        # (scattered in memory) was most of the time of this walk at 1M articles.
        # Ranked by terms shared, then by the first seen: query terms are heaviest
        # first and each posting is walked newest first.
        postings = self.postings
        hits = Counter(chain.from_iterable(reversed(postings.get(t, {})) for t in terms))
        get = self.stories.get
        out = []
        for sid, _ in hits.most_common():
            s = get(sid)
            if s is None or (
                since_day is not None and s.last_day is not None and s.last_day < since_day
            ):
                continue
            out.append(s)
            if len(out) == limit:
                break
        return out

    def save(self, state: StoryState, *, new_terms: Sequence[str], item: Item) -> None:
        sid = state.id
        self.stories[sid] = state
        postings = self.postings
        limit = self.posting_limit
        for t in new_terms:
            ids = postings.get(t)
            if ids is None:
                postings[t] = {sid: None}
                continue
            if sid in ids:
                del ids[sid]  # moved to the recent end
            ids[sid] = None
            if len(ids) > limit:
                del ids[next(iter(ids))]

    def close_before(self, day: int) -> int:
        """Move stories whose last article is before ``day`` out of the search;
        return how many were closed. A closed story keeps its members and dates but
        not its centroid: no article can join it any more, and the centroids of
        closed stories were most of the memory of a large batch."""
        old = [s for s in self.stories.values() if s.last_day is not None and s.last_day < day]
        for s in old:
            del self.stories[s.id]
            s.centroid = {}
        self.closed.extend(old)
        return len(old)

    def all_stories(self) -> list[StoryState]:
        return [*self.closed, *self.stories.values()]


def assign_items(
    items: Sequence[Item], *, threshold: float, decay_days: float = DECAY_DAYS
) -> list[StoryState]:
    """Stories of ``items`` by one-pass assignment in publication order (undated
    last), with document frequencies counted over all items first. Stories whose last
    article is past the horizon are closed as the days go by, so the search stays as
    small as the stories of the last ``horizon_days`` and the pass is linear in the
    number of items."""
    order = sorted(range(len(items)), key=lambda i: (items[i].day is None, items[i].day or 0, i))
    index = MemoryIndex()
    for it in items:
        index.count_terms(set(it.tokens))
    horizon = horizon_days(threshold, decay_days)
    keep = math.floor(horizon) + 1 if math.isfinite(horizon) else None
    last_close: int | None = None
    for i in order:
        day = items[i].day
        if keep is not None and day is not None and (last_close is None or day > last_close):
            index.close_before(day - keep)
            last_close = day
        add_item(items[i], index, threshold=threshold, decay_days=decay_days, count_terms=False)
    return index.all_stories()


def assign_all(
    analyses: Sequence[Analysis], *, threshold: float, decay_days: float = DECAY_DAYS
) -> tuple[Story, ...]:
    """Stories of a batch by one-pass assignment (:func:`assign_items`): linear in the
    batch size, for batches too large for a pairwise matrix."""
    ids = {a.article.id for a in analyses}
    canon = [a for a in analyses if not a.duplicate_of or a.duplicate_of not in ids]
    tokens = tokenize_all(story_text(a) for a in canon)
    items = [item_from(a, tokens=t) for a, t in zip(canon, tokens, strict=True)]
    states = assign_items(items, threshold=threshold, decay_days=decay_days)
    by_id = {a.article.id: a for a in analyses}
    copies: dict[str, list[Analysis]] = {}
    for a in analyses:
        if a.duplicate_of and a.duplicate_of in ids:
            copies.setdefault(a.duplicate_of, []).append(a)
    stories = []
    for state in states:
        members = [by_id[m] for m in state.members]
        dups = [c for m in members for c in copies.get(m.article.id, ())]
        stories.append(make_story(members, copies=dups))
    stories.sort(key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))
    return tuple(stories)
