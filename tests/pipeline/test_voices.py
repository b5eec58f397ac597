"""Independent voices: a republished seed keeps its outlet and corroborates nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsprism import Corpus, load_settings
from newsprism.api import briefing
from newsprism.brief.build import build_briefing
from newsprism.brief.markdown import render_markdown
from newsprism.brief.records import Briefing
from newsprism.codec import from_json, to_json
from newsprism.pipeline.voices import find_voices, independent_articles

pytestmark = pytest.mark.slow

ORIGINAL = "003_24be1872bdaa3ea2"


@pytest.fixture(scope="module")
def with_copies(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeds' briefing (its JSON) with seed 003 run again by two more outlets:
    Yahoo News under a new headline (a near copy), MSN word for word (an exact copy)."""
    text = (seeds_dir / f"{ORIGINAL}.txt").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("copies")
    headline = "Moscow sees no room for compromise on peacekeepers\n"
    near = headline + text.split("\n", 1)[1]
    (folder / "yahoo.json").write_text(json.dumps({"text": near, "outlet": "Yahoo News"}))
    (folder / "msn.json").write_text(json.dumps({"text": text, "outlet": "MSN"}))
    settings = load_settings(environ={}, db=":memory:")
    json_form: dict[str, Any] = to_json(briefing([str(seeds_dir), str(folder)], settings=settings))
    return json_form


@pytest.fixture(scope="module")
def seeds_alone(seeds_corpus: Corpus) -> dict[str, Any]:
    json_form: dict[str, Any] = to_json(build_briefing(seeds_corpus))
    return json_form


def _statuses(story: dict[str, Any]) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {f["text"]: (f["status"], tuple(f["outlets"])) for f in story["facts"]}


def test_no_fact_changes_status_because_of_the_copies(
    with_copies: dict[str, Any], seeds_alone: dict[str, Any]
) -> None:
    (story,) = with_copies["stories"]
    (alone,) = seeds_alone["stories"]
    assert _statuses(story) == _statuses(alone)
    assert not any({"Yahoo News", "MSN"} & set(f["outlets"]) for f in story["facts"])


def test_the_copies_keep_their_outlets_as_carrying_the_original(
    with_copies: dict[str, Any],
) -> None:
    (story,) = with_copies["stories"]
    original = next(a for a in story["articles"] if a["outlet"] == ORIGINAL)
    copies = {a["outlet"]: a for a in story["articles"] if a["duplicate_of"]}
    assert set(copies) == {"Yahoo News", "MSN"}
    assert all(a["duplicate_of"] == original["id"] for a in copies.values())
    (voice,) = [v for v in story["voices"] if v["copies"]]
    assert voice["article"] == original["id"] and voice["outlet"] == ORIGINAL
    assert sorted(voice["also_run_by"]) == ["MSN", "Yahoo News"]
    assert len(story["voices"]) == 5
    carried = [f for f in story["facts"] if ORIGINAL in f["outlets"]]
    # The near copy runs the body under a headline of its own: it carries every fact
    # of the body, and the original's headline only where the exact copy keeps it.
    headline = [f for f in carried if f["text"] == original["title"]]
    body = [f for f in carried if f not in headline]
    assert body and all(set(f["copied_by"]) == {"Yahoo News", "MSN"} for f in body)
    assert all("MSN" in f["copied_by"] for f in headline)
    exact = copies["MSN"]["id"]
    for f in carried:
        for e in f["copies"]:
            assert e["outlet"] in {"Yahoo News", "MSN"} and e["text"]
            if e["article"] == exact:  # same text: the same offsets as the original's
                assert any(
                    (e["start"], e["text"]) == (o["start"], o["text"]) for o in f["evidence"]
                )


def test_the_views_show_who_also_ran_it(with_copies: dict[str, Any]) -> None:
    md = render_markdown(from_json(Briefing, with_copies))
    original = ORIGINAL.replace("_", "\\_")  # Markdown-escaped
    assert f"{original}, also run by MSN, Yahoo News" in md
    assert f"Yahoo News (copy of {original})" in md
    assert "○ carried only in a copy of another outlet's article." in md


def test_independent_articles_drop_only_the_copies(seeds_corpus: Corpus) -> None:
    analyses = seeds_corpus.analyses
    assert independent_articles(analyses) == analyses
    assert [v.copies for v in find_voices(analyses)] == [()] * len(analyses)
