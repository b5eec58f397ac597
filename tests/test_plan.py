"""The declared plan of stages: pinned, consistent with itself and with what each stage
really assigns, and the fingerprint of the per-article stages."""

from __future__ import annotations

import ast
import shutil
from dataclasses import fields, replace
from pathlib import Path

import pytest

from newsprism import plan
from newsprism.models import Analysis, Document
from newsprism.settings import Settings

SRC = Path(plan.__file__).resolve().parent

# The plan as declared: (name, scope, requires, assigns, module). A change here is a
# change of the pipeline: update it with the README's "how it works" drawing.
PINNED = [
    ("clean", "article", ("document",), ("article",), "clean"),
    ("language", "article", ("article",), ("notes",), "language_gate"),
    ("annotate", "article", ("article",), ("doc",), "annotate"),
    ("mentions", "article", ("article", "doc"), ("mentions",), "entities"),
    ("descriptors", "article", ("article", "doc"), ("person_descriptors",), "entities"),
    ("quotes", "article", ("article", "doc"), ("quotes",), "quotes"),
    ("quantities", "article", ("article", "doc", "quotes"), ("quantities",), "quantities"),
    (
        "claims",
        "article",
        ("article", "doc", "quotes", "quantities"),
        ("claims",),
        "claims",
    ),
    ("claim_vectors", "article", ("claims",), ("claim_vectors",), "same_fact"),
    ("dates", "article", ("article", "doc"), ("dates",), "dates"),
    ("loaded_language", "article", ("article", "doc", "quotes"), ("loaded_language",), "loaded"),
    ("entities", "batch", ("mentions", "person_descriptors", "quotes"), ("entities",), "entities"),
    (
        "claim_entities",
        "batch",
        ("claims", "quantities", "entities"),
        ("claims", "quantities"),
        "claims",
    ),
    ("duplicates", "batch", ("article",), ("duplicate_of",), "dedup"),
    ("stories", "batch", ("article", "duplicate_of"), ("stories",), "newsprism.stories.cluster"),
]


def test_the_plan_is_pinned() -> None:
    declared = [
        (s.name, s.scope, s.requires, s.assigns, s.module.removeprefix("newsprism.pipeline."))
        for s in plan.PLAN
    ]
    assert declared == PINNED


def test_every_requirement_is_assigned_earlier() -> None:
    assigned = {"document"}
    for stage in plan.PLAN:
        missing = set(stage.requires) - assigned
        assert not missing, f"{stage.name} requires {missing} before anything assigns it"
        assigned |= set(stage.assigns)
    assert len({s.name for s in plan.PLAN}) == len(plan.PLAN)


def test_article_stages_come_first_and_assign_analysis_fields() -> None:
    scopes = [s.scope for s in plan.PLAN]
    assert scopes == sorted(scopes)  # "article" < "batch": no article stage after a batch one
    names = {f.name for f in fields(Analysis)} | {"doc"}
    for stage in plan.PLAN:
        if stage.scope == "article":
            assert set(stage.assigns) <= names, stage.name


def test_needed_for_picks_what_a_result_needs() -> None:
    assert [s.name for s in plan.needed_for({"stories"})] == ["clean", "duplicates", "stories"]
    assert [s.name for s in plan.needed_for({"entities", "stories"})] == [
        "clean",
        "annotate",
        "mentions",
        "descriptors",
        "quotes",
        "entities",
        "duplicates",
        "stories",
    ]


