"""The embedded store. All SQL lives in :mod:`newsprism.store.sqlite`."""

from .sqlite import IngestCounts, Store, open_store

__all__ = ["IngestCounts", "Store", "open_store"]
