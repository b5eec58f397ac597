"""Stories clustered on the executors: blocks of time, clustering inside each block,
and the blocks stitched into stories by connected components.

The driver only coordinates: it sees the number of articles per time slot and one
count per stitching round; no analysis, story or article-to-story map is collected to
it, so its memory does not grow with the corpus.

1. **Slots and blocks.** Two articles further apart in time than the *horizon* can
   never be similar enough to share a story directly: the story similarity is
   multiplied by ``exp(-days apart / DECAY_DAYS)``
   (:func:`newsprism.stories.words.decay`), so past
   :func:`~newsprism.stories.index.horizon_days` of the threshold no pair reaches it.
   Time is cut into slots one horizon long (rounded up to whole days); consecutive
   slots are packed into blocks of at most :data:`BLOCK_ARTICLES` articles
   (:func:`pack_blocks`), and the articles of a block's first slot are also in the
   block before it, so every pair that could share a story meets in some block. A
   corpus that fits in one block (with its undated articles) is one block: exactly
   the local engine's batch.
2. **Undated articles** (no decay applies to them), when there are several blocks, are
   a block of their own, and each also *visits* the dated blocks that hold its rarest
   names: the :data:`RARE_NAMES` names of its lead used by other articles too
   (:func:`lead_names`) that the fewest articles use, in at most :data:`MAX_VISITS`
   blocks, those sharing most of them. So a plain-text copy of a dated story meets it.
3. **Clustering per block** (an executor per block): the plan's ``stories`` stage,
   the local engine's learned similarity and average linkage, over the block's
   canonical articles. Copies are not clustered (as locally, each joins its canonical
   copy's story).
4. **Stitching.** An article in two blocks may fall in a story in each: block stories
   that share an article are one story. The components are found by propagating the
   smallest member's number through the article-to-block-story links with Spark joins
   until nothing changes (rounds: the longest chain of blocks a story crosses).
5. **The story records** (an executor per story): the plan's ``entities`` stage
   resolves names within the story ("Joe Lieberman" / "Lieberman"), and
   :func:`~newsprism.stories.story.make_story` makes the record, titled by the
   headline of the largest block story's most central article.

Limits: the similarity's features are relative to the batch (ranks and margins among
neighbours), so where a corpus is cut into blocks a borderline pair may be decided
differently from the local engine's one batch; an undated article meets a dated story
only through a shared rare name; a block is at most :data:`BLOCK_ARTICLES` articles
unless one slot holds more (then, as in the local engine above ``MAX_PAIRWISE``, it is
assigned in one pass by the lexical index).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ... import plan
from ...models import Analysis, Story
from ...settings import Settings
from ...stories.cluster import MAX_PAIRWISE
from ...stories.index import horizon_days
from ...stories.similarity import lead, proper_nouns
from ...stories.story import make_story
from ...stories.words import day_number

if TYPE_CHECKING:
    from pyspark import RDD

__all__ = [
    "UNDATED",
    "BlockStory",
    "block_keys",
    "block_stories",
    "cluster_stories",
    "components",
    "lead_names",
    "pack_blocks",
    "slot_of",
    "story_record",
]

UNDATED = "undated"
# Articles per block: the local engine's own limit for pairwise clustering
# (``cluster.MAX_PAIRWISE``, a 128 MB similarity matrix), so a block is clustered as the
# local engine clusters a batch of that size.
BLOCK_ARTICLES = MAX_PAIRWISE
# An undated article visits the dated blocks holding its RARE_NAMES least used names,
# at most MAX_VISITS of them: a story is told with a few distinctive names (people,
# places), and the cap bounds the work an undated article adds (3 and 16 were not
# tuned).
RARE_NAMES = 3
MAX_VISITS = 16


@dataclass(frozen=True, slots=True)
class BlockStory:
    """A story found inside one block: its key (block and story id), its members
    (reading order numbers) and the headline its most central article gives it."""

    key: str
    members: tuple[int, ...]
    title: str


def article_day(analysis: Analysis) -> int | None:
    """The day number the story similarity decays by (the date found in the text when
    the input gave none), or None."""
    return day_number(analysis.article.published or analysis.article.document.published)


def slot_of(day: int | None, horizon: float) -> int | None:
    """The time slot of an article's day: slots are the horizon long, rounded up to
    whole days (all one slot when there is no decay); None when undated.

    Example:
        >>> slot_of(100, 16.1), slot_of(None, 16.1), slot_of(100, float("inf"))
        (5, None, 0)
    """
    if day is None:
        return None
    if math.isinf(horizon):
        return 0
    return day // max(1, math.ceil(horizon))


def pack_blocks(counts: Mapping[int, int], limit: int = BLOCK_ARTICLES) -> dict[int, int]:
    """``{slot: block}``: consecutive slots packed into blocks of about ``limit``
    articles at most (``counts``: articles per slot; a slot over the limit is a block
    alone). A block is named by its first slot; empty slots between two used ones do
    not break a block, as no pair can span them anyway.

    Example:
        >>> pack_blocks({1: 3, 2: 3, 3: 3, 9: 1}, limit=6)
        {1: 1, 2: 1, 3: 3, 9: 3}
    """
    out: dict[int, int] = {}
    block, size = None, 0
    for slot in sorted(counts):
        if block is None or size + counts[slot] > limit:
            block, size = slot, 0
        out[slot] = block
        size += counts[slot]
    return out


def block_keys(day: int | None, *, horizon: float, blocks: Mapping[int, int]) -> tuple[str, ...]:
    """The blocks an article of ``day`` is clustered in: its slot's block, and the
    block before it when its slot starts a block (so pairs across a block edge meet);
    :data:`UNDATED` when undated and there are several blocks, the one block otherwise.

    Example:
        >>> blocks = {5: 5, 6: 5, 7: 7}
        >>> [block_keys(d, horizon=16.1, blocks=blocks) for d in (85, 102, 119, None)]
        [('b5',), ('b5',), ('b7', 'b5'), ('undated',)]
    """
    single = len(set(blocks.values())) <= 1
    slot = slot_of(day, horizon)
    if slot is None:
        return (f"b{next(iter(blocks.values()))}",) if single and blocks else (UNDATED,)
    block = blocks[slot]
    before = blocks.get(slot - 1)
    return (f"b{block}",) if before is None or before == block else (f"b{block}", f"b{before}")


def block_stories(
    key: str, rows: Iterable[tuple[int, Analysis]], *, settings: Settings
) -> list[BlockStory]:
    """The stories of one block's canonical articles ``rows`` (``(order, analysis)``),
    found by the plan's ``stories`` stage."""
    ordered = sorted(rows, key=lambda r: r[0])
    order_of = {a.article.id: order for order, a in ordered}
    corpus = plan.combine([a for _, a in ordered], settings=settings, plan=_stages("stories"))
    return [
        BlockStory(
            key=f"{key}:{story.id}",
            members=tuple(sorted(order_of[aid] for aid in story.voices)),
            title=story.title,
        )
        for story in corpus.stories
    ]


