"""Tests of the briefing renderers: JSON, Markdown (golden file), HTML and terminal.

The briefings here are records, written as the JSON ``brief --format json`` gives for
them (``docs/json.md``) and decoded with the codec, or built field by field."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from newsprism.brief.html import render_html
from newsprism.brief.markdown import render_markdown
from newsprism.brief.records import (
    Briefing,
    QuoteSpeaker,
    StoryBriefing,
    StoryFact,
    StoryQuote,
)
from newsprism.brief.render import render_json
from newsprism.brief.terminal import render_terminal
from newsprism.codec import from_json, to_json
from newsprism.models import Evidence, InputFailure

GOLDEN = Path(__file__).parent / "golden" / "briefing.md"
GOLDEN_TERMINAL = Path(__file__).parent / "golden" / "briefing.txt"
HOSTILE_TITLE = "<script>alert(1)</script> [red]Kremlin[/red] \x1b[31mwarns\x1b[0m"


def _briefing() -> Briefing:
    return from_json(Briefing, _briefing_json())


def _compared() -> Briefing:
    return from_json(Briefing, _compared_json())


def _briefing_json() -> dict[str, Any]:
    """Two articles, three quotes by two speakers, a hostile title, an outlet with "|"."""
    return {
        "version": 1,
        "stories": [
            {
                "id": "story-1a2b3c4d",
                "title": "Russia rejects European troops in Ukraine",
                "span": {"first": "2025-03-06", "last": "2025-03-08"},
                "articles": [
                    {
                        "id": "31603d564828cd0d",
                        "source": "../shared/corpus/seeds/000_31603d564828cd0d.txt",
                        "outlet": "Reuters",
                        "title": "Medvedev says Europe wants war over Ukraine troop plan",
                        "published": "2025-03-08",
                    },
                    {
                        "id": "8c3beb08e8dfa3c5",
                        "source": "../shared/corpus/seeds/001_8c3beb08e8dfa3c5.txt",
                        "outlet": "RT | World News",
                        "title": HOSTILE_TITLE,
                        "published": "2025-03-06",
                    },
                ],
                "entities": [
                    {
                        "id": "person:dmitry-medvedev",
                        "name": "Dmitry Medvedev",
                        "label": "PERSON",
                        "aliases": ["Medvedev"],
                        "mentions": 9,
                        "outlets": ["Reuters", "RT | World News"],
                        "descriptors": [
                            {"outlet": "RT | World News", "text": "former Russian President"}
                        ],
                    },
                    {
                        "id": "org:nato",
                        "name": "NATO",
                        "label": "ORG",
                        "aliases": [],
                        "mentions": 3,
                        "outlets": ["Reuters"],
                        "descriptors": [],
                    },
                    {
                        "id": "gpe:ukraine",
                        "name": "Ukraine",
                        "label": "GPE",
                        "aliases": [],
                        "mentions": 12,
                        "outlets": ["Reuters", "RT | World News"],
                        "descriptors": [],
                    },
                ],
                "quotes": [
                    {
                        "text": "The ruling European dimwits want a war in Europe after all,",
                        "kind": "direct",
                        "confidence": 0.9,
                        "speaker": {
                            "name": "Dmitry Medvedev",
                            "entity": "person:dmitry-medvedev",
                            "text": "Medvedev",
                        },
                        "cue": "wrote",
                        "article": "31603d564828cd0d",
                        "outlet": "Reuters",
                        "start": 120,
                        "end": 180,
                        "outlets": ["Reuters", "RT | World News"],
                    },
                    {
                        "text": "Russia won't accept European troops in Ukraine",
                        "kind": "direct",
                        "confidence": 0.8,
                        "speaker": {
                            "name": "Dmitry Medvedev",
                            "entity": "person:dmitry-medvedev",
                            "text": "he",
                        },
                        "cue": "added",
                        "article": "31603d564828cd0d",
                        "outlet": "Reuters",
                        "start": 200,
                        "end": 246,
                        "outlets": ["Reuters"],
                    },
                    {
                        "text": "a peacekeeping force could deploy once a ceasefire holds",
                        "kind": "indirect",
                        "confidence": 0.6,
                        "speaker": {"name": "Emmanuel Macron", "entity": None, "text": "Macron"},
                        "cue": "said",
                        "article": "8c3beb08e8dfa3c5",
                        "outlet": "RT | World News",
                        "start": 40,
                        "end": 96,
                        "outlets": ["RT | World News"],
                    },
                ],
                "facts": [],
                "quantities": [],
                "positions": [],
                "framing": {},
                "timeline": [],
            }
        ],
        "failures": [{"source": "bad.bin", "error": "bad.bin: not text (binary content)"}],
    }


SPEAKERS = ("Dmitry Medvedev", "Emmanuel Macron")
QUOTES = (
    "The ruling European dimwits want a war in Europe after all",
    "Russia won't accept European troops in Ukraine",
    "a peacekeeping force could deploy once a ceasefire holds",
)


def _compared_json() -> dict[str, Any]:
    """Three outlets comparing one story: a fact all carry, one only Reuters carries,
    a contested fact with two sides, numbers that disagree, positions, naming, framing."""
    briefing = _briefing_json()
    story = briefing["stories"][0]
    story["articles"].append(
        {"id": "c" * 16, "outlet": "TASS", "title": "Lavrov: no room for compromise"}
    )
    reuters, rt, tass = (a["id"] for a in story["articles"])

    def ev(article: str, outlet: str, text: str) -> dict[str, Any]:
        return {"article": article, "outlet": outlet, "start": 0, "end": len(text), "text": text}

    story |= {
        "facts": [
            {
                "id": "fact-1",
                "text": "Russia rejects foreign troops in Ukraine",
                "status": "corroborated",
                "outlets": ["Reuters", "RT | World News", "TASS"],
                "evidence": [
                    ev(reuters, "Reuters", "Russia will not tolerate European forces"),
                    ev(rt, "RT | World News", "Moscow rejects NATO peacekeepers"),
                    ev(tass, "TASS", "Russia sees no room for compromise"),
                ],
            },
            {
                "id": "fact-2",
                "text": "Medvedev posted footage of an Oreshnik strike",
                "status": "single-source",
                "outlets": ["Reuters"],
                "evidence": [ev(reuters, "Reuters", "footage of a strike")],
            },
            {
                "id": "fact-3",
                "text": "The force would number 100,000 troops",
                "status": "contested",
                "differs_in": "number",
                "outlets": ["Reuters", "TASS"],
                "sides": [
                    {
                        "value": "100,000",
                        "evidence": [ev(reuters, "Reuters", "some 100,000 troops")],
                    },
                    {"value": "30,000", "evidence": [ev(tass, "TASS", "up to 30,000 troops")]},
                ],
                "evidence": [],
            },
        ],
        "quantities": [
            {
                "what": "aid",
                "text": "$5 billion",
                "value": 5e9,
                "unit": "USD",
                "source": "outlet",
                "article": reuters,
                "outlet": "Reuters",
                "start": 0,
                "end": 10,
                "in_conflict": True,
            },
            {
                "what": "aid",
                "text": "$3 billion",
                "value": 3e9,
                "unit": "USD",
                "source": "Emmanuel Macron",
                "article": rt,
                "outlet": "RT | World News",
                "start": 0,
                "end": 10,
                "in_conflict": True,
            },
            {
                "what": "personnel",
                "text": "980,000 personnel",
                "value": 980000,
                "source": "Vladimir Zelensky",
                "article": tass,
                "outlet": "TASS",
            },
        ],
        # As pipeline.conflicts gives them: the contested fact, then the aid figures.
        "conflicts": [
            {
                "what": "The force would number 100,000 troops",
                "kind": "fact",
                "differs_in": "number",
                "fact": "fact-3",
                "sides": [
                    {
                        "value": "100,000",
                        "outlets": ["Reuters"],
                        "evidence": [ev(reuters, "Reuters", "some 100,000 troops")],
                    },
                    {
                        "value": "30,000",
                        "outlets": ["TASS"],
                        "evidence": [ev(tass, "TASS", "up to 30,000 troops")],
                    },
                ],
            },
            {
                "what": "aid",
                "kind": "number",
                "differs_in": "number",
                "sides": [
                    {
                        "value": "$5 billion",
                        "low": 5e9,
                        "high": 5e9,
                        "evidence": [ev(reuters, "Reuters", "$5 billion in aid")],
                    },
                    {
                        "value": "$3 billion",
                        "low": 3e9,
                        "high": 3e9,
                        "evidence": [ev(rt, "RT | World News", "$3 billion in aid")],
                    },
                ],
            },
        ],
        "positions": [
            {
                "actor": "Russia",
                "stance": "opposes",
                "cue": "will not tolerate",
                "evidence": [ev(reuters, "Reuters", "Russia will not tolerate European forces")],
            },
            {
                "actor": "United Kingdom",
                "stance": "supports",
                "cue": "ready",
                "own_forces": True,
                "evidence": [ev(rt, "RT | World News", "The UK stands ready")],
            },
        ],
        "naming": [
            {
                "entity": "place:kyiv",
                "name": "Kyiv",
                "forms": [
                    {"form": "Kyiv", "articles": [reuters]},
                    {"form": "Kiev", "articles": [rt, tass]},
                ],
            }
        ],
        "framing": {
            rt: {
                "outlet": "RT | World News",
                "loaded_language": ["lashed out"],
                "omits": ["fact-2"],
            },
        },
        "timeline": [
            {
                "date": "2025-03-06",
                "text": "Macron floats a force",
                "articles": [rt],
                "evidence": [ev(rt, "RT | World News", "Macron floated a force")],
            },
        ],
    }
    return briefing


def _table_lines_agree(markdown: str) -> bool:
    """Every row of every Markdown table has as many cells as its header."""
    widths: list[int] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("| "):
            widths.append(len(re.split(r"(?<!\\)\|", line)))
        elif widths:
            if len(set(widths)) != 1:
                return False
            widths = []
    return True


def _terminal(briefing: Briefing, *, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=False)
    render_terminal(briefing, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


class _Page(HTMLParser):
    """Collects the tags, attributes and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


