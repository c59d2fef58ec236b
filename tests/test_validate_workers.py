"""A big package's frictionless checks run in worker processes: the report must not depend on where they ran."""

from __future__ import annotations

import lunar_atlas.validate as validate
from conftest import copy_minimal, rewrite


def test_report_is_the_same_with_frictionless_in_workers(tmp_path, monkeypatch):
    folder = copy_minimal(tmp_path / "pkg")
    package = folder / "datapackage.json"
    rewrite(folder / "missions.csv", ",success,", ",succes,")  # an enum error: frictionless' to find
    rewrite(folder / "people.csv", "ada-tester,", "Ada Tester,")  # a pattern error, and the rows citing it dangle
    inline = validate.check_package(package)
    monkeypatch.setattr(validate, "WORKER_FROM_ROWS", 0)
    in_workers = validate.check_package(package)
    rules = {p.rule for p in inline.problems}
    assert {"enum", "pattern"} <= rules
    assert in_workers == inline


def test_tables_are_split_into_groups_of_about_equal_rows():
    groups = validate._balanced({"claims": 100, "sources": 40, "events": 30, "missions": 20, "people": 1}, 2)
    assert sorted(map(sorted, groups)) == [["claims"], ["events", "missions", "people", "sources"]]
    assert validate._balanced({"claims": 5}, 2) == [["claims"]]
