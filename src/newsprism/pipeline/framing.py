"""Framing: how each article of a story tells it, compared with the others.

:func:`naming_variants` finds entities that outlets name differently in their own
voice (Kiev/Kyiv): forms of one entity, outside quotes, that are neither a demonym,
nor a part of a longer form (a surname), nor an abbreviation -- the pairs of
``data/name_variants.tsv`` are found this way, and so are spellings the file does not
know yet. Wordings of a group or thing are found too ("illegal" / "undocumented"
immigrants): the contested labels of ``data/naming_pairs.tsv`` as a seed, and any
head noun that two outlets modify with different words in their own voice, each
outlet keeping to its own, at least one of the words loaded. :func:`frame_articles`
gives per article its naming choices, the descriptors it uses for people, its
own-voice loaded language, the sources it quotes and how much, and the facts most
outlets carry but it omits.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..data import data_table
from ..models import Analysis, Entity, Fact
from .facts import states_fact
from .loaded import load_model, quotations

__all__ = [
    "ArticleFraming",
    "NamingVariant",
    "frame_articles",
    "naming_variants",
    "wording_variants",
]

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
    person_descriptors: tuple[tuple[str, str], ...]  # (person, descriptor)
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


# Words that modify a noun without naming a side: time, order, size, number, place
# and office. A pair with one of these ("new immigrants") is not a naming choice.
_ORDINARY = frozenset(
    (
        "new",
        "old",
        "first",
        "last",
        "former",
        "latest",
        "next",
        "previous",
        "recent",
        "current",
        "other",
        "many",
        "several",
        "more",
        "most",
        "few",
        "some",
        "all",
        "both",
        "each",
        "every",
        "such",
        "same",
        "own",
        "top",
        "senior",
        "junior",
        "young",
        "older",
        "younger",
        "big",
        "small",
        "large",
        "little",
        "long",
        "short",
        "high",
        "low",
        "great",
        "major",
        "minor",
        "key",
        "main",
        "local",
        "national",
        "federal",
        "state",
        "city",
        "county",
        "district",
        "foreign",
        "domestic",
        "public",
        "private",
        "early",
        "late",
        "further",
        "total",
        "additional",
        "certain",
        "potential",
        "possible",
        "left",
        "right",
        "sure",
        "whole",
        "full",
    )
)
_AUXILIARIES = frozenset(
    ("has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "get", "got")
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
_BREAK = re.compile(r"[.,;:!?()\[\]\"“”—–\n]")  # a phrase does not run over these


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((row[0], tuple(row[1:])) for row in data_table("naming_pairs.tsv"))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(
        w for lang, words in data_table("stopwords.tsv") if lang == "en" for w in words.split()
    )


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    return frozenset(w.lower() for w, _ in data_table("loaded_words.tsv") if " " not in w)


def _known(word: str, pos: str) -> bool:
    """The loaded-language model saw ``word`` (or its singular) as ``pos`` in BABE or
    BASIL: its part-of-speech features double as a small tagged vocabulary, so that
    verbs and numbers before a noun ("give", "million") are not taken as modifiers."""
    weights = load_model().weights
    forms = [word]
    if word.endswith("s"):  # a plural: its lemma drops "s" or "es"
        forms += [word[:-1], word[:-2]]
    return any(f"lp:{w}/{pos}" in weights for w in forms if w)


def _adjective(word: str) -> bool:
    return bool(re.match(r"(?:pro|anti)-\w", word)) or _known(word, "ADJ")


def _loaded_modifier(word: str) -> bool:
    """A modifier that takes a side: a loaded-lexicon word, a pro-/anti- compound, or a
    word the loaded-language model (``data/loaded_model.tsv``) leans towards loaded on
    its own (word and lemma weights together above zero, whatever the context)."""
    if re.match(r"(?:pro|anti)-\w", word):
        return True
    weights = load_model().weights
    return (
        word in _lexicon_words()
        or weights.get(f"w:{word}", 0.0) + weights.get(f"l:{word}", 0.0) > 0
    )


def _own_voice(analysis: Analysis) -> str:
    """The article's body with every quotation and quote blanked out (same offsets)."""
    body = analysis.article.body
    spans = [(q.start, q.end) for q in analysis.quotes if q.kind != "indirect"]
    spans += [(s, e) for s, e, _ in quotations(body)]
    chars = list(body)
    for s, e in spans:
        chars[max(0, s - 1) : e + 1] = "\n" * (min(len(body), e + 1) - max(0, s - 1))
    return "".join(chars)


def _modified_nouns(text: str) -> Counter[tuple[str, str]]:
    """``(modifier, head)`` word pairs in a row, lower case, neither a function word,
    number or capitalised word (names and sentence starts are not wordings); the head
    ends its noun phrase (no known noun after it: in "immigration advocates" the head
    is "advocates") and the modifier follows no auxiliary ("has alarmed" is a verb)."""
    found: Counter[tuple[str, str]] = Counter()
    for piece in _BREAK.split(text):
        words = [_POSSESSIVE.sub("", w) if w.islower() else "" for w in _WORD.findall(piece)]
        for i, (a, b) in enumerate(pairwise(words)):
            if not (a and b) or a in _function_words() or b in _function_words():
                continue
            if a in _ORDINARY or (i and words[i - 1] in _AUXILIARIES):
                continue
            if i + 2 < len(words) and _known(words[i + 2], "NOUN"):
                continue
            found[a, b] += 1
    return found


