"""The annotation stage on long bodies: pieces cut at paragraph breaks, parsed and
joined into one doc whose text and tokens are the body's."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.models import Article, Document
from newsprism.pipeline.annotate import annotate, load_pipeline, pieces
from newsprism.settings import Settings


@given(st.text(alphabet="ab .\n", max_size=300), st.integers(min_value=4, max_value=50))
def test_pieces_cover_the_text_in_order(text: str, size: int) -> None:
    spans = pieces(text, size=size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(end > start for start, end in spans) or text == ""


def test_pieces_are_cut_after_paragraph_breaks() -> None:
    text = "First paragraph here.\n\nSecond one, longer.\n\nThird."
    spans = pieces(text, size=25)
    assert [text[s:e] for s, e in spans] == [
        "First paragraph here.\n\n",
        "Second one, longer.\n\n",
        "Third.",
    ]


def _article(body: str) -> Article:
    from newsprism.pipeline.clean import clean

    return clean(Document(id="1", source="1.txt", text="Title\n\n" + body))


@pytest.mark.slow
def test_a_long_body_is_parsed_in_pieces_as_one_doc() -> None:
    nlp = load_pipeline(Settings().spacy_model)
    paragraph = (
        "The minister said on Monday that the talks in Geneva would resume next week. "
        '"We are close," she told reporters.'
    )
    article = _article("\n\n".join(f"{paragraph} Round {i}." for i in range(40)))
    parsed: list[int] = []
    (whole,) = annotate([article], nlp=nlp)
    (joined,) = annotate([article], nlp=nlp, piece_chars=1_000, on_piece=parsed.append)
    assert len(parsed) > 3 and sum(parsed) == len(article.body)
    assert joined.text == article.body
    assert [t.text for t in joined] == [t.text for t in whole]
    # Paragraph breaks end sentences either way: the parse is the same.
    assert [(t.dep_, t.head.i, t.ent_type_) for t in joined] == [
        (t.dep_, t.head.i, t.ent_type_) for t in whole
    ]
