"""Quotes: who said what in one article.

:func:`extract_quotes` pairs the quotation marks of an article body with the speech cues
of spaCy's dependency parse:

* A cue is a speech verb from ``data/speech_verbs.txt`` ("said", "warned", "ruled out")
  or a phrase from ``data/speech_cues.txt`` ("according to"), outside any quotation.
* Its speaker is the verb's subject; for a participle ("..., stating that") or a ``with``
  clause ("with X declaring") the subject of the clause it hangs on. A pronoun from
  ``data/speech_pronouns.txt`` stands for the most recent person (or institution) named
  as a subject before it.
* A quotation right next to a cue (``"...," X said``, ``X said: "..."``, ``X stated
  that "..."``) is a ``direct`` quote. The clause a cue governs is ``indirect``, or
  ``mixed`` when a quoted fragment sits inside it. A quotation standing as sentences of
  its own without a cue continues the quote before it in the same or previous
  paragraph. Any other quotation is a scare quote ("a "Coalition of the Willing"") and
  is not reported on its own.

Conventions: a direct quote's text is what stands inside the marks, without them and
without the trailing comma that belongs to the attribution. The speaker mention is the
proper-name part of the subject ("spokesman Dmitry Peskov" -> "Dmitry Peskov"), the
pronoun itself ("he"), or the noun phrase without its article ("the Kremlin" ->
"Kremlin"). The speaker name is, for a person, the longest form of the name seen in the
article ("Dmitry Medvedev" for "Medvedev" or for "he"); for an institution or country,
the name without its article ("Kremlin"); ``None`` for a common noun phrase ("senior
Kremlin official") or a pronoun with no antecedent.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Article, Quote, QuoteKind, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_quotes"]

log = logging.getLogger(__name__)

# Opening mark -> closing mark. Straight marks close themselves.
_DOUBLE_MARKS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_SINGLE_MARKS = {"‘": "’", "'": "'"}
_SENTENCE_END = ".!?"
# Confidence set by hand on the seed articles: a named speaker next to the quotation is
# the strongest evidence, a pronoun or a speaker carried over from earlier weaker. The
# order matters more than the values.
_BASE_CONFIDENCE: dict[QuoteKind, float] = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}
_PRONOUN_PENALTY = 0.15
_NAMELESS_PENALTY = 0.1  # the speaker is a common noun phrase ("European officials")
_CONTINUATION_CONFIDENCE = (0.6, 0.45)  # same paragraph, next paragraph
_UNATTRIBUTED_CONFIDENCE = 0.3
_MIN_UNATTRIBUTED_WORDS = 4  # shorter lone quotations are headline words, not speech
_MAX_GAP_TOKENS = 12  # tokens between a quotation and its cue: `"...," said X of Y`
_NAME_LABELS = {"PERSON": "person", "ORG": "group", "GPE": "group", "NORP": "group"}
_GAP_DEPS = {"advmod", "npadvmod", "prep", "dative", "dobj", "aux", "neg", "prt", "agent"}
_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "acomp", "attr"}


@lru_cache(maxsize=1)
def _speech_verbs() -> tuple[frozenset[str], Mapping[str, frozenset[str]]]:
    """Single-word verb lemmas, and phrasal verbs as lemma -> particles."""
    single, phrasal = set(), dict[str, set[str]]()
    for line in data_lines("speech_verbs.txt"):
        verb, _, particle = line.strip().lower().partition(" ")
        if particle:
            phrasal.setdefault(verb, set()).add(particle)
        else:
            single.add(verb)
    return frozenset(single), {v: frozenset(p) for v, p in phrasal.items()}


@lru_cache(maxsize=1)
def _cue_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.lower().split()) for line in data_lines("speech_cues.txt"))


@lru_cache(maxsize=1)
def _pronouns() -> Mapping[str, str]:
    return {row[0].lower(): row[1] for row in data_table("speech_pronouns.txt")}


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines("speech_titles.txt"))


@dataclass(frozen=True, slots=True)
class _Marks:
    """A pair of quotation marks in the body; ``body[start:end]`` is the content."""

    open: int
    close: int | None  # None: the closing mark is missing; the content runs to paragraph end
    start: int
    end: int
    paragraph: int

    @property
    def stop(self) -> int:
        return self.close + 1 if self.close is not None else self.end


@dataclass(frozen=True, slots=True)
class _Cue:
    """A speech cue: body offsets of its words, its speaker token, the clause it governs."""

    start: int
    end: int
    verb: Token
    speaker: Token | None
    content: tuple[int, int] | None
    is_clause: bool


@dataclass(frozen=True, slots=True)
class _Named:
    """A proper name in the body, as a possible antecedent or full form of a name."""

    offset: int
    name: str
    kind: str  # "person" | "group"
    is_subject: bool


def extract_quotes(article: Article, doc: Doc) -> tuple[Quote, ...]:
    """Find direct, indirect and mixed quotes in ``article`` and who said them.

    Args:
        article: the cleaned article; every offset returned points into its document text.
        doc: ``nlp(article.body)``, parsed and with named entities.

    Returns:
        The quotes in text order, each with its speaker (``entity`` left ``None``), its cue
        and a confidence in 0..1.

    Example:
        ``"We see no room for compromise," Lavrov said.`` gives one direct quote
        "We see no room for compromise" with speaker "Lavrov" and cue "said".
    """
    body = article.body
    paragraphs = _paragraphs(body)
    marks = _find_marks(body, paragraphs)
    cues = _find_cues(doc, marks)
    named = _named_mentions(doc, marks)
    found: list[tuple[int, Quote]] = []  # (paragraph, quote)
    used: set[int] = set()
    lone: list[_Marks] = []
    for m in marks:
        cue = _trailing_cue(doc, body, m, cues, paragraphs) or _leading_cue(
            doc, body, m, cues, paragraphs
        )
        if cue is not None:
            used.add(cue.start)
            found.append((m.paragraph, _make_quote(article, m.start, m.end, "direct", cue, named)))
        elif _opens_sentence(body, m, paragraphs) and _closes_sentence(body, m, paragraphs):
            lone.append(m)
    direct = [(q.start, q.end) for _, q in found]
    for cue in cues:
        if cue.start in used or cue.content is None:
            continue
        quote = _clause_quote(article, cue, marks, named)
        if quote is not None and not any(quote.start < e and s < quote.end for s, e in direct):
            found.append((_paragraph_of(paragraphs, cue.start), quote))
    for m in lone:
        quote = _continue_quote(article, m, found)
        if quote is not None:
            found.append((m.paragraph, quote))
    unique = {(q.start, q.end): q for _, q in sorted(found, key=lambda f: f[1].confidence)}
    quotes = tuple(sorted(unique.values(), key=lambda q: (q.start, q.end)))
    log.debug("%s: %d quotes", article.id, len(quotes))
    return quotes


# Quotation marks


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _paragraph_of(paragraphs: Sequence[tuple[int, int]], offset: int) -> int:
    return max(bisect.bisect_right([p[0] for p in paragraphs], offset) - 1, 0)


def _find_marks(body: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Marks]:
    """Pair quotation marks paragraph by paragraph; single marks only outside double ones."""
    found: list[_Marks] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        opened: int | None = None
        for i in range(p_start, p_end):
            ch = body[i]
            if opened is None:
                if ch in _DOUBLE_MARKS or (ch in _SINGLE_MARKS and _is_single_open(body, i)):
                    opened = i
                continue
            first = body[opened]
            pairs = _DOUBLE_MARKS if first in _DOUBLE_MARKS else _SINGLE_MARKS
            if ch == pairs[first] and (first in _DOUBLE_MARKS or _is_single_close(body, i)):
                found.append(_marks(body, opened, i, i, index))
                opened = None
            elif first in _DOUBLE_MARKS and ch in "“«":  # the previous quotation never closed
                found.append(_marks(body, opened, None, i, index))
                opened = i
        if opened is not None and body[opened] in _DOUBLE_MARKS:
            found.append(_marks(body, opened, None, p_end, index))
    return [m for m in found if m.end > m.start]


def _is_single_open(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return not before.isalnum() and after.isalnum()


def _is_single_close(body: str, i: int) -> bool:
    """A closing single mark, not an apostrophe as in "Russia’s" or "couldn’t"."""
    after = body[i + 1] if i + 1 < len(body) else " "
    return not body[i - 1].isspace() and not after.isalnum()


def _marks(body: str, opened: int, close: int | None, end: int, paragraph: int) -> _Marks:
    start = opened + 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return _Marks(opened, close, start, end, paragraph)


def _opens_sentence(body: str, m: _Marks, paragraphs: Sequence[tuple[int, int]]) -> bool:
    before = body[paragraphs[m.paragraph][0] : m.open].rstrip()
    return not before or before[-1] in _SENTENCE_END + ":;" or before[-2:-1] in tuple(".!?")


def _closes_sentence(body: str, m: _Marks, paragraphs: Sequence[tuple[int, int]]) -> bool:
    if m.close is None or body[m.start : m.close].rstrip()[-1:] in tuple(_SENTENCE_END):
        return True
    after = body[m.stop : paragraphs[m.paragraph][1]].lstrip()
    return not after or after[0] in _SENTENCE_END + ";"


def _inside(offset: int, marks: Iterable[_Marks]) -> bool:
    return any(m.open <= offset < m.stop for m in marks)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


# Cues and the clauses they govern


def _find_cues(doc: Doc, marks: Sequence[_Marks]) -> list[_Cue]:
    verbs, phrasal = _speech_verbs()
    cues = []
    for token in doc:
        lemma = _verb_lemma(token, verbs)
        if not lemma or _inside(token.idx, marks):
            continue
        if lemma in verbs:
            cues.append(_verb_cue(token, token))
        elif lemma in phrasal:
            particle = next((c for c in token.rights if c.lower_ in phrasal[lemma]), None)
            if particle is not None:
                last = particle if particle.i == token.i + 1 else token
                cues.append(_verb_cue(token, last))
    cues.extend(_phrase_cues(doc, marks))
    return sorted(cues, key=lambda c: c.start)


def _verb_lemma(token: Token, verbs: frozenset[str]) -> str:
    """The verb lemma of ``token``, also for a gerund tagged as a noun ("Peskov warning")."""
    if token.pos_ == "VERB":
        return str(token.lemma_).lower()
    if token.lower_.endswith("ing") and any(c.dep_ in ("nsubj", "ccomp") for c in token.children):
        stem = token.lower_[:-3]
        return stem if stem in verbs else stem + "e"
    return ""


def _verb_cue(verb: Token, last: Token) -> _Cue:
    speaker = _subject(verb)
    content, is_clause = _complement(verb, speaker)
    return _Cue(verb.idx, last.idx + len(last), verb, speaker, content, is_clause)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause a participle or ``with`` clause hangs on."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            is_relative = subjects[0].lower_ in ("who", "which", "that")
            return node.head if is_relative and node.dep_ == "relcl" else subjects[0]
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        if node.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _complement(verb: Token, speaker: Token | None) -> tuple[tuple[int, int] | None, bool]:
    """The clause the verb governs (``ccomp``), else its object side (for mixed quotes)."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return _trimmed(clauses[-1].left_edge, clauses[-1].right_edge), True
    objects = [
        c
        for c in verb.rights
        if (c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ == "as"))
        and (speaker is None or c.i != speaker.i)
    ]
    if objects:
        return _trimmed(objects[0].left_edge, objects[-1].right_edge), False
    return None, False


