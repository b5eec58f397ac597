"""Fetching URLs: a local server on 127.0.0.1, reachable only with allow_private."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism import FetchRefused, Settings, UnreadableInput, read
from newsprism.cli import main
from newsprism.ingest import read_document, url
from newsprism.ingest.url import USER_AGENT, fetch

PROSE = (
    "The minister said on Thursday that the talks would continue for another week, "
    "and officials in the capital confirmed that both delegations had agreed to stay."
)
PAGE = (
    "<html><head><title>Talks go on</title></head><body><nav>Home | World</nav><article>"
    f"<h1>Talks go on</h1><p>{PROSE}</p><p>A second paragraph with more words about the "
    "talks and the people who took part in them, so the extractor has enough text.</p>"
    "</article></body></html>"
).encode()
FEED = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Local Feed</title>"
    f"<item><title>One</title><description>{PROSE}</description></item></channel></rss>"
).encode()
SEEN_AGENTS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        # the client may have given up (the timeout test)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE, {}),
            "/feed": (200, "application/rss+xml", FEED, {}),
            "/json": (
                200,
                "application/json",
                b'{"title": "J", "text": "%s"}' % PROSE.encode(),
                {},
            ),
            "/text": (200, "text/plain", PROSE.encode(), {}),
            "/redirect": (302, "text/plain", b"", {"Location": "/page"}),
            "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
            "/to-private": (
                302,
                "text/plain",
                b"",
                {"Location": f"http://127.0.0.2:{port}/page"},
            ),
            "/big": (200, "text/plain", b"x" * 5000, {}),
            "/missing": (404, "text/plain", b"no", {}),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        status, content_type, body, headers = routes.get(self.path, routes["/missing"])
        self._send(status, content_type, body, **headers)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


ALLOW = Settings(allow_private=True, fetch_timeout=5.0)


def test_html_page_is_fetched_with_our_user_agent(server: str) -> None:
    doc = read_document(f"{server}/page", settings=ALLOW)
    assert doc.format == "html" and doc.url == f"{server}/page"
    assert doc.outlet and doc.outlet.startswith("127.0.0.1")  # the site: the page names none
    assert PROSE in doc.text
    assert SEEN_AGENTS[-1] == USER_AGENT


def test_content_type_picks_the_reader(server: str) -> None:
    assert read_document(f"{server}/feed", settings=ALLOW).outlet == "Local Feed"
    assert read_document(f"{server}/json", settings=ALLOW).title == "J"
    assert read_document(f"{server}/text", settings=ALLOW).text == PROSE


def test_redirect_is_followed(server: str) -> None:
    assert fetch(f"{server}/redirect", settings=ALLOW).url == f"{server}/page"


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(FetchRefused, match=r"non-public address 127\.0\.0\.1"):
        read_document(f"{server}/page", settings=Settings())
    docs, failures = read([f"{server}/page"], settings=Settings())
    assert docs == [] and "allow-private" in failures[0].error


def test_every_redirect_is_checked(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend 127.0.0.1 is public: the redirect to 127.0.0.2 must still be refused.
    monkeypatch.setattr(url, "_is_public", lambda address: address == "127.0.0.1")
    assert fetch(f"{server}/page", settings=Settings()).body == PAGE
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.2"):
        fetch(f"{server}/to-private", settings=Settings())


@pytest.mark.parametrize(
    "address", ["10.0.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1"]
)
def test_non_public_addresses(address: str) -> None:
    assert not url._is_public(address)


def test_public_address() -> None:
    assert url._is_public("93.184.216.34")


def test_size_cap_timeout_status_and_redirect_loop(server: str) -> None:
    with pytest.raises(UnreadableInput, match="limit"):
        fetch(f"{server}/big", settings=ALLOW.replace(max_fetch_bytes=1000))
    with pytest.raises(UnreadableInput, match="fetch failed"):
        fetch(f"{server}/slow", settings=ALLOW.replace(fetch_timeout=0.3))
    with pytest.raises(UnreadableInput, match="HTTP 404"):
        fetch(f"{server}/missing", settings=ALLOW)
    with pytest.raises(UnreadableInput, match="redirects"):
        fetch(f"{server}/loop", settings=ALLOW)


def test_other_schemes_are_refused() -> None:
    with pytest.raises(FetchRefused):
        fetch("ftp://example.com/x", settings=ALLOW)


def test_cli_allow_private(server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "ingest", f"{server}/page"]) == 1
    assert main(["--db", db, "ingest", "--allow-private", f"{server}/page"]) == 0
