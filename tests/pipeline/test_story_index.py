from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.models import Analysis, Article, Document
from newsprism.stories.index import (
    Item,
    MemoryIndex,
    StoryState,
    add_item,
    assign_all,
    assign_items,
    item_from,
)
from newsprism.stories.words import tokenize, tokenize_all

# Words, stop words, possessives with both apostrophes, digits, one-letter words,
# underscores and non-ASCII letters: what the tokeniser's rules distinguish.
_PIECES = st.sampled_from(
    [
        "The",
        "senator's",
        "SENATOR’S",
        "don't",
        "rock'n'roll",
        "it’s",
        "a",
        "I",
        "x",
        "2019",
        "3.5",
        "snake_case",
        "Zürich",
        "İstanbul",
        "ΣΟΦΟΣ",
        "'s",
        "’",
        "-",
        "\n",
        " ",
        ".",
    ]
)


# No deadline: the first example loads the stop words.
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30).map("".join), max_size=8))
def test_tokenize_all_is_tokenize_of_each_text(texts: list[str]) -> None:
    assert list(tokenize_all(texts)) == [tuple(tokenize(t)) for t in texts]


def test_tokenize_all_shares_one_string_per_token() -> None:
    first, second = tokenize_all(["Budget talks stall", "budget vote"])
    assert first[0] == second[0] == "budget"
    assert first[0] is second[0]


def _state(sid: str, day: int) -> StoryState:
    return StoryState(id=sid, label=sid, size=1, centroid={"x": 1.0}, first_day=day, last_day=day)


def _item(sid: str, day: int) -> Item:
    return Item(id=sid, title=sid, tokens=("x",), day=day)


def test_a_posting_keeps_the_stories_that_used_the_term_last() -> None:
    index = MemoryIndex(posting_limit=3)
    for k in range(5):
        index.save(_state(f"s{k}", k), new_terms=["x"], item=_item(f"a{k}", k))
    assert [s.id for s in index.candidates(["x"], since_day=None)] == ["s4", "s3", "s2"]
    # Posting a story again makes it the most recent: s2 is now kept over s3.
    index.save(index.stories["s2"], new_terms=["x"], item=_item("a5", 5))
    index.save(_state("s5", 5), new_terms=["x"], item=_item("a6", 5))
    assert [s.id for s in index.candidates(["x"], since_day=None)] == ["s5", "s2", "s4"]


def test_candidates_share_most_query_terms_first_then_the_newest() -> None:
    index = MemoryIndex()
    index.save(_state("old", 1), new_terms=["x", "y"], item=_item("a0", 1))
    for k in range(1, 4):
        index.save(_state(f"s{k}", 2), new_terms=["x"], item=_item(f"a{k}", 2))
    index.save(_state("gone", 0), new_terms=["x", "y"], item=_item("a9", 0))
    found = index.candidates(["y", "x"], since_day=1, limit=3)
    assert [s.id for s in found] == ["old", "s3", "s2"]


def test_the_posting_walk_stays_bounded_when_many_stories_share_a_term() -> None:
    # 300 distinct stories open on one day, all sharing "minister": every posting list
    # stays within the limit, and each article still finds its own story.
    items = [
        Item(id=f"a{k}", title="", tokens=("minister", f"topic{k}", f"place{k}"), day=100)
        for k in range(300)
    ]
    items += [
        Item(id=f"b{k}", title="", tokens=("minister", f"topic{k}", f"place{k}"), day=101)
        for k in range(300)
    ]
    index = MemoryIndex(posting_limit=8)
    for it in items:
        add_item(it, index, threshold=0.1)
    assert max(len(ids) for ids in index.postings.values()) <= 8
    story_of = {m: s.id for s in index.all_stories() for m in s.members}
    assert all(story_of[f"a{k}"] == story_of[f"b{k}"] for k in range(300))
    assert len(index.all_stories()) == 300


def test_assign_items_closes_stories_past_the_horizon_without_their_centroids() -> None:
    items = [
        Item(id="a", title="", tokens=("flood", "river", "town"), day=1),
        Item(id="b", title="", tokens=("flood", "river", "town"), day=2),
        Item(id="c", title="", tokens=("flood", "river", "town"), day=200),
    ]
    stories = assign_items(items, threshold=0.1)
    assert sorted(s.members for s in stories) == [["a", "b"], ["c"]]
    closed = next(s for s in stories if s.members == ["a", "b"])
    assert closed.centroid == {}
    assert (closed.first_day, closed.last_day, closed.size) == (1, 2, 2)


def test_assign_all_uses_the_tokens_of_item_from() -> None:
    docs = [
        Document(id=f"d{k}", source="t", text=text, published="2024-03-0{k}")
        for k, text in enumerate(
            [
                "Flood hits town\n\nThe river flooded the town's centre on Monday.",
                "Town flooded\n\nThe river's flood reached the town centre, officials said.",
                "Rates rise\n\nThe central bank raised interest rates.",
            ],
            start=1,
        )
    ]
    analyses = [
        Analysis(
            article=Article(
                document=d, title=d.text.split("\n")[0], body=d.text.split("\n\n")[1], segments=()
            )
        )
        for d in docs
    ]
    tokens = list(tokenize_all(f"{a.article.title}\n{a.article.body}" for a in analyses))
    assert [item_from(a, tokens=t) for a, t in zip(analyses, tokens, strict=True)] == [
        item_from(a) for a in analyses
    ]
    stories = assign_all(analyses, threshold=0.1)
    assert sorted(sorted(s.article_ids) for s in stories) == [["d1", "d2"], ["d3"]]


def test_an_item_carries_the_publication_date_inferred_from_the_text() -> None:
    from datetime import date

    from newsprism.pipeline.clean import clean
    from newsprism.pipeline.story_index import item_from

    text = "Talks resume\nUpdated March 6, 2025\nThe talks resumed in Geneva on Monday."
    item = item_from(Analysis(article=clean(Document(id="a", source="a.txt", text=text))))
    assert item.published == "2025-03-06"
    assert item.day == date(2025, 3, 6).toordinal()