def _trimmed(first: Token, last: Token) -> tuple[int, int] | None:
    """Body offsets of ``first..last`` without a leading "that" or punctuation at the ends."""
    doc, i, j = first.doc, first.i, last.i
    while i <= j and (doc[i].is_punct or doc[i].is_space or doc[i].dep_ == "mark"):
        i += 1
    while j >= i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return (doc[i].idx, doc[j].idx + len(doc[j])) if i <= j else None


def _phrase_cues(doc: Doc, marks: Sequence[_Marks]) -> Iterable[_Cue]:
    """Cue phrases such as "according to X": the speaker is the object of the last word."""
    for words in _cue_phrases():
        for i in range(len(doc) - len(words) + 1):
            span = doc[i : i + len(words)]
            if tuple(t.lower_ for t in span) != words or _inside(span.start_char, marks):
                continue
            speaker = next((c for c in span[-1].children if c.dep_ == "pobj"), None)
            clause = span[0].head
            phrase = (span[0].left_edge.i, max(span[-1].right_edge.i, span[0].right_edge.i))
            if clause.left_edge.i >= phrase[0]:
                content = (
                    _trimmed(doc[phrase[1]], clause.right_edge) if phrase[1] < len(doc) else None
                )
            else:
                content = _trimmed(clause.left_edge, doc[phrase[0] - 1])
            content = content if clause.i != span[0].i else None
            yield _Cue(span.start_char, span.end_char, clause, speaker, content, True)


