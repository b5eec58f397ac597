"""The Spark engine: the stages of the plan, run as Apache Spark jobs.

PySpark is an optional extra (``pip install 'newsprism[spark]'``, with Java 17) and is
imported only when a session starts (``session.py``), so this package imports without
it. The stages are the plan's (:mod:`newsprism.plan`), as the local engine runs them:
executors call :func:`newsprism.ingest.read_source` and
:func:`newsprism.plan.analyse_articles`, and the driver runs the plan's batch stages
(:func:`newsprism.plan.combine`) with the copies found by a Spark job, so one input
gives the same stories on both. The jobs are in ``jobs.py``.

What runs where in :func:`run`:

1. **Reading** (executors): the driver expands directories into a list of inputs and
   distributes it; each executor reads its inputs (files, WARC archives, feeds, JSON
   Lines...) with ``read_source``. A document read twice is kept once, first input
   first, as the local reader does.
2. **Cleaning and extraction** (executors, ``mapPartitions``): spaCy is loaded once
   per Python worker (``load_pipeline`` caches it and Spark reuses its workers) and
   runs over each partition in chunks.
3. **Duplicates** (a Spark job): each article's MinHash band keys
   (:func:`newsprism.pipeline.dedup.band_keys`, the banding datasketch's ``MinHashLSH``
   uses locally) are grouped by key; articles sharing a bucket are candidate pairs,
   checked exactly (:func:`~newsprism.pipeline.dedup.is_copy`) next to their texts.
   Only the confirmed pairs reach the driver, which joins them into copy groups and
   picks each group's canonical copy (earliest published, then first read) with the
   helpers of :mod:`newsprism.pipeline.dedup` (``Components``, ``canonical_copies``).
4. **Entities and stories** (driver): a compact form of each analysis (title, body,
   date, outlet, mentions and quotes; no page text, no claims) is collected, entities
   are resolved across all of them and the shared clustering groups them (the plan's
   ``entities``, ``duplicates`` and ``stories`` stages). Average
   linkage is not distributed; above ``cluster.MAX_PAIRWISE`` articles it is the
   linear one-pass assignment, so the driver needs memory for the compact articles
   (a few kilobytes each), not for pairs.
5. **Output** (executors): Parquet tables ``articles`` (one row per article with its
   story, ``duplicate_of`` and the codec JSON of its per-article analysis, as the store
   keeps it), ``stories`` and ``failures`` under the output folder.
"""

from .jobs import RunReport, analyse, read_run, run
from .session import spark_session

__all__ = ["RunReport", "analyse", "read_run", "run", "spark_session"]
