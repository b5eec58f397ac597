"""The word lists the quote stage reads from ``data/``, loaded once."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ...data import data_lines, data_table


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[frozenset[str], Mapping[str, frozenset[str]]]:
    """Single-word verb lemmas, and phrasal verbs as lemma -> particles."""
    single, phrasal = set(), dict[str, set[str]]()
    for line in data_lines("speech_verbs.txt"):
        verb, _, particle = line.strip().lower().partition(" ")
        if particle:
            phrasal.setdefault(verb, set()).add(particle)
        else:
            single.add(verb)
    return frozenset(single), {v: frozenset(p) for v, p in phrasal.items()}


@lru_cache(maxsize=1)
def attribution_frames() -> Mapping[str, frozenset[str]]:
    """Lemma (a verb outside the speech verbs, or a noun) -> the frames in which it is an
    attribution cue."""
    frames: dict[str, set[str]] = {}
    for row in data_table("attribution_frames.tsv"):
        frames.setdefault(row[0].lower(), set()).add(row[1])
    return {lemma: frozenset(f) for lemma, f in frames.items()}


@lru_cache(maxsize=1)
def cue_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.lower().split()) for line in data_lines("speech_cues.txt"))


@lru_cache(maxsize=1)
def pronouns() -> Mapping[str, str]:
    return {row[0].lower(): row[1] for row in data_table("speech_pronouns.txt")}


@lru_cache(maxsize=2)
def word_set(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines(name))


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Common-noun lemmas that can be the source of what is said ("official", "poll")."""
    return frozenset(row[0].lower() for row in data_table("source_nouns.tsv"))
