"""What the web app reads: a snapshot of the store, rebuilt when the store changes.

The pages need things that only exist across articles -- canonical entities, stories
-- so the web app does not query them article by article. It loads the stored
per-article analyses once, resolves entities and groups stories with the engine's
:func:`~newsprism.engines.combine` (the plan's batch stages, as ``newsprism brief``
runs them), and keeps
the result as an immutable :class:`Snapshot`. Every request checks the store's
:meth:`~newsprism.store.sqlite.Store.revision` (two ``count(*)`` queries); when it
changed -- an ingest from the command line, an article added through the web form --
the next request gets a fresh snapshot. A story's briefing record is built from its
own articles on first view and cached with the snapshot.

All SQL stays in :mod:`newsprism.store`; this module only calls the store's methods.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..brief.records import StoryBriefing
from ..models import Analysis, Corpus, Document, Entity, Story
from ..settings import Settings
from ..store import open_store
from ..store.sqlite import SearchResults, Store

__all__ = ["Library", "Snapshot", "StorySummary"]

log = logging.getLogger(__name__)

# Seconds a snapshot is served without asking the store whether it changed. Changes made
# through the app (the add form) take effect at once (Library.invalidate); an ingest
# from the command line shows within this delay.
REVISION_TTL = 2.0


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of the stories list."""

    id: str
    title: str
    articles: int
    first: str | None
    last: str | None
    # (outlet, number of the story's articles from it), most articles first.
    outlets: tuple[tuple[str, int], ...]


@dataclass(slots=True)
class Snapshot:
    """Everything built from one revision of the store. Read-only once built, except
    the per-story briefing cache, which only grows."""

    revision: tuple[int, int, str]
    corpus: Corpus
    analyses: dict[str, Analysis]
    stories: dict[str, Story]
    summaries: tuple[StorySummary, ...]
    story_of: dict[str, str]
    entities: dict[str, Entity]
    # entity id -> ids of the articles that mention it or quote it, in corpus order.
    entity_articles: dict[str, tuple[str, ...]]
    pending: int
    _briefs: dict[str, StoryBriefing] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def story_record(self, story_id: str) -> StoryBriefing | None:
        """The briefing record of one story, built on first use."""
        story = self.stories.get(story_id)
        if story is None:
            return None
        with self._lock:
            cached = self._briefs.get(story_id)
        if cached is not None:
            return cached
        from ..brief.build import build_story

        members = tuple(self.analyses[i] for i in story.article_ids if i in self.analyses)
        ids = {m.entity for a in members for m in a.mentions if m.entity}
        entities = tuple(e for e in self.corpus.entities if e.id in ids)
        built = build_story(story, {a.article.id: a for a in members}, {e.id: e for e in entities})
        with self._lock:
            return self._briefs.setdefault(story_id, built)


def _summary(story: Story, analyses: dict[str, Analysis]) -> StorySummary:
    counts = Counter(analyses[i].article.outlet_name for i in story.article_ids if i in analyses)
    dates = sorted(
        d
        for i in story.article_ids
        if i in analyses and (d := analyses[i].article.document.published)
    )
    return StorySummary(
        id=story.id,
        title=story.title,
        articles=len(story.article_ids),
        first=story.first_published or (dates[0] if dates else None),
        last=story.last_published or (dates[-1] if dates else None),
        outlets=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
    )


def build_snapshot(
    analyses: list[Analysis], *, settings: Settings, revision: tuple[int, int, str], pending: int
) -> Snapshot:
    """Resolve entities and group stories over ``analyses``; index the result."""
    from ..engines import combine

    corpus = combine(analyses, settings=settings)
    by_id = {a.article.id: a for a in corpus.analyses}
    stories = {s.id: s for s in corpus.stories}
    story_of = {a: s.id for s in corpus.stories for a in s.article_ids}
    summaries = sorted(
        (_summary(s, by_id) for s in corpus.stories),
        # Newest first; stories without dates after dated ones, biggest first.
        key=lambda s: (s.last is None, _negated(s.last or ""), -s.articles, s.id),
    )
    entity_articles: dict[str, list[str]] = defaultdict(list)
    for a in corpus.analyses:
        seen = {m.entity for m in a.mentions if m.entity}
        seen |= {q.speaker.entity for q in a.quotes if q.speaker and q.speaker.entity}
        for eid in seen:
            entity_articles[eid].append(a.article.id)
    return Snapshot(
        revision=revision,
        corpus=corpus,
        analyses=by_id,
        stories=stories,
        summaries=tuple(summaries),
        story_of=story_of,
        entities={e.id: e for e in corpus.entities},
        entity_articles={k: tuple(v) for k, v in entity_articles.items()},
        pending=pending,
    )


def _negated(text: str) -> tuple[int, ...]:
    """A sort key that orders strings in reverse (ISO dates newest first)."""
    return tuple(-ord(c) for c in text)


class Library:
    """The web app's read access to one store.

    Args:
        settings: the settings; ``settings.db`` is the store.
    """

    def __init__(self, settings: Settings) -> None:
        from ..engines import pipeline_version

        self.settings = settings
        self.pipeline = pipeline_version(settings=settings)
        self._snapshot: Snapshot | None = None
        self._build_lock = threading.Lock()
        self._local = threading.local()
        # When the store's revision was last compared (time.monotonic()).
        self._checked = 0.0

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A connection to the store for the duration of one request or job."""
        with open_store(self.settings.db) as store:
            yield store

    def _reader(self) -> Store:
        """This thread's connection for reads, opened once (opening checks migrations,
        which costs more than a page)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.settings.db)
            self._local.store = store
        return store

    def snapshot(self) -> Snapshot:
        """The snapshot of the store as it is now (rebuilt if the store changed)."""
        current = self._snapshot
        now = time.monotonic()
        if current is not None and now - self._checked < REVISION_TTL:
            return current
        revision = self._reader().revision()
        self._checked = now
        if current is not None and current.revision == revision:
            return current
        with self._build_lock:
            current = self._snapshot
            if current is not None and current.revision == revision:
                return current
            with self.store() as store:
                analyses = sorted(
                    store.analyses(pipeline=self.pipeline).values(),
                    key=lambda a: (a.article.document.published or "", a.article.id),
                )
            pending = max(revision[0] - len(analyses), 0)
            log.info("building the web snapshot of %d analysed articles", len(analyses))
            snapshot = build_snapshot(
                analyses, settings=self.settings, revision=revision, pending=pending
            )
            self._snapshot = snapshot
            return snapshot

    def invalidate(self) -> None:
        """Forget the snapshot: the next request rebuilds it."""
        self._snapshot = None
        self._checked = 0.0

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        """Full-text search over every stored article."""
        return self._reader().search_documents(query, limit=limit, offset=offset)

    def document(self, document_id: str) -> Document | None:
        """One stored document (analysed or not)."""
        return self._reader().get_document(document_id)
