from __future__ import annotations

from newsprism.models import Analysis, Article, Document
from newsprism.pipeline.dedup import duplicate_groups, find_duplicates, shingles
from newsprism.stories.cluster import cluster

WIRE = (
    "Firefighters battled a wildfire near Los Angeles on Tuesday that forced thousands of "
    "residents to flee their homes, officials said. Strong Santa Ana winds pushed the fire "
    "across dry hillsides overnight, and the county sheriff ordered new evacuations in two "
    "canyons. No deaths were reported, but at least twelve homes were destroyed. The state "
    "governor declared an emergency and asked for federal help as crews from neighbouring "
    "states arrived. Forecasters expect the winds to ease on Thursday."
)
OTHER = (
    "The European Central Bank raised interest rates by a quarter point on Thursday, its "
    "president Christine Lagarde said in Frankfurt, citing stubborn inflation in services "
    "and wages across the euro area."
)


def _analysis(i: int, title: str, body: str, *, outlet: str, published: str | None) -> Analysis:
    text = f"{title}\n\n{body}"
    doc = Document(id=f"a{i}", source=f"{i}.txt", text=text, outlet=outlet, published=published)
    art = Article(document=doc, title=title, body=body, segments=(), outlet=outlet)
    return Analysis(article=art)


def test_shingles_are_word_windows() -> None:
    assert shingles("One two three four five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("Too short") == {"too short"}
    assert shingles("") == set()


def test_copies_with_new_headline_and_trimmed_ending_are_found() -> None:
    trimmed = WIRE.rsplit(" Forecasters", 1)[0]
    analyses = [
        _analysis(0, "Wildfire forces evacuations", WIRE, outlet="AP", published="2024-01-02"),
        _analysis(1, "Bank raises rates", OTHER, outlet="Reuters", published="2024-01-02"),
        _analysis(2, "LA fire: thousands flee", trimmed, outlet="Local", published="2024-01-03"),
        _analysis(3, "Wildfire forces evacuations", WIRE, outlet="Daily", published="2024-01-01"),
    ]
    out = find_duplicates(analyses)
    assert [a.duplicate_of for a in out] == ["a3", None, "a3", None]
    stories = cluster(out, threshold=0.1)
    fire = next(s for s in stories if "a3" in s.article_ids)
    assert sorted(fire.article_ids) == ["a0", "a2", "a3"]
    assert fire.voices == ("a3",)
    assert fire.outlets == ("AP", "Daily", "Local")
    assert fire.first_published == "2024-01-01"


def test_different_reports_are_not_duplicates() -> None:
    other_report = (
        "Thousands of people left their homes in the hills above Los Angeles as a fast fire, "
        "driven by hot winds, burned through brush; a dozen houses were lost, the sheriff said."
    )
    assert duplicate_groups([WIRE, other_report, OTHER]) == []
