"""Crews and quotes over the real package: every crew complete and shown, every quote attributed, dated and paged."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from html import unescape

import pytest

from conftest import PACKAGE

# Missions that carried people beyond Earth orbit, by the descriptor's own mission types.
BEYOND_EARTH_ORBIT = {"crewed-flyby", "crewed-orbiter", "crewed-landing"}
FLOWN = {"success", "partial-success", "failure"}


def rows(table: str) -> list[dict]:
    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CREW = rows("crew")
QUOTES = rows("quotes")
MISSIONS = {m["mission_id"]: m for m in rows("missions")}
# A crew flies a mission: a lunar module's crew is its mission's (the craft's row names the mission in parent_id).
FLOWN_BEYOND_EARTH_ORBIT = [m for m in MISSIONS.values() if m["crewed"] == "true" and not m["parent_id"]
                            and m["mission_type"] in BEYOND_EARTH_ORBIT and m["outcome"] in FLOWN]


def landed(mission: dict) -> bool:
    """The mission landed, itself or by a craft of its own (Apollo 11, by its lunar module Eagle)."""
    return bool(mission["landing_date"]) or any(craft["parent_id"] == mission["mission_id"] and craft["landing_date"]
                                                for craft in MISSIONS.values())


def test_the_crewed_flights_beyond_earth_orbit_are_in_the_catalog():
    """Apollo 8 and 10 to 17 and Artemis II: the flights the crews table must cover."""
    expected = {f"apollo-{n}" for n in (8, 10, 11, 12, 13, 14, 15, 16, 17)} | {"artemis-2"}
    assert expected <= {m["mission_id"] for m in FLOWN_BEYOND_EARTH_ORBIT}


@pytest.mark.parametrize("mission", FLOWN_BEYOND_EARTH_ORBIT, ids=lambda m: m["mission_id"])
def test_every_crewed_mission_beyond_earth_orbit_has_a_crew(mission):
    crew = [c for c in CREW if c["mission_id"] == mission["mission_id"]]
    expected = 4 if mission["program"] == "Artemis" else 3
    assert len(crew) == expected, f"{mission['mission_id']} has {len(crew)} crew rows"
    assert sum(c["role"] == "commander" for c in crew) == 1


@pytest.mark.parametrize("mission", FLOWN_BEYOND_EARTH_ORBIT, ids=lambda m: m["mission_id"])
def test_moonwalkers_are_given_exactly_where_the_mission_landed(mission):
    walkers = [c["moonwalker"] for c in CREW if c["mission_id"] == mission["mission_id"]]
    if landed(mission):
        assert walkers.count("true") == 2 and walkers.count("") <= 1
    else:
        assert set(walkers) == {""}


def test_every_crew_fact_has_a_preferred_claim():
    claims = defaultdict(list)
    for claim in rows("claims"):
        claims[(claim["table"], claim["row_id"], claim["column"])].append(claim)
    for place in CREW:
        for column in ("role", "moonwalker"):
            if place[column]:
                preferred = [c for c in claims[("crew", place["crew_id"], column)] if c["preferred"] == "true"]
                assert [c["value"] for c in preferred] == [place[column]], (place["crew_id"], column)


@pytest.mark.parametrize("quote", QUOTES, ids=lambda q: q["quote_id"])
def test_every_quote_names_its_speaker_source_and_date(quote):
    """A direct quote is a named person's or organization's; an unnamed group ("experts") is only ever reported."""
    assert quote["source_id"]
    # A date as precise as the source gives it; where it gives none (not even its own date), the notes say so.
    assert quote["said_when"] or re.search(r"does not (say|give)", quote["notes"]), "a date, or notes saying why there is none"
    if quote["kind"] == "direct":
        assert quote["person_id"] or quote["organization_id"]
    else:
        assert quote["person_id"] or quote["organization_id"] or quote["attribution"]


# --- the site --------------------------------------------------------------------------------------


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_every_crew_member_has_a_page_listing_their_missions(real_site):
    names = {m["mission_id"]: m["name"] for m in MISSIONS.values()}
    for place in CREW:
        page = real_site / "people" / place["person_id"] / "index.html"
        assert page.is_file(), f"{place['person_id']} has no page"
        html = page.read_text(encoding="utf-8")
        assert f'id="{place["crew_id"]}"' in html and names[place["mission_id"]] in _text(html)


def test_every_mission_page_shows_its_crew_with_roles(real_site):
    for mission in FLOWN_BEYOND_EARTH_ORBIT:
        text = _text((real_site / "missions" / mission["mission_id"] / "index.html").read_text(encoding="utf-8"))
        assert "Crew" in text and "Commander" in text, mission["mission_id"]


def test_every_quote_has_a_page_with_its_source(real_site):
    for quote in QUOTES:
        html = (real_site / "quotes" / quote["quote_id"] / "index.html").read_text(encoding="utf-8")
        assert f'sources/{quote["source_id"]}/' in html


def _quotes_page_of(real_site, quote: dict) -> str:
    """The page of the quotes of the decade this one was said in (quotes/1960s/), or of the undated ones."""
    part = f"{quote['said_when'].lstrip('./')[:3]}0s" if quote["said_when"] else "undated"
    return (real_site / "quotes" / part / "index.html").read_text(encoding="utf-8")


def test_every_quote_is_listed_once_on_the_page_of_the_decade_it_was_said_in(real_site):
    pages = {path.parent.name: path.read_text(encoding="utf-8") for path in (real_site / "quotes").glob("*/index.html")
             if path.parent.name == "undated" or re.fullmatch(r"[0-9]{4}s", path.parent.name)}
    hub = (real_site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{part}/"' in hub for part in pages), "the quotes page links every decade's page"
    for quote in QUOTES:
        listed = [part for part, html in pages.items() if f'id="{quote["quote_id"]}"' in html]
        assert len(listed) == 1 and _quotes_page_of(real_site, quote) == pages[listed[0]], (quote["quote_id"], listed)


def test_the_quotes_pages_mark_every_paraphrase_and_partial_quote(real_site):
    for quote in QUOTES:
        figure = re.search(rf'<figure [^>]*id="{quote["quote_id"]}".*?</figure>', _quotes_page_of(real_site, quote), flags=re.S).group(0)
        badge = {"paraphrase": "paraphrase", "partial": "partial quote"}.get(quote["kind"])
        assert (f'la-kind-badge">{badge}<' in figure) if badge else "la-kind-badge" not in figure, quote["quote_id"]


def test_speakers_are_labelled_by_name_not_by_the_sources_wording(real_site):
    """Every link to a speaker reads as their name ("James Head"), never the source's wording ("Head", "he (Yuqi Qian)")."""
    people = {p["person_id"]: p["name"] for p in rows("people")}
    pages = list((real_site / "quotes").glob("*/index.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for person_id, text in re.findall(r'<a href="[^"]*people/([a-z0-9-]+)/">(.*?)</a>', html):
            assert unescape(text) == people[person_id], f"{page.relative_to(real_site)}: {text!r} links to {person_id}"
    for quote in QUOTES:
        if quote["person_id"] and "(" in quote["attribution"]:
            heading = f"{people[quote['person_id']]} ({quote['attribution']})"
            assert heading not in unescape(_quotes_page_of(real_site, quote))


def _a_crew_member_with_words() -> str:
    quoted = {q["person_id"] for q in QUOTES}
    return sorted(c["person_id"] for c in CREW if c["person_id"] in quoted)[0]


def test_a_person_page_lists_missions_and_quotes_in_the_browser(real_server, page):
    person = _a_crew_member_with_words()
    page.goto(real_server.url + f"people/{person}/")
    missions = page.locator("ul.la-crew > li")
    expected = [MISSIONS[c["mission_id"]]["name"] for c in CREW if c["person_id"] == person]
    assert missions.count() == len(expected)
    assert all(name in page.locator("ul.la-crew").inner_text() for name in expected)
    quotes = page.locator("figure.la-quote blockquote")
    words = [q for q in QUOTES if q["person_id"] == person]
    assert quotes.count() == len(words)
    assert words[0]["text"][:40] in page.locator("article").inner_text()


def test_a_nationality_shows_the_country_name(real_site):
    """Readers see "Canada", not the ISO code that the data holds."""
    person = next(p for p in rows("people") if p["nationality"] == "CA")
    html = (real_site / "people" / person["person_id"] / "index.html").read_text(encoding="utf-8")
    shown = html[html.index(">Nationality</dt>"):]
    shown = shown[:shown.index("</dd>")]
    assert "Canada" in shown and ">CA<" not in shown


@pytest.mark.parametrize("phrase,quote_id", [("Magnificent desolation", "aldrin-a11-magnificent-desolation"),
                                             ("there is a Santa Claus", "lovell-a8-there-is-a-santa-claus"),
                                             ("it winks at me", "dovgan-moon-winks-at-me")])
def test_searching_a_transcript_phrase_lands_on_its_quote_or_speaker(real_server, page, phrase, quote_id):
    from test_site_browser import search

    quote = next(q for q in QUOTES if q["quote_id"] == quote_id)
    first = search(page, real_server, phrase)[0]
    assert f"quotes/{quote_id}/" in first or f"people/{quote['person_id']}/" in first, first


def test_the_crew_reference_page_gives_each_role_its_label(real_site, descriptor):
    html = (real_site / "reference" / "crew" / "index.html").read_text(encoding="utf-8")
    role = next(f for r in descriptor["resources"] if r["name"] == "crew" for f in r["schema"]["fields"] if f["name"] == "role")
    for category in role["categories"]:
        assert f"<code>{category['value']}</code> {category['label']}" in html


def _claims_on_words() -> dict[str, list[dict]]:
    """The quotes whose words are claimed by more than one source, with those claims."""
    versions = defaultdict(list)
    for claim in rows("claims"):
        if claim["table"] == "quotes" and claim["column"] == "text":
            versions[claim["row_id"]].append(claim)
    return {quote_id: claims for quote_id, claims in versions.items() if len({c["value"] for c in claims}) > 1}


def test_armstrongs_first_words_are_given_in_each_sources_version():
    """The transcript's "for man" and the "[a] man" of NASA's history are both kept, each with its source."""
    versions = _claims_on_words()["armstrong-a11-one-small-step-nasa-tec"]
    words = {c["value"] for c in versions}
    assert any(" for man," in w for w in words) and any(" for [a] man," in w for w in words)
    assert [c["value"] for c in versions if c["preferred"] == "true"] == [next(
        q["text"] for q in QUOTES if q["quote_id"] == "armstrong-a11-one-small-step-nasa-tec")]


def test_disputed_words_show_every_version_on_the_quote_page_and_the_disputes_page(real_site):
    disputes = _text((real_site / "disputes" / "index.html").read_text(encoding="utf-8"))
    for quote_id, versions in _claims_on_words().items():
        html = (real_site / "quotes" / quote_id / "index.html").read_text(encoding="utf-8")
        shown = html[html.index('class="la-versions"'):]
        assert "la-disputed" in shown[:300] and "Sources disagree on the words" in shown
        for claim in versions:
            assert claim["value"] in _text(shown) and f'sources/{claim["source_id"]}/' in shown, (quote_id, claim["claim_id"])
            assert claim["value"] in disputes, (quote_id, claim["claim_id"])


def test_a_person_page_names_whom_they_flew_with(real_site):
    """Each mission on a crew member's page links to every other member of that crew."""
    crews = defaultdict(list)
    for place in CREW:
        crews[place["mission_id"]].append(place["person_id"])
    for place in CREW:
        html = (real_site / "people" / place["person_id"] / "index.html").read_text(encoding="utf-8")
        start = html.index(f'<li id="{place["crew_id"]}">')
        following = html.find('<li id="', start + 1)
        item = html[start:following if following > 0 else None]  # up to the next crew place (the claims nest lists)
        for other in crews[place["mission_id"]]:
            if other != place["person_id"]:
                assert f'href="../{other}/"' in item, (place["crew_id"], other)  # people/x/ to people/other/


def test_quotation_marks_close_on_the_quote_not_on_the_reports_comma(real_site):
    """A report quotes up to the comma before "he said": the page shows the words without it, the data keeps it."""
    clipped = [q for q in QUOTES if q["kind"] != "paraphrase" and q["text"].endswith(",")]
    assert clipped, "no quote ends with a comma today: the case is not exercised"
    for quote in clipped:
        html = unescape((real_site / "quotes" / quote["quote_id"] / "index.html").read_text(encoding="utf-8"))
        assert f"“{quote['text'][:-1]}”" in html, quote["quote_id"]
        assert f"{quote['text']}”" not in html, quote["quote_id"]


def test_a_quotes_language_and_topics_are_words_with_the_tag_one_step_away(real_site):
    from lunar_atlas.labels import language_name

    assert (language_name("en"), language_name("hi-Latn"), language_name("it")) == ("English", "Hindi (Latin script)", "Italian")
    quote = next(q for q in QUOTES if q["language"] == "en" and "-" in q["topics"])
    html = unescape((real_site / "quotes" / quote["quote_id"] / "index.html").read_text(encoding="utf-8"))
    text = _text(html)
    assert "English" in text and 'title="en"' in html
    for topic in quote["topics"].split(";"):
        assert topic.replace("-", " ") in text, topic
