"""Web load: story page latency with 10,000 articles in the store.

Builds a temporary store of real texts from ``../shared/data`` -- PolNeAR articles
(full length, outlet and date from the file name) and NeuS items (title and lead) --
with synthetic per-article analyses made without NLP, so the store can be built in
a minute: the article is the whole text; direct quotes are the stretches between
quotation marks; mentions are runs of capitalised words; claims are sentences. The
analyses are stored under the current pipeline version, exactly as ``ingest`` stores
real ones, so the app reads them as it would read real ones.

Then it starts the web app (``newsprism.web.create_app``) with uvicorn on 127.0.0.1,
waits for its first snapshot (reported as the cold start), and requests, one at a time
from one client:

- story pages, first view: the 20 largest stories and 80 others picked at random
  (the first view builds the story's briefing record);
- story pages, repeat views: the same 100 pages, 3 more rounds;
- the baseline, in the same run: ``/static/app.css``, a fixed response that touches
  neither the store nor templates, as often as the story pages.

It prints p50, p95 and max per kind and the ratio of story-page p95 to baseline p95.
The goal is a story-page p95 under 100 ms.

    .venv/bin/python benchmarks/web_load.py [--articles 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from newsprism.engines import pipeline_version
from newsprism.models import Analysis, Article, Claim, Document, Mention, Quote, Segment
from newsprism.settings import load_settings
from newsprism.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FIRST_VIEWS = 100
LARGEST = 20
REPEATS = 3

_QUOTE = re.compile(r"[“\"]([^”\"\n]{12,400})[”\"]")
_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_WORD = re.compile(r"[a-z]{4,}")


def _texts() -> list[tuple[str, str, str, str]]:
    """(outlet, published, title, text) of every usable text, PolNeAR first."""
    out = []
    for split in ("train", "dev"):
        for path in sorted((DATA / "polnear" / split / "text").glob("*.txt")):
            outlet, day, *_ = path.stem.split("_")
            text = path.read_text(encoding="utf-8")
            out.append((outlet, day, text.split("\n", 1)[0][:200], text))
    outlets = ("left", "center", "right")
    for split in ("train", "val"):
        for n, line in enumerate((DATA / "neus" / f"{split}.source").read_text().splitlines()):
            day = (date(2019, 1, 1) + timedelta(days=n % 700)).isoformat()
            for k, item in enumerate(line.split("[SEP]")):
                title, _, body = item.partition("ARTICLE=>")
                title = title.replace("TITLE=>", "").strip()
                out.append((outlets[k % 3], day, title, f"{title}\n\n{body.strip()}\n"))
    return out


def _analysis(doc: Document) -> Analysis:
    text = doc.text
    title = doc.title or text.split("\n", 1)[0]
    article = Article(
        document=doc,
        title=title,
        body=text,
        segments=(Segment(0, 0, len(text)),),
        outlet=doc.outlet,
    )
    quotes = tuple(
        Quote(m.start(1), m.end(1), m.group(1), "direct", confidence=0.5)
        for m in _QUOTE.finditer(text)
    )
    mentions = tuple(
        Mention(m.start(), m.end(), m.group(), "PERSON" if " " in m.group() else "ORG")
        for m in _NAME.finditer(text)
        if m.start() > 0 and text[m.start() - 1] not in ".\n"
    )[:60]
    claims = tuple(
        Claim(
            m.start(),
            m.end(),
            m.group(),
            terms=tuple(sorted(set(_WORD.findall(m.group().lower()))))[:12],
        )
        for m in _SENTENCE.finditer(text)
        if len(m.group()) > 40
    )[:30]
    return Analysis(article=article, mentions=mentions, quotes=quotes, claims=claims)


def build_store(path: Path, *, articles: int, seed: int) -> None:
    texts = _texts()
    rng = random.Random(seed)
    documents = []
    for n in range(articles):
        outlet, day, title, text = texts[n % len(texts)]
        if n >= len(texts):  # a re-publication: same story, another outlet, a day later
            text = f"{text}\n(Republished, edition {n // len(texts)}.)\n"
            outlet = f"{outlet}-{n // len(texts)}"
            day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        documents.append(
            Document(doc_id, f"bench/{n}.txt", text, title=title, outlet=outlet, published=day)
        )
    rng.shuffle(documents)
    pipeline = pipeline_version(load_settings(environ={}).spacy_model)
    with open_store(path) as store:
        store.add_documents(documents)
        store.put_analyses((_analysis(d) for d in documents), pipeline=pipeline)


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - start


def _summary(name: str, seconds: list[float]) -> float:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    print(
        f"{name:<28} n={len(ms):>4}  p50 {statistics.median(ms):7.1f} ms  "
        f"p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms"
    )
    return p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    import json

    import uvicorn

    from newsprism.web import create_app

    with tempfile.TemporaryDirectory(prefix="newsprism-web-load-") as tmp:
        db = Path(tmp) / "load.db"
        t0 = time.perf_counter()
        build_store(db, articles=args.articles, seed=args.seed)
        took = time.perf_counter() - t0
        print(f"store: {args.articles} articles with synthetic analyses ({took:.0f}s)")

        app = create_app(load_settings(environ={}, db=str(db)), analyse_pending=False)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + "/api/stories", timeout=600) as response:
            stories = json.load(response)["stories"]
        cold = time.perf_counter() - t0
        sizes = sorted(stories, key=lambda s: -s["articles"])
        print(
            f"cold start (entities, {len(stories)} stories over {args.articles} articles): "
            f"{cold:.1f}s; largest story {sizes[0]['articles']} articles"
        )
        rng = random.Random(args.seed)
        rest = sizes[LARGEST:]
        picked = sizes[:LARGEST] + rng.sample(rest, min(FIRST_VIEWS - LARGEST, len(rest)))
        urls = [f"{base}/stories/{s['id']}" for s in picked]
        first = [_get(u) for u in urls]
        repeat = [_get(u) for _ in range(REPEATS) for u in urls]
        baseline = [_get(base + "/static/app.css") for _ in range(len(first) + len(repeat))]
        print()
        p95_first = _summary("story page, first view", first)
        p95_repeat = _summary("story page, repeat view", repeat)
        p95_all = _summary("story page, all views", first + repeat)
        p95_base = _summary("baseline /static/app.css", baseline)
        print(
            f"\nstory page p95 / baseline p95: {p95_all / p95_base:.1f}x "
            f"(first view {p95_first / p95_base:.1f}x, repeat {p95_repeat / p95_base:.1f}x); "
            f"goal p95 < 100 ms: {'met' if p95_all < 100 else 'NOT met'}"
        )
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
