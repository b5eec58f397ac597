"""The SQLite store: documents keyed by content hash, schema migrations, WAL mode.

One writer at a time: every write runs in a short ``BEGIN IMMEDIATE`` transaction,
so concurrent processes queue on SQLite's lock (``busy_timeout``) instead of failing,
and readers keep reading the last committed state (WAL).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .. import codec
from ..errors import StoreError
from ..models import Analysis, Document

__all__ = ["IngestCounts", "Store", "open_store"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
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


class Store:
    """A newsprism store in one SQLite file. Use :func:`open_store` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path

    # -- lifecycle ----------------------------------------------------------------

    def migrate(self) -> int:
        """Apply every migration not applied yet, in order; return the schema version.

        Applied migrations are recorded by name in ``schema_migrations``, so a migration
        that lands after a higher-numbered one is still applied.
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


def _document(row: tuple[object, ...]) -> Document:
    record = row[-1]
    if isinstance(record, str):
        doc = codec.loads(record)
        if isinstance(doc, Document):
            return doc
    return Document(**dict(zip(_COLUMNS, row[:-1], strict=True)))  # type: ignore[arg-type]


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
            db.execute("PRAGMA journal_mode = WAL")
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
