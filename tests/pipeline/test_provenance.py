"""Publication date and outlet read from an article's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.models import Document, Removal
from newsprism.pipeline.clean import clean
from newsprism.pipeline.provenance import infer_published, outlet_from_urls


def test_seed_003_caption_gives_its_date(seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("003_*.txt"))
    text = path.read_text(encoding="utf-8")
    article = clean(Document(id="003", source=str(path), text=text))
    assert article.published == "2025-03-06"
    assert article.published_span is not None
    span = article.published_span
    assert text[span.start : span.end] == span.text == "Thursday, March 6, 2025"


def test_a_given_date_is_kept_and_not_marked_inferred() -> None:
    text = "Title\nLavrov spoke in Moscow, Thursday, March 6, 2025.\nBody text here."
    article = clean(Document(id="d", source="d.txt", text=text, published="2025-03-07"))
    assert article.published == "2025-03-07" and article.published_span is None


def test_an_updated_stamp_beats_a_caption() -> None:
    text = (
        "Headline\nUpdated: March 8, 2025 10:02 ET\n"
        "A man walks in Paris, Thursday, March 6, 2025.\nBody."
    )
    found = infer_published(text)
    assert found is not None and found[0] == "2025-03-08"


def test_a_dated_sentence_in_the_body_is_an_event_not_the_date() -> None:
    text = (
        "Headline\nThe attack happened on Sept. 11, 2001, and changed the country. "
        "Officials have studied it for years since then, on Sept. 11, 2001."
    )
    assert infer_published(text) is None
    assert infer_published("Headline\nOn July 6, 2015, Sanders made a comment.") is None


def test_an_embedded_post_does_not_date_the_page() -> None:
    assert infer_published("Title\nNew song out.— Apple Music (@AppleMusic) May 2, 2016") is None


def test_a_byline_line_gives_the_date() -> None:
    found = infer_published("Headline\nBy Jo Smith | 6 March 2025\nBody text.")
    assert found is not None and found[0] == "2025-03-06"


def test_outlet_from_a_url_skips_platforms() -> None:
    removals = [
        Removal(0, 10, "https://whatsapp.com/channel/0029", "url"),
        Removal(11, 20, "Read more at https://www.example-news.com/world/1", "cross-link"),
    ]
    assert outlet_from_urls(removals) == "example-news.com"
    assert outlet_from_urls(removals[:1]) is None


def test_seed_004_names_its_outlet(seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("004_*.txt"))
    article = clean(Document(id="004", source=str(path), text=path.read_text(encoding="utf-8")))
    assert article.outlet_name == "CNewsLive"


_BODY = "".join(
    f"Paragraph {i}: the talks resumed in Geneva on Monday, officials said, and diplomats "
    "said a deal on the ceasefire was possible within weeks if both sides agreed.\n"
    for i in range(6)
)


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2025 Example Media. All rights reserved.", "Example Media"),
        ("Copyright © 2025 The Daily Example, Inc.", "The Daily Example"),
        ("© Example Media 2025", "Example Media"),
        # a photo credit names the agency, not the publisher: no year, no outlet
        ("© Reuters", None),
    ],
)
def test_outlet_from_a_copyright_notice_at_the_end_of_a_plain_text(
    footer: str, outlet: str | None
) -> None:
    text = f"Talks resume in Geneva\n{_BODY}{footer}\n"
    assert clean(Document(id="x", source="x.txt", text=text)).outlet == outlet


def test_a_copyright_line_inside_the_body_names_no_outlet() -> None:
    text = f"Talks resume in Geneva\n© 2025 Example Media\n{_BODY}{_BODY}"
    assert clean(Document(id="x", source="x.txt", text=text)).outlet is None
