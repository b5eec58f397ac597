"""Story clustering of BASIL as a new user meets it: a folder of plain-text articles,
no dates, through ``newsprism cluster``.

    .venv/bin/python benchmarks/stories_undated.py [--basil FOLDER]

Each BASIL article is written as ``<name>.txt`` (title, blank line, paragraphs) into a
temporary folder, which ``python -m newsprism cluster --json`` reads (the default
settings: the learned story similarity, with embeddings when the ``semantic`` extra is
installed). Its stories are scored against the gold events (the BASIL triplets) with
BCubed precision/recall/F1 and pairwise F1, beside the peer measured on the same texts
in the same run: TF-IDF (scikit-learn defaults, English stop words) with average
linkage at the threshold :mod:`stories` picks on NeuS train (0.3).

Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data_stories import BASIL
from stories import baseline_labels, bcubed, pairwise

ROOT = Path(__file__).resolve().parents[1]
# The baseline's threshold: the best of stories.GRID on 900 NeuS train stories
# (benchmarks/stories.py prints it).
BASELINE_THRESHOLD = 0.3


def write_texts(folder: Path, out: Path) -> dict[str, str]:
    """BASIL's articles as ``.txt`` files in ``out``; returns file name -> gold event."""
    gold = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in data["body-paragraphs"]]
        text = data["title"].strip() + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (out / f"{path.stem}.txt").write_text(text, encoding="utf-8")
        gold[f"{path.stem}.txt"] = path.stem.rsplit("_", 1)[0]
    return gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=BASIL, help="BASIL articles folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        gold_of = write_texts(args.basil, Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        t0 = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "newsprism", "cluster", "--json", tmp],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        seconds = time.perf_counter() - t0
        names = sorted(gold_of)
        texts = [(Path(tmp) / n).read_text(encoding="utf-8") for n in names]
    story = {}
    for line in run.stdout.splitlines():
        row = json.loads(line)
        story[Path(row["source"]).name] = row["story"]
    gold = [gold_of[n] for n in names]
    print(f"BASIL as .txt files, undated: {len(names)} articles, {len(set(gold))} events\n")
    print("| method | B3 P | B3 R | B3 F1 | pair F1 | stories | seconds |")
    print("|---|---|---|---|---|---|---|")
    t1 = time.perf_counter()
    base = baseline_labels(texts, BASELINE_THRESHOLD)
    base_seconds = time.perf_counter() - t1
    rows = (
        ("newsprism cluster", [story[n] for n in names], seconds),
        ("baseline", base, base_seconds),
    )
    for method, pred, secs in rows:
        p, r, f = bcubed(pred, gold)
        print(
            f"| {method} | {p:.3f} | {r:.3f} | **{f:.3f}** | {pairwise(pred, gold)[2]:.3f} "
            f"| {len(set(pred))} | {secs:.1f} |"
        )


if __name__ == "__main__":
    main()
