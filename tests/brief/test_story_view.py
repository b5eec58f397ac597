"""The story page view and its template, on a story record whose later sections are
filled: contested facts, numbers that disagree, positions, timeline, framing. The
records are written as their JSON (``docs/json.md``) and decoded with the codec."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newsprism.brief.records import StoryBriefing
from newsprism.brief.story_view import story_page
from newsprism.codec import from_json

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _story() -> StoryBriefing:
    a, b, c = "a" * 16, "b" * 16, "c" * 16

    def ev(article: str, outlet: str, text: str) -> dict[str, Any]:
        return {"article": article, "outlet": outlet, "start": 0, "end": len(text), "text": text}

    record = {
        "id": "story-1",
        "title": HOSTILE,
        "span": {"first": "2025-03-06", "last": "2025-03-08"},
        "articles": [
            {"id": a, "outlet": "Reuters", "title": "T1", "published": "2025-03-06"},
            {"id": b, "outlet": HOSTILE, "title": "T2", "published": "2025-03-07"},
            {"id": c, "outlet": "RT", "title": "T3", "published": "2025-03-08"},
        ],
        "quotes": [
            {
                "text": "no troops",
                "kind": "direct",
                "speaker": {"name": "Sergey Lavrov", "entity": "person:sergey-lavrov"},
                "article": a,
                "outlet": "Reuters",
                "start": 3,
                "end": 12,
                "outlets": ["Reuters", "RT"],
            }
        ],
        "facts": [
            {
                "id": "f1",
                "text": "Russia rejects troops",
                "status": "corroborated",
                "articles": [a, c],
                "evidence": [ev(a, "Reuters", "rejects"), ev(c, "RT", "rejects")],
            },
            {
                "id": "f2",
                "text": "Troops estimated",
                "status": "contested",
                "differs_in": "number",
                "articles": [a, b],
                "sides": [
                    {"value": "100,000", "evidence": [ev(a, "Reuters", "100,000 troops")]},
                    {"value": "200,000", "evidence": [ev(b, HOSTILE, "200,000 troops")]},
                ],
                "evidence": [],
            },
        ],
        "quantities": [
            {
                "text": "100,000",
                "value": 1e5,
                "what": "troops",
                "article": a,
                "start": 0,
                "in_conflict": True,
            },
            {
                "text": "200,000",
                "value": 2e5,
                "what": "troops",
                "article": b,
                "start": 0,
                "in_conflict": True,
            },
            {"text": "$5 billion", "value": 5e9, "unit": "USD", "what": "aid", "article": c},
        ],
        "conflicts": [
            {
                "what": "troops",
                "kind": "number",
                "differs_in": "number",
                "sides": [
                    {"value": "100,000", "evidence": [ev(a, "Reuters", "100,000 troops")]},
                    {"value": "200,000", "evidence": [ev(b, HOSTILE, "200,000 troops")]},
                ],
            }
        ],
        "positions": [
            {
                "actor": "Russia",
                "stance": "opposes",
                "cue": "rejects",
                "evidence": [ev(a, "Reuters", "no")],
            },
            {"actor": "UK", "stance": "supports", "cue": "willing", "evidence": []},
        ],
        "timeline": [
            {"date": "2025-03-06", "text": "Earlier", "evidence": [ev(a, "Reuters", "Earlier")]},
            {"date": "2025-03-08", "text": "Later", "evidence": [ev(c, "RT", "Later")]},
        ],
        "framing": {
            a: {
                "outlet": "Reuters",
                "naming": [{"entity": "Kyiv", "form": "Kiev"}],
                "omits": ["f1"],
            },
            b: {"outlet": HOSTILE, "loaded_language": [HOSTILE]},
        },
        "entities": [],
    }
    return from_json(StoryBriefing, record)


def test_story_page_lays_out_every_section() -> None:
    page = story_page(_story())
    assert [o.name for o in page.outlets] == ["Reuters", HOSTILE, "RT"]
    contested, corroborated = page.facts  # contested first
    assert contested.status == "contested" and [s for s, _ in contested.sides] == [
        "100,000",
        "200,000",
    ]
    assert [c.count for c in corroborated.cells] == [1, 0, 1]
    assert [c.level for c in contested.cells] == [1, 1, 0]
    troops = next(g for g in page.numbers if g.what == "troops")
    assert troops.is_conflict
    assert not next(g for g in page.numbers if g.what == "aid").is_conflict
    assert [p.stance for p in page.positions] == ["supports", "opposes"]
    assert [t.date for t in page.timeline] == ["2025-03-06", "2025-03-08"]  # as given
    assert [r.outlet for t in page.timeline for r in t.refs] == ["Reuters", "RT"]
    framing = {card.outlet: card for card in page.framing}
    values = [v for item in framing["Reuters"].items for v in item.values]
    assert "Kiev (for Kyiv)" in values and "Russia rejects troops" in values
    assert [r.outlet for r in page.speakers[0].quotes[0].refs] == ["Reuters", "RT"]


def test_story_page_template_escapes_and_links_only_in_the_app() -> None:
    env = Environment(
        loader=PackageLoader("newsprism.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
        undefined=StrictUndefined,
    )
    template = env.get_template("_story_page.html.j2")
    report = template.render(page=story_page(_story()))
    assert "<script" not in report and "<img" not in report
    assert "&lt;script&gt;" in report
    assert 'href="/' not in report  # no links without a web app
    assert 'class="fact fact-contested"' in report and "outlets disagree" in report

    class Links:
        @staticmethod
        def article(article_id: str, start: int | None = None) -> str:
            return f"/articles/{article_id}"

        @staticmethod
        def entity(entity_id: str) -> str:
            return f"/entities/{entity_id}"

    app = template.render(page=story_page(_story()), links=Links())
    assert 'href="/articles/' + "a" * 16 + '"' in app
    assert 'href="/entities/person:sergey-lavrov"' in app
    assert "<script" not in app


def test_numbers_read_as_written() -> None:
    a = "a" * 16
    record = {
        "id": "s",
        "title": "T",
        "articles": [{"id": a, "outlet": "Reuters", "title": "T"}],
        "quantities": [
            {
                "what": "casualties",
                "text": "hundreds of thousands",
                "low": 200000,
                "high": 999999,
                "unit": "casualty",
                "article": a,
            },
            {
                "what": "foreign troops",
                "text": "200,000 foreign troops",
                "value": 200000,
                "unit": "troop",
                "article": a,
            },
            {
                "what": "soldiers",
                "text": "1.5 million soldiers",
                "value": 1500000,
                "unit": "soldier",
                "article": a,
            },
            {"what": "aid", "text": "$5 billion", "value": 5e9, "unit": "USD", "article": a},
        ],
        "framing": {
            a: {
                "outlet": "Reuters",
                "sources": [{"name": "Keir Starmer", "quotes": 1, "words": 9}],
            }
        },
    }
    page = story_page(from_json(StoryBriefing, record))
    values = {g.what: g.items[0].value for g in page.numbers}
    assert values == {
        "casualties": "hundreds of thousands",  # vague: as written, not 200,000-999,999
        "foreign troops": "200,000",  # the heading already names the unit
        "soldiers": "1.5 million",
        "aid": "5 billion USD",
    }
    assert page.framing[0].items[0].values == ("Keir Starmer (1 quote, 9 words)",)
