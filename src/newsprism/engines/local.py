"""The local engine: every stage in this process, spaCy batched with ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import Analysis, Corpus, Document, InputFailure
from ..pipeline.annotate import annotate, load_pipeline
from ..pipeline.clean import clean
from ..pipeline.cluster import cluster
from ..pipeline.entities import extract_mentions, person_descriptors, resolve_entities
from ..pipeline.quotes import extract_quotes
from ..settings import Settings

__all__ = ["analyse"]

Progress = Callable[[int], None]


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
    articles = [clean(d) for d in documents]
    nlp = load_pipeline(settings.spacy_model) if articles else None
    analyses: list[Analysis] = []
    descriptors = []
    if nlp is not None:
        for article, doc in zip(
            articles, annotate(articles, nlp=nlp, batch_size=settings.batch_size), strict=True
        ):
            analyses.append(
                Analysis(
                    article=article,
                    mentions=extract_mentions(article, doc),
                    quotes=extract_quotes(article, doc),
                )
            )
            descriptors.append(person_descriptors(article, doc))
            if on_progress is not None:
                on_progress(1)
    entities, resolved = resolve_entities(analyses, descriptors=descriptors)
    stories = cluster(resolved, threshold=settings.story_threshold)
    return Corpus(analyses=resolved, entities=entities, stories=stories, failures=tuple(failures))
