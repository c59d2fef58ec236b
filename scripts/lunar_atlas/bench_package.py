"""The synthetic packages the benchmark builds: the real package's rows copied `scale` times, with IDs renamed per copy."""

from __future__ import annotations

import csv
import json
from pathlib import Path

UNIQUE_ELSEWHERE = {"cospar_id", "wikidata_id", "wikipedia", "url", "program_sequence"}
# An ID made of other IDs: a crew row's is its mission's and its person's, joined by a hyphen (checks/crew_rules.py).
DERIVED_IDS = {"crew": ("crew_id", ("mission_id", "person_id"))}
ID_LENGTH = 100  # the longest slug the descriptor allows


def _copy_id(value: str, copy: int) -> str:
    if copy == 0 or not value:
        return value
    suffix = f"-x{copy}"
    return value[:ID_LENGTH - len(suffix)].rstrip("-") + suffix


def _read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _renamed_row(row: dict, keys: set[str], fields: list[str], copy: int, table: str, references: dict, derived: dict) -> dict:
    new = dict(row)
    for name in keys:
        new[name] = ";".join(_copy_id(v, copy) for v in row[name].split(";")) if row[name] else ""
    if table in derived:
        key, _ = DERIVED_IDS[table]
        new[key] = derived[table][(row[key], copy)]
    if table == "claims" and row["table"] in derived:
        new["row_id"] = derived[row["table"]].get((row["row_id"], copy), new["row_id"])
    if table == "claims" and row["column"] in references.get(row["table"], ()):
        new["value"] = _copy_id(row["value"], copy)  # a claim on a reference names a renamed row too
    for name in UNIQUE_ELSEWHERE & set(fields):
        if copy and row[name]:
            new[name] = f"{row[name]}?copy={copy}" if name == "url" else ""
    return new


def _cited_in_copies(descriptor: dict, tables: dict) -> set[str]:
    """The sources a copy still cites: not those cited only by the claims on values kept on the first copy."""
    cited: set[str] = set()
    for spec in descriptor["resources"]:
        schema = spec["schema"]
        for key in schema.get("foreignKeys", []) + schema.get("x-listForeignKeys", []):
            if key["reference"].get("resource") != "sources":  # none: the table itself
                continue
            for row in tables[spec["name"]][1]:
                if not (spec["name"] == "claims" and row["column"] in UNIQUE_ELSEWHERE):
                    cited.update(v for v in row[key["fields"][0]].split(";") if v)
    return cited


def synthesize(package: Path, scale: int, out: Path) -> Path:
    """`scale` copies of every row, with IDs and references renamed per copy, so link density stays the same.

    Values that must be unique across the whole package (COSPAR IDs, URLs, programme numbers) and the claims that back
    them (and the sources only they cite) are kept on the first copy only; an ID made of other IDs (a crew row's) is made again from the renamed ones.
    The result is valid (tests/test_bench.py validates one), and the same every time.
    """
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    references = {r["name"]: {k["fields"][0] for k in r["schema"].get("foreignKeys", []) + r["schema"].get("x-listForeignKeys", [])}
                  for r in descriptor["resources"]}
    tables = {spec["name"]: _read_rows(package.parent / spec["path"]) for spec in descriptor["resources"]}
    keys_of = {}
    for spec in descriptor["resources"]:
        schema = spec["schema"]
        keys_of[spec["name"]] = {schema["primaryKey"][0]} | {k["fields"][0] for k in schema.get("foreignKeys", []) + schema.get("x-listForeignKeys", [])}
        if spec["name"] == "claims":
            keys_of["claims"].add("row_id")
    derived = {table: {(row[key], copy): "-".join(_copy_id(row[part], copy) for part in parts)
                       for copy in range(scale) for row in tables[table][1]}
               for table, (key, parts) in DERIVED_IDS.items() if table in tables}
    cited = _cited_in_copies(descriptor, tables)
    out.mkdir(parents=True, exist_ok=True)
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
    for spec in descriptor["resources"]:
        name = spec["name"]
        fields, rows = tables[name]
        with (out / spec["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fields, lineterminator="\n")
            writer.writeheader()
            for copy in range(scale):
                for row in rows:
                    if copy and name == "claims" and row["column"] in UNIQUE_ELSEWHERE:
                        continue
                    if copy and name == "sources" and row["source_id"] not in cited:
                        continue
                    writer.writerow(_renamed_row(row, keys_of[name], fields, copy, name, references, derived))
    return out / "datapackage.json"
