"""Engines run the stages of the plan (:mod:`newsprism.plan`) over many documents. The
engine is chosen by one setting (``Settings.engine``) through one factory,
:func:`engine_for`; stage modules never know which one runs them.

========  =====================================================================
engine    what runs the stages
========  =====================================================================
local     this process (the default); spaCy batched with ``nlp.pipe``
spark     Apache Spark (the ``newsprism[spark]`` extra): reading, cleaning and
          extraction on the executors, duplicates as a MinHash/LSH banding job
========  =====================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import SettingsError
from ..models import Analysis, Corpus, Document, InputFailure, Story
from ..settings import Settings
from .local import (
    analyse_documents,
    combine,
    pipeline_version,
    place,
    stored_briefings,
    stored_corpus,
)

if TYPE_CHECKING:
    from .spark import RunReport

__all__ = [
    "ENGINES",
    "analyse",
    "analyse_documents",
    "combine",
    "engine_for",
    "pipeline_version",
    "place",
    "read_run",
    "run",
    "stored_briefings",
    "stored_corpus",
]

ENGINES = ("local", "spark")


def engine_for(settings: Settings) -> ModuleType:
    """The engine module ``settings.engine`` names; each has
    ``analyse(documents, *, settings, failures, on_progress) -> Corpus``.

    Raises:
        SettingsError: an unknown engine name.
        EngineError: the Spark engine without PySpark installed (raised when it runs).
    """
    if settings.engine == "local":
        from . import local

        return local
    if settings.engine == "spark":
        from . import spark  # imports no pyspark until a job runs

        return spark
    raise SettingsError(f"unknown engine {settings.engine!r} (one of: {', '.join(ENGINES)})")


def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    on_progress: Callable[[float], None] | None = None,
) -> Corpus:
    """Analyse ``documents`` with the engine the settings choose (see
    :func:`newsprism.engines.local.analyse`)."""
    return engine_for(settings).analyse(
        documents, settings=settings, failures=failures, on_progress=on_progress
    )


def run(paths: Iterable[str], *, settings: Settings, out: str | Path) -> RunReport:
    """Read, analyse, de-duplicate and cluster ``paths`` as a batch job writing Parquet
    to ``out`` (see :func:`newsprism.engines.spark.run`).

    Raises:
        SettingsError: the settings choose an engine other than ``spark``: only Spark
            writes the Parquet tables.
    """
    return _batch_engine(settings, "newsprism run writes").run(paths, settings=settings, out=out)


def read_run(
    out: str | Path,
    *,
    settings: Settings,
    on_batch: Callable[[list[tuple[str, Analysis]]], None],
) -> list[Story]:
    """Read back what :func:`run` wrote under ``out`` (see
    :func:`newsprism.engines.spark.read_run`).

    Raises:
        SettingsError: the settings choose an engine other than ``spark``: only Spark
            reads the Parquet tables.
    """
    engine = _batch_engine(settings, "newsprism load reads")
    stories: list[Story] = engine.read_run(out, settings=settings, on_batch=on_batch)
    return stories


def _batch_engine(settings: Settings, what: str) -> ModuleType:
    """The engine of ``settings`` if it runs batch jobs over Parquet (Spark)."""
    engine = engine_for(settings)
    if not hasattr(engine, "read_run"):
        raise SettingsError(
            f"{what} Parquet through Spark; the engine is {settings.engine!r} (use --engine spark)"
        )
    return engine
