from __future__ import annotations

import math

import numpy as np
import pytest

from newsprism.data import data_table
from newsprism.models import Analysis, Article, Document
from newsprism.stories.cluster import cluster
from newsprism.stories.similarity import (
    FEATURES,
    SEMANTIC,
    STACKED,
    Model,
    body_text,
    feature_matrices,
    packaged_model,
    proper_nouns,
    stems,
    story_similarity,
)
from newsprism.stories.words import decay

# Three stories told twice or three times in different words (as NeuS outlets do), plus
# an unrelated item.
ITEMS = [
    (
        "budget",
        "White House proposes $4.7 trillion budget",
        "The Trump administration on "
        "Monday proposed a $4.7 trillion budget that would cut spending on safety-net programs.",
    ),
    (
        "budget",
        "Here's where Trump wants to cut the government",
        "President Trump on Monday "
        "proposed a budget plan for 2020 that would cut most federal agencies' spending.",
    ),
    (
        "budget",
        "Democrats call Trump budget dead on arrival",
        "Democrats in Congress said "
        "the $4.7 trillion budget Trump proposed on Monday would never pass the House.",
    ),
    (
        "bright",
        "Whistleblower warns of darkest winter",
        "Dr. Rick Bright, the ousted "
        "vaccine official, testified on Thursday that the US lacks a coronavirus vaccine plan.",
    ),
    (
        "bright",
        "Azar says Bright's allegations do not hold water",
        "Health Secretary Alex "
        "Azar took aim at Rick Bright as he testified on Thursday about the vaccine plan.",
    ),
    (
        "tax",
        "Senate passes $1.5 trillion tax cut",
        "The Senate early Wednesday passed the "
        "Republicans' $1.5 trillion tax cut plan on a party-line 51-48 vote.",
    ),
    (
        "tax",
        "Republican tax bill passes Senate 51-48",
        "Republicans took a critical step "
        "as the Senate passed the tax bill 51-48 on Wednesday, sending it to the House.",
    ),
    (
        "quake",
        "Earthquake shakes Alaska",
        "A magnitude 7.0 earthquake struck near Anchorage "
        "on Friday, buckling roads and knocking out power, Alaska officials said.",
    ),
]


def _analysis(i: int, title: str, body: str, published: str | None = None) -> Analysis:
    text = f"{title}\n\n{body}\n"
    doc = Document(id=str(i), source=f"{i}.txt", text=text, title=title, published=published)
    return Analysis(article=Article(document=doc, title=title, body=body, segments=()))


def _items() -> list[Analysis]:
    return [_analysis(i, t, b) for i, (_, t, b) in enumerate(ITEMS)]


def test_proper_nouns_skip_the_word_that_starts_a_sentence() -> None:
    text = "The talks in Geneva ended. Russia and Ukraine agreed.\nTalks resume in Vienna."
    assert proper_nouns(text) == ["geneva", "ukraine", "vienna"]


def test_the_body_is_read_without_the_headline_it_starts_with() -> None:
    a = _analysis(0, "Storm hits coast", "Storm hits coast\n\nA storm hit the coast.")
    assert body_text(a).strip() == "A storm hit the coast."
    b = _analysis(1, "Storm hits coast", "A storm hit the coast.")
    assert body_text(b) == "A storm hit the coast."


def test_features_are_computed_for_the_candidate_pairs_only() -> None:
    analyses = _items()
    feats = feature_matrices(analyses)
    left, right = feats["left"], feats["right"]
    assert len(left) > 0
    assert (left < right).all()
    assert len(set(zip(left.tolist(), right.tolist(), strict=True))) == len(left)
    for name in FEATURES:
        assert len(feats[name]) == len(left), name
    # Every scored pair shares a word: its whole-text cosine is positive.
    assert (feats["words"] > 0).all()
    assert ((feats["rank"] >= 0) & (feats["rank"] <= math.log1p(19))).all()


def test_the_story_similarity_is_a_symmetric_probability() -> None:
    sim = story_similarity(_items())
    assert sim.shape == (len(ITEMS), len(ITEMS))
    assert np.allclose(sim, sim.T)
    assert np.allclose(np.diag(sim), 1.0)
    assert ((sim >= 0) & (sim <= 1)).all()


def test_same_story_pairs_score_above_other_pairs() -> None:
    analyses = _items()
    stories = [s for s, _, _ in ITEMS]
    sim = story_similarity(analyses)
    same = [sim[i, j] for i in range(len(ITEMS)) for j in range(i) if stories[i] == stories[j]]
    other = [sim[i, j] for i in range(len(ITEMS)) for j in range(i) if stories[i] != stories[j]]
    assert np.mean(same) > 5 * np.mean(other)
    # Each article's best partner is from its own story when it has one.
    for i, story in enumerate(stories):
        row = sim[i].copy()
        row[i] = -1
        if stories.count(story) > 1:
            assert stories[int(row.argmax())] == story, ITEMS[i][1]