def test_no_module_but_the_plan_spells_out_the_order() -> None:
    # The engines, the API and the web app call the stage functions only through the plan.
    stage_calls = {"extract_quotes(", "extract_mentions(", "resolve_entities(", "link_claims("}
    for path in [SRC / "api.py", *SRC.glob("engines/**/*.py"), *SRC.glob("web/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not [c for c in stage_calls if c in text], path


@pytest.mark.slow
def test_article_stages_assign_what_they_declare(seeds_dir: Path) -> None:
    text = (sorted(seeds_dir.iterdir())[0]).read_text(encoding="utf-8")
    works: list[dict[str, object]] = [{"document": Document(id="1", source="1.txt", text=text)}]
    settings = Settings()
    for stage in plan.PLAN:
        if stage.scope != "article":
            continue
        (assigned,) = stage.step(works, settings)
        assert set(assigned) == set(stage.assigns), stage.name
        works = [{**works[0], **assigned}]


def test_an_article_a_stage_does_not_apply_to_skips_what_depends_on_it() -> None:
    # What a language gate on the English-only stages does: one line in the plan.
    gated = tuple(
        replace(s, applies=lambda w: False) if s.name == "annotate" else s for s in plan.PLAN
    )
    document = Document(id="1", source="1.txt", text="Titel\n\nDie Regierung sagte am Montag.")
    (analysis,) = plan.analyse_articles([document], settings=Settings(), plan=gated)
    assert analysis.article.body and analysis.mentions == () and analysis.quotes == ()


# -- the fingerprint -------------------------------------------------------------------


def _article_modules() -> set[str]:
    return {s.module for s in plan.PLAN if s.scope == "article"}


def test_fingerprint_follows_subpackages_and_leaves_out_batch_stages() -> None:
    files = {p.relative_to(SRC).as_posix() for p in plan.fingerprint_files(_article_modules())}
    assert "pipeline/quotes/cues.py" in files  # a subpackage: was left out
    assert "data/speech_verbs.txt" in files
    assert "stories/cluster.py" not in files  # per batch: invalidated every analysis
    assert "data/stopwords.tsv" not in files


def test_editing_a_stage_changes_the_fingerprint_and_a_batch_stage_does_not(
    tmp_path: Path,
) -> None:
    root = tmp_path / "newsprism"
    shutil.copytree(SRC, root, ignore=shutil.ignore_patterns("__pycache__"))

    def fingerprint() -> list[bytes]:
        return [p.read_bytes() for p in plan.fingerprint_files(_article_modules(), root=root)]

    before = fingerprint()
    with (root / "stories" / "cluster.py").open("a") as fh:
        fh.write("\n# an edit to a batch stage\n")
    assert fingerprint() == before
    with (root / "pipeline" / "quotes" / "cues.py").open("a") as fh:
        fh.write("\n# an edit to a quote stage's helper\n")
    assert fingerprint() != before


def test_fingerprint_depends_on_the_stages_switched_on() -> None:
    settings = Settings()
    full = plan.fingerprint(settings)
    assert plan.fingerprint(settings) == full and len(full) == 16
    without_dates = tuple(s for s in plan.PLAN if s.name != "dates")
    assert plan.fingerprint(settings, without_dates) != full


# -- layers ----------------------------------------------------------------------------


def test_no_module_imports_the_package_root() -> None:
    # ingest/url.py and engines/local.py imported the root for __version__: a cycle.
    modules = {p.stem for p in SRC.glob("*.py")} | {p.name for p in SRC.iterdir() if p.is_dir()}
    for path in SRC.rglob("*.py"):
        if path == SRC / "__init__.py":
            continue
        depth = len(path.relative_to(SRC).parts)  # the import level that names the root
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module is None and node.level == depth:
                names = {a.name for a in node.names}
                assert names <= modules, f"{path}: from {'.' * depth} import {names}"
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module != "newsprism", path


def test_stage_modules_import_neither_spark_nor_what_runs_them() -> None:
    for path in (SRC / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith("pyspark"), path
                assert name.lstrip(".") not in {"engines", "plan", "api"}, path


def test_progress_moves_within_a_chunk_and_adds_up_to_the_documents() -> None:
    def first(works, settings):  # type: ignore[no-untyped-def]
        return [{"notes": ()} for _ in works]

    def ticking(works, settings, *, tick):  # type: ignore[no-untyped-def]
        for done in range(1, 5):
            tick(done, 4)
        return [{"quotes": ()} for _ in works]

    stages = (
        plan.Stage("clean", "article", ("document",), ("article",), "m", plan.PLAN[0].step),
        plan.Stage("first", "article", ("article",), ("notes",), "m", first),
        plan.Stage("long", "article", ("article",), ("quotes",), "m", ticking, ticks=True),
    )
    steps: list[float] = []
    document = Document(id="1", source="1.txt", text="Title\n\nOne long article.")
    list(
        plan.analyse_articles(
            [document], settings=Settings(), plan=stages, on_progress=steps.append
        )
    )
    assert len(steps) >= 6 and all(0 < s < 1 for s in steps)
    assert sum(steps) == pytest.approx(1.0)


def test_no_later_article_stage_needs_a_stage_that_runs_beside() -> None:
    article = [s for s in plan.PLAN if s.scope == "article"]
    for n, stage in enumerate(article):
        if stage.beside:
            later = {r for s in article[n + 1 :] for r in s.requires}
            assert not later & set(stage.assigns), stage.name


def test_a_stage_beside_the_others_is_merged_into_every_chunk() -> None:
    def beside(works, settings, *, tick):  # type: ignore[no-untyped-def]
        tick(1, 2)
        return [{"quotes": (w["article"].document.id,)} for w in works]

    def after(works, settings):  # type: ignore[no-untyped-def]
        return [{"notes": ("after",)} for _ in works]

    stages = (
        plan.Stage("clean", "article", ("document",), ("article",), "m", plan.PLAN[0].step),
        plan.Stage("b", "article", ("article",), ("quotes",), "m", beside, ticks=True, beside=True),
        plan.Stage("after", "article", ("article",), ("notes",), "m", after),
    )
    documents = [Document(id=str(i), source=f"{i}.txt", text=f"T\n\nBody {i}.") for i in range(5)]
    steps: list[float] = []
    analyses = list(
        plan.analyse_articles(
            documents, settings=Settings(batch_size=2), plan=stages, on_progress=steps.append
        )
    )
    assert [a.quotes for a in analyses] == [(str(i),) for i in range(5)]
    assert all(a.notes == ("after",) for a in analyses)
    assert sum(steps) == pytest.approx(5.0)
