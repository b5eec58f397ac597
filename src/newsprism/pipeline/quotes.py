"""Quotes: who said what in one article.

:func:`extract_quotes` pairs the quotation marks of an article body with the speech cues
of spaCy's dependency parse:

* A cue is a speech verb from ``data/speech_verbs.txt`` ("said", "warned", "ruled out")
  or a phrase from ``data/speech_cues.txt`` ("according to"), outside any quotation.
* Its speaker is the verb's subject; for a participle ("..., stating that") or a ``with``
  clause ("with X declaring") the subject of the clause it hangs on. A pronoun from
  ``data/speech_pronouns.txt`` stands for the most recent person (or institution) named
  in the sentences before it, a subject first.
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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
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
_MIN_CLAUSE_WORDS = 3
_MAX_GAP_TOKENS = 12  # between a quotation and its cue: `"...," said X, the head of Y`
_MAX_SENTENCES_BACK = 6  # how far a pronoun looks for its antecedent
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


@lru_cache(maxsize=2)
def _word_set(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines(name))


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
class _Layout:
    """The parsed body with its paragraphs, sentences and quotation marks."""

    body: str
    doc: Doc
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[int, ...]  # sentence starts, cut at paragraph starts too
    marks: tuple[_Marks, ...]
    named: tuple[_Named, ...] = ()

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right([p[0] for p in self.paragraphs], offset) - 1, 0)

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1

    def is_quoted(self, offset: int) -> bool:
        return any(m.open <= offset < m.stop for m in self.marks)

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return list(span) if span is not None else []


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
    """A proper name outside quotations: an antecedent for pronouns, a form of a name."""

    offset: int
    name: str
    kind: str  # "person" | "group"
    is_subject: bool
    sentence: int


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
    layout = _layout(article.body, doc)
    cues = _find_cues(layout)
    found: list[tuple[int, Quote]] = []  # (paragraph, quote)
    used: set[int] = set()
    lone: list[_Marks] = []
    for m in layout.marks:
        cue = _trailing_cue(layout, m, cues) or _leading_cue(layout, m, cues)
        if cue is not None:
            used.add(cue.start)
            found.append(
                (m.paragraph, _make_quote(article, layout, (m.start, m.end), "direct", cue))
            )
        elif _opens_sentence(layout, m) and _closes_sentence(layout, m):
            lone.append(m)
    clauses = [
        (layout.paragraph_of(c.start), q)
        for c in cues
        if c.start not in used and (q := _clause_quote(article, layout, c)) is not None
    ]
    found.extend(f for f in clauses if not _overlaps(f[1], found) and not _is_nested(f[1], clauses))
    for m in lone:
        quote = _continue_quote(article, m, found)
        if quote is not None:
            found.append((m.paragraph, quote))
    unique = {(q.start, q.end): q for _, q in sorted(found, key=lambda f: f[1].confidence)}
    quotes = tuple(sorted(unique.values(), key=lambda q: (q.start, q.end)))
    log.debug("%s: %d quotes", article.id, len(quotes))
    return quotes


def _overlaps(quote: Quote, found: Sequence[tuple[int, Quote]]) -> bool:
    return any(quote.start < q.end and q.start < quote.end for _, q in found)


def _is_nested(quote: Quote, others: Sequence[tuple[int, Quote]]) -> bool:
    """Reported speech inside reported speech ("X said that Y warned ...") belongs to X."""
    cue = quote.cue
    return cue is not None and any(
        q is not quote and q.start <= cue.start < q.end for _, q in others
    )


# Layout and quotation marks


def _layout(body: str, doc: Doc) -> _Layout:
    paragraphs, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = sorted({s.start_char for s in doc.sents} | {p[0] for p in paragraphs} | {0})
    marks = tuple(m for i, p in enumerate(paragraphs) for m in _paragraph_marks(body, p, i))
    layout = _Layout(body, doc, tuple(paragraphs), tuple(starts), marks)
    return replace(layout, named=_named_mentions(layout))


def _paragraph_marks(body: str, paragraph: tuple[int, int], index: int) -> Iterator[_Marks]:
    """Pair the quotation marks of one paragraph; single marks only outside double ones."""
    opened: int | None = None
    for i in range(*paragraph):
        ch = body[i]
        if opened is None:
            if ch in _DOUBLE_MARKS or (ch in _SINGLE_MARKS and _is_single_open(body, i)):
                opened = i
            continue
        first = body[opened]
        pairs = _DOUBLE_MARKS if first in _DOUBLE_MARKS else _SINGLE_MARKS
        if ch == pairs[first] and (first in _DOUBLE_MARKS or _is_single_close(body, i)):
            yield _marks(body, opened, i, i, index)
            opened = None
        elif first in _DOUBLE_MARKS and ch in "“«":  # the previous quotation never closed
            yield _marks(body, opened, None, i, index)
            opened = i
    if opened is not None and body[opened] in _DOUBLE_MARKS:
        yield _marks(body, opened, None, paragraph[1], index)


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


def _opens_sentence(layout: _Layout, m: _Marks) -> bool:
    before = layout.body[layout.paragraphs[m.paragraph][0] : m.open].rstrip()
    return not before or before[-1] in _SENTENCE_END + ":;" or before[-2:-1] in tuple(_SENTENCE_END)


def _closes_sentence(layout: _Layout, m: _Marks) -> bool:
    if m.close is None or layout.body[m.start : m.close].rstrip()[-1:] in tuple(_SENTENCE_END):
        return True
    after = layout.body[m.stop : layout.paragraphs[m.paragraph][1]].lstrip()
    return not after or after[0] in _SENTENCE_END + ";"


# Cues and the clauses they govern


def _find_cues(layout: _Layout) -> list[_Cue]:
    verbs, phrasal = _speech_verbs()
    cues = []
    for token in layout.doc:
        lemma = _verb_lemma(token, verbs)
        if not lemma or layout.is_quoted(token.idx) or _is_passive_participle(token):
            continue
        if lemma in verbs:
            cues.append(_verb_cue(layout, token, token))
        elif lemma in phrasal:
            particle = next((c for c in token.rights if c.lower_ in phrasal[lemma]), None)
            if particle is not None:
                cues.append(_verb_cue(layout, token, particle))
    cues.extend(_phrase_cues(layout))
    return sorted(cues, key=lambda c: c.start)


def _is_passive_participle(token: Token) -> bool:
    """ "Asked whether ..., Starmer replied": someone else did the asking."""
    is_perfect = any(c.dep_ == "aux" for c in token.children)
    return token.tag_ == "VBN" and token.dep_ in ("advcl", "acl", "amod") and not is_perfect


def _verb_lemma(token: Token, verbs: frozenset[str]) -> str:
    """The verb lemma of ``token``, also for a gerund tagged as a noun ("Peskov warning")."""
    if token.pos_ == "VERB":
        return str(token.lemma_).lower()
    if token.lower_.endswith("ing") and any(c.dep_ in ("nsubj", "ccomp") for c in token.children):
        stem = token.lower_[:-3]
        return stem if stem in verbs else stem + "e"
    return ""


def _verb_cue(layout: _Layout, verb: Token, last: Token) -> _Cue:
    paragraph = layout.paragraphs[layout.paragraph_of(verb.idx)]
    speaker = _subject(verb)
    if speaker is None or not paragraph[0] <= speaker.idx < paragraph[1]:
        speaker = _adjacent_name(verb)
    content, is_clause = _complement(layout, verb, speaker)
    if content is not None and last.i != verb.i and content[0] <= last.idx < content[1]:
        rest = layout.tokens(last.idx + len(last), content[1])  # "made [clear that ...]"
        content = _trimmed(rest[0], rest[-1]) if rest else None
    end = last.idx + len(last) if last.i == verb.i + 1 else verb.idx + len(verb)
    return _Cue(verb.idx, end, verb, speaker, content, is_clause)


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


def _adjacent_name(verb: Token) -> Token | None:
    """A name or pronoun right before (or a name right after) a verb the parser left
    without a subject, as happens when a headline runs into the first sentence."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i >= 0 and (doc[i].pos_ == "PROPN" or doc[i].lower_ in _pronouns()):
        return doc[i]
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return after if after is not None and after.pos_ == "PROPN" else None


