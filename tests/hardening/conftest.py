"""Fixtures of the hardening tests (the helpers are in hostile.py)."""

from __future__ import annotations

import pytest
from hostile import BadCorpus, build_bad_corpus


@pytest.fixture(scope="session")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> BadCorpus:
    return build_bad_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
