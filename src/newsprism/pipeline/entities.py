"""Entities: named-entity mentions per article, then one canonical entity per real
person, organisation or place across all articles of a run.

:func:`extract_mentions` reads spaCy's entities (corrected by the gazetteer in
``data/entity_patterns.jsonl``) and the descriptors around person names ("former
Russian President", "deputy chairman of Russia's Security Council").
:func:`resolve_entities` merges mentions across articles: variants from
``data/name_variants.tsv`` (Sergei/Sergey, Kiev/Kyiv, UK/United Kingdom), demonyms from
``data/demonyms.tsv`` ("Russian" -> Russia), the full names of one person ("Joseph I.
Lieberman", "Joe Lieberman": same surname, agreeing first names) to the form used most,
and surname-only mentions to the one person whose full name ends with them. A name led
by a title ("Sheriff Arpaio") is a person's; an acronym tagged as a place that is no
known variant of one ("F.B.I.", unlike "U.S.") is an organisation's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_table
from ..models import Analysis, Article, Entity, Mention, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["EntityIndex", "extract_mentions", "resolve_entities"]

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"}
_KIND = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "thing",
    "PRODUCT": "thing",
    "LAW": "thing",
}
_LABEL_OF_KIND = {
    "person": "PERSON",
    "org": "ORG",
    "place": "GPE",
    "group": "NORP",
    "thing": "MISC",
}
# Name particles that the small model often leaves out of a person's span ("Ursula von").
_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "da", "di", "del", "bin", "al", "ibn"}
_DESCRIPTOR_DEPS = {"compound", "amod", "nmod", "poss", "case", "npadvmod", "advmod"}
_STRIP_PREFIX = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
# "Medvedev—now deputy chair of Russia’s Security Council—": a role between dashes
# right after the name (the parser rarely makes it an apposition); "now" is dropped.
_DASHED_APPOSITION = re.compile(r"\s*[—–]\s*(?:(now|currently)\s+)?([^—–\n]{3,80}?)\s*[—–]")
_STRIP_POSSESSIVE = re.compile(r"[’']s?$")
_ACRONYM = re.compile(r"(?:[A-Z]\.){3,}|[A-Z]{3,5}")  # "F.B.I.", "FBI" (not "U.S.", "UK": variants)
_SHORT_FORM = 4  # a first name this short may be the short form of a longer one ("Joe")


@dataclass(frozen=True, slots=True)
class _Descriptor:
    start: int
    end: int
    text: str


# -- per article ----------------------------------------------------------------------


def _extend_particles(ent: Span) -> tuple[int, int]:
    """Token bounds of ``ent``, extended over name particles and the capitalised name
    after them ("Ursula von" + "der Leyen")."""
    doc = ent.doc
    end = ent.end
    if ent.label_ == "PERSON":
        while end < len(doc) and doc[end].lower_ in _PARTICLES:
            end += 1
        if end > ent.end:
            if end < len(doc) and doc[end].is_title:
                end += 1
            else:
                end = ent.end
    return ent.start, end


def _descriptor(doc: Doc, start: int, end: int, *, body: str) -> _Descriptor | None:
    """Title or role in front of a person's name, or an apposition after it (``body``
    is ``doc.text``, computed once by the caller)."""
    i = start - 1
    while i >= 0:
        tok = doc[i]
        if (
            tok.is_punct
            or tok.dep_ not in _DESCRIPTOR_DEPS
            or not (i < tok.head.i < end or tok.head.i in range(i + 1, end))
        ):
            break
        if tok.ent_type_ == "PERSON":
            break
        i -= 1
    if i + 1 < start:
        first = i + 1
        while first < start and doc[first].dep_ in {"case", "poss"} and doc[first].is_punct:
            first += 1
        span = doc[first:start]
        if span.text.strip() and any(t.is_alpha and not t.is_stop for t in span):
            return _Descriptor(span.start_char, span.end_char, span.text)
    dashed = _DASHED_APPOSITION.match(body, doc[end - 1].idx + len(doc[end - 1]))
    if dashed is not None and dashed.group(2)[:1].islower():
        return _Descriptor(dashed.start(2), dashed.end(2), dashed.group(2))
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end:
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            if _describes(sub):
                return _Descriptor(sub.start_char, sub.end_char, sub.text)
    return None


def _describes(span: Span) -> bool:
    """Whether an apposition says who someone is: a word other than an age ("Moore,
    then 32"), a day ("Ginsburg, Tuesday") or a pronoun ("Trump himself"), all of which
    BASIL's stories showed as descriptors."""
    return any(
        t.is_alpha and not t.is_stop and t.pos_ != "PRON" and t.ent_type_ not in ("DATE", "TIME")
        for t in span
    )


def extract_mentions(article: Article, doc: Doc) -> tuple[Mention, ...]:
    """Named-entity mentions of ``article`` from its spaCy ``doc`` (of ``article.body``).

    Offsets point into ``article.document.text``. ``entity`` is left empty until
    :func:`resolve_entities` runs.
    """
    mentions = []
    titled: set[str] = set()
    covered = 0
    body = doc.text  # Doc.text joins every token: once, not per mention
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or ent.start < covered:
            continue
        start, end = _extend_particles(ent)
        covered = end
        while start < end and (doc[start].is_punct or doc[start].lower_ in {"the", "a", "an"}):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if start >= end:
            continue
        span = doc[start:end]
        text = span.text
        lead = len(text) - len(_STRIP_PREFIX.sub("", text))
        b0 = span.start_char + lead
        b1 = span.end_char
        stripped = (
            _STRIP_POSSESSIVE.sub("", body[b0:b1])
            if body[b0:b1].endswith(("'s", "’s"))
            else body[b0:b1]
        )
        b1 = b0 + len(stripped)
        if b1 <= b0:
            continue
        s = article.span(b0, b1)
        mentions.append(Mention(s.start, s.end, s.text, ent.label_))
        if _is_titled(doc, start, end):
            titled.add(s.text.split(" ")[-1])
    return _people_by_surname(mentions, titled)


def _is_titled(doc: Doc, start: int, end: int) -> bool:
    """Whether the name ``doc[start:end]`` is a person's by its title or role: right
    after one ("Mr. Goelman", "Strzok attorney Aitan Goelman") or with one in apposition
    ("Aitan Goelman, Mr. Strzok's lawyer"). The small model tags such names as
    organisations or places; a title word inside the name is handled by the index."""
    names = doc[start:end]
    if not all(t.pos_ == "PROPN" and t.is_title for t in names if t.is_alpha):
        return False
    if start > 0 and doc[start - 1].lower_.rstrip(".") in _titles():
        return True
    return any(
        child.dep_ == "appos" and child.i >= end and child.lemma_.lower() in _titles()
        for child in names.root.children
    )


def _people_by_surname(mentions: Sequence[Mention], titled: set[str]) -> tuple[Mention, ...]:
    """The mentions with every name of a titled person labelled as a person: once
    "Mr. Goelman" is a person, so are "Goelman said" and "Aitan Goelman", whatever the
    small model tagged them. ``titled``: the last words of the names :func:`_is_titled`
    found in the article."""
    return tuple(
        replace(m, label="PERSON")
        if m.label != "PERSON" and (words := m.text.split(" "))[-1] in titled and _is_name(words)
        else m
        for m in mentions
    )


def person_descriptors(article: Article, doc: Doc) -> tuple[tuple[str, str], ...]:
    """``(name, descriptor)`` pairs for the persons of ``doc`` ("Sergey Lavrov",
    "Russian Foreign Minister")."""
    pairs = []
    body = doc.text  # Doc.text joins every token: once, not per person
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = _extend_particles(ent)
        found = _descriptor(doc, start, end, body=body)
        if found is not None:
            pairs.append((doc[start:end].text, _clean_descriptor(found.text)))
    return tuple(p for p in pairs if p[1])


def _clean_descriptor(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,—–-")
    return _STRIP_PREFIX.sub("", text)


# -- across articles ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _variants() -> tuple[dict[str, str], dict[str, str]]:
    words: dict[str, str] = {}
    names: dict[str, str] = {}
    for variant, canonical in data_table("name_variants.tsv"):
        (
            words
            if " " not in variant
            and " " not in canonical
            and variant[:1].isupper()
            and variant[1:].islower()
            else names
        )[variant.lower()] = canonical
    return words, names


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {d.lower(): c for d, c in data_table("demonyms.tsv")}


def country_of(word: str) -> str | None:
    """The country a demonym names ("Russian", "Russians" -> "Russia"), else None."""
    key = word.lower()
    return _demonyms().get(key) or _demonyms().get(key.rstrip("s"))


def normalise_name(text: str) -> str:
    """The variant-free form of a name: articles and possessives stripped, variants
    from ``data/name_variants.tsv`` applied."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _STRIP_POSSESSIVE.sub("", text) if text.endswith(("'s", "’s")) else text
    words, names = _variants()
    whole = names.get(text.lower()) or names.get(_STRIP_PREFIX.sub("", text).lower())
    if whole:
        return whole
    text = _STRIP_PREFIX.sub("", text)
    whole = names.get(text.lower())
    if whole:
        return whole
    return " ".join(words.get(w.lower(), w) for w in text.split(" "))


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "x"


class EntityIndex:
    """Maps names seen in a run to canonical entities.

    Built from all mentions of a run: full person names index their surnames (and
    first names), so "Medvedev" finds "Dmitry Medvedev" when only one full name ends
    that way.
    """

    def __init__(self, mentions: Iterable[Mention]) -> None:
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for m in mentions:
            name, kind = self._base(m.text, m.label)
            kinds[name][kind] += 1
        full_people = [
            n for n, c in kinds.items() if c.most_common(1)[0][0] == "person" and " " in n
        ]
        self._same = _same_people(full_people, kinds)
        by_part: dict[str, set[str]] = defaultdict(set)
        for full in full_people:
            parts = full.split(" ")
            canonical = self._same.get(full, full)
            by_part[parts[-1].lower()].add(canonical)
            by_part[" ".join(parts[1:]).lower()].add(canonical)
            if len(parts[0].rstrip(".")) > 1:  # a first name alone ("Dick"), not an initial
                by_part[parts[0].lower()].add(canonical)
        self._by_part = by_part
        self._kinds = kinds

    @staticmethod
    def _base(text: str, label: str) -> tuple[str, str]:
        name = normalise_name(text)
        kind = _KIND.get(label, "thing")
        if label in {"NORP", "GPE"}:
            country = _demonyms().get(name.lower()) or _demonyms().get(name.lower().rstrip("s"))
            if country:
                return country, "place"
        words = name.split(" ")
        if len(words) > 1 and words[0].lower().rstrip(".") in _titles() and _is_name(words[1:]):
            return " ".join(words[1:]), "person"  # "Sheriff Arpaio", "Gov. Jan Brewer"
        if _ACRONYM.fullmatch(name) and name == text.strip():
            # "F.B.I." and "FBI" are one; a place by acronym is in name_variants ("U.S.")
            return name.replace(".", ""), "org" if kind == "place" else kind
        return name, kind

    def label_of(self, text: str) -> str | None:
        """The spaCy label most mentions of the name ``text`` carry in the run, or None
        when the name was never recognised as an entity. A surname of one full person
        name counts as that person."""
        name = normalise_name(text)
        counts = self._kinds.get(name)
        if counts:
            return _LABEL_OF_KIND[counts.most_common(1)[0][0]]
        if len(self._by_part.get(name.lower(), ())) == 1:
            return "PERSON"
        return None

    def lookup(self, text: str, label: str = "PERSON") -> tuple[str, str]:
        """``(canonical name, kind)`` of a mention ``text`` with spaCy ``label``."""
        name, kind = self._base(text, label)
        counts = self._kinds.get(name)
        if counts:
            kind = counts.most_common(1)[0][0]
        if name in self._same:
            return self._same[name], "person"
        fulls = self._by_part.get(name.lower(), set())
        if len(fulls) == 1 and name not in fulls and kind not in {"place", "group"}:
            return next(iter(fulls)), "person"
        return name, kind

    def entity_id(self, text: str, label: str = "PERSON") -> tuple[str, str, str]:
        """``(entity id, canonical name, kind)`` of a mention."""
        name, kind = self.lookup(text, label)
        return f"{kind}:{_slug(name)}", name, kind


def _same_people(full_names: Sequence[str], kinds: dict[str, Counter[str]]) -> dict[str, str]:
    """Full names of one person in the forms a story uses ("Joseph I. Lieberman", "Joe
    Lieberman", "Joseph Lieberman") -> the form mentioned most (the longest on a tie).
    Two names are one person when their surnames are the same and their first names
    agree: the same, one an initial of the other, or a short form sharing the longer
    one's first two letters ("Joe"/"Joseph") or listed in ``data/first_name_forms.tsv``
    ("Dick"/"Richard"); middle names and initials are ignored."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for full in full_names:
        by_surname[full.split(" ")[-1].lower()].append(full)
    same: dict[str, str] = {}
    for names in by_surname.values():
        groups: list[list[str]] = []
        for name in sorted(names, key=lambda n: -sum(kinds[n].values())):
            group = next((g for g in groups if all(_first_names_agree(name, o) for o in g)), None)
            if group is None:
                groups.append([name])
            else:
                group.append(name)
        for group in groups:
            if len(group) > 1:
                best = max(group, key=lambda n: (sum(kinds[n].values()), len(n)))
                same.update((n, best) for n in group)
    return same


def _first_names_agree(a: str, b: str) -> bool:
    fa, fb = a.split(" ")[0].rstrip(".").lower(), b.split(" ")[0].rstrip(".").lower()
    short, long_ = sorted((fa, fb), key=len)
    if short == long_ or (len(short) == 1 and long_.startswith(short)):
        return True
    if (fa, fb) in _first_name_forms() or (fb, fa) in _first_name_forms():
        return True
    return len(short) <= _SHORT_FORM and long_[:2] == short[:2] and len(long_) > len(short)


def _is_name(words: Sequence[str]) -> bool:
    return all(w[:1].isupper() for w in words)


@lru_cache(maxsize=1)
def _first_name_forms() -> frozenset[tuple[str, str]]:
    return frozenset(
        (short.lower(), full.lower()) for short, full in data_table("first_name_forms.tsv")
    )


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(row[0].lower() for row in data_table("speech_titles.txt"))


def _resolve_speaker(
    speaker: Speaker | None, index: EntityIndex, labels: dict[tuple[int, int], str]
) -> Speaker | None:
    """The speaker with its canonical name and entity. Person or organisation comes from
    the label of the mention the speaker is (``labels``: spaCy's label by span), else
    from how the run's mentions of that name are labelled, else person."""
    if speaker is None or not speaker.name:
        return speaker
    label = labels.get((speaker.start, speaker.end)) or index.label_of(speaker.name) or "PERSON"
    eid, name, _ = index.entity_id(speaker.name, label)
    return replace(speaker, name=name, entity=eid)


def resolve_entities(
    analyses: Sequence[Analysis],
    *,
    descriptors: Sequence[tuple[tuple[str, str], ...]] = (),
) -> tuple[tuple[Entity, ...], tuple[Analysis, ...]]:
    """Canonical entities across ``analyses``, and the analyses with every mention's
    ``entity`` and every quote speaker's ``name``/``entity`` filled in.

    Args:
        analyses: per-article results.
        descriptors: per analysis, the ``(name, descriptor)`` pairs from
            :func:`person_descriptors`; kept per outlet on each entity.

    Returns:
        The entities, most mentioned first, and the updated analyses.
    """
    index = EntityIndex(m for a in analyses for m in a.mentions)
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    place_labels: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    resolved = []
    for i, analysis in enumerate(analyses):
        mentions = []
        for m in analysis.mentions:
            eid, name, kind = index.entity_id(m.text, m.label)
            names[eid] = name
            # A place keeps the spaCy label its place mentions carry most (GPE, LOC, FAC),
            # never that of a mention the model got wrong ("Bridgeport" tagged PERSON).
            if kind == "place" and _KIND.get(m.label) == "place":
                place_labels[eid][m.label] += 1
            labels[eid] = _LABEL_OF_KIND[kind]
            if m.text != name:
                aliases[eid].add(m.text)
            counts[eid] += 1
            mentions.append(replace(m, entity=eid))
        spans = {(m.start, m.end): m.label for m in analysis.mentions}
        quotes: list[Quote] = [
            replace(q, speaker=_resolve_speaker(q.speaker, index, spans)) for q in analysis.quotes
        ]
        if i < len(descriptors):
            outlet = analysis.article.outlet_name
            for person, desc in descriptors[i]:
                eid, _, _ = index.entity_id(person, "PERSON")
                found[eid].add((outlet, desc))
        resolved.append(replace(analysis, mentions=tuple(mentions), quotes=tuple(quotes)))
    entities = tuple(
        Entity(
            id=eid,
            name=names[eid],
            label=place_labels[eid].most_common(1)[0][0] if place_labels[eid] else labels[eid],
            aliases=tuple(sorted(aliases[eid])),
            outlet_descriptors=tuple(sorted(found.get(eid, ()))),
            mentions=n,
        )
        for eid, n in counts.most_common()
    )
    return entities, tuple(resolved)
