"""Contested facts: sentences of one fact, from two outlets, that disagree.

`contest_facts` finds the contested facts the grouping itself cannot see: a
fact whose sentences from two outlets say the opposite ("No group has claimed
responsibility" / "Islamic State claimed responsibility"), qualify a role otherwise
("interim" director / director), or give a different figure, person, place or date in
the same place of the statement; and two facts whose sentences look alike to the
same-fact model but for such a value, joined as one contested fact. The same thing
must be measured: figures as above, names in the same role (who acts, the word before
a place: "in Dayton" / "in Tucson"; two sources saying alike things are no dispute),
dates of one granularity ("Tuesday" / "Wednesday", not "last week" / "Thursday"), and
neither outlet names the other's version anywhere in its article ("Dayton" / "Ohio"
in an article naming both is detail, not disagreement). A value only one side gives
is extra detail, never a conflict.

Figures are compared as :mod:`.conflicts` compares them (the same unit, scope and
holder). ``pipeline.compare`` runs this after the grouping (``pipeline.facts``), and
:func:`~newsprism.pipeline.conflicts.find_conflicts` lists the contested facts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from ..models import Analysis, Claim, Evidence, Fact, Quantity
from . import same_fact
from .date_patterns import MONTH_WORDS, WEEKDAY_WORDS
from .facts import Scored, claim_evidence, new_fact, pair_probabilities
from .figures import bounds, counted, measure, scope_class

__all__ = ["contest_facts"]


# Named-entity labels read as a person's or a place's name (spaCy's scheme).
_PERSON_LABELS = frozenset({"PERSON"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The date stage's vocabulary, so both stages read one list (abbreviations included).
_WEEKDAYS = WEEKDAY_WORDS
_MONTHS = MONTH_WORDS
_SLOT_WORD = re.compile(r"([A-Za-z]+)\W*$")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Titles and honorifics before a name say nothing about its slot ("Sen. John McCain").
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor", "mayor"}
)
# The small English model tags many towns as organisations ("in Dayton": ORG); a name
# after one of these words is read as a place whatever its label.
_PLACE_WORDS = frozenset({"in", "near", "outside", "across", "at"})
DifferenceKind = Literal["negation", "qualifier", "number", "name", "place", "date"]
# Qualifiers of a role whose difference is a conflict ("interim director" in one
# outlet, "director" or "permanent director" in another).
_QUALIFIERS = frozenset({"interim", "acting", "permanent", "temporary", "caretaker"})
# Words stating a tenure, temporary (True) or permanent (False).
_TEMPORARY = {
    "interim": True,
    "acting": True,
    "temporary": True,
    "temporarily": True,
    "caretaker": True,
    "provisional": True,
    "provisionally": True,
    "permanent": False,
    "permanently": False,
}
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "on", "in", "as", "at", "to", "for", "of", "and", "or", "with", "out", "up"}
)
# Predicates too light to say two sentences state one thing ("is", "has").
_LIGHT_PREDICATES = frozenset({"be", "have", "do", "make", "get", "go", "come", "take", "say"})
# A subject of none denies the predicate ("No group has claimed responsibility",
# "Police said no one was injured").
_NONE_SUBJECT = re.compile(
    r"(?:[^,.]*?\b(?:said|says|reported|stated|confirmed)\s+(?:that\s+)?)?"
    r"\W*(?:no|nobody|none|nothing|neither|no one)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Named:
    """A person or place named in one evidence sentence, with the role it fills."""

    text: str
    keys: frozenset[str]
    role: str


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one evidence sentence names, and what its whole article names."""

    evidence: Evidence
    outlet: str
    people: tuple[_Named, ...]
    places: tuple[_Named, ...]
    dates: dict[str, tuple[tuple[str, str], ...]]  # granularity -> ((key, text), ...)
    article_keys: frozenset[str]
    predicate: str | None = None
    denied: bool = False
    figures: tuple[Quantity, ...] = ()
    # The claim's agent (entity id) and every number it gives, spans of time included
    # ("after 48 years"), which the quantity reader does not take as figures.
    agent: str | None = None
    numbers: tuple[float, ...] = ()


def _name_keys(text: str, entity: str | None) -> frozenset[str]:
    """The keys a name matches by: its entity id and its words ("McCain" matches "John
    McCain", "Denver" "Denver International Airport"), lower case."""
    keys = {
        w.lower().removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(text)
    } - _FUNCTION_WORDS
    if entity:
        keys.add(entity)
    return frozenset(keys)


