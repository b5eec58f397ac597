"""Framing: how each article of a story tells it, compared with the others.

:func:`naming_variants` finds entities that outlets name differently in their own
voice (Kiev/Kyiv): forms of one entity, outside quotes, that are neither a demonym,
nor a part of a longer form (a surname), nor an abbreviation -- the pairs of
``data/name_variants.tsv`` are found this way, and so are spellings the file does not
know yet. :func:`frame_articles` gives per article its naming choices, the
descriptors it uses for people, its own-voice loaded language, the sources it quotes
and how much, and the facts most outlets carry but it omits.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data import data_table
from ..models import Analysis, Entity, Fact
from .facts import states_fact

__all__ = ["ArticleFraming", "NamingVariant", "frame_articles", "naming_variants"]

_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True, slots=True)
class NamingVariant:
    """One entity named in different ways: ``forms`` is ``(form, article ids)``."""

    entity: str
    name: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class ArticleFraming:
    article_id: str
    outlet: str
    naming: tuple[tuple[str, str], ...]  # (entity name, form this article uses)
    descriptors: tuple[tuple[str, str], ...]  # (person, descriptor)
    loaded: tuple[str, ...]
    sources: tuple[tuple[str, int, int], ...]  # (speaker, quotes, words)
    omits: tuple[str, ...]  # ids of facts most outlets carry


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(d.lower() for d, _ in data_table("demonyms.tsv"))


def _own_forms(analysis: Analysis) -> dict[str, Counter[str]]:
    """Entity id -> the forms this article uses for it outside quotes."""
    quoted = [(q.start, q.end) for q in analysis.quotes if q.kind != "indirect"]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for m in analysis.mentions:
        if not m.entity or any(s <= m.start and m.end <= e for s, e in quoted):
            continue
        form = _POSSESSIVE.sub("", m.text.strip())
        form = re.sub(r"^(?:the|The)\s+", "", form)
        if form.lower() in _demonyms() or form.lower().rstrip("s") in _demonyms():
            continue
        forms[m.entity][form] += 1
    return forms


def _is_variant(a: str, b: str) -> bool:
    """Two forms are naming choices, not a short and a long form of one name."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    if wa <= wb or wb <= wa:
        return False
    compact_a, compact_b = a.replace(".", "").replace(" ", ""), b.replace(".", "").replace(" ", "")
    if compact_a.lower() == compact_b.lower():
        return False
    # An abbreviation (UK, EU) is a short form, not a naming choice.
    return not (compact_a.isupper() or compact_b.isupper())


def naming_variants(
    analyses: Sequence[Analysis], entities: Sequence[Entity]
) -> tuple[NamingVariant, ...]:
    """Entities the story's articles name in different ways in their own voice."""
    names = {e.id: e.name for e in entities}
    used: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for analysis in analyses:
        for entity, counts in _own_forms(analysis).items():
            for form in counts:
                used[entity][form].append(analysis.article.id)
    found = []
    for entity, forms in used.items():
        variants = [f for f in forms if any(_is_variant(f, g) for g in forms if g != f)]
        if len(variants) >= 2:
            found.append(
                NamingVariant(
                    entity,
                    names.get(entity, entity),
                    tuple((f, tuple(dict.fromkeys(forms[f]))) for f in variants),
                )
            )
    return tuple(found)


def frame_articles(
    analyses: Sequence[Analysis],
    *,
    entities: Sequence[Entity],
    facts: Sequence[Fact],
    variants: Sequence[NamingVariant],
) -> tuple[ArticleFraming, ...]:
    """How each article frames the story.

    Args:
        analyses: the story's analysed articles.
        entities: the run's entities (descriptors are kept per outlet).
        facts: the story's facts; those carried by more than half of the outlets
            (and at least two) are what an article omits when it lacks them.
        variants: the story's naming variants from :func:`naming_variants`.
    """
    outlets = {a.article.outlet_name for a in analyses}
    common = [
        f for f in facts if len({e.outlet for e in f.evidence}) >= max(2, (len(outlets) + 2) // 2)
    ]
    framings = []
    for analysis in analyses:
        article = analysis.article
        naming = tuple(
            (v.name, form) for v in variants for form, ids in v.forms if article.id in ids
        )
        descriptors = tuple(
            (e.name, d) for e in entities for o, d in e.descriptors if o == article.outlet_name
        )
        loaded = tuple(
            dict.fromkeys(t.text for t in analysis.loaded_language if t.voice == "outlet")
        )
        counts: Counter[str] = Counter()
        words: Counter[str] = Counter()
        for q in analysis.quotes:
            who = q.speaker.label if q.speaker else "unattributed"
            counts[who] += 1
            words[who] += len(q.text.split())
        sources = tuple((w, n, words[w]) for w, n in counts.most_common())
        # Omitted only when none of its sentences, nor its headline, states the fact.
        omits = tuple(f.id for f in common if not states_fact(analysis, f, analyses))
        framings.append(
            ArticleFraming(
                article.id, article.outlet_name, naming, descriptors, loaded, sources, omits
            )
        )
    return tuple(framings)
