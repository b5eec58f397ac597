"""stdin is sniffed like a file: HTML, JSON, JSON Lines, feeds, gzip (issue 18, item 2)."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from newsprism import load_settings
from newsprism.ingest import read_inputs
from newsprism.ingest.sniff import sniff_format
from newsprism.models import Document

BODY = (
    "The finance minister resigned on Tuesday after a row over the budget, officials "
    "said. The prime minister thanked her and said a successor would be named soon."
)
HTML = (
    "<!doctype html><html><head><title>Minister resigns</title></head><body><article>"
    f"<h1>Minister resigns</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)
JSONL = (
    '{"title": "One", "text": "First body about the budget row."}\n'
    '{"title": "Two", "text": "Second body about the budget row."}\n'
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
    f"<title>Minister resigns</title><description>{BODY}</description></item></channel></rss>"
)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, tmp_path: Path, **kw: str) -> list:  # type: ignore[type-arg]
    buffer = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffer))
    settings = load_settings(environ={}, db=str(tmp_path / "s.db"), **kw)
    return list(read_inputs(["-"], settings=settings))


def test_piped_html_is_read_as_html(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (doc,) = _stdin(monkeypatch, HTML.encode(), tmp_path)
    assert isinstance(doc, Document) and doc.format == "html"
    assert doc.title == "Minister resigns" and "<" not in doc.text


def test_piped_json_lines_are_one_document_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    docs = _stdin(monkeypatch, JSONL.encode(), tmp_path)
    assert [d.title for d in docs] == ["One", "Two"]


def test_piped_gzip_html_and_feed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (doc,) = _stdin(monkeypatch, gzip.compress(HTML.encode()), tmp_path)
    assert doc.title == "Minister resigns"
    (entry,) = _stdin(monkeypatch, FEED.encode(), tmp_path)
    assert entry.title == "Minister resigns"


def test_input_format_forces_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (doc,) = _stdin(monkeypatch, HTML.encode(), tmp_path, input_format="text")
    assert doc.text.startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (HTML, "html"),
        ("<p>A fragment</p>", "html"),
        (FEED, "feed"),
        ('{"title": "x", "text": "y"}', "json"),
        ('[{"title": "x"}]', "json"),
        (JSONL, "jsonl"),
        ("Plain text about <things> and {braces}.", "text"),
        ("[Reuters] not JSON at all", "text"),
    ],
)
def test_sniff_format(data: str, kind: str) -> None:
    assert sniff_format(data.encode()) == kind
