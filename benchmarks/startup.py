"""Start-up of everyday commands, as whole processes (issue 18, item 7).

Times ``newsprism cluster --json FILE`` on one seed article and ``newsprism brief -f
json`` on a store holding the five seeds (ingested once into a scratch folder, then
reused), each the best of ``--repeat`` runs, against the floor measured in the same
run: ``python -c "import newsprism.cli"`` (the interpreter and the CLI's own imports).
A second tree (``--peer SRC``, e.g. /work/main/src) gives the same commands on another
checkout for comparison.

    PYTHONPATH=src python benchmarks/startup.py --scratch /tmp/startup [--peer ../main/src]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def _timed(args: list[str], *, src: Path, db: Path, repeat: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(src), "NEWSPRISM_DB": str(db)}
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, required=True, help="folder for the store")
    parser.add_argument("--peer", type=Path, help="another checkout's src folder")
    parser.add_argument("--repeat", type=int, default=2)
    opts = parser.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"skipped: the seeds are missing ({SEEDS})")
    opts.scratch.mkdir(parents=True, exist_ok=True)
    db = opts.scratch / "seeds.db"
    cli = [sys.executable, "-m", "newsprism"]
    one = str(sorted(SEEDS.glob("*.txt"))[0])
    trees = [("this tree", ROOT / "src")] + ([("peer", opts.peer)] if opts.peer else [])
    for name, src in trees:
        store = db.with_name(f"{name.replace(' ', '_')}.db")
        if not store.exists():  # the warm store: analysed once, reused by later runs
            subprocess.run(
                [*cli, "ingest", "-q", str(SEEDS)],
                check=True,
                env={**os.environ, "PYTHONPATH": str(src), "NEWSPRISM_DB": str(store)},
            )
        floor = _timed(
            [sys.executable, "-c", "import newsprism.cli"], src=src, db=store, repeat=opts.repeat
        )
        cluster = _timed([*cli, "cluster", "--json", one], src=src, db=store, repeat=opts.repeat)
        brief = _timed([*cli, "brief", "-f", "json"], src=src, db=store, repeat=opts.repeat)
        print(
            f"{name}: floor {floor:.2f} s; cluster of one file {cluster:.2f} s "
            f"({cluster / floor:.1f}x floor); brief of the stored 5-article story "
            f"{brief:.2f} s ({brief / floor:.1f}x floor)"
        )


if __name__ == "__main__":
    main()