def _trailing_cue(
    doc: Doc, body: str, m: _Marks, cues: Sequence[_Cue], paragraphs: Sequence[tuple[int, int]]
) -> _Cue | None:
    """The cue of ``"...," X said``: right after a quotation that opens a sentence."""
    if m.close is None or not _opens_sentence(body, m, paragraphs):
        return None
    cue = next((c for c in cues if c.start >= m.stop), None)
    if cue is None or cue.start >= paragraphs[m.paragraph][1]:
        return None
    gap = _tokens(doc, m.stop, cue.start)
    allowed = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
    is_attribution = all(
        t.is_punct
        or t.is_space
        or t.i in allowed
        or (t.head.i == cue.verb.i and t.dep_ in _GAP_DEPS)
        for t in gap
    )
    return cue if is_attribution and len(gap) <= _MAX_GAP_TOKENS else None


def _leading_cue(
    doc: Doc, body: str, m: _Marks, cues: Sequence[_Cue], paragraphs: Sequence[tuple[int, int]]
) -> _Cue | None:
    """The cue of ``X said: "..."`` / ``X stated that "..."``: the quotation ends the sentence."""
    before = [c for c in cues if c.end <= m.open]
    if not before or not _closes_sentence(body, m, paragraphs):
        return None
    cue = before[-1]
    between = body[cue.end : m.open]
    if "\n" in between and not between.rstrip().endswith(":"):
        return None
    gap = [t for t in _tokens(doc, cue.end, m.open) if not t.is_space]
    if gap and gap[-1].lower_ not in (":", ",", "that", "—"):
        return None  # `warned of "grave consequences"`: a fragment, not the whole utterance
    allowed = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
    for child in cue.verb.children:
        if child.dep_ in _GAP_DEPS:
            allowed.update(t.i for t in child.subtree)
    is_intro = all(
        t.is_punct or t.i in allowed or (t.lower_ == "that" and t.dep_ == "mark") for t in gap
    )
    return cue if is_intro and len(gap) <= _MAX_GAP_TOKENS else None


