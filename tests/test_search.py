"""Search as readers use it: the query set, typed into Material's search dialog on the built real site in Chromium.

The first result is what the Enter key opens: the best-scored link of the first item in the list.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# query -> the page (or quote, event) expected first
QUERY_SET = {
    # names
    "Chang'e-6": "missions/change-6/",
    "Apollo 11": "missions/apollo-11/",
    "Apollo 17": "missions/apollo-17/",
    "Luna 9": "missions/luna-9/",
    "Luna 24": "missions/luna-24/",
    "Chandrayaan-3": "missions/chandrayaan-3/",
    "SLIM": "missions/slim/",
    "Beresheet": "missions/beresheet/",
    "Danuri": "missions/danuri/",
    "Lunar Prospector": "missions/lunar-prospector/",
    "Artemis II": "missions/artemis-2/",
    "Ranger 7": "missions/ranger-7/",
    "Surveyor 1": "missions/surveyor-1/",
    "LCROSS": "missions/lcross/",
    "Kaguya": "missions/selene-kaguya/",
    # native names
    "嫦娥六号": "missions/change-6/",
    "嫦娥四号": "missions/change-4/",
    "Луна-25": "missions/luna-25/",
    "かぐや": "missions/selene-kaguya/",
    "다누리": "missions/danuri/",
    "चंद्रयान-3": "missions/chandrayaan-3/",
    "小型月着陸実証機": "missions/slim/",
    # near misses: a letter, a space, a hyphen
    "Chandrayan": "missions/chandrayaan-1/",
    "Change6": "missions/change-6/",
    "Change 6": "missions/change-6/",
    "Chang e 6": "missions/change-6/",
    "Lunokod": "missions/lunokhod-1/",
    "Apolo 11": "missions/apollo-11/",
    "Luna9": "missions/luna-9/",
    "Chandrayaan 3": "missions/chandrayaan-3/",
    # near misses: another form of the word (the data says "landed", the reader types "landing")
    "SLIM landing": "missions/slim/",
    "Luna 9 landed": "missions/luna-9/",
    "Apollo 11 landings": "missions/apollo-11/",
    # numbers as Roman numerals or digits, whichever the name has
    "Apollo XI": "missions/apollo-11/",
    "Artemis 2": "missions/artemis-2/",
    # phrases from quotes
    "then there's rocket fuel": "quotes/bill-nelson-south-pole-concern/",
    "frozen record": "quotes/james-head-cornerstone/",
    "eternal dream": "quotes/xi-jinping-eternal-dream/",
    "complete success": "quotes/zhang-kejian-complete-success/",
    "3-D printing bricks": "quotes/yuqi-qian-3d-printing-bricks/",
    "benefit all mankind": "quotes/china-benefit-all-mankind/",
    # topics
    "far side": "places/moon-far-side/",
    "sample return": "missions/luna-16/",
    "south pole": "places/lunar-south-pole/",
    "crewed landing": "missions/china-crewed-lunar-landing/",
    # a short summary that is all about the query before a long one that mentions its words
    "first far side landing": "missions/change-4/",
    # people by name and surname
    "Nelson": "people/bill-nelson/",
    "Head": "people/james-head/",
    "Xi Jinping": "people/xi-jinping/",
    "Qian": "people/yuqi-qian/",
    "McCarthy": "people/simone-mccarthy/",
    "Gene Cernan": "people/eugene-cernan/",
    "Edwin Aldrin": "people/buzz-aldrin/",
    # organizations and places
    "CNSA": "organizations/cnsa/",
    "NASA": "organizations/nasa/",
    "Von Karman": "places/von-karman-crater/",
    "Mare Tranquillitatis": "places/mare-tranquillitatis/",
    "Sea of Tranquility": "places/mare-tranquillitatis/",
    "Ocean of Storms": "places/oceanus-procellarum/",
    # a crewed landing by the site its lunar module landed at, and the lunar module by its name
    "Hadley landing": "missions/apollo-15/",
    "Tranquillitatis landing": "missions/apollo-11/",
    "lunar module Eagle": "missions/apollo-11-eagle/",
    # a country by its adjective (the descriptor's x-countryAdjectives)
    "Korean orbiter": "missions/danuri/",
    # lists
    "primary sources": "sources/primary/",
    "unreliable sources": "sources/unreliable/",
}
# a country's adjective with a kind of craft -> a mission expected among the first five
BY_COUNTRY = {"Chinese rover": "missions/yutu-2/", "Japanese lander": "missions/slim/",
              "American crewed": "missions/apollo-11/", "Soviet rover": "missions/lunokhod-1/"}
TOPICS = ["far side", "sample return", "south pole", "crewed landing"]
KINDS = {"Mission", "Person", "Quote", "Organization", "Place", "Event", "Left out", "Page", "Source", "Reference"}


@pytest.fixture(scope="module")
def dialog(real_server, browser):
    """One page with the search dialog open; every query replaces the one before."""
    page = browser.new_page()
    page.goto(real_server.url)
    page.locator("input.md-search__input").click()
    yield page
    page.close()


def ask(page, query: str) -> list[dict]:
    """Type a query (Material reads the field on a key being released: End after the inserted text) and read the
    results once two reads a moment apart agree: each item's links with their scores, kinds and summaries."""
    field = page.locator("input.md-search__input")
    field.fill("")
    page.evaluate("document.querySelector('.md-search-result__list').innerHTML = ''")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item > a", timeout=15_000)
    items, previous = [], None
    for _ in range(20):
        items = page.locator(".md-search-result__item").evaluate_all("""items => items.map(li => ({
            links: [...li.querySelectorAll(':scope > a')].map(a => ({
                href: a.getAttribute('href'), score: parseFloat(a.firstElementChild.dataset.mdScore),
                title: a.querySelector('h1, h2').textContent,
                kind: (a.querySelector('.la-search-kind') || {}).textContent || null,
                line: (a.querySelector('.la-search-line') || {}).textContent || null})) }))""")
        if items and items == previous:
            break
        previous = items
        page.wait_for_timeout(200)
    return items