def _complement(
    layout: _Layout, verb: Token, speaker: Token | None
) -> tuple[tuple[int, int] | None, bool]:
    """The clause the verb governs (``ccomp``, cut at the paragraph's edges), else the
    clause before an inverted attribution ("..., X warned."), else the verb's object side
    (which counts only when it holds a quotation: a mixed quote)."""
    doc = verb.doc
    paragraph = layout.tokens(*layout.paragraphs[layout.paragraph_of(verb.idx)])
    lo, hi = paragraph[0].i, paragraph[-1].i

    def clipped(first: Token, last: Token) -> tuple[int, int] | None:
        return _trimmed(doc[max(first.i, lo)], doc[min(last.i, hi)])

    clauses = [c for c in verb.children if c.dep_ == "ccomp" and lo <= c.i <= hi]
    if clauses:
        clause = next((c for c in clauses if c.i > verb.i), clauses[-1])
        return clipped(clause.left_edge, clause.right_edge), True
    objects = [
        c
        for c in verb.rights
        if (c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ == "as"))
        and lo <= c.i <= hi
        and (speaker is None or c.i != speaker.i)
    ]
    if objects:
        return clipped(objects[0].left_edge, objects[-1].right_edge), False
    return _inverted_clause(layout, verb, speaker), True


def _inverted_clause(layout: _Layout, verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """The clause before ", X warned." when the parser did not attach it to the verb."""
    if speaker is None:
        return None
    anchor = verb.doc[min(speaker.left_edge.i, verb.i)]
    start = layout.sentences[layout.sentence_of(anchor.idx)]
    before = [t for t in layout.tokens(start, anchor.idx) if not t.is_space]
    has_clause = any(t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" for t in before)
    if len(before) < _MIN_CLAUSE_WORDS or before[-1].text != "," or not has_clause:
        return None
    return _trimmed(before[0], before[-1])


def _trimmed(first: Token, last: Token) -> tuple[int, int] | None:
    """Body offsets of ``first..last`` without a leading "that" or punctuation at the ends."""
    doc, i, j = first.doc, first.i, last.i
    while i <= j and (doc[i].is_punct or doc[i].is_space or _is_that(doc[i])):
        i += 1
    while j >= i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return (doc[i].idx, doc[j].idx + len(doc[j])) if i <= j else None


def _is_that(token: Token) -> bool:
    return token.lower_ == "that" and token.dep_ == "mark"


def _phrase_cues(layout: _Layout) -> Iterator[_Cue]:
    """Cue phrases such as "according to X": the rest of the sentence is what X said."""
    doc, body = layout.doc, layout.body
    for words in _cue_phrases():
        for i in range(len(doc) - len(words) + 1):
            span = doc[i : i + len(words)]
            if tuple(t.lower_ for t in span) != words or layout.is_quoted(span.start_char):
                continue
            speaker = next((c for c in span[-1].children if c.dep_ == "pobj"), None)
            sentence = layout.sentence_of(span.start_char)
            s_start = layout.sentences[sentence]
            s_end = min(span.sent.end_char, layout.paragraphs[layout.paragraph_of(s_start)][1])
            if not body[s_start : span.start_char].strip(' \t"“‘'):
                comma = body.find(",", span.end_char, s_end)
                content = (comma + 1, s_end) if comma >= 0 else None
            else:
                content = (s_start, span.start_char)
            if speaker is not None and content is not None:
                content = _stripped(body, *content)
                yield _Cue(span.start_char, span.end_char, span[0], speaker, content, True)


def _stripped(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (body[start].isspace() or body[start] in ",;:"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:."):
        end -= 1
    return start, end


def _trailing_cue(layout: _Layout, m: _Marks, cues: Sequence[_Cue]) -> _Cue | None:
    """The cue of ``"...," X said``: right after a quotation that opens a sentence."""
    if m.close is None or not _opens_sentence(layout, m):
        return None
    cue = next((c for c in cues if c.start >= m.stop), None)
    if cue is None or cue.start >= layout.paragraphs[m.paragraph][1]:
        return None
    gap = layout.tokens(m.stop, cue.start)
    allowed = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
    is_attribution = all(
        t.is_punct
        or t.is_space
        or t.i in allowed
        or (t.head.i == cue.verb.i and t.dep_ in _GAP_DEPS)
        for t in gap
    )
    return cue if is_attribution and len(gap) <= _MAX_GAP_TOKENS else None


def _leading_cue(layout: _Layout, m: _Marks, cues: Sequence[_Cue]) -> _Cue | None:
    """The cue of ``X said: "..."`` / ``X stated that "..."``: the quotation ends the sentence."""
    before = [c for c in cues if c.end <= m.open]
    if not before or not _closes_sentence(layout, m):
        return None
    cue = before[-1]
    between = layout.body[cue.end : m.open]
    if "\n" in between and not between.rstrip().endswith(":"):
        return None
    gap = [t for t in layout.tokens(cue.end, m.open) if not t.is_space]
    if gap and gap[-1].lower_ not in (":", ",", "that", "—"):
        return None  # `warned of "grave consequences"`: a fragment, not the whole utterance
    allowed = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
    for child in cue.verb.children:
        if child.dep_ in _GAP_DEPS:
            allowed.update(t.i for t in child.subtree)
    is_intro = all(t.is_punct or t.i in allowed or t.lower_ == "that" for t in gap)
    return cue if is_intro and len(gap) <= _MAX_GAP_TOKENS else None


def _clause_quote(article: Article, layout: _Layout, cue: _Cue) -> Quote | None:
    """An indirect quote from the clause the cue governs, mixed if it holds a quotation."""
    if cue.content is None:
        return None
    start, end = cue.content
    inner = [m for m in layout.marks if start <= m.open < end]
    if inner:
        content = (start, max(end, *(m.stop for m in inner)))
        return _make_quote(article, layout, content, "mixed", cue)
    if not cue.is_clause or len(layout.body[start:end].split()) < _MIN_CLAUSE_WORDS:
        return None
    return _make_quote(article, layout, (start, end), "indirect", cue)


def _continue_quote(
    article: Article, m: _Marks, found: Sequence[tuple[int, Quote]]
) -> Quote | None:
    """A lone quotation: the previous speaker's, from this or the previous paragraph."""
    span = article.span(m.start, m.end)
    earlier = [(p, q) for p, q in found if q.end <= span.start and q.speaker is not None]
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
    article: Article, layout: _Layout, content: tuple[int, int], kind: QuoteKind, cue: _Cue
) -> Quote:
    confidence = _BASE_CONFIDENCE[kind]
    speaker: Speaker | None = None
    if cue.speaker is not None:
        s_start, s_end, name, is_pronoun = _speaker_mention(layout, cue.speaker)
        mention = article.span(s_start, s_end)
        speaker = Speaker(mention.start, mention.end, mention.text, name=name)
        confidence -= _PRONOUN_PENALTY if is_pronoun else 0.0
        confidence -= _NAMELESS_PENALTY if name is None else 0.0
    else:
        confidence -= _NAMELESS_PENALTY
    span, cue_span = article.span(*content), article.span(cue.start, cue.end)
    return Quote(span.start, span.end, span.text, kind, speaker, cue_span, round(confidence, 2))


def _speaker_mention(layout: _Layout, token: Token) -> tuple[int, int, str | None, bool]:
    """Body offsets of the speaker mention, the speaker's name, and whether it is a pronoun."""
    appositions = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if token.pos_ == "NOUN" and appositions:
        token = appositions[0]
    end = token.idx + len(token)
    pronoun = _pronouns().get(token.lower_)
    if pronoun is not None:
        antecedent = _antecedent(layout, token.idx, pronoun)
        name = _full_name(layout, antecedent) if antecedent is not None else None
        return token.idx, end, name, True
    words, kind = _name_tokens(token)
    if kind is None:  # a common noun phrase: "senior Kremlin official"
        left = [t for t in token.doc[token.left_edge.i : token.i] if t.dep_ != "det"]
        return (left[0].idx if left else token.idx), end, None, False
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    kind = next((n.kind for n in layout.named if n.offset == start), kind)
    mention = _Named(start, token.doc.text[start:end], kind, True, 0)
    return start, end, _full_name(layout, mention), False


def _name_tokens(token: Token) -> tuple[list[Token], str | None]:
    """The proper name around ``token`` and whether it names a person or a group.

    Proper nouns and name particles before the entity join it ("Ursula von der Leyen");
    a title among them ("Foreign Minister Sergey Lavrov") marks a person and is dropped
    with everything before it. ``None`` as kind: not a proper name.
    """
    doc, titles = token.doc, _word_set("speech_titles.txt")
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ in _NAME_LABELS:
        words, kind = list(ent), _NAME_LABELS[ent.label_]
    elif token.pos_ == "PROPN":
        words, kind = [token], "group"
    else:
        return [token], None
    particles = _word_set("speech_name_particles.txt")
    while words[0].i > 0 and (
        doc[words[0].i - 1].pos_ == "PROPN" or doc[words[0].i - 1].lower_ in particles
    ):
        words.insert(0, doc[words[0].i - 1])
    own = len(ent) if ent is not None else 1  # titles inside an ORG name stay: "Foreign Ministry"
    last_title = max((i for i, t in enumerate(words) if t.lower_ in titles), default=-1)
    if last_title >= 0 and (kind == "person" or last_title < len(words) - own):
        words, kind = words[last_title + 1 :], "person"
    elif ent is not None:
        words = list(ent)
    words = [t for t in words if t.dep_ not in ("det", "case") and not t.is_punct]
    if kind == "group" and ent is None and len(words) > 1:
        kind = "person"  # "Giorgia Meloni" missed by the recogniser
    return words or [token], kind


def _named_mentions(layout: _Layout) -> tuple[_Named, ...]:
    """Proper names outside quotations in text order; a name that is elsewhere a person's
    ("Starmer" tagged ORG, "Keir Starmer" PERSON) counts as that person."""
    heads = [e.root for e in layout.doc.ents if e.label_ in _NAME_LABELS] + [
        t for t in layout.doc if t.dep_ == "nsubj" and t.pos_ == "PROPN" and not t.ent_type_
    ]
    named = set()
    for token in heads:
        words, kind = _name_tokens(token)
        if kind is None or layout.is_quoted(token.idx):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if not layout.body[start:end].strip():
            continue
        is_subject = token.dep_ in ("nsubj", "nsubjpass")
        sentence = layout.sentence_of(start)
        named.add(_Named(start, layout.body[start:end], kind, is_subject, sentence))
    surnames = {n.name.split()[-1] for n in named if n.kind == "person"}
    named = {replace(n, kind="person") if n.name.split()[-1] in surnames else n for n in named}
    return tuple(sorted(named, key=lambda n: n.offset))


def _antecedent(layout: _Layout, offset: int, kind: str) -> _Named | None:
    """The name a pronoun stands for: going back sentence by sentence, the first subject
    of the right kind, else (for people) the first person named in that sentence -- the
    main clause comes first more often than not."""
    earlier = [n for n in layout.named if n.offset < offset and n.kind == kind]
    current = layout.sentence_of(offset)
    for sentence in range(current, current - _MAX_SENTENCES_BACK, -1):
        names = [n for n in earlier if n.sentence == sentence]
        subjects = [n for n in names if n.is_subject]
        if subjects:
            return subjects[0]
        if names and kind == "person":
            return names[0]
    return None


def _full_name(layout: _Layout, mention: _Named) -> str:
    """The longest name of the same person seen up to ``mention``; when none is longer
    than the mention itself (a surname in a headline), the longest anywhere."""
    if mention.kind != "person":
        return mention.name
    words = set(mention.name.split())
    same = [n for n in layout.named if n.kind == "person" and words <= set(n.name.split())]
    so_far = [n for n in same if n.offset <= mention.offset]
    best = max(so_far, key=lambda n: len(n.name.split()), default=mention)
    if len(best.name.split()) <= len(words):
        best = max(same, key=lambda n: len(n.name.split()), default=mention)
    return best.name
