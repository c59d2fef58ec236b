"""The package describes itself fully: parametrized over datapackage.json, one case per field or relation."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PACKAGE, ROOT

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
RESOURCES = DESCRIPTOR["resources"]
FIELDS = [(r["name"], f) for r in RESOURCES for f in r["schema"]["fields"]]
FIELD_IDS = [f"{table}.{field['name']}" for table, field in FIELDS]
CONTRACT = {
    "missions": "mission_id name name_native program country operator_id mission_type crewed launch_date landing_date end_date outcome landing_site_id landing_lat landing_lon sample_mass_g launch_vehicle cospar_id wikidata_id summary source_ids",
    "events": "event_id when timezone event_type status mission_id place_id title description source_ids",
    "quotes": "quote_id person_id text kind said_when setting mission_id topics language translated source_id",
    "people": "person_id name name_native role organization_id wikidata_id",
    "organizations": "organization_id name name_native acronym kind country website wikidata_id",
    "places": "place_id name body kind lat lon parent_id wikidata_id",
    "sources": "source_id title publisher_id authors url published updated accessed kind",
}
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"


def test_package_metadata_is_complete():
    for key in ("name", "title", "description", "version", "created", "x-asOf", "licenses", "contributors", "keywords", "sources"):
        assert DESCRIPTOR.get(key), f"datapackage.json lacks {key}"
    assert re.match(r"^\d+\.\d+\.\d+$", DESCRIPTOR["version"]), "version must be semantic (MAJOR.MINOR.PATCH)"
    assert DESCRIPTOR["licenses"][0]["name"] == "CC-BY-4.0"


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_are_kept(table):
    resource = next(r for r in RESOURCES if r["name"] == table)
    names = [f["name"] for f in resource["schema"]["fields"]]
    missing = [c for c in CONTRACT[table].split() if c not in names]
    assert not missing, f"{table} has lost public columns {missing}: add columns, never rename or drop"


@pytest.mark.parametrize("table,field", FIELDS, ids=FIELD_IDS)
def test_field_definitions(table, field):
    for key in ("title", "description", "type"):
        assert field.get(key), f"{table}.{field['name']} needs a {key}"
    assert "example" in field, f"{table}.{field['name']} needs an example"


def _is_slug(field) -> bool:
    return field.get("constraints", {}).get("pattern") == SLUG or field.get("x-itemPattern") == SLUG


def _primary_key(table):
    return next(r for r in RESOURCES if r["name"] == table)["schema"]["primaryKey"][0]


INTERNAL_IDS = [(t, f) for t, f in FIELDS if f["name"].endswith(("_id", "_ids")) and not f["name"].startswith(("cospar", "wikidata"))]


@pytest.mark.parametrize("table,field", INTERNAL_IDS, ids=[f"{t}.{f['name']}" for t, f in INTERNAL_IDS])
def test_id_fields_are_slugs(table, field):
    assert _is_slug(field), f"{table}.{field['name']} must be held to the slug pattern"


def test_field_names_have_one_type_everywhere():
    seen = {}
    for table, field in FIELDS:
        seen.setdefault(field["name"], set()).add(field["type"])
    assert {name: types for name, types in seen.items() if len(types) > 1} == {}


@pytest.mark.parametrize("resource", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_every_resource_has_a_primary_key_and_meaning(resource):
    assert len(resource["schema"]["primaryKey"]) == 1
    assert resource.get("description") and resource.get("x-row")


def _references():
    for resource in RESOURCES:
        for key in resource["schema"].get("foreignKeys", []) + resource["schema"].get("x-listForeignKeys", []):
            yield resource, key


@pytest.mark.parametrize("resource,key", list(_references()), ids=[f"{r['name']}.{k['fields'][0]}" for r, k in _references()])
def test_every_foreign_key_target_exists(resource, key):
    target = key["reference"].get("resource") or resource["name"]
    target_resource = next((r for r in RESOURCES if r["name"] == target), None)
    assert target_resource, f"{resource['name']}.{key['fields'][0]} refers to missing table {target}"
    assert key["reference"]["fields"] == target_resource["schema"]["primaryKey"]


def test_every_reference_column_has_a_foreign_key():
    declared = {(r["name"], k["fields"][0]) for r, k in _references()}
    # A field marked x-references points into the table another column names; the claim rules check it.
    references = {(t, f["name"]) for t, f in INTERNAL_IDS if f["name"] != _primary_key(t) and "x-references" not in f}
    assert references - declared == set()


@pytest.mark.parametrize("resource", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_every_resource_has_rows(resource):
    lines = (PACKAGE.parent / resource["path"]).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1 or resource.get("x-mayBeEmpty"), f"{resource['path']} has no rows"


def _commands_and_options():
    from lunar_atlas.cli import parser

    commands = next(action for action in parser()._actions if action.dest == "command").choices
    for name, command in commands.items():
        yield name, None
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    yield name, option


@pytest.mark.parametrize("command, option", list(_commands_and_options()))
def test_commands_are_documented(command, option):
    """Every command of `lunar-atlas`, and every option of each, is in README's list of commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.startswith(f"- `lunar-atlas {command}")]
    assert lines, f"README does not list `lunar-atlas {command}`"
    if option:
        assert any(option in line for line in lines), f"README does not give `lunar-atlas {command}`'s {option}"


