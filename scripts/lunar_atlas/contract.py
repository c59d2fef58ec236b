"""What the code reads of a package by name: the tables, and in each the columns with the type it reads them as.

A descriptor may add tables and columns, and leave out the tables marked optional. One that takes away or retypes
what is listed here would stop the validator or the build half-way with an error in the code's words, so the
validator says so first, in the descriptor's (descriptor_rules.contract_problems). The real descriptor holds all of
it, and the minimal package builds a site with every other column taken away: tests/test_contract.py.
"""

from __future__ import annotations

READS: dict[str, dict[str, str]] = {
    "missions": {"mission_id": "string", "name": "string", "name_native": "string", "program": "string",
                 "program_sequence": "integer", "country": "string", "operator_id": "string", "mission_type": "string",
                 "crewed": "boolean", "launch_date": "string", "landing_date": "string", "end_date": "string",
                 "outcome": "string", "landing_site_id": "string", "landing_lat": "number", "landing_lon": "number",
                 "sample_mass_g": "number", "launch_vehicle": "string", "cospar_id": "string", "summary": "string",
                 "source_ids": "list"},
    "events": {"event_id": "string", "when": "string", "event_type": "string", "status": "string", "mission_id": "string",
               "title": "string", "description": "string", "source_ids": "list"},
    "quotes": {"quote_id": "string", "person_id": "string", "attribution": "string", "text": "string", "kind": "string",
               "said_when": "string", "setting": "string", "mission_id": "string", "topics": "list", "translated": "boolean",
               "source_id": "string"},
    "people": {"person_id": "string", "name": "string", "name_native": "string", "other_names": "list", "role": "string",
               "organization_id": "string", "nationality": "string", "source_ids": "list"},
    "organizations": {"organization_id": "string", "name": "string", "name_native": "string", "acronym": "string",
                      "kind": "string", "country": "string", "source_ids": "list"},
    "places": {"place_id": "string", "name": "string", "body": "string", "kind": "string", "parent_id": "string",
               "source_ids": "list"},
    "sources": {"source_id": "string", "title": "string", "publisher_id": "string", "authors": "list", "url": "string",
                "published": "string", "kind": "string", "tier": "string"},
    "claims": {"claim_id": "string", "table": "string", "row_id": "string", "column": "string", "value": "string",
               "source_id": "string", "locator": "string", "accessed": "string", "preferred": "boolean", "notes": "string"},
    "crew": {"crew_id": "string", "mission_id": "string", "person_id": "string", "role": "string", "moonwalker": "boolean",
             "source_ids": "list"},
    "exclusions": {"exclusion_id": "string", "name": "string", "rule": "string", "reason": "string", "source_ids": "list"},
    "renames": {},
}
OPTIONAL = {"exclusions", "renames"}  # the pages and rules that read them check that they are there

# The numbers the site draws, projects or sums, with the bounds the code holds them to whatever the descriptor's
# constraints say: (lowest, highest or None, what the number is). Every one must also be finite.
BOUNDS: dict[str, dict[str, tuple[float, float | None, str]]] = {
    "missions": {"landing_lat": (-90, 90, "a latitude"), "landing_lon": (-180, 180, "a longitude"),
                 "sample_mass_g": (0, None, "a mass in grams"), "program_sequence": (0, None, "a number in its programme")},
    "places": {"lat": (-90, 90, "a latitude"), "lon": (-180, 180, "a longitude"), "diameter_km": (0, None, "a diameter in km")},
}
