"""Independent voices: which articles of a story are reporting of their own and which
are copies of another outlet's (``Analysis.duplicate_of``, from ``pipeline.dedup``).

A copy keeps its outlet: :func:`find_voices` says which outlets also ran each
original ("AP, also run by Yahoo News"). Facts count only independent reporting:
:func:`independent_articles` gives the articles facts are grouped over, and
:func:`add_copies` then adds to each fact where the copies carry it, without changing
its status, so a wire story and its republications corroborate nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models import Analysis, Evidence, Fact

__all__ = ["CopyGroup", "add_copies", "find_voices", "independent_articles", "voice_outlets"]


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """An original article and the copies of it that other articles are: each copy
    as ``(article id, outlet)``, in the order read."""

    article_id: str
    outlet: str
    copies: tuple[tuple[str, str], ...] = ()

    @property
    def also_run_by(self) -> tuple[str, ...]:
        """The outlets running a copy, other than the original's own."""
        return tuple(dict.fromkeys(o for _, o in self.copies if o != self.outlet))


def _original(analyses: Sequence[Analysis]) -> dict[str, str]:
    """Article id to the id of the original it copies, for copies whose original is
    among ``analyses`` (following chains of copies to their start)."""
    ids = {a.article.id for a in analyses}
    parent = {a.article.id: a.duplicate_of for a in analyses if a.duplicate_of in ids}
    out = {}
    for article in parent:
        seen = {article}
        root = parent[article]
        while root in parent and root not in seen:
            seen.add(root)
            root = parent[root]
        if root is not None:
            out[article] = root
    return out


def independent_articles(analyses: Sequence[Analysis]) -> tuple[Analysis, ...]:
    """The analyses that are no copy of another among ``analyses``, in order."""
    copies = _original(analyses)
    return tuple(a for a in analyses if a.article.id not in copies)


def find_voices(analyses: Sequence[Analysis]) -> tuple[CopyGroup, ...]:
    """One :class:`CopyGroup` per original among ``analyses``, with its copies, in order.

    Example:
        >>> find_voices([])
        ()
    """
    original_of = _original(analyses)
    outlet = {a.article.id: a.article.outlet_name for a in analyses}
    copies: dict[str, list[tuple[str, str]]] = {}
    for a in analyses:
        root = original_of.get(a.article.id)
        if root is not None:
            copies.setdefault(root, []).append((a.article.id, a.article.outlet_name))
    return tuple(
        CopyGroup(a.article.id, outlet[a.article.id], tuple(copies.get(a.article.id, ())))
        for a in analyses
        if a.article.id not in original_of
    )


def voice_outlets(analyses: Sequence[Analysis]) -> dict[str, str]:
    """Article id to the outlet whose reporting it is: its own for an original, the
    original's for a copy."""
    original_of = _original(analyses)
    outlet = {a.article.id: a.article.outlet_name for a in analyses}
    return {i: outlet[original_of.get(i, i)] for i in outlet}


def _in_copy(e: Evidence, copy: Analysis) -> Evidence | None:
    """Where the copy ``copy`` carries the sentence ``e`` of its original, if it does
    word for word (a near-copy may have edited or dropped it)."""
    text = copy.article.document.text
    at = text.find(e.text)
    if at < 0 or not e.text:
        return None
    return Evidence(copy.article.id, copy.article.outlet_name, at, at + len(e.text), e.text)


def add_copies(facts: Sequence[Fact], analyses: Sequence[Analysis]) -> tuple[Fact, ...]:
    """``facts`` (grouped over :func:`independent_articles`) with ``copies`` set: where
    each copy among ``analyses`` carries the fact's evidence from its original. The
    status, evidence and sides are unchanged: a copy corroborates nothing.

    Args:
        facts: facts of the story's independent articles.
        analyses: all the story's articles, copies included.

    Returns:
        The facts in the same order.
    """
    original_of = _original(analyses)
    by_id = {a.article.id: a for a in analyses}
    copies_of: dict[str, list[Analysis]] = {}
    for copy_id, root in original_of.items():
        copies_of.setdefault(root, []).append(by_id[copy_id])
    if not copies_of:
        return tuple(facts)
    out = []
    for fact in facts:
        evidence = list(fact.evidence)
        for _, side in fact.sides:
            evidence += [e for e in side if e not in evidence]
        found = [
            c
            for e in evidence
            for copy in copies_of.get(e.article_id, ())
            if (c := _in_copy(e, copy)) is not None
        ]
        out.append(replace(fact, copies=tuple(dict.fromkeys(found))) if found else fact)
    return tuple(out)
