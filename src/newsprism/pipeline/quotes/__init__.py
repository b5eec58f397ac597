"""Quotes: who said what in one article.

:func:`extract_quotes` pairs the quotation marks of an article body with the speech cues
of spaCy's dependency parse:

* A cue is a speech verb from ``data/speech_verbs.txt`` ("said", "warned", "ruled out")
  or a phrase from ``data/speech_cues.txt`` ("according to"), outside any quotation; or,
  at a lower confidence, a verb of attitude or a noun in a frame where news attributes
  a stance with it ("wants to", "believes that", "backed X", "Trump's claim that":
  ``data/attribution_frames.tsv``), or any verb with a "that" clause and a named subject;
  or a word of no list that the learned cue model takes for a cue ("Obama lauded the
  ruling as ...": :mod:`.learned`, fitted on PolNeAR train), with a named speaker.
* No cue is read in a heading line ("Moscow Reiterates Warning Against ..."), in the
  outlet's commentary (a verb of ``data/commentary_verbs.txt`` whose subject is a
  thing: "This divergence highlights a growing split"), or from a negated verb over an
  embedded question ("She has not said how she'll act").
* Its speaker is the verb's subject, never a word inside the quotation; for a
  participle ("..., stating that", "by arguing that") or a ``with`` clause ("with X
  declaring") the subject of the clause it hangs on; failing those, a name next to the
  verb, the noun right after it (`"...," read the email`), or the subject of the
  sentence's main verb. "A report by X" is X's. A pronoun from
  ``data/speech_pronouns.txt`` stands for the most recent person (or institution) named
  in the sentences before it, a subject first, and never a person its quote names ("she
  said Moore drove her" is not Moore's); so does the "who" of a relative clause for the
  name it hangs on (past a time: "women who were students at the time who claimed").
  A speaker names someone: a name, a pronoun, a title, or a noun PolNeAR's annotators
  take as a source (``data/source_nouns.tsv``); a number ("two"), a verb form or a
  dateline ("HARTFORD --") is no speaker.
* A quotation right next to a cue (``"...," X said``, ``X said: "..."``, ``X stated
  that "..."``) is a ``direct`` quote. The clause a cue governs is ``indirect``, or
  ``mixed`` when a quoted fragment sits inside it. A quotation standing as sentences of
  its own without a cue continues the quote before it in the same or previous
  paragraph. Any other quotation is a scare quote ("a "Coalition of the Willing"") and
  is not reported on its own. A governed clause ends before a direct quote inside it;
  an object that is only a determiner and a noun ("dismissed the notion") is no quote.

Conventions: a direct quote's text is what stands inside the marks, without them and
without the trailing comma that belongs to the attribution. The speaker mention is the
proper-name part of the subject ("spokesman Dmitry Peskov" -> "Dmitry Peskov"), the
pronoun itself ("he", also the "who" or "which" of a relative clause, as PolNeAR marks
it, named when its antecedent is a name: "the Saudi government, which denied ..."
is "which" with no name), or the noun
phrase without its article ("the Kremlin" -> "Kremlin"). The speaker name is, for a
person, the longest form of the name seen in the article ("Dmitry Medvedev" for
"Medvedev" or for "he"); for an institution or country, the name without its article
("Kremlin"); ``None`` for a common noun phrase ("senior Kremlin official") or a pronoun
with no antecedent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ...models import Article, Quote, Span
from .cues import _MIN_CLAUSE_WORDS, _find_cues, _leading_cue, _trailing_cue, _who
from .genders import person_genders
from .layout import _closes_sentence, _Cue, _Layout, _layout, _Marks, _opens_sentence
from .learned import CueModel, load_cue_model
from .nouns import noun_cues
from .speakers import (
    _CONTINUATION_CONFIDENCE,
    _UNATTRIBUTED_CONFIDENCE,
    _is_narration,
    _is_source,
    _make_quote,
    _named_mentions,
    _names_someone,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_quotes"]

log = logging.getLogger(__name__)
_RELATIVES = {"who", "which", "that"}
_NOUNS = {"NOUN", "PROPN"}
# Nouns that count the speakers they name after "of": "a number of legal academics",
# "a handful of senators" -- the source is who is counted, not "number".
_AMOUNT_NOUNS = {"number", "handful", "majority", "minority", "couple", "lot", "host", "dozen"}
_TRAILING = {"and", "but", "while", "adding", "saying"}  # before a direct quote's cue
_MIN_UNATTRIBUTED_WORDS = 4  # shorter lone quotations are headline words, not speech
# What a speech verb takes as its object ("urged supporters to monitor polling places",
# "criticized the act as a crazy system") is reported content too, but less surely
# speech than a "that" clause. Both values checked on PolNeAR train.
_MIN_OBJECT_WORDS = 2
_OBJECT_PENALTY = 0.15
# ... and when its subject is no name, pronoun or title ("a new poll shows", "the
# divergence highlights a split") it may be no one's words at all: kept (PolNeAR counts
# "a poll shows X" as an attribution) but below the briefing's floor.
_NOT_SOURCE_PENALTY = 0.2
# A verb of attitude or action, or a noun, in a frame PolNeAR counts as attribution
# ("wants to ...", "believes that ...", "attacked X", "criticism of X":
# data/attribution_frames.tsv), or another verb with a "that" clause, reports a stance
# more than words said: found for who-said-what, but a clause of it sits at 0.5 and an
# object below the briefing's floor (0.4).
_ATTITUDE_PENALTY = 0.2


def extract_quotes(
    article: Article, doc: Doc, *, cue_model: CueModel | None = None, rules_only: bool = False
) -> tuple[Quote, ...]:
    """Find direct, indirect and mixed quotes in ``article`` and who said them.

    Args:
        article: the cleaned article; every offset returned points into its document text.
        doc: ``nlp(article.body)``, parsed and with named entities.
        cue_model: the learned cue model (:mod:`.learned`); the shipped one when ``None``.
        rules_only: find cues with the word lists alone, without the learned model.

    Returns:
        The quotes in text order, each with its speaker (``entity`` left ``None``), its cue
        and a confidence in 0..1.

    Example:
        ``"We see no room for compromise," Lavrov said.`` gives one direct quote
        "We see no room for compromise" with speaker "Lavrov" and cue "said".
    """
    layout = _layout(article.body, doc)
    layout = replace(
        layout,
        named=_named_mentions(layout),
        genders=person_genders(doc, is_quoted=layout.is_quoted),
    )
    model = None if rules_only else (cue_model or load_cue_model())
    cues = sorted(
        (
            _sourced(c)
            for c in (*_find_cues(layout, model), *noun_cues(layout, model))
            if _is_speech(layout, c)
        ),
        key=lambda c: c.start,
    )
    found: list[tuple[int, Quote]] = []  # (paragraph, quote)
    used: set[int] = set()
    taken: list[tuple[int, int]] = []  # body offsets of direct quotes with their cues
    lone: list[_Marks] = []
    for m in layout.marks:
        label = next((c for c in cues if c.is_verbatim and m.start <= c.start < m.end), None)
        if label is not None and label.content is not None:  # "PENCE: ...", in marks
            content = (label.content[0], m.end)
            found.append((m.paragraph, _make_quote(article, layout, content, "direct", label)))
            used.add(label.start)
            continue
        cue = _trailing_cue(layout, m, cues) or _leading_cue(layout, m, cues)
        if cue is not None:
            used.add(cue.start)
            taken.append((min(m.open, cue.start), max(m.stop, cue.end)))
            found.append(
                (m.paragraph, _make_quote(article, layout, (m.start, m.end), "direct", cue))
            )
        elif (intro := _colon_intro(layout, m)) is not None:
            found.append(
                (m.paragraph, _make_quote(article, layout, (m.start, m.end), "direct", intro))
            )
        elif _opens_sentence(layout, m) and _closes_sentence(layout, m):
            lone.append(m)
    clauses = [
        (layout.paragraph_of(c.start), q)
        for c in cues
        if c.start not in used
        and (q := _clause_quote(article, layout, _before_taken(layout, c, taken))) is not None
    ]
    found.extend(f for f in clauses if not _overlaps(f[1], found) and not _is_nested(f[1], clauses))
    for m in lone:
        _continue_quote(article, m, found)
    unique = {(q.start, q.end): q for _, q in sorted(found, key=lambda f: f[1].confidence)}
    quotes = tuple(sorted(unique.values(), key=lambda q: (q.start, q.end)))
    log.debug("%s: %d quotes", article.id, len(quotes))
    return quotes


def _is_speech(layout: _Layout, cue: _Cue) -> bool:
    """Whether a cue reports someone's words: not in a heading ("Moscow Reiterates
    Warning Against ...") nor the outlet's narration ("This divergence highlights ...")."""
    return not layout.is_heading(cue.start) and not _is_narration(cue)


