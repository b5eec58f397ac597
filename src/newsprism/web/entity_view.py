"""The entity page's view: every mention and quote of one entity across stories, the
names each outlet uses for it and the descriptors each outlet gives it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..brief.values import clean_text
from .library import Snapshot

__all__ = ["EntityPage", "entity_page"]

# Characters of text shown either side of a mention.
_CONTEXT = 90
# Mentions listed per article; the rest are counted.
_MENTIONS_PER_ARTICLE = 6


@dataclass(frozen=True, slots=True)
class Context:
    start: int
    before: str
    text: str
    after: str


@dataclass(frozen=True, slots=True)
class QuoteLine:
    start: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    id: str
    title: str
    outlet: str
    published: str
    mentions: tuple[Context, ...]
    more: int
    quotes: tuple[QuoteLine, ...]


@dataclass(frozen=True, slots=True)
class StoryMentions:
    id: str
    title: str
    articles: tuple[ArticleMentions, ...]


@dataclass(frozen=True, slots=True)
class EntityPage:
    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    quotes: int
    # (outlet, ((name as written, count), ...)), outlets in alphabetical order.
    variants: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    descriptors: tuple[tuple[str, tuple[str, ...]], ...]
    stories: tuple[StoryMentions, ...]


def _context(text: str, start: int, end: int) -> Context:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return Context(
        start,
        ("…" if start > _CONTEXT else "") + clean_text(before) + " ",
        text[start:end],
        " " + clean_text(after) + ("…" if end + _CONTEXT < len(text) else ""),
    )


def entity_page(snapshot: Snapshot, entity_id: str) -> EntityPage | None:
    """The page of ``entity_id``, or None when no analysed article mentions it."""
    entity = snapshot.entities.get(entity_id)
    article_ids = snapshot.entity_articles.get(entity_id, ())
    if entity is None and not article_ids:
        return None
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    by_story: dict[str, list[ArticleMentions]] = defaultdict(list)
    n_mentions = n_quotes = 0
    for aid in article_ids:
        analysis = snapshot.analyses[aid]
        article = analysis.article
        outlet = article.outlet_name
        mine = [m for m in analysis.mentions if m.entity == entity_id]
        quotes = [q for q in analysis.quotes if q.speaker and q.speaker.entity == entity_id]
        for m in mine:
            variants[outlet][clean_text(m.text)] += 1
        n_mentions += len(mine)
        n_quotes += len(quotes)
        by_story[snapshot.story_of.get(aid, "")].append(
            ArticleMentions(
                id=aid,
                title=clean_text(article.title) or "(untitled)",
                outlet=clean_text(outlet),
                published=clean_text(article.published or article.document.published),
                mentions=tuple(
                    _context(article.text, m.start, m.end) for m in mine[:_MENTIONS_PER_ARTICLE]
                ),
                more=max(len(mine) - _MENTIONS_PER_ARTICLE, 0),
                quotes=tuple(QuoteLine(q.start, clean_text(q.text), q.kind) for q in quotes),
            )
        )
    stories = tuple(
        StoryMentions(
            sid,
            clean_text(snapshot.stories[sid].title)
            if sid in snapshot.stories
            else "Other articles",
            tuple(items),
        )
        for sid, items in by_story.items()
    )
    descriptors: dict[str, list[str]] = defaultdict(list)
    for outlet, text in entity.outlet_descriptors if entity else ():
        if text not in descriptors[outlet]:
            descriptors[outlet].append(clean_text(text))
    return EntityPage(
        id=entity_id,
        name=clean_text(entity.name) if entity else entity_id,
        label=entity.label if entity else "",
        aliases=tuple(clean_text(a) for a in entity.aliases) if entity else (),
        mentions=n_mentions,
        quotes=n_quotes,
        variants=tuple(
            (clean_text(o), tuple(c.most_common()))
            for o, c in sorted(variants.items(), key=lambda kv: kv[0].casefold())
        ),
        descriptors=tuple((clean_text(o), tuple(ts)) for o, ts in sorted(descriptors.items())),
        stories=stories,
    )
