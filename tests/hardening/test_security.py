"""What content and requests may not reach: URL fetches to non-public addresses (after
DNS, on redirects), slow or endless responses, files outside what the user gave the web
app. (tests/ingest/test_url.py covers the redirect checks, size cap and User-Agent;
tests/web/test_app.py the request-size cap and path traversal in URLs.)"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hostile import PROSE

from newsprism.errors import FetchRefused, UnreadableInput
from newsprism.ingest.url import USER_AGENT, fetch
from newsprism.settings import Settings, load_settings

AGENTS: list[str] = []


class _Drip(BaseHTTPRequestHandler):
    """Announces 10,000 bytes and sends one every 50 ms: a fetch must not wait 8 min."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        AGENTS.append(self.headers.get("User-Agent", ""))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "10000")
        self.end_headers()
        try:
            for _ in range(10000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return  # the client gave up


@pytest.fixture
def drip() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_a_dripping_response_is_cut_at_the_timeout(drip: str) -> None:
    started = time.monotonic()
    with pytest.raises(UnreadableInput, match="fetch_timeout"):
        fetch(drip, settings=Settings(allow_private=True, fetch_timeout=0.5))
    assert time.monotonic() - started < 3
    assert AGENTS[-1] == USER_AGENT and USER_AGENT.startswith("newsprism/")


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "10.1.2.3",
        "192.168.0.1",
        "127.0.0.1",
        "::1",
        "fd00::1",
        "::ffff:10.0.0.1",
    ],
)
def test_a_public_name_resolving_to_a_private_address_is_refused(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchRefused, match="non-public address"):
        fetch("https://news.example.com/story", settings=Settings())


def test_the_web_app_reads_only_what_was_uploaded(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web import create_app

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET CONTENT that must never be read.", encoding="utf-8")
    settings = load_settings(environ={}, db=str(tmp_path / "web.db"))
    app = create_app(settings, analyse_pending=False)
    names = [f"../../../../{secret}", str(secret), "..", "a/../../secret.txt"]
    files = [
        ("files", (name, PROSE.encode() + f" {i}".encode(), "text/plain"))
        for i, name in enumerate(names)
    ]
    with TestClient(app) as client:
        response = client.post("/api/articles/upload", files=files)
        assert response.status_code == 202, response.text
        job = response.json()
        private = client.post("/api/articles", json={"urls": ["http://127.0.0.1:9/x"]}).json()
        deadline = time.monotonic() + 240
        for job_id in (job["id"], private["id"]):
            while (status := client.get(f"/api/jobs/{job_id}").json())["state"] not in (
                "done",
                "failed",
            ):
                assert time.monotonic() < deadline
                time.sleep(0.2)
            if job_id == private["id"]:
                assert status["failures"] and "non-public" in status["failures"][0]["error"]
    con = sqlite3.connect(settings.db)
    try:
        texts = [row[0] for row in con.execute("SELECT text FROM documents")]
    finally:
        con.close()
    assert sorted(texts) == sorted(PROSE + f" {i}" for i in range(len(names)))
    assert secret.read_text(encoding="utf-8").startswith("SECRET")  # untouched
