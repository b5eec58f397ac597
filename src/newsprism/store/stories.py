"""Stories in the store: the SQL behind a store-backed story index.

:class:`StoredStories` implements :class:`newsprism.stories.index.StoryStore`
over the tables of migration ``0002_stories.sql``, so that
:func:`~newsprism.stories.place.place_articles` adds an article to the stored
stories -- joining one or opening a new one -- by reading only the few stories that
share its heaviest terms and are still open, never the whole store. Get one with
:meth:`newsprism.store.sqlite.Store.story_index`, which wraps the work in one
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..models import ArticleText, Story, StoryItem, StoryState

__all__ = ["KEY_ENTITY_COUNT", "StoredStories", "read_stories"]

# Key entities listed per story (as stories.story.KEY_ENTITY_COUNT).
KEY_ENTITY_COUNT = 8
# Bound on host parameters per statement (SQLite's default limit is 32,766).
_CHUNK = 500
_STORY_COLUMNS = (
    "id, label, size, tokens, centroid, first_day, last_day, first_published, last_published"
)


def _chunks(values: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class StoredStories:
    """A story index over the store's connection. Methods neither begin nor commit
    transactions: the caller (:meth:`Store.story_index`) does."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    # -- StoryIndex ---------------------------------------------------------------

    def document_count(self) -> int:
        row = self._db.execute(
            "SELECT value FROM story_counters WHERE name = 'documents'"
        ).fetchone()
        return int(row[0]) if row else 0

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks(list(terms)):
            rows = self._db.execute(
                f"SELECT term, df FROM story_term_counts WHERE term IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            out.update((t, int(df)) for t, df in rows)
        return out

    def count_terms(self, terms: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT INTO story_term_counts (term, df) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET df = df + 1",
            ((t,) for t in terms),
        )
        self._db.execute(
            "INSERT INTO story_counters (name, value) VALUES ('documents', 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1"
        )

    def candidates(
        self, terms: Sequence[str], *, since_day: int | None, limit: int | None = None
    ) -> list[StoryState]:
        if not terms:
            return []
        sql = (
            f"SELECT {', '.join('s.' + c.strip() for c in _STORY_COLUMNS.split(','))} "
            "FROM (SELECT story_id, count(*) AS hits FROM story_terms "
            f"WHERE term IN ({_marks(len(terms))}) GROUP BY story_id) AS h "
            "JOIN stories AS s ON s.id = h.story_id"
        )
        args: list[object] = list(terms)
        if since_day is not None:
            sql += " WHERE (s.last_day IS NULL OR s.last_day >= ?)"
            args.append(since_day)
        sql += " ORDER BY h.hits DESC, s.last_day DESC, s.id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [_state(row) for row in self._db.execute(sql, args)]

    def save(self, state: StoryState, *, new_terms: Sequence[str], item: StoryItem) -> None:
        self._db.execute(
            f"INSERT INTO stories ({_STORY_COLUMNS}) VALUES ({_marks(9)}) "
            "ON CONFLICT (id) DO UPDATE SET label = excluded.label, size = excluded.size, "
            "tokens = excluded.tokens, centroid = excluded.centroid, "
            "first_day = excluded.first_day, last_day = excluded.last_day, "
            "first_published = excluded.first_published, "
            "last_published = excluded.last_published",
            (
                state.id,
                state.label,
                state.size,
                state.tokens,
                json.dumps(state.centroid, separators=(",", ":")),
                state.first_day,
                state.last_day,
                state.first_published,
                state.last_published,
            ),
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?, ?)",
            ((t, state.id) for t in new_terms),
        )
        self._db.execute(
            "INSERT OR REPLACE INTO story_articles (document_id, story_id, outlet, published) "
            "VALUES (?, ?, ?, ?)",
            (item.id, state.id, item.outlet, item.published),
        )

    # -- StoryStore ---------------------------------------------------------------

    def placed(self, article_ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(article_ids)):
            rows = self._db.execute(
                "SELECT document_id FROM story_articles "
                f"WHERE document_id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            out.update(r[0] for r in rows)
        return out

    def copy_candidates(self, keys: Sequence[int]) -> list[str]:
        if not keys:
            return []
        # A join on a VALUES list, so that SQLite looks each (band, key) up in the
        # primary key (a row-value IN scans the whole table).
        rows = self._db.execute(
            f"WITH k (band, key) AS (VALUES {', '.join('(?, ?)' for _ in keys)}) "
            "SELECT DISTINCT c.document_id FROM k JOIN copy_bands AS c "
            "ON c.band = k.band AND c.key = k.key",
            [x for band, key in enumerate(keys) for x in (band, key)],
        )
        return [r[0] for r in rows]

    def body(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT json_extract(record, '$.article.body') FROM analyses WHERE document_id = ?",
            (article_id,),
        ).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def add_copy_keys(self, article_id: str, keys: Sequence[int]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO copy_bands (band, key, document_id) VALUES (?, ?, ?)",
            ((band, key, article_id) for band, key in enumerate(keys)),
        )

    def add_copy(self, item: StoryItem, *, canonical: str) -> str | None:
        row = self._db.execute(
            "SELECT story_id, coalesce(duplicate_of, document_id) FROM story_articles "
            "WHERE document_id = ?",
            (canonical,),
        ).fetchone()
        if row is None:
            return None
        story, root = row
        self._db.execute(
            "INSERT OR REPLACE INTO story_articles "
            "(document_id, story_id, duplicate_of, outlet, published) VALUES (?, ?, ?, ?, ?)",
            (item.id, story, root, item.outlet, item.published),
        )
        if item.day is not None:
            # A copy widens the story's time span (as in the batch) but does not move
            # its signature.
            self._db.execute(
                "UPDATE stories SET "
                "first_published = CASE WHEN first_day IS NULL OR ? < first_day "
                "THEN ? ELSE first_published END, "
                "first_day = CASE WHEN first_day IS NULL OR ? < first_day "
                "THEN ? ELSE first_day END, "
                "last_published = CASE WHEN last_day IS NULL OR ? > last_day "
                "THEN ? ELSE last_published END, "
                "last_day = CASE WHEN last_day IS NULL OR ? > last_day THEN ? ELSE last_day END "
                "WHERE id = ?",
                (
                    item.day,
                    item.published,
                    item.day,
                    item.day,
                    item.day,
                    item.published,
                    item.day,
                    item.day,
                    story,
                ),
            )
        return str(story)

    def count_entities(self, story: str, entities: Sequence[str]) -> None:
        self._db.executemany(
            "INSERT INTO story_entities (story_id, entity, count) VALUES (?, ?, ?) "
            "ON CONFLICT (story_id, entity) DO UPDATE SET count = count + excluded.count",
            ((story, e, n) for e, n in Counter(entities).items()),
        )

    def member_texts(
        self, story_ids: Sequence[str], *, per_story: int
    ) -> dict[str, list[ArticleText]]:
        out: dict[str, list[ArticleText]] = {sid: [] for sid in story_ids}
        for sid in story_ids:
            rows = self._db.execute(
                "SELECT s.document_id, json_extract(a.record, '$.article.title'), "
                "json_extract(a.record, '$.article.body'), "
                "coalesce(json_extract(a.record, '$.article.published'), "
                "json_extract(a.record, '$.article.document.published')) "
                "FROM story_articles AS s JOIN analyses AS a ON a.document_id = s.document_id "
                "WHERE s.story_id = ? AND s.duplicate_of IS NULL ORDER BY s.rowid DESC LIMIT ?",
                (sid, per_story),
            )
            out[sid] = [
                ArticleText(id=doc, title=title or "", body=body or "", published=published)
                for doc, title, body, published in rows
            ]
        return out

    def recent_texts(self, limit: int) -> list[ArticleText]:
        rows = self._db.execute(
            "SELECT s.document_id, json_extract(a.record, '$.article.title'), "
            "json_extract(a.record, '$.article.body'), "
            "coalesce(json_extract(a.record, '$.article.published'), "
            "json_extract(a.record, '$.article.document.published')) "
            "FROM story_articles AS s JOIN analyses AS a ON a.document_id = s.document_id "
            "WHERE s.duplicate_of IS NULL ORDER BY s.rowid DESC LIMIT ?",
            (limit,),
        )
        return [
            ArticleText(id=doc, title=title or "", body=body or "", published=published)
            for doc, title, body, published in rows
        ]

    def vectors(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self._db.execute(
                "SELECT document_id, vector FROM story_vectors "
                f"WHERE document_id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            out.update((doc, bytes(vector)) for doc, vector in rows)
        return out

    def put_vectors(self, vectors: Mapping[str, bytes]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO story_vectors (document_id, vector) VALUES (?, ?)",
            vectors.items(),
        )


def _state(row: tuple[object, ...]) -> StoryState:
    sid, label, size, tokens, centroid, first_day, last_day, first_pub, last_pub = row
    return StoryState(
        id=str(sid),
        label=str(label),
        size=int(size),  # type: ignore[call-overload]
        centroid=json.loads(str(centroid)),
        first_day=first_day,  # type: ignore[arg-type]
        last_day=last_day,  # type: ignore[arg-type]
        first_published=first_pub,  # type: ignore[arg-type]
        last_published=last_pub,  # type: ignore[arg-type]
        tokens=int(tokens),  # type: ignore[call-overload]
    )


def read_stories(db: sqlite3.Connection, *, story_ids: Sequence[str] | None = None) -> list[Story]:
    """Stored stories as :class:`Story` records, largest first (then oldest).

    ``article_ids`` lists voices in placing order, then copies; ``key_entities`` are
    the most mentioned entities of the story's articles, copies included.
    """
    where = ""
    args: tuple[str, ...] = ()
    if story_ids is not None:
        if not story_ids:
            return []
        where, args = f"WHERE id IN ({_marks(len(story_ids))})", tuple(story_ids)
    heads = db.execute(
        f"SELECT id, label, first_published, last_published FROM stories {where}", args
    ).fetchall()
    members: dict[str, list[tuple[str, str | None, str | None]]] = {h[0]: [] for h in heads}
    entities: dict[str, list[str]] = {h[0]: [] for h in heads}
    sql = (
        "SELECT story_id, document_id, duplicate_of, outlet FROM story_articles "
        + (where.replace("id IN", "story_id IN") if where else "")
        + " ORDER BY duplicate_of IS NOT NULL, rowid"
    )
    for sid, doc, dup, outlet in db.execute(sql, args):
        if sid in members:
            members[sid].append((doc, dup, outlet))
    sql = (
        "SELECT story_id, entity FROM story_entities "
        + (where.replace("id IN", "story_id IN") if where else "")
        + " ORDER BY story_id, count DESC, entity"
    )
    for sid, entity in db.execute(sql, args):
        if sid in entities and len(entities[sid]) < KEY_ENTITY_COUNT:
            entities[sid].append(entity)
    stories = [
        Story(
            id=sid,
            title=label,
            article_ids=tuple(m[0] for m in members[sid]),
            key_entities=tuple(entities[sid]),
            first_published=first,
            last_published=last,
            outlets=tuple(sorted({m[2] for m in members[sid] if m[2]})),
            voices=tuple(m[0] for m in members[sid] if m[1] is None),
        )
        for sid, label, first, last in heads
    ]
    stories.sort(key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))
    return stories
