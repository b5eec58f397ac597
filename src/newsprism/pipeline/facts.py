"""Facts: the claims of a story's articles that report the same thing, grouped.

:func:`group_claims` asks the learned same-fact decision
(:mod:`newsprism.pipeline.same_fact`) about the candidate pairs of claims from
different articles: with the claims' stored sentence embeddings when every article
has them (the ``semantic`` extra), else with the words-only model. Pairs the model
calls the same fact are linked, strongest first; two groups are joined only when the
pairs between them mostly agree (:data:`JOIN_SUPPORT`), so one loose link does not chain
two facts into one. A fact may hold several sentences of one article.

A fact carried by two or more outlets is *corroborated*, by one *single-source*. Facts
carried by most outlets come first. Which of them are *contested* (their sentences from
two outlets differ in a figure, a qualifier, whether it happened, or a person, place or
date in one slot) is decided afterwards, from the whole fact, by
:mod:`newsprism.pipeline.contested`: two linked sentences alone do not say whether
"interim chief" / "temporarily leading" differ.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..models import Analysis, Claim, Entity, Evidence, Fact, FactStatus
from . import same_fact
from .claims import is_headline
from .same_fact import Sentence

__all__ = [
    "MAX_CANDIDATES",
    "Scored",
    "candidate_pairs",
    "claim_sentences",
    "group_claims",
    "pair_probabilities",
    "states_fact",
]

# Two groups are joined when at least this share of the cross-article candidate pairs
# between them score above half the threshold. On basil-facts (leave one triplet out,
# p >= 0.6; the share itself chosen on all twelve) 0.5 gave 0.35 found at 0.65
# precision, 0.8 0.33 at 0.74, 1.0 the same as 0.8: lower shares chain facts.
JOIN_SUPPORT = 0.8
# The candidate pairs kept per claim (:func:`candidate_pairs`). Checked: on the seeds
# and on each basil-facts triplet the bound leaves out no pair (the same pairs as
# same_fact.candidate_pairs); in benchmarks/facts_speed.py's 200-article story it cut
# 1.64 million pairs to 56,000.
MAX_CANDIDATES = 40


# A candidate pair: ``(i, j, cosine, (rank of j for i, rank of i for j))``.
Candidate = tuple[int, int, float, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Item:
    analysis: Analysis
    claim: Claim
    sentence: Sentence


def claim_sentences(analysis: Analysis) -> tuple[Sentence, ...]:
    """The same-fact :class:`~newsprism.pipeline.same_fact.Sentence` of each claim."""
    return tuple(_sentence_of(c) for c in analysis.claims)


@lru_cache(maxsize=16384)
def _sentence_of(claim: Claim) -> Sentence:
    # Read again for each fact an article may omit (states_fact): cached, as the
    # claims of a 200-article story were read some 40,000 times.
    return same_fact.sentence(claim.text, claim, agent=claim.agent_entity)


def _items(analyses: Sequence[Analysis]) -> tuple[list[_Item], list[int]]:
    items, groups = [], []
    for k, analysis in enumerate(analyses):
        for claim, s in zip(analysis.claims, claim_sentences(analysis), strict=True):
            items.append(_Item(analysis, claim, s))
            groups.append(k)
    return items, groups


@dataclass(frozen=True, slots=True)
class Scored:
    """What :func:`pair_probabilities` gives: the claims (in article order), the
    probability of each candidate pair ``(i, j)`` with ``i < j``, whether the
    embeddings were used, and ``dropped``: the pairs the candidate rule wanted but the
    bound per claim (:data:`MAX_CANDIDATES`) left out, an ``n x n`` boolean array, or
    ``None`` when none was (so :func:`group_claims` does not count them against a join).
    """

    items: list[_Item]
    probs: dict[tuple[int, int], float]
    semantic: bool
    dropped: Any = None
    # (headline, body claim it restates) of each article whose headline is a claim.
    restates: tuple[tuple[int, int], ...] = ()


def candidate_pairs(groups: Sequence[int], vectors: Any) -> tuple[list[Candidate], Any]:
    """The pairs worth scoring among the claims of a story's articles, at most
    :data:`MAX_CANDIDATES` per claim.

    The pairs :func:`.same_fact.candidate_pairs` proposes (for every claim and every
    other article, that article's ``TOP_K`` closest claims and any closer than
    ``ALWAYS``), the same pairs in the same order while no claim has more than
    :data:`MAX_CANDIDATES` of them. Per article they grow with the square of the
    article count (a 200-article story's 2,400 claims gave 1.6 million pairs), so a
    claim with more keeps its :data:`MAX_CANDIDATES` closest; a pair is kept when
    either claim keeps it.

    Args:
        groups: each claim's article (index); claims of one article are never paired.
        vectors: unit-length vectors of the claims, one row each.

    Returns:
        ``(i, j, cosine, (rank of j for i, rank of i for j))`` with ``i < j`` (ranks
        within the other claim's article), and the pairs the bound left out (an
        ``n x n`` boolean array, or ``None`` when it left none out).
    """
    import numpy as np

    n = len(groups)
    if n < 2:
        return [], None
    sims, ranks, wanted = same_fact.proposals(groups, vectors, dtype=np.float32)
    article = np.asarray(groups)
    dropped = None
    if n > MAX_CANDIDATES and int(wanted.sum(axis=1).max()) > MAX_CANDIDATES:
        masked = np.where(wanted, sims, -np.inf)
        closest = np.argpartition(-masked, MAX_CANDIDATES - 1, axis=1)[:, :MAX_CANDIDATES]
        near = np.zeros_like(wanted)
        np.put_along_axis(near, closest, True, axis=1)
        near &= wanted
        keep = near | near.T
        dropped = wanted & ~keep
        wanted = keep
        if not dropped.any():
            dropped = None
    first, second = np.nonzero(np.triu(wanted, k=1))
    # The order the pairs were always listed in: by the second claim's article, then
    # the first claim, then the rank (later stages break ties by it).
    order = np.lexsort((ranks[first, second], first, article[second]))
    first, second = first[order], second[order]
    return [
        (int(i), int(j), float(c), (int(r), int(t)))
        for i, j, c, r, t in zip(
            first.tolist(),
            second.tolist(),
            sims[first, second].tolist(),
            ranks[first, second].tolist(),
            ranks[second, first].tolist(),
            strict=True,
        )
    ], dropped


def pair_probabilities(
    analyses: Sequence[Analysis], *, model: Any = None, semantic: bool | None = None
) -> Scored:
    """The claims of ``analyses`` and the same-fact probability of each candidate pair
    (:func:`candidate_pairs`).

    Args:
        analyses: the story's analysed articles.
        model: a LightGBM booster to use instead of the packaged one.
        semantic: use the stored embeddings (default: when every article has them).

    Returns:
        The :class:`Scored` claims and pairs.
    """
    import numpy as np

    items, groups = _items(analyses)
    if semantic is None:
        semantic = bool(items) and all(same_fact.has_vectors(a) for a in analyses)
    if len(set(groups)) < 2:
        return Scored(items, {}, semantic)
    if semantic:
        vectors = np.vstack([same_fact.unpack(a.claim_vectors) for a in analyses if a.claims])
    else:
        vectors = same_fact.word_vectors([i.sentence for i in items])
    # A headline joins the fact its own article's body states (_restated), not other
    # articles' sentences: on basil-facts (leave one triplet out) headlines paired
    # across articles like any claim found 91 of 221 facts at precision 0.71, against
    # 94 at 0.73 with no headline paired; short headlines look like many sentences.
    body = [k for k, item in enumerate(items) if not is_headline(item.analysis, item.claim)]
    found, dropped = candidate_pairs([groups[k] for k in body], vectors[body])
    pairs = [(body[i], body[j], cos, ranks) for i, j, cos, ranks in found]
    if dropped is not None:
        full = np.zeros((len(items), len(items)), dtype=bool)
        full[np.ix_(body, body)] = dropped
        dropped = full
    restates = _restated(items, groups, vectors, semantic=semantic)
    if not pairs:
        return Scored(items, {}, semantic, dropped, restates)
    rows = [
        same_fact.pair_features(items[i].sentence, items[j].sentence, cos, ranks)
        for i, j, cos, ranks in pairs
    ]
    booster = model if model is not None else same_fact.packaged_model(semantic=semantic)
    scores = booster.predict(np.asarray(rows, dtype=np.float64))
    probs = {(i, j): float(p) for (i, j, _, _), p in zip(pairs, scores, strict=True)}
    return Scored(items, probs, semantic, dropped, restates)


def _restated(
    items: Sequence[_Item], groups: Sequence[int], vectors: Any, *, semantic: bool
) -> tuple[tuple[int, int], ...]:
    """Each headline claim with the sentence of its own article it restates: the
    closest by cosine, from :data:`_RESTATES` (the words-only cosine from
    :data:`_HEADLINE_OVERLAP`). A headline states the story's main fact, which its body
    states again in full: both are one fact, not a second row of it."""
    import numpy as np

    floor = _RESTATES if semantic else _HEADLINE_OVERLAP
    found = []
    for h, item in enumerate(items):
        if not is_headline(item.analysis, item.claim):
            continue
        own = [k for k in range(len(items)) if groups[k] == groups[h] and k != h]
        if not own:
            continue
        sims = vectors[own] @ vectors[h]
        best = int(np.argmax(sims))
        if float(sims[best]) >= floor:
            found.append((h, own[best]))
    return tuple(found)


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
    scored = scored or pair_probabilities(analyses, model=model, semantic=semantic)
    items, probs = scored.items, scored.probs
    cut = threshold if threshold is not None else same_fact.threshold(semantic=scored.semantic)
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
    for h, body in scored.restates:
        rh, rb = find(h), find(body)
        if rh != rb:
            parent[rb] = rh
            members[rh] += members.pop(rb)
    # A headline is never paired across articles: whether two groups agree is read
    # from their other sentences.
    heads = {h for h, _ in scored.restates}
    for (i, j), p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if p < cut:
            break
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if not _supported(
            [i for i in members[ri] if i not in heads],
            [j for j in members[rj] if j not in heads],
            items,
            alike,
            scored.dropped,
        ):
            continue
        parent[rj] = ri
        members[ri] += members.pop(rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    # A headline that restates none of its body's sentences and joined nothing is no
    # row of its own: it announces what its body states, and a row marking it as one
    # outlet's alone misreads the story (each of the seeds' five headlines reports the
    # troop rejection that all five outlets carry). Its outlet still states the fact
    # (states_fact reads headlines), and a lone row can hold no shared fact.
    kept = [
        m
        for m in groups.values()
        if len(m) > 1 or not is_headline(items[m[0]].analysis, items[m[0]].claim)
    ]
    facts = [new_fact(tuple(_evidence(items[i]) for i in m)) for m in kept]
    facts.sort(key=lambda f: -len({e.outlet for e in f.evidence}))
    return tuple(facts)


def _supported(
    a: Sequence[int],
    b: Sequence[int],
    items: Sequence[_Item],
    alike: dict[int, set[int]],
    dropped: Any = None,
) -> bool:
    """Whether most cross-article pairs between groups ``a`` and ``b`` look alike
    (``alike``: each claim's partners scored at least half the cut; only claims of
    different articles are ever scored). A pair the candidate bound left out
    (``dropped``) was never asked about and is not counted; any other unscored pair
    counts as unlike.

    Counted, not listed: two groups of a 200-article story hold thousands of pairs,
    and listing them at every join took most of its briefing."""
    in_a = Counter(id(items[i].analysis) for i in a)
    in_b = Counter(id(items[j].analysis) for j in b)
    pairs = len(a) * len(b) - sum(n * in_b[k] for k, n in in_a.items() if k in in_b)
    if dropped is not None:
        import numpy as np

        pairs -= int(dropped[np.ix_(np.asarray(a), np.asarray(b))].sum())
    if pairs <= 1:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    others = set(large)
    close = sum(len(alike[i] & others) for i in small if i in alike)
    return close >= JOIN_SUPPORT * pairs


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
    mine = [_sentence_of(c) for c in analysis.claims]
    other = [_sentence_of(a.claims[k]) for a, k in theirs]
    semantic = same_fact.has_vectors(analysis) and all(same_fact.has_vectors(a) for a, _ in theirs)
    if semantic and mine:
        va = same_fact.unpack(analysis.claim_vectors)
        vb = np.vstack([same_fact.unpack((a.claim_vectors[k],)) for a, k in theirs])
        cosines = va @ vb.T
    else:
        words = same_fact.word_vectors([*mine, *other])
        cosines = words[: len(mine)] @ words[len(mine) :].T
        semantic = False
    # Each sentence against the fact's closest sentences only: the highest score is
    # what counts, and a fact of a 200-article story holds hundreds of sentences.
    nearest = np.argsort(-cosines, axis=1, kind="stable")[:, :_NEAREST]
    rows = [
        same_fact.pair_features(mine[x], other[y], float(cosines[x, y]), (-1, -1))
        for x in range(len(mine))
        for y in nearest[x].tolist()
    ]
    if analysis.article.title:
        title = same_fact.sentence(analysis.article.title)
        words = same_fact.word_vectors([title, *other])
        overlaps = words[1:] @ words[0]
        # A headline sharing most of its words with the fact states it.
        if overlaps.size and float(overlaps.max()) >= _HEADLINE_OVERLAP:
            return True
        for y in np.argsort(-overlaps, kind="stable")[:_NEAREST].tolist():
            rows.append(same_fact.pair_features(title, other[y], float(overlaps[y]), (-1, -1)))
    if not rows:
        return False
    scores = same_fact.packaged_model(semantic=semantic).predict(np.asarray(rows, dtype=np.float64))
    return bool(scores.max() >= same_fact.threshold(semantic=semantic) / 2)


# MiniLM cosine from which a headline restates a sentence of its own body. On
# basil-facts (leave one triplet out; the constant chosen on all twelve) 0.6, 0.7 and
# 0.8 found the same 94 of 221 facts at precision 0.67, 0.68 and 0.71, and headlines
# left alone 0.73: a headline holds fewer listed facts than the lead it restates.
# 0.8 keeps the seeds' restated headlines out of rows of their own at little cost.
_RESTATES = 0.8
# Word-stem cosine from which a headline states a fact's sentence (a headline is short
# and unembedded: its pair rows read the words' cosine).
_HEADLINE_OVERLAP = 0.5
# The fact's sentences :func:`states_fact` scores per sentence of the article, closest
# first: as same_fact.TOP_K, the closest per other article the grouping scores.
_NEAREST = same_fact.TOP_K
