"""The web app's library: the stories list and a story's page come from the store's
stories and stored briefings, with no analysis of the whole store decoded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsprism import Document, load_settings
from newsprism.engines import pipeline_version, place, stored_briefings
from newsprism.models import Analysis, Article
from newsprism.store import open_store
from newsprism.web.library import Library

BODY = (
    "Firefighters battled a wildfire near Los Angeles on Tuesday that forced thousands of "
    "residents to flee their homes, officials said, as Santa Ana winds pushed it on."
)


def _analysis(i: str, body: str, outlet: str) -> Analysis:
    doc = Document(id=i, source=f"{i}.txt", text=body, outlet=outlet, published="2024-01-02")
    return Analysis(
        article=Article(document=doc, title="Wildfire", body=body, segments=(), outlet=outlet)
    )


def test_a_story_page_reads_the_stored_briefing_without_the_corpus(tmp_path: Path) -> None:
    settings = load_settings(environ={}, db=str(tmp_path / "w.db")).replace(
        semantic_similarity="off"
    )
    analyses = [_analysis("a", BODY, "Daily"), _analysis("b", BODY + " More.", "Sun")]
    with open_store(settings.db) as store:
        store.add_documents(a.article.document for a in analyses)
        store.put_analyses(analyses, pipeline=pipeline_version(settings=settings))
        place(store, analyses, settings=settings)
    snapshot = Library(settings).snapshot()
    (summary,) = snapshot.summaries
    record = snapshot.story_record(summary.id)
    assert record is not None and [a.id for a in record.articles] == ["a", "b"]
    assert snapshot._corpus is None  # nothing recombined for the stories or a story page
    with open_store(settings.db) as store:
        assert stored_briefings(store, settings=settings) == [record]


def test_the_web_app_starts_and_shows_a_stored_story_without_a_model(tmp_path: Path) -> None:
    settings = load_settings(environ={}, db=str(tmp_path / "w.db")).replace(
        semantic_similarity="off"
    )
    analyses = [_analysis("a", BODY, "Daily"), _analysis("b", BODY + " More.", "Sun")]
    with open_store(settings.db) as store:
        store.add_documents(a.article.document for a in analyses)
        store.put_analyses(analyses, pipeline=pipeline_version(settings=settings))
        place(store, analyses, settings=settings)
        (stored,) = stored_briefings(store, settings=settings)
    code = (
        "import sys\n"
        "from newsprism.brief.story_view import story_page\n"
        "from newsprism.settings import load_settings\n"
        "from newsprism.web import create_app\n"
        f"settings = load_settings(environ={{}}, db={settings.db!r})"
        ".replace(semantic_similarity='off')\n"
        "snapshot = create_app(settings, analyse_pending=False).state.library.snapshot()\n"
        f"story_page(snapshot.story_record({stored.id!r}))\n"
        "print([m for m in ('sentence_transformers', 'torch', 'sklearn', 'lightgbm', 'spacy') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