def _sourced(cue: _Cue) -> _Cue:
    """The cue without a speaker that names no one: a number ("two said"), a verb form
    ("Posting on X, ... accusing"). A common noun stays, as a description of who spoke."""
    token = cue.speaker
    if token is None or cue.is_verbatim:
        return cue
    if token.lower_ in _RELATIVES and token.head.dep_ == "relcl" and token.head.head.pos_ in _NOUNS:
        return replace(cue, speaker=_who(token.head.head))  # "the aide who said": the aide
    if token.lemma_.lower() in _AMOUNT_NOUNS:  # "a number of legal academics": the academics
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if members is not None:
            return replace(cue, speaker=members)
    if _names_someone(token) or token.pos_ in ("NOUN", "ADJ", "DET"):
        return cue
    return replace(cue, speaker=None)


def _before_taken(layout: _Layout, cue: _Cue, taken: Sequence[tuple[int, int]]) -> _Cue:
    """The cue with its content ending before a direct quote inside it: "Lazar said he
    welcomed extradition and added, "I'll plead guilty."" reports "he welcomed
    extradition" besides the direct quote, instead of losing it to the overlap."""
    if cue.content is None:
        return cue
    start, end = cue.content
    inside = [a for a, b in taken if start < a < end]
    if not inside:
        return cue
    tokens = layout.tokens(start, min(inside))
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in _TRAILING):
        tokens.pop()
    if sum(not t.is_punct for t in tokens) < _MIN_CLAUSE_WORDS:
        return replace(cue, content=None)
    return replace(cue, content=(start, tokens[-1].idx + len(tokens[-1])))


