"""The built site as a reader sees it, in Debian's Chromium: words rather than codes, an index that filters by
those words, pages that fit a phone, contrast and keyboard focus in both colour schemes, and a way to correct a row."""

from __future__ import annotations

import csv
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import PACKAGE, SCREENSHOTS
from lunar_atlas.labels import country_name, value_label

pytestmark = pytest.mark.browser

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
MISSION_FIELDS = {f["name"]: f for f in next(r for r in DESCRIPTOR["resources"] if r["name"] == "missions")["schema"]["fields"]}
with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
    MISSIONS = list(csv.DictReader(handle))

PAGE_TYPES = {
    "home": "", "missions": "missions/", "mission": "missions/change-6/", "timeline": "timeline/",
    "timeline-decade": "timeline/1960s/", "map": "map/",
    "quotes": "quotes/", "quotes-of-a-decade": "quotes/2020s/", "people": "people/", "person": "people/james-head/", "sources": "sources/",
    "sources-of-a-tier": "sources/reference/",
    "source": "sources/cnn-2024-06-25-change-6-returns/", "data": "data/", "reference": "reference/missions/",
    "disputes": "disputes/",
}
SCHEMES = ["light", "dark"]


# --- pages fit the screen ----------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_page_type_scrolls_sideways(real_server, open_page, name, width, scheme):
    page = open_page(real_server.url + PAGE_TYPES[name], width, scheme)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""width => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.la-scroll'))
        .slice(0, 3).map(e => e.tagName + '.' + e.className)""", width)
    assert scroll <= width + 1, f"{name} at {width} px is {scroll} px wide: {wide}"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=name not in ("timeline", "quotes"))


def test_mission_names_are_never_broken_inside_a_word_on_a_phone(real_server, open_page):
    page = open_page(real_server.url + "missions/", 390)
    broken = page.evaluate("""() => [...document.querySelectorAll('#la-index tbody td:first-child a')].filter(a => {
        const range = document.createRange(); const words = a.textContent.split(/\\s+/).length;
        range.selectNodeContents(a);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        return lines > words; }).map(a => a.textContent)""")
    assert broken == []


@pytest.mark.parametrize("index", ["missions/", "organizations/", "places/", "people/", "sources/reference/"])
def test_a_card_on_a_phone_puts_a_dot_only_between_the_values_it_shows(real_server, open_page, index):
    """On a phone an index row reads "News publisher · United States", never "Broadcaster ·" where a cell is empty."""
    page = open_page(real_server.url + index, 390)
    lines = page.evaluate("""() => [...document.querySelectorAll('table.la-sortable tbody tr')].map(tr =>
        [...tr.cells].slice(1).map(td => {
            const made = where => { const c = getComputedStyle(td, where).content;
                                    return c && c !== 'none' && c !== 'normal' ? JSON.parse(c) : ''; };
            return made('::before') + td.textContent.trim() + made('::after'); }).join('').trim())""")
    assert lines, f"{index} lists no rows"
    dangling = [line for line in lines if line.startswith("·") or line.endswith("·") or "·  ·" in line]
    assert dangling == [], f"{index}: {len(dangling)} rows with a dot beside nothing, such as {dangling[:3]}"


# --- words, not codes ----------------------------------------------------------------------------

def _labelled_codes(field: dict) -> dict[str, str]:
    """The field's allowed values whose label is more than the value itself (not just a capital letter)."""
    return {item["value"]: item["label"] for item in field.get("categories", []) if item["label"].lower() != item["value"]}


def _pages_covering_every_value() -> list[dict]:
    """One mission per country, mission type and outcome in the data."""
    chosen = {}
    for name in ("country", "mission_type", "outcome"):
        for mission in MISSIONS:
            chosen.setdefault((name, mission[name]), mission)
    return list({m["mission_id"]: m for m in chosen.values()}.values())