def address(link: dict) -> str:
    """A result's page, as the site's root-relative address, without Material's highlight parameter."""
    return re.sub(r"\?h=[^#]*", "", link["href"]).split("://", 1)[-1].split("/", 1)[-1]


def best(item: dict) -> dict:
    return max(item["links"], key=lambda link: link["score"])


@pytest.mark.parametrize("query", QUERY_SET)
def test_search_puts_the_right_page_first(dialog, query):
    items = ask(dialog, query)
    shown = [address(best(item)) for item in items[:5]]
    assert shown[0] == QUERY_SET[query], f"{query!r} gave first {shown}"


@pytest.mark.parametrize("query", TOPICS)
def test_a_topic_lists_missions_among_the_first_results(dialog, query):
    kinds = [best(item)["kind"] for item in ask(dialog, query)[:8]]
    assert "Mission" in kinds[:4] and kinds.count("Mission") >= 4, f"{query!r}: {kinds}"


@pytest.mark.parametrize("query", BY_COUNTRY)
def test_a_country_adjective_finds_that_countrys_missions(dialog, query):
    shown = [address(best(item)) for item in ask(dialog, query)[:5]]
    assert BY_COUNTRY[query] in shown, f"{query!r} gave first {shown}"


@pytest.mark.parametrize("query,people", [("American astronaut", 5), ("Soviet cosmonaut", 1), ("Israeli president", 2)])
def test_a_nationality_and_a_role_find_people_first(dialog, query, people):
    """A person's role is what they are, as a mission's type is: it outweighs a summary that mentions the word."""
    kinds = [best(item)["kind"] for item in ask(dialog, query)[:people]]
    assert kinds == ["Person"] * people, f"{query!r}: {kinds}"


@pytest.mark.parametrize("query,first", [("Indian Moon lander", "missions/chandrayaan-2-vikram/"),
                                         ("Israeli Moon lander", "missions/beresheet/"),
                                         ("Surveyor 3 camera", "missions/surveyor-3/")])
def test_a_word_every_page_implies_does_not_hide_a_page_that_omits_it(dialog, query, first):
    """Few documents have every word: the commonest ("Moon", in a Moon atlas) then only ranks, so the Vikram lander,
    whose page never says "Moon", is still found, after the documents with every word; where still none has the
    rest, the documents with the most of the words come first."""
    shown = [address(best(item)) for item in ask(dialog, query)[:5]]
    assert first in shown, f"{query!r} gave first {shown}"


def test_a_mission_and_a_word_for_its_crew_find_the_crew(dialog):
    """A person is looked for by the missions they flew and their seat: Apollo 17's command module pilot, whose page
    quotes nothing and names the mission only in the crew list, is found with the two who walked on the Moon."""
    shown = [address(best(item)) for item in ask(dialog, "Apollo 17 astronauts")[:3]]
    assert sorted(shown) == ["people/eugene-cernan/", "people/harrison-schmitt/", "people/ronald-evans/"], shown


