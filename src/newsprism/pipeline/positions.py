"""Positions: where each actor of a story stands on its central question.

:func:`find_positions` takes the story's central question to be its most widely
carried fact (``facts[0]``), and the words its claims share as the question's topic.
Every claim of the story on that topic speaks for an actor: its asserter when it is
reported speech, else its agent. People count for the country their descriptor names
("Italian Prime Minister Giorgia Meloni" speaks for Italy), institutions and capitals
for the country they stand for (``data/metonyms.tsv``). The stance of a claim comes
from the cues of ``data/stance_cues.tsv``; an actor's stance is its most frequent one,
the evidence listed. A claim about the actor's own forces ("ruled out deploying
American troops") marks the position ``is_own_forces``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..data import data_table
from ..models import Analysis, Claim, Entity, Evidence, Fact, Position, Stance
from .sources import actor_id

__all__ = ["find_positions"]

_STANCE_ORDER: tuple[Stance, ...] = ("opposes", "supports", "conditional", "undecided")
# Within one sentence a hedge on the stance wins over the stance it hedges.
_CLAIM_PRIORITY: tuple[Stance, ...] = ("undecided", "conditional", "opposes", "supports")
_MAX_EVIDENCE = 4
_FORCE_WORDS = r"(?:troops|forces|soldiers|personnel|peacekeepers|contingent|boots)"


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, Stance]]:
    rows: dict[str, Stance] = {p.lower(): s for p, s in data_table("stance_cues.tsv")}  # type: ignore[misc]
    words = sorted(rows, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w])", re.IGNORECASE), rows


def _topic(fact: Fact, analyses: Sequence[Analysis]) -> frozenset[str]:
    claims = {(a.article.id, c.start): c for a in analyses for c in a.claims}
    counts: Counter[str] = Counter()
    for ev in fact.evidence:
        claim = claims.get((ev.article_id, ev.start))
        if claim is not None:
            counts.update(set(claim.terms))
    need = max(2, (len(fact.evidence) + 1) // 2)
    return frozenset(t for t, n in counts.items() if n >= need)


def _affiliations(entities: Sequence[Entity]) -> dict[str, str]:
    """Entity id -> id of the place it speaks for."""
    places = {}
    for e in entities:
        if e.label in {"GPE", "LOC", "NORP"} and e.id.startswith("place:"):
            for name in (e.name, *e.aliases):
                places[name.lower().replace(".", "")] = e.id
    names = {e.name.lower(): e.id for e in entities}
    found = {}
    for e in entities:
        if e.label == "PERSON":
            for _, descriptor in e.descriptors:
                words = re.findall(r"[\w.]+", descriptor)
                place = next(
                    (
                        places[w.lower().replace(".", "")]
                        for w in words
                        if w.lower().replace(".", "") in places
                    ),
                    None,
                )
                if place:
                    found[e.id] = place
                    break
        elif e.label == "ORG":
            first = e.name.split(" ")[0].lower()
            found[e.id] = places.get(first) or actor_id(e.id, names)
        else:
            found[e.id] = actor_id(e.id, names)
    return found


def _stance(text: str) -> tuple[Stance, str] | None:
    pattern, rows = _cues()
    hits = [(rows[m.group(0).lower()], m.group(0)) for m in pattern.finditer(text)]
    for stance in _CLAIM_PRIORITY:
        for found, cue in hits:
            if found == stance:
                return stance, cue
    return None


def _speaker(claim: Claim) -> str | None:
    if claim.asserter != "outlet":
        return claim.asserter_entity
    return claim.agent_entity


def find_positions(
    analyses: Sequence[Analysis], facts: Sequence[Fact], *, entities: Sequence[Entity] = ()
) -> tuple[Position, ...]:
    """Each actor's stance on the story's central question.

    Args:
        analyses: the story's analysed articles.
        facts: the story's facts from :func:`newsprism.pipeline.facts.group_claims`,
            most widely carried first.
        entities: the run's entities (names, aliases and descriptors).

    Returns:
        One :class:`Position` per actor with at least one stance cue on the topic,
        most evidence first.
    """
    if not facts:
        return ()
    topic = _topic(facts[0], analyses)
    by_id = {e.id: e for e in entities}
    speaks_for = _affiliations(entities)
    stances: dict[str, list[tuple[Stance, str, Evidence, bool]]] = defaultdict(list)
    for analysis in analyses:
        article = analysis.article
        for claim in analysis.claims:
            who = _speaker(claim)
            if who is None or len(topic & set(claim.terms)) < 2:
                continue
            found = _stance(claim.text)
            if found is None:
                continue
            actor = speaks_for.get(who, who)
            ev = Evidence(article.id, article.outlet_name, claim.start, claim.end, claim.text)
            own = _is_own(claim.text, by_id.get(actor))
            stances[actor].append((*found, ev, own))
    positions = []
    for actor, items in stances.items():
        counts = Counter(s for s, _, _, _ in items)
        best = max(_STANCE_ORDER, key=lambda s: (counts[s], -_STANCE_ORDER.index(s)))
        chosen = [i for i in items if i[0] == best]
        entity = by_id.get(actor)
        name = entity.name if entity else actor.partition(":")[2].replace("-", " ").title()
        positions.append(
            Position(
                actor=actor,
                name=name,
                stance=best,
                cue=chosen[0][1],
                evidence=tuple(ev for _, _, ev, _ in chosen[:_MAX_EVIDENCE]),
                is_own_forces=any(own for _, _, _, own in chosen),
            )
        )
    positions.sort(key=lambda p: -len(stances[p.actor]))
    return tuple(positions)


def _is_own(text: str, entity: Entity | None) -> bool:
    if entity is None:
        return False
    names = {entity.name, *entity.aliases}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return bool(re.search(rf"\b(?:{alternation})\s+{_FORCE_WORDS}\b", text))