@pytest.mark.parametrize("mission", _pages_covering_every_value(), ids=lambda m: m["mission_id"])
def test_a_mission_page_shows_labels_not_codes(real_server, open_page, mission):
    page = open_page(real_server.url + f"missions/{mission['mission_id']}/")
    # Sources' own words, quoted words and notes are prose: they may say "the US" as they were written.
    page.evaluate("document.querySelectorAll('article q, article blockquote, article figcaption em')"
                  ".forEach(e => e.style.display = 'none')")
    text = page.locator("article").inner_text()
    for free_text in ("summary", "notes"):  # what the data's authors wrote may name a code on purpose
        text = text.replace(mission[free_text], "") if mission[free_text] else text
    for name in ("mission_type", "outcome"):
        codes = _labelled_codes(MISSION_FIELDS[name])
        if mission[name]:
            assert value_label(MISSION_FIELDS[name], mission[name]) in text
        shown = [code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
        assert shown == [], f"{mission['mission_id']}: {name} codes {shown} in the page's text"
    if mission["country"]:
        assert country_name(mission["country"], MISSION_FIELDS["country"]) in text
        assert not re.search(rf"\b{mission['country']}\b", text), f"country code {mission['country']} in the page's text"
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text), "a raw EDTF time beside its words"
    assert "\nID\n" not in text and not re.search(r"^ID\t", text, re.M)


def test_every_country_in_the_data_has_a_name():
    unnamed = sorted({m["country"] for m in MISSIONS if m["country"] and country_name(m["country"]) == m["country"]})
    assert unnamed == [], "ISO 3166 (pycountry) names no country for these codes"


def test_the_soviet_union_is_named_and_its_code_is_iso():
    from lunar_atlas.labels import iso_country_name

    assert iso_country_name("SU"), "SU is in ISO 3166-3's withdrawn codes"
    assert country_name("SU", MISSION_FIELDS["country"]) == "Soviet Union"
    assert country_name("CN", MISSION_FIELDS["country"]) == "China"


def test_a_precise_date_is_one_step_away(real_server, open_page):
    page = open_page(real_server.url + "missions/change-6/")
    launch = next(m for m in MISSIONS if m["mission_id"] == "change-6")["launch_date"]
    assert page.locator(f".la-precise[title='{launch}']").count() >= 1


@pytest.mark.parametrize("path,table,key,field", [("missions/change-6-lander/", "missions", "change-6-lander", "landing_lat"),
                                                  ("places/mare-tranquillitatis/", "places", "mare-tranquillitatis", "lon")])
def test_a_position_reads_in_degrees_with_its_value_one_step_away(real_server, open_page, path, table, key, field):
    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8") as handle:
        value = float(next(r for r in csv.DictReader(handle) if r[f"{table[:-1] if table != 'people' else 'person'}_id"] == key)[field])
    page = open_page(real_server.url + path)
    shown = page.locator(f"dd .la-precise[title='{value}']").first.inner_text()
    hemisphere = ("N" if value > 0 else "S") if field.endswith("lat") else ("E" if value > 0 else "W")
    assert shown.endswith(f"° {hemisphere}") and abs(float(shown.split("°")[0]) - abs(value)) < 0.005, shown


def test_the_missions_an_organization_operated_are_listed_in_launch_order(real_server, open_page):
    from lunar_atlas.humanize import sort_key

    page = open_page(real_server.url + "organizations/cnsa/")
    section = page.locator(".la-backrefs").filter(has=page.locator("h2", has_text="Missions"))
    names = section.locator("li a").all_inner_texts()
    missions = {m["name"]: m for m in MISSIONS}
    order = [(missions[n]["outcome"] in ("planned", "cancelled"), sort_key(missions[n]["launch_date"])) for n in names]
    assert len(names) > 5 and order == sorted(order), names
    assert names.index("Chang'e-1") < names.index("Chang'e-4")


# --- the missions index ----------------------------------------------------------------------------

def _count(page) -> str:
    return page.locator(".la-count").inner_text()


def _visible_rows(page) -> list[str]:
    return page.locator("#la-index tbody tr:visible").evaluate_all("rows => rows.map(r => r.getAttribute('data-country') + '|' + r.getAttribute('data-mission_type') + '|' + r.cells[0].textContent)")


@pytest.mark.parametrize("words,field,value", [("China", "country", "CN"), ("Soviet Union", "country", "SU"),
                                               ("sample return", "mission_type", "sample-return")])
