"""The real package builds a strict site: a page for every row, every page reachable, no broken link."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from lunar_atlas.labels import categories

from conftest import PACKAGE
from hostile import field_of

PAGE_TABLES = ["missions", "people", "organizations", "places", "sources"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_of(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points at; None for an external link."""
    parsed = urlparse(link)
    if parsed.scheme or parsed.netloc or link.startswith("mailto:"):
        return None
    base = "/" + str(page.relative_to(site)).replace("\\", "/")
    resolved = urlparse(urljoin(base, link))
    path = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, resolved.fragment


def test_every_row_has_its_page(real_site):
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] not in PAGE_TABLES:
            continue
        key = resource["schema"]["primaryKey"][0]
        import csv
        with (PACKAGE.parent / resource["path"]).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert (real_site / resource["name"] / row[key] / "index.html").is_file(), f"{resource['name']}/{row[key]} has no page"


def test_every_page_is_reachable_from_the_home_page(real_site):
    seen, queue = set(), [real_site / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        for link in parse(page).links:
            target = target_of(real_site, page, link)
            if target and target[0].suffix == ".html":
                queue.append(target[0])
    # A renamed row's old address is kept for links from elsewhere (a redirect to its new page); nothing here links to it.
    redirects = {p for p in pages(real_site) if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")[:2000]}
    unreachable = [str(p.relative_to(real_site)) for p in pages(real_site) if p not in seen | redirects and p.name != "404.html"]
    assert unreachable == []


def test_no_broken_internal_links_or_anchors(real_site):
    parsed = {page: parse(page) for page in pages(real_site)}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            target = target_of(real_site, page, link)
            if target is None:
                continue
            path, anchor = target
            if not path.exists():
                broken.append(f"{page.relative_to(real_site)} → {link}")
            elif anchor and path.suffix == ".html" and anchor not in (parsed[path] if path in parsed else parse(path)).ids:
                broken.append(f"{page.relative_to(real_site)} → {link} (no #{anchor})")
    assert broken == []


class _IndexAttributes(HTMLParser):
    """An index page's filters (name → the column they match, or None) and its rows' data attributes."""

    def __init__(self):
        super().__init__()
        self.choices: dict[str, str | None] = {}
        self.rows: list[set[str]] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and "la-choice" in (attrs.get("class") or ""):
            self.choices[attrs["name"]] = attrs.get("data-column")
        self.in_body = self.in_body or tag == "tbody"
        if tag == "tr" and self.in_body:
            self.rows.append({name.removeprefix("data-") for name in attrs if name.startswith("data-")})


def test_a_choice_shown_as_a_column_is_not_repeated_on_every_row(real_site):
    for table in ("missions", "organizations", "places", "sources/press"):
        index = _IndexAttributes()
        index.feed((real_site / table / "index.html").read_text(encoding="utf-8"))
        in_columns = {name for name, column in index.choices.items() if column is not None}
        assert in_columns and index.rows, f"{table}: an index with filters over its columns"
        for attributes in index.rows:
            assert not attributes & in_columns, f"{table}: a row repeats {sorted(attributes & in_columns)}"
            assert set(index.choices) - in_columns <= attributes, f"{table}: a row lacks a filter's value"


def test_downloads_are_the_package_files_byte_for_byte(real_site):
    for path in PACKAGE.parent.iterdir():
        if path.suffix in (".csv", ".json"):
            assert (real_site / "data" / path.name).read_bytes() == path.read_bytes(), path.name


def test_reference_pages_document_every_field(real_site):
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        ids = parse(real_site / "reference" / resource["name"] / "index.html").ids
        missing = [f["name"] for f in resource["schema"]["fields"] if f["name"] not in ids]
        assert missing == [], f"reference/{resource['name']} lacks {missing}"


def test_every_backed_fact_on_a_mission_page_has_a_marker(real_site):
    import csv
    with (PACKAGE.parent / "claims.csv").open(encoding="utf-8") as handle:
        claimed = {(c["row_id"], c["column"]) for c in csv.DictReader(handle) if c["table"] == "missions"}
    for mission_id in {row_id for row_id, _ in claimed}:
        html = (real_site / "missions" / mission_id / "index.html").read_text(encoding="utf-8")
        fields = html[html.index('<dl class="la-fields">'):]
        fields = fields[:fields.index("</dl>")]
        count = sum(1 for row_id, _ in claimed if row_id == mission_id)
        assert fields.count('<details class="la-claims') == count, mission_id


def test_navigation_lists_index_pages_only(real_site):
    """MkDocs renders the navigation into every page; it must not grow with the rows."""
    html = (real_site / "missions" / "change-6" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[:nav.index("</nav>")]
    assert "missions/change-5/" not in nav and "people/james-head/" not in nav


@pytest.mark.parametrize("page,tab", [("missions/apollo-11/", "Missions"), ("timeline/1960s/", "Timeline"), ("quotes/1960s/", "Quotes"),
                                      ("quotes/armstrong-a11-one-small-step-nasa-tec/", "Quotes"), ("sources/press/", "Sources"),
                                      ("people/james-head/", "People"), ("quotes/", "Quotes"), ("disputes/", "About"), ("", "Home")])
def test_every_page_marks_the_tab_of_its_section(real_site, page, tab):
    """Pages the navigation does not list (a row's page, a decade, a tier) mark their section's tab as the listed do."""
    html = (real_site / page / "index.html").read_text(encoding="utf-8")
    active = re.findall(r'<li class="md-tabs__item md-tabs__item--active">\s*<a [^>]*>\s*(.*?)\s*</a>', html, flags=re.S)
    assert active == [tab]


def test_the_changelog_gives_each_released_version_a_page_of_its_own(real_site):
    """The changelog's page keeps what is not yet released and links each version's page, which holds its notes."""
    from lunar_atlas.changelog import VERSION

    text = (Path(__file__).parents[1] / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = [m["version"] for m in VERSION.finditer(text)]
    first = (real_site / "about" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert versions and "Unreleased" in first
    for version in versions:
        page = (real_site / "about" / "changelog" / version / "index.html").read_text(encoding="utf-8")
        assert f'href="{version}/"' in first and f"<h1" in page and f"Changelog: {version}" in page
        assert 'href="../"' in page, "a version's page leads back to the changelog"
    released = text[text.index(f"## {versions[-1]}"):].split("\n")
    last = (real_site / "about" / "changelog" / versions[-1] / "index.html").read_text(encoding="utf-8")
    assert any(line in last for line in released if len(line) > 60), "the oldest version's notes are on its page"
    assert all(line not in first for line in released if len(line) > 60), "a released version's notes are on its page only"


def test_a_long_changelog_section_list_gives_each_section_a_page(real_site):
    """Past a budget, what a version (or the unreleased part) changed goes on a page per section (Data, Tools, Site),
    which the changelog links with its count of changes: no changelog page outgrows the weight a page may have."""
    from lunar_atlas.changelog import changelog_pages

    notes = "\n".join(f"- Change {n}: " + "words " * 40 for n in range(300))
    text = f"# Changelog\n\nIntro.\n\n## Unreleased\n\n### Data\n{notes}\n\n### Site\n- One change.\n\n## 1.0.0 — 2026-12-01\n\n### Data\n- Old.\n"
    pages = dict(changelog_pages(text))
    assert set(pages) == {"about/changelog.md", "about/changelog/unreleased/data.md", "about/changelog/unreleased/site.md",
                          "about/changelog/1.0.0.md"}
    first = pages["about/changelog.md"]
    assert "- [Data](changelog/unreleased/data.md): 300 changes" in first and "- [Site](changelog/unreleased/site.md): 1 change" in first
    assert "Change 1:" not in first and "Change 299:" in pages["about/changelog/unreleased/data.md"]
    assert "# Changelog: Unreleased — Data" in pages["about/changelog/unreleased/data.md"]
    assert "](../../changelog.md)" in pages["about/changelog/unreleased/site.md"]
    assert "- Old." in pages["about/changelog/1.0.0.md"], "a short version keeps its sections on its page"
    html = (real_site / "about" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert len(gzip.compress(html.encode("utf-8"))) < 30 * 1024, "the real changelog's first page stays light"


def test_a_changelog_without_a_release_is_one_page():
    from lunar_atlas.changelog import changelog_pages

    assert changelog_pages("# Changelog\n\n## Unreleased\n\n- A change.\n") == [("about/changelog.md", "# Changelog\n\n## Unreleased\n\n- A change.\n")]
    assert changelog_pages("") == []


def test_materials_own_search_index_holds_no_page_and_the_worker_is_the_sites(real_site):
    """Material fetches its search index on every page view: search answers from the split index in search/atlas/."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    html = (real_site / "missions" / "change-6" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../../assets/javascripts/atlas-search.js"' in html
    assert (real_site / "assets" / "javascripts" / "atlas-search.js").is_file()
    manifest = json.loads((real_site / "search" / "atlas" / "manifest.json").read_text(encoding="utf-8"))
    assert (real_site / "search" / "atlas" / "t" / f"{manifest['buckets'] - 1}.json").is_file()


def _sources_listed(page: Path) -> list[str]:
    """The shown names of the sources in a page's Sources field."""
    import re
    html = page.read_text(encoding="utf-8")
    field = re.search(r"<dt[^>]*>Sources</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return [re.sub(r"<[^>]+>", "", name) for name in re.findall(r"<a [^>]*>(.*?)</a>", field.group(1))] if field else []


def test_two_sources_of_one_publisher_are_told_apart_on_every_mission_page(real_site):
    for page in sorted((real_site / "missions").glob("*/index.html")):
        names = _sources_listed(page)
        assert len(names) == len(set(names)), f"{page.parent.name} lists two sources alike: {names}"
    assert len(_sources_listed(real_site / "missions" / "luna-5" / "index.html")) >= 2


def test_sources_show_their_tier_and_where_a_copy_was_read(real_site, descriptor):
    luna_5 = (real_site / "missions" / "luna-5" / "index.html").read_text(encoding="utf-8")
    assert luna_5.count('class="la-badge la-tier la-tier-') == luna_5.count("<q>"), "every claim shows its source's tier"
    tiers = categories(field_of(descriptor, "sources", "tier")).values()
    assert all(name.endswith(tuple(f"({label.lower()})" for label in tiers))
               for name in _sources_listed(real_site / "missions" / "luna-5" / "index.html"))
    copy = (real_site / "sources" / "wp-luna-18" / "index.html").read_text(encoding="utf-8")
    for words in ("Reliability", "Reference work", "Read in a copy at", "https://en.wikipedia.org/wiki/Luna_18"):
        assert words in copy


def test_the_sources_page_says_what_kinds_of_source_each_tier_holds(real_site):
    import csv
    from collections import Counter

    with (PACKAGE.parent / "sources.csv").open(encoding="utf-8") as handle:
        sources = list(csv.DictReader(handle))
    html = (real_site / "sources" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<span class="la-quiet">Kind: ([^<]+)</span>', html)
    assert len(lines) == len({s["tier"] for s in sources})
    for line, tier in zip(lines, ("primary", "reference", "press", "unreliable")):
        shown = [int(count) for count in re.findall(r"\((\d+)\)", line)]
        assert sorted(shown) == sorted(Counter(s["kind"] for s in sources if s["tier"] == tier).values()), (tier, line)


def test_a_source_page_links_its_tier_to_the_list_of_that_tier(real_site):
    page = (real_site / "sources" / "cnn-2024-06-25-change-6-returns" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../press/">Established press</a>' in page
    assert (real_site / "sources" / "press" / "index.html").is_file()


def test_a_source_page_says_which_rows_cite_it(real_site):
    """The rows whose list of sources names this one are headed as what it is cited for, not "by sources"."""
    page = (real_site / "sources" / "cnn-2024-06-25-change-6-returns" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Missions it is cited for</h2>" in page and "by sources" not in page


def test_a_place_page_heads_the_places_within_it_in_words(real_site):
    """A table that refers to itself reads as a phrase ("Places within it"), not as a column ("Places by within")."""
    page = (real_site / "places" / "lunar-south-pole" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Places within it</h2>" in page and "by within" not in page


def test_the_disputed_facts_page_says_why_each_value_lost(real_site):
    html = (real_site / "disputes" / "index.html").read_text(encoding="utf-8")
    assert html.count("Not shown:") >= html.count("la-disputed") > 0


def test_each_disputed_fact_is_headed_by_its_row_and_its_columns_title(real_site, descriptor):
    html = (real_site / "disputes" / "index.html").read_text(encoding="utf-8")
    titles = {f["title"] for r in descriptor["resources"] for f in r["schema"]["fields"]}
    shown = re.findall(r'<h2><a href="[^"]+">[^<]+</a> <span class="la-quiet">· ([^<]+)</span></h2>', html)
    assert shown and set(shown) <= titles, set(shown) - titles
    assert "COSPAR ID" in shown, "a column's title as the descriptor writes it: an acronym stays in capitals"


def test_a_column_named_inside_a_sentence_keeps_its_acronyms(real_site):
    """A source's page lists the facts it supports as "Mission — column: value"; a title that starts with an acronym
    (COSPAR ID) is not lowered into a code-like "cospar id", while an ordinary one reads in lower case."""
    html = (real_site / "sources" / "wp-de-luna-12" / "index.html").read_text(encoding="utf-8")
    facts = re.findall(r"</a> — ([^:<]+): <strong>", html)
    assert "COSPAR ID" in facts and "launch vehicle" in facts, facts
    assert "cospar id" not in facts


def test_a_fact_a_source_supports_reads_in_words(real_site):
    """The facts on a source's page name an organization, not its ID, and write a number as a reader reads it."""
    def facts(source_id):
        html = (real_site / "sources" / source_id / "index.html").read_text(encoding="utf-8")
        return dict(re.findall(r"</a> — ([^:<]+): <strong>([^<]*)</strong>", html))
    assert facts("nssdca-2020-087a")["operator"] == "China National Space Administration"
    assert facts("cas-2020-top-achievements-change-5")["sample mass (g)"] == "1,731"


def test_a_yes_or_no_reads_as_a_word_in_a_list_of_values(real_site):
    """A boolean reads "Yes" or "No", as the values beside it read "Crewed landing" and "Success", on the page and in
    the missions' filter."""
    page = (real_site / "missions" / "apollo-11" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">Crewed</dt>\s*<dd>Yes</dd>", page), "Apollo 11's Crewed value"
    page = (real_site / "missions" / "luna-9" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">Crewed</dt>\s*<dd>No</dd>", page), "Luna 9's Crewed value"
    index = (real_site / "missions" / "index.html").read_text(encoding="utf-8")
    crewed = re.search(r'<select[^>]*name="crewed".*?</select>', index, re.S).group(0)
    assert re.findall(r'data-words="([^"]+)"', crewed) == ["Yes", "No"], crewed


def test_a_mission_of_twin_craft_tells_their_events_on_its_timeline(real_site):
    """GRAIL's row is the mission's, Ebb's and Flow's are the craft's: the mission's page lists the craft, and its
    timeline the craft's orbit insertions and impacts, each naming its craft; a craft's page keeps its own."""
    page = (real_site / "missions" / "grail" / "index.html").read_text(encoding="utf-8")
    timeline = page[page.index("<h2>Timeline</h2>"):]
    timeline = timeline[:timeline.index("<h2>", 5)]
    for title in ("GRAIL (Ebb and Flow) launches", "Ebb impacts near Goldschmidt crater", "Flow impacts near Goldschmidt crater"):
        assert title in timeline, title
    assert 'href="../grail-ebb/"' in timeline and 'href="../grail-flow/"' in timeline
    assert re.search(r'<dt>Craft</dt>\s*<dd><a href="../grail-ebb/">Ebb \(GRAIL-A\)</a>, <a href="../grail-flow/">Flow \(GRAIL-B\)</a></dd>', page), \
        "the key facts name the mission's craft"
    craft = (real_site / "missions" / "grail-flow" / "index.html").read_text(encoding="utf-8")
    assert "Flow impacts near Goldschmidt crater" in craft and "Ebb impacts" not in craft
