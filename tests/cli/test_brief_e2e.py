"""End to end on the seeds: the commands a user runs, as whole processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SPEAKERS_AND_WORDS = {
    "Dmitry Medvedev": "The ruling European dimwits want a war in Europe after all",
    "Sergey Lavrov": "We see no room for compromise",
    "Maria Zakharova": "cannot be a matter of negotiation",
    "Keir Starmer": "The UK stands ready to put boots on the ground",
    "Giorgia Meloni": "Italian troops in Ukraine have never been on the agenda",
}


def _newsprism(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSPRISM_DB": str(tmp_path / "e2e.db"), "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=tmp_path,
    )


def test_terminal_briefing_lists_who_said_what(seeds_dir: Path, tmp_path: Path) -> None:
    html = tmp_path / "briefing.html"
    result = _newsprism(["brief", str(seeds_dir), "--html", str(html)], tmp_path)
    assert result.returncode == 0, result.stderr
    out = re.sub(r"\s+", " ", result.stdout)
    for speaker, words in SPEAKERS_AND_WORDS.items():
        assert speaker in out, speaker
        assert words in out, words
    for section in ("Coverage: facts × outlets", "Who stands where", "Framing by outlet"):
        assert section in out, section
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    for speaker in SPEAKERS_AND_WORDS:
        assert speaker in page
    # The report is the story page: heat map, positions, naming choices.
    for marker in ('class="heat"', 'class="positions"', "Naming choices", "Kiev", "Kyiv"):
        assert marker in page, marker


def test_json_briefing_is_one_story_of_five_articles(seeds_dir: Path, tmp_path: Path) -> None:
    result = _newsprism(["brief", str(seeds_dir), "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    briefing = json.loads(result.stdout)
    assert len(briefing["stories"]) == 1
    story = briefing["stories"][0]
    for key in (
        "id",
        "title",
        "articles",
        "facts",
        "quotes",
        "quantities",
        "positions",
        "framing",
        "timeline",
    ):
        assert key in story
    assert len(story["articles"]) == 5
    for article in story["articles"]:
        assert set(article) >= {"id", "source", "outlet", "title", "published"}
    speakers = {q["speaker"]["name"] for q in story["quotes"]}
    assert set(SPEAKERS_AND_WORDS) <= speakers


def test_markdown_to_a_file(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    result = _newsprism(["brief", str(seeds_dir), "-f", "md", "-o", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Giorgia Meloni" in text and "Who said what" in text


def test_brief_from_the_store(seeds_dir: Path, tmp_path: Path) -> None:
    assert _newsprism(["ingest", str(seeds_dir)], tmp_path).returncode == 0
    result = _newsprism(["brief", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["stories"][0]["articles"]) == 5
