"""newsprism: many outlets' articles about the same events, laid side by side.

The public API::

    from newsprism import load_settings, extract, brief
    settings = load_settings(db="news.db")
    corpus = extract(["articles/"], settings=settings)
    briefing = brief(["articles/"], settings=settings)
"""

from __future__ import annotations

import logging

from .api import IngestReport, analyse, brief, extract, ingest, read
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
