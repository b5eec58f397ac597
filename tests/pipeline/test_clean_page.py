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


def test_html_article_resuming_after_an_advertisement_is_kept() -> None:
    from newsprism.pipeline.clean_html import classify_html
    from newsprism.pipeline.clean_text import split_lines

    text = "\n".join(
        [
            PARAS[0],
            "Advertisement",
            "The talks went on into the night, and both sides said they would meet again.",
            "A short line after it.",
            "More from Example News",
            "Advertisement",
            "A paragraph far below the article that the extractor left out of it, rightly.",
        ]
    )
    lines = split_lines(text)
    main = ((0, len(PARAS[0])),)
    removed, _ = classify_html(lines, main, title=None)
    kept = [line.text for i, line in enumerate(lines) if i not in removed]
    assert kept == [PARAS[0], lines[2].text, "A short line after it."]
    assert 1 in removed and 4 in removed and 6 in removed
    # Without the advertisement label the extractor's choice stands.
    plain = split_lines(f"{PARAS[0]}\n{lines[2].text}")
    assert list(classify_html(plain, main, title=None)[0]) == [1]
