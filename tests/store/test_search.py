"""Full-text search (migration 0004) and the store methods the web app reads."""

from __future__ import annotations

from pathlib import Path

from newsprism import Document
from newsprism.store import open_store
from newsprism.store.sqlite import fts_query


def _doc(i: str, text: str, **kw: str) -> Document:
    return Document(id=i, source=f"{i}.txt", text=text, **kw)


def test_search_finds_words_and_prefixes() -> None:
    with open_store(":memory:") as store:
        store.add_documents(
            [
                _doc("a", "Medvedev warned Europe about troops in Ukraine.", title="Troops"),
                _doc("b", "The weather in Kyiv was cold.", outlet="Kyiv Post"),
            ]
        )
        results = store.search_documents("ukrain")
        assert results.total == 1
        hit = results.hits[0]
        assert hit.id == "a" and hit.title == "Troops"
        assert ("Ukraine", True) in hit.snippet
        assert (
            "".join(t for t, _ in hit.snippet) == "Medvedev warned Europe about troops in Ukraine."
        )
        assert store.search_documents("kyiv post").hits[0].id == "b"
        assert store.search_documents("medvedev weather").total == 0
        assert store.search_documents("").total == 0


def test_search_takes_syntax_as_text() -> None:
    with open_store(":memory:") as store:
        store.add_document(_doc("a", 'He said "NEAR" AND OR* text: col'))
        for query in ('"', "AND", "NEAR(", "text:", "a OR b*", "-x", "^", "\x00"):
            store.search_documents(query)  # never a syntax error
        assert store.search_documents("NEAR AND").total == 1
    assert fts_query("  ") == ""
    assert fts_query('say "hi"') == '"say" "hi"*'


def test_search_indexes_documents_stored_before_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.add_document(_doc("a", "Oreshnik strike reported."))
        store._db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
        store._db.execute("DELETE FROM schema_migrations WHERE name = '0004_search.sql'")
        store._db.execute("DROP TABLE documents_fts")
        for trigger in ("insert", "delete", "update"):
            store._db.execute(f"DROP TRIGGER documents_fts_{trigger}")
    with open_store(path) as store:
        assert store.search_documents("oreshnik").total == 1


def test_pending_documents_and_revision() -> None:
    with open_store(":memory:") as store:
        before = store.revision()
        store.add_document(_doc("a", "One."))
        assert store.revision() != before
        assert [d.id for d in store.pending_documents(pipeline="p1")] == ["a"]
