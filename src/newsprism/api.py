"""The importable API: each CLI command is one of these functions.

Each takes its inputs and a :class:`~newsprism.settings.Settings`, returns data, and
neither prints nor exits. Progress is reported through an optional callback
``on_progress(phase, done, total)``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ingest import expand_inputs, read_input
from .models import Analysis, Corpus, Document, InputFailure
from .settings import Settings

if TYPE_CHECKING:
    from pathlib import Path

    from .brief.records import Briefing
    from .engines.spark import RunReport
    from .store import Store

__all__ = [
    "EXTRACTED",
    "IngestReport",
    "LoadReport",
    "analyse",
    "briefing",
    "cluster",
    "extract",
    "load",
    "read",
    "run",
    "store_inputs",
]

# ``(phase, done, total)``; ``done`` may be fractional while a long article is analysed.
ProgressHook = Callable[[str, float, int], None]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What :func:`store_inputs` did: documents added, documents already stored,
    failed inputs."""

    added: int
    unchanged: int
    failures: tuple[InputFailure, ...]


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What ``load`` did: documents added and already stored, analyses stored, and
    the number of stories the run found."""

    added: int
    unchanged: int
    analyses: int
    stories: int


def _noop(phase: str, done: float, total: int) -> None:
    return None


def read(
    paths: Iterable[str], *, settings: Settings, on_progress: ProgressHook | None = None
) -> tuple[list[Document], list[InputFailure]]:
    """Read every input named by ``paths`` (files, directories, ``-``, URLs); an input
    holding several articles (JSON Lines, feed, WARC) gives a document for each.

    Returns the documents, with the same content read twice kept once (an exact copy
    under another outlet is kept, as that outlet's: see :mod:`newsprism.ingest.ids`),
    and the inputs that could not be read.
    """
    from .ingest.ids import keyed_document

    documents: dict[str, Document] = {}
    failures: list[InputFailure] = []
    for result in _read_each(paths, settings=settings, on_progress=on_progress):
        if isinstance(result, InputFailure):
            failures.append(result)
        else:
            kept = keyed_document(result, documents.get)
            documents.setdefault(kept.id, kept)
    return list(documents.values()), failures


def _read_each(
    paths: Iterable[str], *, settings: Settings, on_progress: ProgressHook | None = None
) -> Iterator[Document | InputFailure]:
    """Each document or failure of ``paths`` as it is read; never raises for a bad
    input (see :func:`newsprism.ingest.read_input`)."""
    progress = on_progress or _noop
    items = list(expand_inputs(paths))
    for done, item in enumerate(items, 1):
        yield from read_input(item, settings=settings)
        progress("read", done, len(items))


def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    on_progress: ProgressHook | None = None,
    needs: Collection[str] | None = None,
) -> Corpus:
    """Run the pipeline over ``documents`` with the engine the settings choose.

    Args:
        documents: the documents.
        settings: the run's settings.
        failures: inputs that could not be read, carried into the result.
        on_progress: progress callback ``(phase, done, total)``.
        needs: the names of the results the caller reads (fields of
            :class:`~newsprism.models.Analysis`, ``entities``, ``stories``): on the
            local engine only the stages they need run (:func:`newsprism.plan.needed_for`).
            Default: every stage.
    """
    from .engines import analyse as run_engine

    progress = on_progress or _noop
    total = len(documents)
    done = 0.0

    def step(n: float) -> None:
        nonlocal done
        done += n
        # Fractions of long articles add up to whole ones but for the float's last bits.
        progress("analyse", round(done, 6), total)

    if needs is not None and settings.engine == "local":
        from .engines.local import analyse as run_local
        from .plan import needed_for

        return run_local(
            documents,
            settings=settings,
            failures=failures,
            on_progress=step,
            stages=needed_for(needs),
        )
    return run_engine(documents, settings=settings, failures=failures, on_progress=step)


def store_inputs(
    paths: Iterable[str],
    *,
    settings: Settings,
    analyse: bool = True,
    on_progress: ProgressHook | None = None,
) -> IngestReport:
    """Read ``paths`` into the store at ``settings.db``, analyse what is new and place
    it in the stored stories (the ``ingest`` command).

    Re-ingesting the same content changes nothing. Documents are stored in batches as
    they are read, and analyses in batches as they finish, each batch in one
    transaction: an interrupted run loses at most one batch, and the next run on the
    same inputs resumes where it stopped.

    Args:
        paths: files, directories, ``-`` or URLs.
        settings: the run's settings.
        analyse: also run the per-article analysis now (else :func:`briefing` does it
            later).
        on_progress: progress callback ``(phase, done, total)``.
    """
    from .ingest.ids import keyed_document
    from .store import open_store

    failures: list[InputFailure] = []
    added = unchanged = 0
    with open_store(settings.db) as store:
        batch: dict[str, Document] = {}

        def known(document_id: str) -> Document | None:
            return batch.get(document_id) or store.get_document(document_id)

        for result in _read_each(paths, settings=settings, on_progress=on_progress):
            if isinstance(result, InputFailure):
                failures.append(result)
                continue
            kept = keyed_document(result, known)
            batch.setdefault(kept.id, kept)
            if len(batch) >= DOCUMENT_BATCH:
                counts = store.add_documents(batch.values())
                added, unchanged = added + counts.added, unchanged + counts.unchanged
                batch.clear()
        if batch:
            counts = store.add_documents(batch.values())
            added, unchanged = added + counts.added, unchanged + counts.unchanged
        if analyse:
            _analyse_and_place(store, settings=settings, on_progress=on_progress)
    return IngestReport(added, unchanged, tuple(failures))


# Documents and analyses written to the store per transaction: bounds what an
# interrupted run loses, while keeping transactions few.
DOCUMENT_BATCH = 64
ANALYSIS_BATCH = 32


def _analyse_and_place(
    store: Store, *, settings: Settings, on_progress: ProgressHook | None = None
) -> None:
    """Analyse the stored documents that have no analysis made by the current pipeline
    version (storing the results batch by batch), then place the analysed articles
    that are in no stored story yet. Only those articles' analyses are decoded, so a
    store whose articles are all analysed and placed costs two queries (and loads no
    model)."""
    from .engines import analyse_documents, pipeline_version, place

    progress = on_progress or _noop
    version = pipeline_version(settings=settings)
    missing = store.pending_documents(pipeline=version)
    batch: list[Analysis] = []
    for done, analysis in enumerate(analyse_documents(missing, settings=settings), 1):
        batch.append(analysis)
        if len(batch) >= ANALYSIS_BATCH:
            store.put_analyses(batch, pipeline=version)
            batch.clear()
        progress("analyse", done, len(missing))
    if batch:
        store.put_analyses(batch, pipeline=version)
    unplaced = store.unplaced_analyses(pipeline=version)
    if unplaced:
        place(store, unplaced, settings=settings)


def extract(
    paths: Iterable[str],
    *,
    settings: Settings,
    on_progress: ProgressHook | None = None,
    needs: Collection[str] | None = None,
) -> Corpus:
    """Read and analyse ``paths``: cleaned text, entities and quotes per document.

    ``needs`` names the results the caller reads (see :func:`analyse`; the ``extract``
    command passes :data:`EXTRACTED`); default: every stage of the plan runs.
    """
    documents, failures = read(paths, settings=settings, on_progress=on_progress)
    return analyse(
        documents, settings=settings, failures=failures, on_progress=on_progress, needs=needs
    )


# What ``extract``'s records (:func:`newsprism.export.analysis_record`) read of each
# analysis: neither the claims' sentence embeddings nor copies and stories, so the
# command runs neither the sentence model nor the story stages.
EXTRACTED = frozenset(
    {
        "article",
        "notes",
        "mentions",
        "entities",
        "quotes",
        "claims",
        "quantities",
        "dates",
        "loaded_language",
    }
)


def briefing(
    paths: Sequence[str] = (),
    *,
    settings: Settings,
    on_progress: ProgressHook | None = None,
) -> Briefing:
    """The briefing of ``paths``, or of the stories in the store when no path is
    given (reusing stored analyses, the stored stories and their stored briefings:
    nothing re-clustered, and a story compared again only when it changed).
    Returns the :class:`~newsprism.brief.records.Briefing` record;
    ``newsprism.codec.to_json`` gives the JSON documented in ``docs/json.md``."""
    if paths:
        from .brief.build import build_briefing

        documents, failures = read(paths, settings=settings, on_progress=on_progress)
        corpus = analyse(documents, settings=settings, failures=failures, on_progress=on_progress)
        return build_briefing(corpus)
    from .brief.records import BRIEFING_VERSION, Briefing
    from .engines import stored_briefings
    from .store import open_existing_store

    # The stories the store keeps (the web app shows the same): nothing re-clustered,
    # and each story's briefing read back as stored while its articles are unchanged.
    with open_existing_store(settings.db) as store:
        _analyse_and_place(store, settings=settings, on_progress=on_progress)
        stories = stored_briefings(store, settings=settings)
    return Briefing(version=BRIEFING_VERSION, stories=tuple(stories))


def cluster(
    paths: Iterable[str], *, settings: Settings, on_progress: ProgressHook | None = None
) -> Corpus:
    """Read ``paths``, mark near-duplicate copies and group the articles into stories.

    Stories depend only on the cleaned words and the publication dates, so this runs
    the stages of the plan the stories need (cleaning, duplicate detection and
    clustering) but not the NLP: the stories are the ones ``extract``/``briefing``
    find, without their entities (the analyses hold only the cleaned articles, with
    ``duplicate_of`` set on copies).

    Returns:
        A :class:`Corpus` with the analyses in input order, the stories (largest
        first) and the inputs that could not be read.
    """
    from .plan import analyse_articles, combine, needed_for

    documents, failures = read(paths, settings=settings, on_progress=on_progress)
    stages = needed_for({"stories"})
    analyses = list(analyse_articles(documents, settings=settings, plan=stages))
    return combine(analyses, settings=settings, failures=failures, plan=stages)


def run(paths: Iterable[str], *, settings: Settings, out: str | Path) -> RunReport:
    """Read, analyse, de-duplicate and cluster ``paths`` as a batch job on the engine
    the settings choose (``spark``), writing Parquet tables under ``out``: ``articles``
    (story, ``duplicate_of`` and the analysis of each), ``stories`` and ``failures``.

    Raises:
        SettingsError: the engine is not ``spark``.
        EngineError: PySpark is missing or Spark cannot start.
    """
    from .engines import run as run_engine

    return run_engine(paths, settings=settings, out=out)


def load(
    out: str | Path, *, settings: Settings, on_progress: ProgressHook | None = None
) -> LoadReport:
    """Load what :func:`run` wrote under ``out`` into the store at ``settings.db``:
    every article's document and per-article analysis (under the pipeline version
    that made it, so a store with another version recomputes it), each article placed
    in the stored stories as :func:`store_inputs` places it.

    Raises:
        SettingsError: the engine is not ``spark``.
        EngineError: PySpark is missing, Spark cannot start, or ``out`` holds no run.
    """
    from .engines import place, read_run
    from .store import open_store

    progress = on_progress or _noop
    added = unchanged = stored = 0
    with open_store(settings.db) as store:

        def put(batch: list[tuple[str, Analysis]]) -> None:
            nonlocal added, unchanged, stored
            counts = store.add_documents(a.article.document for _, a in batch)
            added, unchanged = added + counts.added, unchanged + counts.unchanged
            for version in dict.fromkeys(v for v, _ in batch):
                stored += store.put_analyses(
                    [a for v, a in batch if v == version], pipeline=version
                )
            # As store_inputs does: the stored stories take the new articles without
            # re-clustering the store.
            place(store, [a for _, a in batch], settings=settings)
            progress("load", stored, stored)

        stories = read_run(out, settings=settings, on_batch=put)
    return LoadReport(added, unchanged, stored, len(stories))
