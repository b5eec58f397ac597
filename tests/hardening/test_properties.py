"""Property tests (Hypothesis) over reading, cleaning and the per-article pipeline with
random and adversarial text: quotation marks of every kind and unbalanced, huge lines,
control characters, bidirectional marks, combining characters. Nothing raises (but an
InputError for input that is refused), and every reported span is the text it points at.
Example counts are modest: the pipeline runs spaCy."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.engines import analyse_documents
from newsprism.errors import InputError
from newsprism.export import analysis_record
from newsprism.ingest.feed import read_feed
from newsprism.ingest.html import document_from_html, read_html
from newsprism.ingest.ids import content_id
from newsprism.ingest.records import read_json, read_jsonl
from newsprism.ingest.text import read_text
from newsprism.ingest.warc import read_warc
from newsprism.models import Document
from newsprism.pipeline.clean import clean
from newsprism.settings import Settings

SETTINGS = Settings(db=":memory:")

_WORDS = [
    "The minister said",
    "Ms. Novak",
    "told reporters",
    "on Monday",
    "according to officials",
    "12 per cent",
    "$3.5bn",
    "Kyiv",
    "the ceasefire",
    "would resume",
    "—",
    "...",
    ".",
    ",",
    ":",
    "\n",
    "\n\n",
]
_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "'", "`", "''", "``", "「", "」"]
_ODD = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "\ufeff",  # byte-order mark in the middle of text
    "e\u0301",  # combining acute
    "\u0308\u0308\u0308",  # combining marks on nothing
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\t",
    "\x0b",
    "\x85",
    "\u2028",
    "\u2029",
    "שלום",
    "مرحبا",
    "東京",
    "🇺🇦",
    "👩\u200d👩\u200d👧",
]
_HUGE = ["word " * 3000, "x" * 20_000, "“" * 500, "\n" * 500]

pieces = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.sampled_from(_ODD),
    st.text(max_size=20),
)
adversarial_text = st.one_of(
    st.lists(pieces, max_size=60).map(" ".join),
    st.lists(st.one_of(pieces, st.sampled_from(_HUGE)), max_size=6).map("".join),
    st.text(max_size=300),
)


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every ``{start, end, text}`` object in an ``extract --json`` record."""
    out = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("text"), str):
            out.append(value)
        for child in value.values():
            out += _spans(child)
    elif isinstance(value, list):
        for child in value:
            out += _spans(child)
    return out


def _check_spans(document: Document) -> None:
    for analysis in analyse_documents([document], settings=SETTINGS):
        record = analysis_record(analysis)
        text = record["text"]
        for span in _spans({k: v for k, v in record.items() if k != "text"}):
            assert 0 <= span["start"] <= span["end"] <= len(text), span
            assert text[span["start"] : span["end"]] == span["text"], span


def _document(text: str) -> Document:
    return Document(id=content_id(text), source="adversarial.txt", text=text, format="text")


@settings(max_examples=200, deadline=None)
@given(adversarial_text)
def test_clean_never_raises_and_keeps_offsets(text: str) -> None:
    article = clean(_document(text))
    for removal in article.boilerplate:
        assert text[removal.start : removal.end] == removal.text


@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial_text)
def test_pipeline_spans_point_at_their_text(text: str) -> None:
    _check_spans(_document(text))


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["p", "div", "h1", "li", "b", "q"]), adversarial_text)))
def test_html_pipeline_spans_point_at_their_text(blocks: list[tuple[str, str]]) -> None:
    from html import escape

    html = "<html><body>" + "".join(f"<{t}>{escape(x)}</{t}>" for t, x in blocks) + "</body>"
    try:
        document = document_from_html(html, source="adversarial.html", settings=SETTINGS)
    except InputError:
        return  # no visible text
    _check_spans(document)


_MARKUP = [
    b"<html>",
    b"<body>",
    b"<p>",
    b"</p>",
    b"<div",
    b">",
    b"&amp;",
    b"&#0;",
    b"&#x110000;",
    b"&#xD800;",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b"<meta charset=utf-7>",
    b"<meta charset=x-nonsense>",
    b"<rss><channel><item><description>",
    b"</description></item></channel></rss>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"{",
    b"}",
    b"[",
    b'"text": ',
    b'"html": ',
    b'"date": 1e400',
    b'"published": -99999999999999',
    b'"url": "http://[::1"',
    b"\n",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"\r\n",
    b"\x1f\x8b",
    b"\xff\xfe",
    b"hello world ",
]
hostile_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(st.sampled_from(_MARKUP), st.binary(max_size=8)), max_size=40).map(b"".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_bytes)
def test_readers_yield_or_refuse_never_crash(data: bytes) -> None:
    readers = [read_text, read_html, read_json, read_jsonl, read_feed]
    for reader in readers:
        try:
            result = reader(data, source="x", settings=SETTINGS)
            if not isinstance(result, Document):
                list(result)
        except InputError:
            pass
    list(read_warc(io.BytesIO(data), source="x", settings=SETTINGS))  # failures, not raises
