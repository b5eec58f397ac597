"""The plain-text line model: features, smoothing, and what it does on whole pages."""

from __future__ import annotations

from newsprism import Document
from newsprism.pipeline.clean import clean
from newsprism.pipeline.clean_lines import FEATURES, split_lines
from newsprism.pipeline.clean_text import find_title, smooth, text_lines

PARAS = [
    "The minister said on Thursday that the talks would continue for another week, "
    "and officials in the capital confirmed that both delegations had agreed to stay.",
    "Opposition leaders criticised the decision, saying the government had given away "
    "too much in exchange for a promise that nobody expects to be kept.",
    "A spokesman for the delegation declined to comment on the details of the proposal, "
    "but said that a statement would follow once the ministers had met again.",
]


def test_split_lines_marks_blocks() -> None:
    lines = split_lines("One\nTwo\n\n  Three\r\n\nFour")
    assert [(ln.text, ln.blank_before) for ln in lines] == [
        ("One", False),
        ("Two", False),
        ("Three", True),
        ("Four", True),
    ]


def test_features_have_one_value_per_name() -> None:
    lines = split_lines("Talks go on\n\n" + "\n\n".join(PARAS))
    analysed = text_lines(lines, find_title(lines))
    assert len(analysed.features) == len(lines)
    assert all(len(row) == len(FEATURES) for row in analysed.features)


def test_smooth_judges_a_line_with_its_neighbours() -> None:
    # A weakly negative line between article lines stays article; a strong one goes.
    assert smooth([3.0, -1.0, 3.0], switch_costs=[2.0, 2.0]) == [True, True, True]
    assert smooth([3.0, -9.0, 3.0], switch_costs=[2.0, 2.0]) == [True, False, True]
    assert smooth([], switch_costs=[]) == []


def test_a_second_copy_of_the_article_goes_and_the_article_stays() -> None:
    dump = " ".join(PARAS)  # the article again on one line, as structured data prints
    text = "\n\n".join(["Talks go on", *PARAS, "Share", dump])
    article = clean(Document(id="p", source="page.txt", text=text))
    assert article.body == "\n\n".join(PARAS)
    assert ("copy of the article", dump) in {(r.reason, r.text) for r in article.boilerplate}


def test_a_paragraph_with_its_pull_quote_is_not_a_copy() -> None:
    quote = PARAS[1][: PARAS[1].index(",")]
    text = "\n\n".join(["Talks go on", PARAS[0], quote, PARAS[1], PARAS[2]])
    article = clean(Document(id="p", source="page.txt", text=text))
    assert all(p in article.body for p in PARAS)


def test_a_related_box_inside_the_article_does_not_swallow_its_subheadings() -> None:
    text = "\n\n".join(
        ["Talks go on", "Trending", PARAS[0], "What comes next", PARAS[1], "Who objects", PARAS[2]]
    )
    article = clean(Document(id="p", source="page.txt", text=text))
    assert "What comes next" in article.body and "Who objects" in article.body
    assert all(p in article.body for p in PARAS)


def test_a_short_copied_article_keeps_every_sentence() -> None:
    text = "Talks go on\n\nBy Jane Doe\n\n" + PARAS[0]
    article = clean(Document(id="p", source="page.txt", text=text))
    assert PARAS[0] in article.body
