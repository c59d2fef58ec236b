"""The built site as a reader uses it, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import PACKAGE, SCREENSHOTS, Server, build, copy_minimal

pytestmark = pytest.mark.browser

PAYLOADS = {
    "script": "<script>window.__pwned = 'script'</script>",
    "image": "<img src=x onerror=\"window.__pwned = 'img'\">",
    "markdown-link": "[click me](javascript:window.__pwned='link')",
    "attribute": "\" onmouseover=\"window.__pwned='attr'",
    "close-and-script": "</div></dl><script>window.__pwned = 'close'</script>",
    "jinja": "{{ 7 * 7 }} {% if true %}jinja{% endif %}",
    "markdown": "**bold** _em_ `code` # heading",
}
HOSTILE = " · ".join(PAYLOADS.values())


def hostile_package(folder: Path) -> Path:
    """The minimal package with every kind of hostile text in its text fields."""
    package = copy_minimal(folder)
    edits = {
        "missions.csv": {"name": "Test Lander " + PAYLOADS["script"], "summary": HOSTILE, "notes": HOSTILE},
        "people.csv": {"role": HOSTILE, "name": "Ada " + PAYLOADS["image"]},
        "organizations.csv": {"name": "Test Agency " + PAYLOADS["attribute"], "website": "https://example.org/?q=\"><script>window.__pwned='href'</script>"},
        "events.csv": {"title": PAYLOADS["close-and-script"], "description": HOSTILE},
        "quotes.csv": {"text": HOSTILE, "setting": PAYLOADS["markdown-link"]},
        "places.csv": {"name": PAYLOADS["jinja"]},
        "sources.csv": {"title": PAYLOADS["markdown"] + " " + PAYLOADS["script"]},
    }
    for name, changes in edits.items():
        path = package / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            fields = list(rows[0])
        for row in rows:
            row.update(changes)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return package / "datapackage.json"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    result = build(hostile_package(folder / "package"), folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with Server(folder / "site") as server:
        yield server


HOSTILE_PAGES = {
    "": ["close-and-script"],
    "missions/test-lander/": list(PAYLOADS),
    "missions/": ["script"],
    "people/ada-tester/": ["image", "attribute", "markdown-link", "jinja"],
    "organizations/test-agency/": ["attribute"],
    "timeline/2020s/": ["close-and-script", "markdown"],
    "quotes/2020s/": ["script", "markdown-link"],
    "places/test-basin/": ["jinja"],
    "sources/test-report/": ["markdown", "script"],
}


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_is_shown_as_inert_text(hostile_server, page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server.url + path)
    for link in page.locator("article a").all():
        if link.is_visible():
            link.hover()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    text = page.locator("article").inner_text()
    for name in HOSTILE_PAGES[path]:
        assert PAYLOADS[name] in text, f"the {name} payload is not shown as text"
    assert page.locator("article script").count() == 0
    assert page.locator("article img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0


def test_hostile_text_in_search_results_is_inert_text(hostile_server, page):
    page.goto(hostile_server.url)
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text("Test Lander")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item > a", timeout=15_000)
    page.wait_for_timeout(500)
    results = page.locator(".md-search-result")
    assert "Test Lander " + PAYLOADS["script"] in results.inner_text()
    assert results.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_no_payload_reaches_the_html_unescaped(hostile_server):
    site = Path(hostile_server.httpd.RequestHandlerClass.keywords["directory"])
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text and "onerror=\"window" not in text, html


def search(page, server, query: str) -> list[str]:
    page.goto(server.url)
    page.locator("input.md-search__input").click()
    results = page.locator(".md-search-result__item > a")
    # Material reads the field on a key being released, or when its worker has built the index. Inserted text
    # (any script) releases no key, so End is pressed after it.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item > a", timeout=15_000)
    # The list may still be replacing an earlier answer: read it until two reads a moment apart agree.
    hrefs, previous = [], None
    for _ in range(20):
        hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(250)
    return hrefs


@pytest.mark.parametrize("query", ["Chang'e-6", "Change 6", "嫦娥六号"])
def test_search_puts_the_mission_first(real_server, page, query):
    results = search(page, real_server, query)
    assert "missions/change-6/" in results[0]
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url("**/missions/change-6/**")
    assert page.locator("article h1").inner_text() == "Chang'e-6"


def test_search_for_a_quote_reaches_its_speaker(real_server, page):
    results = search(page, real_server, "frozen record")
    speaker = next(r for r in results if "people/james-head/" in r)
    page.goto(speaker)
    assert "frozen record of what it was like in our early solar system" in page.locator("article").inner_text()


def test_missions_index_filters_and_sorts(real_server, page):
    page.goto(real_server.url + "missions/")
    rows = page.locator("#la-index tbody tr")
    total = rows.count()
    page.locator("input.la-filter").fill("Chang")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    # A row matches on its cells or on the words it carries for the filter (native name, programme, summary).
    assert all("chang" in (r.inner_text() + (r.get_attribute("data-words") or "")).lower() for r in visible)
    page.locator("input.la-filter").fill("")
    page.locator("#la-index th", has_text="Name").click()
    page.locator("#la-index th", has_text="Launch date").click()
    from lunar_atlas.humanize import sort_key

    with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
        earliest = min(csv.DictReader(handle), key=lambda m: sort_key(m["launch_date"]))
    assert page.locator("#la-index tbody tr").first.locator("td").first.inner_text() == earliest["name"]


def test_a_downloaded_csv_is_the_package_file(real_server, page):
    page.goto(real_server.url + "data/")
    with page.expect_download() as download:
        page.locator("a[href$='missions.csv']").first.click()
    assert Path(download.value.path()).read_bytes() == (PACKAGE.parent / "missions.csv").read_bytes()


def test_a_claim_marker_opens_its_source_and_words(real_server, page):
    page.goto(real_server.url + "missions/change-6/")
    marker = page.locator("dd details.la-claims").first
    excerpt = marker.locator("q").first
    assert not excerpt.is_visible()
    marker.locator("summary").click()
    assert excerpt.is_visible()
    assert marker.locator("a[href*='sources/']").first.is_visible()
    assert "accessed" in marker.inner_text()


def test_disputed_facts_show_every_value_with_its_source(real_server, page):
    page.goto(real_server.url + "disputes/")
    disputed = page.locator("details.la-disputed")
    assert disputed.count() >= 1
    first = disputed.first
    assert first.get_attribute("open") is not None, "a dispute is shown open"
    assert first.locator("li").count() >= 2
    page.goto(real_server.url + "missions/change-8/")
    text = page.locator("details.la-disputed").first.inner_text()
    assert "about 2029" in text and "2028" in text


SHOTS = [("home", ""), ("mission", "missions/change-6/"), ("timeline", "timeline/"), ("reference", "reference/missions/"), ("map", "map/")]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name,path", SHOTS)
def test_pages_render_for_screenshots(real_server, browser, name, path, width):
    """Screenshots for a person to look at; the assertions catch a page that did not render."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(real_server.url + path)
    assert page.locator("article h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, "the page scrolls sideways"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()
