"""Genders of the people an article names, read from the article itself.

A pronoun speaker ("she told the Post") stands for a person of its gender; without
this, "she" was filed under the last man named. No name list decides it: the article
says it, by an honorific before the name ("Mr. Moore", "Ms. Corfman") or by the
pronouns that take up the person as the subject of the next clauses ("Corfman told
the Post ... She said ..."). A person the article gives no sign for has no gender,
and any pronoun may stand for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Gender = Literal["m", "f"]

PRONOUN_GENDERS: Mapping[str, Gender] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_HONORIFICS: Mapping[str, Gender] = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
}  # fmt: skip
_SUBJECTS = {"nsubj", "nsubjpass"}
# How much the pronoun count must lean one way to decide a gender: the subject pronouns
# of an article's sentences stand for the sentence's (or the previous one's) named
# subject most of the time, but not always. 3:1 keeps one stray pronoun from deciding.
_MIN_LEAN = 3
_MIN_VOTES = 1


def _name(token: Token) -> str:
    """The person's name ``token`` sits in: its entity's words, else the token."""
    doc = token.doc
    if token.ent_iob_ in ("B", "I"):
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = [t.text for t in doc[start:end] if t.pos_ == "PROPN"]
        if words:
            return " ".join(words)
    return token.text


def person_genders(
    doc: Doc, *, is_quoted: Callable[[int], bool] | None = None
) -> dict[str, Gender]:
    """The gender the article shows for each person it names.

    Args:
        doc: the parsed article body, with named entities.
        is_quoted: whether a body offset is inside quotation marks (pronouns there may
            stand for anyone: "he" in someone's words); ``None``: nothing is quoted.

    Returns:
        Name as written ("Leigh Corfman", or "Moore" after "Mr.") -> ``"m"`` or ``"f"``,
        for the people the article gives a sign for (see :func:`agrees` for lookups).
    """
    quoted = is_quoted or (lambda _: False)
    honorific: dict[str, Gender] = {}
    for token in doc:
        gender = _HONORIFICS.get(token.lower_)
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if gender is not None and after is not None and after.pos_ == "PROPN":
            honorific.setdefault(_name(after).split()[-1], gender)
    votes: dict[str, Counter[Gender]] = {}
    previous: str | None = None  # the person named as the subject of the last sentence
    for sent in doc.sents:
        subject = next((c for c in sent.root.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and quoted(subject.idx):
            previous = None
            continue
        gender = PRONOUN_GENDERS.get(subject.lower_) if subject is not None else None
        if subject is not None and gender is not None and previous is not None:
            # "Corfman told the Post ... . She said ...": only when no other person is
            # named in this sentence before the pronoun
            others = [t for t in sent if t.i < subject.i and t.ent_type_ == "PERSON"]
            if not others:
                votes.setdefault(previous, Counter())[gender] += 1
        if subject is not None and subject.ent_type_ == "PERSON":
            previous = _name(subject)
        elif gender is None:
            # no person as subject: the one person the sentence names, if only one
            # ("The Post story centered on allegations made by Leigh Corfman.")
            people = {_name(t) for t in sent if t.ent_type_ == "PERSON" and not quoted(t.idx)}
            previous = next(iter(people)) if len(people) == 1 else None
    out: dict[str, Gender] = {}
    for person, counts in votes.items():
        (top, k), *rest = counts.most_common()
        if k >= _MIN_VOTES and k >= _MIN_LEAN * (rest[0][1] if rest else 0):
            out[person] = top
    out.update(honorific)
    return out


def gender_of(name: str, genders: Mapping[str, str]) -> str | None:
    """The gender ``genders`` gives the person called ``name``: by the name itself, else
    by its surname when no other person of that surname is named ("Trump" for Donald
    Trump says nothing of Ivanka Trump)."""
    if name in genders:
        return genders[name]
    words = name.split()
    if not words:
        return None
    same = {g for key, g in genders.items() if key.split()[-1] == words[-1]}
    others = {key for key in genders if key.split()[-1] == words[-1] and len(key.split()) > 1}
    if len(same) != 1 or (len(words) > 1 and others):
        return None
    return next(iter(same))


def agrees(pronoun: str, name: str, genders: Mapping[str, str]) -> bool:
    """Whether ``pronoun`` may stand for the person called ``name``: a gendered pronoun
    not for a person the article shows to be of the other gender."""
    wanted = PRONOUN_GENDERS.get(pronoun.lower())
    if wanted is None:
        return True
    known = gender_of(name, genders)
    return known is None or known == wanted