def test_the_package_readme_is_up_to_date():
    """datapackage/README.md is what the descriptor and tables say now: `lunar-atlas readme` rewrites it."""
    from lunar_atlas.catalog import load_catalog
    from lunar_atlas.package_readme import package_readme

    committed = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    assert committed == package_readme(load_catalog(PACKAGE)), "run `lunar-atlas readme` and commit datapackage/README.md"
ENUM_FIELDS = [(t, f) for t, f in FIELDS if f.get("constraints", {}).get("enum")]


@pytest.mark.parametrize("table,field", ENUM_FIELDS, ids=[f"{t}.{f['name']}" for t, f in ENUM_FIELDS])
def test_every_allowed_value_has_a_reader_label(table, field):
    """Readers see words: each allowed value carries a label in the field's Table Schema `categories`."""
    categories = field.get("categories")
    assert isinstance(categories, list), f"{table}.{field['name']} needs categories, each a value and a label"
    assert [c.get("value") for c in categories] == field["constraints"]["enum"], \
        f"{table}.{field['name']}: categories must list the allowed values (constraints.enum), in the same order"
    unlabelled = [c["value"] for c in categories if not str(c.get("label", "")).strip()]
    assert unlabelled == [], f"{table}.{field['name']}: values without a label {unlabelled}"


COUNTRY_FIELDS = [(t, f) for t, f in FIELDS if f["name"] in ("country", "nationality")]


@pytest.mark.parametrize("table,field", COUNTRY_FIELDS, ids=[f"{t}.{f['name']}" for t, f in COUNTRY_FIELDS])
def test_reader_names_of_countries_are_for_real_iso_codes(table, field):
    """x-countryNames only renames codes ISO 3166 has (current or withdrawn); it is no list of countries of its own."""
    from lunar_atlas.labels import iso_country_name

    unknown = [code for code in field.get("x-countryNames", {}) if iso_country_name(code) is None]
    assert unknown == [], f"{table}.{field['name']}: x-countryNames names codes ISO 3166 does not have: {unknown}"


def _codes_used(table: str, column: str) -> set[str]:
    import csv

    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle) if row[column]}


@pytest.mark.parametrize("table,field", COUNTRY_FIELDS, ids=[f"{t}.{f['name']}" for t, f in COUNTRY_FIELDS])
def test_every_country_the_data_uses_has_an_adjective_to_be_found_by(table, field):
    """"Chinese rover" finds Yutu-2 because the field gives CN its adjective (x-countryAdjectives)."""
    adjectives = field.get("x-countryAdjectives", {})
    missing = sorted(_codes_used(table, field["name"]) - set(adjectives))
    assert missing == [], f"{table}.{field['name']}: x-countryAdjectives lacks {missing}"
    assert all(word.strip() for word in adjectives.values()), f"{table}.{field['name']}: an empty adjective"


def test_a_country_reads_the_same_in_every_column():
    """The Soviet Union is "Soviet Union" on a mission's page and on a cosmonaut's, never ISO's formal name on one."""
    from lunar_atlas.labels import country_adjective, country_name

    words: dict[str, set] = {}
    for table, field in COUNTRY_FIELDS:
        for code in _codes_used(table, field["name"]):
            words.setdefault(code, set()).add((country_name(code, field), country_adjective(code, field)))
    differing = {code: found for code, found in words.items() if len(found) > 1}
    assert differing == {}, f"countries named differently by column: {differing}"
