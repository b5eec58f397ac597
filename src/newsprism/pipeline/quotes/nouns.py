"""Nominal cues: a noun that reports what someone said or holds ("Trump's claim that
Mexico will pay", "a promise to cut taxes", "criticism of the deal").

Which nouns count, and with which kind of content, is in ``data/attribution_frames.tsv``
(frames ``noun:clause``, ``noun:to``, ``noun:prep``), derived from PolNeAR train like
the verbs of attitude there. The speaker is the noun's owner ("Trump's claim"), its
author ("a report by the Pew Research Center"), else the subject of the verb the noun
is the object of ("Clinton repeated her promise to ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .cues import _CLAUSE_MARKS, _author, _is_content_prep, _trimmed
from .layout import _Cue, _Layout
from .learned import CueModel, cue_features
from .lexicon import attribution_frames

if TYPE_CHECKING:
    from spacy.tokens import Token


_NOUN_FRAMES = frozenset({"noun:clause", "noun:to", "noun:prep"})


def noun_cues(layout: _Layout, model: CueModel | None = None) -> Iterator[_Cue]:
    """The nominal cues of the article body, outside quotations: the nouns of the
    frames table in their frames, and other nouns ``model`` takes for cues ("Trump's
    boast that ...") in any noun frame."""
    frames = attribution_frames()
    for token in layout.doc:
        if token.pos_ != "NOUN" or layout.is_quoted(token.idx):
            continue
        wanted = frames.get(token.lemma_.lower())
        if not wanted and model is None:
            continue
        cue = noun_cue(layout, token)
        if cue is None or cue.frame not in (wanted or _NOUN_FRAMES):
            continue
        # the model is asked last: most nouns govern no content and are no cue anyway
        if wanted or (
            model is not None and model.probability(cue_features(layout, token)) >= model.threshold
        ):
            yield cue


def noun_cue(layout: _Layout, noun: Token) -> _Cue | None:
    """The cue of ``noun`` with its content and frame, ``None`` when it governs none."""
    paragraph = layout.paragraphs[layout.paragraph_of(noun.idx)]
    found = _content(noun)
    if found is None:
        return None
    head, frame = found
    content = _trimmed(head.left_edge, head.right_edge)
    if content is None or not paragraph[0] <= content[0] < content[1] <= paragraph[1]:
        return None
    speaker = _speaker(noun)
    if speaker is None:  # "no sign of ...", "the question of ...": no one's words
        return None
    end = noun.idx + len(noun)
    is_clause = frame == "noun:clause"
    return _Cue(noun.idx, end, noun, speaker, content, is_clause, frame=frame, is_attitude=True)


def _content(noun: Token) -> tuple[Token, str] | None:
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in child.children):
                return child, "noun:clause"
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child, "noun:to"
        if _is_content_prep(child):
            return child, "noun:prep"
    return None


def _speaker(noun: Token) -> Token | None:
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    author = _author(noun)
    if author is not noun:
        return author
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None
