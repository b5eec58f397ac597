"""Facts by hand-written rules, the benchmarks' peer of :mod:`.facts` (the learned
same-fact decision): the claims of a story's articles that report the same thing.

:func:`group_by_rules` compares claims of different articles and links two when they
report the same fact:

* their content words (paraphrase classes of ``data/term_classes.tsv``, entities with
  seats of power read as what they stand for: "the Kremlin" is Russia) are close by
  TF-IDF cosine, and no different actor does the main action; or
* they share the predicate class ("rejected" / "ruled out" / "will not tolerate" are
  one class) and its agent, and some content besides; or
* one source (reported speech) says them, with three content classes in common and
  a cosine of at least 0.3 (never contested: one person says different things); or
* they say the same actor does the same thing to the same object: one agent, one
  predicate class with the same polarity, and what the predicate acts on shares a
  content class ("will not tolerate the presence of NATO forces in Ukraine" /
  "rejected any deployment of NATO troops in Ukraine": force) and, besides, an
  entity or a second content class.

A full name the recogniser tagged as a person in one of the story's articles counts as
that person wherever a claim holds it untagged. A shared entity alone never links two
claims. Linked claims that give different
numbers, name a different person or place in an otherwise identical statement, or
say the opposite (negation) are a *contested* fact, each side shown. Groups are the
connected components of the links. A fact carried by two or more outlets is
*corroborated*, by one *single-source*.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..models import Analysis, Claim, Entity, Evidence, Fact
from .facts import claim_evidence, new_fact
from .sources import actor_id

__all__ = ["group_by_rules"]

# Calibrated on the seeds and the synthetic checks of benchmarks/facts.py (their own
# real-article triplets, not the held-out ones): paraphrases of one fact score
# 0.25-0.6 cosine, unrelated sentences of one story under 0.2.
MIN_SIMILARITY = 0.12  # below this a pair is not even considered
SAME_SIMILARITY = 0.5  # a paraphrase close enough on words alone
SAME_PREDICATE_SIMILARITY = 0.2  # with the same predicate class and agent
# Said by one source, with three content words shared. Of the links this rule added
# on BASIL's own triplets about two in three were right at 0.3 and under half below.
SAME_SOURCE_SIMILARITY = 0.3
# Two statements identical but for a name or number: fuzzy token-set ratio (0-100) of
# the texts with names and numbers masked (token sort: the whole sentence must match).
NEAR_IDENTICAL = 85
# Predicates that say nothing on their own ("is", "has"): never enough to link.
_LIGHT_PREDICATES = {"be", "have", "do", "make", "get", "go", "come", "take", "say"}
_NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class _Item:
    analysis: Analysis
    claim: Claim
    agent: str | None
    entities: frozenset[str]
    tokens: tuple[str, ...]
    masked: str
    objects: frozenset[str]
    source: str | None


def _relative_close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.02)


def _people(analyses: Sequence[Analysis]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The full names (two words or more) the story's articles give people, as one
    pattern, and each name's entity id."""
    found = {
        " ".join(m.text.split()): m.entity
        for a in analyses
        for m in a.mentions
        if m.entity and m.label == "PERSON" and len(m.text.split()) >= 2
    }
    if not found:
        return None, {}
    alternation = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(found, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), found


def _items(analyses: Sequence[Analysis], names: dict[str, str]) -> list[_Item]:
    items = []
    people, person_ids = _people(analyses)
    for analysis in analyses:
        text = analysis.article.text
        for claim in analysis.claims:
            ents = {actor_id(e, names) for e in claim.entities}
            agent = actor_id(claim.agent_entity, names) if claim.agent_entity else None
            spans = [
                (m.start, m.end)
                for m in analysis.mentions
                if claim.start <= m.start and m.end <= claim.end
            ]
            terms = list(claim.terms)
            # A name the recogniser missed in this article but tagged in another
            # ("Asa Hutchinson donated ..."): the same person, matched by id too.
            for m in people.finditer(claim.text) if people else ():
                start, end = claim.start + m.start(), claim.start + m.end()
                if any(s < end and start < e for s, e in spans):
                    continue
                ents.add(person_ids[" ".join(m.group(0).split())])
                spans.append((start, end))
                words = {w.lower() for w in m.group(0).split()}
                terms = [t for t in terms if t not in words]
            masked = text[claim.start : claim.end]
            for s, e in sorted(spans, key=lambda se: -se[0]):
                masked = masked[: s - claim.start] + "X" + masked[e - claim.start :]
            masked = _NUMBER.sub("N", masked)
            tokens = (*terms, *(f"@{e}" for e in ents))
            objects = frozenset(claim.object_terms) - {claim.predicate or ""}
            # Reported speech: who says it. (Taking the agent of the outlet's own
            # sentences as their source too linked different statements by one
            # person in about half the cases on BASIL, so it is not done.)
            source = actor_id(claim.asserter_entity, names) if claim.asserter_entity else None
            items.append(
                _Item(analysis, claim, agent, frozenset(ents), tokens, masked, objects, source)
            )
    return items


