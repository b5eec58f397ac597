"""newsprism: many outlets' articles about the same events, laid side by side.

The public API::

    from newsprism import load_settings, extract, briefing
    settings = load_settings(db="news.db")
    corpus = extract(["articles/"], settings=settings)
    result = briefing(["articles/"], settings=settings)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    FetchRefused,
    InputError,
    ModelError,
    NewsprismError,
    SettingsError,
    StoreError,
    UnreadableInput,
    UnsupportedFormat,
)
from .models import (
    Analysis,
    Article,
    Corpus,
    Document,
    Entity,
    InputFailure,
    Mention,
    Quote,
    Removal,
    Segment,
    Span,
    Speaker,
    Story,
)
from .settings import Settings, load_settings

__all__ = [
    "Analysis",
    "Article",
    "Briefing",
    "Corpus",
    "Document",
    "Entity",
    "FetchRefused",
    "IngestReport",
    "InputError",
    "InputFailure",
    "Mention",
    "ModelError",
    "NewsprismError",
    "Quote",
    "Removal",
    "Segment",
    "Settings",
    "SettingsError",
    "Span",
    "Speaker",
    "StoreError",
    "Story",
    "StoryBriefing",
    "UnreadableInput",
    "UnsupportedFormat",
    "__version__",
    "analyse",
    "briefing",
    "extract",
    "from_json",
    "load_settings",
    "read",
    "store_inputs",
    "to_json",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .api import IngestReport, analyse, briefing, extract, read, store_inputs
    from .brief.records import Briefing, StoryBriefing
    from .codec import from_json, to_json

# The API functions pull in the readers (feedparser, warcio, ...) and, when called,
# spaCy; they are imported on first use so that ``import newsprism`` and the CLI's
# ``--help`` stay fast.
_LAZY = {"IngestReport", "analyse", "briefing", "extract", "read", "store_inputs"}


# The briefing records (some thirty dataclasses) and the codec, also on first use.
_LAZY_HOMES = {
    "Briefing": ".brief.records",
    "StoryBriefing": ".brief.records",
    "from_json": ".codec",
    "to_json": ".codec",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY_HOMES:
        from importlib import import_module

        value = getattr(import_module(_LAZY_HOMES[name], __name__), name)
        globals()[name] = value
        return value
    if name in _LAZY:
        from . import api

        # No API name is also a subpackage's (``brief`` and ``ingest`` were, and
        # importing the subpackage rebound the name to the module), so binding them
        # once is enough.
        globals().update({n: getattr(api, n) for n in _LAZY})
        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
