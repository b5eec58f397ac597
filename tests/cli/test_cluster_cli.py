from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.cli import main

FIRE = (
    "Firefighters battled a wildfire near Los Angeles on Tuesday that forced thousands of "
    "residents to flee their homes, officials said. Strong Santa Ana winds pushed the fire "
    "across dry hillsides overnight, and the county sheriff ordered new evacuations in two "
    "canyons. No deaths were reported, but at least twelve homes were destroyed."
)
FIRE_2 = (
    "Thousands of people left their homes in the hills above Los Angeles on Tuesday as a "
    "wildfire, driven by Santa Ana winds, burned through dry brush; twelve homes were "
    "destroyed and the sheriff ordered evacuations, officials said."
)
BANK = (
    "The European Central Bank raised interest rates by a quarter point on Thursday, its "
    "president Christine Lagarde said in Frankfurt, citing stubborn inflation in services."
)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_wire.txt").write_text(f"Wildfire forces evacuations\n\n{FIRE}\n", "utf-8")
    (folder / "b_copy.txt").write_text(f"LA fire: thousands flee\n\n{FIRE}\n", "utf-8")
    (folder / "c_other.txt").write_text(f"Fire sweeps Los Angeles hills\n\n{FIRE_2}\n", "utf-8")
    (folder / "d_bank.txt").write_text(f"ECB raises rates\n\n{BANK}\n", "utf-8")
    return folder


def test_cluster_json_gives_story_and_copy_per_document(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    status = main(["--db", str(tmp_path / "x.db"), "cluster", "--json", str(inputs), missing])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert status == 1  # one input could not be read
    records = {Path(r["source"]).name: r for r in lines if "id" in r}
    assert set(records) == {"a_wire.txt", "b_copy.txt", "c_other.txt", "d_bank.txt"}
    for r in records.values():
        assert set(r) == {"source", "id", "story", "duplicate_of"}
    wire, copy, other, bank = (records[k] for k in sorted(records))
    assert copy["duplicate_of"] == wire["id"] and wire["duplicate_of"] is None
    assert wire["story"] == copy["story"] == other["story"] != bank["story"]
    assert lines[-1]["source"] == missing and "error" in lines[-1]


def test_cluster_table_lists_stories(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "x.db"), "cluster", str(inputs)]) == 0
    out = capsys.readouterr().out
    assert "2 stories, 4 articles" in out
    assert "ECB raises rates" in out