def story_record(
    members: Sequence[Analysis], copies: Sequence[Analysis], *, title: str, settings: Settings
) -> Story:
    """One stitched story's record: names resolved within the story by the plan's
    ``entities`` stage, titled ``title`` (a member's headline)."""
    resolved = plan.combine([*members, *copies], settings=settings, plan=_stages("entities"))
    analyses = resolved.analyses
    canon, dups = analyses[: len(members)], analyses[len(members) :]
    centre = next((i for i, a in enumerate(canon) if a.article.title == title), 0)
    return make_story(canon, centre=centre, copies=dups)


def _stages(*names: str) -> tuple[plan.Stage, ...]:
    return tuple(stage for stage in plan.PLAN if stage.name in names)


# -- executor-side steps (module level, so Spark ships them by reference) --------------


def _blocked(
    row: tuple[int, Analysis], *, horizon: float, blocks: Any
) -> list[tuple[str, tuple[int, Analysis]]]:
    keys = block_keys(article_day(row[1]), horizon=horizon, blocks=blocks.value)
    return [(key, row) for key in keys]


def _slot(row: tuple[int, Analysis], *, horizon: float) -> int:
    slot = slot_of(article_day(row[1]), horizon)
    return -1 if slot is None else slot


def _cluster_block(
    block: tuple[str, Iterable[tuple[int, Analysis]]], *, settings: Settings
) -> list[BlockStory]:
    key, rows = block
    return block_stories(key, rows, settings=settings)


