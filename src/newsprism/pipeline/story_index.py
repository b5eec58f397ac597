"""Moved to :mod:`newsprism.stories.index` and :mod:`newsprism.stories.place`; this
module re-exports the old names for code written against them."""

from ..stories.index import (
    MemoryIndex,
    StoryIndex,
    StoryItem,
    StoryState,
    add_item,
    assign_all,
    assign_items,
    horizon_days,
    item_from,
)
from ..stories.place import Placement, StoryStore, place_articles

Item = StoryItem

__all__ = [
    "Item",
    "MemoryIndex",
    "Placement",
    "StoryIndex",
    "StoryState",
    "StoryStore",
    "add_item",
    "assign_all",
    "assign_items",
    "horizon_days",
    "item_from",
    "place_articles",
]
