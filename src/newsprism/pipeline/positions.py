"""Positions: where each actor of a story stands on its central question.

:func:`find_positions` takes the story's central question to be its most widely
carried fact (``facts[0]``), and the words its claims share as the question's topic.
Every claim of the story on that topic speaks for an actor: its asserter when it is
reported speech, else its agent and the actors coordinated with it. A news
organisation cited as the source (``data/news_media.tsv``, and the outlets of the
story's own articles) holds no stance: the actors it reports on do ("According to the
Financial Times, Germany, Italy, Poland, and Spain have expressed reluctance" speaks
for the four countries). People count for the country their descriptor names
("Italian Prime Minister Giorgia Meloni" speaks for Italy), institutions and capitals
for the country they stand for (``data/metonyms.tsv``). The stance of a claim comes
from the cues of ``data/stance_cues.tsv`` that bear on the topic: a topic word, or a
word standing for the proposal ("the idea", "the notion"), within a few words after
the cue, or just before it in the same clause ("the proposal as premature"); "seeking
to support Kyiv's defense" is no stance on sending troops. An actor's stance is its
most frequent one, the evidence listed. A claim about the actor's own forces ("ruled
out deploying American troops") marks the position ``is_own_forces``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..data import data_table
from ..models import Analysis, Claim, Entity, Evidence, Fact, Position, Quote, Stance
from .claims import term_class
from .sources import actor_id

__all__ = ["find_positions", "why_no_positions"]

_STANCE_ORDER: tuple[Stance, ...] = ("opposes", "supports", "conditional", "undecided")
# Within one sentence a hedge on the stance wins over the stance it hedges.
_CLAIM_PRIORITY: tuple[Stance, ...] = ("undecided", "conditional", "opposes", "supports")
_MAX_EVIDENCE = 4
_FORCE_WORDS = r"(?:troops|forces|soldiers|personnel|peacekeepers|contingent|boots)"
# How far a cue reaches for what it is about, in words: after it (its object: "open
# to deploying troops", "ready to spearhead a coalition ... involving troops") and
# before it within the clause ("the proposal as premature"). Set on the seeds' cues.
_CUE_REACH_AFTER = 12
_CUE_REACH_BEFORE = 3
_WORD = re.compile(r"[\w’'-]+|[,;:.()—–]")
# A cue that is what its subject receives ("Indiana ... faced similar criticism",
# "drew fire", "came under criticism", "amid opposition") is someone else's stance on
# the subject, not the subject's stance: such a cue says nothing of where the subject
# stands. Read off the BASIL Arkansas story (benchmarks/positions_gold.tsv).
_RECEIVED = re.compile(
    r"(?:\b(?:fac(?:e|es|ed|ing)|dr(?:ew|aw|aws|awn|awing)|receiv(?:e|es|ed|ing)|"
    r"met\s+with|meets?\s+with|c(?:a|o)me\s+under|under|amid|despite|sparked|"
    r"prompted|provoked|triggered)\s+(?:[\w’'-]+\s+){0,2})$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, Stance]]:
    rows: dict[str, Stance] = {p.lower(): s for p, s in data_table("stance_cues.tsv")}  # type: ignore[misc]
    words = sorted(rows, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w])", re.IGNORECASE), rows


@lru_cache(maxsize=1)
def _media() -> tuple[frozenset[str], frozenset[str]]:
    rows = data_table("news_media.tsv")
    return (
        frozenset(t.lower() for t, kind in rows if kind == "name"),
        frozenset(t.lower() for t, kind in rows if kind == "word"),
    )


def _is_media(name: str, outlets: frozenset[str]) -> bool:
    """Whether ``name`` names a news organisation (a source, not an actor)."""
    lower = re.sub(r"^the\s+", "", name.strip().lower())
    names, words = _media()
    last = lower.rsplit(" ", 1)[-1]
    return lower in names or lower in outlets or (" " in lower and last in words)


def _topic(fact: Fact, analyses: Sequence[Analysis]) -> frozenset[str]:
    claims = {(a.article.id, c.start): c for a in analyses for c in a.claims}
    counts: Counter[str] = Counter()
    for ev in fact.evidence:
        claim = claims.get((ev.article_id, ev.start))
        if claim is not None:
            counts.update(set(claim.terms))
    need = max(2, (len(fact.evidence) + 1) // 2)
    return frozenset(t for t, n in counts.items() if n >= need)


# When no fact is carried by two outlets (the fact grouping missed the shared ones),
# the question's topic is the words most of the story's articles use in their claims:
# at most this many, each in the claims of two articles or more. Eight keeps the
# subject and its action ("school", "arm", "report") without the story's every word.
_FALLBACK_TOPIC_WORDS = 8


def _central_topic(facts: Sequence[Fact], analyses: Sequence[Analysis]) -> frozenset[str]:
    """The words of the story's central question: those shared by the claims of its
    most widely carried fact, else the words most of its articles' claims use."""
    outlets = len({e.outlet for e in facts[0].evidence}) if facts else 0
    if outlets >= 2:
        topic = _topic(facts[0], analyses)
        if topic:
            return topic
    per_article: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for a in analyses:
        terms = [t for c in a.claims for t in c.terms]
        per_article.update(set(terms))
        total.update(terms)
    shared = [t for t, n in per_article.items() if n >= 2]
    shared.sort(key=lambda t: (-per_article[t], -total[t], t))
    return frozenset(shared[:_FALLBACK_TOPIC_WORDS])


