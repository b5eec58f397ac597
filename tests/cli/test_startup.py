"""Start-up: a step loads only the heavy libraries it needs (issue 18, item 7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsprism import Document, load_settings
from newsprism.engines import pipeline_version, place, stored_briefings
from newsprism.models import Analysis, Article
from newsprism.store import open_store

HEAVY = ("sentence_transformers", "torch", "transformers", "sklearn", "lightgbm", "spacy")


def test_cluster_of_one_file_loads_neither_the_sentence_model_nor_sklearn(
    seed_paths: list[Path], tmp_path: Path
) -> None:
    code = (
        "import sys\n"
        "from newsprism.cli import main\n"
        f"status = main(['--db', {str(tmp_path / 'x.db')!r}, 'cluster', '--json', "
        f"{str(seed_paths[0])!r}])\n"
        "heavy = [m for m in ('sentence_transformers', 'torch', 'sklearn', 'spacy') "
        "if m in sys.modules]\n"
        "print(status, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def _analysis(i: str, body: str, *, outlet: str) -> Analysis:
    doc = Document(id=i, source=f"{i}.txt", text=body, outlet=outlet, published="2024-01-02")
    return Analysis(
        article=Article(document=doc, title="Wildfire", body=body, segments=(), outlet=outlet)
    )


def test_brief_of_a_stored_story_imports_no_model(tmp_path: Path) -> None:
    config = tmp_path / "words.toml"
    config.write_text('semantic_similarity = "off"\n', encoding="utf-8")
    settings = load_settings(environ={}, config=config, db=str(tmp_path / "s.db"))
    body = (
        "Firefighters battled a wildfire near Los Angeles on Tuesday that forced thousands "
        "of residents to flee their homes, officials said, as Santa Ana winds pushed it on."
    )
    analyses = [_analysis("a", body, outlet="Daily"), _analysis("b", body + " More.", outlet="Sun")]
    with open_store(settings.db) as store:
        store.add_documents(a.article.document for a in analyses)
        store.put_analyses(analyses, pipeline=pipeline_version(settings=settings))
        place(store, analyses, settings=settings)
        (stored,) = stored_briefings(store, settings=settings)
    code = (
        "import sys\n"
        "from newsprism.cli import main\n"
        f"status = main(['--db', {settings.db!r}, '--config', {str(config)!r}, 'brief', "
        "'-f', 'json'])\n"
        f"print(status, [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "0 []"
    (story,) = json.loads(out.stdout)["stories"]
    assert story["id"] == stored.id and [a["id"] for a in story["articles"]] == ["a", "b"]


def test_extract_runs_neither_the_sentence_model_nor_the_story_stages(
    seed_paths: list[Path],
) -> None:
    code = (
        "import sys\n"
        "from newsprism.cli import main\n"
        f"status = main(['extract', '--json', {str(seed_paths[0])!r}])\n"
        "heavy = [m for m in ('sentence_transformers', 'transformers', 'lightgbm', "
        "'sklearn') if m in sys.modules]\n"
        "print(status, heavy, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "0 []"
    (line,) = out.stdout.splitlines()
    assert json.loads(line)["quotes"]
