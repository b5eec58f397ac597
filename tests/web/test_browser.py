"""The web app in a real Chromium, as a person would use it: the story and each of its
sections, an article, an entity, search, adding an article; screenshots at desktop and
phone widths kept under artifacts/web/; hostile markup that must stay text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE_OUTLET, HOSTILE_TITLE, Served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": 1280, "phone": 390}


def _page(browser: Any, app: Served, width: int = 1280) -> Any:
    """A fresh page that records dialogs, failed loads and every request off the app."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.dialogs, page.outside, page.errors = [], [], []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Any) -> None:
        if not request.url.startswith(app.url + "/") and not request.url.startswith("data:"):
            page.outside.append(request.url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    return page


def _shoot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def _shoot_widths(page: Any, artifacts: Path, name: str) -> None:
    """Screenshots at desktop and phone widths; on a phone the page must not scroll
    sideways (wide tables scroll inside their own box)."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"{name}-{label}")
        if label == "phone":
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} scrolls sideways on a phone ({overflow}px)"


def test_story_page_shows_every_section(browser: Any, seeds_app: Served, artifacts: Path) -> None:
    listing = seeds_app.json("/api/stories")
    story = seeds_app.json(f"/api/stories/{listing['stories'][0]['id']}")
    page = _page(browser, seeds_app)
    page.goto(seeds_app.url + "/")
    page.get_by_role("link", name=story["title"]).click()
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h2").first.inner_text() == story["title"]

    outlets = sorted({a["outlet"] for a in story["articles"]})
    cards = page.locator("section.outlets .outlet-card h4").all_inner_texts()
    assert sorted(cards) == outlets
    for article in story["articles"]:
        assert page.locator(f'section.outlets a[href="/articles/{article["id"]}"]').count() == 1

    quotes = page.locator("section.quotes blockquote")
    assert quotes.count() == len(story["quotes"])
    # Speakers past the first few are folded: read the text, shown or not.
    speakers = " ".join(page.locator("section.quotes .speaker h4").all_text_contents())
    for name in ("Sergey Lavrov", "Dmitry Medvedev", "Maria Zakharova"):
        assert name in speakers
    for quote in story["quotes"][:5]:
        words = quote["text"].strip(' ,.“”"').split()[:6]
        assert " ".join(words) in " ".join(page.locator("section.quotes").text_content().split())

    if story["facts"]:
        rows = page.locator("section.coverage table.heat tr.fact")
        assert rows.count() == len(story["facts"])
        assert page.locator(
            "section.coverage td.cell.heat-1, td.cell.heat-2, td.cell.heat-3"
        ).count()
        contested = [f for f in story["facts"] if f["status"] == "contested"]
        assert page.locator("tr.fact-contested").count() == len(contested)
    for key, css in (
        ("quantities", "section.numbers"),
        ("timeline", "section.timeline"),
        ("framing", "section.framing"),
        ("positions", "section.positions"),
        ("entities", "section.entities"),
    ):
        assert page.locator(css).count() == (1 if story[key] else 0), key
    if story["positions"]:
        stances = page.locator("section.positions .stance").all_text_contents()
        assert sorted(stances) == sorted(p["stance"] for p in story["positions"])
    if story["timeline"]:
        assert page.locator("section.timeline li").count() == len(story["timeline"])
    if story["quantities"]:
        shown = page.locator("section.numbers").text_content()
        for q in story["quantities"]:
            assert q["text"].split()[0] in shown
    assert not page.dialogs and not page.outside and not page.errors
    _shoot_widths(page, artifacts, "story")
    page.context.close()


def test_click_through_to_article_and_entity(
    browser: Any, seeds_app: Served, artifacts: Path
) -> None:
    listing = seeds_app.json("/api/stories")
    story = seeds_app.json(f"/api/stories/{listing['stories'][0]['id']}")
    quote = next(q for q in story["quotes"] if q["speaker"]["entity"] == "person:sergey-lavrov")
    page = _page(browser, seeds_app)
    page.goto(f"{seeds_app.url}/stories/{story['id']}")
    # The quote's outlet chip leads to the quote in its article.
    block = page.locator("section.quotes blockquote", has_text=quote["text"].split(",")[0][:40])
    block.first.locator("footer a").first.click()
    page.wait_for_url(f"**/articles/{quote['article']}#at-{quote['start']}")
    article = seeds_app.json(f"/api/articles/{quote['article']}")
    assert page.locator("h1").inner_text() == article["title"]
    assert page.locator(".article-text .hl-quote").count() >= len(article["quotes"])
    assert page.locator(".article-text a.hl-entity").count() >= 1
    if article["claims"]:
        assert page.locator(".article-text .hl-claim").count() >= len(article["claims"])
    if article["boilerplate"]:
        removed = page.locator("details.removed")
        assert removed.count() == len(article["boilerplate"])
        assert not removed.first.locator("del").is_visible()
        removed.first.locator("summary").click()
        assert removed.first.locator("del").is_visible()
    # The whole text is there, in order, once.
    shown = page.evaluate(
        """() => { const text = document.querySelector('.article-text').cloneNode(true);
        text.querySelectorAll('summary').forEach(s => s.remove()); return text.textContent; }"""
    )
    assert shown.split() == article["text"].split()
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"article-{label}")

    page.locator('.article-text a.hl-entity[href="/entities/person:sergey-lavrov"]').first.click()
    page.wait_for_url("**/entities/person:sergey-lavrov")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    assert page.locator(".mentions mark").count() >= 1
    assert page.locator(".entity-story blockquote").count() >= 1
    assert page.locator(".by-outlet tbody tr").count() >= 2
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"entity-{label}")
    assert not page.dialogs and not page.outside and not page.errors
    page.context.close()


def test_search(browser: Any, seeds_app: Served, artifacts: Path) -> None:
    page = _page(browser, seeds_app)
    page.goto(seeds_app.url + "/")
    box = page.get_by_role("searchbox", name="Search articles")
    box.fill("Oreshnik")
    box.press("Enter")
    page.wait_for_url("**/search?q=Oreshnik")
    assert page.locator("#result-count").inner_text().startswith("1 article")
    assert page.locator(".snippet mark").first.inner_text().lower() == "oreshnik"
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"search-{label}")
    page.locator(".hit-title").first.click()
    page.wait_for_url("**/articles/*")
    assert "Oreshnik" in page.locator(".article-text").inner_text()
    assert not page.dialogs and not page.outside and not page.errors
    page.context.close()


def test_add_an_article_through_the_form(browser: Any, seeds_app: Served, artifacts: Path) -> None:
    page = _page(browser, seeds_app)
    page.goto(seeds_app.url + "/")
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"stories-{label}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Add").click()
    page.wait_for_url("**/add")
    page.locator("#text").fill(
        "Zakharova dismisses European peacekeeping plan\n\n"
        "Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that "
        '"European peacekeepers would be a party to the conflict," rejecting the plan '
        "discussed by Britain and France.\n"
    )
    page.locator("#outlet").fill("Browser Test Wire")
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        _shoot(page, artifacts, f"add-{label}")
    page.get_by_role("button", name="Add and analyse").click()
    page.wait_for_url("**/jobs/*")
    assert page.locator("#job-progress").count() == 1
    page.locator("#job-result").wait_for(state="visible", timeout=120_000)
    assert page.locator("#job-message").inner_text() == "Done"
    _shoot(page, artifacts, "job-desktop")
    page.locator("#job-articles a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Zakharova dismisses European peacekeeping plan"
    assert page.locator(".outlet-line .chip").inner_text() == "Browser Test Wire"
    assert page.locator(".article-text .hl-quote").count() >= 1
    assert not page.dialogs and not page.outside and not page.errors
    page.context.close()


def test_hostile_markup_stays_text(browser: Any, hostile_app: Served, artifacts: Path) -> None:
    listing = hostile_app.json("/api/stories")
    story = hostile_app.json(f"/api/stories/{listing['stories'][0]['id']}")
    paths = ["/", f"/stories/{story['id']}", "/search?q=script+kremlin"]
    paths += [f"/articles/{a['id']}" for a in story["articles"]]
    paths += [f"/entities/{e['id']}" for e in story["entities"][:3]]
    page = _page(browser, hostile_app)
    for path in paths:
        page.goto(hostile_app.url + path)
        page.wait_for_load_state("load")
        assert page.locator("script:not([src='/static/app.js']), img, iframe, svg").count() == 0
    page.goto(hostile_app.url + f"/stories/{story['id']}")
    assert HOSTILE_TITLE in page.locator("section.outlets").inner_text()
    assert HOSTILE_OUTLET in page.locator("section.outlets").inner_text()
    _shoot(page, artifacts, "hostile-story-desktop")
    page.goto(hostile_app.url + f"/articles/{story['articles'][0]['id']}")
    assert "<script>alert(3)</script>" in page.locator(".article-text").inner_text()
    assert page.dialogs == [], page.dialogs
    assert page.outside == [], page.outside
    page.context.close()


def test_html_report_opens_offline_with_the_story_page(
    browser: Any, seeds_app: Served, artifacts: Path, tmp_path: Path
) -> None:
    """`brief --format html` writes the story page as one file: opened from disk, with no
    server, it shows the same sections and asks for nothing outside itself."""
    from newsprism import Briefing, StoryBriefing, from_json
    from newsprism.brief import render_html

    listing = seeds_app.json("/api/stories")
    story = seeds_app.json(f"/api/stories/{listing['stories'][0]['id']}")
    report = tmp_path / "briefing.html"
    # The API's JSON is the record's: it reads back into the record the report is made of.
    record = from_json(StoryBriefing, story)
    report.write_text(render_html(Briefing(stories=(record,))))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    assert page.locator("h2").first.inner_text() == story["title"]
    assert page.locator("section.outlets .outlet-card").count() == len(
        {a["outlet"] for a in story["articles"]}
    )
    assert page.locator("section.coverage tr.fact").count() == len(story["facts"])
    assert page.locator("section.coverage td.cell.heat-1").first.is_visible()
    stances = page.locator("section.positions .stance").all_text_contents()
    assert sorted(stances) == sorted(p["stance"] for p in story["positions"])
    assert page.locator("section.quotes blockquote").count() == len(story["quotes"])
    assert page.locator("section.framing table.naming tr").count() == len(story["naming"]) + 1
    assert page.locator("a[href^='/']").count() == 0  # no links into a server
    assert requests == [report.as_uri()] and not dialogs
    _shoot_widths(page, artifacts, "report")
    context.close()
