from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism import Document, StoreError, store_inputs
from newsprism.store import open_store


def test_migrations_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        assert store.schema_version >= 1
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    with open_store(path) as store:  # reopening applies nothing new
        assert store.migrate() == store.schema_version


def test_add_is_idempotent() -> None:
    doc = Document(id="abc", source="a.txt", text="Text.")
    with open_store(":memory:") as store:
        assert store.add_document(doc) is True
        assert store.add_document(doc) is False
        assert store.count_documents() == 1
        assert store.get_document("abc") == doc


def test_reingesting_the_seeds_changes_nothing(seeds_dir: Path, settings) -> None:  # type: ignore[no-untyped-def]
    first = store_inputs([str(seeds_dir)], settings=settings)
    assert (first.added, first.unchanged, first.failures) == (5, 0, ())
    db = sqlite3.connect(settings.db)
    before = db.execute("SELECT id, text, ingested_at FROM documents ORDER BY id").fetchall()
    second = store_inputs([str(seeds_dir)], settings=settings)
    assert (second.added, second.unchanged) == (0, 5)
    after = db.execute("SELECT id, text, ingested_at FROM documents ORDER BY id").fetchall()
    assert before == after
    db.close()


def test_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_store(path)


def test_analyses_round_trip_and_pipeline_versions(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    analyses = seeds_corpus.analyses
    with open_store(":memory:") as store:
        store.add_documents(a.article.document for a in analyses)
        assert store.put_analyses(analyses, pipeline="v1") == 5
        loaded = store.analyses(pipeline="v1")
        assert loaded == {a.article.id: a for a in analyses}
        assert store.analyses(pipeline="v2") == {}
        by_id = {d.id: d for d in store.documents()}
        assert by_id == {a.article.id: a.article.document for a in analyses}


def test_connections_opening_a_new_store_at_once_migrate_it_once(tmp_path: Path) -> None:
    """The web app's startup and its first job open a new store at the same moment:
    each migration is applied once, and no connection fails on "already exists"."""
    import threading

    from newsprism.store import open_store

    path = tmp_path / "new.db"
    errors: list[BaseException] = []
    versions: list[int] = []
    start = threading.Barrier(6)

    def open_one() -> None:
        start.wait()
        try:
            store = open_store(path)
            versions.append(store.schema_version)
            store.close()
        except BaseException as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(set(versions)) == 1
