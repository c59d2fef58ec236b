"""Nothing lost, nothing half-written, the same bytes every time; and a diff that reads as a data diff."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from lunar_atlas.descriptor import load_descriptor

from conftest import ROOT, build, copy_minimal, rewrite, run_cli, snapshot


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    assert build(package, tmp_path / "one").returncode == 0
    assert build(package, tmp_path / "two").returncode == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_no_wall_clock_time_reaches_the_build(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    site = tmp_path / "site"
    result = build(package, site, env=env)
    assert result.returncode == 0, result.stderr
    as_of = load_descriptor(package).as_of_moment  # the package's as-of date, the one date a build carries
    with open(site / "sitemap.xml.gz", "rb") as handle:
        assert int.from_bytes(handle.read(8)[4:8], "little") == int(as_of.timestamp())
    with zipfile.ZipFile(site / "data" / "lunar-atlas.zip") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(as_of.year, as_of.month, as_of.day)}


def test_a_changed_row_changes_only_the_files_that_show_it(tmp_path):
    package = copy_minimal(tmp_path / "package")
    assert build(package / "datapackage.json", tmp_path / "before").returncode == 0
    rewrite(package / "places.csv", "Test basin", "Test basin renamed")
    assert build(package / "datapackage.json", tmp_path / "after").returncode == 0
    before, after = snapshot(tmp_path / "before"), snapshot(tmp_path / "after")
    changed = {name for name in before if before[name] != after.get(name)}
    assert "places/test-basin/index.html" in changed
    assert "people/ada-tester/index.html" not in changed
    assert "quotes/index.html" not in changed and "quotes/2020s/index.html" not in changed
    assert "data/places.csv" in changed and "data/missions.csv" not in changed


def test_a_failed_validation_keeps_the_previous_site(tmp_path):
    package = copy_minimal(tmp_path / "package")
    site = tmp_path / "site"
    assert build(package / "datapackage.json", site).returncode == 0
    before = snapshot(site)
    (package / "events.csv").write_text((package / "events.csv").read_text().replace("2024-06-01", "2024-02-30"))
    result = build(package / "datapackage.json", site)
    assert result.returncode == 1
    assert "events.csv:3:when  edtf" in result.stderr
    assert snapshot(site) == before


def test_an_interrupted_build_keeps_the_previous_site(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    site = tmp_path / "site"
    assert build(package, site).returncode == 0
    before = snapshot(site)
    process = subprocess.Popen([sys.executable, "-m", "lunar_atlas.cli", "build", str(package), "--site-dir", str(site)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the build finished before it could be killed"
    _wait_until_gone(process.pid)
    assert snapshot(site) == before
    assert build(package, site).returncode == 0
    assert list(tmp_path.glob(".site-*")) == [], "a later build clears what an interrupted one left"


def _wait_until_gone(group: int) -> None:
    """The killed build's workers end a moment after it: a later build starts, as a person's would, once none still
    writes (a zombie left unreaped by the machine's init counts as gone after ten seconds)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def test_a_table_too_large_to_read_is_reported_not_read(tmp_path):
    package = copy_minimal(tmp_path / "package")
    with (package / "events.csv").open("r+b") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk, and must not be read
    result = run_cli("validate", "datapackage.json", "--format", "json", cwd=package)
    assert result.returncode == 1
    assert '"rule": "file-too-large"' in result.stdout


def test_a_huge_cell_is_reported(tmp_path):
    package = copy_minimal(tmp_path / "package")
    rewrite(package / "people.csv", "Head of the Test Agency", "x" * 200_000)
    result = run_cli("validate", "datapackage.json", cwd=package)
    assert result.returncode == 1
    assert "people.csv:2:-  cell-too-long" in result.stdout


def test_diff_reports_rows_added_removed_and_changed(tmp_path):
    old = copy_minimal(tmp_path / "old")
    new = copy_minimal(tmp_path / "new")
    people = new / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("Head of the Test Agency", "Chief of the Test Agency")
                      + "bo-tester,Bo Tester,,,Engineer,test-agency,,,,test-report,\n", encoding="utf-8")
    places = new / "places.csv"
    places.write_text("\n".join(line for line in places.read_text(encoding="utf-8").splitlines() if not line.startswith("test-site")) + "\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "people: 1 added, 0 removed, 1 changed",
        "  + bo-tester",
        "  ~ ada-tester role: 'Head of the Test Agency' → 'Chief of the Test Agency'",
        "places: 0 added, 1 removed, 0 changed",
        "  - test-site",
    ]
    markdown = run_cli("diff", str(old), str(new), "--format", "markdown").stdout
    assert "| people | 1 | 0 | 1 |" in markdown and "| `ada-tester` | `role` | Head of the Test Agency | Chief of the Test Agency |" in markdown


