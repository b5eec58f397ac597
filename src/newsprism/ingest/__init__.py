"""Reading inputs into :class:`~newsprism.models.Document` records.

This package is the only place that reads files. :func:`read_inputs` walks paths
(directories recursively, following symlinks once), reads stdin for ``-``, picks a
reader by file suffix and yields a ``Document`` per input -- or an
:class:`~newsprism.models.InputFailure` naming the input and the reason, so that one
bad file never stops a batch.
"""

from __future__ import annotations

import gzip
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnreadableInput, UnsupportedFormat
from ..models import Document, InputFailure
from ..settings import Settings
from .html import read_html
from .text import read_text

__all__ = ["expand_inputs", "read_document", "read_inputs"]

log = logging.getLogger(__name__)

Reader = Callable[..., Document]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    "": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
}

_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def _suffix(name: str) -> str:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def expand_inputs(paths: Iterable[str]) -> Iterator[str | InputFailure]:
    """Each input named by ``paths``: files as given, directories walked recursively
    in sorted order (hidden files and unknown suffixes skipped), ``-`` for stdin.

    A path that does not exist yields an :class:`InputFailure`. Symlinked directories
    are followed once: a loop is not walked twice.
    """
    for path in paths:
        if path == "-" or "://" in path:
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield path
        else:
            yield InputFailure(path, f"{path}: no such file or directory")


def _walk(root: Path) -> Iterator[str | InputFailure]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError as err:
            yield InputFailure(dirpath, f"{dirpath}: cannot read directory ({err.strerror})")
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in _SKIP_NAMES:
                continue
            if _suffix(name) not in _READERS or _suffix(name) == "":
                log.debug("skipping %s: unknown suffix", name)
                continue
            yield os.path.join(dirpath, name)


def _read_bytes(source: str, *, settings: Settings) -> bytes:
    limit = settings.max_document_bytes
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as fh:
                data = fh.read(limit + 1)
    except OSError as err:
        raise UnreadableInput(source, f"cannot read ({err.strerror or err})") from err
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source=source, limit=limit)
    if len(data) > limit:
        raise UnreadableInput(source, f"larger than the {limit:,}-byte limit (max_document_bytes)")
    return data


def _gunzip(data: bytes, *, source: str, limit: int) -> bytes:
    import io

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(limit + 1)
    except (OSError, EOFError) as err:
        raise UnreadableInput(source, f"broken gzip data ({err})") from err
    return out


def read_document(source: str, *, settings: Settings) -> Document:
    """Read one input (a file path or ``-``) into a :class:`Document`.

    Raises:
        InputError: the input is missing, unreadable, binary or of an unknown format.
    """
    if "://" in source:
        raise UnsupportedFormat(source, "URLs are not supported yet")
    suffix = ".txt" if source == "-" else _suffix(source)
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(source, f"unsupported file type {suffix!r}")
    data = _read_bytes(source, settings=settings)
    if not data.strip():
        raise UnreadableInput(source, "empty input")
    return reader(data, source=source, settings=settings)


def read_inputs(paths: Iterable[str], *, settings: Settings) -> Iterator[Document | InputFailure]:
    """Read every input named by ``paths``, yielding a Document or an InputFailure each."""
    for item in expand_inputs(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            yield read_document(item, settings=settings)
        except InputError as err:
            yield InputFailure(item, str(err))
