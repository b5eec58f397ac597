"""What the web app reads: a snapshot of the store, rebuilt when the store changes.

The stories are the ones the store keeps (made by the learned story similarity as
articles are placed, :mod:`newsprism.stories.place`), the same ones ``newsprism brief``
shows: the web app never re-clusters. What a page needs is read as it is asked for:

* the stories list, which story each article is in, the counts: from the stored
  stories alone (a few SQL queries, no analysis decoded), when the snapshot is made --
  what the front page and ``/api/stories`` need, so a cold start stays short whatever
  the size of the store;
* a story's briefing: the record the store keeps for it
  (:func:`~newsprism.engines.local.stored_briefings`, the same ``newsprism brief``
  reads), built from the story's own articles the first time anyone asks and kept;
* the analyses and the entities resolved across them (the plan's batch stages other
  than copies and stories, :func:`~newsprism.engines.local.stored_corpus`), for
  article and entity pages: loaded once, by the first such page. Nothing is
  recombined at start.

Every request checks the store's :meth:`~newsprism.store.sqlite.Store.revision` (two
``count(*)`` queries); when it changed -- an ingest from the command line, an article
added through the web form -- the next request gets a fresh snapshot.

All SQL stays in :mod:`newsprism.store`; this module only calls the store's methods.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
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
    """Everything built from one revision of the store. The stories part is built at
    once; the corpus part (analyses, entities) on first use, by :meth:`load`. Read-only
    once built, except the per-story briefing cache, which only grows."""

    revision: tuple[int, int, str]
    stories: dict[str, Story]
    summaries: tuple[StorySummary, ...]
    story_of: dict[str, str]
    pending: int
    article_count: int
    _loader: Callable[[], Corpus]
    # Reads (or builds and stores) one story's briefing record; None: built here.
    _briefer: Callable[[str], StoryBriefing | None] | None = None
    _corpus: Corpus | None = None
    _analyses: dict[str, Analysis] = field(default_factory=dict)
    _entities: dict[str, Entity] = field(default_factory=dict)
    # entity id -> ids of the articles that mention it or quote it, in corpus order.
    _entity_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _briefs: dict[str, StoryBriefing] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _load_lock: threading.Lock = field(default_factory=threading.Lock)

    def load(self) -> Corpus:
        """The corpus of the stored analyses (loaded on the first call, then kept)."""
        corpus = self._corpus
        if corpus is not None:
            return corpus
        with self._load_lock:
            if self._corpus is None:
                corpus = self._loader()
                entity_articles: dict[str, list[str]] = defaultdict(list)
                for a in corpus.analyses:
                    seen = {m.entity for m in a.mentions if m.entity}
                    seen |= {q.speaker.entity for q in a.quotes if q.speaker and q.speaker.entity}
                    for eid in seen:
                        entity_articles[eid].append(a.article.id)
                self._analyses = {a.article.id: a for a in corpus.analyses}
                self._entities = {e.id: e for e in corpus.entities}
                self._entity_articles = {k: tuple(v) for k, v in entity_articles.items()}
                self._corpus = corpus
            return self._corpus

    @property
    def corpus(self) -> Corpus:
        return self.load()

    @property
    def analyses(self) -> dict[str, Analysis]:
        self.load()
        return self._analyses

    @property
    def entities(self) -> dict[str, Entity]:
        self.load()
        return self._entities

    @property
    def entity_articles(self) -> dict[str, tuple[str, ...]]:
        self.load()
        return self._entity_articles

    def story_record(self, story_id: str) -> StoryBriefing | None:
        """The briefing record of one story, built on first use."""
        story = self.stories.get(story_id)
        if story is None:
            return None
        with self._lock:
            cached = self._briefs.get(story_id)
        if cached is not None:
            return cached
        if self._briefer is not None:
            record = self._briefer(story_id)
            if record is None:
                return None
            with self._lock:
                return self._briefs.setdefault(story_id, record)
        from ..brief.build import build_story

        analyses = self.analyses
        members = tuple(analyses[i] for i in story.article_ids if i in analyses)
        ids = {m.entity for a in members for m in a.mentions if m.entity}
        entities = tuple(e for e in self.corpus.entities if e.id in ids)
        built = build_story(story, {a.article.id: a for a in members}, {e.id: e for e in entities})
        with self._lock:
            return self._briefs.setdefault(story_id, built)


def _summary(story: Story, outlets: list[tuple[str, int]]) -> StorySummary:
    return StorySummary(
        id=story.id,
        title=story.title,
        articles=len(story.article_ids),
        first=story.first_published,
        last=story.last_published,
        outlets=tuple(sorted(outlets, key=lambda kv: (-kv[1], kv[0].casefold()))),
    )


def build_snapshot(
    stories: Sequence[Story],
    outlets: dict[str, list[tuple[str, int]]],
    *,
    loader: Callable[[], Corpus],
    revision: tuple[int, int, str],
    pending: int,
    article_count: int,
    briefer: Callable[[str], StoryBriefing | None] | None = None,
) -> Snapshot:
    """The snapshot of stored ``stories`` (with their ``outlets`` counts); ``loader``
    gives the corpus on first use, ``briefer`` a story's briefing record (else it is
    built from the corpus)."""
    summaries = sorted(
        (_summary(s, outlets.get(s.id, [])) for s in stories),
        # Newest first; stories without dates after dated ones, biggest first.
        key=lambda s: (s.last is None, _negated(s.last or ""), -s.articles, s.id),
    )
    return Snapshot(
        revision=revision,
        stories={s.id: s for s in stories},
        summaries=tuple(summaries),
        story_of={a: s.id for s in stories for a in s.article_ids},
        pending=pending,
        article_count=article_count,
        _loader=loader,
        _briefer=briefer,
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
                # Articles analysed but not placed yet (a store from before stored
                # stories, an interrupted ingest) are placed first: decoding only them.
                unplaced = store.unplaced_analyses(pipeline=self.pipeline)
                if unplaced:
                    from ..engines import place

                    log.info("placing %d analysed articles in the stored stories", len(unplaced))
                    place(store, unplaced, settings=self.settings)
                analysed = store.count_analyses(pipeline=self.pipeline)
                stories = store.stories()
                outlets = store.story_outlets()
            snapshot = build_snapshot(
                stories,
                outlets,
                loader=self._load_corpus,
                revision=revision,
                pending=max(revision[0] - analysed, 0),
                article_count=analysed,
                briefer=self._story_briefing,
            )
            self._snapshot = snapshot
        return snapshot

    def _story_briefing(self, story_id: str) -> StoryBriefing | None:
        """One stored story's briefing record, as ``newsprism brief`` reads it."""
        from ..engines import stored_briefings

        with self.store() as store:
            records = stored_briefings(store, settings=self.settings, story_ids=[story_id])
        return records[0] if records else None

    def _load_corpus(self) -> Corpus:
        from ..engines import stored_corpus

        with self.store() as store:
            analyses = sorted(
                store.analyses(pipeline=self.pipeline).values(),
                key=lambda a: (
                    a.article.published or a.article.document.published or "",
                    a.article.id,
                ),
            )
            log.info("loading the web snapshot's %d analysed articles", len(analyses))
            return stored_corpus(store, analyses, settings=self.settings)

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
