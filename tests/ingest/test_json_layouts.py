"""Common article JSON layouts, non-200 WARC responses and Markdown (issue 18, item 9)."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest

from newsprism import Settings
from newsprism.api import read
from newsprism.ingest import records
from newsprism.ingest.markdown import blank_markdown
from newsprism.pipeline.clean import clean

ROOT = Path(__file__).resolve().parents[2]
BODY = "The finance minister resigned on Tuesday after a row over the budget."


def _read_json(tmp_path: Path, value: object) -> list:  # type: ignore[type-arg]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    docs, failures = read([str(path)], settings=Settings())
    assert failures == []
    return docs


def test_basil_body_paragraphs(tmp_path: Path) -> None:
    record = {
        "source": "fox",
        "title": "Minister resigns",
        "date": "2011-12-07",
        "body-paragraphs": [[BODY], ["She said so.", "Twice."]],
    }
    (doc,) = _read_json(tmp_path, record)
    assert doc.text == f"{BODY}\n\nShe said so. Twice."
    assert (doc.title, doc.outlet, doc.published[:10]) == ("Minister resigns", "fox", "2011-12-07")


def test_guardian_api_layout(tmp_path: Path) -> None:
    value = {
        "response": {
            "results": [
                {
                    "webTitle": "Minister resigns",
                    "webUrl": "https://www.theguardian.com/x",
                    "webPublicationDate": "2024-03-05T10:00:00Z",
                    "fields": {"bodyText": BODY, "byline": "A Reporter"},
                }
            ]
        }
    }
    (doc,) = _read_json(tmp_path, value)
    assert (doc.title, doc.text, doc.author) == ("Minister resigns", BODY, "A Reporter")
    assert doc.outlet == "theguardian.com" and doc.published.startswith("2024-03-05")


def test_newsapi_and_webhose_layouts(tmp_path: Path) -> None:
    newsapi = {
        "source": {"id": None, "name": "Reuters"},
        "title": "Minister resigns",
        "publishedAt": "2024-03-05T10:00:00Z",
        "content": BODY,
    }
    webhose = {"thread": {"site": "example.com", "title": "Minister resigns"}, "text": BODY * 2}
    docs = _read_json(tmp_path, [newsapi, webhose])
    assert [d.outlet for d in docs] == ["Reuters", "example.com"]
    assert docs[1].title == "Minister resigns" and docs[0].published.startswith("2024-03-05")


def test_every_json_field_name_is_documented() -> None:
    doc = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([\w.\-]+)`", doc))
    for keys in (
        records.TEXT_KEYS,
        records.HTML_KEYS,
        records.TITLE_KEYS,
        records.URL_KEYS,
        records.OUTLET_KEYS,
        records.DATE_KEYS,
        records.AUTHOR_KEYS,
        records.LIST_KEYS,
    ):
        assert set(keys) <= documented, set(keys) - documented


PAGE = (
    "<html><head><title>Minister resigns</title></head><body><article><h1>Minister "
    f"resigns</h1><p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"
)


def test_non_200_warc_responses_are_skipped_with_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for status, url in (("200 OK", "a"), ("404 Not Found", "b"), ("301 Moved", "c")):
        body = PAGE if status.startswith("200") else "<html><title>Not found</title></html>"
        headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.com/{url}",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
        record.raw_stream.close()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(out.getvalue())
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        docs, failures = read([str(path)], settings=Settings())
    assert failures == [] and [d.url for d in docs] == ["https://example.com/a"]
    assert "skipped 2 responses that were not 200 OK (301 x1, 404 x1)" in caplog.text


MARKDOWN = """# Minister resigns over **budget** row

The minister resigned on *Tuesday*, [officials said](https://example.com/x) in `code`.

> She thanked her staff.

- A successor ~~soon~~ follows.
"""


def test_markdown_is_stripped_with_offsets_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (doc,), _ = read([str(path)], settings=Settings())
    assert len(doc.text) == len(MARKDOWN)
    assert len(doc.text.splitlines()) == len(MARKDOWN.splitlines())
    for marker in ("#", "**", "*", "[", "](", "`", ">", "~~", "https://"):
        assert marker not in doc.text, marker
    article = clean(doc)
    assert article.title == "Minister resigns over budget row"
    for word in ("Tuesday", "officials said", "successor"):
        i = doc.text.index(word)
        assert MARKDOWN[i : i + len(word)] == word
    assert article.title_span is not None
    assert MARKDOWN[article.title_span.start : article.title_span.end].startswith("Minister")


@pytest.mark.parametrize(
    "text",
    ["snake_case_name and 2*3*4", "A - B and a ** b", "price: $5 * 2", "C# and F#"],
)
def test_markdown_leaves_prose_alone(text: str) -> None:
    assert blank_markdown(text) == text