def _clause_quote(
    article: Article, cue: _Cue, marks: Sequence[_Marks], named: Sequence[_Named]
) -> Quote | None:
    """An indirect quote from the clause the cue governs, mixed if it holds a quotation."""
    if cue.content is None:
        return None
    start, end = cue.content
    inner = [m for m in marks if start <= m.open < end]
    if inner:
        return _make_quote(article, start, max(end, *(m.stop for m in inner)), "mixed", cue, named)
    if not cue.is_clause or len(article.body[start:end].split()) < 3:
        return None
    return _make_quote(article, start, end, "indirect", cue, named)


def _continue_quote(
    article: Article, m: _Marks, found: Sequence[tuple[int, Quote]]
) -> Quote | None:
    """A lone quotation: the previous speaker's, from this or the previous paragraph."""
    earlier = [(p, q) for p, q in found if q.end <= m.open and q.speaker is not None]
    span = article.span(m.start, m.end)
    if earlier:
        paragraph, previous = max(earlier, key=lambda f: f[1].end)
        if paragraph >= m.paragraph - 1:
            confidence = _CONTINUATION_CONFIDENCE[0 if paragraph == m.paragraph else 1]
            return Quote(
                span.start, span.end, span.text, "direct", previous.speaker, None, confidence
            )
    if len(span.text.split()) < _MIN_UNATTRIBUTED_WORDS:
        return None
    return Quote(span.start, span.end, span.text, "direct", None, None, _UNATTRIBUTED_CONFIDENCE)


# Speakers