def _colon_intro(layout: _Layout, m: _Marks) -> _Cue | None:
    """A quotation a sentence introduces with a colon and no speech verb ("Trump followed
    up with: "..."", "Mark Blumenthal and Jon Cohen: "...""), also from the end of the
    paragraph before ("Sanders made the following comment:" ¶ "..."): the sentence
    subject's, or the name before the colon."""
    start = layout.paragraphs[m.paragraph][0]
    before = layout.body[start : m.open].rstrip()
    if not before.strip(' \t"“') and m.paragraph > 0:  # "... the following comment:" ¶ "..."
        start = layout.paragraphs[m.paragraph - 1][0]
        before = layout.body[start : layout.paragraphs[m.paragraph - 1][1]].rstrip()
    if not before.endswith(":") or not _closes_sentence(layout, m):
        return None
    tokens = layout.tokens(start + len(before) - 1, start + len(before))
    if not tokens:
        return None
    colon = tokens[0]
    root = colon.sent.root
    speaker = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if speaker is None and colon.i > 0 and colon.doc[colon.i - 1].pos_ == "PROPN":
        speaker = colon.doc[colon.i - 1]
    if speaker is None or speaker.i > colon.i or layout.is_quoted(speaker.idx):
        return None
    return _Cue(colon.idx, colon.idx + 1, colon, speaker, None, False)


def _overlaps(quote: Quote, found: Sequence[tuple[int, Quote]]) -> bool:
    return any(quote.start < q.end and q.start < quote.end for _, q in found)


