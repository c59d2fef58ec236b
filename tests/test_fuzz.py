"""Random and mutated input never breaks the validator: it always answers with a report, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from conftest import MINIMAL, PACKAGE, copy_minimal, snapshot
from hostile import ESCAPE_TARGET, ESCAPE_ID
from lunar_atlas.problems import Problem
from lunar_atlas.validate import check_package

# A fixed, bounded number of examples in `make test`; HYPOTHESIS_PROFILE=long for a longer run.
settings.register_profile("default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TABLES = sorted(p.name for p in MINIMAL.glob("*.csv"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _fresh(workspace: Path) -> Path:
    folder = workspace / "package"
    shutil.rmtree(folder, ignore_errors=True)
    return copy_minimal(folder)


class _NoNetwork:
    """Every connection or host lookup tried while the validator runs is counted and refused."""

    def __init__(self):
        self.tries = 0

    def refuse(self, *args, **kwargs):
        self.tries += 1
        raise ConnectionRefusedError("no network in the fuzz tests")


def _answers_with_a_report(folder: Path):
    """A report, never an exception; nothing written in or beside the package; no connection tried."""
    watched = folder.parent
    before = snapshot(watched)
    guard = _NoNetwork()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", guard.refuse)
        patch.setattr(socket, "getaddrinfo", guard.refuse)
        report = check_package(folder / "datapackage.json")
    assert all(isinstance(p, Problem) for p in report.problems)
    assert snapshot(watched) == before, "the validator wrote a file"
    assert guard.tries == 0, "the validator tried to reach the network"
    assert not any(Path("/tmp", name).exists() for name in ("x", "x.md", ESCAPE_TARGET))
    return report


@given(table=st.sampled_from(TABLES), position=st.floats(0, 1), junk=st.binary(max_size=40))
@example(table="missions.csv", position=0.0, junk=b"\x00")  # an unreadable missions table beside a readable crew
def test_random_bytes_anywhere_in_a_table(workspace, table, position, junk):
    folder = _fresh(workspace)
    path = folder / table
    content = path.read_bytes()
    cut = int(len(content) * position)
    path.write_bytes(content[:cut] + junk + content[cut:])
    _answers_with_a_report(folder)


@given(table=st.sampled_from(TABLES), text=st.text(max_size=60), row=st.integers(1, 3), column=st.integers(0, 25))
def test_random_text_in_a_random_cell(workspace, table, text, row, column):
    import csv

    folder = _fresh(workspace)
    path = folder / table
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if row < len(rows) and column < len(rows[row]):
        rows[row][column] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    _answers_with_a_report(folder)


@given(lines=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=50), max_size=6))
def test_random_lines_as_a_table(workspace, lines):
    folder = _fresh(workspace)
    (folder / "quotes.csv").write_text("\n".join(lines), encoding="utf-8")
    _answers_with_a_report(folder)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


@given(path=st.lists(st.sampled_from(["resources", 0, 1, "schema", "fields", "name", "type", "primaryKey", "path", "x-asOf", "constraints"]), min_size=1, max_size=4),
       value=JSON)
def test_mutated_descriptor(workspace, path, value):
    _answers_with_a_report(_with_descriptor_value(_fresh(workspace), path, value))


def _with_descriptor_value(folder: Path, path: list, value) -> Path:
    """The package with `value` set at `path` in its descriptor, as far down the path as it exists."""
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    node = descriptor
    for step in path[:-1]:
        child = node.get(step) if isinstance(node, dict) and isinstance(step, str) else (
            node[step] if isinstance(node, list) and isinstance(step, int) and step < len(node) else None)
        if not isinstance(child, (dict, list)):
            break
        node = child
    if isinstance(node, dict) and isinstance(path[-1], str):
        node[path[-1]] = value
    elif isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node):
        node[path[-1]] = value
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


HOSTILE = st.sampled_from([
    "../../tmp/x", ESCAPE_ID, "/etc/passwd", "http://127.0.0.1:9/x.json", "https://example.org/schema.json", "people\x00.csv",
    "(a|aa)+$", "([", ".*", "", "#", {"commentChar": "#"}, {"headerRows": [2]}, {"skipRows": [1]}, ["", "x"], [[[[[]]]]],
    '"><script>alert(1)</script>', "\n::error file=README.md::x", "\x1b[31m", "p" * 5000, 10**30, -1, None, True,
])


@given(path=st.lists(st.sampled_from(["resources", 0, 3, 7, "schema", "fields", 0, 1, "name", "path", "dialect", "constraints", "pattern",
                                      "x-itemPattern", "delimiter", "missingValues", "$schema", "profile", "data", "commentChar"]),
                     min_size=1, max_size=6),
       value=HOSTILE)
@example(path=["$schema"], value={"commentChar": "#"})  # once a TypeError: a profile that is an object
@example(path=["resources", 0, "schema", "fields", 0, "type"], value={"commentChar": "#"})  # a type that is an object
def test_hostile_values_anywhere_in_the_descriptor(workspace, path, value):
    _answers_with_a_report(_with_descriptor_value(_fresh(workspace), path, value))


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=",\""), min_size=1, max_size=40)


@settings(max_examples=3)
@given(text=SAFE_TEXT)
def test_whatever_the_validator_accepts_builds_a_strict_site(workspace, text):
    """Random text the validator accepts in a free-text cell still makes a site that MkDocs builds with --strict."""
    import unicodedata

    from conftest import build

    text = unicodedata.normalize("NFC", text).strip()
    folder = _fresh(workspace)
    path = folder / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("It lands.", text or "x"), encoding="utf-8")
    assume(not check_package(folder / "datapackage.json").problems)  # the guarantee is about what it accepts
    result = build(folder / "datapackage.json", workspace / "site")
    assert result.returncode == 0, result.stderr[-2000:]
