"""Naming variants discovered from the story's wording, on every BASIL triplet.

    .venv/bin/python benchmarks/naming_basil.py

BASIL has no naming gold, so this lists what :func:`newsprism.pipeline.framing.
wording_variants` reports per triplet (read them to judge precision) next to the
count a naive peer reports in the same run: every shared head noun that two outlets
modify with different lower-case words, each outlet keeping to its own (no loaded,
part-of-speech or ordinary-word gate). Quotes are not parsed here: only text inside
quotation marks is taken out of the outlet's voice.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from _basil import load_basil
from newsprism.models import Analysis, Article
from newsprism.pipeline.framing import _BREAK, _WORD, _own_voice, wording_variants


def _naive(analyses: list[Analysis]) -> int:
    by_head: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a in analyses:
        for piece in _BREAK.split(_own_voice(a)):
            for m, h in pairwise(_WORD.findall(piece)):
                if m.islower() and h.islower():
                    by_head[h][m].add(a.article.id)
    found = 0
    for mods in by_head.values():
        own = [
            ids for m, ids in mods.items() if all(not ids & o for n, o in mods.items() if n != m)
        ]
        found += len({i for ids in own for i in ids}) >= 2 and len(own) >= 2
    return found


def main() -> None:
    ours = naive = 0
    for _, arts in sorted(load_basil().items()):
        analyses = [
            Analysis(
                article=Article(
                    document=a.document(), title="", body=a.text, segments=(), outlet=a.source
                )
            )
            for a in arts
        ]
        outlet = {a.document().id: a.source.lower() for a in arts}
        naive += _naive(analyses)
        for v in wording_variants(analyses):
            ours += 1
            forms = "; ".join(f"{f} ({', '.join(outlet[i] for i in ids)})" for f, ids in v.forms)
            print(f"{arts[0].name[:13]}  {v.name}: {forms}")
    print(f"\n{ours} variants reported (naive peer: {naive}, ratio {ours / max(1, naive):.3f})")


if __name__ == "__main__":
    main()
