"""Positions on BASIL dev stories against a reader's list of who stands where.

    .venv/bin/python benchmarks/positions.py [--show]

Gold: ``benchmarks/positions_gold.tsv``, every actor with a clear stance on each
story's central question, read by hand. Each triplet's three articles are analysed
as one story and :func:`newsprism.pipeline.compare.compare_story` gives its
positions. A predicted position is right when its actor's name contains one of a gold
actor's names (recall counts gold actors found; precision counts predicted positions
that are a gold actor); stance agreement is reported among the matched. Peer in the
same run: every speaker of a quote in the story taken as an actor with a stance
(what listing the sources would give). Figures are given for all stories, for the
first 4 (``FIRST``, on which the changes were decided) and for the others (held out).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from _basil import load_basil
from newsprism.api import analyse
from newsprism.pipeline.compare import compare_story
from newsprism.settings import Settings

GOLD = Path(__file__).with_name("positions_gold.tsv")
# The stories every change to pipeline/positions.py was decided on; the others of the
# gold were read afterwards and are reported on their own as the held-out figure.
FIRST = frozenset({"2015_2742e9c1", "2011_576116e5", "2014_b764f81f", "2013_68748e7f"})


def _gold() -> dict[str, list[tuple[list[str], str]]]:
    found: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            triplet, names, stance, _ = line.split("\t")
            found[triplet].append(([n.lower() for n in names.split("|")], stance))
    return found


def _match(name: str, gold: list[tuple[list[str], str]]) -> int | None:
    lower = name.lower()
    return next((i for i, (names, _) in enumerate(gold) if any(n in lower for n in names)), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every position")
    args = parser.parse_args()
    gold = _gold()
    basil = load_basil()
    by_name = {a.name: t for t, articles in basil.items() for a in articles}
    # (group, system) -> found, predicted, right, stance agrees, gold actors
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for prefix, actors in gold.items():
        triplet = next(t for name, t in by_name.items() if name.startswith(prefix))
        documents = [a.document() for a in basil[triplet]]
        corpus = analyse(documents, settings=Settings(db=":memory:"))
        comparison = compare_story(corpus.analyses, entities=corpus.entities)
        predicted = [(p.name, p.stance) for p in comparison.positions]
        speakers = {q.speaker.label for a in corpus.analyses for q in a.quotes if q.speaker}
        for system, rows in (
            ("newsprism", predicted),
            ("every speaker", [(s, "") for s in speakers]),
        ):
            hits = {}
            for name, stance in rows:
                k = _match(name, actors)
                if k is not None:
                    hits.setdefault(k, stance)
            group = "first 4" if prefix in FIRST else "new"
            for t in (totals[("all", system)], totals[(group, system)]):
                t[0] += len(hits)
                t[1] += len(rows)
                t[2] += sum(_match(n, actors) is not None for n, _ in rows)
                t[3] += sum(actors[k][1] == s for k, s in hits.items())
                t[4] += len(actors)
        if args.show:
            print(f"{prefix}: {predicted or 'none'}")
    n = sum(len(a) for a in gold.values())
    new = sorted(p for p in gold if p not in FIRST)
    print(f"{len(gold)} stories, {n} gold actors; new stories: {', '.join(new)}")
    print(
        f"{'stories':<8} {'system':<14} {'gold':>5} {'recall':>7} {'precision':>10} "
        f"{'stance agrees':>14}"
    )
    for group in ("all", "first 4", "new"):
        for system in ("newsprism", "every speaker"):
            found, predicted, right, agree, m = totals[(group, system)]
            print(
                f"{group:<8} {system:<14} {m:>5} {found / max(m, 1):>7.3f} "
                f"{right / max(predicted, 1):>10.3f} {agree / max(found, 1):>14.3f}"
            )


if __name__ == "__main__":
    main()
