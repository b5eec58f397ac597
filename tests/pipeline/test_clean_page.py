"""Whole pages: a page copied as text, and an HTML page's main content."""

from __future__ import annotations

from newsprism import Document, Settings
from newsprism.ingest.html import document_from_html
from newsprism.pipeline.clean import clean

PARAS = [
    "The minister said on Thursday that the talks would continue for another week, "
    "and officials in the capital confirmed that both delegations had agreed to stay.",
    "Opposition leaders criticised the decision, saying the government had given away "
    "too much in exchange for a promise that nobody expects to be kept.",
    "A spokesman for the delegation declined to comment on the details of the proposal.",
]


def test_page_header_and_footer_of_a_text_page_go() -> None:
    menu = ["Home", "World", "Politics", "Business", "Sport", "Log in"]
    footer = [
        "Related",
        "Another story headline here",
        "About us",
        "Contact",
        "Privacy",
    ]  # after "Related"
    text = "\n".join(
        ["Talks go on - Example News", *menu, "Talks go on", *PARAS, *footer, "© 2025 Example"]
    )
    article = clean(Document(id="p", source="page.txt", text=text))
    assert article.body == "\n\n".join(PARAS)
    reasons = {r.text: r.reason for r in article.boilerplate}
    assert reasons["World"] == "page header" and reasons["Privacy"] == "related articles"
    assert reasons["Talks go on"] == "repeated headline"
    for r in article.boilerplate:
        assert text[r.start : r.end] == r.text


def test_html_keeps_main_content_and_reports_the_rest() -> None:
    html = (
        "<html><head><title>Talks go on</title></head><body>"
        "<ul><li>Home</li><li>World</li></ul><article><h1>Talks go on</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article><footer><p>Copyright 2025 Example News</p></footer></body></html>"
    )
    doc = document_from_html(html, source="p.html", settings=Settings())
    article = clean(doc)
    assert article.body == "\n\n".join(PARAS)
    assert article.title == "Talks go on" and article.title_span is not None
    assert {r.text for r in article.boilerplate} >= {"Home", "World", "Copyright 2025 Example News"}
    assert all(doc.text[r.start : r.end] == r.text for r in article.boilerplate)
    assert all(r.reason == "not main content" for r in article.boilerplate)