def test_diff_warns_that_rows_of_an_invalid_package_are_left_out(tmp_path):
    """A row with a cell too few cannot be read: the diff says the counts may be short, rather than drop it silently."""
    old = copy_minimal(tmp_path / "old")
    new = copy_minimal(tmp_path / "new")
    people = new / "people.csv"
    people.write_text(people.read_text(encoding="utf-8") + "bo-tester,Bo Tester,Engineer\n", encoding="utf-8")
    text = run_cli("diff", str(old), str(new)).stdout.splitlines()
    assert text[0].startswith("Warning: The new package has ") and "left out of this comparison" in text[0], text
    assert not any(line.startswith("Warning: The old package") for line in text)
    markdown = run_cli("diff", str(old), str(new), "--format", "markdown").stdout
    assert "> Warning: The new package has " in markdown
    assert run_cli("diff", str(old), str(old)).stdout == "No changes.\n"
    places = new / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("place_id,", "place,", 1), encoding="utf-8")
    text = run_cli("diff", str(old), str(new)).stdout
    assert "2 tables or rows that cannot be read" in text and "places:" not in text, "a table it cannot read is not shown emptied"


def test_diff_reads_git_revisions(tmp_path):
    """The old side is read from git: HEAD's package with one changed cell differs from HEAD by that cell (taken from
    HEAD, not the working tree, so a contributor's uncommitted edits do not show in the diff)."""
    archive = subprocess.run(["git", "archive", "HEAD", "datapackage"], cwd=ROOT, capture_output=True, check=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(tmp_path, filter="data")
    changed = tmp_path / "datapackage"
    sources = changed / "sources.csv"
    header, first, rest = sources.read_text(encoding="utf-8").split("\n", 2)
    source_id, title = first.split(",")[:2]
    sources.write_text("\n".join([header, first.replace(f"{source_id},{title},", f"{source_id},{title} (retitled),", 1), rest]), encoding="utf-8")
    result = run_cli("diff", "HEAD", str(changed), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["sources: 0 added, 0 removed, 1 changed", f"  ~ {source_id} title: {title!r} → {title + ' (retitled)'!r}"]


def _drop_place(package: Path, place_id: str) -> None:
    places = package / "places.csv"
    kept = [line for line in places.read_text(encoding="utf-8").splitlines() if not line.startswith(place_id + ",")]
    places.write_text("\n".join(kept) + "\n", encoding="utf-8")
    for name in ("missions.csv", "events.csv"):
        rewrite(package / name, f",{place_id},", ",test-basin,")


def test_a_silently_dropped_id_is_refused(tmp_path):
    old = copy_minimal(tmp_path / "old")
    new = copy_minimal(tmp_path / "new")
    _drop_place(new, "test-site")
    result = run_cli("ids", str(old), str(new))
    assert result.returncode == 1
    assert 'places.csv:1:place_id  id-vanished  "test-site"' in result.stdout


def test_a_recorded_rename_is_accepted_and_redirects(tmp_path):
    old = copy_minimal(tmp_path / "old")
    new = copy_minimal(tmp_path / "new")
    rewrite(new / "places.csv", "test-site,", "test-landing-site,")
    for name in ("missions.csv", "events.csv"):
        rewrite(new / name, ",test-site,", ",test-landing-site,")
    with (new / "renames.csv").open("a", encoding="utf-8") as handle:
        handle.write("places-test-site,places,test-site,test-landing-site,2026-04-11,A clearer name.\n")
    assert run_cli("ids", str(old), str(new)).returncode == 0
    site = tmp_path / "site"
    result = build(new / "datapackage.json", site)
    assert result.returncode == 0, result.stderr
    redirect = (site / "places" / "test-site" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../test-landing-site/"' in redirect
    assert "This page has moved to" in redirect and "A clearer name." in redirect  # where it went, and why
    assert (site / "places" / "test-landing-site" / "index.html").is_file()


def test_a_failed_site_build_keeps_the_previous_site(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    site = tmp_path / "site"
    assert build(package, site).returncode == 0
    before = snapshot(site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "not a number"}  # MkDocs and the render worker fail on it
    result = build(package, site, env=env)
    assert result.returncode == 1
    assert "did not build" in result.stderr
    assert snapshot(site) == before
    assert list(tmp_path.glob(".site-*")) == []


def test_the_validator_runs_below_mkdocs_priority(tmp_path, monkeypatch):
    """It has the whole build to finish in; MkDocs and the render worker it waits for go first."""
    from lunar_atlas import build as build_module
    from lunar_atlas.render_workers import RENDER_NICENESS

    reporter = tmp_path / "python"  # stands in for the validator: reports its own niceness as a problem
    reporter.write_text("#!/bin/sh\necho \"niceness $(nice)\"\nexit 1\n", encoding="utf-8")
    reporter.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(reporter))
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    assert build_module.validate_in_child(tmp_path / "datapackage.json") == f"niceness {min(ours + build_module.VALIDATOR_NICENESS, 19)}\n"
    assert build_module.VALIDATOR_NICENESS > RENDER_NICENESS


def test_nothing_is_written_through_a_link_or_out_of_the_build_folder(tmp_path):
    from lunar_atlas.paths import UnsafePath, inside, write_inside

    build, outside = tmp_path / "build", tmp_path / "outside"
    (build / "missions").mkdir(parents=True)
    outside.mkdir()
    (build / "escape").symlink_to(outside, target_is_directory=True)
    (build / "missions" / "page.md").symlink_to(outside / "page.md")
    for relative in ("escape/page.md", "missions/page.md", "../outside/page.md", "/etc/page.md", "missions//page.md"):
        with pytest.raises(UnsafePath):
            write_inside(build, relative, "written")
    assert not any(outside.iterdir())
    assert inside(build, "missions/other.md") == build.resolve() / "missions" / "other.md"


def test_an_interrupt_while_a_child_is_being_started_takes_effect_once_it_is_started():
    from lunar_atlas import build as building

    reached = False
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C as a build has it (not as other tests left it)
    try:
        with pytest.raises(KeyboardInterrupt):
            with building._interrupts_held():
                signal.raise_signal(signal.SIGINT)
                reached = True  # held: not lost in a fork's hooks, not raised halfway through starting the child
    finally:
        signal.signal(signal.SIGINT, previous)
    assert reached



def test_a_build_one_step_at_a_time_is_the_same_site(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    assert build(package, tmp_path / "overlapped").returncode == 0
    result = run_cli("build", str(package), "--site-dir", str(tmp_path / "stepwise"), "--one-step-at-a-time")
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "stepwise") == snapshot(tmp_path / "overlapped")


def test_a_build_one_step_at_a_time_starts_mkdocs_only_once_the_package_is_valid(tmp_path, monkeypatch):
    """Validation, then MkDocs: the two never hold their memory at once; a broken package never starts MkDocs."""
    from lunar_atlas import build as build_module

    steps: list[str] = []
    monkeypatch.setattr(build_module, "validate_in_child", lambda package: steps.append("validated") or problems)
    monkeypatch.setattr(build_module, "_start_mkdocs", lambda *args, **options: steps.append(("mkdocs", options)))
    problems = "events.csv:3:when  edtf  …\n"
    assert build_module._build_into(tmp_path / "datapackage.json", tmp_path, tmp_path / "site", one_step=True) == 1
    assert steps == ["validated"]
    steps.clear()
    build_module._build_into(tmp_path / "datapackage.json", tmp_path, tmp_path / "site", one_step=False)
    assert steps == [("mkdocs", {}), "validated"]  # overlapped: MkDocs starts first, beside the validator


def test_mkdocs_reads_no_page_before_the_worker_has_ended_when_asked(tmp_path, monkeypatch):
    """The gen-files script of a build one step at a time waits for the whole worker, not for its plan only."""
    import runpy

    import mkdocs_gen_files

    from lunar_atlas import render_workers

    events: list[str] = []

    class Worker:
        def pages(self):
            events.append("planned")
            return ["missions/a.md"]

    class Editor:  # gen-files' editor, as the script sees it through mkdocs_gen_files
        directory = str(tmp_path)
        config = SimpleNamespace(repo_url="", site_url="", site_dir=str(tmp_path / "site"))

        def open(self, path, mode):
            events.append(f"registered {path}")
            return open(tmp_path / "registered", mode)

    monkeypatch.setattr(render_workers, "start", lambda *args: Worker())
    monkeypatch.setattr(render_workers, "finish", lambda: events.append("worker ended"))
    monkeypatch.setattr(mkdocs_gen_files.FilesEditor, "current", Editor)
    monkeypatch.setenv(render_workers.PAGES_FIRST, "1")
    runpy.run_path(str(ROOT / "scripts" / "gen_pages.py"))
    assert events == ["planned", "worker ended", "registered missions/a.md"]
    events.clear()
    monkeypatch.delenv(render_workers.PAGES_FIRST)
    runpy.run_path(str(ROOT / "scripts" / "gen_pages.py"))
    assert events == ["planned", "registered missions/a.md"]  # overlapped: pages are read while the worker writes


def test_a_big_package_is_built_one_step_at_a_time(tmp_path, monkeypatch):
    from lunar_atlas import build as build_module

    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    tables = sum(p.stat().st_size for p in package.parent.glob("*.csv"))
    assert not build_module.one_step_at_a_time(package)  # small: overlapped
    monkeypatch.setattr(build_module, "ONE_STEP_FROM_BYTES", tables)
    assert build_module.one_step_at_a_time(package)
    (package.parent / "datapackage.json").write_text("{", encoding="utf-8")
    assert not build_module.one_step_at_a_time(package)  # unreadable: the validator reports it