def _role(text: str, start: int, claim: Claim | None) -> str:
    """The role of the name at ``start``: the claim's agent or asserter, else the word
    before it (titles skipped), else "subject" at the sentence's start."""
    if claim is not None:
        for role, span in (("asserter", claim.asserter_span), ("agent", claim.agent)):
            if span is not None and span.start <= start < span.end:
                return role
    before = text[max(0, start - 40) : start]
    while True:
        m = _SLOT_WORD.search(before)
        if m is None:
            return "subject"
        word = m.group(1).lower()
        if word not in _TITLES:
            return word
        before = before[: m.start()]


def _claim_at(analysis: Analysis, e: Evidence) -> Claim | None:
    return next((c for c in analysis.claims if c.start == e.start and c.end == e.end), None)


def _reading(analysis: Analysis, e: Evidence, article_keys: frozenset[str]) -> _Reading:
    text = analysis.article.document.text
    claim = _claim_at(analysis, e)
    people, places = [], []
    for m in analysis.mentions:
        if not (e.start <= m.start and m.end <= e.end):
            continue
        named = _Named(m.text, _name_keys(m.text, m.entity), _role(text, m.start, claim))
        if m.label in _PERSON_LABELS:
            people.append(named)
        elif m.label in _PLACE_LABELS or (m.label == "ORG" and named.role in _PLACE_WORDS):
            places.append(named)
    dates: dict[str, list[tuple[str, str]]] = {}
    for d in analysis.dates:
        if not (e.start <= d.start and d.end <= e.end) or not d.granularity:
            continue
        if d.is_resolved and d.value:
            key = d.value
        else:
            # Unresolved (no publication date): comparable only as a named day
            # ("Tuesday"), never as a relative phrase ("last week", "yesterday").
            words = {w.lower() for w in _NAME_WORD.findall(d.text)}
            is_named = words & (_WEEKDAYS | _MONTHS) or any(c.isdigit() for c in d.text)
            if d.is_relative and not is_named:
                continue
            key = " ".join(sorted(words & _WEEKDAYS)) or d.text.lower()
            key = "text:" + key
        dates.setdefault(d.granularity, []).append((key, d.text))
    return _Reading(
        e,
        e.outlet,
        tuple(people),
        tuple(places),
        {g: tuple(v) for g, v in dates.items()},
        article_keys,
        claim.predicate if claim is not None else None,
        claim is not None and (claim.is_negated or bool(_NONE_SUBJECT.match(claim.text))),
        tuple(
            q
            for q in analysis.quantities
            if e.start <= q.start and q.end <= e.end and measure(q) is not None
        ),
        claim.agent_entity if claim is not None else None,
        claim.numbers if claim is not None else (),
    )


def _named_difference(
    a: Sequence[_Named], b: Sequence[_Named], a_keys: frozenset[str], b_keys: frozenset[str]
) -> tuple[str, str] | None:
    """Two names filling one role differently, neither named anywhere in the other's
    article; None when the roles agree or only one side fills one. Who says a thing
    (the asserter) is never disputed this way."""
    # Two sources saying alike things are two sources, not a dispute over who said it
    # ("Lavrov said ..." / "Zakharova stressed ...").
    a = [x for x in a if x.role != "asserter"]
    b = [y for y in b if y.role != "asserter"]
    if len(a) == 1 and len(b) == 1:
        # One name on each side: the statement has one slot for it, whatever its role
        # ("a jury in Memphis" / "by a Nashville jury").
        x, y = a[0], b[0]
        if not (x.keys & y.keys or x.keys & b_keys or y.keys & a_keys):
            return x.text, y.text
        return None
    for x in a:
        same_role = [y for y in b if y.role == x.role]
        if not same_role or any(x.keys & y.keys for y in same_role):
            continue
        if x.keys & b_keys:
            continue
        for y in same_role:
            if y.keys & a_keys or any(y.keys & z.keys for z in a):
                continue
            return x.text, y.text
    return None


def _figure_difference(a: Sequence[Quantity], b: Sequence[Quantity]) -> tuple[str, str] | None:
    """Figures of the same thing whose ranges do not overlap, as in
    :func:`find_conflicts`: the same unit, scope and holder, and what they count when
    both say. When each sentence gives one figure, of one kind, the statement has one
    slot for it and a count may name what it counts otherwise ("214 residents" / "150
    people"), but scopes and holders that are both given must still agree. Figures two
    different named sources give are each one's own (Zelensky's proposal of 200,000
    troops, the intelligence service's estimate of 100,000)."""
    pairs = [(x, y) for x in a for y in b if measure(x) == measure(y)]
    if len(a) == 1 and len(b) == 1 and not pairs:
        x, y = a[0], b[0]
        same_slot = (
            x.kind == y.kind
            and (x.kind == "count" or (x.unit or "").lower() == (y.unit or "").lower())
            and not (scope_class(x) and scope_class(y) and scope_class(x) != scope_class(y))
            and not (x.holder and y.holder and x.holder.casefold() != y.holder.casefold())
        )
        pairs = [(x, y)] if same_slot else []
    for x, y in pairs:
        if not _same_source(x.asserter, y.asserter):
            continue  # whose figure: one source's proposal is not another's estimate
        cx, cy = counted(x), counted(y)
        if cx and cy and cx != cy and len(a) + len(b) > 2:
            continue
        (lx, hx), (ly, hy) = bounds(x), bounds(y)
        if hx < ly or hy < lx:
            return x.text, y.text
    return None


