"""The plan: every stage of the analysis, in order, declared once.

Each :class:`Stage` has a name, a scope -- ``article`` (looks at one article alone; its
results are what the store keeps) or ``batch`` (needs the articles of a run at once) --
the names it ``requires`` and the names it ``assigns``, as spaCy's
``Language.component(..., requires=, assigns=)`` declares a pipe. Names are the fields
of :class:`~newsprism.models.Analysis` (``article``, ``mentions``, ``quotes``...), the
run's input ``document``, spaCy's ``doc`` (kept only while an article is analysed),
and the corpus-wide ``entities`` and ``stories``.

Both engines, the API, the CLI and the web jobs run :data:`PLAN` through the three
functions here; nothing else spells out the order:

* :func:`analyse_articles` runs the ``article`` stages over documents;
* :func:`combine` runs the ``batch`` stages over analyses, either grouping stories in
  memory or, given the store's story index, placing the articles in the stored stories;
* :func:`fingerprint` hashes the ``article`` stages' own code and data: stored
  analyses made under another fingerprint are recomputed.

A stage can be switched off by the settings (``enabled``) or skipped for one article
(``applies``, e.g. a language gate); an article stage whose required names an article
lacks is skipped for that article, and what it would assign keeps the record default.
:func:`needed_for` picks the stages a result needs (``newsprism cluster`` needs the
stories, not the NLP).

This module imports no stage module until a stage runs, so ``import newsprism.plan``
stays cheap and stage modules never import the engines.
"""

from __future__ import annotations

import ast
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from functools import cache, partial
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._version import __version__
from .models import Analysis, Corpus, Document, InputFailure
from .settings import Settings

if TYPE_CHECKING:
    from .stories.place import StoryStore

__all__ = [
    "PLAN",
    "Batch",
    "Stage",
    "analyse_articles",
    "briefing_fingerprint",
    "combine",
    "fingerprint",
    "fingerprint_files",
    "needed_for",
]

log = logging.getLogger(__name__)

Scope = Literal["article", "batch"]
# One article's work in progress: the names assigned so far (see the module docstring).
Work = Mapping[str, Any]
ArticleStep = Callable[[Sequence[Work], Settings], list[dict[str, Any]]]
# How far a long stage has got over its chunk of works: ``(done, total)`` in the
# stage's own units (characters parsed, texts embedded).
Tick = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Batch:
    """What a batch stage is given besides the corpus.

    Attributes:
        settings: the run's settings.
        index: the store's stories; when given, the ``stories`` stage places the
            articles in them instead of grouping the batch on its own.
    """

    settings: Settings
    index: StoryStore | None = None


BatchStep = Callable[[Corpus, Batch], Corpus]


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the plan.

    Attributes:
        name: the stage's name, unique in the plan.
        scope: ``article`` (one article at a time) or ``batch`` (a run's articles).
        requires: the names the stage reads, assigned by earlier stages.
        assigns: the names the stage writes.
        module: the stage's module; for an article stage, the fingerprint covers it,
            the pipeline modules it imports and the data files they name.
        step: runs the stage: an article stage maps a chunk of works to what it
            assigns for each (``ArticleStep``), a batch stage maps a corpus to the
            next (``BatchStep``).
        enabled: whether the settings (or the installed extras) turn the stage on;
            always when ``None``.
        applies: whether the stage runs on one article; always when ``None``.
        ticks: whether ``step`` takes a ``tick`` keyword (a :data:`Tick`) and reports
            its progress through it, so that a long article's progress bar moves
            while the stage runs.
        beside: whether the stage runs in a thread of its own beside the stages after
            it and the next chunk's (the sentence model computes while spaCy parses,
            one core each); no later article stage may require what it assigns.
    """

    name: str
    scope: Scope
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    module: str
    step: Callable[..., Any]
    enabled: Callable[[Settings], bool] | None = None
    applies: Callable[[Work], bool] | None = None
    ticks: bool = False
    beside: bool = False

    def on(self, settings: Settings) -> bool:
        """Whether the stage runs under ``settings``."""
        return self.enabled is None or self.enabled(settings)


# -- article stages ------------------------------------------------------------------


def _clean(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.clean import clean

    return [{"article": clean(w["document"])} for w in works]


def _language(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.language_gate import language_note, skipped_stages

    out: list[dict[str, Any]] = []
    for w in works:
        language = w["article"].document.language
        skipped = skipped_stages(language)
        if skipped:
            note = language_note(language, skipped)
            log.warning("%s: %s", w["article"].document.source, note)
            out.append({"notes": (note,)})
        else:
            out.append({"notes": ()})
    return out


def _is_supported(work: Work) -> bool:
    """Whether an article's language allows the NLP stages (the language stage left no
    note): every stage that needs spaCy's ``doc`` is skipped with ``annotate``."""
    return not work.get("notes")


