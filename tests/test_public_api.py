"""The public API in ``newsprism.__all__`` is the one documented in docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path

import newsprism

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_all_is_documented() -> None:
    documented = set(re.findall(r"^- `([A-Za-z_]+)`", DOC.read_text(encoding="utf-8"), re.M))
    assert documented == set(newsprism.__all__)


def test_all_names_exist() -> None:
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name