def _apart(a: Sequence[_Named], b: Sequence[_Named]) -> bool:
    """Whether both sentences name people (not as who says it) and share none."""
    ka = {k for x in a if x.role != "asserter" for k in x.keys}
    kb = {k for y in b if y.role != "asserter" for k in y.keys}
    return bool(ka and kb) and not ka & kb


def _number_difference(a: _Reading, b: _Reading) -> tuple[str, str] | None:
    """Numbers the quantity reader takes for no figure ("resigned after 48 years" /
    "after 151 years"): different on both sides when one agent does the one thing in
    both; a number only one side gives is detail."""
    if a.agent is None or a.agent != b.agent or a.predicate != b.predicate:
        return None
    only_a = [x for x in a.numbers if not any(math.isclose(x, y, rel_tol=0.02) for y in b.numbers)]
    only_b = [y for y in b.numbers if not any(math.isclose(x, y, rel_tol=0.02) for x in a.numbers)]
    if not (only_a and only_b):
        return None
    return _values(only_a), _values(only_b)


def _values(numbers: Sequence[float]) -> str:
    return ", ".join(f"{n:,.15g}" for n in numbers)


def _same_source(a: str, b: str) -> bool:
    """Whether two figures' sources may be one: either is the outlet's own voice, or
    their names share a word ("the county's emergency office" / "county emergency
    managers")."""
    if "outlet" in {a, b}:
        return True
    return bool(_name_keys(a, None) & _name_keys(b, None))


def _date_difference(a: _Reading, b: _Reading) -> tuple[str, str] | None:
    """Dates of one granularity on both sides with nothing in common."""
    for granularity, xs in a.dates.items():
        ys = b.dates.get(granularity)
        if not ys:
            continue
        kx, ky = {k for k, _ in xs}, {k for k, _ in ys}
        if kx & ky or {_is_text(k) for k in kx} != {_is_text(k) for k in ky}:
            continue  # one date in common, or one resolved and one not
        return xs[0][1], ys[0][1]
    return None


def _is_text(key: str) -> bool:
    return key.startswith("text:")


def _slot_difference(a: _Reading, b: _Reading) -> tuple[DifferenceKind, str, str] | None:
    """What two sentences of one fact, from two outlets, state differently: whether it
    happened ("negation": the same predicate denied on one side only), a qualifier of
    one role ("interim" director / director), a figure of the same thing, or, for the
    same predicate, a person ("name"), a place or a date filling the same slot, as
    ``(kind, a's, b's)``."""
    if a.outlet == b.outlet:
        return None
    if (
        a.predicate is not None
        and a.predicate == b.predicate
        and a.predicate not in _LIGHT_PREDICATES
        and a.denied != b.denied
    ):
        return "negation", _polarity(a.denied), _polarity(b.denied)
    qualifier = _qualifier_difference(a.evidence.text, b.evidence.text)
    if qualifier is not None:
        return "qualifier", *qualifier
    # Figures of two named actors are each one's own ("Clinton leads with 46 percent" /
    # "Trump trails with 41 percent"), whatever the quantity reader found them to hold:
    # the agents differ, each sentence names people and none of them the other's, or a
    # named actor does another thing on the other side (the tagger may read "Trump
    # trails" as a verb and leave that sentence no agent).
    named = a.agent is not None or b.agent is not None
    others = (
        (a.agent is not None and b.agent is not None and a.agent != b.agent)
        or _apart(a.people, b.people)
        or (named and a.predicate != b.predicate)
    )
    figures = None if others else _figure_difference(a.figures, b.figures)
    if figures is not None:
        return "number", *figures
    numbers = _number_difference(a, b)
    if numbers is not None:
        return "number", *numbers
    # Another person, place or date is a disagreement about one event only: the same
    # action on both sides ("announced" / "announced"). Medvedev's rebuke and a
    # sentence on Macron's stance that mentions Lavrov are two statements, however
    # alike their words.
    if a.predicate is None or a.predicate != b.predicate:
        return None
    people = _named_difference(a.people, b.people, a.article_keys, b.article_keys)
    if people is not None:
        return "name", *people
    places = _named_difference(a.places, b.places, a.article_keys, b.article_keys)
    if places is not None:
        return "place", *places
    dates = _date_difference(a, b)
    if dates is not None:
        return "date", *dates
    return None


