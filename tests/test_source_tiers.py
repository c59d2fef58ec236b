"""Sources a reader can weigh: every source has a tier, copies stand beside the works they reproduce, every preferred
claim's tier is allowed, every claim that lost says why, and the validator counts it all."""

from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import PACKAGE, ROOT, rewrite, run_cli

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
TRUSTED = {"primary", "reference"}


def rows(table: str) -> list[dict]:
    with (PACKAGE.parent / RESOURCES[table]["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SOURCES = rows("sources")
CLAIMS = rows("claims")
TIER = {s["source_id"]: s["tier"] for s in SOURCES}
COPY_HOSTS = RESOURCES["sources"]["x-copyHosts"]


def _host(url: str) -> str:
    return (re.match(r"^[a-z]+://([^/:?#]+)", url) or [None, ""])[1].lower().rstrip(".")


def _on_listed_host(url: str) -> bool:
    host = _host(url)
    return any(host == h or host.endswith("." + h) for h in COPY_HOSTS)


def test_no_source_address_is_on_a_listed_copy_host():
    on_copies = [(s["source_id"], s["url"]) for s in SOURCES if _on_listed_host(s["url"])]
    assert on_copies == [], "these sources name a copy as the work; its address belongs in copy_url"


def test_the_copy_host_list_catches_the_copies_read():
    """Every copy the catalog read on a listed host is still recorded there, so the list is not dead data."""
    hosts_used = {h for s in SOURCES if s["copy_url"] for h in COPY_HOSTS if _host(s["copy_url"]) == h or _host(s["copy_url"]).endswith("." + h)}
    assert hosts_used, "no copy_url is on a listed host"
    assert all(s["copy_accessed"] for s in SOURCES if s["copy_url"]), "a copy read needs the date it was read"


@pytest.mark.parametrize("url,listed", [
    ("https://www.knowpia.com/x", "knowpia.com"),            # a subdomain of a listed host
    ("https://KNOWPIA.com./x", "knowpia.com"),               # case and the root's dot change nothing
    ("https://knowpia.com:8443", "knowpia.com"),
    ("https://notknowpia.com/x", None),                      # the same letters are not the same domain
    ("https://knowpia.com.example.org/x", None),
    ("https://knowpia.com@example.org/x", None),             # the host is after the user name
    ("https://example.org:1@knowpia.com/x", "knowpia.com"),
    ("https://knowpia.com\\@example.org/", "knowpia.com"),   # a browser reads the backslash as a slash
    ("https://example.org\\@knowpia.com/", None),
    ("not an address", None),
    ("", None),
])
def test_a_copy_host_is_found_as_a_browser_would_read_the_address(url, listed):
    from lunar_atlas.checks.source_rules import listed_host
    assert listed_host(url, frozenset({"knowpia.com", "piglix.com"})) == listed


def test_every_source_has_a_tier_with_a_label():
    labels = {c["value"]: c["label"] for c in next(f for f in RESOURCES["sources"]["schema"]["fields"] if f["name"] == "tier")["categories"]}
    assert set(labels) == {"primary", "reference", "press", "unreliable"}
    assert all(labels.values())
    assert {s["tier"] for s in SOURCES} <= set(labels)


@pytest.mark.parametrize("table,field", [(r["name"], f) for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"] if f.get("categories")],
                         ids=lambda value: value if isinstance(value, str) else value["name"])
def test_categories_label_exactly_the_allowed_values(table, field):
    values = [c["value"] for c in field["categories"]]
    assert values == field["constraints"]["enum"], f"{table}.{field['name']}: every allowed value needs one label"
    assert all(c.get("label") for c in field["categories"])


def test_every_preferred_claim_comes_from_an_allowed_tier():
    """Primary or reference; a news report only with source_gap saying why nothing better; never an unreliable source."""
    quote_sources = {q["quote_id"]: q["source_id"] for q in rows("quotes")}
    own_report = lambda c: c["table"] == "quotes" and TIER[c["source_id"]] == "press" and quote_sources.get(c["row_id"]) == c["source_id"]
    unexplained = [c["claim_id"] for c in CLAIMS if c["preferred"] == "true" and TIER[c["source_id"]] == "press"
                   and not c["source_gap"] and not own_report(c)]
    assert unexplained == []
    assert [c["claim_id"] for c in CLAIMS if c["preferred"] == "true" and TIER[c["source_id"]] == "unreliable"] == []


NONE_FOUND = "No primary or reference source for this mission has been found yet"


def test_a_mission_without_a_primary_or_reference_source_says_so():
    """The debt stays visible: a mission that cites no agency page, catalog or paper says so in its notes, and one
    that does cite one no longer says it has none."""
    claimed: dict[str, set] = {}
    for claim in CLAIMS:
        if claim["table"] == "missions":
            claimed.setdefault(claim["row_id"], set()).add(claim["source_id"])
    for mission in rows("missions"):
        cited = {s for s in mission["source_ids"].split(";") if s} | claimed.get(mission["mission_id"], set())
        trusted = any(TIER[s] in TRUSTED for s in cited)
        assert trusted != (NONE_FOUND in mission["notes"]), mission["mission_id"]


def test_every_claim_that_lost_says_why():
    assert [c["claim_id"] for c in CLAIMS if c["preferred"] == "false" and not c["reason"]] == []
    assert [c["claim_id"] for c in CLAIMS if c["preferred"] == "true" and c["reason"]] == []


def test_zhang_kejians_words_are_marked_translated():
    quotes = [q for q in rows("quotes") if q["person_id"] == "zhang-kejian"]
    assert quotes and all(q["translated"] == "true" for q in quotes)


def _summary() -> list[str]:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    return [line for line in result.stdout.splitlines() if line.startswith(("Sources by tier:", "Facts by the tier"))]


def test_the_validator_prints_sources_and_facts_by_tier_and_the_readme_quotes_them():
    summary = _summary()
    assert len(summary) == 2, summary
    by_tier = dict(re.findall(r"(primary|reference|press|unreliable) ([\d,]+)", summary[0]))
    assert sum(int(n.replace(",", "")) for n in by_tier.values()) == len(SOURCES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in summary:
        assert line in readme, f"README.md should quote the validator's figures: {line}"


def test_a_news_report_that_says_why_it_is_preferred_is_accepted(minimal):
    rewrite(minimal / "sources.csv", ",news-report,primary,", ",news-report,press,")
    text = (minimal / "claims.csv").read_text(encoding="utf-8")
    (minimal / "claims.csv").write_text(text.replace(",true,,,", ",true,,No agency page gives this yet.,"), encoding="utf-8")
    result = run_cli("validate", "datapackage.json", cwd=minimal)
    assert result.returncode == 0, result.stdout
    assert "press 1" in result.stdout and "press 16 (16 saying why no better source)" in result.stdout


NO_BETTER_SOURCE = "No primary or reference source for this mission has been found yet"


def _mission_tiers() -> dict[str, set[str]]:
    events = {e["event_id"]: e for e in rows("events")}
    cited: dict[str, set[str]] = {m["mission_id"]: set(filter(None, m["source_ids"].split(";"))) for m in rows("missions")}
    for event in events.values():
        if event["mission_id"]:
            cited[event["mission_id"]] |= set(filter(None, event["source_ids"].split(";")))
    for claim in CLAIMS:
        mission = claim["row_id"] if claim["table"] == "missions" else events.get(claim["row_id"], {}).get("mission_id")
        if claim["table"] in ("missions", "events") and mission:
            cited[mission].add(claim["source_id"])
    return {mission: {TIER[s] for s in sources} for mission, sources in cited.items()}


def test_every_mission_has_a_primary_or_reference_source_or_says_it_has_none_yet():
    notes = {m["mission_id"]: m["notes"] for m in rows("missions")}
    tiers = _mission_tiers()
    unmarked = [m for m, found in tiers.items() if not found & TRUSTED and NO_BETTER_SOURCE not in notes[m]]
    stale = [m for m, found in tiers.items() if found & TRUSTED and NO_BETTER_SOURCE in notes[m]]
    assert unmarked == [], "these missions cite no primary or reference source and do not say so"
    assert stale == [], "these missions now have a primary or reference source: drop the note saying they have none"


@pytest.mark.parametrize("mission_id", ["apollo-11", "luna-5", "chandrayaan-3"])
def test_the_missions_a_reader_opens_first_cite_primary_or_reference_sources(mission_id):
    assert _mission_tiers()[mission_id] & TRUSTED