def test_filtering_the_missions_by_a_label_shows_its_rows_and_count(real_server, open_page, words, field, value):
    page = open_page(real_server.url + "missions/", 390)
    page.locator("input.la-filter").fill(words)
    expected = sorted(m["name"] for m in MISSIONS if m[field] == value)
    rows = _visible_rows(page)
    assert sorted(r.split("|", 2)[2] for r in rows) == expected
    assert _count(page) == f"{len(expected)} of {len(MISSIONS)} missions"


def test_the_missions_filters_combine_and_say_how_many(real_server, open_page):
    page = open_page(real_server.url + "missions/")
    assert _count(page) == f"{len(MISSIONS)} missions"
    page.locator("select[name='country']").select_option("CN")
    page.locator("select[name='outcome']").select_option("success")
    page.locator("select[name='decade']").select_option("2010s")
    expected = [m for m in MISSIONS if m["country"] == "CN" and m["outcome"] == "success" and m["launch_date"][:3] == "201"]
    assert 0 < len(expected) == len(_visible_rows(page))
    assert _count(page) == f"{len(expected)} of {len(MISSIONS)} missions"
    page.locator("select[name='crewed']").select_option("yes")
    assert _count(page) == f"0 of {len(MISSIONS)} missions"
    assert [o.inner_text() for o in page.locator("select[name='country'] option").all()][:1] == ["All"]
    assert "China (" in page.locator("select[name='country']").inner_text()


# --- the other indexes -----------------------------------------------------------------------------

with (PACKAGE.parent / "sources.csv").open(encoding="utf-8") as handle:
    SOURCES = list(csv.DictReader(handle))
TIER_WORDS = {c["value"]: c["label"] for c in next(f for f in next(r for r in DESCRIPTOR["resources"] if r["name"] == "sources")
                                                   ["schema"]["fields"] if f["name"] == "tier")["categories"]}
QUOTATION_MARKS = "\"'‘’“”«»"


def test_the_sources_are_listed_by_reliability_tier_each_with_its_count(real_server, open_page):
    page = open_page(real_server.url + "sources/", 390)
    tiers = page.locator("ul.la-parts li")
    assert tiers.count() == 4
    for index, (code, words) in enumerate(TIER_WORDS.items()):
        item = tiers.nth(index)
        count = sum(s["tier"] == code for s in SOURCES)
        assert item.locator("strong").inner_text() == words and f"{count} sources" in item.inner_text()
    assert sum(int(t.split(" sources")[0].split()[-1]) for t in tiers.all_inner_texts()) == len(SOURCES)
    page.locator("ul.la-parts a", has_text="Primary source").click()
    page.wait_for_url("**/sources/primary/")
    primary = [s for s in SOURCES if s["tier"] == "primary"]
    assert _count(page) == f"{len(primary)} sources"
    assert sorted(page.locator("#la-index tbody td:first-child a").evaluate_all("links => links.map(a => a.getAttribute('href'))")) == \
        sorted(f"../{s['source_id']}/" for s in primary)


def test_the_sources_of_a_tier_can_be_narrowed_to_a_kind(real_server, open_page):
    page = open_page(real_server.url + "sources/primary/", 390)
    primary = [s for s in SOURCES if s["tier"] == "primary"]
    assert {s.get_attribute("name") for s in page.locator("select.la-choice").all()} == {"kind"}, "one tier: no tier to choose"
    page.locator("select[name='kind']").select_option("agency-release")
    releases = [s for s in primary if s["kind"] == "agency-release"]
    assert 0 < len(releases) < len(primary)
    assert _count(page) == f"{len(releases)} of {len(primary)} sources"
    assert set(page.locator("#la-index tbody tr:visible td:nth-child(4)").all_inner_texts()) == {"Agency release"}
    page.locator(".la-jump a", has_text="Established press").click()
    page.wait_for_url("**/sources/press/")
    assert _count(page) == f"{sum(s['tier'] == 'press' for s in SOURCES)} sources"


