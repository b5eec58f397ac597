"""newsprism: many outlets' articles about the same events, laid side by side.

The public API::

    from newsprism import load_settings, extract, brief
    settings = load_settings(db="news.db")
    corpus = extract(["articles/"], settings=settings)
    briefing = brief(["articles/"], settings=settings)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

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

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
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
    "UnreadableInput",
    "UnsupportedFormat",
    "__version__",
    "analyse",
    "brief",
    "extract",
    "ingest",
    "load_settings",
    "read",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .api import IngestReport, analyse, brief, extract, ingest, read

# The API functions pull in the readers (feedparser, warcio, ...) and, when called,
# spaCy; they are imported on first use so that ``import newsprism`` and the CLI's
# ``--help`` stay fast.
_LAZY = {"IngestReport", "analyse", "brief", "extract", "ingest", "read"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import api

        # Importing api imports the subpackage newsprism.ingest, which binds the name
        # ``ingest`` here to that module: bind the API's names over it.
        globals().update({n: getattr(api, n) for n in _LAZY})
        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
