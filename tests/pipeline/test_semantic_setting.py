"""The semantic_similarity setting: auto (when the extra is installed), on, off."""

from __future__ import annotations

import pytest

from newsprism.errors import SettingsError
from newsprism.pipeline import semantic
from newsprism.settings import Settings, load_settings


def test_embeddings_are_used_by_default_when_the_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().semantic_similarity == "auto"
    monkeypatch.setattr(semantic, "is_available", lambda: True)
    assert semantic.wanted("auto")
    monkeypatch.setattr(semantic, "is_available", lambda: False)
    assert not semantic.wanted("auto")
    assert semantic.wanted("on")
    assert not semantic.wanted("off")


@pytest.mark.parametrize(
    ("given", "kept"),
    [("auto", "auto"), ("OFF", "off"), ("true", "on"), (False, "off"), (True, "on")],
)
def test_the_setting_reads_choices_and_booleans(given: object, kept: str) -> None:
    settings = load_settings(environ={}, semantic_similarity=given)
    assert settings.semantic_similarity == kept


def test_an_unknown_choice_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="auto, on or off"):
        load_settings(environ={}, semantic_similarity="sometimes")
