"""Moved to :mod:`newsprism.stories.similarity`; this module re-exports it for code
written against the old name."""

from ..stories.similarity import *  # noqa: F403  (the same public names)
from ..stories.similarity import __all__ as __all__