@pytest.mark.parametrize("table,choices", [("organizations", {"kind", "country"}), ("places", {"body", "kind"})])
def test_the_organizations_and_places_can_be_narrowed_by_their_kinds(real_server, open_page, table, choices):
    page = open_page(real_server.url + f"{table}/")
    assert {s.get_attribute("name") for s in page.locator("select.la-choice").all()} == choices
    select = page.locator("select[name='kind']")
    option = select.locator("option").nth(1)
    words, count = option.get_attribute("data-words"), int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    select.select_option(option.get_attribute("value"))
    kinds = page.locator("#la-index tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.cells[Array.from(r.closest('table').tHead.rows[0].cells).findIndex(h => h.textContent === 'Kind')].textContent)")
    assert len(kinds) == count and set(kinds) == {words}


def _first_letters(page) -> tuple[list[str], list[str]]:
    titles = page.locator("#la-index tbody tr td:first-child").all_inner_texts()
    return titles, [title.lstrip(QUOTATION_MARKS + " ")[:1].upper() for title in titles]


def _sorted_under_first_word(titles: list[str], letters: list[str]) -> None:
    quoted = [i for i, title in enumerate(titles) if title[:1] in QUOTATION_MARKS]
    assert quoted, "the real sources have titles in quotation marks"
    for i in quoted:
        before, after = letters[max(i - 1, 0)], letters[min(i + 1, len(letters) - 1)]
        assert before <= letters[i] <= after, f"{titles[i]!r} sorts between {titles[i - 1]!r} and {titles[i + 1]!r}"


def test_titles_in_quotation_marks_sort_under_their_first_word(real_server, open_page):
    page = open_page(real_server.url + "sources/press/")
    title = page.locator("#la-index th", has_text="Title")
    assert title.get_attribute("aria-sort") == "ascending", "the index says which column it is sorted by"
    _sorted_under_first_word(*_first_letters(page))
    title.click()
    title.click()  # descending, then ascending again: the browser's own sort
    assert title.get_attribute("aria-sort") == "ascending"
    _sorted_under_first_word(*_first_letters(page))


@pytest.mark.parametrize("index,hint", [("missions", "Name, country, mission type…"), ("sources/press", "Title, publisher, published…"),
                                        ("people", "Name, role, organization…")])
def test_the_filter_box_suggests_the_columns_it_searches(real_server, open_page, index, hint):
    page = open_page(real_server.url + f"{index}/")
    assert page.locator("input.la-filter").get_attribute("placeholder") == hint


# --- the quotes page -------------------------------------------------------------------------------

with (PACKAGE.parent / "quotes.csv").open(encoding="utf-8") as handle:
    QUOTES = list(csv.DictReader(handle))
with (PACKAGE.parent / "people.csv").open(encoding="utf-8") as handle:
    PEOPLE = {p["person_id"]: p["name"] for p in csv.DictReader(handle)}


def _visible_quotes(page) -> list[str]:
    return page.locator("#la-quotes figure.la-quote:visible").evaluate_all("figures => figures.map(f => f.id)")


SIXTIES = [q for q in QUOTES if q["said_when"].lstrip("./").startswith("196")]


def test_the_quotes_pages_show_every_quote_once_each_with_a_link_to_its_page(real_server, open_page):
    """From the quotes page, a reader reaches every quote through the decades' pages, each quote on one of them."""
    page = open_page(real_server.url + "quotes/")
    parts = page.locator("ul.la-decades a").evaluate_all("links => links.map(a => a.href)")
    shown = []
    for address in parts:
        page = open_page(address)
        on_this_page = _visible_quotes(page)
        assert page.locator("#la-quotes figure.la-quote a[href$='/']").count() >= len(on_this_page)
        assert _count(page) == f"{len(on_this_page)} quote{'s' if len(on_this_page) != 1 else ''}"
        shown += on_this_page
    assert sorted(shown) == sorted(q["quote_id"] for q in QUOTES)


def test_filtering_a_decades_quotes_by_a_speakers_name_shows_their_words_and_count(real_server, open_page):
    page = open_page(real_server.url + "quotes/1960s/", 390)
    page.locator("input.la-filter").fill("Armstrong")
    expected = sorted(q["quote_id"] for q in SIXTIES if "Armstrong" in PEOPLE.get(q["person_id"], "") or "Armstrong" in q["text"])
    assert expected and sorted(_visible_quotes(page)) == expected
    assert _count(page) == f"{len(expected)} of {len(SIXTIES)} quotes"
    headings = page.locator("#la-quotes section.la-group:visible h2").all_inner_texts()
    assert "Neil Armstrong" in headings and len(headings) <= len(expected)


