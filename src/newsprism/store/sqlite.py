"""The SQLite store: documents keyed by content hash, schema migrations, WAL mode.

One writer at a time: every write runs in a short ``BEGIN IMMEDIATE`` transaction,
so concurrent processes queue on SQLite's lock (``busy_timeout``) instead of failing,
and readers keep reading the last committed state (WAL).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from .. import codec
from ..errors import StoreError
from ..models import Analysis, Document, Story

__all__ = ["IngestCounts", "SearchHit", "SearchResults", "Store", "fts_query", "open_store"]

if TYPE_CHECKING:
    from ..brief.records import StoryBriefing
    from .stories import StoredStories

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
# Bound on host parameters per statement (SQLite's default limit is 32,766).
_CHUNK = 500
_COLUMNS = (
    "id",
    "source",
    "format",
    "text",
    "title",
    "outlet",
    "published",
    "author",
    "url",
    "language",
)


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What an ingest changed: documents added, and those already stored."""

    added: int = 0
    unchanged: int = 0


def _migrations() -> list[tuple[int, str, str]]:
    folder = files(__package__).joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            out.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a file store to WAL mode. Switching takes the database's exclusive lock
    and SQLite answers "database is locked" at once, without its busy handler, while
    another connection is switching a new store too: try again for up to the busy
    timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class Store:
    """A newsprism store in one SQLite file. Use :func:`open_store` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path

    # -- lifecycle ----------------------------------------------------------------

    def migrate(self) -> int:
        """Apply every migration not applied yet, in order; return the schema version.

        Applied migrations are recorded by name in ``schema_migrations``, so a migration
        that lands after a higher-numbered one is still applied. Each is applied under
        the write lock after checking again that no other connection applied it, so
        connections opening a new store at once do not apply it twice.
        """
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT "
            "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )
        applied = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")}
        for version, name, sql in _migrations():
            if name in applied:
                continue
            log.info("applying migration %s", name)
            try:
                self._db.execute("BEGIN IMMEDIATE")
                # Another connection (the web app's startup and its first job, two
                # commands on a new store) may have applied it since the read above:
                # under the write lock, look again.
                done = self._db.execute(
                    "SELECT 1 FROM schema_migrations WHERE name = ?", (name,)
                ).fetchone()
                if done:
                    self._db.execute("COMMIT")
                    continue
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations (name) VALUES (?)", (name,))
                current = self._db.execute("PRAGMA user_version").fetchone()[0]
                self._db.execute(f"PRAGMA user_version = {max(version, current):d}")
                self._db.execute("COMMIT")
            except sqlite3.Error as err:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed ({err})") from err
        return self.schema_version

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ----------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document]) -> IngestCounts:
        """Store ``documents`` in one transaction; those already stored are left as
        they are (only the new source path is recorded)."""
        added = unchanged = 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for doc in documents:
                cur = self._db.execute(
                    f"INSERT OR IGNORE INTO documents ({', '.join(_COLUMNS)}, record) "
                    f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?)",
                    (*(getattr(doc, c) for c in _COLUMNS), codec.dumps(doc)),
                )
                if cur.rowcount:
                    added += 1
                else:
                    unchanged += 1
                self._db.execute(
                    "INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)",
                    (doc.id, doc.source),
                )
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store documents ({err})") from err
        return IngestCounts(added, unchanged)

    def add_document(self, document: Document) -> bool:
        """Store one document; True if it was new."""
        return self.add_documents([document]).added == 1

    def count_documents(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest first."""
        rows = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)}, record FROM documents ORDER BY ingested_at, id"
        )
        for row in rows:
            yield _document(row)

    def get_document(self, document_id: str) -> Document | None:
        row = self._db.execute(
            f"SELECT {', '.join(_COLUMNS)}, record FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return _document(row) if row else None

    # -- analyses -----------------------------------------------------------------

    def put_analyses(self, analyses: Iterable[Analysis], *, pipeline: str) -> int:
        """Store (or replace) the analyses of stored documents; return how many."""
        rows = [(a.article.id, pipeline, codec.dumps(a)) for a in analyses]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR REPLACE INTO analyses (document_id, pipeline, record) VALUES (?, ?, ?)",
                rows,
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store analyses ({err})") from err
        return len(rows)

    def analyses(self, *, pipeline: str) -> dict[str, Analysis]:
        """Stored analyses made by ``pipeline``, by document id."""
        rows = self._db.execute(
            "SELECT document_id, record FROM analyses WHERE pipeline = ?", (pipeline,)
        )
        out = {}
        for document_id, record in rows:
            analysis = codec.loads(record)
            if isinstance(analysis, Analysis):
                out[document_id] = analysis
        return out

    def analyses_of(self, document_ids: Sequence[str], *, pipeline: str) -> dict[str, Analysis]:
        """The stored analyses made by ``pipeline`` of the documents ``document_ids``
        (those that have one), by document id: only these are decoded."""
        out: dict[str, Analysis] = {}
        ids = list(dict.fromkeys(document_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows = self._db.execute(
                "SELECT document_id, record FROM analyses "
                f"WHERE pipeline = ? AND document_id IN ({', '.join('?' * len(chunk))})",
                (pipeline, *chunk),
            )
            for document_id, record in rows:
                analysis = codec.loads(record)
                if isinstance(analysis, Analysis):
                    out[str(document_id)] = analysis
        return out

    # -- story briefings ----------------------------------------------------------

    def story_briefings(self, keys: Mapping[str, str]) -> dict[str, StoryBriefing]:
        """The stored briefing records of the stories in ``keys`` (story id -> the key
        the record must have been stored under), by story id; a record stored under
        another key (its story changed since) or unreadable is left out."""
        from ..brief.records import StoryBriefing

        out: dict[str, StoryBriefing] = {}
        ids = list(keys)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows = self._db.execute(
                "SELECT story_id, key, record FROM story_briefings "
                f"WHERE story_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for story_id, key, record in rows:
                if key != keys.get(story_id):
                    continue
                try:
                    briefing = codec.loads(record)
                except (ValueError, TypeError) as err:
                    # Written by another version of the records: rebuilt by the caller.
                    log.info("stored briefing of %s unreadable (%s)", story_id, err)
                    continue
                if isinstance(briefing, StoryBriefing):
                    out[str(story_id)] = briefing
        return out

    def put_story_briefings(self, items: Iterable[tuple[str, StoryBriefing]]) -> int:
        """Store (or replace) briefing records as ``(key, record)`` pairs, each under its
        record's story id; return how many. A story no longer stored is skipped."""
        rows = [(b.id, key, codec.dumps(b)) for key, b in items]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR REPLACE INTO story_briefings (story_id, key, record) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?)",
                [(*row, row[0]) for row in rows],
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store briefings ({err})") from err
        return len(rows)

    # -- search (web app) ---------------------------------------------------------

    def search_documents(self, query: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
        """Full-text search (FTS5) over the title, outlet and text of every stored
        document, best match first.

        ``query`` is taken as plain words, never as FTS5 syntax: each word must occur,
        the last one as a prefix ("ukrain" finds "Ukraine"). Returns the page of hits
        ``offset``..``offset + limit`` and the total number of matching documents.
        """
        match = fts_query(query)
        if not match:
            return SearchResults(query, 0, ())
        try:
            total = self._db.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (match,)
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT d.id, d.title, d.outlet, d.published, d.source, "
                f"snippet(documents_fts, 2, '{_MARK_START}', '{_MARK_END}', '…', 24) "
                "FROM documents_fts JOIN documents AS d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? "
                "ORDER BY bm25(documents_fts, 8.0, 2.0, 1.0), d.id LIMIT ? OFFSET ?",
                (match, max(0, limit), max(0, offset)),
            ).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: search failed ({err})") from err
        hits = tuple(
            SearchHit(
                id=row[0],
                title=row[1],
                outlet=row[2],
                published=row[3],
                source=row[4],
                snippet=_snippet_parts(row[5] or ""),
            )
            for row in rows
        )
        return SearchResults(query, int(total), hits)

    def revision(self) -> tuple[int, int, str]:
        """A cheap fingerprint of the store's content: the number of documents, of
        analyses and the time of the last analysis. Readers that cache what they built
        from the store (the web app) rebuild when it changes."""
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM analyses), "
            "(SELECT coalesce(max(analysed_at), '') FROM analyses)"
        ).fetchone()
        return int(row[0]), int(row[1]), str(row[2])

    def pending_documents(self, *, pipeline: str) -> list[Document]:
        """Stored documents with no analysis made by ``pipeline``, oldest first."""
        rows = self._db.execute(
            f"SELECT {', '.join('d.' + c for c in _COLUMNS)}, d.record FROM documents AS d "
            "LEFT JOIN analyses AS a ON a.document_id = d.id AND a.pipeline = ? "
            "WHERE a.document_id IS NULL ORDER BY d.ingested_at, d.id",
            (pipeline,),
        )
        return [_document(row) for row in rows]

    # -- stories ------------------------------------------------------------------

    @contextmanager
    def story_index(self) -> Iterator[StoredStories]:
        """The stored stories as a story index
        (:class:`~newsprism.stories.index.StoryStore`), inside one write
        transaction: committed when the block ends, rolled back if it raises.

        Example:
            >>> with store.story_index() as index:  # doctest: +SKIP
            ...     place_articles(analyses, index, threshold=0.1)
        """
        from .stories import StoredStories

        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot update stories ({err})") from err
        try:
            yield StoredStories(self._db)
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot update stories ({err})") from err
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def stories(self, *, story_ids: Sequence[str] | None = None) -> list[Story]:
        """Stored stories (all, or those named), largest first: label, articles (voices
        first, then copies), key entities, outlets and time span."""
        from .stories import read_stories

        return read_stories(self._db, story_ids=story_ids)

    def copies(self) -> dict[str, str]:
        """Placed near-duplicates: article id -> the id of its canonical copy."""
        rows = self._db.execute(
            "SELECT document_id, duplicate_of FROM story_articles WHERE duplicate_of IS NOT NULL"
        )
        return {str(doc): str(dup) for doc, dup in rows}

    def story_outlets(self) -> dict[str, list[tuple[str, int]]]:
        """Per stored story, its outlets and how many of its articles each ran."""
        out: dict[str, list[tuple[str, int]]] = {}
        rows = self._db.execute(
            "SELECT story_id, coalesce(outlet, ''), count(*) FROM story_articles "
            "GROUP BY story_id, outlet"
        )
        for sid, outlet, n in rows:
            out.setdefault(str(sid), []).append((str(outlet), int(n)))
        return out

    def unplaced_analyses(self, *, pipeline: str) -> list[Analysis]:
        """Stored analyses made by ``pipeline`` whose article is in no stored story."""
        rows = self._db.execute(
            "SELECT a.record FROM analyses AS a LEFT JOIN story_articles AS s "
            "ON s.document_id = a.document_id "
            "WHERE a.pipeline = ? AND s.document_id IS NULL ORDER BY a.document_id",
            (pipeline,),
        )
        return [a for (record,) in rows if isinstance(a := codec.loads(record), Analysis)]

    def count_analyses(self, *, pipeline: str) -> int:
        """The number of stored analyses made by ``pipeline``."""
        row = self._db.execute(
            "SELECT count(*) FROM analyses WHERE pipeline = ?", (pipeline,)
        ).fetchone()
        return int(row[0])

    def story_of(self, article_id: str) -> tuple[str, str | None] | None:
        """``(story id, duplicate_of)`` of a placed article, or None."""
        row = self._db.execute(
            "SELECT story_id, duplicate_of FROM story_articles WHERE document_id = ?",
            (article_id,),
        ).fetchone()
        return (str(row[0]), row[1]) if row else None


def _document(row: tuple[object, ...]) -> Document:
    record = row[-1]
    if isinstance(record, str):
        doc = codec.loads(record)
        if isinstance(doc, Document):
            return doc
    return Document(**dict(zip(_COLUMNS, row[:-1], strict=True)))  # type: ignore[arg-type]


# Private-use characters mark matched words in FTS5 snippets: they cannot occur in the
# stored text as markup, and the caller escapes every piece before showing it.
_MARK_START = "\ue000"
_MARK_END = "\ue001"
_MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching document. ``snippet`` is the best-matching stretch of its text as
    ``(text, is_match)`` pieces, so a caller can highlight matches and escape the rest."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of search hits and how many documents match in all."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for plain words: every word quoted (so ``AND``,
    ``NEAR``, ``*``, ``"`` and ``:`` in the input are just text), the last a prefix.
    Empty when ``query`` holds no word."""
    words = _WORD.findall(query)[:_MAX_QUERY_WORDS]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _snippet_parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(_MARK_START)):
        if i == 0:
            if chunk:
                parts.append((chunk, False))
            continue
        match, _, rest = chunk.partition(_MARK_END)
        if match:
            parts.append((match, True))
        if rest:
            parts.append((rest, False))
    return tuple(parts)


def open_existing_store(path: str | Path) -> Store:
    """Open the store at ``path`` for reading, as :func:`open_store` does, but refuse
    one that does not exist: a mistyped ``--db`` is an error, not a new empty store.

    Raises:
        StoreError: no store at ``path``, or as :func:`open_store`.
    """
    if str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(
            f"{path}: no such store (newsprism ingest creates one; --db or NEWSPRISM_DB "
            "chooses which)"
        )
    return open_store(path)


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the store at ``path`` and bring its schema up to date.

    ``":memory:"`` opens a private in-memory store, for tests.

    Raises:
        StoreError: the file cannot be opened, is not a newsprism store, or a
            migration fails.
    """
    path = str(path)
    try:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        if path != ":memory:":
            _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.Error, OSError) as err:
        raise StoreError(f"{path}: cannot open the store ({err})") from err
    store = Store(db, path)
    try:
        store.migrate()
    except sqlite3.DatabaseError as err:
        store.close()
        raise StoreError(f"{path}: not a newsprism store ({err})") from err
    except StoreError:
        store.close()
        raise
    return store
