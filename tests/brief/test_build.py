"""The briefing's record builders on small hand-made stories."""

from __future__ import annotations

from newsprism.brief.comparison import story_quantities
from newsprism.brief.records import ConflictKind, StoryConflict, StoryConflictSide
from newsprism.models import Analysis, Article, Document, Evidence, Quantity

TEXT = "Toll\n\nOfficials said 12 people died. Another 40 were hurt."


def _analysis() -> Analysis:
    doc = Document(id="a", source="a.txt", text=TEXT, outlet="Reuters")
    died = Quantity(21, 23, "12", "count", value=12, counts="people", scope="die")
    hurt = Quantity(45, 47, "40", "count", value=40, counts="people", scope="hurt")
    article = Article(document=doc, title="Toll", body=TEXT, segments=(), outlet="Reuters")
    return Analysis(article=article, quantities=(died, hurt))


def _conflict(kind: ConflictKind, start: int, end: int) -> StoryConflict:
    said = Evidence("a", "Reuters", start, end, TEXT[start:end])
    other = Evidence("b", "RT", 0, 10, "20 people died")
    sides = (StoryConflictSide("12", evidence=(said,)), StoryConflictSide("20", evidence=(other,)))
    return StoryConflict("people died", kind, "number", sides=sides)


def test_a_figure_is_in_conflict_when_its_sentence_gives_a_side() -> None:
    died, hurt = story_quantities([_analysis()], [_conflict("number", 6, 35)])
    assert died.is_in_conflict and not hurt.is_in_conflict
    assert (died.asserter, died.outlet, died.article_id) == ("outlet", "Reuters", "a")


def test_a_contested_fact_puts_no_figure_in_conflict() -> None:
    died, hurt = story_quantities([_analysis()], [_conflict("fact", 6, 35)])
    assert not died.is_in_conflict and not hurt.is_in_conflict


def test_no_conflict_no_flag() -> None:
    assert not any(q.is_in_conflict for q in story_quantities([_analysis()], []))
