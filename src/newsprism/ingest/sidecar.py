"""The outlets file: what the user knows about the articles in a folder, kept beside them.

A file named ``outlets.csv`` in the folder of an input file maps file names to the
outlet that published them, and optionally the publication date, a leaning and a
country. It is CSV with a header line; ``#`` starts a comment line::

    file,outlet,published,leaning,country
    000_*.txt,Example News,2025-03-08,centre,US
    cnews-*.html,CNewsLive,,,IN
    *.txt,Daily Example

``file`` is a file name or a glob pattern (``*``, ``?``, ``[abc]``) matched against the
input's file name; the first line that matches wins. Only ``file`` and ``outlet`` are
required columns; an empty cell leaves that field as the input gave it. What the file
says wins over what the page or record says (the user wrote it to correct them), but
not over ``--outlet``. A bad line stops the run with the file and line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from ..errors import UnreadableInput
from ..models import Document
from ..settings import Settings
from .dates import iso_date

__all__ = ["OUTLETS_FILE", "OutletRow", "apply_outlets_file", "read_outlets_file"]

OUTLETS_FILE = "outlets.csv"
_COLUMNS = ("file", "outlet", "published", "leaning", "country")


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One line of an outlets file."""

    pattern: str
    outlet: str | None = None
    published: str | None = None
    leaning: str | None = None
    country: str | None = None


def read_outlets_file(path: Path) -> tuple[OutletRow, ...]:
    """The lines of the outlets file at ``path``, in order.

    Raises:
        UnreadableInput: the file cannot be read, lacks the ``file`` or ``outlet``
            column, names an unknown column, or has a line with no pattern, too many
            cells or a publication date that is no date (the error names the line).
    """
    try:
        stat = path.stat()
    except OSError as err:
        raise UnreadableInput(str(path), f"cannot read the outlets file ({err})") from err
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read_cached(path: str, mtime: int, size: int) -> tuple[OutletRow, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UnreadableInput(path, f"cannot read the outlets file ({err})") from err
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if not line.lstrip().startswith("#")
    ]
    lines = [(n, line) for n, line in lines if line.strip()]
    if not lines:
        return ()
    header_line, header_text = lines[0]
    header = [h.strip().lower() for h in next(csv.reader([header_text]))]
    unknown = [h for h in header if h not in _COLUMNS]
    if unknown or "file" not in header or "outlet" not in header:
        raise UnreadableInput(
            path,
            f"line {header_line}: the header must name the columns file and outlet "
            f"(and may add published, leaning, country); found {', '.join(header)}",
        )
    rows = []
    for number, line in lines[1:]:
        cells = next(csv.reader(io.StringIO(line)), [])
        if len(cells) > len(header):
            raise UnreadableInput(
                path, f"line {number}: {len(cells)} cells, but the header names {len(header)}"
            )
        values = {h: (c.strip() or None) for h, c in zip(header, cells, strict=False)}
        if not values.get("file"):
            raise UnreadableInput(path, f"line {number}: no file name or pattern")
        published = values.get("published")
        if published is not None:
            iso = iso_date(published)
            if iso is None:
                raise UnreadableInput(path, f"line {number}: {published!r} is not a date")
            published = iso
        rows.append(
            OutletRow(
                pattern=values["file"] or "",
                outlet=values.get("outlet"),
                published=published,
                leaning=values.get("leaning"),
                country=values.get("country"),
            )
        )
    return tuple(rows)


def apply_outlets_file(document: Document, *, source: str, settings: Settings) -> Document:
    """``document`` with what the outlets file beside ``source`` says about it.

    Returns ``document`` unchanged when ``source`` is no local file (``-``, a URL), no
    outlets file is there, or no line matches its file name.

    Raises:
        UnreadableInput: the outlets file is malformed (see :func:`read_outlets_file`).
    """
    if source == "-" or "://" in source:
        return document
    path = Path(source)
    sidecar = path.parent / OUTLETS_FILE
    if path.name == OUTLETS_FILE or not sidecar.is_file():
        return document
    row = next((r for r in read_outlets_file(sidecar) if fnmatchcase(path.name, r.pattern)), None)
    if row is None:
        return document
    return replace(
        document,
        outlet=settings.outlet or row.outlet or document.outlet,
        published=row.published or document.published,
        leaning=row.leaning or document.leaning,
        country=row.country or document.country,
    )