def _affiliations(entities: Sequence[Entity]) -> dict[str, str]:
    """Entity id -> id of the place it speaks for."""
    # Only a country speaks through its people ("Italian Prime Minister Giorgia
    # Meloni" speaks for Italy); a governor or senator stands for themself, not for
    # their state ("Arkansas Gov. Asa Hutchinson" is Hutchinson's stance).
    countries = {country.lower() for _, country in data_table("demonyms.tsv")}
    places = {}
    for e in entities:
        if (
            e.label in {"GPE", "LOC", "NORP"}
            and e.id.startswith("place:")
            and e.name.lower() in countries
        ):
            for name in (e.name, *e.aliases):
                places[name.lower().replace(".", "")] = e.id
    names = {e.name.lower(): e.id for e in entities}
    found = {}
    for e in entities:
        if e.label == "PERSON":
            for _, descriptor in e.outlet_descriptors:
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


def _stance(text: str, topic: frozenset[str]) -> tuple[Stance, str] | None:
    pattern, rows = _cues()
    hits = [
        (_negated(rows[m.group(0).lower()], text[: m.start()]), m.group(0))
        for m in pattern.finditer(text)
        if _bears_on(text, m.start(), m.end(), topic) and not _RECEIVED.search(text[: m.start()])
    ]
    for stance in _CLAIM_PRIORITY:
        for found, cue in hits:
            if found == stance:
                return stance, cue
    return None


# A negation right before a cue turns it round: "I cannot support Judge Gorsuch's
# nomination" opposes it, "did not oppose" supports (the undecided and conditional
# cues carry their own negations: "not ruled out").
_NEGATION = re.compile(
    r"(?:\b(?:not|cannot|never|no\s+longer)|n[’']t)\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE
)
_FLIPPED: dict[Stance, Stance] = {"supports": "opposes", "opposes": "supports"}


def _negated(stance: Stance, before: str) -> Stance:
    """``stance`` turned round when the words ``before`` its cue end in a negation."""
    if stance in _FLIPPED and _NEGATION.search(before):
        return _FLIPPED[stance]
    return stance


def _bears_on(text: str, start: int, end: int, topic: frozenset[str]) -> bool:
    """Whether the cue at ``text[start:end]`` has a topic word within reach."""
    after = _WORD.findall(text[end:])[:_CUE_REACH_AFTER]
    before = _WORD.findall(text[:start])[-_CUE_REACH_BEFORE:]
    clause = []
    for word in reversed(before):
        if not word[0].isalnum():
            break
        clause.append(word)
    return any(_is_topic(w, topic) for w in (*clause, *after, text[start:end]))