def _is_nested(quote: Quote, others: Sequence[tuple[int, Quote]]) -> bool:
    """Reported speech inside reported speech ("X said that Y warned ...") belongs to X."""
    cue = quote.cue
    return cue is not None and any(
        q is not quote and q.start <= cue.start < q.end for _, q in others
    )


def _clause_quote(article: Article, layout: _Layout, cue: _Cue) -> Quote | None:
    """An indirect quote from the clause the cue governs, mixed if it holds a quotation."""
    if cue.content is None:
        return None
    start, end = cue.content
    penalty = _ATTITUDE_PENALTY if cue.is_attitude else 0.0
    inner = [m for m in layout.marks if start <= m.open < end]
    if inner:
        content = (start, max(end, *(m.stop for m in inner)))
        quote = _make_quote(article, layout, content, "mixed", cue)
        return replace(quote, confidence=round(quote.confidence - penalty, 2))
    words = len(layout.body[start:end].split())
    if cue.is_verbatim:
        return _make_quote(article, layout, (start, end), "direct", cue)
    if cue.is_clause:
        if words < _MIN_CLAUSE_WORDS:
            return None
        quote = _make_quote(article, layout, (start, end), "indirect", cue)
        return replace(quote, confidence=round(quote.confidence - penalty, 2))
    if words < _MIN_OBJECT_WORDS or (cue.frame == "object" and _is_bare_noun_phrase(layout, cue)):
        return None
    quote = _make_quote(article, layout, (start, end), "indirect", cue)
    penalty += _OBJECT_PENALTY + (0.0 if _is_source(cue.speaker) else _NOT_SOURCE_PENALTY)
    return replace(quote, confidence=round(max(quote.confidence - penalty, 0.0), 2))


def _is_bare_noun_phrase(layout: _Layout, cue: _Cue) -> bool:
    """An object that is a determiner and a common noun ("dismissed the notion", "echoing
    these sentiments", "told the crowd"): it points at what was said elsewhere, or at
    whom it was said to, and says nothing itself.

    On PolNeAR train such objects were gold content 61 times in 189 (672 articles), below
    the F1/2 line (the stage's F1 is about 0.75); longer or modified objects ("the need
    for NATO unity", "their opposition") were so about half the time and stay.
    """
    if cue.content is None:
        return False
    words = [t for t in layout.tokens(*cue.content) if not t.is_punct]
    return (
        len(words) == 2
        and words[0].dep_ == "det"
        and words[1].pos_ == "NOUN"
        and not words[1].ent_type_
    )


def _continue_quote(article: Article, m: _Marks, found: list[tuple[int, Quote]]) -> None:
    """A lone quotation: the previous speaker's, from this or the previous paragraph.

    Right after a direct quote of the same paragraph it is the rest of that utterance,
    interrupted by its attribution (`"A," said X. "B."`), and joins it as one quote.
    """
    span = article.span(m.start, m.end)
    earlier = [i for i, (_, q) in enumerate(found) if q.end <= span.start and q.speaker]
    if earlier:
        last = max(earlier, key=lambda i: found[i][1].end)
        paragraph, previous = found[last]
        if paragraph == m.paragraph and previous.kind == "direct":
            found[last] = (paragraph, _joined(article, previous, span))
            return
        if paragraph >= m.paragraph - 1:
            confidence = _CONTINUATION_CONFIDENCE[0 if paragraph == m.paragraph else 1]
            quote = Quote(
                span.start, span.end, span.text, "direct", previous.speaker, None, confidence
            )
            found.append((m.paragraph, quote))
            return
    if len(span.text.split()) >= _MIN_UNATTRIBUTED_WORDS:
        quote = Quote(
            span.start, span.end, span.text, "direct", None, None, _UNATTRIBUTED_CONFIDENCE
        )
        found.append((m.paragraph, quote))


def _joined(article: Article, previous: Quote, rest: Span) -> Quote:
    """``previous`` and the quotation ``rest`` after its attribution as one quote."""
    first = previous.pieces or (Span(previous.start, previous.end, previous.text),)
    text = article.text[previous.start : rest.end]
    return replace(previous, end=rest.end, text=text, pieces=(*first, rest))
