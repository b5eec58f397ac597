"""Stories kept in the store: an article ingested later joins a story or opens one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism import Document
from newsprism.api import store_inputs
from newsprism.models import Analysis, Article, Mention
from newsprism.store import Store, open_store
from newsprism.stories.place import place_articles

FIRE = (
    "Firefighters battled a wildfire near Los Angeles on Tuesday that forced thousands of "
    "residents to flee their homes, officials said. Strong Santa Ana winds pushed the fire "
    "across dry hillsides overnight, and the county sheriff ordered new evacuations in two "
    "canyons. No deaths were reported, but at least twelve homes were destroyed."
)
FIRE_2 = (
    "Thousands of residents fled their homes near Los Angeles as a wildfire driven by Santa "
    "Ana winds burned across dry hillsides; the sheriff ordered evacuations in two canyons "
    "and twelve homes were destroyed, officials said on Wednesday."
)
FIRE_3 = (
    "A new wildfire near Los Angeles forced residents of two canyons to flee their homes "
    "overnight as Santa Ana winds drove flames across dry hillsides, the county sheriff "
    "said; firefighters said several homes were destroyed."
)
BANK = (
    "The European Central Bank raised interest rates by a quarter point on Thursday, its "
    "president Christine Lagarde said in Frankfurt, citing stubborn inflation in services "
    "and wages across the euro area, and signalled that more increases could follow."
)
THRESHOLD = 0.1


def _analysis(
    i: str, title: str, body: str, *, outlet: str, published: str, entities: tuple[str, ...] = ()
) -> Analysis:
    text = f"{title}\n\n{body}"
    doc = Document(id=i, source=f"{i}.txt", text=text, outlet=outlet, published=published)
    article = Article(document=doc, title=title, body=body, segments=(), outlet=outlet)
    mentions = tuple(Mention(0, 1, text[:1], "GPE", entity=e) for e in entities)
    return Analysis(article=article, mentions=mentions)


def _add(store: Store, analyses: list[Analysis]) -> None:
    """What ingest does, without the NLP: store, then place in the stored stories."""
    store.add_documents(a.article.document for a in analyses)
    store.put_analyses(analyses, pipeline="test")
    with store.story_index() as index:
        place_articles(analyses, index, threshold=THRESHOLD)


def test_a_later_article_joins_its_story_or_opens_one() -> None:
    la = ("place:los-angeles", "place:california")
    with open_store(":memory:") as store:
        _add(
            store,
            [
                _analysis(
                    "f1",
                    "Wildfire forces evacuations",
                    FIRE,
                    outlet="AP",
                    published="2024-01-02",
                    entities=la,
                ),
                _analysis(
                    "b1",
                    "ECB raises rates",
                    BANK,
                    outlet="Reuters",
                    published="2024-01-04",
                    entities=("org:ecb",),
                ),
            ],
        )
        assert len(store.stories()) == 2
        # A day later, in a separate ingest: another outlet's report, a wire copy of
        # the bank story under a new headline, and a fire on the same hills two months on.
        _add(
            store,
            [
                _analysis(
                    "f2",
                    "LA fire: thousands flee",
                    FIRE_2,
                    outlet="Times",
                    published="2024-01-03",
                    entities=("place:los-angeles",),
                ),
                _analysis(
                    "b2",
                    "Rates up again in Frankfurt",
                    BANK,
                    outlet="Daily",
                    published="2024-01-05",
                ),
                _analysis(
                    "f3",
                    "Wildfire forces evacuations",
                    FIRE_3,
                    outlet="Times",
                    published="2024-03-20",
                ),
            ],
        )
        stories = store.stories()
        fire = next(s for s in stories if "f1" in s.article_ids)
        assert fire.article_ids == ("f1", "f2") and fire.voices == ("f1", "f2")
        assert fire.key_entities[0] == "place:los-angeles"
        assert (fire.first_published, fire.last_published) == ("2024-01-02", "2024-01-03")
        assert fire.outlets == ("AP", "Times")
        bank = next(s for s in stories if "b1" in s.article_ids)
        assert bank.article_ids == ("b1", "b2") and bank.voices == ("b1",)
        assert bank.outlets == ("Daily", "Reuters") and bank.last_published == "2024-01-05"
        assert store.story_of("b2") == (bank.id, "b1")
        late = next(s for s in stories if "f3" in s.article_ids)
        assert late.id != fire.id  # an old story does not swallow a new event
        assert len(store.stories()) == 3
        # Placing the same articles again changes nothing.
        _add(
            store,
            [
                _analysis(
                    "f2", "LA fire: thousands flee", FIRE_2, outlet="Times", published="2024-01-03"
                )
            ],
        )
        assert store.stories(story_ids=[fire.id]) == [fire]


def test_the_stories_migration_applies_after_later_ones(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path):
        pass
    db = sqlite3.connect(path)
    for table in (
        "copy_bands",
        "story_counters",
        "story_term_counts",
        "story_entities",
        "story_terms",
        "story_articles",
        "stories",
    ):
        db.execute(f"DROP TABLE {table}")
    db.execute("DELETE FROM schema_migrations WHERE name = '0002_stories.sql'")
    db.commit()
    db.close()
    with open_store(path) as store:  # a store made before 0002 landed
        assert store.stories() == []


@pytest.mark.slow
def test_ingest_places_articles_in_stored_stories(seeds_dir: Path, settings) -> None:  # type: ignore[no-untyped-def]
    seeds = sorted(seeds_dir.glob("*.txt"))
    store_inputs([str(p) for p in seeds[:3]], settings=settings)
    with open_store(settings.db) as store:
        (first,) = store.stories()
    store_inputs([str(seeds_dir)], settings=settings)
    with open_store(settings.db) as store:
        (story,) = store.stories()
    assert story.id == first.id and len(story.article_ids) == 5
    assert story.article_ids[:3] == first.article_ids
    assert "place:ukraine" in story.key_entities
    assert story.title == first.title
