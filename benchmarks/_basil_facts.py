"""The basil-facts triplets read as a user would: for benchmarks/facts_basil.py and
benchmarks/facts_train.py.

Each BASIL article is written out as a plain-text file (headline, blank line, body:
no date, no outlet; the outlet is the file name) or, with ``form="json"``, as a JSON
record (``title``, ``text``, ``outlet``), then read with ``newsprism.api.read`` and
analysed with ``newsprism.api.analyse``. The analyses are cached (``--cache``) because
spaCy and the embeddings take a while. A listed fact's mentions become character spans
of the article text (each mention is an exact substring of one BASIL string).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _basil import BASIL, load_basil
from newsprism import api
from newsprism.codec import dumps, loads
from newsprism.models import Analysis
from newsprism.settings import Settings

FACTS = BASIL.parent / "basil-facts"


@dataclass(frozen=True)
class ListedFact:
    id: int
    status: str
    # (outlet, start, end) of each mention in its article's text
    mentions: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Triplet:
    name: str
    analyses: tuple[Analysis, ...]
    outlet_of: dict[str, str]  # article id -> fox / nyt / hpo
    facts: tuple[ListedFact, ...]
    missing: int  # mentions not found in the text


def _write(folder: Path, stem: str, title: str, body: str, source: str, form: str) -> None:
    if form == "json":
        record = {"title": title, "text": body, "outlet": source}
        (folder / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    else:
        (folder / f"{stem}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def load_triplets(
    *, cache: Path | None, semantic: str = "auto", form: str = "text"
) -> list[Triplet]:
    """Every basil-facts triplet, analysed (from ``cache`` when there)."""
    if not FACTS.is_dir():
        raise SystemExit(f"basil-facts is missing: {FACTS}")
    basil = load_basil()
    settings = Settings(db=":memory:", semantic_similarity=semantic)
    out = []
    for path in sorted(FACTS.glob("*.json")):
        listed = json.loads(path.read_text(encoding="utf-8"))
        name = listed["triplet"]
        uuid = name.split("_", 1)[1]
        articles = basil[uuid]
        cached = cache / f"{name}.{semantic}.{form}.json" if cache else None
        if cached and cached.exists():
            analyses = tuple(loads(cached.read_text(encoding="utf-8")))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                for a in articles:
                    title, _, body = a.text.partition("\n\n")
                    _write(folder, a.name, title, body, a.source, form)
                documents, failures = api.read([str(folder)], settings=settings)
                if failures:
                    raise SystemExit(f"{name}: {failures}")
                corpus = api.analyse(documents, settings=settings)
            analyses = tuple(corpus.analyses)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(dumps(list(analyses)), encoding="utf-8")
        by_stem = {Path(a.article.document.source).stem: a for a in analyses}
        facts = []
        missing = 0
        for fact in listed["facts"]:
            spans = []
            for m in fact["mentions"]:
                analysis = by_stem[m["article"].removesuffix(".json")]
                start = analysis.article.text.find(m["text"])
                if start < 0:
                    missing += 1
                    continue
                spans.append((m["outlet"], start, start + len(m["text"])))
            facts.append(ListedFact(fact["id"], fact["status"], tuple(spans)))
        outlet_of = {
            by_stem[a.name].article.id: _outlet(listed, a.name + ".json") for a in articles
        }
        ordered = tuple(by_stem[a.name] for a in articles)
        out.append(Triplet(name, ordered, outlet_of, tuple(facts), missing))
    return out


def _outlet(listed: dict, article: str) -> str:
    for fact in listed["facts"]:
        for m in fact["mentions"]:
            if m["article"] == article:
                return str(m["outlet"])
    return article


def overlaps(start: int, end: int, s: int, e: int) -> bool:
    """Whether a claim span ``start:end`` holds the mention ``s:e``: they overlap by
    half of the shorter."""
    inter = min(end, e) - max(start, s)
    return inter > 0 and inter >= 0.5 * min(end - start, e - s)
