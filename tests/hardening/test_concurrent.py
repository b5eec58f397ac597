"""The web app keeps answering while an ingest writes (WAL, one writer at a time):
200 requests, 20 at a time, from 127.0.0.1 during a `newsprism ingest` in another
process, all answered 200, none "database is locked"."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hostile import articles, write_articles

REQUESTS = 200
CONCURRENCY = 20
READY_TIMEOUT_S = 120


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSPRISM_")}


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_web_app_answers_while_an_ingest_writes(tmp_path: Path) -> None:
    texts = articles(1200, seed=5)
    first, second = tmp_path / "first", tmp_path / "second"
    write_articles(first, texts[:120])
    write_articles(second, texts[120:])
    db = tmp_path / "store.db"
    setup = _cli("--db", str(db), "ingest", "--quiet", str(first))
    _, err = setup.communicate(timeout=300)
    assert setup.returncode == 0, err

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _cli("serve", "--db", str(db), "--port", str(port))  # serve's own --db
    writer: subprocess.Popen[str] | None = None
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            assert server.poll() is None, server.communicate()[1]
            try:
                status, body = _get(base + "/api/stories")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        stories = json.loads(body)
        story_ids = [
            s["id"] for s in (stories if isinstance(stories, list) else stories["stories"])
        ]
        con = sqlite3.connect(db)
        article_ids = [row[0] for row in con.execute("SELECT id FROM documents")]
        con.close()
        assert story_ids and article_ids
        paths = [
            "/",
            "/api/stories",
            "/search?q=minister",
            "/api/search?q=talks",
            *(f"/stories/{s}" for s in story_ids[:5]),
            *(f"/api/stories/{s}" for s in story_ids[:5]),
            *(f"/articles/{a}" for a in article_ids[:5]),
            *(f"/api/articles/{a}" for a in article_ids[:5]),
        ]

        # The ingest writes documents, then analyses in batches, then stories.
        writer = _cli("--db", str(db), "ingest", "--quiet", str(second))
        while _count(db, "documents") <= len(texts[:120]):
            assert writer.poll() is None, writer.communicate()[1]
            time.sleep(0.05)
        analyses_before = _count(db, "analyses")

        def fetch(i: int) -> tuple[str, int, bytes, bool]:
            path = paths[i % len(paths)]
            status, body = _get(base + path)
            return path, status, body, writer.poll() is None  # type: ignore[union-attr]

        with ThreadPoolExecutor(CONCURRENCY) as pool:
            results = list(pool.map(fetch, range(REQUESTS)))
        during = sum(1 for *_, writing in results if writing)
        bad = [(p, s, b[:200]) for p, s, b, _ in results if s != 200]
        assert bad == []
        assert not any(b"database is locked" in b for _, _, b, _ in results)
        # The load ran while the ingest was writing, and the ingest went on meanwhile.
        assert during >= REQUESTS // 2, during
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
        assert _count(db, "analyses") > analyses_before
        assert _count(db, "documents") == len(texts)
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
            writer.communicate()
        server.terminate()
        _, server_err = server.communicate(timeout=30)
    assert "database is locked" not in server_err
    assert "Traceback" not in server_err
