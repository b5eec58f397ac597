"""Start-up of everyday commands, as whole processes (issue 18, item 7).

Times ``newsprism cluster --json FILE`` on one seed article and ``newsprism brief -f
json`` on a store holding the five seeds (ingested once into a scratch folder, then
reused), each the best of ``--repeat`` runs, against the floor measured in the same
run: ``python -c "import newsprism.cli"`` (the interpreter and the CLI's own imports).
A second tree (``--peer SRC``, e.g. /work/main/src) gives the same commands on another
checkout for comparison.

With ``--web N``, also the web app's cold start as a whole process: ``newsprism serve``
on a store of N articles (the texts and synthetic analyses of ``benchmarks/web_load.py``,
placed in the stored stories as ``ingest`` places them; built once in the scratch
folder), timed from starting the process to the first answer of ``/api/stories``
(the stories list), then to the first story page (which needs the analyses).

    PYTHONPATH=src python benchmarks/startup.py --scratch /tmp/startup [--peer ../main/src]
        [--web 10000]
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
    parser.add_argument("--web", type=int, default=0, help="articles in the web app's store")
    parser.add_argument("--skip-cli", action="store_true", help="only the web app")
    opts = parser.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"skipped: the seeds are missing ({SEEDS})")
    opts.scratch.mkdir(parents=True, exist_ok=True)
    db = opts.scratch / "seeds.db"
    cli = [sys.executable, "-m", "newsprism"]
    one = str(sorted(SEEDS.glob("*.txt"))[0])
    trees = [("this tree", ROOT / "src")] + ([("peer", opts.peer)] if opts.peer else [])
    if opts.web:
        web_db = opts.scratch / f"web_{opts.web}.db"
        if not web_db.exists():
            _web_store(web_db, opts.web)
        for name, src in trees:
            floor = _timed(
                [sys.executable, "-c", "import newsprism.cli"], src=src, db=web_db, repeat=1
            )
            cold, page = _serve(src, web_db)
            print(
                f"{name}: floor {floor:.2f} s; web app, {opts.web} articles: stories list "
                f"{cold:.2f} s ({cold / floor:.1f}x floor), first story page {page:.2f} s "
                f"after start ({page / floor:.1f}x floor)"
            )
    if opts.skip_cli:
        return
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


def _web_store(path: Path, articles: int) -> None:
    """A store of ``articles`` synthetic analyses placed in the stored stories (the
    analyses under the default settings' pipeline version, as the web app reads them)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from newsprism.engines import pipeline_version, place
    from newsprism.settings import load_settings
    from newsprism.store import open_store
    from web_load import build_store

    start = time.perf_counter()
    build_store(path, articles=articles, seed=7)
    settings = load_settings(environ={}, db=str(path))
    version = pipeline_version(settings=settings)
    # Placed by words only: embedding 10,000 articles (~55 ms each) would make the store
    # take many minutes to build and changes nothing the web app reads.
    settings = settings.replace(semantic_similarity="off")
    with open_store(path) as store:
        analyses = list(store.analyses(pipeline=version).values())
        place(store, analyses, settings=settings)
    print(f"web store: {articles} articles placed in {time.perf_counter() - start:.0f} s")


def _serve(src: Path, db: Path) -> tuple[float, float]:
    """Seconds from starting ``newsprism serve`` to the stories list, and to the first
    story page (the largest story)."""
    import json
    import socket
    import urllib.error
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(src)}
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=600) as response:
                    stories = json.load(response)["stories"]
                break
            except (urllib.error.URLError, ConnectionError) as err:
                if process.poll() is not None:
                    raise SystemExit(f"newsprism serve exited with {process.returncode}") from err
                time.sleep(0.02)
        cold = time.perf_counter() - start
        largest = max(stories, key=lambda s: s["articles"])
        with urllib.request.urlopen(f"{base}/stories/{largest['id']}", timeout=600) as page:
            page.read()
        return cold, time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
