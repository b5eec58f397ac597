"""Stored briefings: a stored story's briefing is built once, read back while its
articles are unchanged, and rebuilt when an article joins or what made it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Document, Settings, load_settings
from newsprism.brief import build
from newsprism.engines import pipeline_version, place, stored_briefings
from newsprism.engines.local import briefing_key
from newsprism.errors import StoreError
from newsprism.models import Analysis, Article, Story
from newsprism.plan import briefing_fingerprint
from newsprism.store import Store, open_store

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


def _analysis(i: str, body: str, *, outlet: str, published: str) -> Analysis:
    title = body.split(",")[0]
    doc = Document(
        id=i, source=f"{i}.txt", text=f"{title}\n\n{body}", outlet=outlet, published=published
    )
    return Analysis(
        article=Article(document=doc, title=title, body=body, segments=(), outlet=outlet)
    )


@pytest.fixture
def words_only(tmp_path: Path) -> Settings:
    # A lower story threshold than the default: these tests are about the stored
    # briefing, and the learned similarity of a batch of two short articles sits near
    # the default cut (0.11 for the two fire reports), so the default would test it.
    return load_settings(environ={}, db=str(tmp_path / "b.db")).replace(
        semantic_similarity="off", story_threshold=0.05
    )


def _add(store: Store, analyses: list[Analysis], settings: Settings) -> None:
    """What ingest does after the NLP: store the analyses and place them."""
    store.add_documents(a.article.document for a in analyses)
    store.put_analyses(analyses, pipeline=pipeline_version(settings=settings))
    place(store, analyses, settings=settings)


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the briefing was built again")


def test_a_stored_briefing_is_read_back_not_rebuilt(
    words_only: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [
        _analysis("a", FIRE, outlet="Daily", published="2024-01-02"),
        _analysis("b", FIRE_2, outlet="Herald", published="2024-01-03"),
    ]
    with open_store(words_only.db) as store:
        _add(store, first, words_only)
        (built,) = stored_briefings(store, settings=words_only)
    assert [a.id for a in built.articles] == ["a", "b"]
    monkeypatch.setattr(build, "build_story", _refuse)
    with open_store(words_only.db) as store:
        (read,) = stored_briefings(store, settings=words_only)
    assert read == built


def test_an_article_joining_the_story_rebuilds_its_briefing(words_only: Settings) -> None:
    with open_store(words_only.db) as store:
        _add(
            store,
            [
                _analysis("a", FIRE, outlet="Daily", published="2024-01-02"),
                _analysis("b", FIRE_2, outlet="Herald", published="2024-01-03"),
            ],
            words_only,
        )
        (before,) = stored_briefings(store, settings=words_only)
        _add(store, [_analysis("c", FIRE_3, outlet="Tribune", published="2024-01-04")], words_only)
        (after,) = stored_briefings(store, settings=words_only)
    assert after.id == before.id
    assert [a.id for a in after.articles] == ["a", "b", "c"]
    assert after.span.last == "2024-01-04"


def test_a_briefing_stored_under_another_key_is_rebuilt(words_only: Settings) -> None:
    with open_store(words_only.db) as store:
        _add(store, [_analysis("a", FIRE, outlet="Daily", published="2024-01-02")], words_only)
        (built,) = stored_briefings(store, settings=words_only)
        # As if made by other comparison code: the same story, another key.
        stale = build.build_story(Story(built.id, "stale title", ("a",)), {}, {})
        store.put_story_briefings([("another key", stale)])
        (again,) = stored_briefings(store, settings=words_only)
    assert again == built


def test_the_key_follows_members_copies_and_code(words_only: Settings) -> None:
    story = Story("s1", "Wildfire", ("a", "b"))
    base = briefing_fingerprint(words_only)
    key = briefing_key(story, {}, fingerprint=base)
    assert key == briefing_key(story, {}, fingerprint=base)
    assert key != briefing_key(Story("s1", "Wildfire", ("a", "b", "c")), {}, fingerprint=base)
    assert key != briefing_key(story, {"b": "a"}, fingerprint=base)
    assert key != briefing_key(story, {}, fingerprint="other code")


def test_a_store_that_cannot_keep_the_briefing_still_gives_it(
    words_only: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Store, items: object) -> int:
        raise StoreError(f"{self.path}: cannot store briefings (attempt to write a readonly db)")

    with open_store(words_only.db) as store:
        _add(store, [_analysis("a", FIRE, outlet="Daily", published="2024-01-02")], words_only)
        monkeypatch.setattr(Store, "put_story_briefings", refuse)
        (record,) = stored_briefings(store, settings=words_only)
    assert [a.id for a in record.articles] == ["a"]
