"""The web app over HTTP: pages, JSON API, security headers, limits (no browser)."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

import pytest

from conftest import HOSTILE_TITLE, Served
from newsprism.web.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.slow


def _story(app: Served) -> dict[str, Any]:
    listing = app.json("/api/stories")
    story: dict[str, Any] = app.json(f"/api/stories/{listing['stories'][0]['id']}")
    return story


def test_seeds_make_one_story_of_five_outlets(seeds_app: Served) -> None:
    listing = seeds_app.json("/api/stories")
    assert listing["pending"] == 0
    assert len(listing["stories"]) == 1
    story = listing["stories"][0]
    assert story["articles"] == 5
    assert len(story["outlets"]) == 5
    assert sum(o["articles"] for o in story["outlets"]) == 5


def test_story_page_shows_every_quote_and_speaker(seeds_app: Served) -> None:
    story = _story(seeds_app)
    status, _headers, body = seeds_app.get(f"/stories/{story['id']}")
    assert status == 200
    page = body.decode()
    for article in story["articles"]:
        assert f"/articles/{article['id']}" in page
    for name in ("Sergey Lavrov", "Dmitry Medvedev", "Maria Zakharova"):
        assert name in page
    assert page.count("<blockquote") == len(story["quotes"])


@pytest.mark.parametrize(
    "path", ["/", "/search?q=troops", "/add", "/docs", "/api/stories", "/openapi.json", "/nope"]
)
def test_every_response_has_the_policy(seeds_app: Served, path: str) -> None:
    _, headers, _ = seeds_app.get(path)
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_article_json_keeps_offsets(seeds_app: Served) -> None:
    story = _story(seeds_app)
    for quote in story["quotes"][:10]:
        article = seeds_app.json(f"/api/articles/{quote['article']}")
        assert article["text"][quote["start"] : quote["end"]] == quote["text"]
        assert article["story"] == story["id"]


def test_entity_lists_mentions_by_outlet(seeds_app: Served) -> None:
    entity = seeds_app.json("/api/entities/person:sergey-lavrov")
    assert entity["name"] == "Sergey Lavrov"
    assert entity["mentions"] > 0 and entity["quotes"] > 0
    assert entity["variants"]
    status, _, body = seeds_app.get("/entities/person:sergey-lavrov")
    assert status == 200 and b"Sergey Lavrov" in body


def test_search(seeds_app: Served) -> None:
    result = seeds_app.json("/api/search?q=oreshnik")
    assert result["total"] == 1
    hit = result["hits"][0]
    assert any(p["is_match"] and p["text"].lower() == "oreshnik" for p in hit["snippet"])
    assert hit["story"]
    for query in ('"', "NEAR(", "a:b", "*", "%22%29"):
        assert seeds_app.get(f"/api/search?q={query}")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/%2E%2E",
        "/api/articles/..%2Fnewsprism.db",
        "/stories/..%2F..%2Fetc%2Fpasswd",
        "/entities/..%2F..%2Fetc%2Fpasswd",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../../pyproject.toml",
        "/static/web.css",
        "/api/articles/0000000000000000",
    ],
)
def test_no_path_reads_outside_the_store(seeds_app: Served, path: str) -> None:
    status, _, body = seeds_app.get(path)
    assert status in (404, 422)
    assert b"root:" not in body and b"[project]" not in body


def test_static_files_are_local(seeds_app: Served) -> None:
    status, headers, css = seeds_app.get("/static/app.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert b"http" not in css and b"@import" not in css
    _, _, page = seeds_app.get("/")
    assert b"https://" not in page and b"http://" not in page


def test_docs_page_is_offline(seeds_app: Served) -> None:
    status, _, body = seeds_app.get("/docs")
    assert status == 200
    page = body.decode()
    assert "/api/stories/{story_id}" in page and "/api/search" in page
    assert "cdn" not in page.lower() and "https://" not in page
    spec = seeds_app.json("/openapi.json")
    assert spec["openapi"].startswith("3.")
    assert {"/api/stories", "/api/articles", "/api/jobs/{job_id}"} <= set(spec["paths"])


def test_upload_over_the_cap_is_refused(seeds_app: Served) -> None:
    import http.client
    from urllib.parse import urlsplit

    from newsprism.web.app import DEFAULT_MAX_UPLOAD_BYTES

    # The app answers from the headers alone: the body is never sent.
    conn = http.client.HTTPConnection(urlsplit(seeds_app.url).netloc, timeout=30)
    conn.putrequest("POST", "/api/articles/upload")
    conn.putheader("content-type", "multipart/form-data; boundary=zz")
    conn.putheader("content-length", str(DEFAULT_MAX_UPLOAD_BYTES + 1))
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413
    response.read()
    response.close()
    conn.close()
    # A body sent in chunks, without a length, is counted as it arrives.
    conn = http.client.HTTPConnection(urlsplit(seeds_app.url).netloc, timeout=30)
    head = b'--zz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
    chunks = iter(
        [head, *(b"x" * 1_000_000 for _ in range(DEFAULT_MAX_UPLOAD_BYTES // 1_000_000 + 2))]
    )
    try:
        conn.request(
            "POST",
            "/api/articles/upload",
            body=chunks,
            headers={"content-type": "multipart/form-data; boundary=zz"},
            encode_chunked=True,
        )
        response = conn.getresponse()
        status = response.status
        response.read()
        response.close()
    except (BrokenPipeError, ConnectionResetError):
        status = 413  # the app refused and closed before the whole body was sent
    assert status == 413
    conn.close()


def test_add_text_through_the_api(seeds_app: Served) -> None:
    text = (
        "Lavrov rules out Western troops again\n\n"
        'Russian Foreign Minister Sergey Lavrov said on Friday that "no Western troops" '
        "would be tolerated in Ukraine, repeating Moscow's rejection of a European force.\n"
    )
    status, job = seeds_app.post_json("/api/articles", {"text": text, "outlet": "Test Wire"})
    assert status == 202
    deadline = time.monotonic() + 120
    while job["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
        job = seeds_app.json(f"/api/jobs/{job['id']}")
    assert job["state"] == "done", job
    assert job["added"] == 1
    article = seeds_app.json(f"/api/articles/{job['articles'][0]['id']}")
    assert article["outlet"] == "Test Wire"
    assert article["quotes"]
    assert article["story"]
    # The job places the article in the stored stories, as `newsprism ingest` does.
    from newsprism.store import open_store

    with open_store(seeds_app.db) as store:
        stored = {aid for s in store.stories() for aid in s.article_ids}
    assert job["articles"][0]["id"] in stored
    status, _again = seeds_app.post_json("/api/articles", {"text": "   "})
    assert status == 422


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_text_is_escaped(hostile_app: Served) -> None:
    listing = hostile_app.json("/api/stories")
    story = hostile_app.json(f"/api/stories/{listing['stories'][0]['id']}")
    pages = ["/", f"/stories/{story['id']}", "/search?q=kremlin+script"]
    pages += [f"/articles/{a['id']}" for a in story["articles"]]
    pages += [f"/entities/{e['id']}" for e in story["entities"][:3]]
    for path in pages:
        status, _, body = hostile_app.get(path)
        assert status == 200, path
        parsed = _Tags()
        parsed.feed(body.decode())
        tags = {tag for tag, _ in parsed.tags}
        assert not tags & {"iframe", "svg", "img", "style", "object", "embed"}, path
        scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
        assert scripts == [[("src", "/static/app.js"), ("defer", None)]], path
        for tag, attrs in parsed.tags:
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                assert not (value or "").lower().startswith("javascript:"), (path, tag, name)
        if path.startswith(("/stories", "/articles")):
            assert HOSTILE_TITLE in "".join(parsed.text), path
