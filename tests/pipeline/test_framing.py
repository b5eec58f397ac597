"""Naming variants found from the story's own wording (pipeline.framing)."""

from __future__ import annotations

from newsprism.models import Analysis, Article, Document, Quote
from newsprism.pipeline.framing import wording_variants


def _analysis(aid: str, body: str, quotes: tuple[Quote, ...] = ()) -> Analysis:
    doc = Document(id=aid, source=f"{aid}.txt", text=body, outlet=aid)
    return Analysis(
        article=Article(document=doc, title="", body=body, segments=(), outlet=aid),
        quotes=quotes,
    )


def _forms(analyses: list[Analysis]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {v.name: dict(v.forms) for v in wording_variants(analyses)}


def test_seeded_labels_split_by_outlet() -> None:
    found = _forms(
        [
            _analysis("fox", "The plan would give legal status to illegal immigrants."),
            _analysis("nyt", "The offer would shield undocumented immigrants from deportation."),
            _analysis("ap", "Undocumented immigrants brought here as children would qualify."),
        ]
    )
    assert found["immigrants"] == {
        "illegal immigrants": ("fox",),
        "undocumented immigrants": ("nyt", "ap"),
    }


def test_discovered_modifier_of_a_shared_head() -> None:
    # Not in the seed file: same head, outlet-specific modifiers, one of them loaded.
    found = _forms(
        [
            _analysis("a", "Protesters gathered outside. The radical activists blocked the road."),
            _analysis("b", "Protesters gathered outside. The peaceful activists blocked the road."),
        ]
    )
    assert found["activists"] == {"radical activists": ("a",), "peaceful activists": ("b",)}


def test_an_outlet_using_both_forms_is_not_choosing() -> None:
    found = _forms(
        [
            _analysis("a", "Radical activists and peaceful activists blocked the road."),
            _analysis("b", "The peaceful activists blocked the road."),
        ]
    )
    assert "activists" not in found


def test_ordinary_and_unloaded_modifiers_are_no_variant() -> None:
    found = _forms(
        [
            _analysis("a", "The new rules took effect. Senate lawmakers met on Monday."),
            _analysis("b", "The draft rules took effect. House lawmakers met on Monday."),
        ]
    )
    assert found == {}


def test_words_inside_quotes_are_not_the_outlets() -> None:
    body = 'The senator said "illegal immigrants must leave" on Monday.'
    start = body.index("illegal")
    quote = Quote(start, body.index('" on'), body[start : body.index('" on')], "direct")
    found = _forms(
        [
            _analysis("fox", body, (quote,)),
            _analysis("nyt", "The bill covers undocumented immigrants."),
        ]
    )
    assert "immigrants" not in found
    # Scare quotes are no one's voice either, even without a quote record.
    found = _forms(
        [
            _analysis("fox", 'He called them "illegal immigrants" in the speech.'),
            _analysis("nyt", "The bill covers undocumented immigrants."),
        ]
    )
    assert "immigrants" not in found


def test_a_seed_form_only_used_beside_the_other_is_no_variant() -> None:
    # One outlet writes both labels, the others only one: no outlet keeps to the other.
    found = _forms(
        [
            _analysis(
                "nyt",
                "Illegal immigration fell. Both undocumented immigrants and illegal"
                " immigrants were counted.",
            ),
            _analysis("hpo", "The plan covers undocumented immigrants."),
            _analysis("fox", "Undocumented immigrants would get legal status."),
        ]
    )
    assert "immigrants" not in found


def test_forms_in_unrelated_contexts_name_different_things() -> None:
    # "disdainful attack" (a speech) and "terrorist attack" (a bombing) share no context.
    found = _forms(
        [
            _analysis("fox", "The candidate launched a disdainful attack on his rival's record."),
            _analysis("hpo", "Officials said the terrorist attack killed nine people downtown."),
        ]
    )
    assert "attack" not in found
    found = _forms(
        [
            _analysis("fox", "The senator's disdainful attack on the tax plan drew replies."),
            _analysis("hpo", "The senator's pointed attack on the tax plan drew replies."),
        ]
    )
    assert found["attack"] == {"disdainful attack": ("fox",), "pointed attack": ("hpo",)}
