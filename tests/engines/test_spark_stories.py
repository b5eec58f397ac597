"""Stories clustered on the Spark executors: blocks of time, stitching and story records
(``newsprism.engines.spark.stories``)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from newsprism.engines.spark.stories import (
    UNDATED,
    BlockStory,
    block_keys,
    block_stories,
    components,
    pack_blocks,
    slot_of,
    story_record,
)
from newsprism.models import Analysis, Document
from newsprism.pipeline.clean import clean
from newsprism.settings import Settings
from newsprism.stories.index import horizon_days
from newsprism.stories.words import day_number

pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)

SETTINGS = Settings(semantic_similarity="off")


def _analysis(aid: str, title: str, body: str, published: str | None) -> Analysis:
    doc = Document(id=aid, source=f"{aid}.txt", text=f"{title}\n\n{body}", published=published)
    return Analysis(article=clean(doc))


# -- slots and blocks ---------------------------------------------------------------------


@pytest.mark.parametrize("gap", [0, 1, 5, 10, 16])
@pytest.mark.parametrize("limit", [1, 2, 5, 100])
def test_every_pair_within_the_horizon_meets_in_a_block(gap: int, limit: int) -> None:
    horizon = horizon_days(SETTINGS.story_threshold)
    assert gap <= horizon
    start = day_number("2024-01-01")
    assert start is not None
    days = [start + d for d in range(0, 200, 3)]
    counts: dict[int, int] = {}
    for day in days:
        slot = slot_of(day, horizon)
        assert slot is not None
        counts[slot] = counts.get(slot, 0) + 1
    for day in days:
        slot = slot_of(day + gap, horizon)
        assert slot is not None
        counts.setdefault(slot, 1)
    blocks = pack_blocks(counts, limit=limit)
    for day in days:  # every position of a pair against the slots and blocks
        first = set(block_keys(day, horizon=horizon, blocks=blocks))
        second = set(block_keys(day + gap, horizon=horizon, blocks=blocks))
        assert first & second, (day, gap)


def test_blocks_hold_at_most_the_limit_unless_one_slot_is_larger() -> None:
    counts = {1: 3, 2: 3, 3: 3, 4: 9, 9: 1}
    blocks = pack_blocks(counts, limit=6)
    assert blocks == {1: 1, 2: 1, 3: 3, 4: 4, 9: 9}
    sizes: dict[int, int] = {}
    for slot, block in blocks.items():
        sizes[block] = sizes.get(block, 0) + counts[slot]
    assert all(size <= 6 or size == 9 for size in sizes.values())


def test_undated_articles_are_a_block_or_join_the_only_one() -> None:
    assert block_keys(None, horizon=16.0, blocks={5: 5, 6: 5}) == ("b5",)
    assert block_keys(None, horizon=16.0, blocks={5: 5, 6: 6}) == (UNDATED,)
    assert block_keys(None, horizon=16.0, blocks={}) == (UNDATED,)
    assert slot_of(12345, float("inf")) == 0


# -- clustering one block and the story record ----------------------------------------

BODY_A = (
    "The city council of Springfield voted on Tuesday to close the old steel bridge "
    "over the river after engineers found deep cracks in its main girders. Mayor Ana "
    "Lopez said the bridge would stay shut until repairs costing 12 million dollars "
    "are done."
)
BODY_B = (
    "Springfield's council shut the old steel bridge on Tuesday when engineers reported "
    "cracks in the main girders. Mayor Ana Lopez said repairs would cost 12 million "
    "dollars and the river crossing stays closed until then."
)
BODY_C = (
    "A chess grandmaster from Norway won the rapid championship in Warsaw on Sunday, "
    "beating the defending champion in a final round that lasted six hours."
)


def test_a_block_clusters_with_the_plan_stage_and_gives_reading_orders() -> None:
    rows = [
        (7, _analysis("a", "Springfield closes cracked bridge", BODY_A, "2024-03-05")),
        (3, _analysis("b", "Council shuts steel bridge over cracks", BODY_B, "2024-03-05")),
        (9, _analysis("c", "Norwegian wins rapid chess title", BODY_C, "2024-03-04")),
    ]
    found = block_stories("b1", rows, settings=SETTINGS)
    assert sorted(s.members for s in found) == [(3, 7), (9,)]
    assert all(s.key.startswith("b1:story-") for s in found)


def test_the_story_record_is_titled_by_the_given_headline_and_lists_copies() -> None:
    a = _analysis("a", "Springfield closes cracked bridge", BODY_A, "2024-03-05")
    b = _analysis("b", "Council shuts steel bridge over cracks", BODY_B, "2024-03-06")
    copy = _analysis("a2", "Springfield closes cracked bridge", BODY_A, "2024-03-07")
    from dataclasses import replace

    copy = replace(copy, duplicate_of="a")
    story = story_record([a, b], [copy], title=b.article.title, settings=SETTINGS)
    assert story.title == "Council shuts steel bridge over cracks"
    assert story.voices == ("a", "b")
    assert story.article_ids == ("a", "b", "a2")
    assert (story.first_published, story.last_published) == ("2024-03-05", "2024-03-07")


BODY_D = (
    "Heavy rain pushed the Calder river over its banks in Millbrook on Monday, flooding "
    "two hundred homes. Fire chief Tom Reyes said crews rescued forty residents by boat "
    "and the school gym was opened as a shelter."
)
BODY_E = (
    "Millbrook's fire chief Tom Reyes said forty people were rescued by boat on Monday "
    "after the Calder river flooded about two hundred homes; the school gym became a "
    "shelter for the night."
)
BODY_F = (
    "The city museum reopened its east wing on Saturday after a two-year renovation, "
    "with a new gallery of medieval tapestries and a rooftop cafe."
)


# -- stitching (Spark) ------------------------------------------------------------------


@pytest.mark.slow
def test_block_stories_sharing_an_article_are_stitched_into_one(spark: object) -> None:
    # A chain across four blocks (0-1-2-3 via shared articles 1, 2), a story of its
    # own (5, 6) and a lone article (8): the labels are each component's smallest order.
    stories = [
        BlockStory("w0:a", (0, 1), ""),
        BlockStory("w1:b", (1, 2), ""),
        BlockStory("w2:c", (2, 3), ""),
        BlockStory("w2:d", (5, 6), ""),
        BlockStory("w3:e", (8,), ""),
        BlockStory("w4:f", (3,), ""),
    ]
    links = spark.sparkContext.parallelize(  # type: ignore[attr-defined]
        [(order, s.key) for s in stories for order in s.members], 3
    )
    labels = dict(components(links).collect())
    assert labels == {0: 0, 1: 0, 2: 0, 3: 0, 5: 5, 6: 5, 8: 8}


@pytest.mark.slow
def test_stories_straddling_block_edges_are_the_local_stories(spark: object) -> None:
    from newsprism.engines.spark.stories import cluster_stories
    from newsprism.stories.cluster import cluster

    # Two events 100 days apart, each told twice four days apart and placed so that the
    # pair straddles a slot edge, and one unrelated article beside each; blocks of two
    # articles at most, so each event's pair is cut across blocks and must be stitched.
    horizon = horizon_days(SETTINGS.story_threshold)
    width = math.ceil(horizon)
    edge = (date(2024, 1, 1).toordinal() // width + 1) * width  # the first slot edge
    events = [
        (
            edge - 2,
            ("Springfield closes cracked bridge", BODY_A),
            ("Council shuts steel bridge over cracks", BODY_B),
            ("Norwegian wins rapid chess title", BODY_C),
        ),
        (
            edge + 6 * width - 1,
            ("River floods Millbrook", BODY_D),
            ("Millbrook evacuated as river rises", BODY_E),
            ("Museum reopens its east wing", BODY_F),
        ),
    ]
    analyses = []
    for k, (day, first, second, other) in enumerate(events):
        start = date.fromordinal(day)
        later = start + timedelta(days=4)
        analyses += [
            _analysis(f"a{k}", *first, start.isoformat()),
            _analysis(f"b{k}", *second, later.isoformat()),
            _analysis(f"c{k}", *other, start.isoformat()),
        ]
    local = {s.id: s for s in cluster(analyses, threshold=SETTINGS.story_threshold)}
    rdd = spark.sparkContext.parallelize(list(enumerate(analyses)), 1)  # type: ignore[attr-defined]
    stories, story_of = cluster_stories(rdd, settings=SETTINGS, block_articles=2)
    found = {s.id: s for s in stories.collect()}
    assert {s.article_ids for s in found.values()} == {s.article_ids for s in local.values()}
    assert len(found) == 4
    order_of = {a.article.id: i for i, a in enumerate(analyses)}
    assert dict(story_of.collect()) == {
        order_of[aid]: s.id for s in found.values() for aid in s.article_ids
    }
