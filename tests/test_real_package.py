"""The real package validates, and what it takes from the seed report is the report's own words."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PACKAGE, SOURCES, run_cli, snapshot

CNN = "cnn-2024-06-25-change-6-returns"
REPORT = SOURCES / "cnn-2024-06-25-change-6-returns.txt"


def rows(table: str) -> list[dict]:
    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_real_package_validates_clean():
    before = snapshot(PACKAGE.parent)
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("The package is valid: no problems found.\n"), result.stdout
    assert snapshot(PACKAGE.parent) == before


WORKING_FILE = re.compile(r"(?<![/\w.])[\w-]+\.(?:md|txt)\b")  # a name like NOTES.md, not part of an address


def test_no_note_sends_a_reader_to_a_file_the_project_does_not_hold():
    root = PACKAGE.parent.parent
    missing = [f"{path.name}:{number}: {name}" for path in sorted(PACKAGE.parent.glob("*.csv"))
               for number, row in enumerate(rows(path.stem), start=2)
               for name in WORKING_FILE.findall(row.get("notes") or "")
               if not (PACKAGE.parent / name).is_file() and not (root / name).is_file()]
    assert missing == []


def empty_sayings(fields: list[dict]) -> re.Pattern:
    """A clause that opens with a column's name or title and says its cell is empty or its value was not found."""
    words = sorted({word for field in fields for word in (field["name"], field.get("title", field["name"]))}, key=len, reverse=True)
    return re.compile(r"(?:^|[.;:—-]\s+)(?:the\s+)?(" + "|".join(map(re.escape, words)) + r")\s+(?:is\s+)?(?:left empty|not found)", re.I)


def test_no_note_calls_a_filled_cell_empty():
    """A note written when a value was missing goes when the value arrives: the reader never reads both."""
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    stale = []
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        by_word = {word.lower(): field["name"] for field in fields for word in (field["name"], field.get("title", field["name"]))}
        sayings = empty_sayings(fields)
        for number, row in enumerate(rows(resource["name"]), start=2):
            for said in sayings.finditer(row.get("notes") or ""):
                column = by_word[said[1].lower()]
                if row.get(column):
                    stale.append(f"{resource['name']}.csv:{number}:{column}: {row[column]!r} but the note says {said[0].strip(' .;:')!r}")
    assert stale == []


def _descriptor_words() -> tuple[set[str], set[str]]:
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    fields = [field for resource in descriptor["resources"] for field in resource["schema"]["fields"]]
    columns = {field["name"] for field in fields if "_" in field["name"]}
    codes = {value for field in fields for value in field.get("constraints", {}).get("enum", []) if "-" in str(value)}
    return columns, codes


def test_notes_and_summaries_speak_in_words_not_column_names_or_codes():
    """A reader meets "the end date is left empty" and "outcome partial success", never end_date or 'partial-success'."""
    columns, codes = _descriptor_words()
    column = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, sorted(columns, key=len, reverse=True))) + r"|landing_\*)(?![\w-])")
    code = "|".join(map(re.escape, sorted(codes, key=len, reverse=True)))
    coded = re.compile(rf"(['\"])({code})\1|\b(?:outcome|type|recorded as|classed)\W+({code})\b", re.I)
    found = [f"{path.name}:{number}:{name}: {match[0]!r}" for path in sorted(PACKAGE.parent.glob("*.csv"))
             for number, row in enumerate(rows(path.stem), start=2)
             for name in ("notes", "summary", "description") if row.get(name)
             for match in (*column.finditer(row[name]), *coded.finditer(row[name]))]
    assert found == [], f"{len(found)} codes where readers expect words, such as {found[:5]}"


SPELLED_OUT = {"SSE": "NASA Solar System Exploration", "SEH": "Space Exploration History", "LOI": "lunar orbit insertion"}


def test_an_abbreviation_in_prose_is_spelled_out_where_a_cell_first_uses_it():
    """A reader of one note meets "NASA Solar System Exploration (SSE)" before "SSE" alone."""
    unexplained = []
    for path in sorted(PACKAGE.parent.glob("*.csv")):
        for number, row in enumerate(rows(path.stem), start=2):
            for name in ("notes", "summary", "description", "title", "reason"):
                text = row.get(name) or ""
                for short, words in SPELLED_OUT.items():
                    first = re.search(rf"\b{short}\b", text)
                    if first and not re.search(rf"{re.escape(words)}(?: \w+)?(?: \(|, ){short}\b", text[:first.end()], re.I):
                        unexplained.append(f"{path.name}:{number}:{name}: {short} before {words!r}")
    assert unexplained == []


READ_AT_ITS_OWN_ADDRESS = re.compile(r"(?<!not )\bread (?:again )?at\b", re.I)


