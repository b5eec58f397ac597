"""Time of the per-article analysis against article length: is it linear?

    PYTHONPATH=src python benchmarks/long_articles.py [LENGTHS...]   # default: 30000 100000 300000
    PYTHONPATH=src python benchmarks/long_articles.py --profile 60000  # cProfile, top 40

Each long article is built from real ones: the paragraphs of PolNeAR's dev texts, then
its train texts (``../shared/data/polnear/*/text``, 4.2M characters in all) in file
order, joined until the length is reached (the first text's headline as the title), so
that no paragraph repeats below 4M characters (a repeated sentence would be embedded
once). Each length runs
``newsprism.plan.analyse_articles`` with default settings once, after a warm-up on a
short article so that the model load is not counted. Reported per length: seconds,
seconds per 100k characters, and the growth ratio against linear (time ratio from the
first length divided by the length ratio: 1.0 is linear, 2.0 at a tripled length is
quadratic-ish). The first length is the peer measured in the same run. CPU seconds
(every thread of the process) are given too: a shared machine's load stretches wall
time far more than CPU time.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time

from _polnear import texts
from newsprism.ingest.text import read_text
from newsprism.models import Document
from newsprism.plan import analyse_articles
from newsprism.settings import Settings

DEFAULT_LENGTHS = (30_000, 100_000, 300_000)


def build(length: int) -> str:
    """A title line and body paragraphs from PolNeAR dev texts, ``length`` chars at most."""
    paragraphs: list[str] = []
    for path in texts("dev") + texts("train"):
        parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        paragraphs.extend(p for p in (parts[1:] if paragraphs else parts) if p)
    out: list[str] = []
    size = 0
    while True:
        for p in paragraphs:
            if size + len(p) + 2 > length:
                return "\n\n".join(out) + "\n"
            out.append(p)
            size += len(p) + 2


def document(length: int, settings: Settings) -> Document:
    """The built article of ``length`` characters, read as a plain-text file."""
    return read_text(build(length).encode(), source=f"long-{length}.txt", settings=settings)


def run(length: int, settings: Settings) -> tuple[float, float]:
    """Wall and CPU seconds to analyse the article of ``length`` characters."""
    doc = document(length, settings)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in analyse_articles([doc], settings=settings):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str]) -> None:
    settings = Settings()
    if not texts("dev"):
        print("skipped: ../shared/data/polnear/dev/text is absent")
        return
    run(2_000, settings)  # warm-up: model loads
    if argv[:1] == ["--profile"]:
        length = int(argv[1]) if len(argv) > 1 else 60_000
        doc = document(length, settings)
        profile = cProfile.Profile()
        profile.enable()
        for _ in analyse_articles([doc], settings=settings):
            pass
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats("newsprism|dateparser", 40)
        return
    lengths = [int(a) for a in argv] or list(DEFAULT_LENGTHS)
    first: tuple[int, float] | None = None
    print(f"{'chars':>9} {'seconds':>8} {'s/100k':>7} {'vs linear':>9} {'cpu s':>7}")
    for length in lengths:
        seconds, cpu = run(length, settings)
        first = first or (length, seconds)
        growth = (seconds / first[1]) / (length / first[0])
        print(
            f"{length:>9} {seconds:>8.1f} {seconds / length * 1e5:>7.1f} {growth:>9.2f}"
            f" {cpu:>7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
