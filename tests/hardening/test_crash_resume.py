"""Killing `newsprism ingest` with SIGKILL at random points of a 2,000-article run, then
running it again: every article stored once, every analysis once, the store intact;
an interrupted run resumes where it stopped, and a repeated run changes nothing."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import articles, write_articles

from newsprism.engines import pipeline_version
from newsprism.ingest.ids import content_id

ARTICLES = 2000
KILLS = 20
# The first READ_KILLS runs store only (--no-analyse) and are killed at a random time
# within the reading (about a second here); the others analyse and are killed at a
# random time after their first batch of analyses is stored, so they die during the
# analysis or the story placement.
READ_KILLS = 10
READ_WINDOW_S = (0.1, 1.2)
ANALYSE_WINDOW_S = (0.0, 2.0)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSPRISM_")}


def _ingest(db: Path, corpus: Path, *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "--db", str(db), "ingest", *flags, str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        con.close()


def _kill(proc: subprocess.Popen[str]) -> bool:
    """SIGKILL ``proc``; whether it was still running."""
    alive = proc.poll() is None
    if alive:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return alive


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        return {
            "documents": con.execute(
                "SELECT id, ingested_at FROM documents ORDER BY id"
            ).fetchall(),
            "sources": con.execute(
                "SELECT document_id, source FROM document_sources ORDER BY 1, 2"
            ).fetchall(),
            "analyses": con.execute(
                "SELECT document_id, pipeline, analysed_at FROM analyses ORDER BY 1, 2"
            ).fetchall(),
            "stories": con.execute(
                "SELECT document_id, story_id FROM story_articles ORDER BY 1"
            ).fetchall(),
        }
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    texts = articles(ARTICLES)
    corpus, db = tmp_path / "corpus", tmp_path / "store.db"
    write_articles(corpus, texts)
    rng = random.Random(8)

    killed_reading = killed_analysing = 0
    for i in range(KILLS):
        if i < READ_KILLS:
            proc = _ingest(db, corpus, "--no-analyse")
            time.sleep(rng.uniform(*READ_WINDOW_S))
            killed_reading += _kill(proc)
            continue
        before = _count(db, "analyses")
        proc = _ingest(db, corpus)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count(db, "analyses") <= before:
            assert time.monotonic() < deadline, "no analysis stored in 120 s"
            time.sleep(0.05)
        time.sleep(rng.uniform(*ANALYSE_WINDOW_S))
        killed_analysing += _kill(proc)
    assert killed_reading >= READ_KILLS // 2 and killed_analysing >= 5, (
        killed_reading,
        killed_analysing,
    )

    # Resume: only what is missing is added, analyses made before are kept as they are.
    stored_before = _count(db, "documents")
    kept = {row[0]: row[2] for row in _snapshot(db)["analyses"]}
    assert 0 < len(kept) < ARTICLES, "the kills should leave part of the analysis done"
    final = _ingest(db, corpus)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    added = int(re.search(r"(\d+) new", err).group(1))  # type: ignore[union-attr]
    assert added == ARTICLES - stored_before

    expected = {content_id(t) for t in texts}
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = [row[0] for row in con.execute("SELECT id FROM documents")]
        assert len(ids) == ARTICLES and set(ids) == expected  # every article exactly once
        assert con.execute("SELECT count(*) FROM document_sources").fetchone()[0] == ARTICLES
        analyses = con.execute("SELECT document_id, pipeline FROM analyses").fetchall()
        version = pipeline_version()
        assert sorted(a[0] for a in analyses) == sorted(expected)  # every analysis once
        assert {a[1] for a in analyses} == {version}
        resumed = dict(con.execute("SELECT document_id, analysed_at FROM analyses").fetchall())
        assert all(resumed[d] == at for d, at in kept.items())  # not recomputed
        # Every article in exactly one story; a story's size counts its articles that
        # are not copies, so a story placed twice would show.
        assert con.execute("SELECT count(*) FROM story_articles").fetchone()[0] == ARTICLES
        assert (
            con.execute(
                "SELECT count(*) FROM stories AS s WHERE s.size != (SELECT count(*) "
                "FROM story_articles AS a WHERE a.story_id = s.id AND a.duplicate_of IS NULL)"
            ).fetchone()[0]
            == 0
        )
    finally:
        con.close()

    # Re-running on the same input changes nothing.
    before = _snapshot(db)
    again = _ingest(db, corpus)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"0 new, {ARTICLES} already stored" in " ".join(err.split())
    assert _snapshot(db) == before