def lead_names(analysis: Analysis) -> list[str]:
    """The distinct names of an article's lead (capitalised words not starting a
    sentence), in order."""
    return list(dict.fromkeys(proper_nouns(lead(analysis))))


def _names(row: tuple[int, Analysis]) -> list[tuple[str, int]]:
    return [(name, row[0]) for name in lead_names(row[1])]


def _name_blocks(
    row: tuple[int, Analysis], *, horizon: float, blocks: Any
) -> list[tuple[str, str]]:
    keys = block_keys(article_day(row[1]), horizon=horizon, blocks=blocks.value)
    return [(name, key) for name in lead_names(row[1]) for key in keys]


def _rarest(group: tuple[int, Iterable[tuple[str, int]]]) -> list[tuple[str, int]]:
    order, named = group
    return [(name, order) for name, _ in sorted(named, key=lambda n: (n[1], n[0]))[:RARE_NAMES]]


def _visited(group: tuple[int, Iterable[str]]) -> list[tuple[int, str]]:
    order, keys = group
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    best = sorted(counts, key=lambda k: (-counts[k], k))[:MAX_VISITS]
    return [(order, key) for key in best]


def _memberships(story: BlockStory) -> list[tuple[int, str]]:
    return [(order, story.key) for order in story.members]


def _stitched(
    group: tuple[int, tuple[Iterable[tuple[int, Analysis]], Iterable[str]]],
    *,
    settings: Settings,
) -> Story:
    """The story of one component: ``(label, (its (order, analysis) rows, the titles
    of its largest block story))``."""
    _, (rows, titles) = group
    ordered = sorted(rows, key=lambda r: r[0])
    members = [a for _, a in ordered if not a.duplicate_of]
    copies = [a for _, a in ordered if a.duplicate_of]
    title = min(titles, default=members[0].article.title if members else "")
    return story_record(members, copies, title=title, settings=settings)


# -- the job --------------------------------------------------------------------------


def components(memberships: RDD[tuple[int, str]], parts: int | None = None) -> RDD[tuple[int, int]]:
    """``(order, label)`` for every article of ``memberships`` (``(order, block story
    key)`` links): articles linked through shared block stories get one label, the
    smallest order among them. Spark joins only; the driver sees one count a round."""
    from pyspark import StorageLevel

    n = parts or memberships.getNumPartitions()
    links = memberships.persist(StorageLevel.MEMORY_AND_DISK)
    labels = links.map(lambda m: (m[0], m[0])).reduceByKey(min, n)
    while True:
        story_label = links.join(labels, n).map(lambda r: (r[1][0], r[1][1])).reduceByKey(min, n)
        by_story = links.map(lambda m: (m[1], m[0]))
        fresh = by_story.join(story_label, n).map(lambda r: r[1]).reduceByKey(min, n)
        fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK)
        changed = fresh.join(labels, n).filter(lambda r: r[1][0] != r[1][1]).count()
        labels.unpersist()
        labels = fresh
        if not changed:
            break
    links.unpersist()
    return labels


