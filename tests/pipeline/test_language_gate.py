"""Non-English articles: read, stored and clustered; English-only stages skipped with a
note (issue 18, item 5)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsprism import extract, load_settings
from newsprism.export import analysis_record
from newsprism.pipeline.language_gate import ENGLISH_ONLY, skipped_stages

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров заявил, что Москва не допустит "
    "размещения войск НАТО на Украине. «Это неприемлемо», — сказал он журналистам "
    "в Москве, а также добавил, что переговоры с США будут продолжены на следующей "
    "неделе. По его словам, Россия готова к диалогу, но не на таких условиях.\n"
) * 3


def test_skipped_stages() -> None:
    assert skipped_stages("en") == () and skipped_stages(None) == ()
    assert skipped_stages("ru") == ENGLISH_ONLY


def test_a_russian_article_gets_no_english_analysis_and_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Лавров: войска НАТО на Украине неприемлемы\n\n" + RUSSIAN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        corpus = extract([str(path)], settings=load_settings(environ={}, db=":memory:"))
    (analysis,) = corpus.analyses
    assert analysis.article.document.language == "ru"
    assert analysis.mentions == () and analysis.quotes == () and analysis.claims == ()
    record = analysis_record(analysis)
    assert record["entities"] == [] and "quotes" in record["notes"][0]
    assert "language 'ru' is not supported" in caplog.text
    assert len(corpus.stories) == 1  # still clustered