def _is_topic(word: str, topic: frozenset[str]) -> bool:
    """Whether a word as written is of a topic class, trying the few English endings
    that separate it from its lemma ("troops", "deploying")."""
    lower = word.lower().removesuffix("’s").removesuffix("'s")
    forms = {lower}
    for ending in ("s", "es", "ing", "ed", "d", "ment", "ments"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)])
    return any(term_class(f) in topic for f in forms)


def _speakers(claim: Claim, media: frozenset[str]) -> tuple[str, ...]:
    """Whom ``claim`` speaks for: its source, unless that is a news organisation;
    else its agent and those coordinated with it."""
    if claim.asserter != "outlet" and not _is_media(claim.asserter, media):
        return (claim.asserter_entity,) if claim.asserter_entity else ()
    agents = (claim.agent_entity, *claim.co_agent_entities)
    return tuple(dict.fromkeys(a for a in agents if a))


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
    topic = _central_topic(facts, analyses)
    # Words standing for the proposal itself ("dismissed the notion") are on topic.
    reach = topic | {term_class("plan")}
    by_id = {e.id: e for e in entities}
    speaks_for = _affiliations(entities)
    media = frozenset(a.article.outlet_name.lower() for a in analyses)
    # (entity that spoke or acted, stance, cue, evidence, about its own forces)
    found_by: list[tuple[str, Stance, str, Evidence, bool]] = []
    for analysis in analyses:
        article = analysis.article
        for claim in analysis.claims:
            on_topic = len(topic & set(claim.terms)) >= 2 or bool(reach & set(claim.object_terms))
            who = _speakers(claim, media)
            if not who or not on_topic:
                continue
            found = _stance(claim.text, reach)
            if found is None:
                continue
            ev = Evidence(article.id, article.outlet_name, claim.start, claim.end, claim.text)
            for actor in dict.fromkeys(who):
                own = _is_own(claim.text, by_id.get(speaks_for.get(actor, actor)))
                found_by.append((actor, *found, ev, own))
        # What a speaker says on the topic shows where they stand: the words of a quote,
        # or the verb that reports them ("Schumer criticized the nominee").
        for quote in analysis.quotes:
            speaker = quote.speaker.entity if quote.speaker else None
            if not speaker or _is_media(quote.speaker.label, media):  # type: ignore[union-attr]
                continue
            found = _quote_stance(quote, topic, reach)
            if found is None:
                continue
            ev = Evidence(article.id, article.outlet_name, quote.start, quote.end, quote.text)
            found_by.append((speaker, *found, ev, False))
    if not _is_international(found_by, speaks_for):
        speaks_for = {}
    stances: dict[str, list[tuple[Stance, str, Evidence, bool]]] = defaultdict(list)
    for speaker, stance, cue, ev, own in found_by:
        actor = speaks_for.get(speaker, speaker)
        if not any(
            e.start == ev.start and e.article_id == ev.article_id for _, _, e, _ in stances[actor]
        ):
            stances[actor].append((stance, cue, ev, own))
    positions = []
    for actor, items in stances.items():
        counts = Counter(s for s, _, _, _ in items)
        best = max(_STANCE_ORDER, key=lambda s: (counts[s], -_STANCE_ORDER.index(s)))
        chosen = [i for i in items if i[0] == best]
        entity = by_id.get(actor)
        if entity is not None and _is_modifier(entity):
            continue
        name = entity.name if entity else actor.partition(":")[2].replace("-", " ").title()
        positions.append(
            Position(
                actor=actor,
                name=name,
                stance=best,
                cue=chosen[0][1],
                evidence=tuple(ev for _, _, ev, _ in chosen[:_MAX_EVIDENCE]),
                is_own_forces=any(own for _, _, _, own in chosen),
                confidence=round(len(chosen) / (len(items) + 1), 2),
            )
        )
    positions.sort(key=lambda p: -len(stances[p.actor]))
    return tuple(positions)


