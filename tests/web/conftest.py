"""Fixtures of the web tests: the app served by uvicorn on 127.0.0.1 (a free port)
over a temporary store, and Chromium driven by Playwright."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsprism.api import store_inputs
from newsprism.models import Document
from newsprism.settings import load_settings
from newsprism.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"
# Analysing the seeds (spaCy loads once per process) takes seconds; allow for a busy machine.
READY_TIMEOUT = 240.0


@dataclass
class Served:
    """A running app: its base URL and its store."""

    url: str
    db: Path

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def json(self, path: str) -> Any:
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:200])
        return json.loads(body)

    def post_json(self, path: str, data: object) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(data).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")

    def wait_ready(self) -> dict[str, Any]:
        """Wait until no stored article is waiting for analysis."""
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            listing: dict[str, Any] = self.json("/api/stories")
            if not listing["pending"] and listing["stories"]:
                return listing
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not finish analysing: {listing}")
            time.sleep(0.3)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def serve_store() -> Iterator[Any]:
    """A factory: serve the store at a path; every server stops at the end."""
    import uvicorn

    from newsprism.web import create_app

    servers: list[tuple[Any, threading.Thread]] = []

    def start(db: Path, **options: Any) -> Served:
        app = create_app(load_settings(environ={}, db=str(db)), **options)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the web app did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return Served(f"http://127.0.0.1:{port}", db)

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def seeds_app(
    serve_store: Any, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Served:
    """The app over a store holding the five seeds, analysed."""
    db = tmp_path_factory.mktemp("web") / "seeds.db"
    report = store_inputs([str(seeds_dir)], settings=load_settings(environ={}, db=str(db)))
    assert report.added == 5
    served: Served = serve_store(db)
    served.wait_ready()
    return served


HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_OUTLET = '<img src="http://203.0.113.9/o.png" onerror="alert(2)">Evil News'
HOSTILE_TEXT = (
    "Kremlin <script>alert(3)</script> rejects troops\n\n"
    'Moscow said on Monday that "no foreign troops <img src=x onerror=alert(4)> will be '
    'accepted in Ukraine," Sergey Lavrov told reporters. <iframe src="http://203.0.113.9/f">'
    "</iframe> The <svg onload=alert(5)> statement followed talks in Paris, where "
    '<a href="javascript:alert(6)">leaders</a> discussed a force of 30,000 troops.\n\n'
    "<style>body{background:url(http://203.0.113.9/s.png)}</style> Officials in Kyiv did "
    'not comment. <script src="http://203.0.113.9/x.js"></script>\n'
)


def hostile_documents() -> list[Document]:
    docs = []
    for n, text in enumerate((HOSTILE_TEXT, HOSTILE_TEXT.replace("Monday", "Tuesday"))):
        docs.append(
            Document(
                id=hashlib.sha256(text.encode()).hexdigest()[:16],
                source=f"hostile-{n}.txt",
                text=text,
                title=HOSTILE_TITLE,
                outlet=HOSTILE_OUTLET if n == 0 else f"{HOSTILE_OUTLET} {n}",
                published="2025-03-0" + str(6 + n),
            )
        )
    return docs


@pytest.fixture(scope="session")
def hostile_app(serve_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Served:
    """The app over a store of articles whose title, outlet and text carry markup."""
    db = tmp_path_factory.mktemp("web") / "hostile.db"
    with open_store(db) as store:
        store.add_documents(hostile_documents())
    served: Served = serve_store(db)
    served.wait_ready()
    return served


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
