"""The public API in ``newsprism.__all__`` is the one documented in docs/api.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsprism

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_all_is_documented() -> None:
    documented = set(re.findall(r"^- `([A-Za-z_]+)`", DOC.read_text(encoding="utf-8"), re.M))
    assert documented == set(newsprism.__all__)


def test_all_names_exist() -> None:
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_no_public_name_is_shadowed_by_a_subpackage() -> None:
    # ``newsprism.brief`` was both an API function and a subpackage: importing the
    # subpackage after the first call rebound the name, and the second
    # ``newsprism.brief(...)`` raised "'module' object is not callable". A fresh
    # interpreter, so that no subpackage is imported before the API names are bound.
    script = """
import importlib, pkgutil, types, newsprism
for name in newsprism.__all__:
    getattr(newsprism, name)
for info in pkgutil.walk_packages(newsprism.__path__, "newsprism."):
    if info.name != "newsprism.__main__":
        importlib.import_module(info.name)
print(*[n for n in newsprism.__all__ if isinstance(getattr(newsprism, n), types.ModuleType)])
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == []


@pytest.mark.slow
def test_every_api_function_works_twice(seed_paths: list[Path], tmp_path: Path) -> None:
    path = [str(seed_paths[0])]
    for _ in range(2):
        settings = newsprism.load_settings(environ={}, db=str(tmp_path / "news.db"))
        documents, failures = newsprism.read(path, settings=settings)
        assert len(documents) == 1 and failures == []
        assert len(newsprism.analyse(documents, settings=settings).analyses) == 1
        assert len(newsprism.extract(path, settings=settings).analyses) == 1
        assert newsprism.store_inputs(path, settings=settings).failures == ()
        briefing = newsprism.briefing(path, settings=settings)
        assert len(briefing.stories) == 1
        assert newsprism.briefing(settings=settings).stories  # from the store
        data = newsprism.to_json(briefing)
        assert data["stories"][0]["id"] == briefing.stories[0].id
        assert newsprism.from_json(newsprism.Briefing, data) == briefing
        assert isinstance(newsprism.IngestReport(1, 0, ()), newsprism.IngestReport)
