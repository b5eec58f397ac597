"""Cleaning benchmark (issue 3): article-body extraction scored with the Zyte metric.

Scores, on the 61 development pages of the Zyte article-extraction benchmark
(``../shared/data/zyte-dev``):

(a) from HTML: newsprism's HTML path (``read_document`` then ``clean``) beside
    trafilatura's own ``extract(html, include_comments=False)``, as the upstream
    benchmark runs it;
(b) from plain text (``html-text.json``, the whole page as text): newsprism's
    plain-text cleaning beside the uncleaned text.

The metric is the upstream ``evaluate.py``'s, re-implemented here: tokens are ``\\w+``
matches (case kept), shingles are runs of 4 tokens counted as a multiset; per page
TP/FP/FN are the multiset intersection and differences; precision and recall are
averaged over the pages where they are defined, and F1 is the harmonic mean of the two
averages.

Run: ``.venv/bin/python benchmarks/cleaning.py [--show-worst N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newsprism import Document, Settings
from newsprism.ingest import read_document
from newsprism.pipeline.clean import clean

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "zyte-dev"

_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (a shorter text is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def match(true: str, pred: str) -> Counts:
    """TP, FP, FN over shingles, normalised to sum to 1 (as upstream)."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(counts: list[Counts]) -> dict[str, float]:
    """Mean precision, mean recall and the F1 of the two means."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def _newsprism_html(path: Path) -> str:
    try:
        document = read_document(str(path), settings=Settings())
    except Exception as err:  # a page newsprism cannot read scores as empty
        print(f"  {path.name}: {err}", file=sys.stderr)
        return ""
    return clean(document).body


def _trafilatura_html(path: Path) -> str:
    import trafilatura

    html = gzip.decompress(path.read_bytes()).decode("utf-8")
    return trafilatura.extract(html, include_comments=False) or ""


def _newsprism_text(text: str) -> str:
    return clean(Document(id="t", source="page.txt", text=text, format="text")).body


def _run(
    name: str, items: dict[str, str], system: Callable[[str], str], truth: dict[str, str]
) -> tuple[dict[str, float], dict[str, Counts]]:
    started = time.perf_counter()
    per_page = {key: match(truth[key], system(value)) for key, value in items.items()}
    result = score(list(per_page.values()))
    result["seconds"] = time.perf_counter() - started
    return result, per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--only", choices=["html", "text"], help="run one half only")
    args = parser.parse_args(argv)
    truth = {
        k: v.get("articleBody", "")
        for k, v in json.loads((DATA / "ground-truth.json").read_text("utf-8")).items()
    }
    pages = {p.name.split(".")[0]: str(p) for p in sorted((DATA / "html").glob("*.html.gz"))}
    texts = {
        k: v.get("articleBody", "")
        for k, v in json.loads((DATA / "html-text.json").read_text("utf-8")).items()
    }
    runs: list[tuple[str, dict[str, str], Callable[[str], str]]] = []
    if args.only in (None, "html"):
        runs += [
            ("html: newsprism", pages, lambda p: _newsprism_html(Path(p))),
            ("html: trafilatura.extract", pages, lambda p: _trafilatura_html(Path(p))),
        ]
    if args.only in (None, "text"):
        runs += [
            ("text: newsprism clean", texts, _newsprism_text),
            ("text: uncleaned", texts, lambda t: t),
        ]
    print(f"Zyte metric on {len(truth)} zyte-dev pages (4-word shingles, F1 of mean P and R)")
    print(f"{'system':<28} {'F1':>6} {'prec':>6} {'recall':>6} {'sec':>6}")
    for name, items, system in runs:
        result, per_page = _run(name, items, system, truth)
        print(
            f"{name:<28} {result['f1']:6.3f} {result['precision']:6.3f} "
            f"{result['recall']:6.3f} {result['seconds']:6.1f}"
        )
        if args.show_worst:
            worst = sorted(per_page.items(), key=lambda kv: _precision(*kv[1]) + _recall(*kv[1]))[
                : args.show_worst
            ]
            for key, c in worst:
                print(f"    {key[:12]} P={_precision(*c):.2f} R={_recall(*c):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