def _annotate(
    works: Sequence[Work], settings: Settings, *, tick: Tick | None = None
) -> list[dict[str, Any]]:
    from .pipeline.annotate import annotate, load_pipeline

    if not works:
        return []
    articles = [w["article"] for w in works]
    nlp = load_pipeline(settings.spacy_model)
    # Ingest caps document length (Settings.max_document_chars); spaCy's own cap would
    # raise mid-batch on a longer stored document and stop every later run.
    nlp.max_length = max(nlp.max_length, max(len(a.body) for a in articles) + 1)
    total = sum(len(a.body) for a in articles)
    done = 0

    def piece(chars: int) -> None:
        nonlocal done
        done += chars
        if tick is not None:
            tick(done, total)

    docs = annotate(articles, nlp=nlp, batch_size=settings.batch_size, on_piece=piece)
    return [{"doc": doc} for doc in docs]


def _mentions(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.entities import extract_mentions

    return [{"mentions": extract_mentions(w["article"], w["doc"])} for w in works]


def _descriptors(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.entities import person_descriptors

    return [{"person_descriptors": person_descriptors(w["article"], w["doc"])} for w in works]


def _quotes(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.quotes import extract_quotes

    return [{"quotes": extract_quotes(w["article"], w["doc"])} for w in works]


def _quantities(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.quantities import extract_quantities

    return [
        {"quantities": extract_quantities(w["article"], w["doc"], quotes=w["quotes"])}
        for w in works
    ]


def _claims(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.annotate import load_pipeline
    from .pipeline.claims import extract_claims, headline

    # Headlines are not in the body the annotate stage parsed; a headline claim needs
    # its own parse.
    heads = [headline(w["article"]) for w in works]
    nlp = load_pipeline(settings.spacy_model) if any(heads) else None
    parsed = iter(nlp.pipe([h for h in heads if h]) if nlp is not None else ())
    return [
        {
            "claims": extract_claims(
                w["article"],
                w["doc"],
                quotes=w["quotes"],
                quantities=w["quantities"],
                title=next(parsed) if h else None,
            )
        }
        for w, h in zip(works, heads, strict=True)
    ]


def _claim_vectors(
    works: Sequence[Work], settings: Settings, *, tick: Tick | None = None
) -> list[dict[str, Any]]:
    from .pipeline.same_fact import claim_vectors
    from .pipeline.semantic import torch_threads

    # One embedding call for the chunk's claims: the model batches them. One thread:
    # the stage runs beside the next chunk's parse (see ``Stage.beside``).
    texts = [c.text for w in works for c in w["claims"]]
    with torch_threads(1):
        packed = iter(claim_vectors(texts, on_batch=tick))
    return [{"claim_vectors": tuple(next(packed) for _ in w["claims"])} for w in works]


def _semantic(settings: Settings) -> bool:
    from .pipeline.semantic import wanted

    return wanted(settings.semantic_similarity)


def _dates(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.dates import extract_dates

    return [{"dates": extract_dates(w["article"], w["doc"])} for w in works]


def _loaded_language(works: Sequence[Work], settings: Settings) -> list[dict[str, Any]]:
    from .pipeline.loaded import extract_loaded_language

    return [
        {"loaded_language": extract_loaded_language(w["article"], w["doc"], quotes=w["quotes"])}
        for w in works
    ]


# -- batch stages --------------------------------------------------------------------


def _entities(corpus: Corpus, batch: Batch) -> Corpus:
    from .pipeline.entities import resolve_entities

    analyses = corpus.analyses
    entities, resolved = resolve_entities(
        analyses, descriptors=[a.person_descriptors for a in analyses]
    )
    return replace(corpus, analyses=resolved, entities=entities)


def _claim_entities(corpus: Corpus, batch: Batch) -> Corpus:
    from .pipeline.claims import link_claims

    return replace(corpus, analyses=tuple(link_claims(a) for a in corpus.analyses))


def _duplicates(corpus: Corpus, batch: Batch) -> Corpus:
    from .pipeline.dedup import find_duplicates

    return replace(corpus, analyses=find_duplicates(corpus.analyses))


def _stories(corpus: Corpus, batch: Batch) -> Corpus:
    from .pipeline.semantic import wanted

    settings = batch.settings
    semantic = wanted(settings.semantic_similarity)
    if batch.index is not None:
        from .pipeline.semantic import embed
        from .stories.place import place_articles

        # The stored stories take the new articles without re-clustering the store,
        # compared by the same learned similarity; they find stored copies themselves
        # (the first placed copy is canonical).
        place_articles(
            corpus.analyses,
            batch.index,
            threshold=settings.story_threshold,
            embed=embed if semantic else None,
        )
        return corpus
    from .stories.cluster import cluster

    stories = cluster(corpus.analyses, threshold=settings.story_threshold, semantic=semantic)
    return replace(corpus, stories=stories)


# -- the plan ------------------------------------------------------------------------

_P = "newsprism.pipeline."
# fmt: off
PLAN: tuple[Stage, ...] = (
    Stage("clean", "article", ("document",), ("article",), _P + "clean", _clean),
    Stage("language", "article", ("article",), ("notes",), _P + "language_gate", _language),
    Stage("annotate", "article", ("article",), ("doc",), _P + "annotate", _annotate,
          applies=_is_supported, ticks=True),
    Stage("mentions", "article", ("article", "doc"), ("mentions",), _P + "entities", _mentions),
    Stage("descriptors", "article", ("article", "doc"), ("person_descriptors",), _P + "entities",
          _descriptors),
    Stage("quotes", "article", ("article", "doc"), ("quotes",), _P + "quotes", _quotes),
    Stage("quantities", "article", ("article", "doc", "quotes"), ("quantities",),
          _P + "quantities", _quantities),
    Stage("claims", "article", ("article", "doc", "quotes", "quantities"), ("claims",),
          _P + "claims", _claims),
    Stage("claim_vectors", "article", ("claims",), ("claim_vectors",), _P + "same_fact",
          _claim_vectors, enabled=_semantic, ticks=True, beside=True),
    Stage("dates", "article", ("article", "doc"), ("dates",), _P + "dates", _dates),
    Stage("loaded_language", "article", ("article", "doc", "quotes"), ("loaded_language",),
          _P + "loaded", _loaded_language),
    Stage("entities", "batch", ("mentions", "person_descriptors", "quotes"), ("entities",),
          _P + "entities", _entities),
    Stage("claim_entities", "batch", ("claims", "quantities", "entities"),
          ("claims", "quantities"), _P + "claims", _claim_entities),
    Stage("duplicates", "batch", ("article",), ("duplicate_of",), _P + "dedup", _duplicates),
    Stage("stories", "batch", ("article", "duplicate_of"), ("stories",),
          "newsprism.stories.cluster", _stories),
)
# fmt: on

_ANALYSIS_FIELDS = frozenset(f.name for f in fields(Analysis))


def needed_for(goals: Iterable[str], plan: Sequence[Stage] = PLAN) -> tuple[Stage, ...]:
    """The stages of ``plan``, in order, that the names ``goals`` need: those that
    assign a needed name, and what they require in turn.

    Example:
        >>> [s.name for s in needed_for({"stories"})]
        ['clean', 'duplicates', 'stories']
    """
    needed = set(goals)
    picked: list[Stage] = []
    for stage in reversed(plan):
        if needed & set(stage.assigns):
            picked.append(stage)
            needed |= set(stage.requires)
    return tuple(reversed(picked))


def analyse_articles(
    documents: Iterable[Document],
    *,
    settings: Settings,
    plan: Sequence[Stage] = PLAN,
    on_progress: Callable[[float], None] | None = None,
) -> Iterator[Analysis]:
    """The article stages of ``plan`` over ``documents``, in order, one analysis at a
    time as each chunk of ``settings.batch_size`` documents is done (so memory holds
    one chunk's spaCy docs, whatever the number of documents).

    Args:
        documents: the documents to analyse.
        settings: the run's settings.
        plan: the stages to run (the batch stages among them are left out).
        on_progress: called with the number of documents just finished; while a
            chunk is analysed, with fractions of it: each stage done is an equal
            share of the chunk, and the stages that tick (the parse, the
            embeddings) add theirs piece by piece, so one long article moves too.
    """
    stages = [s for s in plan if s.scope == "article" and s.on(settings)]
    rows = iter(documents)
    size = max(settings.batch_size, 1)
    lock = threading.Lock()

    def progress(n: float) -> None:
        if on_progress is not None:
            with lock:  # a stage beside the others reports from its own thread
                on_progress(n)

    held: _Chunk | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-beside") as pool:
        while chunk := list(islice(rows, size)):
            # This chunk's stages run while the last chunk's stages beside finish.
            current = _Chunk(chunk, stages, settings, progress=progress, pool=pool)
            if held is not None:
                yield from held.finish()
            held = current
        if held is not None:
            yield from held.finish()


class _Chunk:
    """One chunk of documents through the article stages: the stages that run
    ``beside`` the others go to ``pool`` and are waited for in :meth:`finish`.

    Progress: each stage is an equal share of the chunk's documents; the stages that
    tick add theirs piece by piece.
    """

    def __init__(
        self,
        chunk: Sequence[Document],
        stages: Sequence[Stage],
        settings: Settings,
        *,
        progress: Callable[[float], None],
        pool: ThreadPoolExecutor,
    ) -> None:
        self.size = len(chunk)
        self.share = self.size / max(len(stages), 1)
        self.progress = progress
        self.reported = [0.0] * len(stages)
        self.beside: list[tuple[int, Stage, Future[list[Work]]]] = []
        works: list[Work] = [{"document": d} for d in chunk]
        for n, stage in enumerate(stages):
            tick = partial(self._ticked, n)
            if stage.beside:
                future = pool.submit(_run_article_stage, stage, works, settings, tick=tick)
                self.beside.append((n, stage, future))
                continue
            works = _run_article_stage(stage, works, settings, tick=tick)
            self._ticked(n, 1, 1)
        # The spaCy docs are not kept past the stages that read them.
        self.works = [{k: v for k, v in w.items() if k != "doc"} for w in works]

    def _ticked(self, n: int, done: int, total: int) -> None:
        """Stage ``n`` has done ``done`` of its ``total`` units: report its share so far."""
        upto = self.share * min(done / max(total, 1), 1.0)
        if upto > self.reported[n]:
            self.progress(upto - self.reported[n])
            self.reported[n] = upto

    def finish(self) -> Iterator[Analysis]:
        """The chunk's analyses, once the stages beside the others are done."""
        works = self.works
        for n, stage, future in self.beside:
            assigned = future.result()
            self._ticked(n, 1, 1)
            works = [
                {**w, **{k: a[k] for k in stage.assigns if k in a}}
                for w, a in zip(works, assigned, strict=True)
            ]
        rest = self.size - sum(self.reported)
        if rest > 0:  # the shares' sum may fall short of the chunk by a float's last bits
            self.progress(rest)
        for work in works:
            yield Analysis(**{k: v for k, v in work.items() if k in _ANALYSIS_FIELDS})


def _run_article_stage(
    stage: Stage, works: list[Work], settings: Settings, *, tick: Tick | None = None
) -> list[Work]:
    ready = [
        i
        for i, w in enumerate(works)
        if all(r in w for r in stage.requires) and (stage.applies is None or stage.applies(w))
    ]
    if not ready:
        return works
    out = list(works)
    picked = [works[i] for i in ready]
    assigned_all = (
        stage.step(picked, settings, tick=tick) if stage.ticks else stage.step(picked, settings)
    )
    for i, assigned in zip(ready, assigned_all, strict=True):
        out[i] = {**works[i], **assigned}
    return out


def combine(
    analyses: Sequence[Analysis],
    *,
    settings: Settings,
    failures: Sequence[InputFailure] = (),
    plan: Sequence[Stage] = PLAN,
    index: StoryStore | None = None,
    given: Mapping[str, BatchStep] | None = None,
) -> Corpus:
    """The batch stages of ``plan`` over ``analyses``: entities across articles, claims
    linked to them, copies and stories.

    Args:
        analyses: the per-article analyses of a run.
        settings: the run's settings.
        failures: inputs that could not be read, carried into the result.
        plan: the stages to run (the article stages among them are left out).
        index: the store's stories: place the articles in them (the result then has
            no stories; the store holds them).
        given: an engine's own implementation of a stage, by name (the Spark engine
            finds copies as a distributed job).
    """
    corpus = Corpus(analyses=tuple(analyses), failures=tuple(failures))
    batch = Batch(settings=settings, index=index)
    for stage in plan:
        if stage.scope == "batch" and stage.on(settings):
            step = (given or {}).get(stage.name, stage.step)
            corpus = step(corpus, batch)
    return corpus


# -- the fingerprint -----------------------------------------------------------------

_ROOT = Path(__file__).resolve().parent
# What the fingerprint follows: stage code and the data loader. Records, codec and
# errors are left out: they are shared by every layer, and a record field added at the
# end with a default (the usual change) leaves stored analyses valid.
_FOLLOWED = ("newsprism.pipeline", "newsprism.data")


def _module_file(module: str, root: Path) -> Path | None:
    parts = module.split(".")[1:]
    base = root.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# An import statement on a line of its own, with a parenthesised list of names across
# lines. Only these statements are parsed: walking every file's whole syntax tree made
# the fingerprint most of a stored briefing's time.
_IMPORT_STATEMENT = re.compile(
    r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)$",
    re.MULTILINE,
)


def _imports(module: str, path: Path) -> set[str]:
    """The newsprism modules ``path`` (module ``module``) imports anywhere, at the top
    or inside functions (and any a docstring's example imports on a line of its own:
    at worst the fingerprint follows a file more)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for match in _IMPORT_STATEMENT.finditer(path.read_text(encoding="utf-8")):
        try:
            statement = ast.parse(match.group(0).strip()).body
        except SyntaxError:  # prose in a docstring that reads like an import
            continue
        for node in statement:
            if isinstance(node, ast.Import):
                out |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                out.add(target)
                out |= {f"{target}.{a.name}" for a in node.names}
    return {m for m in out if m == "newsprism" or m.startswith("newsprism.")}


def fingerprint_files(modules: Iterable[str], *, root: Path = _ROOT) -> list[Path]:
    """The files whose bytes make the fingerprint of ``modules``: each module's file,
    the ``newsprism.pipeline``/``newsprism.data`` modules it imports (transitively,
    subpackages included), and the data files under ``data/`` named in any of them.

    Args:
        modules: dotted module names (``newsprism.pipeline.quotes``).
        root: the package folder (``src/newsprism``).

    Returns:
        The files, sorted.
    """
    seen: set[str] = set()
    files: set[Path] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        path = _module_file(module, root)
        if path is None:
            continue
        files.add(path)
        todo += [m for m in _imports(module, path) if m.startswith(_FOLLOWED)]
    sources = "\n".join(p.read_text(encoding="utf-8") for p in files)
    data = root / "data"
    named = {p for p in data.iterdir() if p.is_file() and p.suffix != ".py" and p.name in sources}
    return sorted(files | named)


def _installed(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def _fingerprint(model: str, stages: tuple[str, ...], modules: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{__version__}\n{model} {_installed(model)}\n".encode())
    digest.update(" ".join(stages).encode() + b"\n")
    for path in fingerprint_files(modules):
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(settings: Settings, plan: Sequence[Stage] = PLAN) -> str:
    """A fingerprint of the per-article analysis under ``settings``: the package
    version, the spaCy model and its installed version, the article stages switched
    on, and the bytes of their code and data (see :func:`fingerprint_files`). Batch
    stages are not in it: they are rerun on every batch.

    Example:
        >>> len(fingerprint(Settings()))
        16
    """
    stages = [s for s in plan if s.scope == "article" and s.on(settings)]
    return _fingerprint(
        settings.spacy_model,
        tuple(s.name for s in stages),
        tuple(sorted({s.module for s in stages})),
    )


# What makes a story's briefing from its members' analyses besides the article stages:
# the batch stages run over one story (entities, claims linked to them), the
# comparison, the briefing's records and the codec that stores them.
_BRIEFING_MODULES = (
    "newsprism.pipeline.entities",
    "newsprism.pipeline.claims",
    "newsprism.pipeline.compare",
    "newsprism.brief.build",
    "newsprism.brief.comparison",
    "newsprism.brief.records",
    "newsprism.models",
    "newsprism.codec",
)


@cache
def _briefing_fingerprint(analysis: str) -> str:
    digest = hashlib.sha256(f"{analysis}\n".encode())
    for path in fingerprint_files(_BRIEFING_MODULES):
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def briefing_fingerprint(settings: Settings, plan: Sequence[Stage] = PLAN) -> str:
    """A fingerprint of what makes a stored story's briefing from its articles: the
    analysis (:func:`fingerprint`) and the bytes of the comparison's code and data
    (the batch stages run per story, :mod:`newsprism.pipeline.compare` and what it
    imports, the briefing's records and their codec). A stored briefing made under
    another fingerprint is rebuilt.

    Example:
        >>> len(briefing_fingerprint(Settings()))
        16
    """
    return _briefing_fingerprint(fingerprint(settings, plan))