def test_cluster_groups_differently_worded_stories() -> None:
    analyses = _items()
    groups = {tuple(sorted(s.article_ids)) for s in cluster(analyses, threshold=0.1)}
    assert ("5", "6") in groups  # the tax bill, worded apart
    assert ("7",) in groups  # the earthquake alone
    assert not any({"0", "5"} <= set(g) or {"3", "7"} <= set(g) for g in groups)


class _Constant:
    """A stage that gives every pair the same log-odds."""

    def __init__(self, names: tuple[str, ...], logit: float) -> None:
        self.names, self.logit = names, logit

    def feature_name(self) -> list[str]:
        return list(self.names)

    def predict(self, data: np.ndarray, *, raw_score: bool) -> np.ndarray:
        assert raw_score and data.shape[1] == len(self.names)
        return np.full(len(data), self.logit)


def test_a_given_model_replaces_the_packaged_one() -> None:
    model = Model(_Constant(FEATURES, 0.0), _Constant(STACKED, 0.0), shift=math.log(0.3 / 0.7))
    analyses = _items()
    sim = story_similarity(analyses, model=model)
    feats = feature_matrices(analyses)
    scored = sim[feats["left"], feats["right"]]
    assert np.allclose(scored, 0.3)
    mask = np.zeros_like(sim, dtype=bool)
    mask[feats["left"], feats["right"]] = True
    mask |= mask.T
    np.fill_diagonal(mask, True)
    assert (sim[~mask] == 0).all()


@pytest.mark.parametrize("semantic", [False, True])
def test_the_packaged_models_read_every_feature(semantic: bool) -> None:
    model = packaged_model(semantic=semantic)
    extra = SEMANTIC if semantic else ()
    assert model.first.feature_name() == [*FEATURES, *extra]
    assert model.final.feature_name() == [*STACKED, *extra]
    assert -5 < model.shift < 5
    shifts = dict(data_table("story_similarity.tsv"))
    assert float(shifts["final_semantic" if semantic else "final"]) == model.shift


def test_stems_join_forms_of_one_word() -> None:
    assert stems("Democrats claimed") == stems("democratic claims")
    assert stems("the") == []


def _pairs(feats: dict) -> list[tuple[int, int]]:
    return list(zip(feats["left"].tolist(), feats["right"].tolist(), strict=True))


def test_embeddings_propose_pairs_that_share_no_word() -> None:
    analyses = [
        _analysis(0, "Storm floods coastal towns", "A powerful storm flooded the coast."),
        _analysis(1, "Hurricane swamps seaside villages", "Villages were swamped by it."),
        _analysis(2, "Central bank raises rates", "The bank raised interest rates."),
    ]
    unit = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]])
    lexical = feature_matrices(analyses)
    semantic = feature_matrices(analyses, embeddings=unit)
    assert (0, 1) not in _pairs(lexical)
    k = _pairs(semantic).index((0, 1))
    assert semantic["embedding"][k] > 0.9
    assert semantic["embedding_rank"][k] == 0.0


def test_the_similarity_decays_with_the_days_apart() -> None:
    analyses = [
        _analysis(0, "a", "a", published="2020-01-01"),
        _analysis(1, "b", "b", published="2020-01-08"),
        _analysis(2, "c", "c"),
    ]
    sim = np.asarray(decay(np.ones((3, 3)), analyses, decay_days=7.0))
    assert sim[0, 1] == pytest.approx(math.exp(-1.0))
    assert sim[0, 2] == 1.0  # an undated article is not decayed
    assert np.asarray(decay(np.ones((3, 3)), analyses, decay_days=0)).min() == 1.0


def test_a_batch_without_shared_words_is_all_apart() -> None:
    analyses = [_analysis(0, "", "alpha"), _analysis(1, "", "beta")]
    assert np.array_equal(story_similarity(analyses), np.eye(2))
    assert story_similarity([]).shape == (0, 0)


def test_two_unrelated_articles_alone_are_not_taken_for_a_story() -> None:
    # Alone, each is the other's nearest: that must not be enough (small batches in
    # training teach it).
    fire = (
        "Wildfire forces evacuations",
        "A wildfire near Los Angeles forced thousands of residents to flee on Tuesday, "
        "California firefighters said. Strong winds spread the fire across dry hills.",
    )
    bank = (
        "Central bank raises rates",
        "The European Central Bank raised interest rates by a quarter point on Tuesday, "
        "its president said in Frankfurt, citing stubborn inflation across the region.",
    )
    batch = [_analysis(0, *fire), _analysis(1, *bank)]
    feats = feature_matrices(batch)
    assert len(feats["left"]) == 1  # they share a word ("tuesday")...
    assert story_similarity(batch)[0, 1] < 0.1  # ...but are not one story
    assert len(cluster(batch, threshold=0.1)) == 2


def test_two_articles_alone_are_judged_by_their_words_not_by_being_each_others_nearest() -> None:
    items = _items()
    # A budget proposal and a tax bill share "$ trillion ... cut" but not the story.
    assert story_similarity([items[0], items[5]])[0, 1] < 0.1
    # Two tellings of one story stay together with nothing around them.
    assert story_similarity([items[0], items[1]])[0, 1] > 0.5
    assert story_similarity([items[5], items[6]])[0, 1] > 0.5
