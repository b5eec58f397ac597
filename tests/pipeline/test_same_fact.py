"""The learned same-fact decision and what it may call a conflict: small hand-made
cases in the shapes of real news sentences."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.pipeline import same_fact


def _facts_of(texts: list[str]) -> tuple[Any, ...]:
    from newsprism import load_settings
    from newsprism.api import analyse
    from newsprism.ingest.ids import content_id
    from newsprism.models import Document
    from newsprism.pipeline.contested import contest_facts
    from newsprism.pipeline.facts import group_claims

    documents = [
        Document(id=content_id(t), source=f"{n}.txt", text=t, outlet=f"Outlet {n}")
        for n, t in enumerate(texts)
    ]
    corpus = analyse(documents, settings=load_settings(environ={}, db=":memory:"))
    # The grouping, then the contests, as the comparison runs them.
    grouped = group_claims(corpus.analyses, entities=corpus.entities)
    return contest_facts(grouped, corpus.analyses)


def _with(facts: tuple[Any, ...], words: str) -> Any:
    return next(f for f in facts if any(words in e.text for e in f.evidence))


def test_features_have_one_value_per_name() -> None:
    a = same_fact.sentence("Islamic State claimed responsibility for the attack.")
    b = same_fact.sentence("No group has claimed responsibility for the attack.")
    row = same_fact.pair_features(a, b, 0.8, (0, 1))
    assert len(row) == len(same_fact.FEATURES)
    assert row[same_fact.FEATURES.index("negation_differs")] == 1.0


def test_vectors_pack_and_unpack() -> None:
    np = pytest.importorskip("numpy")
    rows = np.eye(3, 384, dtype=np.float32)
    import base64

    packed = tuple(base64.b64encode(r.astype(np.float16).tobytes()).decode() for r in rows)
    assert np.allclose(same_fact.unpack(packed), rows)


@pytest.mark.slow
def test_no_claim_of_responsibility_is_not_agreement() -> None:
    facts = _facts_of(
        [
            "Blast in Kabul\n\nNo group has claimed responsibility for the bombing in Kabul.",
            "Kabul bombing\n\nIslamic State claimed responsibility for the bombing in Kabul.",
        ]
    )
    fact = _with(facts, "Islamic State")
    assert fact.status != "corroborated"
    if fact.status == "contested":
        assert fact.differs_in == "negation"


@pytest.mark.slow
def test_wounded_and_dead_counts_are_no_conflict() -> None:
    facts = _facts_of(
        [
            "Attack\n\nThe attack on the market in Kano killed 12 people, the police said.",
            "Kano market\n\nThe attack on the market in Kano wounded 40 people, the police said.",
        ]
    )
    assert all(f.status != "contested" for f in facts)


@pytest.mark.slow
def test_poll_figures_of_different_candidates_are_no_conflict() -> None:
    facts = _facts_of(
        [
            "Poll\n\nClinton leads the national poll with 46 percent of likely voters.",
            "New poll\n\nTrump trails in the national poll with 41 percent of likely voters.",
        ]
    )
    assert all(f.status != "contested" for f in facts)
    assert all(f.differs_in != "same" for f in facts)


@pytest.mark.slow
def test_a_reworded_fact_is_corroborated() -> None:
    facts = _facts_of(
        [
            "Veto\n\nSenators John McCain and Jeff Flake urged the governor to veto the bill.",
            "Arizona\n\nThe governor was urged by Sen. John McCain and Sen. Jeff Flake to veto "
            "the measure.",
        ]
    )
    fact = _with(facts, "veto")
    assert fact.status == "corroborated" and len(fact.articles) == 2


def _bare(n: int, sentence: str) -> Any:
    """A hand-made analysis of one sentence, without embeddings (words-only)."""
    from newsprism.models import Analysis, Claim, Document
    from newsprism.pipeline.clean import clean

    text = f"Story {n}\n\n{sentence}"
    article = clean(Document(id=f"a{n}", source=f"{n}.txt", text=text, outlet=f"Outlet {n}"))
    start = text.index(sentence)
    claim = Claim(start=start, end=start + len(sentence), text=sentence, predicate="approve")
    return Analysis(article=article, claims=(claim,))


def test_words_only_install_groups_without_embeddings() -> None:
    from newsprism.pipeline.facts import group_claims

    facts = group_claims(
        [
            _bare(0, "The Senate approved the budget bill on Thursday by a vote of 60 to 40."),
            _bare(1, "On Thursday the Senate approved the budget bill, 60 votes to 40."),
            _bare(2, "Heavy rain flooded three villages in the north of the country."),
        ]
    )
    budget = _with(facts, "budget")
    assert budget.status == "corroborated" and len(budget.articles) == 2
    rain = _with(facts, "rain")
    assert rain.status == "single-source"


def test_candidate_pairs_rank_each_sentence_within_its_own_article() -> None:
    import numpy as np

    from newsprism.pipeline.same_fact import ALWAYS, TOP_K, candidate_pairs

    rng = np.random.default_rng(7)
    groups = [0] * 9 + [1] * 8 + [2] * 7
    vectors = rng.normal(size=(len(groups), 16))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    pairs = candidate_pairs(groups, vectors)

    def rank(i: int, j: int) -> int:
        # Where j stands among its own article's sentences by closeness to i.
        own = [k for k, g in enumerate(groups) if g == groups[j]]
        return sorted(own, key=lambda k: -sims[i, k]).index(j)

    expected = {
        (i, j)
        for i in range(len(groups))
        for j in range(i + 1, len(groups))
        if groups[i] != groups[j] and (min(rank(i, j), rank(j, i)) < TOP_K or sims[i, j] >= ALWAYS)
    }
    assert {(i, j) for i, j, _, _ in pairs} == expected
    for i, j, cosine, ranks in pairs:
        assert groups[i] != groups[j] and i < j
        assert cosine == float(sims[i, j]) and ranks == (rank(i, j), rank(j, i))
    # Each sentence keeps at least its TOP_K nearest of every other article.
    assert len(pairs) >= len(groups) * TOP_K