# A quote below the briefing's floor is too unsure of its speaker or its cue to show a
# stance (the same floor as the briefing's list of quotes).
_MIN_QUOTE_CONFIDENCE = 0.4


def _quote_stance(
    quote: Quote, topic: frozenset[str], reach: frozenset[str]
) -> tuple[Stance, str] | None:
    """The stance a quote shows on the topic: from its words when they hold two topic
    words and a stance cue bearing on them; else from its reporting verb when that is a
    stance cue ("criticized", "urged", "vetoed") and what it reports holds a topic word."""
    if quote.confidence < _MIN_QUOTE_CONFIDENCE:
        return None
    words = {term_class(w.lower()) for w in _WORD.findall(quote.text)}
    if len(topic & words) >= 2:
        found = _stance(quote.text, reach)
        if found is not None:
            return found
    if quote.kind == "direct" or quote.cue is None or not reach & words:
        return None
    pattern, rows = _cues()
    match = pattern.fullmatch(quote.cue.text.strip())
    return (rows[match.group(0).lower()], match.group(0)) if match else None


def _is_international(
    found_by: Sequence[tuple[str, Stance, str, Evidence, bool]], speaks_for: dict[str, str]
) -> bool:
    """Whether the actors with a stance stand for two or more countries. Only then do
    people and seats of power speak for their country ("Italian Prime Minister Giorgia
    Meloni" for Italy, the Kremlin for Russia); in a domestic story the White House or
    a governor is an actor of its own, not "United States" (BASIL's US stories)."""
    countries = {place for actor, place in speaks_for.items() if place != actor}
    return len({speaks_for.get(a, a) for a, *_ in found_by} & countries) >= 2


def _is_modifier(entity: Entity) -> bool:
    """Whether ``entity`` is a party or nationality word on its own ("Republican" of
    "Republican Gov. Mike Pence"), which names no actor; a group ("Republicans") or a
    country it stands for does. Read off the BASIL Social Security story."""
    return entity.label == "NORP" and " " not in entity.name and not entity.name.endswith("s")


def _is_own(text: str, entity: Entity | None) -> bool:
    if entity is None:
        return False
    names = {entity.name, *entity.aliases}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return bool(re.search(rf"\b(?:{alternation})\s+{_FORCE_WORDS}\b", text))


def why_no_positions(analyses: Sequence[Analysis], facts: Sequence[Fact]) -> str:
    """Why :func:`find_positions` found no stance in a story, in words a reader can
    act on (an empty table says nothing); ``""`` when it found some.

    Args:
        analyses: the story's analysed articles.
        facts: the story's facts, most widely carried first.
    """
    if find_positions(analyses, facts):
        return ""
    if not facts:
        return "No fact is carried by the story's articles, so there is no central question."
    topic = _central_topic(facts, analyses)
    if not topic:
        return (
            "The story's articles share no words in their claims, so there is no central question."
        )
    reach = topic | {term_class("plan")}
    on_topic = [
        c
        for a in analyses
        for c in a.claims
        if len(topic & set(c.terms)) >= 2 or bool(reach & set(c.object_terms))
    ]
    if len({e.outlet for e in facts[0].evidence}) >= 2:
        about = f" (the central question: “{facts[0].text}”)"
    else:
        shared = ", ".join(sorted(topic))
        about = f" (no fact is carried by two outlets; the words their claims share: {shared})"
    if not on_topic:
        return f"No claim of an actor bears on the story's most widely carried fact{about}."
    if not any(_stance(c.text, reach) for c in on_topic):
        return (
            f"{len(on_topic)} claims bear on the central question{about}, but none says "
            "where its actor stands (no word of support, opposition or hesitation)."
        )
    return (
        f"Claims bear on the central question{about} with a stance, but none names an "
        "actor (the outlet's own statements, or speakers not recognised as people, "
        "organisations or countries)."
    )
