"""Fixtures of the engine tests: one local Spark session per test module."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

MASTER = "local[2]"


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """One local Spark session for the module, its Python workers on this interpreter;
    the engine reuses it (and leaves it running), the fixture stops it."""
    pyspark_sql = pytest.importorskip("pyspark.sql")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        mp.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        session = (
            pyspark_sql.SparkSession.builder.master(MASTER)
            .appName("newsprism-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()
