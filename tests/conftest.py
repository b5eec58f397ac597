"""Shared fixtures: the seed articles, settings on a temporary store, the analysed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Corpus, Settings, extract, load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed articles are missing: {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(environ={}, db=str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def seeds_corpus(seeds_dir: Path) -> Corpus:
    """The five seeds, analysed once for the whole session."""
    return extract([str(seeds_dir)], settings=load_settings(environ={}, db=":memory:"))