@lru_cache(maxsize=4096)
def _qualified_roles(text: str) -> dict[str, str]:
    """Each role noun of ``text`` with the qualifier before it ("" for none). Cached
    (read only by callers): a fact of many outlets compares each sentence with every
    other."""
    words = [w.lower() for w in _NAME_WORD.findall(text)]
    roles: dict[str, str] = {}
    for k, w in enumerate(words[:-1]):
        role = words[k + 1]
        # "acting on", "acting quickly": a verb, not a qualified role.
        if w in _QUALIFIERS and role not in _FUNCTION_WORDS and not role.endswith("ly"):
            roles[role] = w
    for w in words:
        roles.setdefault(w, "")
    return roles


def _qualifier_difference(a: str, b: str) -> tuple[str, str] | None:
    """A role one side qualifies ("interim director") and the other gives plain or
    qualified otherwise; None when no qualified role is on either side."""
    ra, rb = _qualified_roles(a), _qualified_roles(b)
    for role, qa in ra.items():
        qb = rb.get(role)
        if qb is None or qa == qb or not (qa or qb):
            continue
        said_a, said_b = _stands(a), _stands(b)
        if qa and qb and _TEMPORARY.get(qa) == _TEMPORARY.get(qb):
            continue
        # The other side says the same in other words ("interim chief" / "temporarily
        # leading"; "acting treasurer" / "on an acting basis").
        if qa and not qb and _TEMPORARY.get(qa) in said_b:
            continue
        if qb and not qa and _TEMPORARY.get(qb) in said_a:
            continue
        return (f"{qa} {role}".strip(), f"{qb} {role}".strip())
    return None


@lru_cache(maxsize=4096)
def _stands(text: str) -> frozenset[bool]:
    """Which tenures ``text`` states in any words: True for a temporary one, False for
    a permanent one."""
    words = (x.lower() for x in _NAME_WORD.findall(text))
    return frozenset(_TEMPORARY[w] for w in words if w in _TEMPORARY)


def _polarity(denied: bool) -> str:
    return "denied" if denied else "affirmed"


def _article_keys(analysis: Analysis) -> frozenset[str]:
    labels = _PERSON_LABELS | _PLACE_LABELS
    return frozenset(
        k for m in analysis.mentions if m.label in labels for k in _name_keys(m.text, m.entity)
    )


def contest_facts(
    facts: Sequence[Fact], analyses: Sequence[Analysis], *, scored: Scored | None = None
) -> tuple[Fact, ...]:
    """``facts`` with those whose sentences from two outlets say the opposite, qualify
    a role otherwise, or give a different figure, person, place or date in the same
    slot, made contested, each version a side.

    Two facts from different outlets are also joined as one contested fact when a
    sentence of each looks alike to the same-fact model (a probability of at least half
    its threshold, what :mod:`.facts` reads as "looks alike" when joining groups) and
    the two differ in one of those ways: a changed value is what keeps the model from
    calling them one fact ("2 volunteers fell ill" / "five participants became sick").

    Args:
        facts: the story's facts (``pipeline.facts``), over ``analyses``.
        analyses: the story's independent articles.
        scored: :func:`.facts.pair_probabilities` of ``analyses`` when the caller has
            it (computed here otherwise).

    Returns:
        The facts, in the same order (a joined fact in the place of its first part).
    """
    by_id = {a.article.id: a for a in analyses}
    keys: dict[str, frozenset[str]] = {}

    def reading(e: Evidence) -> _Reading | None:
        analysis = by_id.get(e.article_id)
        if analysis is None:
            return None
        if e.article_id not in keys:
            keys[e.article_id] = _article_keys(analysis)
        return _reading(analysis, e, keys[e.article_id])

    scored = scored or pair_probabilities(analyses)
    items, probs, used = scored.items, scored.probs, scored.semantic
    index = {(it.analysis.article.id, it.claim.start): n for n, it in enumerate(items)}
    threshold = same_fact.threshold(semantic=used)

    def linked(a: Evidence, b: Evidence) -> bool:
        """Whether the model itself finds the two sentences one statement (not only
        the fact's grouping, which also joins sentences through others)."""
        i, j = index.get((a.article_id, a.start)), index.get((b.article_id, b.start))
        if i is None or j is None:
            return False
        return probs.get((min(i, j), max(i, j)), 0.0) >= threshold

    out: list[Fact | None] = []
    for fact in facts:
        if fact.status != "corroborated":
            out.append(fact)
            continue
        readings = [r for e in fact.evidence if (r := reading(e)) is not None]
        out.append(_contested(fact, readings, linked))
    for first, second, diff in _aligned(out, reading, items, probs, threshold):
        a, b = out[first], out[second]
        assert a is not None and b is not None
        kind, va, vb = diff
        out[first] = new_fact(
            (*a.evidence, *b.evidence), ((va, a.evidence), (vb, b.evidence)), kind
        )
        out[second] = None
    return tuple(f for f in out if f is not None)


