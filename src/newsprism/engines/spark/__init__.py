"""The Spark engine: the stages of the plan, run as Apache Spark jobs.

PySpark is an optional extra (``pip install 'newsprism[spark]'``, with Java 17) and is
imported only when a session starts (``session.py``), so this package imports without
it. The stages are the plan's (:mod:`newsprism.plan`), as the local engine runs them:
executors call :func:`newsprism.ingest.read_source` and
:func:`newsprism.plan.analyse_articles`, and run the plan's batch stages
(:func:`newsprism.plan.combine`) on blocks of time and on stories, so a corpus that fits
in one block gives the same stories on both. The jobs are in ``jobs.py``.

What runs where in :func:`run`:

1. **Reading** (executors): the driver expands directories into a list of inputs and
   distributes it; each executor reads its inputs (files, WARC archives, feeds, JSON
   Lines...) with ``read_source``. A document read twice is kept once, first input
   first, as the local reader does; the documents are numbered in reading order by a
   distributed sort (only failures and the count reach the driver).
2. **Cleaning and extraction** (executors, ``mapPartitions``): spaCy is loaded once
   per Python worker (``load_pipeline`` caches it and Spark reuses its workers) and
   runs over each partition in chunks.
3. **Duplicates** (a Spark job): each article's MinHash band keys
   (:func:`newsprism.pipeline.dedup.band_keys`, the banding datasketch's ``MinHashLSH``
   uses locally) are grouped by key; articles sharing a bucket are candidate pairs,
   checked exactly (:func:`~newsprism.pipeline.dedup.is_copy`) next to their texts.
   Only the confirmed pairs reach the driver, which joins them into copy groups and
   picks each group's canonical copy (earliest published, then first read) with the
   helpers of :mod:`newsprism.pipeline.dedup` (``Components``, ``canonical_copies``);
   only the articles in a pair send their id and date.
4. **Stories and entities** (executors; ``stories.py``): time is cut into slots one
   story horizon long, packed into blocks of at most ``cluster.MAX_PAIRWISE``
   articles; each block is clustered on an executor by the plan's ``stories`` stage,
   and block stories that share an article are stitched into one by connected
   components (Spark joins). Each story's names are resolved within it by the plan's
   ``entities`` stage. The driver sees the articles per slot and one count per
   stitching round, never the articles.
5. **Output** (executors): Parquet tables ``articles`` (one row per article with its
   story, ``duplicate_of`` and the codec JSON of its per-article analysis, as the store
   keeps it), ``stories`` and ``failures`` under the output folder.
"""

from .jobs import RunReport, analyse, read_run, run
from .session import spark_session

__all__ = ["RunReport", "analyse", "read_run", "run", "spark_session"]