def _make_quote(
    article: Article, start: int, end: int, kind: QuoteKind, cue: _Cue, named: Sequence[_Named]
) -> Quote:
    confidence = _BASE_CONFIDENCE[kind]
    speaker: Speaker | None = None
    if cue.speaker is not None:
        s_start, s_end, name, is_pronoun = _speaker_mention(cue.speaker, named)
        mention = article.span(s_start, s_end)
        speaker = Speaker(mention.start, mention.end, mention.text, name=name)
        confidence -= _PRONOUN_PENALTY if is_pronoun else 0.0
        confidence -= _NAMELESS_PENALTY if name is None else 0.0
    else:
        confidence -= _NAMELESS_PENALTY
    span, cue_span = article.span(start, end), article.span(cue.start, cue.end)
    return Quote(span.start, span.end, span.text, kind, speaker, cue_span, round(confidence, 2))


def _speaker_mention(token: Token, named: Sequence[_Named]) -> tuple[int, int, str | None, bool]:
    """Body offsets of the speaker mention, the speaker's name, and whether it is a pronoun."""
    appositions = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if token.pos_ == "NOUN" and appositions:
        token = appositions[0]
    end = token.idx + len(token)
    kind = _pronouns().get(token.lower_)
    if kind is not None:
        antecedent = _antecedent(token.idx, kind, named)
        name = _full_name(antecedent, named) if antecedent is not None else None
        return token.idx, end, name, True
    words, kind = _name_tokens(token)
    if kind is None:  # a common noun phrase: "senior Kremlin official"
        left = [t for t in token.doc[token.left_edge.i : token.i] if t.dep_ != "det"]
        return (left[0].idx if left else token.idx), end, None, False
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    text = token.doc.text[start:end]
    name = text if kind == "group" else _full_name(_Named(start, text, kind, True), named)
    return start, end, name, False


def _name_tokens(token: Token) -> tuple[list[Token], str | None]:
    """The tokens of the proper name around ``token`` (article, titles and "’s" left out)."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ in _NAME_LABELS:
        words, kind = list(ent), _NAME_LABELS[ent.label_]
    elif token.pos_ == "PROPN":
        words, kind = [token], "person"
        while words[0].i > 0 and token.doc[words[0].i - 1].pos_ == "PROPN":
            words.insert(0, token.doc[words[0].i - 1])
    else:
        return [token], None
    kept = [t for t in words if t.lower_ not in _titles() and t.dep_ not in ("det", "case")]
    while kept and kept[-1].is_punct:
        kept.pop()
    return kept or [token], kind


def _named_mentions(doc: Doc, marks: Sequence[_Marks]) -> list[_Named]:
    """Proper names outside quotations, in text order, marking those that are subjects."""
    named = []
    for token in doc:
        is_head = token.dep_ in ("nsubj", "nsubjpass") or (
            token.ent_iob_ == "B" and token.ent_type_ == "PERSON"
        )
        if not is_head or _inside(token.idx, marks):
            continue
        if token.ent_iob_ == "B" and token.dep_ not in ("nsubj", "nsubjpass"):
            ent = next(e for e in doc.ents if e.start == token.i)
            token = ent.root
        words, kind = _name_tokens(token)
        if kind is not None:
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            is_subject = token.dep_ in ("nsubj", "nsubjpass")
            named.append(_Named(start, doc.text[start:end], kind, is_subject))
    return sorted(set(named), key=lambda n: n.offset)


def _antecedent(offset: int, kind: str, named: Sequence[_Named]) -> _Named | None:
    """The most recent name of ``kind`` before ``offset``, a subject if there is one."""
    earlier = [n for n in named if n.offset < offset and n.kind == kind]
    subjects = [n for n in earlier if n.is_subject]
    if subjects:
        return subjects[-1]
    return earlier[-1] if earlier and kind == "person" else None


def _full_name(mention: _Named, named: Sequence[_Named]) -> str:
    """The longest name of the same person seen before ``mention`` (else anywhere)."""
    if mention.kind != "person":
        return mention.name
    words = mention.name.split()
    same = [n for n in named if n.kind == "person" and set(words) <= set(n.name.split())]
    before = [n for n in same if n.offset <= mention.offset] or same
    return max(before, key=lambda n: len(n.name.split()), default=mention).name
