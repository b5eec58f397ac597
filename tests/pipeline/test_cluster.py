from __future__ import annotations

from newsprism import Corpus, Document, load_settings
from newsprism.api import analyse


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
    from newsprism.pipeline.cluster import cluster

    def analysis(i: int, text: str) -> Analysis:
        doc = Document(id=str(i), source=f"{i}.txt", text=text)
        return Analysis(article=Article(document=doc, title="", body=text, segments=()))

    stories = cluster([analysis(0, "the and"), analysis(1, "of it")], threshold=0.1)
    assert sorted(s.article_ids for s in stories) == [("0",), ("1",)]
