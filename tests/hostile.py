"""A hostile contributor's inputs: each edits a copy of the minimal package the way an attack on the machine or the
reader would, whatever the descriptor says. Used by test_hostile_input.py."""

from __future__ import annotations

import json
import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ESCAPE_TARGET = "lunar-atlas-hostile-escape"  # a name under /tmp no build may ever create
SECRET = "hunter2-lunar-atlas-secret"  # put into the environment: no report may print it


@dataclass
class Attack:
    id: str
    edit: Callable[[Path, "Listener"], None]
    expected: list[tuple]  # (file, row, column, rule, value) as the JSON report gives them
    formats: tuple[str, ...] = field(default=("json",))
    says: str = ""  # words the first problem's "expected" must contain, where the value alone does not tell the reason


class Listener:
    """A TCP listener on the loopback address that counts whoever connects: nothing must."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        self.connections = 0
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while self._running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._running = False
        self._thread.join()
        self.socket.close()


def replace(name: str, old: str, new: str):
    def edit(folder: Path, listener: Listener):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in the minimal {name}"
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return edit


def descriptor(change: Callable[[dict, Listener], None]):
    def edit(folder: Path, listener: Listener):
        path = folder / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data, listener)
        path.write_text(json.dumps(data), encoding="utf-8")
    return edit


def resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


def field_of(data: dict, table: str, name: str) -> dict:
    return next(f for f in resource(data, table)["schema"]["fields"] if f["name"] == name)


def link(name: str, target: str):
    def edit(folder: Path, listener: Listener):
        (folder / name).unlink()
        os.symlink(target, folder / name)
    return edit


def folder_for(name: str):
    """A package file replaced by a folder of that name, as a pull request can commit one (holding a file)."""
    def edit(folder: Path, listener: Listener):
        (folder / name).unlink()
        (folder / name).mkdir()
        (folder / name / "x").write_text("x\n")
    return edit


def both(*edits):
    def edit(folder: Path, listener: Listener):
        for one in edits:
            one(folder, listener)
    return edit


def _remove_pattern(table: str, name: str):
    def change(data, listener):
        field_of(data, table, name)["constraints"].pop("pattern")
    return change


def _set(table: str, name: str, key: str, value):
    def change(data, listener):
        field_of(data, table, name).setdefault("constraints", {})[key] = value
    return change


def _dialect(**options):
    def change(data, listener):
        resource(data, "people")["dialect"].update(options)
    return change


def _deep_text(folder: Path, listener: Listener):
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    (folder / "datapackage.json").write_text(text[:-2] + ', "x-deep": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")


CREW_LEFT_BEHIND = ("crew.csv", 2, "person_id", "foreign-key", "ada-tester")  # the crew row still names the old ID
def _real_descriptor() -> dict:
    return json.loads((Path(__file__).resolve().parents[1] / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))


def _people_columns() -> list[str]:
    """The people table's columns as the real descriptor names them (the broken header cuts off all but the first two)."""
    return [f["name"] for f in resource(_real_descriptor(), "people")["schema"]["fields"]]


def _resource_index(table: str) -> int:
    """Where a table sits in the real descriptor's resources."""
    return next(i for i, r in enumerate(_real_descriptor()["resources"]) if r["name"] == table)


def _field_where(table: str, name: str) -> str:
    """Where a field sits in the real descriptor, as a report names it."""
    position = next(i for i, f in enumerate(resource(_real_descriptor(), table)["schema"]["fields"]) if f["name"] == name)
    return f"resources[{_resource_index(table)}].schema.fields[{position}]"


ESCAPE_ID = "../" * 12 + "tmp/" + ESCAPE_TARGET
PEOPLE = "datapackage.json"

