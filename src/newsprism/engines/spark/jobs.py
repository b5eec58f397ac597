"""The Spark engine's jobs: reading, the per-article analysis, copies and output on
the executors; entities and stories on the driver (see :mod:`newsprism.engines.spark`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import combinations, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import codec, plan
from ...errors import EngineError, InputError
from ...models import Analysis, Corpus, Document, InputFailure, Story
from ...pipeline.dedup import Components, band_keys, canonical_copies, is_copy, shingles
from ...settings import Settings
from .session import spark_session
from .stories import cluster_stories

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

__all__ = ["RunReport", "analyse", "read_run", "run"]

log = logging.getLogger(__name__)

# Documents per spaCy call inside a partition: bounds an executor's memory to one
# chunk of parsed Docs whatever the partition size.
CHUNK = 256
# Documents per partition for the analysis: small enough that two cores share the
# work of a few hundred articles, large enough that a task's overhead (~10 ms) is
# small next to spaCy's (~20 ms an article).
PARTITION_DOCUMENTS = 64
TABLES = ("articles", "stories", "failures")


@dataclass(frozen=True, slots=True)
class RunReport:
    """What :func:`run` wrote: counts, failed inputs and the output folder."""

    out: str
    articles: int
    duplicates: int
    stories: int
    failures: tuple[InputFailure, ...]


# -- executor-side functions (module level, so Spark ships them by reference) ---------


def _read_partition(
    inputs: Iterable[tuple[int, str]], *, settings: Settings
) -> Iterator[tuple[tuple[int, int], Document | InputFailure]]:
    """Every document of each ``(input number, source)``, keyed by its reading order."""
    from ...ingest import read_source

    for number, source in inputs:
        position = 0
        try:
            for result in read_source(source, settings=settings):
                yield (number, position), result
                position += 1
        except InputError as err:
            yield (number, position), InputFailure(source, str(err))


def _failure(
    row: tuple[tuple[int, int], Document | InputFailure],
) -> list[tuple[tuple[int, int], InputFailure]]:
    key, result = row
    return [(key, result)] if isinstance(result, InputFailure) else []


def _by_id(
    row: tuple[tuple[int, int], Document | InputFailure],
) -> list[tuple[str, tuple[tuple[int, int], Document]]]:
    key, result = row
    return [(result.id, (key, result))] if isinstance(result, Document) else []


def _first_read(
    a: tuple[tuple[int, int], Document], b: tuple[tuple[int, int], Document]
) -> tuple[tuple[int, int], Document]:
    return a if a[0] <= b[0] else b


def _part_of(number: int, *, count: int, parts: int) -> int:
    return number * parts // max(count, 1)


def _analyse_partition(
    rows: Iterable[tuple[int, Document]], *, settings: Settings
) -> Iterator[tuple[int, Analysis]]:
    """The per-article analysis (the plan's article stages) of each ``(order,
    document)``, spaCy loaded once per worker (``load_pipeline`` caches it) and run
    over chunks of ``CHUNK`` documents."""
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        analyses = plan.analyse_articles([d for _, d in chunk], settings=settings)
        yield from zip((order for order, _ in chunk), analyses, strict=True)


def _band_rows(row: tuple[int, str]) -> list[tuple[tuple[int, int], int]]:
    order, body = row
    return [((band, key), order) for band, key in enumerate(band_keys(shingles(body)))]


def _bucket_pairs(bucket: tuple[Any, Iterable[int]]) -> list[tuple[int, int]]:
    return list(combinations(sorted(bucket[1]), 2))


def _confirmed(pair: tuple[int, tuple[tuple[int, str], str]]) -> bool:
    _, ((_, body), other_body) = pair
    return is_copy(shingles(body), shingles(other_body))


def _compact(row: tuple[int, Analysis]) -> tuple[int, Analysis]:
    """What the driver needs of an analysis to resolve entities and cluster: no page
    text, offsets map or per-sentence extractions."""
    order, a = row
    article = a.article
    document = replace(article.document, text="", main_content=())
    slim = replace(article, document=document, segments=(), boilerplate=())
    return order, Analysis(
        article=slim, mentions=a.mentions, quotes=a.quotes, person_descriptors=a.person_descriptors
    )


def _article_row(
    row: tuple[int, tuple[Analysis, str | None]], *, duplicate_of: Any, pipeline: str
) -> tuple[Any, ...]:
    order, (a, story) = row
    art = a.article
    copy_of = duplicate_of.value.get(order)
    return (
        order,
        art.id,
        art.document.source,
        art.outlet_name,
        art.title,
        art.document.published,
        story,
        copy_of[1] if copy_of else None,
        pipeline,
        codec.dumps(a),
    )


# -- driver ---------------------------------------------------------------------------


def _canonical_copies(
    pairs: Sequence[tuple[int, int]], known: Mapping[int, tuple[str, str | None]]
) -> dict[int, tuple[int, str]]:
    """``{copy order: (canonical order, canonical id)}`` from confirmed copy pairs of
    reading orders, and ``known``: ``(id, date)`` of each article in a pair. The copy
    groups and canonical copies are those of ``dedup.find_duplicates``
    (:class:`~newsprism.pipeline.dedup.Components`,
    :func:`~newsprism.pipeline.dedup.canonical_copies`)."""
    involved = sorted({i for pair in pairs for i in pair})
    local = {order: i for i, order in enumerate(involved)}
    groups = Components.of(((local[i], local[j]) for i, j in pairs), len(involved))
    published = [known[order][1] for order in involved]
    return {
        involved[i]: (involved[first], known[involved[first]][0])
        for i, first in canonical_copies(groups, published).items()
    }


def _in_pairs(
    pairs: Sequence[tuple[int, int]], compact: RDD[tuple[int, Analysis]]
) -> dict[int, tuple[str, str | None]]:
    """``(id, date)`` of the articles in ``pairs``: only they reach the driver, so it
    holds the copies, not the corpus."""
    wanted = {i for pair in pairs for i in pair}
    if not wanted:
        return {}
    return dict(compact.filter(lambda r: r[0] in wanted).map(_id_and_date).collect())


def _id_and_date(row: tuple[int, Analysis]) -> tuple[int, tuple[str, str | None]]:
    order, a = row
    return order, (a.article.id, a.article.published or a.article.document.published)


def _marked(row: tuple[int, Analysis], *, canonical: Any) -> tuple[int, Analysis]:
    order, analysis = row
    found = canonical.value.get(order)
    return order, analysis if found is None else replace(analysis, duplicate_of=found[1])


def _duplicates(
    session: SparkSession, analyses: RDD[tuple[int, Analysis]]
) -> list[tuple[int, int]]:
    """Confirmed copy pairs ``(i, j)``, ``i < j``, by MinHash banding as a Spark job."""
    bodies = analyses.mapValues(lambda a: a.article.body)
    candidates = bodies.flatMap(_band_rows).groupByKey().flatMap(_bucket_pairs).distinct()
    # (i, j) -> (i, (j, body i)) -> (j, (i, body i)) -> (j, ((i, body i), body j))
    confirmed = (
        candidates.join(bodies)
        .map(lambda p: (p[1][0], (p[0], p[1][1])))
        .join(bodies)
        .filter(_confirmed)
        .map(lambda p: (p[1][0][0], p[0]))
    )
    return sorted(confirmed.collect())


def _documents(
    session: SparkSession, paths: Iterable[str], *, settings: Settings
) -> tuple[RDD[tuple[int, Document]], int, list[InputFailure], RDD[Any]]:
    """The documents of ``paths`` read on the executors, numbered in reading order (a
    document read twice is kept once, where it was first read), their number, the
    inputs that failed, and the cached reading to unpersist. Only the failures and
    the count reach the driver."""
    from pyspark import StorageLevel

    from ...ingest import expand_inputs

    failures: list[InputFailure] = []
    inputs: list[tuple[int, str]] = []
    for item in expand_inputs(paths):
        if isinstance(item, InputFailure):
            failures.append(item)
        elif item == "-":
            failures.append(InputFailure("-", "the Spark engine cannot read stdin"))
        else:
            inputs.append((len(inputs), item))
    sc = session.sparkContext
    slices = max(1, min(len(inputs), sc.defaultParallelism * 4))
    results = sc.parallelize(inputs, slices).mapPartitions(
        partial(_read_partition, settings=settings)
    )
    results.persist(StorageLevel.MEMORY_AND_DISK)
    failures.extend(failure for _, failure in sorted(results.flatMap(_failure).collect()))
    # Numbered on the executors: the first reading of each id, in reading order.
    numbered = (
        results.flatMap(_by_id)
        .reduceByKey(_first_read)
        .values()
        .sortBy(lambda r: r[0])  # type: ignore[type-var]  # the stubs reject tuple keys
        .zipWithIndex()
        .map(lambda r: (r[1], r[0][1]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    # The documents stay cached until the analysis has read them (see run).
    return numbered, numbered.count(), failures, results


def _analyses(
    session: SparkSession, documents: RDD[tuple[int, Document]], count: int, *, settings: Settings
) -> RDD[tuple[int, Analysis]]:
    from pyspark import StorageLevel

    sc = session.sparkContext
    parts = max(1, min(count // PARTITION_DOCUMENTS + 1, sc.defaultParallelism * 8))
    # Contiguous runs of the reading order per partition: neighbouring inputs (often one
    # outlet's pages) share a worker, and the spread over cores stays even.
    spread = documents.partitionBy(parts, partial(_part_of, count=count, parts=parts))
    analyses = spread.mapPartitions(partial(_analyse_partition, settings=settings))
    return analyses.persist(StorageLevel.MEMORY_AND_DISK)


def run(paths: Iterable[str], *, settings: Settings, out: str | Path) -> RunReport:
    """Read, analyse, de-duplicate and cluster every input of ``paths`` on Spark and
    write the results as Parquet under ``out`` (``articles``, ``stories``,
    ``failures``; existing tables there are replaced).

    Args:
        paths: files, directories (walked recursively), WARC archives, URLs.
        settings: the run's settings (``spark_master`` picks the cluster).
        out: the output folder, local or any URL Spark can write (``hdfs://``,
            ``s3a://``).

    Returns:
        A :class:`RunReport`.

    Raises:
        EngineError: PySpark is missing or Spark cannot start.
    """
    out = str(out)
    with spark_session(settings) as session:
        from pyspark import StorageLevel

        started = time.perf_counter()
        documents, count, failures, read = _documents(session, paths, settings=settings)
        log.info("read %d documents: %.1f s", count, time.perf_counter() - started)
        analyses = _analyses(session, documents, count, settings=settings)
        compact = analyses.map(_compact).persist(StorageLevel.MEMORY_AND_DISK)
        articles = compact.count()
        read.unpersist()
        log.info("analysed %d articles: %.1f s", articles, time.perf_counter() - started)
        pairs = _duplicates(session, analyses)
        canonical = _canonical_copies(pairs, _in_pairs(pairs, compact))
        log.info("%d copies: %.1f s", len(canonical), time.perf_counter() - started)
        marked = compact.map(partial(_marked, canonical=session.sparkContext.broadcast(canonical)))
        stories, story_of = cluster_stories(marked, settings=settings)
        story_count = stories.count()
        log.info("%d stories: %.1f s", story_count, time.perf_counter() - started)
        _write(
            session,
            analyses,
            stories,
            failures,
            settings=settings,
            out=out,
            story_of=story_of,
            canonical=canonical,
        )
        for cached in (stories, compact, analyses):
            cached.unpersist()
    return RunReport(
        out=out,
        articles=articles,
        duplicates=len(canonical),
        stories=story_count,
        failures=tuple(failures),
    )


def _write(
    session: SparkSession,
    analyses: RDD[tuple[int, Analysis]],
    stories: RDD[Story],
    failures: Sequence[InputFailure],
    *,
    settings: Settings,
    out: str,
    story_of: RDD[tuple[int, str]],
    canonical: dict[int, tuple[int, str]],
) -> None:
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    def schema(*fields: tuple[str, Any]) -> StructType:
        return StructType([StructField(name, kind, nullable=True) for name, kind in fields])

    text, texts = StringType(), ArrayType(StringType())
    sc = session.sparkContext
    rows = analyses.leftOuterJoin(story_of).map(
        partial(
            _article_row,
            duplicate_of=sc.broadcast(canonical),
            pipeline=plan.fingerprint(settings),
        )
    )
    article_schema = schema(
        ("order", LongType()),
        ("id", text),
        ("source", text),
        ("outlet", text),
        ("title", text),
        ("published", text),
        ("story", text),
        ("duplicate_of", text),
        ("pipeline", text),
        ("analysis", text),
    )
    session.createDataFrame(rows, article_schema).write.mode("overwrite").parquet(f"{out}/articles")
    story_schema = schema(
        ("id", text),
        ("title", text),
        ("article_ids", texts),
        ("voices", texts),
        ("outlets", texts),
        ("key_entities", texts),
        ("first_published", text),
        ("last_published", text),
    )
    # Each story as its codec JSON, one column per field (read_run decodes it back).
    names = story_schema.fieldNames()
    story_rows = stories.map(codec.to_json).map(lambda r: tuple(r[n] for n in names))
    session.createDataFrame(story_rows, story_schema).write.mode("overwrite").parquet(
        f"{out}/stories"
    )
    failure_schema = schema(("source", text), ("error", text))
    failure_rows = [
        tuple(record[name] for name in failure_schema.fieldNames())
        for record in (codec.to_json(f) for f in failures)
    ]
    session.createDataFrame(failure_rows, failure_schema).coalesce(1).write.mode(
        "overwrite"
    ).parquet(f"{out}/failures")


def read_run(
    out: str | Path,
    *,
    settings: Settings,
    on_batch: Callable[[list[tuple[str, Analysis]]], None],
    batch: int = 256,
) -> list[Story]:
    """Read back what :func:`run` wrote under ``out`` in one Spark session: the
    per-article analyses go to ``on_batch`` as ``(pipeline version, analysis)``,
    ``batch`` at a time in reading order (streamed from the executors, never all on the
    driver); the stories are returned.

    Raises:
        EngineError: PySpark is missing, Spark cannot start, or ``out`` holds no run.
    """
    with spark_session(settings) as session:
        try:
            articles = session.read.parquet(f"{out}/articles")
            story_rows = session.read.parquet(f"{out}/stories").collect()
        except Exception as err:  # AnalysisException: the folder is missing or not Parquet
            raise EngineError(f"{out}: no newsprism run output ({err})") from err
        rows = articles.orderBy("order").select("pipeline", "analysis").toLocalIterator()
        while chunk := [(r[0], codec.loads(r[1])) for r in islice(rows, batch)]:
            on_batch(chunk)
    return [codec.from_json(Story, r.asDict(recursive=True)) for r in story_rows]


def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    on_progress: Callable[[float], None] | None = None,
) -> Corpus:
    """The local engine's :func:`~newsprism.engines.local.analyse` with the
    per-article analysis run on Spark: documents are distributed, analysed on the
    executors and combined on the driver (the result is one in-memory
    :class:`Corpus`; use :func:`run` for collections that do not fit)."""
    with spark_session(settings) as session:
        sc = session.sparkContext
        rows = list(enumerate(documents))
        parts = max(1, min(len(rows) // PARTITION_DOCUMENTS + 1, sc.defaultParallelism * 8))
        analysed = (
            sc.parallelize(rows, parts)
            .mapPartitions(partial(_analyse_partition, settings=settings))
            .collect()
        )
    analysed.sort(key=lambda r: r[0])
    if on_progress is not None:
        on_progress(len(analysed))
    return plan.combine([a for _, a in analysed], settings=settings, failures=failures)
