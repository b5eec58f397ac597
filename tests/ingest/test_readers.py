"""JSON, JSON Lines, feeds and WARC archives: generated here, nothing downloaded."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest

from newsprism import Document, InputFailure, Settings, read
from newsprism.ingest import read_document, read_inputs
from newsprism.pipeline.clean import clean

PROSE = (
    "The minister said on Thursday that the talks would continue for another week, "
    "and officials in the capital confirmed that both delegations had agreed to stay."
)
PAGE = (
    "<html lang='en'><head><title>Talks go on</title><script>var x = 1;</script></head>"
    "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Talks go on</h1>"
    f"<p>{PROSE}</p><p>A second paragraph with more words about the talks and the people "
    "who took part in them, to give the extractor enough text to work with.</p>"
    "</article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"
)


def _write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


def test_json_record_with_metadata(tmp_path: Path) -> None:
    record = {
        "headline": "Talks go on",
        "body": PROSE,
        "url": "https://www.example.com/news/talks",
        "published": "Thu, 06 Mar 2025 14:02:00 GMT",
        "authors": [{"name": "Ann Lee"}, "Bob Roe"],
    }
    doc = read_document(_write(tmp_path / "a.json", json.dumps(record)), settings=Settings())
    assert doc.text == PROSE and doc.format == "text"
    assert doc.title == "Talks go on"
    assert doc.outlet == "example.com"  # the URL's site when the record names no outlet
    assert doc.published == "2025-03-06T14:02:00+00:00"
    assert doc.author == "Ann Lee, Bob Roe"
    assert doc.language == "en"


def test_json_list_gives_one_document_per_record(tmp_path: Path) -> None:
    records = [
        {"title": "One", "text": PROSE, "source": "Outlet A"},
        {"title": "Two", "text": PROSE + " More.", "outlet": {"name": "Outlet B"}},
        {"title": "No text"},
    ]
    path = _write(tmp_path / "list.json", json.dumps({"articles": records}))
    results = list(read_inputs([path], settings=Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    assert [(d.source, d.outlet) for d in docs] == [
        (f"{path}#1", "Outlet A"),
        (f"{path}#2", "Outlet B"),
    ]
    assert [r.source for r in results if isinstance(r, InputFailure)] == [f"{path}#3"]


def test_jsonl_broken_line_is_one_failure(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "A", "text": PROSE}),
        '{"title": "broken", "text": ',
        "",
        json.dumps({"title": "B", "content": PROSE + " Again."}),
    ]
    path = _write(tmp_path / "x.jsonl", "\n".join(lines))
    docs, failures = read([path], settings=Settings())
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#4"]
    assert [f.source for f in failures] == [f"{path}#2"]
    assert "invalid JSON" in failures[0].error


def test_jsonl_record_with_html_goes_through_the_html_reader(tmp_path: Path) -> None:
    record = {"html": PAGE, "url": "https://news.example.org/talks", "outlet": "Example News"}
    path = _write(tmp_path / "pages.jsonl.gz", gzip.compress(json.dumps(record).encode()))
    doc = read_document(path, settings=Settings())
    assert doc.format == "html" and doc.outlet == "Example News"
    assert doc.url == "https://news.example.org/talks"
    article = clean(doc)
    assert PROSE in article.body
    assert "Home" not in article.body and "Copyright" not in article.body
    assert {r.reason for r in article.boilerplate} == {"not main content"}
    assert article.title == "Talks go on"


def test_json_that_is_not_json_fails(tmp_path: Path) -> None:
    docs, failures = read([_write(tmp_path / "bad.json", "{nope")], settings=Settings())
    assert docs == [] and "invalid JSON" in failures[0].error


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://example.com/</link>
<item><title>Full entry</title><link>https://example.com/full</link>
<pubDate>Thu, 06 Mar 2025 14:02:00 GMT</pubDate><author>ann@example.com (Ann)</author>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>{prose}</p>
<p>The post Full entry appeared first on Example News.</p>]]></content:encoded>
</item>
<item><title>Summary only</title><link>https://example.com/summary</link>
<description>&lt;p&gt;Only a summary, but a real sentence about the talks.&lt;/p&gt;
</description></item>
<item><title>Empty</title><link>https://example.com/empty</link></item>
</channel></rss>""".replace("{prose}", PROSE)

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Atom entry</title><link href="https://atom.example.net/a"/>
<updated>2025-03-07T09:30:00Z</updated><author><name>Cy Doe</name></author>
<content type="html">&lt;p&gt;{PROSE}&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries_with_content_or_summary(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.rss", RSS)
    results = list(read_inputs([path], settings=Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.title for d in docs] == ["Full entry", "Summary only"]
    full = docs[0]
    assert full.source == f"{path}#1" and full.outlet == "Example News"
    assert full.url == "https://example.com/full"
    assert full.published == "2025-03-06T14:02:00+00:00"
    assert full.text.startswith(PROSE)
    assert docs[1].text == "Only a summary, but a real sentence about the talks."
    assert [r.source for r in results if isinstance(r, InputFailure)] == [f"{path}#3"]


def test_atom_feed_gzipped(tmp_path: Path) -> None:
    path = _write(tmp_path / "feed.atom.gz", gzip.compress(ATOM.encode()))
    doc = read_document(path, settings=Settings())
    assert doc.text == PROSE and doc.outlet == "Atom Daily" and doc.author == "Cy Doe"
    assert doc.published == "2025-03-07T09:30:00+00:00"


def test_feed_entity_expansion_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        levels.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(levels) + "\n]>\n"
        "<rss version='2.0'><channel><title>Bomb</title><item><title>&lol9;</title>"
        f"<description>{PROSE} &lol9;</description></item></channel></rss>"
    )
    path = _write(tmp_path / "bomb.xml", bomb)
    started = time.perf_counter()
    results = list(read_inputs([path], settings=Settings()))
    assert time.perf_counter() - started < 5
    for r in results:
        if isinstance(r, Document):
            assert len(r.text) < 10_000 and "lollollol" not in r.text


def test_feed_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    xxe = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<rss version='2.0'><channel><title>X</title><item><title>t</title>"
        f"<description>{PROSE} &xxe;</description></item></channel></rss>"
    )
    results = list(read_inputs([_write(tmp_path / "xxe.rss", xxe)], settings=Settings()))
    assert all("TOP-SECRET" not in getattr(r, "text", "") for r in results)