def cluster_stories(
    analyses: RDD[tuple[int, Analysis]],
    *,
    settings: Settings,
    block_articles: int = BLOCK_ARTICLES,
) -> tuple[RDD[Story], RDD[tuple[int, str]]]:
    """The stories of ``analyses`` (``(order, analysis)``, copies marked by
    ``duplicate_of``, each copy's canonical among them), clustered on the executors.

    Args:
        analyses: the articles, numbered in reading order.
        settings: the run's settings (the story threshold and similarity).
        block_articles: the most articles a block holds (smaller to measure the
            stitching on a small corpus).

    Returns:
        The stories, and ``(order, story id)`` for every article.
    """
    from pyspark import StorageLevel

    horizon = horizon_days(settings.story_threshold)
    # Every shuffle keeps the input's number of partitions: a task has a fixed cost in
    # each Python worker (PySpark 4.0 re-reads its zip path entries per task).
    n = analyses.getNumPartitions()
    canonical = analyses.filter(lambda r: not r[1].duplicate_of).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    counts = canonical.map(partial(_slot, horizon=horizon)).countByValue()
    undated = counts.pop(-1, 0)
    packed = pack_blocks(counts, block_articles)
    if undated and sum(counts.values()) + undated <= block_articles:
        packed = dict.fromkeys(packed, min(packed, default=0))  # the whole corpus: one block
    blocks = canonical.context.broadcast(packed)
    blocked = canonical.flatMap(partial(_blocked, horizon=horizon, blocks=blocks))
    several = len(set(packed.values())) > 1
    found = (
        (
            blocked.union(_visits(canonical, horizon=horizon, blocks=blocks, parts=n))
            if several
            else blocked
        )
        .groupByKey(n)
        .flatMap(partial(_cluster_block, settings=settings))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    labels = components(found.flatMap(_memberships), n)
    # The component's title: its largest block story's, the first id on a tie.
    story_label = (
        found.map(lambda s: (s.members[0], s)).join(labels, n).map(lambda r: (r[1][1], r[1][0]))
    )
    titles = story_label.reduceByKey(_larger, n).mapValues(lambda s: s.title)
    # A copy joins its canonical copy's component.
    by_id = (
        canonical.map(lambda r: (r[0], r[1].article.id))
        .join(labels, n)
        .map(lambda r: (r[1][0], r[1][1]))
    )
    copies = analyses.filter(lambda r: bool(r[1].duplicate_of)).map(
        lambda r: (r[1].duplicate_of, r)
    )
    copy_rows = copies.join(by_id, n).map(lambda r: (r[1][1], r[1][0]))
    member_rows = canonical.join(labels, n).map(lambda r: (r[1][1], (r[0], r[1][0])))
    grouped = member_rows.union(copy_rows).groupByKey(n).join(titles.mapValues(lambda t: [t]), n)
    stories = grouped.map(partial(_stitched, settings=settings)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    story_of = stories.flatMap(lambda s: [(aid, s.id) for aid in s.article_ids])
    orders = analyses.map(lambda r: (r[1].article.id, r[0]))
    placed = orders.join(story_of, n).map(lambda r: r[1]).persist(StorageLevel.MEMORY_AND_DISK)
    placed.count()  # computed (and kept) before what it was computed from is dropped
    for step in (found, canonical, labels):
        step.unpersist()
    return stories, placed


def _visits(
    canonical: RDD[tuple[int, Analysis]], *, horizon: float, blocks: Any, parts: int
) -> RDD[tuple[str, tuple[int, Analysis]]]:
    """``(block, (order, analysis))`` for each dated block an undated article visits
    (see the module's notes)."""
    from operator import add

    dated = canonical.filter(lambda r: article_day(r[1]) is not None)
    undated = canonical.filter(lambda r: article_day(r[1]) is None)
    # A name no other article uses connects nothing: the rarest shared ones are kept.
    uses = (
        canonical.flatMap(_names)
        .map(lambda n: (n[0], 1))
        .reduceByKey(add, parts)
        .filter(lambda n: n[1] > 1)
    )
    rare = (
        undated.flatMap(_names)
        .join(uses, parts)  # (name, (order, uses))
        .map(lambda r: (r[1][0], (r[0], r[1][1])))
        .groupByKey(parts)
        .flatMap(_rarest)
    )
    named = dated.flatMap(partial(_name_blocks, horizon=horizon, blocks=blocks)).distinct(parts)
    visits = rare.join(named, parts).map(lambda r: r[1]).groupByKey(parts).flatMap(_visited)
    return visits.join(undated, parts).map(lambda r: (r[1][0], (r[0], r[1][1])))


def _larger(a: BlockStory, b: BlockStory) -> BlockStory:
    return min(a, b, key=lambda s: (-len(s.members), s.members))
