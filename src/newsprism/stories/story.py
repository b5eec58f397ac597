"""A story record from its member articles, and its id."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from ..models import Analysis, Story

__all__ = ["KEY_ENTITY_COUNT", "make_story", "story_id"]

KEY_ENTITY_COUNT = 8


def story_id(article_ids: Iterable[str]) -> str:
    """A stable id from the ids of a story's first articles."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:12]
    return f"story-{digest}"


def make_story(
    members: Sequence[Analysis],
    *,
    centre: int = 0,
    copies: Sequence[Analysis] = (),
    sid: str | None = None,
) -> Story:
    """The :class:`Story` of ``members`` (canonical copies) plus their ``copies``.

    Args:
        members: the story's canonical articles; ``members[centre]`` gives the label.
        centre: index of the most central member (its headline labels the story).
        copies: duplicates of members, listed in the story but not as voices.
        sid: the story id; by default derived from the member ids.
    """
    everyone = [*members, *copies]
    counts = Counter(
        m.entity
        for a in everyone
        for m in a.mentions
        if m.entity and not m.entity.startswith("group:")
    )
    dates = sorted(
        p for a in everyone if (p := a.article.published or a.article.document.published)
    )
    outlets = sorted({a.article.outlet_name for a in everyone})
    voices = tuple(a.article.id for a in members)
    return Story(
        id=sid or story_id(voices),
        title=members[centre].article.title if members else "",
        article_ids=tuple(a.article.id for a in everyone),
        key_entities=tuple(e for e, _ in counts.most_common(KEY_ENTITY_COUNT)),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        outlets=tuple(outlets),
        voices=voices,
    )
