"""Facts: the claims of a story's articles that report the same thing, grouped.

:func:`group_claims` asks the learned same-fact decision
(:mod:`newsprism.pipeline.same_fact`) about the candidate pairs of claims from
different articles: with the claims' stored sentence embeddings when every article
has them (the ``semantic`` extra), else with the words-only model. Pairs the model
calls the same fact are linked, strongest first; two groups are joined only when the
pairs between them mostly agree (:data:`JOIN_SUPPORT`), so one loose link does not chain
two facts into one. A fact may hold several sentences of one article.

Linked claims that give a different count of the same thing in the same unit, say the
opposite with the same predicate, or qualify the same role differently ("interim"
director / director) are a *contested* fact, each side shown. Extra detail on one
side (a number, a name the other does not give) is not a conflict. A fact carried by
two or more outlets is *corroborated*, by one *single-source*. Facts carried by most
outlets come first.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Analysis, Claim, Entity, Evidence, Fact, FactStatus, Quantity
from . import same_fact
from .same_fact import Sentence

__all__ = ["claim_sentences", "group_claims", "pair_probabilities", "states_fact"]

# Two groups are joined when at least this share of the cross-article candidate pairs
# between them score above half the threshold. On basil-facts (leave one triplet out,
# p >= 0.6; the share itself chosen on all twelve) 0.5 gave 0.35 found at 0.65
# precision, 0.8 0.33 at 0.74, 1.0 the same as 0.8: lower shares chain facts.
JOIN_SUPPORT = 0.8
# Qualifiers of a role whose difference is a conflict ("interim director" in one
# outlet, "director" or "permanent director" in another).
_QUALIFIERS = frozenset({"interim", "acting", "permanent", "temporary", "caretaker"})
_LIGHT_PREDICATES = frozenset({"be", "have", "do", "make", "get", "go", "come", "take", "say"})
_WORD = re.compile(r"[A-Za-z]+")
_NONE_SUBJECT = re.compile(r"\W*(?:no|nobody|none|nothing|neither|no one)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Item:
    analysis: Analysis
    claim: Claim
    sentence: Sentence


def claim_sentences(analysis: Analysis) -> tuple[Sentence, ...]:
    """The same-fact :class:`~newsprism.pipeline.same_fact.Sentence` of each claim."""
    return tuple(same_fact.sentence(c.text, c, agent=c.agent_entity) for c in analysis.claims)


def _items(analyses: Sequence[Analysis]) -> tuple[list[_Item], list[int]]:
    items, groups = [], []
    for k, analysis in enumerate(analyses):
        for claim, s in zip(analysis.claims, claim_sentences(analysis), strict=True):
            items.append(_Item(analysis, claim, s))
            groups.append(k)
    return items, groups


# What :func:`pair_probabilities` gives: the claims, the probability of each candidate
# pair and whether the embeddings were used.
Scored = tuple[list["_Item"], dict[tuple[int, int], float], bool]


def pair_probabilities(
    analyses: Sequence[Analysis], *, model: Any = None, semantic: bool | None = None
) -> Scored:
    """The claims of ``analyses`` and the same-fact probability of each candidate pair.

    Args:
        analyses: the story's analysed articles.
        model: a LightGBM booster to use instead of the packaged one.
        semantic: use the stored embeddings (default: when every article has them).

    Returns:
        The claims (in article order), ``{(i, j): probability}`` with ``i < j`` and
        whether the embeddings were used.
    """
    import numpy as np

    items, groups = _items(analyses)
    if semantic is None:
        semantic = bool(items) and all(same_fact.has_vectors(a) for a in analyses)
    if len(set(groups)) < 2:
        return items, {}, semantic
    if semantic:
        vectors = np.vstack([same_fact.unpack(a.claim_vectors) for a in analyses if a.claims])
    else:
        vectors = same_fact.word_vectors([i.sentence for i in items])
    pairs = same_fact.candidate_pairs(groups, vectors)
    if not pairs:
        return items, {}, semantic
    rows = [
        same_fact.pair_features(items[i].sentence, items[j].sentence, cos, ranks)
        for i, j, cos, ranks in pairs
    ]
    booster = model if model is not None else same_fact.packaged_model(semantic=semantic)
    scores = booster.predict(np.asarray(rows, dtype=np.float64))
    return (
        items,
        {(i, j): float(p) for (i, j, _, _), p in zip(pairs, scores, strict=True)},
        semantic,
    )


def group_claims(
    analyses: Sequence[Analysis],
    *,
    entities: Sequence[Entity] = (),
    model: Any = None,
    threshold: float | None = None,
    semantic: bool | None = None,
    scored: Scored | None = None,
) -> tuple[Fact, ...]:
    """The facts of one story: its articles' claims grouped by what they report.

    Args:
        analyses: the story's analysed articles (claims linked to entities).
        entities: the run's entities (kept for callers; names come from the claims).
        model: a same-fact booster to use instead of the packaged one (benchmarks).
        threshold: the probability from which a pair is one fact (default: the
            packaged model's, ``data/same_fact.tsv``).
        semantic: use the stored embeddings (default: when every article has them).
        scored: :func:`pair_probabilities` of ``analyses`` when the caller has it
            (the comparison scores a story's pairs once for every stage that reads
            them); ``model`` and ``semantic`` are then not read.

    Returns:
        Facts, those carried by most outlets first; each lists its articles and the
        claims (evidence spans) it was built from.
    """
    del entities  # the claims carry their entity ids
    items, probs, used = scored or pair_probabilities(analyses, model=model, semantic=semantic)
    cut = threshold if threshold is not None else same_fact.threshold(semantic=used)
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Each claim's partners that "look alike" (half the cut), for _supported.
    alike: dict[int, set[int]] = defaultdict(set)
    for (i, j), p in probs.items():
        if p >= cut / 2:
            alike[i].add(j)
            alike[j].add(i)
    conflicts: dict[tuple[int, int], tuple[str, str, str]] = {}
    for (i, j), p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if p < cut:
            break
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if not _supported(members[ri], members[rj], items, alike):
            continue
        parent[rj] = ri
        members[ri] += members.pop(rj)
        conflict = _conflict(items[i], items[j])
        if conflict is not None:
            conflicts[(i, j)] = conflict
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    by_root: dict[int, list[tuple[int, int, tuple[str, str, str]]]] = defaultdict(list)
    for (i, j), c in conflicts.items():
        by_root[find(i)].append((i, j, c))
    facts = [_fact(items, m, by_root.get(root, [])) for root, m in groups.items()]
    facts.sort(key=lambda f: (-len({e.outlet for e in f.evidence}), f.status != "contested"))
    return tuple(facts)


def _supported(
    a: Sequence[int], b: Sequence[int], items: Sequence[_Item], alike: dict[int, set[int]]
) -> bool:
    """Whether most cross-article pairs between groups ``a`` and ``b`` look alike
    (``alike``: each claim's partners scored at least half the cut; only claims of
    different articles are ever scored).

    Counted, not listed: two groups of a 200-article story hold thousands of pairs,
    and listing them at every join took most of its briefing."""
    in_a = Counter(id(items[i].analysis) for i in a)
    in_b = Counter(id(items[j].analysis) for j in b)
    pairs = len(a) * len(b) - sum(n * in_b[k] for k, n in in_a.items() if k in in_b)
    if pairs <= 1:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    others = set(large)
    close = sum(len(alike[i] & others) for i in small if i in alike)
    return close >= JOIN_SUPPORT * pairs


def _in_claim(analysis: Analysis, claim: Claim) -> list[Quantity]:
    return [
        q
        for q in analysis.quantities
        if claim.start <= q.start and q.end <= claim.end and q.value is not None and q.counts
    ]


def _disjoint(a: Quantity, b: Quantity) -> bool:
    lo_a, hi_a = (a.low, a.high) if a.low is not None and a.high is not None else (a.value, a.value)
    lo_b, hi_b = (b.low, b.high) if b.low is not None and b.high is not None else (b.value, b.value)
    assert lo_a is not None and hi_a is not None and lo_b is not None and hi_b is not None
    if math.isclose(lo_a, lo_b, rel_tol=0.02) or math.isclose(hi_a, hi_b, rel_tol=0.02):
        return False
    return hi_a < lo_b or hi_b < lo_a


def _number_conflict(a: _Item, b: _Item) -> tuple[str, str] | None:
    """Different values for the same count ("23 actions" / "19 actions"): the same
    thing counted in the same unit, given by the same source or the outlet. A count of
    something else (wounded / dead) or of another candidate is not a conflict."""
    if a.claim.predicate != b.claim.predicate:
        # 12 killed / 40 wounded: what is counted includes what happened to them.
        return None
    qa, qb = _in_claim(a.analysis, a.claim), _in_claim(b.analysis, b.claim)
    for x in qa:
        same = [y for y in qb if y.counts == x.counts and y.unit == x.unit and y.kind == x.kind]
        if not same or not all(_disjoint(x, y) for y in same):
            continue
        if any(_scope(x, a) != _scope(y, b) for y in same):
            continue
        y = same[0]
        return x.text, y.text
    # A figure the quantity reader does not take ("after 48 years"): the claims'
    # numbers, when one agent does the one thing in both.
    if a.claim.agent_entity is not None and a.claim.agent_entity == b.claim.agent_entity:
        only_a = [x for x in a.claim.numbers if not any(_same(x, y) for y in b.claim.numbers)]
        only_b = [y for y in b.claim.numbers if not any(_same(x, y) for x in a.claim.numbers)]
        if only_a and only_b:
            return _values(only_a), _values(only_b)
    return None


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.02)


def _values(numbers: Sequence[float]) -> str:
    return ", ".join(f"{n:,.15g}" for n in numbers)


def _scope(q: Quantity, item: _Item) -> str | None:
    """Whose figure a number is: its source, or the claim's agent."""
    return q.asserter_entity or item.claim.agent_entity


def _qualifier(a: _Item, b: _Item) -> tuple[str, str] | None:
    """One side qualifies a role ("interim director") the other gives plain or
    qualified otherwise."""
    wa = [w.lower() for w in _WORD.findall(a.claim.text)]
    wb = [w.lower() for w in _WORD.findall(b.claim.text)]
    for x, y in ((wa, wb), (wb, wa)):
        for k, w in enumerate(x[:-1]):
            if w not in _QUALIFIERS:
                continue
            role = x[k + 1]
            for m, v in enumerate(y):
                before = y[m - 1] if m else ""
                if v == role and before != w:
                    said = f"{w} {role}"
                    other = f"{before} {role}" if before in _QUALIFIERS else role
                    return (said, other) if x is wa else (other, said)
    return None


def _conflict(a: _Item, b: _Item) -> tuple[str, str, str] | None:
    """What two linked claims disagree on: ``(kind, a's value, b's value)``."""
    if a.analysis.article.outlet_name == b.analysis.article.outlet_name:
        return None
    numbers = _number_conflict(a, b)
    if numbers is not None:
        return "number", *numbers
    ca, cb = a.claim, b.claim
    neg_a, neg_b = _denies(ca), _denies(cb)
    if (
        ca.predicate is not None
        and ca.predicate == cb.predicate
        and ca.predicate not in _LIGHT_PREDICATES
        and neg_a != neg_b
    ):
        return "negation", _polarity(neg_a), _polarity(neg_b)
    qualifier = _qualifier(a, b)
    if qualifier is not None:
        return "qualifier", *qualifier
    return None


def _denies(claim: Claim) -> bool:
    """Whether the claim's main predicate is denied: negated ("did not claim") or
    with a subject of none ("No group has claimed")."""
    return claim.is_negated or bool(_NONE_SUBJECT.match(claim.text))


def _polarity(negated: bool) -> str:
    return "denied" if negated else "affirmed"


def _fact(
    items: Sequence[_Item],
    members: Sequence[int],
    conflicts: Sequence[tuple[int, int, tuple[str, str, str]]],
) -> Fact:
    evidence = tuple(_evidence(items[i]) for i in members)
    sides: tuple[tuple[str, tuple[Evidence, ...]], ...] = ()
    differs = None
    if conflicts:
        kind = conflicts[0][2][0]
        by_value: dict[str, list[Evidence]] = defaultdict(list)
        for i, j, (k, va, vb) in conflicts:
            if k != kind:
                continue
            for n, v in ((i, va), (j, vb)):
                ev = _evidence(items[n])
                if ev not in by_value[v]:
                    by_value[v].append(ev)
        if len(by_value) >= 2:
            differs = kind
            sides = tuple((v, tuple(ev)) for v, ev in by_value.items())
    return new_fact(evidence, sides, differs)


def new_fact(
    evidence: tuple[Evidence, ...],
    sides: tuple[tuple[str, tuple[Evidence, ...]], ...] = (),
    differs: str | None = None,
) -> Fact:
    """A :class:`Fact` of ``evidence``, named by its first sentence, with an id stable
    across runs (a hash of that sentence's article and offset): contested when
    ``differs`` says how its ``sides`` differ, else corroborated by two or more outlets
    or single-source."""
    articles = tuple(dict.fromkeys(e.article_id for e in evidence))
    status: FactStatus = (
        "contested"
        if differs is not None
        else "corroborated"
        if len({e.outlet for e in evidence}) >= 2
        else "single-source"
    )
    first = evidence[0]
    digest = hashlib.sha256(f"{first.article_id}:{first.start}".encode()).hexdigest()[:12]
    return Fact(f"fact-{digest}", first.text, status, articles, evidence, sides, differs)


def claim_evidence(analysis: Analysis, claim: Claim) -> Evidence:
    """The evidence of ``claim``: its sentence's span in ``analysis``'s article."""
    article = analysis.article
    return Evidence(article.id, article.outlet_name, claim.start, claim.end, claim.text)


def _evidence(item: _Item) -> Evidence:
    return claim_evidence(item.analysis, item.claim)


def states_fact(analysis: Analysis, fact: Fact, analyses: Sequence[Analysis]) -> bool:
    """Whether ``analysis`` states ``fact`` in any sentence or its headline, by the
    same-fact model: an article omits a fact only when this is false.

    Args:
        analysis: the article that may omit the fact.
        fact: one of the story's facts.
        analyses: the story's analysed articles (to find the fact's claims).

    Returns:
        True when one of the article's claims, or its headline, scores as the same
        fact as one of the fact's claims from at least half the threshold: an
        omission is said only when the article plainly lacks the fact.
    """
    import numpy as np

    if analysis.article.id in fact.articles:
        return True
    spans = {(e.article_id, e.start) for e in fact.evidence}
    theirs = [
        (a, k) for a in analyses for k, c in enumerate(a.claims) if (a.article.id, c.start) in spans
    ]
    if not theirs:
        return False
    mine = [same_fact.sentence(c.text, c, agent=c.agent_entity) for c in analysis.claims]
    other = [
        same_fact.sentence(a.claims[k].text, a.claims[k], agent=a.claims[k].agent_entity)
        for a, k in theirs
    ]
    semantic = same_fact.has_vectors(analysis) and all(same_fact.has_vectors(a) for a, _ in theirs)
    if semantic and mine:
        va = same_fact.unpack(analysis.claim_vectors)
        vb = np.vstack([same_fact.unpack((a.claim_vectors[k],)) for a, k in theirs])
        cosines = va @ vb.T
    else:
        words = same_fact.word_vectors([*mine, *other])
        cosines = words[: len(mine)] @ words[len(mine) :].T
        semantic = False
    rows = [
        same_fact.pair_features(mine[x], other[y], float(cosines[x, y]), (-1, -1))
        for x in range(len(mine))
        for y in range(len(other))
    ]
    if analysis.article.title:
        title = same_fact.sentence(analysis.article.title)
        words = same_fact.word_vectors([title, *other])
        for y in range(len(other)):
            overlap = float(words[0] @ words[1 + y])
            rows.append(same_fact.pair_features(title, other[y], overlap, (-1, -1)))
            # A headline sharing most of its words with the fact states it.
            if overlap >= _HEADLINE_OVERLAP:
                return True
    if not rows:
        return False
    scores = same_fact.packaged_model(semantic=semantic).predict(np.asarray(rows, dtype=np.float64))
    return bool(scores.max() >= same_fact.threshold(semantic=semantic) / 2)


# Word-stem cosine from which a headline states a fact's sentence (a headline is short
# and unembedded: its pair rows read the words' cosine).
_HEADLINE_OVERLAP = 0.5
