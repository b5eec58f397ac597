from __future__ import annotations

from newsprism import Corpus
from newsprism.models import Mention
from newsprism.pipeline.entities import EntityIndex, normalise_name


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
    assert any("former Russian President" in d for _, d in medvedev.descriptors)
    assert "Kiev" in by_id["place:kyiv"].aliases
    assert any(d == "Foreign Minister" for _, d in by_id["person:sergey-lavrov"].descriptors)
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
    assert any(d == "deputy chair of Russia’s Security Council" for _, d in medvedev.descriptors)
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