def test_the_quotes_filters_by_topic_and_mission_combine(real_server, open_page):
    page = open_page(real_server.url + "quotes/1960s/")
    mission = "apollo-11"
    with_topic = [q for q in SIXTIES if q["mission_id"] == mission and q["topics"]]
    topic = with_topic[0]["topics"].split(";")[0]
    page.locator("select[name='mission']").select_option(mission)
    assert sorted(_visible_quotes(page)) == sorted(q["quote_id"] for q in SIXTIES if q["mission_id"] == mission)
    page.locator("select[name='topic']").select_option(topic)
    expected = sorted(q["quote_id"] for q in with_topic if topic in q["topics"].split(";"))
    assert expected and sorted(_visible_quotes(page)) == expected
    assert _count(page) == f"{len(expected)} of {len(SIXTIES)} quotes"


def test_the_missions_index_opens_by_launch_date_with_plans_last(real_server, open_page):
    from lunar_atlas.humanize import sort_key

    page = open_page(real_server.url + "missions/")
    keys = page.locator("#la-index tbody tr td:first-child a").evaluate_all("links => links.map(a => a.getAttribute('href').split('/').at(-2))")
    flown = [m for m in MISSIONS if m["outcome"] not in ("planned", "cancelled")]
    assert keys[0] == min(flown, key=lambda m: sort_key(m["launch_date"]))["mission_id"]
    outcomes = {m["mission_id"]: m["outcome"] for m in MISSIONS}
    first_plan = next(i for i, k in enumerate(keys) if outcomes[k] in ("planned", "cancelled"))
    assert len(keys) == len(MISSIONS) and all(outcomes[k] in ("planned", "cancelled") for k in keys[first_plan:])
    launches = [sort_key(next(m for m in MISSIONS if m["mission_id"] == k)["launch_date"]) for k in keys[:first_plan]]
    assert launches == sorted(launches)
    assert page.locator("#la-index th[aria-sort='ascending']").inner_text().startswith("Launch date")


# --- contributors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path,table,key", [("missions/change-6/", "missions", "change-6"), ("people/james-head/", "people", "james-head"),
                                            ("sources/cnn-2024-06-25-change-6-returns/", "sources", "cnn-2024-06-25-change-6-returns")])
def test_an_entity_page_links_to_its_row_and_to_a_new_issue(real_server, open_page, path, table, key):
    page = open_page(real_server.url + path)
    lines = (PACKAGE.parent / f"{table}.csv").read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if text.startswith(key + ","))
    edit = page.get_by_role("link", name="Edit this row").get_attribute("href")
    assert edit.endswith(f"/edit/main/datapackage/{table}.csv")
    view = page.locator(".la-contribute a[href*='/blob/']").get_attribute("href")
    assert view.endswith(f"/blob/main/datapackage/{table}.csv#L{line}")
    report = urlparse(page.get_by_role("link", name="Report an error").get_attribute("href"))
    assert report.path.endswith("/issues/new")
    assert key in parse_qs(report.query)["title"][0]
    repo = re.search(r"^repo_url:\s*(\S+)", (PACKAGE.parent.parent / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    assert edit.startswith(repo + "/") and view.startswith(repo + "/")


# --- accessibility -------------------------------------------------------------------------------------

CONTRAST = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number).concat(m.length < 4 ? [1] : []) : [0, 0, 0, 0]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  // A translucent colour is painted as whole channel values: blended and rounded, as the screen (and axe) has it.
  const over = (top, bottom) => top.slice(0, 3).map((v, i) => Math.round(v * top[3] + bottom[i] * (1 - top[3]))).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== 'none' && !style.backgroundImage.startsWith('url')) return null;
      const c = parse(style.backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const visible = el => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
    }
    return r.right > 0 && r.bottom > 0 && r.left < innerWidth;
  };
  const alpha = el => { let a = 1; for (let e = el; e; e = e.parentElement) a *= Number(getComputedStyle(e).opacity); return a; };
  const failures = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const control = el.matches('input, select, button');
    if ((!own && !control) || el.closest('svg') || !visible(el)) continue;
    const style = getComputedStyle(el);
    const bg = background(el);
    if (!bg) continue;
    const fg = parse(style.color); fg[3] *= alpha(el);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const text = ratio(over(fg, bg), bg);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const name = (el.tagName + '.' + el.className + ' ' + (el.textContent || el.value || '').trim().slice(0, 30));
    if (text < needed - 0.005 && !seen.has(name)) { seen.add(name); failures.push(name + ' ' + text.toFixed(2)); }
    if (control && el.matches('input, select')) {
      const border = parse(style.borderTopColor);
      const edge = ratio(over(border, bg), background(el.parentElement) || bg);
      if (edge < 3 && !seen.has('border ' + name)) { seen.add('border ' + name); failures.push('border of ' + name + ' ' + edge.toFixed(2)); }
    }
  }
  return failures;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["home", "missions", "mission", "person", "data", "reference", "disputes"])
