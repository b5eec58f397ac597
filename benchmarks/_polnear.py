"""Reading PolNeAR (``../shared/data/polnear``) for the quote benchmarks.

PolNeAR (Newell, Margolin and Ruths, 2018) annotates attributions in brat standoff:
``T`` lines are ``Source``, ``Cue``, ``Content`` (and ``Attribution``) spans with
character offsets into the article's ``.txt`` (``a b;c d`` when discontinuous); ``E``
lines link one attribution's spans. Some articles have several annotators.

Gold choice: one annotator per article, the first in sorted order of the annotator
codes that exist for that article. Taking the union of several annotators would count
the same attribution several times (greedy one-to-one matching then punishes any
system for not predicting it twice); picking by count would bias towards the most (or
least) generous annotator. Most articles have one annotator anyway (82 of 84 in dev).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear"

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: its content pieces, its source pieces (maybe none), its cue."""

    content: Pieces
    source: Pieces
    cue: Pieces

    @property
    def start(self) -> int:
        return min(a for a, _ in self.content)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _pieces(offsets: str) -> Pieces:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file that have a content span."""
    spans: dict[str, Pieces] = {}
    events = []
    for line in text.splitlines():
        if re.match(r"T\d+\t", line):
            tid, head, _ = ([*line.split("\t"), "", ""])[:3]
            _, _, offsets = head.partition(" ")
            spans[tid] = _pieces(offsets)
        elif re.match(r"E\d+\t", line):
            _, args = line.split("\t", 1)
            events.append(dict(arg.split(":", 1) for arg in args.split()))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if not content:
            continue
        source = spans.get(event.get("Source", ""), ())
        cue = spans.get(event.get("Cue", ""), ())
        out.append(GoldAttribution(content, source, cue))
    return tuple(sorted(out, key=lambda a: a.start))


def articles(split: str = "dev", *, limit: int | None = None) -> Iterator[GoldArticle]:
    """The articles of ``split`` with their gold attributions (one annotator each)."""
    folder = DATA / split
    if not folder.is_dir():
        raise SystemExit(f"PolNeAR is missing: {folder}")
    texts = sorted((folder / "text").glob("*.txt"))
    for n, path in enumerate(texts):
        if limit is not None and n >= limit:
            return
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        ann = anns[0]
        annotator = ann.stem.rsplit("_", 1)[-1]
        yield GoldArticle(
            path.stem,
            annotator,
            path.read_text(encoding="utf-8"),
            parse_ann(ann.read_text(encoding="utf-8")),
        )


def texts(split: str = "dev") -> list[Path]:
    """Every text file of ``split``."""
    return sorted((DATA / split / "text").glob("*.txt"))
