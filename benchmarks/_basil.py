"""BASIL triplets as newsprism documents, for benchmarks/framing.py and facts.py.

Each article's text is its headline, then its body strings: strings of one paragraph
joined by a space, paragraphs by a blank line. ``offsets[k]`` is where flat string
``k`` (the ``p<k>`` of the annotations) starts in that text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.ingest.ids import content_id
from newsprism.models import Document

BASIL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "basil"


@dataclass(frozen=True)
class BasilArticle:
    name: str
    triplet: str
    source: str
    main_entities: tuple[str, ...]
    text: str
    offsets: tuple[int, ...]
    strings: tuple[str, ...]
    annotations: tuple[dict[str, Any], ...]

    def document(self, text: str | None = None) -> Document:
        body = self.text if text is None else text
        return Document(
            id=content_id(body), source=f"{self.name}.txt", text=body, outlet=self.source
        )


def load_basil() -> dict[str, list[BasilArticle]]:
    """Triplet id -> its three articles (sorted by file name)."""
    if not BASIL.is_dir():
        raise SystemExit(f"BASIL is missing: {BASIL}")
    triplets: dict[str, list[BasilArticle]] = defaultdict(list)
    for path in sorted((BASIL / "articles").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        ann_path = BASIL / "annotations" / f"{path.stem}_ann.json"
        ann = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
        # The headline first, so that cleaning takes it as the title and keeps the body.
        parts: list[str] = [data.get("title") or "Untitled"]
        offsets: list[int] = []
        strings: list[str] = []
        pos = len(parts[0])
        for paragraph in data["body-paragraphs"]:
            parts.append("\n\n")
            pos += 2
            for s, string in enumerate(paragraph):
                if s:
                    parts.append(" ")
                    pos += 1
                offsets.append(pos)
                strings.append(string)
                parts.append(string)
                pos += len(string)
        triplets[data["triplet-uuid"]].append(
            BasilArticle(
                name=path.stem,
                triplet=data["triplet-uuid"],
                source=data.get("source", ""),
                main_entities=tuple(data.get("main-entities") or ()),
                text="".join(parts),
                offsets=tuple(offsets),
                strings=tuple(strings),
                annotations=tuple(ann.get("phrase-level-annotations", ())),
            )
        )
    return dict(triplets)