def test_a_work_read_only_in_a_copy_has_no_date_read_at_its_address():
    """`accessed` dates a reading at the work's own address; a copy's reading is dated in `copy_accessed` alone."""
    claimed = [f"sources.csv:{number}:accessed: {row['source_id']} was read in {row['copy_url']}, and its notes name no reading at {row['url']}"
               for number, row in enumerate(rows("sources"), start=2)
               if row["copy_url"] and row["accessed"] and not READ_AT_ITS_OWN_ADDRESS.search(row["notes"])]
    assert claimed == []


def test_frictionless_alone_accepts_the_package():
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(frictionless), "validate", str(PACKAGE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("quote", [q for q in rows("quotes") if q["source_id"] == CNN], ids=lambda q: q["quote_id"])
def test_quotes_from_the_report_are_verbatim(quote):
    assert squash(quote["text"]) in squash(REPORT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("claim", [c for c in rows("claims") if c["source_id"] == CNN], ids=lambda c: c["claim_id"])
def test_claims_on_the_report_quote_its_words(claim):
    assert squash(claim["locator"]) in squash(REPORT.read_text(encoding="utf-8"))


def test_the_report_is_a_source_with_its_times():
    source = next(s for s in rows("sources") if s["source_id"] == CNN)
    assert (source["published"], source["updated"], source["authors"], source["publisher_id"]) == (
        "2024-06-25", "2024-06-25T07:34:00Z", "Simone McCarthy", "cnn")


DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
FILLED_FIELDS = [(r["name"], f) for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"]
                 if any(row[f["name"]] for row in rows(r["name"]))]


@pytest.mark.parametrize("table,field", FILLED_FIELDS, ids=[f"{t}.{f['name']}" for t, f in FILLED_FIELDS])
def test_examples_are_values_from_the_data(table, field):
    """An example states no fact the data does not hold."""
    values = {row[field["name"]] for row in rows(table)}
    example = field["example"]
    shown = str(example).lower() if isinstance(example, bool) else str(example)
    assert shown in values or (field["type"] == "number" and any(v and float(v) == float(example) for v in values))


@pytest.mark.parametrize("mission_id", ["change-4", "change-5", "change-6", "change-7", "change-8", "luna-3", "luna-25",
                                        "chandrayaan-3", "slim", "im-1", "artemis-2", "artemis-3", "apollo-17"])
def test_missions_named_in_the_report_are_in_the_catalog(mission_id):
    mission = next((m for m in rows("missions") if m["mission_id"] == mission_id), None)
    assert mission and mission["source_ids"], f"{mission_id} is missing or uncited"


def test_local_time_without_a_minute_is_not_given_one():
    """'Just after 2 p.m. local time' alone is a date; the minute the event shows comes from a source of its own."""
    claims = [c for c in rows("claims") if (c["table"], c["row_id"], c["column"]) == ("events", "change-6-earth-return", "when")]
    from_report = [c["value"] for c in claims if c["source_id"] == CNN]
    assert from_report == ["2024-06-25"]
    preferred = next(c for c in claims if c["preferred"] == "true")
    assert "T" in preferred["value"] and preferred["source_id"] != CNN


def test_a_reader_that_stops_reading_the_report_gets_no_error(minimal):
    """`lunar-atlas validate | head -1`: the pipe closes before the report is written."""
    process = subprocess.Popen([sys.executable, "-m", "lunar_atlas.cli", "validate", "datapackage.json"], cwd=minimal,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=600) == 141, stderr
    assert stderr == ""


def test_text_output_is_one_line_per_problem(minimal):
    (minimal / "people.csv").write_text((minimal / "people.csv").read_text().replace("Head of", "=Head of"))
    result = run_cli("validate", "datapackage.json", cwd=minimal)
    assert result.stdout.splitlines() == [
        'people.csv:2:role  formula  "=Head of the Test Agency" — text that does not start with = + - @, which a spreadsheet would run as a formula',
        "1 problem found.",
        "1 disputed fact, where sources disagree (not errors):",
        "  missions.csv:2:sample_mass_g  test-lander: 1000.5 (test-report, preferred) vs 1000 (test-report)",
        "Sources by tier: primary 1, reference 0, press 0, unreliable 0 (1 in all).",
        "Facts by the tier of their preferred claim's source: primary 16, reference 0, press 0, unreliable 0 (16 in all).",
    ]


def test_github_format_annotates_the_csv_line(minimal):
    (minimal / "places.csv").write_text((minimal / "places.csv").read_text().replace("-40.5,-150.25", "91,-150.25"))
    result = run_cli("validate", "datapackage.json", "--format", "github", cwd=minimal)
    assert result.returncode == 1
    assert result.stdout == '::error file=places.csv,line=2,title=maximum::lat: "91" — at most 90\n'


def test_json_format_says_valid(minimal):
    result = run_cli("validate", "datapackage.json", "--format", "json", cwd=minimal)
    assert json.loads(result.stdout) == {"valid": True, "problems": [], "disputes": [
        {"file": "missions.csv", "row": 2, "column": "sample_mass_g", "row_id": "test-lander",
         "values": ["1000.5 (test-report, preferred)", "1000 (test-report)"]}]}
