"""The quality gate: benchmark figures that must not fall below their recorded floors
(``tests/gate_floors.json``), as trafilatura's ``tests/eval_gate.py`` pins its F1
floors. Run with ``pytest -m gate``; skipped when ``../shared/data`` is absent. Only
the fast benchmarks (about 30 s together): cleaning on the Zyte pages and the stories of
BASIL without sentence embeddings, both through the stages of the plan.

A floor is the figure measured when it was recorded less a small margin; raise it with
the figure when a change improves it, and say why in the commit when one must drop.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FLOORS = json.loads((Path(__file__).parent / "gate_floors.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.gate,
    pytest.mark.skipif(not DATA.is_dir(), reason="no evaluation data at ../shared/data"),
]


@pytest.fixture(scope="module", autouse=True)
def benchmarks() -> Iterator[None]:
    """The benchmark scripts importable as modules (they are not a package)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    yield
    sys.path.remove(str(ROOT / "benchmarks"))


def _check(name: str, figure: float) -> None:
    print(f"{name}: {figure:.4f}")  # shown with -s: the figure to record
    floor = FLOORS[name]["floor"]
    assert figure >= floor, f"{name}: {figure:.3f} is below its floor {floor:.3f}"


def _zyte() -> tuple[dict[str, str], dict[str, str], list[Path]]:
    folder = DATA / "zyte-dev"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    texts = json.loads((folder / "html-text.json").read_text("utf-8"))
    return (
        {k: v.get("articleBody", "") for k, v in truth.items()},
        {k: v.get("articleBody", "") for k, v in texts.items()},
        sorted((folder / "html").glob("*.html.gz")),
    )


def _clean_f1(pairs: list[tuple[str, str]]) -> float:
    from cleaning import match, score  # benchmarks/cleaning.py: the Zyte metric

    return score([match(true, predicted) for true, predicted in pairs])["f1"]


def _cleaned(documents: list[object]) -> list[str]:
    from newsprism.plan import analyse_articles, needed_for
    from newsprism.settings import Settings

    analyses = analyse_articles(documents, settings=Settings(), plan=needed_for({"article"}))  # type: ignore[arg-type]
    return [a.article.body for a in analyses]


def test_cleaning_plain_text() -> None:
    from newsprism.models import Document

    truth, texts, _ = _zyte()
    keys = sorted(truth)
    documents = [Document(id=k, source="page.txt", text=texts[k]) for k in keys]
    bodies = _cleaned(documents)
    _check(
        "cleaning_text_f1", _clean_f1([(truth[k], b) for k, b in zip(keys, bodies, strict=True)])
    )


def test_cleaning_html() -> None:
    from newsprism.ingest import read_document
    from newsprism.settings import Settings

    truth, _, pages = _zyte()
    keys = [p.name.split(".")[0] for p in pages]
    documents = [read_document(str(p), settings=Settings()) for p in pages]
    bodies = _cleaned(documents)
    _check(
        "cleaning_html_f1", _clean_f1([(truth[k], b) for k, b in zip(keys, bodies, strict=True)])
    )


def test_stories_basil_words_only() -> None:
    from _data_stories import load_basil
    from newsprism.plan import analyse_articles, combine, needed_for
    from newsprism.settings import Settings
    from stories import bcubed

    gold = load_basil()
    settings = Settings(semantic_similarity="off")
    stages = needed_for({"stories"})
    documents = [g.document for g in gold]
    corpus = combine(
        list(analyse_articles(documents, settings=settings, plan=stages)),
        settings=settings,
        plan=stages,
    )
    story_of = {i: s.id for s in corpus.stories for i in s.article_ids}
    predicted = [story_of[a.article.id] for a in corpus.analyses]
    _, _, f1 = bcubed(predicted, [g.event for g in gold])
    _check("stories_basil_words_only_b3_f1", f1)
