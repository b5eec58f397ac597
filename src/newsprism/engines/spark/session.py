"""The Spark session of the Spark engine: PySpark is imported only when a session
starts, so the engine imports without it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ...errors import EngineError
from ...settings import Settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["MISSING", "spark_session"]

MISSING = (
    "the Spark engine needs PySpark and Java 17: pip install 'newsprism[spark]' "
    '(or choose engine = "local")'
)


def _pyspark() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise EngineError(MISSING) from err
    return SparkSession


@contextmanager
def spark_session(settings: Settings) -> Iterator[SparkSession]:
    """The active Spark session, or a new one for ``settings.spark_master`` that is
    stopped on exit (a session someone else started is left running).

    Raises:
        EngineError: PySpark is not installed, or Spark cannot start (no Java).
    """
    session_class = _pyspark()
    active = session_class.getActiveSession()
    if active is not None:
        yield active
        return
    master = settings.spark_master
    # A local master's executors are Python processes on this machine: they must run
    # this interpreter (with newsprism installed), not whatever ``python3`` is first
    # on PATH. Under spark-submit (PYSPARK_GATEWAY_PORT set) the submitter decides.
    launched_here = "PYSPARK_GATEWAY_PORT" not in os.environ
    if launched_here and (master is None or master.startswith("local")):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = session_class.builder.appName("newsprism")
    if master is not None:
        builder = builder.master(master)
    elif launched_here:
        builder = builder.master("local[*]")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        session = builder.getOrCreate()
    except Exception as err:  # py4j/Java start-up errors have no common base class
        raise EngineError(f"Spark could not start ({type(err).__name__}: {err})") from err
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
