"""The statement stages of one article in one call: quantities, claims, dates and
loaded language, all from the spaCy doc the engine already made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models import Article, Quote
from .claims import extract_claims
from .dates import extract_dates
from .loaded import extract_loaded_language
from .quantities import extract_quantities

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_statements"]


def extract_statements(article: Article, doc: Doc, *, quotes: Sequence[Quote]) -> dict[str, Any]:
    """The ``claims``, ``quantities``, ``dates`` and ``loaded_language`` fields of an
    :class:`~newsprism.models.Analysis` of ``article``.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body``.
        quotes: the article's quotes (they tell who asserts what, and which words are
            someone else's).
    """
    quantities = extract_quantities(article, doc, quotes=quotes)
    return {
        "claims": extract_claims(article, doc, quotes=quotes, quantities=quantities),
        "quantities": quantities,
        "dates": extract_dates(article, doc),
        "loaded_language": extract_loaded_language(article, doc, quotes=quotes),
    }
