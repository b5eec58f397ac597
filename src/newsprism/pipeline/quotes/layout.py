"""Layout of an article body: paragraphs, sentence starts and quotation-mark pairs."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..ranges import Cover, cover

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Opening mark -> closing mark. Straight marks close themselves.
_DOUBLE_MARKS = {"“": "”", '"': '"', "«": "»", "„": "“", "''": "''"}
_SINGLE_MARKS = {"‘": "’", "'": "'"}
_SENTENCE_END = ".!?"
# A heading: a line that ends in none of these, at most this many words, of which this
# share (the small words of title case aside) begin with a capital.
_LINE_ENDS = '.!?:;,"”’)'
_MAX_HEADING_WORDS = 16
_HEADING_SHARE = 0.75
_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "by",
    "with", "from", "as", "into", "over", "vs",
})  # fmt: skip


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
    genders: Mapping[str, str] = field(default_factory=dict)  # surname -> "m" | "f"
    # Lookups by bisection, built once: scanning every paragraph or mark per lookup
    # made long articles quadratic.
    _paragraph_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _quoted: Cover = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_paragraph_starts", tuple(p[0] for p in self.paragraphs))
        object.__setattr__(self, "_quoted", cover((m.open, m.stop) for m in self.marks))

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1

    def is_quoted(self, offset: int) -> bool:
        return self._quoted.holds(offset)

    def has_quotation(self, start: int, end: int) -> bool:
        """Whether a quotation (its marks included) overlaps ``body[start:end]``."""
        return self._quoted.opened_before(end, start)

    def is_heading(self, offset: int) -> bool:
        """Whether the line holding ``offset`` is a heading ("Moscow Reiterates Warning
        Against Foreign Military Presence"): no sentence end, its words capitalised. A
        heading run into the first sentence is parsed as one with it, and its words are
        no one's speech."""
        start = self.body.rfind("\n", 0, offset) + 1
        end = self.body.find("\n", offset)
        line = self.body[start : end if end >= 0 else len(self.body)].strip()
        if not line or line[-1] in _LINE_ENDS:
            return False
        words = [w for w in line.split() if w[0].isalpha() and w.lower() not in _SMALL_WORDS]
        if not 2 <= len(words) <= _MAX_HEADING_WORDS:
            return False
        return sum(w[0].isupper() for w in words) >= _HEADING_SHARE * len(words)

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
    is_verbatim: bool = False  # a speaker label: the content is the speaker's own words
    frame: str = "clause"  # how the content hangs on a verb cue (cues.FRAMES)
    # A cue from outside the speech lists: a verb of attitude or a noun in one of its
    # frames ("wants to", "Trump's claim that"), any verb with a "that" clause.
    is_attitude: bool = False


@dataclass(frozen=True, slots=True)
class _Named:
    """A proper name outside quotations: an antecedent for pronouns, a form of a name."""

    offset: int
    name: str
    kind: str  # "person" | "group"
    is_subject: bool
    sentence: int


def _layout(body: str, doc: Doc) -> _Layout:
    paragraphs, pos = [], 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = sorted({s.start_char for s in doc.sents} | {p[0] for p in paragraphs} | {0})
    marks = tuple(m for i, p in enumerate(paragraphs) for m in _paragraph_marks(body, p, i))
    return _Layout(body, doc, tuple(paragraphs), tuple(starts), marks)


def _paragraph_marks(body: str, paragraph: tuple[int, int], index: int) -> Iterator[_Marks]:
    """Pair the quotation marks of one paragraph; single marks only outside double ones.

    Two apostrophes (``''``) count as one double mark, as in newswire archives.
    """
    opened: int | None = None
    first = ""
    i, stop = paragraph
    while i < stop:
        ch = "''" if body.startswith("''", i) else body[i]
        if opened is None:
            if ch in _DOUBLE_MARKS or (ch in _SINGLE_MARKS and _is_single_open(body, i)):
                opened, first = i, ch
        else:
            pairs = _DOUBLE_MARKS if first in _DOUBLE_MARKS else _SINGLE_MARKS
            closes = ch == pairs[first] or _is_mixed_close(body, first, ch, i)
            if closes and (first in _DOUBLE_MARKS or _is_single_close(body, i)):
                yield _marks(body, opened, len(first), i + len(ch) - 1, i, index)
                opened = None
            elif first in _DOUBLE_MARKS and ch in "“«":  # the previous quotation never closed
                yield _marks(body, opened, len(first), None, i, index)
                opened, first = i, ch
        i += len(ch)
    if opened is not None and first in _DOUBLE_MARKS:
        yield _marks(body, opened, len(first), None, paragraph[1], index)


def _is_mixed_close(body: str, first: str, ch: str, i: int) -> bool:
    """A straight and a curly mark pairing up (``"...”``, ``“..."``), or a curly opening
    mark set as the closing one (``“It's unusual,“ said X``): typed or converted text
    mixes them. Only where a closing mark stands: after a word or punctuation, before
    a space or the end."""
    if first not in ('"', "“") or ch not in ('"', "“", "”"):
        return False
    after = body[i + 1] if i + 1 < len(body) else " "
    return not body[i - 1].isspace() and (after.isspace() or after in ".,;:!?)—")


def _is_single_open(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return not before.isalnum() and after.isalnum()


def _is_single_close(body: str, i: int) -> bool:
    """A closing single mark, not an apostrophe as in "Russia’s" or "couldn’t"."""
    after = body[i + 1] if i + 1 < len(body) else " "
    return not body[i - 1].isspace() and not after.isalnum()


def _marks(
    body: str, opened: int, width: int, close: int | None, end: int, paragraph: int
) -> _Marks:
    start = opened + width
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return _Marks(opened, close, start, end, paragraph)


def _opens_sentence(layout: _Layout, m: _Marks) -> bool:
    before = layout.body[layout.paragraphs[m.paragraph][0] : m.open].rstrip()
    return not before or before[-1] in _SENTENCE_END + ":;" or before[-2:-1] in tuple(_SENTENCE_END)


def _closes_sentence(layout: _Layout, m: _Marks) -> bool:
    if m.close is None or layout.body[m.start : m.close].rstrip(" '")[-1:] in tuple(_SENTENCE_END):
        return True
    after = layout.body[m.stop : layout.paragraphs[m.paragraph][1]].lstrip()
    return not after or after[0] in _SENTENCE_END + ";"