def _seed_variants(texts: dict[str, str]) -> list[NamingVariant]:
    found = []
    for name, forms in _pairs():
        used: dict[str, list[str]] = {}
        for form in forms:
            pattern = re.compile(rf"\b{re.escape(form)}s?\b", re.IGNORECASE)
            hits = {aid: m.group(0) for aid, text in texts.items() if (m := pattern.search(text))}
            if hits:
                # Shown as the file spells it, with the plural when the text has one.
                plural = Counter(h[len(form) :].lower() for h in hits.values()).most_common(1)
                used[form + plural[0][0]] = list(hits)
        if _outlet_specific(used):
            found.append(NamingVariant("", name, tuple((f, tuple(i)) for f, i in used.items())))
    return found


def _outlet_specific(used: dict[str, list[str]]) -> bool:
    """Two forms each used by some article that uses no other form."""
    only = [
        {aid for aid in ids if not any(aid in o for f2, o in used.items() if f2 != f)}
        for f, ids in used.items()
    ]
    return sum(1 for ids in only if ids) >= 2


# Content words two forms' contexts must share to name one referent: 2, set by reading
# the BASIL triplets' output (benchmarks/naming_basil.py): it dropped 8 of 19 pairs,
# 6 of them different referents or plain description ("terrorist" / "disdainful"
# attack), 2 read as naming choices (BENCHMARKS.md).
_SHARED_CONTEXT = 2
_WINDOW = 12  # words either side of a form: about a sentence


def _context(texts: dict[str, str], phrase: str, ids: Sequence[str]) -> set[str]:
    """Content words near ``phrase`` in the articles ``ids`` (the phrase's own left out)."""
    near: set[str] = set()
    skip = set(phrase.split()) | _function_words()
    for aid in ids:
        words = [w.lower() for w in _WORD.findall(texts[aid])]
        target = phrase.split()
        for i in range(len(words) - len(target) + 1):
            if words[i : i + len(target)] == target:
                window = words[max(0, i - _WINDOW) : i + len(target) + _WINDOW]
                near.update(w for w in window if w not in skip and len(w) > 2)
    return near


def _is_seeded(phrase: str, seeded: set[str]) -> bool:
    """The phrase is a form of a seed row, or its plural."""
    return phrase in seeded or (phrase.endswith("s") and phrase[:-1] in seeded)


def wording_variants(analyses: Sequence[Analysis]) -> tuple[NamingVariant, ...]:
    """Groups or things the story's articles word differently in their own voice:
    the rows of ``data/naming_pairs.tsv`` two articles split on, then head nouns two
    articles modify differently ("illegal" / "undocumented" immigrants) where each
    article keeps to its own modifier and at least one modifier is loaded. ``entity``
    is empty: the forms name a group, not a resolved entity.

    Args:
        analyses: the story's analysed articles (one per outlet voice).

    Returns:
        The variants, seed rows first, each with its forms and the articles using them.
    """
    texts = {a.article.id: _own_voice(a) for a in analyses}
    found = _seed_variants(texts)
    # The seed rows decide for their own forms, reported or not.
    seeded = {f.lower() for _, forms in _pairs() for f in forms}
    by_head: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for aid, text in texts.items():
        for (mod, head), _ in _modified_nouns(text).items():
            by_head[head][mod].append(aid)
    counts = {aid: _modified_nouns(text) for aid, text in texts.items()}
    for head, mods in by_head.items():
        pairs: dict[str, list[str]] = {}
        if not _known(head, "NOUN"):
            continue
        mods = {m: ids for m, ids in mods.items() if _adjective(m)}
        for loaded in sorted(m for m in mods if _loaded_modifier(m)):
            users = set(mods[loaded])
            # The other side: modifiers of the same head used only by articles that
            # never use the loaded one; the most used of them is its counterpart.
            others = [m for m in mods if m != loaded and not users & set(mods[m])]
            near = _context(texts, f"{loaded} {head}", mods[loaded])
            # The same referent: the other form's context shares words with this one's.
            others = [
                m
                for m in others
                if len(near & _context(texts, f"{m} {head}", mods[m])) >= _SHARED_CONTEXT
            ]
            if not others or _is_seeded(f"{loaded} {head}", seeded):
                continue
            other = max(others, key=lambda m: (sum(counts[a][m, head] for a in mods[m]), m))
            if _is_seeded(f"{other} {head}", seeded):
                continue
            pairs.setdefault(loaded, mods[loaded])
            pairs.setdefault(other, mods[other])
        if pairs:
            found.append(
                NamingVariant(
                    "",
                    head,
                    tuple((f"{m} {head}", tuple(dict.fromkeys(ids))) for m, ids in pairs.items()),
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
            (e.name, d)
            for e in entities
            for o, d in e.outlet_descriptors
            if o == article.outlet_name
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
