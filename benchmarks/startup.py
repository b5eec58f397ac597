"""Start-up of everyday commands, as whole processes (issue 18, item 7).

Times ``newsprism cluster --json FILE`` on one seed article and ``newsprism brief -f
json`` on a store holding the five seeds (ingested once into a scratch folder, then
reused; ``brief`` run once untimed first, so that a stored briefing is read), each the
run of least CPU time among ``--repeat``, in CPU seconds (user + system) and wall
seconds, against the floor measured in the same run: ``python -c "import
newsprism.cli"`` (the interpreter and the CLI's own imports). A second tree (``--peer
SRC``, e.g. /work/main/src) gives the same commands on another checkout for comparison.

With ``--web N``, also the web app's cold start as a whole process: ``newsprism serve``
on a store of N articles (the texts and synthetic analyses of ``benchmarks/web_load.py``,
placed in the stored stories as ``ingest`` places them; built once in the scratch
folder), timed from starting the process to the first answer of ``/api/stories``
(the stories list), then to the first story page (the largest story's briefing, built
on that first view: briefings stored by earlier runs are dropped), in wall seconds and
the server process's CPU seconds up to then.

    PYTHONPATH=src python benchmarks/startup.py --scratch /tmp/startup [--peer ../main/src]
        [--web 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def _timed(args: list[str], *, src: Path, db: Path, repeat: int) -> tuple[float, float]:
    """The best of ``repeat`` runs of ``args`` as a whole process: (wall seconds, CPU
    seconds, user + system of the process and its threads)."""
    env = {**os.environ, "PYTHONPATH": str(src), "NEWSPRISM_DB": str(db)}
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu), key=lambda t: t[1])
    return best


def _show(name: str, timed: tuple[float, float], floor: tuple[float, float]) -> str:
    wall, cpu = timed
    return (
        f"{name} {cpu:.2f} CPU s ({cpu / floor[1]:.1f}x floor), {wall:.2f} s wall "
        f"({wall / floor[0]:.1f}x floor)"
    )


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
            _forget_briefings(web_db)
            cold, page = _serve(src, web_db)
            print(
                f"{name}: floor {floor[1]:.2f} CPU s, {floor[0]:.2f} s wall; web app, "
                f"{opts.web} articles: "
                + _show("stories list", (cold[0], cold[1]), floor)
                + "; "
                + _show("first story page", (page[0], page[1]), floor)
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
        brief_args = [*cli, "brief", "-f", "json"]
        # Once untimed: a tree that stores briefings builds the story's on the first run.
        _timed(brief_args, src=src, db=store, repeat=1)
        brief = _timed(brief_args, src=src, db=store, repeat=opts.repeat)
        print(
            f"{name}: floor {floor[1]:.2f} CPU s, {floor[0]:.2f} s wall; "
            + _show("cluster of one file", cluster, floor)
            + "; "
            + _show("brief of the stored 5-article story", brief, floor)
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


def _forget_briefings(db: Path) -> None:
    """Drop the briefings a tree stored on an earlier run, so that the first story page
    builds its briefing as it would on a store that never showed it."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "story_briefings" in tables:
            connection.execute("DELETE FROM story_briefings")


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system, every thread) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve(src: Path, db: Path) -> tuple[tuple[float, float], tuple[float, float]]:
    """From starting ``newsprism serve`` to the stories list, and to the first story
    page (the largest story): (wall seconds, the server's CPU seconds) for each."""
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
        cold = (time.perf_counter() - start, _cpu_of(process.pid))
        largest = max(stories, key=lambda s: s["articles"])
        with urllib.request.urlopen(f"{base}/stories/{largest['id']}", timeout=600) as page:
            page.read()
        return cold, (time.perf_counter() - start, _cpu_of(process.pid))
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
