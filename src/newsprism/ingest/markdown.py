"""Markdown: the markup blanked out, so that offsets stay those of the original text.

A ``.md`` file's text is its own characters with the Markdown syntax (heading hashes,
emphasis markers, link brackets and targets, images, block-quote and list markers,
code fences, reference definitions) replaced by spaces. The text keeps the length and
the line breaks of the file: every span newsprism reports is an offset into the file as
written, and the words read as prose (``# Title`` is the title ``Title``, ``**bold**``
is ``bold``).
"""

from __future__ import annotations

import re

__all__ = ["blank_markdown", "heading"]

# Each pattern's groups named ``m`` are blanked; the rest of the match is kept.
_LINE_PATTERNS = [
    re.compile(r"^(?P<m>[ \t]{0,3}#{1,6}[ \t]+)"),  # ATX heading opener
    re.compile(r"(?P<m>[ \t]+#+[ \t]*)$"),  # ATX heading closer
    re.compile(r"^(?P<m>[ \t]{0,3}(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*)$"),  # setext line, rule
    re.compile(r"^(?P<m>[ \t]{0,3}(?:```|~~~).*)$"),  # code fence
    re.compile(r"^(?P<m>[ \t]{0,3}\[[^\]\n]+\]:[ \t]+\S.*)$"),  # reference definition
    re.compile(r"^(?P<m>(?:[ \t]{0,3}>[ \t]?)+)"),  # block quote markers
    re.compile(r"^(?P<m>[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)"),  # list item marker
]
_INLINE_PATTERNS = [
    re.compile(r"(?P<m>!\[[^\]\n]*\]\([^)\n]*\))"),  # image: nothing to read
    re.compile(r"(?P<m>\[)[^\]\n]+(?P<m2>\]\([^)\n]*\))"),  # [text](target)
    re.compile(r"(?P<m>\[)[^\]\n]+(?P<m2>\]\[[^\]\n]*\])"),  # [text][ref]
    re.compile(r"(?P<m><)(?:https?://|mailto:)[^>\s]+(?P<m2>>)"),  # <autolink>
    re.compile(r"(?<![\w*])(?P<m>\*\*)(?=\S)[^\n]+?(?<=\S)(?P<m2>\*\*)(?![\w*])"),
    re.compile(r"(?<![\w_])(?P<m>__)(?=\S)[^\n]+?(?<=\S)(?P<m2>__)(?![\w_])"),
    re.compile(r"(?<![\w*])(?P<m>\*)(?=[^\s*])[^\n*]+?(?<=[^\s*])(?P<m2>\*)(?![\w*])"),
    re.compile(r"(?<![\w_])(?P<m>_)(?=[^\s_])[^\n_]+?(?<=[^\s_])(?P<m2>_)(?![\w_])"),
    re.compile(r"(?<!`)(?P<m>`+)(?=[^`\n])[^`\n]+?(?P<m2>`+)(?!`)"),  # inline code
    re.compile(r"(?P<m>~~)(?=\S)[^\n]+?(?<=\S)(?P<m2>~~)"),  # strike-through
]


def blank_markdown(text: str) -> str:
    """``text`` with its Markdown markup replaced by spaces, same length, same lines.

    Args:
        text: the decoded Markdown file.

    Returns:
        A string of ``len(text)`` characters: the prose where it was, spaces where the
        markup was, every line break kept.

    Example:
        >>> blank_markdown("# Talks\\nA **firm** no.")
        '  Talks\\nA   firm   no.'
    """
    chars = list(text)
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for pattern in _LINE_PATTERNS:
            for match in pattern.finditer(body):
                _blank(chars, start, match)
        start += len(line)
    blanked = "".join(chars)
    for pattern in _INLINE_PATTERNS:
        for match in pattern.finditer(blanked):
            _blank(chars, 0, match)
        blanked = "".join(chars)
    return blanked


_HEADING = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+\S|^[^\n]*\S[^\n]*\n[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M
)


def heading(text: str, blanked: str) -> str | None:
    """The first heading of a Markdown ``text`` (ATX ``# ...`` or setext, underlined),
    as prose with its spaces collapsed, from ``blanked`` (:func:`blank_markdown`'s
    text); None when the text has no heading before its first paragraph of prose."""
    for line, plain in zip(text.splitlines(), blanked.splitlines(), strict=True):
        if not plain.strip():
            continue
        start = text.find(line)
        if _HEADING.match(text, start):
            return " ".join(plain.split())
        return None
    return None


def _blank(chars: list[str], offset: int, match: re.Match[str]) -> None:
    for name in ("m", "m2"):
        if name in match.re.groupindex and match.start(name) >= 0:
            for i in range(offset + match.start(name), offset + match.end(name)):
                if chars[i] not in "\r\n":
                    chars[i] = " "