ATTACKS = [
    Attack("person-id-leaves-the-build", both(replace("people.csv", "ada-tester,", f"{ESCAPE_ID},"),
                                               replace("quotes.csv", "ada-tester-success,ada-tester,", f"ada-tester-success,{ESCAPE_ID},")),
           [CREW_LEFT_BEHIND, ("people.csv", 2, "person_id", "pattern", ESCAPE_ID), ("quotes.csv", 2, "person_id", "pattern", ESCAPE_ID)]),
    Attack("id-pattern-removed", both(descriptor(_remove_pattern("people", "person_id")),
                                      replace("people.csv", "ada-tester,", f"{ESCAPE_ID},"),
                                      replace("quotes.csv", "ada-tester-success,ada-tester,", f"ada-tester-success,{ESCAPE_ID},")),
           [CREW_LEFT_BEHIND, ("people.csv", 2, "person_id", "pattern", ESCAPE_ID), ("quotes.csv", 2, "person_id", "pattern", ESCAPE_ID)]),
    Attack("id-pattern-anything", both(descriptor(_set("people", "person_id", "pattern", ".*")),
                                       replace("people.csv", "ada-tester,", '"zz-evil\n",'),
                                       replace("quotes.csv", "ada-tester-success,ada-tester,", 'ada-tester-success,"zz-evil\n",')),
           [CREW_LEFT_BEHIND, ("people.csv", 2, "person_id", "pattern", "zz-evil\n"), ("quotes.csv", 2, "person_id", "pattern", "zz-evil\n")]),
    Attack("trailing-newline-in-a-patterned-cell", replace("missions.csv", ",CN,test-agency,", ',"CN\n",test-agency,'),
           [("missions.csv", 2, "country", "pattern", "CN\n")]),
    Attack("text-pattern-anything", both(descriptor(_set("people", "role", "pattern", ".*")),
                                         replace("people.csv", "Head of the Test Agency", "Head\x1b[31m of")),
           [("people.csv", 2, "role", "control-character", "Head\x1b[31m of")]),
    Attack("formula-behind-a-pattern", both(descriptor(_set("people", "role", "pattern", ".*")),
                                            replace("people.csv", "Head of the Test Agency", "=cmd|'/c calc'!A1")),
           [("people.csv", 2, "role", "formula", "=cmd|'/c calc'!A1")]),
    Attack("resource-name-leaves-the-build", descriptor(lambda d, l: resource(d, "people").update(name="../../../../tmp/" + ESCAPE_TARGET)),
           [(PEOPLE, 1, "resources[3].name", "descriptor", "../../../../tmp/" + ESCAPE_TARGET)]),
    Attack("resource-path-leaves-the-package", descriptor(lambda d, l: resource(d, "people").update(path="../people.csv")),
           [(PEOPLE, 1, "resources[3].path", "descriptor", "../people.csv")]),
    Attack("resource-path-with-nul", descriptor(lambda d, l: resource(d, "people").update(path="people\x00.csv")),
           [(PEOPLE, 1, "resources[3].path", "descriptor", "people\x00.csv")]),
    Attack("resource-path-5000-characters", descriptor(lambda d, l: resource(d, "people").update(path="p" * 5000 + ".csv")),
           [(PEOPLE, 1, "resources[3].path", "descriptor", "p" * 5000 + ".csv")]),
    Attack("comment-character-skips-rows", both(descriptor(_dialect(commentChar="#")), replace("people.csv", "ada-tester,", "#ada-tester,")),
           [(PEOPLE, 1, "resources[3].dialect", "descriptor", "commentChar: '#'")]),
    Attack("header-rows-skip-rows", descriptor(_dialect(headerRows=[2])),
           [(PEOPLE, 1, "resources[3].dialect", "descriptor", "headerRows: [2]")]),
    Attack("remote-dialect", descriptor(lambda d, l: resource(d, "people").update(dialect=l.url + "dialect.json")),
           [(PEOPLE, 1, "resources[3].dialect", "descriptor", "<listener>dialect.json")]),
    Attack("remote-schema", descriptor(lambda d, l: resource(d, "people").update(schema=l.url + "schema.json")),
           [(PEOPLE, 1, "resources[3].schema", "descriptor", "")], says="an inline schema"),
    Attack("remote-profile", descriptor(lambda d, l: d.update({"$schema": l.url + "profile.json"})),
           [(PEOPLE, 1, "$schema", "descriptor", "<listener>profile.json")]),
    Attack("inline-data-instead-of-the-file", descriptor(lambda d, l: resource(d, "people").update(data=[["x"]])),
           [(PEOPLE, 1, "resources[3].data", "descriptor", "[['x']]")]),
    Attack("missing-values-hide-cells", descriptor(lambda d, l: resource(d, "people")["schema"].update(missingValues=["", "ada-tester"])),
           [(PEOPLE, 1, "resources[3].schema", "descriptor", "")], says="only an empty cell is missing"),
    Attack("empty-list-delimiter", descriptor(lambda d, l: field_of(d, "people", "source_ids").update(delimiter="")),
           [(PEOPLE, 1, "resources[3].schema", "descriptor", "")], says="a list delimiter of ';' or '|'"),
    Attack("field-name-for-sql", descriptor(lambda d, l: field_of(d, "people", "notes").update(name='notes" TEXT); DROP TABLE x; --')),
           [(PEOPLE, 1, "resources[3].schema", "descriptor", "")], says="a field name of lowercase letters"),
    Attack("catastrophic-pattern", both(descriptor(_set("people", "role", "pattern", "^(a|aa)+$")),
                                        replace("people.csv", "Head of the Test Agency", "a" * 49 + "b")),
           [("people.csv", 2, "role", "pattern-too-slow", "a" * 49 + "b")]),
    Attack("key-pattern-that-hides-a-missing-row", both(descriptor(_set("quotes", "mission_id", "pattern", "^(a|aa)+$")),
                                                        replace("quotes.csv", ",test-lander,true,", "," + "a" * 49 + "b,true,")),
           [("quotes.csv", 2, "mission_id", "foreign-key", "a" * 49 + "b")]),
    Attack("key-pattern-that-does-not-compile", both(descriptor(_set("quotes", "mission_id", "pattern", "([")),
                                                      replace("quotes.csv", ",test-lander,true,", ",no-such-mission,true,")),
           [("quotes.csv", 2, "mission_id", "foreign-key", "no-such-mission")]),
    Attack("pattern-that-does-not-compile", descriptor(_set("people", "role", "pattern", "([")),
           [("people.csv", 1, "role", "pattern-invalid", "a pattern that compiles (unterminated character set at position 2)")]),
    Attack("item-pattern-that-does-not-compile", descriptor(lambda d, l: field_of(d, "quotes", "topics").update({"x-itemPattern": "(["})),
           [("quotes.csv", 1, "topics", "pattern-invalid", "a pattern that compiles (unterminated character set at position 2)")]),
    Attack("link-template-that-runs-a-script", descriptor(lambda d, l: field_of(d, "missions", "wikidata_id").update({"x-linkTemplate": "javascript:alert('{}')"})),
           [(PEOPLE, 1, "resources[0].schema", "descriptor", "")], says="an x-linkTemplate for field 'wikidata_id' that is an https address"),
    Attack("name-that-reads-backwards", replace("organizations.csv", ",Test Agency,", ",\u202eycnegA tseT,"),
           [("organizations.csv", 2, "name", "invisible-character", "\u202eycnegA tseT")], formats=("json", "text", "github")),
    Attack("column-title-that-reorders-the-page", descriptor(lambda d, l: field_of(d, "people", "name").update(title="Name\u2066\u202e")),
           [(PEOPLE, 1, _field_where("people", "name") + ".title", "invisible-character", "Name\u2066\u202e")],
           formats=("json", "text", "github")),
    Attack("latitude-bound-removed", both(descriptor(lambda d, l: field_of(d, "places", "lat").pop("constraints")),
                                           replace("places.csv", "-40.5,-150.25", "91,-150.25")),
           [("places.csv", 2, "lat", "out-of-range", "91")], says="from -90 to 90"),
    Attack("infinite-mass-bound-removed", both(descriptor(lambda d, l: field_of(d, "missions", "sample_mass_g").pop("constraints")),
                                                replace("missions.csv", ",1000.5,", ",inf,"),
                                                replace("claims.csv", ",sample_mass_g,1000.5,", ",sample_mass_g,inf,")),
           [("missions.csv", 2, "sample_mass_g", "out-of-range", "inf")], says="finite"),
    Attack("country-names-not-an-object", descriptor(lambda d, l: field_of(d, "missions", "country").update({"x-countryNames": 5})),
           [(PEOPLE, 1, f"resources[{_resource_index('missions')}].schema", "descriptor", "")], says="x-countryNames for field 'country' as an object"),
    Attack("country-adjectives-not-text", descriptor(lambda d, l: field_of(d, "people", "nationality").update({"x-countryAdjectives": {"US": ["American"]}})),
           [(PEOPLE, 1, f"resources[{_resource_index('people')}].schema", "descriptor", "")], says="x-countryAdjectives for field 'nationality' as an object"),
    Attack("copy-hosts-not-a-list", descriptor(lambda d, l: resource(d, "sources").update({"x-copyHosts": None})),
           [(PEOPLE, 1, f"resources[{_resource_index('sources')}].x-copyHosts", "descriptor", "None")], says="a list of host names"),
    Attack("deep-descriptor-text", _deep_text, [(PEOPLE, 1, "-", "descriptor", "nested too deeply")]),
    Attack("link-to-the-environment", link("people.csv", "/proc/self/environ"),
           [("people.csv", 1, "-", "not-a-plain-file", "a link to another file; the package's files must be plain files in its folder")],
           formats=("json", "text", "github")),
    Attack("table-declared-in-another-encoding", descriptor(lambda d, l: resource(d, "people").update({"encoding": "utf-16"})),
           [(PEOPLE, 1, f"resources[{_resource_index('people')}].encoding", "descriptor", "utf-16")], says="UTF-8 CSV files"),
    Attack("table-declared-as-a-spreadsheet", descriptor(lambda d, l: resource(d, "people").update({"format": "xlsx"})),
           [(PEOPLE, 1, f"resources[{_resource_index('people')}].format", "descriptor", "xlsx")], says="format 'csv' or none"),
    Attack("table-that-is-a-folder", folder_for("people.csv"),
           [("people.csv", 1, "-", "not-a-plain-file", "not a plain file (a folder, device or pipe)")]),
    Attack("descriptor-that-is-a-folder", folder_for("datapackage.json"),
           [(PEOPLE, 1, "-", "not-a-plain-file", "not a plain file (a folder, device or pipe)")]),
    Attack("link-to-passwd", link("people.csv", "/etc/passwd"),
           [("people.csv", 1, "-", "not-a-plain-file", "a link to another file; the package's files must be plain files in its folder")],
           formats=("json", "text", "github")),
    Attack("link-to-a-valid-table-outside", lambda folder, listener: (
               (folder.parent / "outside.csv").write_bytes((folder / "people.csv").read_bytes()),
               link("people.csv", str(folder.parent / "outside.csv"))(folder, listener)),
           [("people.csv", 1, "-", "not-a-plain-file", "a link to another file; the package's files must be plain files in its folder")]),
    Attack("device-as-a-table", link("people.csv", "/dev/zero"),
           [("people.csv", 1, "-", "not-a-plain-file", "a link to another file; the package's files must be plain files in its folder")]),
    Attack("forged-annotation-in-a-header", replace("people.csv", "person_id,name,", "person_id,name\n::error file=README.md,line=1::forged\x1b[31m,"),
           [("people.csv", 1, column, "missing-column", "") for column in sorted(_people_columns()[2:])],
           formats=("json", "text", "github")),
    Attack("forged-annotation-in-a-column-name", replace("people.csv", "person_id,name,", '"person_id\n::error file=README.md,line=1::forged\x1b[31m",name,'),
           [("people.csv", 1, "person_id\n::error file=README.md,line=1::forged\x1b[31m", "renamed-column", "person_id\n::error file=README.md,line=1::forged\x1b[31m")],
           formats=("json", "text", "github")),
    Attack("cr-line-ends", lambda folder, listener: (folder / "people.csv").write_bytes((folder / "people.csv").read_bytes().replace(b"\n", b"\r")),
           [("people.csv", 1, "-", "line-ending", "\r")]),
    Attack("utf-16-without-bom", lambda folder, listener: (folder / "people.csv").write_bytes((folder / "people.csv").read_text(encoding="utf-8").encode("utf-16-le")),
           [("people.csv", 1, "-", "encoding", "NUL bytes")]),
]