def _similarities(items: Sequence[_Item]) -> dict[tuple[int, int], float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(items) < 2:
        return {}
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([list(i.tokens) for i in items])
    except ValueError:  # no tokens at all
        return {}
    sims = (matrix @ matrix.T).tocoo()
    pairs = {}
    for i, j, v in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and v >= MIN_SIMILARITY and items[i].analysis is not items[j].analysis:
            pairs[(int(i), int(j))] = float(v)
    return pairs


def _link(a: _Item, b: _Item, sim: float) -> tuple[str, str, str] | None:
    """How two claims relate: ``("same", "", "")``, ``("contested", what, ...)`` or
    ``None``. For a contested pair the last two fields are each side's value."""
    ca, cb = a.claim, b.claim
    agent_conflict = a.agent is not None and b.agent is not None and a.agent != b.agent
    same_predicate = ca.predicate == cb.predicate and ca.predicate not in _LIGHT_PREDICATES
    near = fuzz.token_sort_ratio(a.masked, b.masked) >= NEAR_IDENTICAL
    only_a, only_b = a.entities - b.entities, b.entities - a.entities
    if near and (agent_conflict or (only_a and only_b)):
        return "name", _names(only_a or {a.agent or ""}), _names(only_b or {b.agent or ""})
    if agent_conflict:
        return None
    shared_content = (set(ca.terms) & set(cb.terms)) - {ca.predicate or ""}
    same = (sim >= SAME_SIMILARITY and (same_predicate or len(shared_content) >= 2)) or (
        same_predicate
        and sim >= SAME_PREDICATE_SIMILARITY
        and ((a.agent is not None and a.agent == b.agent) or len(a.entities & b.entities) >= 2)
        and len(shared_content) >= 2
    )
    same = same or _same_action(a, b, same_predicate)
    said = (
        a.source is not None
        and a.source == b.source
        and sim >= SAME_SOURCE_SIMILARITY
        and len(shared_content) >= 3
    )
    if not same and not near:
        # One source saying much the same is one fact, never a contested one: a
        # person says different things with different numbers in one story.
        return ("same", "", "") if said else None
    if _numbers_conflict(ca.numbers, cb.numbers):
        return "number", _values(ca.numbers), _values(cb.numbers)
    if same_predicate and ca.is_negated != cb.is_negated:
        return "negation", _polarity(ca), _polarity(cb)
    return ("same", "", "") if same else None


def _same_action(a: _Item, b: _Item, same_predicate: bool) -> bool:
    """One agent does one (non-light) thing to objects sharing a content class, and
    the two share an entity or a second content class of those objects."""
    if not same_predicate or a.agent is None or a.agent != b.agent:
        return False
    if a.claim.is_negated != b.claim.is_negated:
        return False
    shared = a.objects & b.objects
    entities = (a.entities & b.entities) - {a.agent}
    return bool(shared) and (len(shared) >= 2 or bool(entities))


def _numbers_conflict(a: Sequence[float], b: Sequence[float]) -> bool:
    if not a or not b:
        return False
    a_only = [x for x in a if not any(_relative_close(x, y) for y in b)]
    b_only = [y for y in b if not any(_relative_close(x, y) for x in a)]
    return bool(a_only and b_only)


def _values(numbers: Sequence[float]) -> str:
    return ", ".join(f"{n:,.15g}" for n in numbers)


def _names(ids: set[str] | frozenset[str]) -> str:
    return ", ".join(sorted(i.partition(":")[2].replace("-", " ").title() for i in ids if i))


def _polarity(claim: Claim) -> str:
    return "denied" if claim.is_negated else "affirmed"


def group_by_rules(
    analyses: Sequence[Analysis], *, entities: Sequence[Entity] = ()
) -> tuple[Fact, ...]:
    """The facts of one story: its articles' claims grouped by what they report.

    Args:
        analyses: the story's analysed articles (claims linked to entities).
        entities: the run's entities, to name what seats of power stand for.

    Returns:
        Facts, those carried by most outlets first; each lists its articles and the
        claims (evidence spans) it was built from.
    """
    names = {e.name.lower(): e.id for e in entities}
    items = _items(analyses, names)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    contested: dict[int, tuple[str, dict[int, str]]] = {}
    for (i, j), sim in sorted(_similarities(items).items(), key=lambda kv: -kv[1]):
        link = _link(items[i], items[j], sim)
        if link is None:
            continue
        ri, rj = find(i), find(j)
        parent[rj] = ri
        merged = {**contested.pop(ri, ("", {}))[1], **contested.pop(rj, ("", {}))[1]}
        kind = link[0]
        if kind != "same":
            merged.setdefault(i, link[1])
            merged.setdefault(j, link[2])
            contested[ri] = (kind, merged)
        elif merged:
            contested[ri] = (next(iter(contested.values()), (kind, {}))[0], merged)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    facts = [_fact(items, members, contested.get(root)) for root, members in groups.items()]
    facts.sort(key=lambda f: (-len({e.outlet for e in f.evidence}), f.status != "contested"))
    return tuple(facts)


def _fact(
    items: Sequence[_Item], members: Sequence[int], contested: tuple[str, dict[int, str]] | None
) -> Fact:
    evidence = tuple(_evidence(items[i]) for i in members)
    sides: tuple[tuple[str, tuple[Evidence, ...]], ...] = ()
    differs = None
    if contested is not None and contested[1]:
        differs = contested[0]
        by_value: dict[str, list[Evidence]] = defaultdict(list)
        for i, value in contested[1].items():
            by_value[value].append(_evidence(items[i]))
        sides = tuple((v, tuple(ev)) for v, ev in by_value.items())
    return new_fact(evidence, sides, differs)


def _evidence(item: _Item) -> Evidence:
    return claim_evidence(item.analysis, item.claim)
