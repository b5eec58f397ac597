"""HTML pages: the page's visible text, and which stretches of it are the article.

``Document.text`` is the whole page as a reader sees it: the text of every element
except scripts, styles and the like, one line per block element (paragraph, heading,
list item, table cell, ``<br>``), whitespace inside a line collapsed. Offsets point into
that text. trafilatura then finds the page's main content and metadata; its text is
aligned back onto the lines of the visible text (:func:`align_main_content`) and the
lines found are ``Document.main_content``. The clean stage keeps those lines and reports
every other line as a removal ("not main content"), so nothing is hidden.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import UnreadableInput
from ..models import Document
from ..settings import Settings
from .decode import decode_markup
from .ids import content_id
from .language import guess_language

__all__ = ["align_main_content", "document_from_html", "html_to_text", "read_html"]

log = logging.getLogger(__name__)

# Elements whose text a reader never sees, and elements that start a new line.
_SKIP_TAGS = (
    "script style noscript template head svg math iframe object embed canvas select "
    "option datalist audio video map"
)
_BLOCK_TAGS = (
    "address article aside blockquote body br caption center dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
_SKIP = frozenset(_SKIP_TAGS.split())
_BLOCK = frozenset(_BLOCK_TAGS.split())
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Aligning trafilatura's text back onto the page's lines (align_main_content), in
# characters without whitespace. A line found at most MAX_GAP_CHARS after the previous
# match continues it (the extractor drops the odd inline widget); a line found further
# on must have MIN_JUMP_CHARS, so that "Share" is not matched inside "Shareholders"
# somewhere below; a long line that differs slightly (an inline link dropped) is taken
# at a fuzzy partial ratio of MIN_FUZZY_RATIO (0-100). Set on zyte-dev, where exact
# matches cover all but a few lines of trafilatura's output.
MAX_GAP_CHARS = 3
MIN_JUMP_CHARS = 30
MIN_FUZZY_RATIO = 90
# A line found after a gap is dropped when one of the next LOOKAHEAD_LINES lines is
# found before it (it matched out of order).
LOOKAHEAD_LINES = 20


def _parse(html: str) -> Any:
    import lxml.html
    from lxml import etree

    html = _XML_DECL.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as err:
        log.debug("unparseable HTML: %s", err)
        return None


def html_to_text(html: str) -> str:
    """The visible text of ``html``: one line per block element, blank lines dropped.

    Example:
        >>> html_to_text("<p>One <b>two</b></p><script>x()</script><div>Three</div>")
        'One two\\nThree'
    """
    tree = _parse(html)
    return "" if tree is None else _tree_text(tree)


def _tree_text(tree: Any) -> str:
    from lxml import etree

    # Comments and processing instructions go, their tails stay (iterwalk skips them).
    etree.strip_tags(tree, etree.Comment, etree.ProcessingInstruction)
    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in _SKIP:
                skipping += 1
                continue
            if skipping:
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _SKIP:
                skipping -= 1
            elif skipping:
                continue
            elif tag in _BLOCK:
                parts.append("\n")
            if not skipping and el.tail:
                parts.append(el.tail)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def align_main_content(text: str, main: str) -> tuple[tuple[int, int], ...]:
    """The lines of ``text`` that make up ``main`` (extracted from the same page).

    Both are compared with all whitespace removed, so that paragraphs the extractor
    joined or split differently still match. Lines are taken in order: a line found
    right where the previous match ended continues the main content; a line found
    further on must be long enough (``MIN_JUMP_CHARS``) not to be a chance hit; a long
    line not found verbatim is taken when a fuzzy match of the next stretch of ``main``
    reaches ``MIN_FUZZY_RATIO``. Returns sorted, merged ``(start, end)`` stretches.
    """
    from rapidfuzz import fuzz

    compact = _SPACE.sub("", main)
    matches = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    lines = [_SPACE.sub("", m.group()) for m in matches]
    found: list[tuple[int, int]] = []
    cursor = 0
    for i, (m, line) in enumerate(zip(matches, lines, strict=True)):
        at = compact.find(line, cursor)
        if at >= 0 and (
            at - cursor <= MAX_GAP_CHARS
            or (len(line) >= MIN_JUMP_CHARS and not _found_sooner(lines, i, compact, cursor, at))
        ):
            found.append((m.start(), m.end()))
            cursor = at + len(line)
        elif len(line) >= MIN_JUMP_CHARS:
            window = compact[cursor : cursor + 2 * len(line) + MAX_GAP_CHARS]
            hit = fuzz.partial_ratio_alignment(line, window, score_cutoff=MIN_FUZZY_RATIO)
            if hit is not None:
                found.append((m.start(), m.end()))
                cursor += hit.dest_end
    return _merge(found)


def _found_sooner(lines: list[str], i: int, compact: str, cursor: int, at: int) -> bool:
    """Whether one of the next lines continues the main content before ``at``: then
    line ``i`` matched out of order (a related link repeating a heading further on)."""
    for line in lines[i + 1 : i + 1 + LOOKAHEAD_LINES]:
        if len(line) >= MIN_JUMP_CHARS // 2 and 0 <= compact.find(line, cursor, at) < at:
            return True
    return False


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _site(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _lang_attr(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    code = lang.strip().split("-")[0].split("_")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def document_from_html(
    html: str,
    *,
    source: str,
    settings: Settings,
    url: str | None = None,
    fields: dict[str, str | None] | None = None,
) -> Document:
    """Build a :class:`Document` from decoded HTML (see the module docstring).

    Args:
        html: the page markup.
        source: where it came from, for messages and ``Document.source``.
        settings: ``settings.outlet`` overrides the outlet found in the page.
        url: the page's address when known (a WARC record's, a JSON record's).
        fields: metadata known from elsewhere (a JSON record), winning over the page's.

    Raises:
        UnreadableInput: the page has no visible text, or more than
            ``settings.max_document_chars`` of it.
    """
    import trafilatura  # heavy: imported only when an HTML page is read

    tree = _parse(html)
    text = _tree_text(tree) if tree is not None else ""
    if not text.strip():
        raise UnreadableInput(source, "no text found in the HTML page")
    if len(text) > settings.max_document_chars:  # before trafilatura parses it again
        raise UnreadableInput(
            source,
            f"text of {len(text):,} characters is longer than the "
            f"{settings.max_document_chars:,}-character limit (max_document_chars)",
        )
    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False
        )
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError) as err:
        log.debug("%s: trafilatura failed: %s", source, err)  # odd markup
        extracted = None
    if extracted is None:
        meta: dict[str, Any] = {}
    elif isinstance(extracted, dict):
        meta = extracted
    else:
        meta = extracted.as_dict()
    main_text = meta.get("text") or ""
    main = align_main_content(text, main_text) if main_text.strip() else ()
    known = {k: v for k, v in (fields or {}).items() if v}
    page_url = known.get("url") or url or meta.get("url") or None
    kept = " ".join(text[s:e] for s, e in main) or text
    return Document(
        id=content_id(text),
        source=source,
        text=text,
        format="html",
        title=known.get("title") or meta.get("title") or None,
        outlet=settings.outlet
        or known.get("outlet")
        or meta.get("sitename")
        or _site(page_url)
        or meta.get("hostname")
        or None,
        published=known.get("published") or meta.get("date") or None,
        author=known.get("author") or meta.get("author") or None,
        url=page_url,
        language=guess_language(kept) or (_lang_attr(tree) if tree is not None else None),
        main_content=main,
    )


def read_html(data: bytes, *, source: str, settings: Settings) -> Document:
    """Read an HTML page (bytes) into a :class:`Document`.

    Raises:
        UnreadableInput: the page is not text or has no visible text.
    """
    return document_from_html(decode_markup(data, source=source), source=source, settings=settings)
