"""Readers for the story-clustering data sets in ``../shared/data`` (BASIL, NeuS).

Shared by the benchmarks (``stories.py``, ``scale.py``); nothing here is copied into
the repository. Each reader returns :class:`GoldArticle` records: a newsprism
:class:`~newsprism.models.Document` and the id of the gold event it reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsprism.ingest.ids import content_id
from newsprism.models import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BASIL = DATA / "basil" / "articles"
NEUS = DATA / "neus"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article and the gold event (story) it belongs to."""

    document: Document
    event: str


def _document(source: str, title: str, body: str, **meta: str | None) -> Document:
    text = f"{title.strip()}\n\n{body.strip()}\n"
    return Document(id=content_id(text), source=source, text=text, title=title.strip(), **meta)


def load_basil(folder: Path = BASIL) -> list[GoldArticle]:
    """BASIL: 3 outlets per event; the event is the triplet id in the file name
    (``<year>_<triplet>_<n>.json``); full text from ``body-paragraphs``."""
    out = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in data["body-paragraphs"]]
        doc = _document(
            str(path),
            data["title"],
            "\n\n".join(paragraphs),
            outlet=data.get("source"),
            published=data.get("date"),
        )
        out.append(GoldArticle(doc, path.stem.rsplit("_", 1)[0]))
    return out


def _neus_item(item: str) -> tuple[str, str]:
    item = item.strip()
    title, _, body = item.partition("ARTICLE=>")
    title = title.replace("TITLE=>", "", 1).strip()
    return title, body.strip()


def load_neus(split: str = "val", folder: Path = NEUS) -> list[GoldArticle]:
    """NeuS: one story per line, three outlets' items separated by ``[SEP]``, each
    ``TITLE=> ... ARTICLE=> ...``. The event is the line number. No dates."""
    out = []
    path = folder / f"{split}.source"
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        for k, item in enumerate(line.split("[SEP]")):
            title, body = _neus_item(item)
            if not title and not body:
                continue
            doc = _document(f"{path}:{n}:{k}", title, body, outlet=None)
            out.append(GoldArticle(doc, f"{split}-{n}"))
    return out