def test_a_year_finds_the_missions_launched_in_it(dialog):
    """"Moon landing 1969" opens Apollo 11, whose page gives the year only in its dates."""
    shown = [address(best(item)) for item in ask(dialog, "moon landing 1969")[:5]]
    assert shown[0] == "missions/apollo-11/", shown


def test_a_speech_is_found_by_its_speaker_and_the_word_speech(dialog):
    """A quote's setting says "Address at Rice University"; a reader asks for "Kennedy speech"."""
    shown = [address(best(item)) for item in ask(dialog, "Kennedy speech")[:3]]
    assert shown and all(page.startswith("quotes/kennedy-rice-") for page in shown), shown


def test_a_landing_is_found_by_the_region_its_site_lies_in(dialog):
    """Chandrayaan-3's page names its site, Statio Shiv Shakti, which lies in the lunar south pole region: "south
    pole landing" finds it, and IM-1 (Malapert A, in the same region), among the first results."""
    shown = [address(best(item)) for item in ask(dialog, "south pole landing")[:5]]
    assert "missions/chandrayaan-3/" in shown and "missions/im-1/" in shown, shown


@pytest.mark.parametrize("query,expected", [("Israel moon", "missions/beresheet/"), ("moon water", "missions/lcross/"),
                                            ("first man on the moon", "missions/apollo-11/"),
                                            ("first manned landing", "missions/apollo-11/")])
def test_a_word_most_pages_have_only_ranks(dialog, query, expected):
    """"Moon" is on a fifth of the site's pages, and every mission went to the Moon though its page may say "lunar":
    a query's word that a tenth of all documents have narrows nothing, and a mission counts as having "Moon" and
    "lunar"; a crewed mission is also found by the older word "manned"."""
    shown = [address(best(item)) for item in ask(dialog, query)[:5]]
    assert expected in shown, f"{query!r} gave {shown}"


def test_a_roman_numeral_alone_is_a_word_not_a_number(dialog):
    """"Apollo XI" finds Apollo 11, but "Xi" alone is Xi Jinping's name: no mission numbered 11 joins the results."""
    titles = [best(item)["title"] for item in ask(dialog, "Xi")]
    assert titles[0] == "Xi Jinping" and not any(re.search(r"\b11\b", title) for title in titles), titles


@pytest.mark.parametrize("query", ["Chang'e-6", "Nelson", "frozen record", "Apollo", "far side", "NSSDCA"])
def test_every_result_shows_a_title_a_kind_and_a_summary(dialog, query):
    items = ask(dialog, query)
    assert items
    for item in items:
        link = best(item)
        assert link["title"].strip(), link
        assert link["kind"] in KINDS, link
        summary = link["line"].removeprefix(link["kind"]).strip()
        assert summary, f"{link['title']!r} has no summary"
        assert not re.search(r"\b[a-z0-9]+(-[a-z0-9]+){2,}\b", summary), f"a raw ID in {summary!r}"


def test_missions_and_people_come_before_sources_for_their_names(dialog):
    for query in ["Chang'e-4", "McCarthy", "Apollo 11"]:
        kinds = [best(item)["kind"] for item in ask(dialog, query)]
        assert kinds[0] in ("Mission", "Person"), f"{query!r}: {kinds}"
        assert "Source" in kinds, f"{query!r}: sources are still found, after ({kinds})"


@pytest.mark.parametrize("query", ["Ranger 1", "BioSentinel", "XRISM"])
def test_a_craft_the_catalog_leaves_out_is_found_with_the_reason(dialog, real_server, query):
    items = ask(dialog, query)
    first = best(items[0])
    assert first["kind"] == "Left out" and query in first["title"], f"{query!r} gave first {first}"
    assert first["line"].removeprefix("Left out").strip().startswith("Not in the catalog."), first
    assert address(first) == "about/#left-out"
    dialog.goto(real_server.url + "about/")
    assert dialog.locator("#left-out").inner_text().startswith("Left out:"), "the link lands on the list of craft left out"


def test_enter_opens_the_first_result(dialog, real_server):
    ask(dialog, "Lunokod")
    dialog.keyboard.press("Enter")
    dialog.wait_for_url("**/missions/lunokhod-1/**")
    assert dialog.locator("article h1").inner_text() == "Lunokhod 1"
    dialog.goto(real_server.url)
    dialog.locator("input.md-search__input").click()
