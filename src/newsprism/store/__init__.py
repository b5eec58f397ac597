"""The embedded store. All SQL lives in :mod:`newsprism.store.sqlite`."""

from .sqlite import IngestCounts, Store, open_existing_store, open_store

__all__ = ["IngestCounts", "Store", "open_existing_store", "open_store"]
