"""Fit the plain-text line model (``data/cleaning_weights.tsv``) and report its
cross-validated score.

Each line of each zyte-dev ``html-text.json`` page is labelled as article or not by
the ground truth (a line of four tokens or more is article when most of its 4-token
shingles are in the true body; a shorter line when it is a line of the true body).
A logistic regression over :data:`newsprism.pipeline.clean_lines.FEATURES` is fitted
with pages held out: each page is cleaned by a model fitted on the other pages only
(leave one page out, or ``--folds N`` folds of whole pages), and the Zyte metric (as
in ``benchmarks/cleaning.py``) is computed over all pages cleaned that way. The
regularisation is chosen inside each fold: by an inner 5-fold cross-validation over
whole pages of that fold's training pages only (the Zyte metric of the inner held-out
pages, over :data:`GRID`), so the held-out page plays no part in any choice. That
cross-validated figure is the honest one; the in-sample one is printed beside it. The
shipped weights use the regularisation that the same inner cross-validation picks over
all pages.

Run: ``.venv/bin/python benchmarks/cleaning_train.py [--folds N] [--write]``
(``--write`` stores the weights fitted on all pages in the data file).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning import DATA, match, score, shingles
from newsprism.pipeline.clean_lines import FEATURES, Line, normal, split_lines
from newsprism.pipeline.clean_text import decide, find_title, text_lines

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "src" / "newsprism" / "data" / "cleaning_weights.tsv"
# Inverse regularisation strengths tried inside each fold (see the module docstring).
GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
INNER_FOLDS = 5


@dataclass
class Page:
    key: str
    lines: list[Line]
    title: Line | None
    removed: dict[int, str]
    region: tuple[int, int]
    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    truth: str


def _label(line: Line, truth_grams: set[tuple[str, ...]], truth_lines: set[str]) -> bool:
    grams = shingles(line.text)
    tokens = len(normal(line.text).split())
    if tokens < 4:
        return normal(line.text) in truth_lines
    inside = sum(1 for g in grams if g in truth_grams)
    return inside >= 0.5 * len(grams)


def load_pages() -> list[Page]:
    truth = {
        k: v.get("articleBody", "")
        for k, v in json.loads((DATA / "ground-truth.json").read_text("utf-8")).items()
    }
    texts = {
        k: v.get("articleBody", "")
        for k, v in json.loads((DATA / "html-text.json").read_text("utf-8")).items()
    }
    pages = []
    for key in sorted(texts):
        lines = split_lines(texts[key])
        title = find_title(lines)
        analysed = text_lines(lines, title)
        truth_grams = set(shingles(truth[key]))
        truth_lines = {normal(t) for t in truth[key].splitlines() if t.strip()}
        labels = np.array([_label(line, truth_grams, truth_lines) for line in lines])
        sizes = np.array([max(len(line.text.split()), 1) for line in lines], dtype=float)
        pages.append(
            Page(
                key,
                lines,
                title,
                analysed.removed,
                analysed.region,
                np.array(analysed.features),
                labels,
                sizes / sizes.sum() if len(sizes) else sizes,
                truth[key],
            )
        )
    return pages


def fit(pages: list[Page], c: float) -> np.ndarray:
    """Weights in FEATURES order (bias first) for the raw features, at inverse
    regularisation strength ``c``."""
    x = np.vstack([p.features for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([p.weights for p in pages])
    mean, std = x[:, 1:].mean(axis=0), x[:, 1:].std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x[:, 1:] - mean) / std, y, sample_weight=w * len(pages))
    coef = model.coef_[0] / std
    bias = model.intercept_[0] - float(coef @ mean)
    return np.concatenate([[bias], coef])


def body(page: Page, weights: np.ndarray) -> str:
    probs = 1 / (1 + np.exp(-(page.features @ weights)))
    removed = decide(page.lines, page.title, page.removed, page.region, list(probs))
    return "\n\n".join(
        line.text
        for i, line in enumerate(page.lines)
        if line is not page.title and i not in removed
    )


def evaluate(pages: list[Page], weights_of: dict[str, np.ndarray]) -> dict[str, float]:
    return score([match(p.truth, body(p, weights_of[p.key])) for p in pages])


def held_out_weights(pages: list[Page], folds: int, c: float | None) -> dict[str, np.ndarray]:
    """Each page's weights from a model fitted on the pages of the other folds (at
    ``c``, or at the one :func:`choose_c` picks from those pages alone)."""
    groups = [p.key for p in pages]
    out: dict[str, np.ndarray] = {}
    for train, test in GroupKFold(n_splits=folds).split(pages, groups=groups):
        rest = [pages[i] for i in train]
        weights = fit(rest, c if c is not None else choose_c(rest))
        for i in test:
            out[pages[i].key] = weights
    return out


def choose_c(pages: list[Page]) -> float:
    """The :data:`GRID` value with the best :data:`INNER_FOLDS`-fold cross-validated
    Zyte F1 over ``pages`` (ties: the stronger regularisation)."""
    f1 = {c: evaluate(pages, held_out_weights(pages, INNER_FOLDS, c))["f1"] for c in GRID}
    return max(GRID, key=lambda c: (round(f1[c], 4), -c))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=0, help="0: leave one page out")
    parser.add_argument("--write", action="store_true", help="store the weights")
    args = parser.parse_args(argv)
    pages = load_pages()
    cv = evaluate(pages, held_out_weights(pages, args.folds or len(pages), None))
    c = choose_c(pages)
    final = fit(pages, c)
    in_sample = evaluate(pages, {p.key: final for p in pages})
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages)} lines, shipped C={c}")
    for name, result in (("cross-validated", cv), ("in-sample", in_sample)):
        print(
            f"{name:<16} F1 {result['f1']:.3f}  P {result['precision']:.3f}"
            f"  R {result['recall']:.3f}"
        )
    if args.write:
        header = WEIGHTS.read_text("utf-8").split("\n")
        comments = [line for line in header if line.startswith("#")]
        rows = [f"{name}\t{value:.6f}" for name, value in zip(FEATURES, final, strict=True)]
        WEIGHTS.write_text("\n".join([*comments, *rows]) + "\n", "utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
