"""A row's Wikipedia article: a title taken only from an English Wikipedia article the row cites, linked from its page
and its JSON-LD, whatever the descriptor a pull request sends."""

from __future__ import annotations

import csv
import json
import re

import yaml

from conftest import PACKAGE, copy_minimal, run_cli
from hostile import descriptor, field_of, replace
from lunar_atlas.catalog import load_catalog
from lunar_atlas.checks.wikipedia_rules import article_title
from lunar_atlas.render import Renderer

WIKI_SOURCE = ("test-wiki,Test Lander,test-agency,,https://en.wikipedia.org/wiki/{slug},,,,2026-11-24,,encyclopedia,"
               "reference,\n")


def _with_article(tmp_path, title: str, slug: str, cite: bool = True):
    """The minimal package whose mission gives `title` as its article, and cites (or not) an article at `slug`."""
    folder = copy_minimal(tmp_path / "package")
    with (folder / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(WIKI_SOURCE.format(slug=slug))
    quoted = '"' + title.replace('"', '""') + '"'
    replace("missions.csv", ",Q405,,A fictional", f",Q405,{quoted},A fictional")(folder, None)
    if cite:
        replace("missions.csv", "mission for tests.,test-report,", "mission for tests.,test-report;test-wiki,")(folder, None)
    return folder


def _page(folder) -> str:
    catalog = load_catalog(folder / "datapackage.json")
    return Renderer(catalog).entity("missions", catalog.get("missions", "test-lander"), "missions/test-lander.md")


def test_an_article_address_gives_its_title():
    assert article_title("https://en.wikipedia.org/wiki/Chang%27e_6") == "Chang'e 6"
    assert article_title("https://de.wikipedia.org/wiki/Chang%27e_6") is None, "English Wikipedia only"
    assert article_title("https://en.wikipedia.org/w/index.php?title=Chang%27e_6") is None


def test_a_cited_article_is_linked_from_the_page_and_its_json_ld(tmp_path):
    folder = _with_article(tmp_path, "Test Lander", "Test_Lander")
    result = run_cli("validate", str(folder / "datapackage.json"))
    assert result.returncode == 0, result.stdout
    page = _page(folder)
    assert 'href="https://en.wikipedia.org/wiki/Test%20Lander"' in page
    ld = json.loads(yaml.safe_load(page.split("---\n", 2)[1])["jsonld"])
    assert ld["sameAs"] == ["https://www.wikidata.org/wiki/Q405", "https://en.wikipedia.org/wiki/Test_Lander"]


def test_an_article_the_row_does_not_cite_is_reported_by_file_row_and_column(tmp_path):
    folder = _with_article(tmp_path, "Apollo 11", "Test_Lander")
    result = run_cli("validate", str(folder / "datapackage.json"))
    assert result.returncode == 1
    assert re.search(r'missions\.csv:2:wikipedia\s+wikipedia-read\s+"Apollo 11" — the title of an English Wikipedia '
                     r'article the row cites in source_ids', result.stdout), result.stdout


def test_an_article_read_only_by_another_row_is_not_this_rows(tmp_path):
    folder = _with_article(tmp_path, "Test Lander", "Test_Lander", cite=False)
    replace("places.csv", "landing-site,-41.5,-153.5,,test-basin,,,test-report,", "landing-site,-41.5,-153.5,,test-basin,,,test-report;test-wiki,")(folder, None)
    result = run_cli("validate", str(folder / "datapackage.json"))
    assert result.returncode == 1 and "missions.csv:2:wikipedia" in result.stdout, result.stdout


def test_markup_in_a_title_stays_text_and_its_link_stays_on_wikipedia(tmp_path):
    """With the pattern removed from the descriptor, a title made of markup is still read from a cited article, shown
    as text and quoted into an address on Wikipedia."""
    title = '"><script>alert(1)</script>'
    folder = _with_article(tmp_path, title, "%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
    descriptor(lambda data, listener: field_of(data, "missions", "wikipedia")["constraints"].pop("pattern"))(folder, None)
    result = run_cli("validate", str(folder / "datapackage.json"))
    assert result.returncode == 0, result.stdout
    page = _page(folder)
    assert "<script>alert(1)</script>" not in page
    assert 'href="https://en.wikipedia.org/wiki/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E"' in page


def test_a_craft_takes_no_article_of_its_mission_and_a_mission_takes_its_own():
    """Over the real package: Ebb cites GRAIL's article, which is the mission's, not the craft's."""
    with (PACKAGE.parent / "missions.csv").open(encoding="utf-8", newline="") as handle:
        articles = {row["mission_id"]: row["wikipedia"] for row in csv.DictReader(handle)}
    assert articles["change-6"] == "Chang'e 6" and articles["grail"] == "GRAIL"
    assert articles["grail-ebb"] == "" and articles["apollo-11-eagle"] == "" and articles["selene-okina"] == ""
