"""Data files (word lists, patterns, variants) and the one helper that loads them."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of the packaged data file ``name``."""
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(
        line.rstrip("\n")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def data_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of the packaged data file ``name``."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in data_lines(name))
