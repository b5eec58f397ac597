"""The outlets file kept beside the articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.errors import UnreadableInput
from newsprism.ingest import read_document
from newsprism.settings import Settings


def _write(folder: Path, outlets: str) -> Path:
    (folder / "outlets.csv").write_text(outlets, encoding="utf-8")
    article = folder / "000_abc.txt"
    article.write_text("Headline\nThe minister said on Friday that talks failed.\n")
    return article


def test_a_pattern_names_outlet_date_leaning_and_country(tmp_path: Path) -> None:
    article = _write(
        tmp_path,
        "# what we know\nfile,outlet,published,leaning,country\n"
        "001_*.txt,Other\n000_*.txt,Example News,2025-03-08,centre,US\n*.txt,Fallback\n",
    )
    doc = read_document(str(article), settings=Settings())
    assert (doc.outlet, doc.published, doc.leaning, doc.country) == (
        "Example News",
        "2025-03-08",
        "centre",
        "US",
    )


def test_outlet_option_still_wins(tmp_path: Path) -> None:
    article = _write(tmp_path, "file,outlet\n*.txt,Example News\n")
    settings = replace(Settings(), outlet="Chosen")
    assert read_document(str(article), settings=settings).outlet == "Chosen"


def test_no_match_leaves_the_file_stem(tmp_path: Path) -> None:
    article = _write(tmp_path, "file,outlet\n*.html,Example News\n")
    assert read_document(str(article), settings=Settings()).outlet is None


@pytest.mark.parametrize(
    ("outlets", "message"),
    [
        ("file,outlet\n*.txt,A,B\n", "line 2: 3 cells"),
        ("file,outlet,published\n*.txt,A,not a date\n", "line 2: 'not a date' is not a date"),
        ("file,outlet\n,A\n", "line 2: no file name"),
        ("name,outlet\n*.txt,A\n", "line 1: the header must name"),
    ],
)
def test_a_bad_line_is_one_clear_error(tmp_path: Path, outlets: str, message: str) -> None:
    article = _write(tmp_path, outlets)
    with pytest.raises(UnreadableInput) as err:
        read_document(str(article), settings=Settings())
    assert "outlets.csv" in str(err.value) and message in str(err.value)