def _aligned(
    facts: Sequence[Fact | None],
    reading: Callable[[Evidence], _Reading | None],
    items: Sequence[Any],
    probs: dict[tuple[int, int], float],
    threshold: float,
) -> list[tuple[int, int, tuple[DifferenceKind, str, str]]]:
    """Pairs of facts (by index) of disjoint outlets, neither contested, with a pair of
    sentences the same-fact model finds alike that differ in one slot; each fact in
    one pair at most, most alike first (``items`` and ``probs`` as
    :func:`.facts.pair_probabilities` gives them)."""
    if not probs:
        return []
    alike = threshold / 2
    fact_of: dict[tuple[str, int], int] = {}
    for n, f in enumerate(facts):
        if f is not None and f.status != "contested":
            for e in f.evidence:
                fact_of[(e.article_id, e.start)] = n
    taken: set[int] = set()
    found = []
    for (i, j), p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if p < alike:
            break
        ai, aj = items[i].analysis.article.id, items[j].analysis.article.id
        fi = fact_of.get((ai, items[i].claim.start))
        fj = fact_of.get((aj, items[j].claim.start))
        if fi is None or fj is None or fi == fj or fi in taken or fj in taken:
            continue
        x, y = facts[fi], facts[fj]
        assert x is not None and y is not None
        if {e.outlet for e in x.evidence} & {e.outlet for e in y.evidence}:
            continue
        ri = reading(claim_evidence(items[i].analysis, items[i].claim))
        rj = reading(claim_evidence(items[j].analysis, items[j].claim))
        if ri is None or rj is None:
            continue
        diff = _slot_difference(ri, rj)
        if diff is None:
            continue
        # Two people (or places) saying or doing alike things is the common case, not a
        # conflict: unlike a changed figure, another name is no reason for the model to
        # score a pair of one statement low, so it must find them the same statement.
        if diff[0] in ("name", "place") and p < threshold:
            continue
        if fj < fi:
            fi, fj, diff = fj, fi, (diff[0], diff[2], diff[1])
        taken |= {fi, fj}
        found.append((fi, fj, diff))
    return found


def _contested(
    fact: Fact, readings: Sequence[_Reading], linked: Callable[[Evidence, Evidence], bool]
) -> Fact:
    found: list[tuple[DifferenceKind, str, str, Evidence, Evidence]] = []
    for i, a in enumerate(readings):
        for b in readings[i + 1 :]:
            diff = _slot_difference(a, b)
            # Another person or place is a conflict only between two sentences the
            # model finds one statement: a fact's grouping also joins sentences through
            # others, and two people doing alike things is the common case.
            if diff is not None and (
                diff[0] not in ("name", "place") or linked(a.evidence, b.evidence)
            ):
                found.append((*diff, a.evidence, b.evidence))
    if not found:
        return fact
    kind = found[0][0]
    sides: dict[str, list[Evidence]] = {}
    for k, va, vb, ea, eb in found:
        if k != kind:
            continue
        for value, e in ((va, ea), (vb, eb)):
            same = next((s for s in sides if _same_value(s, value, kind)), value)
            if e not in sides.setdefault(same, []):
                sides[same].append(e)
    return replace(
        fact,
        status="contested",
        differs_in=kind,
        sides=tuple((v, tuple(ev)) for v, ev in sides.items()),
    )


def _same_value(a: str, b: str, kind: DifferenceKind) -> bool:
    """Two versions read as one side: equal, or for names one's last word the other's
    ("Delgado" / "Maria Delgado")."""
    if a.casefold() == b.casefold():
        return True
    if kind not in {"name", "place"}:
        return False
    wa, wb = _NAME_WORD.findall(a.lower()), _NAME_WORD.findall(b.lower())
    return bool(wa and wb and wa[-1] == wb[-1])