# -- JSON ---------------------------------------------------------------------------------


def test_json_round_trips() -> None:
    for briefing in (_briefing(), _compared()):
        out = render_json(briefing)
        assert out.endswith("}\n")
        assert json.loads(out) == to_json(briefing)
        assert from_json(Briefing, json.loads(out)) == briefing
        assert list(json.loads(out)) == ["version", "stories", "failures"]  # records' order
    story = json.loads(render_json(_compared()))["stories"][0]
    assert story["quantities"][0]["source"] == "outlet"  # the documented key
    assert story["positions"][1]["own_forces"] is True


def test_json_keeps_non_ascii_text() -> None:
    story = StoryBriefing(id="s", title="Zelensky’s “peace”")
    assert "Zelensky’s “peace”" in render_json(Briefing(stories=(story,)))


# -- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("golden", "render"),
    [
        (GOLDEN, render_markdown),
        (GOLDEN_TERMINAL, lambda b: _terminal(b)),
        (GOLDEN.with_suffix(".json"), render_json),
        (GOLDEN.with_suffix(".html"), render_html),
    ],
    ids=["markdown", "terminal", "json", "html"],
)
def test_matches_golden(golden: Path, render: Any) -> None:
    out = render(_compared())
    if os.environ.get("NEWSPRISM_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), "set NEWSPRISM_UPDATE_GOLDEN=1 to rewrite"


def test_markdown_has_every_speaker_and_quote() -> None:
    out = render_markdown(_briefing())
    for name in SPEAKERS:
        assert f"**{name}**" in out
    for quote in QUOTES:
        assert quote in out
    assert out.index("Dmitry Medvedev") < out.index("Emmanuel Macron")  # most quoted first


def test_markdown_escapes_table_cells_and_markup() -> None:
    out = render_markdown(_briefing())
    assert "| RT \\| World News |" in out
    assert _table_lines_agree(out)
    assert _table_lines_agree(render_markdown(_compared()))
    assert "<script>" not in out
    assert "\\<script\\>" in out


# -- HTML ---------------------------------------------------------------------------------


def test_html_escapes_hostile_text() -> None:
    out = render_html(_briefing())
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    page = _parse(out)
    assert "script" not in page.tags
    assert "<script>alert(1)</script> [red]Kremlin[/red] [31mwarns[0m" in "".join(page.text)
    assert "\x1b" not in out


def test_html_is_self_contained() -> None:
    out = render_html(_briefing())
    assert "http://" not in out
    assert "https://" not in out
    page = _parse(out)
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    for tag, name, value in page.attrs:
        assert name != "src", tag
        assert name != "href" or value.startswith("#"), value
    assert page.tags.count("style") == 1


def test_html_has_policy_and_generator() -> None:
    page = _parse(render_html(_briefing()))
    metas = [(n, v) for t, n, v in page.attrs if t == "meta"]
    assert ("content", "newsprism") in metas
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert ("http-equiv", "Content-Security-Policy") in metas
    assert ("content", policy) in metas


def test_html_has_every_quote_as_blockquote() -> None:
    out = render_html(_briefing())
    page = _parse(out)
    text = "".join(page.text)
    for quote in QUOTES:
        assert quote in text
    for name in SPEAKERS:
        assert name in text
    assert page.tags.count("blockquote") == len(QUOTES)


def test_html_links_stories_from_contents() -> None:
    briefing = _briefing()
    second = replace(briefing.stories[0], id="story-2", title="Second")
    page = _parse(render_html(replace(briefing, stories=(*briefing.stories, second))))
    assert ("a", "href", "#story-2") in page.attrs
    assert ("article", "id", "story-2") in page.attrs


# -- terminal -----------------------------------------------------------------------------


def test_terminal_has_every_speaker_and_quote() -> None:
    out = _terminal(_briefing())
    for text in (*SPEAKERS, *QUOTES, "Reuters", "bad.bin: not text (binary content)"):
        assert text in out
    assert out.index("Who said what") < out.index("could not be read")


def test_terminal_prints_hostile_text_literally_within_80_columns() -> None:
    out = _terminal(_briefing())
    assert "[red]Kremlin[/red]" in out
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


# -- other sections and empty input -------------------------------------------------------


def _wide_terminal(briefing: Briefing) -> str:
    # Wide enough that no table cell wraps, so each cell's text is found whole.
    return _terminal(briefing, width=200)


def test_empty_sections_are_listed_once() -> None:
    out = render_markdown(_briefing())
    assert "*Not found yet: facts, numbers, positions, framing, timeline.*" in out
    assert "### Coverage" not in out


EMPTY_BRIEFINGS = [
    Briefing(),
    Briefing(failures=(InputFailure("", ""),)),
    Briefing(stories=(StoryBriefing(id="story-0", title=""),)),
    Briefing(
        stories=(
            StoryBriefing(
                id="story-0", title="", quotes=(StoryQuote(text="words", kind="direct"),)
            ),
        )
    ),
]


@pytest.mark.parametrize("briefing", EMPTY_BRIEFINGS)
@pytest.mark.parametrize("render", [render_json, render_markdown, render_html, _terminal])
def test_empty_parts_render(render: Any, briefing: Briefing) -> None:
    assert render(briefing)


def test_no_stories_says_so() -> None:
    assert "No stories found." in render_markdown(Briefing())
    assert "No stories found." in _terminal(Briefing())
    assert "No stories found." in render_html(Briefing())


def _quoted(*quotes: StoryQuote) -> Briefing:
    return Briefing(stories=(StoryBriefing(id="s", title="T", quotes=quotes),))


def test_relative_speaker_is_shown_by_its_description() -> None:
    speaker = QuoteSpeaker(text="which", description="Saudi government")
    quote = StoryQuote(text="no involvement", kind="indirect", speaker=speaker)
    out = render_markdown(_quoted(quote))
    assert "**Saudi government**" in out and "**which**" not in out
    bare = StoryQuote(text="no", kind="indirect", speaker=QuoteSpeaker(text="which"))
    assert "**Unattributed**" in render_markdown(_quoted(bare))


def test_unnamed_pronoun_speakers_are_unattributed() -> None:
    quote = StoryQuote(text="no", kind="direct", speaker=QuoteSpeaker(text="He"))
    out = render_markdown(_quoted(quote))
    assert "**Unattributed**" in out
    assert "**He**" not in out


@settings(max_examples=40, deadline=None, database=None)
@given(text=st.text(max_size=40))
def test_any_text_stays_text(text: str) -> None:
    data = _briefing_json()
    story = data["stories"][0]
    story["title"] = text
    story["articles"][0]["outlet"] = text
    story["quotes"][0]["text"] = text
    briefing = from_json(Briefing, data)
    page = _parse(render_html(briefing))
    assert set(page.tags) <= set(_parse(render_html(_briefing())).tags)
    assert all(name != "src" for _, name, _ in page.attrs)
    assert _table_lines_agree(render_markdown(briefing))
    assert "\x1b" not in _terminal(briefing)


# -- the comparison laid out: coverage matrix, conflicts, who stands where ----------------


def test_html_report_is_the_story_page() -> None:
    page = _parse(render_html(_compared()))
    classes = {value for tag, name, value in page.attrs if name == "class"}
    assert {"heat", "conflict", "sides-grid", "positions", "outlet-grid"} <= classes
    text = "".join(page.text)
    for words in (
        "Coverage: facts × outlets",
        "Conflicts side by side",
        "Who stands where",
        "100,000",
        "30,000",
        "“up to 30,000 troops”",
        "Naming choices",
        "Kiev",
    ):
        assert words in text, words
    # The report links nowhere but inside itself.
    assert all(v.startswith("#") for t, n, v in page.attrs if n == "href")


def test_coverage_matrix_marks_each_outlet_that_carries_a_fact() -> None:
    out = render_markdown(_compared())
    assert "| Russia rejects foreign troops in Ukraine | corroborated | ● | ● | ● |" in out
    assert "| The force would number 100,000 troops | contested | ● |  | ● |" in out
    # A single-source fact is folded below the shared ones.
    folded = out[out.index("<details>") : out.index("</details>")]
    assert "Medvedev posted footage of an Oreshnik strike | single-source | ● |  |  |" in folded


def test_conflicts_are_shown_side_by_side() -> None:
    out = _terminal(_compared())
    header = next(line for line in out.splitlines() if "100,000" in line and "30,000" in line)
    assert header.index("100,000") < header.index("30,000")
    md = render_markdown(_compared())
    assert "| 100,000 | 30,000 |" in md
    assert "| Reuters | TASS |" in md


def test_who_stands_where_table() -> None:
    md = render_markdown(_compared())
    assert "| Actor | Stance | Shown by |" in md
    assert "| Russia | opposes (“will not tolerate”) |" in md
    assert "| United Kingdom (its own forces) | supports (“ready”) |" in md
    out = _wide_terminal(_compared())
    assert re.search(r"Russia\s+opposes", out)


def test_terminal_matrix_folds_single_source_facts_beyond_a_screenful() -> None:
    briefing = _compared()
    story = briefing.stories[0]
    reuters, rt, _ = (a.id for a in story.articles)
    facts = list(story.facts)
    for n in range(40):
        article, outlet = (reuters, "Reuters") if n % 2 else (rt, "RT | World News")
        ev = Evidence(article, outlet, 0, 12, f"only here {n}")
        facts.append(StoryFact(f"f{n}", f"Fact number {n}", "single-source", evidence=(ev,)))
    out = _terminal(replace(briefing, stories=(replace(story, facts=tuple(facts)),)))
    shown = re.findall(r"Fact number \d+", out)
    assert 0 < len(shown) < 40
    # Both outlets' own facts are shown in turn, not one outlet's first.
    assert "Fact number 0" in shown and "Fact number 1" in shown
    hidden = 40 - len(shown)  # 41 single-source facts with the Oreshnik one, shown first
    assert f"{hidden} more facts carried by one outlet only" in re.sub(r"\s+", " ", out)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_language_note_is_shown_in_every_format() -> None:
    briefing = _briefing()
    story = briefing.stories[0]
    note = "language 'ru' is not supported by the analysis (supported: en): quotes skipped"
    first = replace(story.articles[0], notes=(note,))
    noted = replace(briefing, stories=(replace(story, articles=(first, *story.articles[1:])),))
    assert note in render_markdown(noted).replace("\\", "")
    assert note in render_html(noted).replace("&#39;", "'")
    assert note in " ".join(_terminal(noted, width=200).split())
    assert "not supported" not in render_markdown(briefing) + _terminal(briefing)
