from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism import Document
from newsprism.pipeline.clean import clean

# Every boilerplate line of the seeds, by file; every other line is article text.
SEED_BOILERPLATE = {
    "000": [],
    "001": [
        "Share this article",
        "Shareable URL",
        "Prev Post",
        "France: Teen arrested over alleged terror plot, authorities cite rising radicalization",
        "Next Post",
        "Poles’ attitude towards Ukrainian refugees worsens",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Read next",
    ],
    "002": ["________________", "Share This Post", "Similar Posts"],
    "003": [
        "-",
        "Russian Foreign Minister Sergey Lavrov speaks during a joint news conference with "
        "Zimbabwe's Minister of Foreign Affairs and International Trade Amon Murwira following "
        "their talks in Moscow, Russia, Thursday, March 6, 2025. (AP Photo/Pavel Bednyakov, Pool)",
        "Read more: Le Pen rejects European nuclear defense plan: Politico",
    ],
    "004": [
        "Russia Rejects Foreign Troop Deployment in Ukraine, Calls Proposal ‘Unacceptable’",
        "Follow the CNewsLive English Readers channel on WhatsApp:",
        "https://whatsapp.com/channel/0029Vaz4fX77oQhU1lSymM1w",
        "The comments posted here are not from Cnews Live. Kindly refrain from using "
        "derogatory, personal, or obscene words in your comments.",
    ],
}


def _doc(path: Path) -> Document:
    return Document(id=path.stem, source=str(path), text=path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted(SEED_BOILERPLATE))
def test_seed_boilerplate_goes_and_every_article_line_stays(seeds_dir: Path, prefix: str) -> None:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    article = clean(_doc(path))
    removed = [r.text for r in article.boilerplate]
    assert removed == SEED_BOILERPLATE[prefix]
    lines = [ln.strip() for ln in article.text.splitlines() if ln.strip()]
    title = article.title_span.text if article.title_span else None
    for line in lines:
        if line in removed or line == title:
            continue
        assert line in article.body, f"article line lost: {line!r}"
    for r in article.boilerplate:
        assert article.text[r.start : r.end] == r.text
        assert r.reason


def test_titles_of_the_seeds(seeds_dir: Path) -> None:
    titles = {p.name[:3]: clean(_doc(p)).title for p in sorted(seeds_dir.glob("*.txt"))}
    assert (
        titles["001"] == "Medvedev says NATO troop deployment in Ukraine would mean war with Russia"
    )
    assert titles["003"] == "Russia rejects possible deployment of European peacekeepers in Ukraine"
    # A wire report starting with its lede has no headline line: the title is derived
    # from the first sentence and the lede stays in the body.
    assert titles["000"].startswith("Russia will not tolerate the presence")


def test_outlet_found_in_boilerplate(seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("004_*.txt"))
    assert clean(_doc(path)).outlet == "CNewsLive"


def test_body_maps_back_to_text() -> None:
    text = "Headline here\n\nFirst paragraph.\nShare this article\nSecond one."
    article = clean(Document(id="1", source="t.txt", text=text))
    assert article.body == "First paragraph.\n\nSecond one."
    i = article.body.index("Second")
    assert text[article.to_text(i) :].startswith("Second")
    span = article.span(0, len(article.body))
    assert text[span.start : span.end] == span.text


def test_sentences_that_mention_share_words_are_kept() -> None:
    text = "Title\nThe minister said people should share this article widely, he added.\nShare"
    article = clean(Document(id="1", source="t.txt", text=text))
    assert "share this article widely" in article.body
    assert [r.text for r in article.boilerplate] == ["Share"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_offsets_hold_for_any_text(text: str) -> None:
    article = clean(Document(id="h", source="h.txt", text=text))
    for r in article.boilerplate:
        assert text[r.start : r.end] == r.text
    for seg in article.segments:
        assert (
            article.body[seg.body_start : seg.body_start + seg.length]
            == text[seg.text_start : seg.text_start + seg.length]
        )
