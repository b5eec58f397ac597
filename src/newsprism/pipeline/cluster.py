"""Moved to :mod:`newsprism.stories` (``cluster``, ``words``, ``story``); this module
re-exports the old names for code written against them."""

from ..stories.cluster import MAX_PAIRWISE, cluster, story_similarity_matrix
from ..stories.story import KEY_ENTITY_COUNT, make_story, story_id
from ..stories.words import (
    CHANCE,
    DECAY_DAYS,
    day_number,
    decay,
    similarity_matrix,
    tokenize,
    tokenize_all,
)

__all__ = [
    "CHANCE",
    "DECAY_DAYS",
    "KEY_ENTITY_COUNT",
    "MAX_PAIRWISE",
    "cluster",
    "day_number",
    "decay",
    "make_story",
    "similarity_matrix",
    "story_id",
    "story_similarity_matrix",
    "tokenize",
    "tokenize_all",
]