def test_text_and_controls_meet_wcag_aa_contrast(real_server, open_page, name, scheme):
    page = open_page(real_server.url + PAGE_TYPES[name], 1280, scheme)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    assert page.evaluate(CONTRAST) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_home_buttons_meet_contrast_on_hover(real_server, open_page, scheme):
    page = open_page(real_server.url, 1280, scheme)
    page.locator(".la-actions .md-button").nth(1).hover()
    page.wait_for_timeout(400)  # Material fades the colours in over 125 ms
    assert page.evaluate(CONTRAST) == []


@pytest.mark.parametrize("name", ["home", "missions", "mission", "timeline", "data"])
def test_every_page_has_a_skip_link_first(real_server, open_page, name):
    page = open_page(real_server.url + PAGE_TYPES[name])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.textContent.trim()]")
    assert focused == [True, "Skip to content"]
    box = page.evaluate("(({top, height}) => [top, height])(document.activeElement.getBoundingClientRect())")
    assert box[0] >= 0 and box[1] > 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#la-main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), "the next Tab lands in the page's content"



@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_filter_field_shows_a_focus_ring(real_server, open_page, scheme):
    page = open_page(real_server.url + "missions/", 1280, scheme)
    field = page.locator("input.la-filter")
    field.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('la-filter')")
    style = field.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert style[0] != "none" and style[1] >= 2, style
    ring = page.evaluate("""() => {
      const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = c => c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const [a, b] = [lum(rgb(getComputedStyle(document.activeElement).outlineColor)),
                      lum(rgb(getComputedStyle(document.querySelector('.md-main')).backgroundColor === 'rgba(0, 0, 0, 0)'
                          ? getComputedStyle(document.body).backgroundColor : getComputedStyle(document.querySelector('.md-main')).backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    assert ring >= 3, f"the focus ring is {ring:.2f}:1 against the page"


@pytest.mark.parametrize("query,table,field,value", [("Soviet Union", "missions", "country", "SU"), ("Sample return", "missions", "mission_type", "sample-return")])
def test_site_search_finds_rows_by_their_labels(real_server, page, query, table, field, value):
    from test_site_browser import search

    results = search(page, real_server, query)
    keys = {m["mission_id"] for m in MISSIONS if m[field] == value}
    found = [r for r in results if "/missions/" in r and r.split("/missions/")[1].split("/")[0] in keys]
    assert found, f"searching {query!r} finds no mission whose {field} is {value}: {len(results)} results {results}"


def test_the_decade_charts_text_is_readable_on_a_phone(real_server, open_page):
    page = open_page(real_server.url, 390)
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg[id^="chart-decades"]')].flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
          .map(t => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]); })""")
    assert len(sizes) > 10
    small = [(text, round(size, 1)) for text, size in sizes if size < 10.95]
    assert small == [], "chart text under 11 px at 390 px"


def test_the_decade_axis_shows_every_decade(real_server, open_page):
    page = open_page(real_server.url)
    from lunar_atlas.humanize import year_of

    years = [year_of(m["launch_date"]) for m in MISSIONS if m["launch_date"]]
    expected = [f"{d}s" for d in range(min(years) // 10 * 10, max(years) // 10 * 10 + 10, 10)]
    labels = page.locator("#chart-decades-countries .axis.x text").all_text_contents()
    assert [t.strip() for t in labels if t.strip()] == expected