def test_xml_that_is_not_a_feed_fails(tmp_path: Path) -> None:
    docs, failures = read([_write(tmp_path / "x.xml", "<a><b>1</b></a>")], settings=Settings())
    assert docs == [] and "no entries" in failures[0].error


def _warc(records: list[tuple[str, str, bytes]], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio buffers the payload in a temporary file
    return out.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses(tmp_path: Path, gz: bool) -> None:
    data = _warc(
        [
            ("https://www.example.com/talks", "text/html; charset=utf-8", PAGE.encode()),
            ("https://www.example.com/logo.png", "image/png", b"\x89PNG..."),
            (
                "https://other.example.org/p",
                "text/html; charset=windows-1252",
                PAGE.replace("Talks go on", "Caf\u00e9 talks").encode("cp1252"),
            ),
        ],
        gz=gz,
    )
    path = _write(tmp_path / ("a.warc.gz" if gz else "a.warc"), data)
    docs, failures = read([path], settings=Settings())
    assert failures == []
    assert [d.url for d in docs] == [
        "https://www.example.com/talks",
        "https://other.example.org/p",
    ]
    assert docs[0].source == f"{path}#1" and docs[1].source == f"{path}#3"
    assert docs[1].title == "Caf\u00e9 talks"
    assert PROSE in clean(docs[0]).body


def test_truncated_warc_yields_what_it_read_and_a_failure(tmp_path: Path) -> None:
    pages = [(f"https://example.com/{i}", "text/html", PAGE.encode()) for i in range(3)]
    data = _warc(pages, gz=True)
    path = _write(tmp_path / "cut.warc.gz", data[: len(data) * 5 // 6])
    results = list(read_inputs([path], settings=Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert 1 <= len(docs) < 3
    assert len(failures) == 1 and "truncated" in failures[0].error


def test_garbage_warc_fails(tmp_path: Path) -> None:
    docs, failures = read([_write(tmp_path / "g.warc", b"not a warc\n" * 50)], settings=Settings())
    assert docs == [] and len(failures) == 1
