"""A pull request is untrusted input, its descriptor included: whatever it says, nothing is written outside the
build, nothing is read outside the package, nothing is fetched, nothing leaks into a report, nothing runs in a
reader's browser, and every answer is a report, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Server, build, copy_minimal, run_cli, snapshot, wait_until
from lunar_atlas.hidden_characters import UNSEEN
from hostile import ATTACKS, ESCAPE_TARGET, SECRET, Listener, descriptor, field_of, replace

ESCAPE_PATHS = [Path("/tmp") / ESCAPE_TARGET, Path("/tmp") / f"{ESCAPE_TARGET}.md", Path("/tmp") / f"{ESCAPE_TARGET}.json",
                Path("/tmp") / ESCAPE_TARGET / "index.md"]


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def _hostile_env(tmp_path: Path) -> dict:
    watched = tmp_path / "tmp"
    watched.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(watched), "LUNAR_ATLAS_SECRET": SECRET}


def _expected(attack, listener) -> list[tuple]:
    return [(*row[:4], str(row[4]).replace("<listener>", listener.url)) for row in attack.expected]


def _nothing_escaped():
    return [path for path in ESCAPE_PATHS if os.path.lexists(path)]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_a_hostile_package_gets_its_exact_report_and_touches_nothing(attack, tmp_path, listener):
    folder = copy_minimal(tmp_path / "package")
    attack.edit(folder, listener)
    env = _hostile_env(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli("validate", "datapackage.json", "--format", "json", cwd=folder, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == "", "hostile input must get a report, not a traceback"
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["row"], p["column"], p["rule"], p["value"]) for p in problems] == _expected(attack, listener)
    assert attack.says in problems[0]["expected"]
    for format in attack.formats:
        output = run_cli("validate", "datapackage.json", "--format", format, cwd=folder, env=env).stdout
        assert SECRET not in output and "root:x:0:0" not in output, "a refused file's content reached the report"
        assert "\x1b" not in output, "a value coloured the log"
        assert not UNSEEN.search(output.replace("\n", "")), "a report printed a character that hides or reorders text"
        assert not any(line.startswith("::error file=README.md") or line.startswith("::error file=README") for line in output.splitlines())
        assert all(line.startswith("::error file=") for line in output.splitlines()) if format == "github" else True
    assert snapshot(tmp_path) == before, "the validator must write nothing"
    assert listener.connections == 0, "the validator reached the network"
    assert _nothing_escaped() == []


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_a_hostile_package_builds_nothing_anywhere(attack, tmp_path, listener):
    folder = copy_minimal(tmp_path / "package")
    attack.edit(folder, listener)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site\n", encoding="utf-8")
    env = _hostile_env(tmp_path)
    result = run_cli("build", str(folder / "datapackage.json"), "--site-dir", str(site), env=env)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert snapshot(site) == {"index.html": b"the previous site\n"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "outside.csv") == [".site.lock", "package", "site", "tmp"]
    assert list((tmp_path / "tmp").iterdir()) == [], "a temporary file of the build was left behind"
    assert listener.connections == 0, "the build reached the network"
    assert _nothing_escaped() == []


def test_the_network_guard_refuses_every_connection(tmp_path, listener):
    script = tmp_path / "fetch.py"
    script.write_text(f"import urllib.request\nurllib.request.urlopen({listener.url!r}, timeout=5)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "lunar_atlas.offline", "fetch"], capture_output=True, text=True, env=env)
    direct = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert "NetworkRefused" in result.stderr and result.returncode != 0
    assert direct.returncode != 0 and listener.connections == 1, "the unguarded control reached the listener once"


@pytest.mark.parametrize("command", ["diff", "ids"])
def test_a_revision_is_never_a_git_option(command, tmp_path):
    target = tmp_path / "kept.txt"
    target.write_text("kept\n", encoding="utf-8")
    args = [command, f"--output={target}", "datapackage"] if command == "diff" else [command, f"--output={target}"]
    result = run_cli(*[a for a in args], cwd=ROOT)
    assert result.returncode != 0
    assert target.read_text(encoding="utf-8") == "kept\n"
    dashed = run_cli(command, "--", f"--output={target}", str(ROOT / "datapackage"), cwd=ROOT)
    assert dashed.returncode == 1 and "does not start with '-'" in dashed.stderr and "Traceback" not in dashed.stderr
    assert target.read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("revision", ["no-such-revision", "HEAD~100000", "HEAD:README.md", "a" * 5000, "HEAD^{blob}"])
def test_a_bad_revision_is_one_line(revision):
    result = run_cli("diff", revision, str(ROOT / "datapackage"), cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "neither a package path nor a git revision" in result.stderr


@pytest.mark.parametrize("site_dir", ["package", ".", "package/site", "/"])
def test_the_site_folder_never_holds_the_package(site_dir, tmp_path):
    folder = copy_minimal(tmp_path / "package")
    before = snapshot(tmp_path)
    result = run_cli("build", str(folder / "datapackage.json"), "--site-dir", site_dir, cwd=tmp_path)
    assert result.returncode == 1 and "refused --site-dir" in result.stderr
    assert snapshot(tmp_path) == before


def test_the_site_folder_is_never_the_project(tmp_path):
    result = run_cli("build", str(copy_minimal(tmp_path / "package") / "datapackage.json"), "--site-dir", str(ROOT))
    assert result.returncode == 1 and "the project's folder" in result.stderr


def test_an_unwritable_site_folder_is_one_line(tmp_path):
    folder = copy_minimal(tmp_path / "package")
    (tmp_path / "file").write_text("a file, not a folder\n", encoding="utf-8")
    result = run_cli("build", str(folder / "datapackage.json"), "--site-dir", str(tmp_path / "file" / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "could not write" in result.stderr


def _default_signals():
    # A shell that starts a job in the background makes it ignore SIGINT, and a child inherits that; a user's
    # build in a terminal does not ignore it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_build(package: Path, site: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lunar_atlas.cli", "build", str(package), "--site-dir", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_default_signals)


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if text in command:
                found.append(int(entry.name))
    return found


def test_a_second_build_refuses_while_the_first_runs(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    site = tmp_path / "site"
    first = _start_build(package, site)
    wait_until(lambda: list(tmp_path.glob(".site-*")))
    second = run_cli("build", str(package), "--site-dir", str(site))
    assert second.returncode == 1 and "another build is writing" in second.stderr
    assert first.wait(timeout=300) == 0, first.stderr[-2000:]
    assert build(package, tmp_path / "alone").returncode == 0
    assert snapshot(site) == snapshot(tmp_path / "alone"), "the first build installed every file"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["interrupt", "terminate"])
def test_an_interrupt_ends_the_build_and_its_children(stop, tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    site = tmp_path / "site"
    assert build(package, site).returncode == 0
    before = snapshot(site)
    process = _start_build(package, site)
    work = wait_until(lambda: list(tmp_path.glob(".site-*")))[0]
    wait_until(lambda: _processes_mentioning(str(work)))  # MkDocs is running
    process.send_signal(stop)
    status, error = process.wait(timeout=60), process.stderr.read()
    assert status == 130, error[-2000:]
    assert "Interrupted" in error
    wait_until(lambda: not _processes_mentioning(str(work)), 10)
    assert snapshot(site) == before and not work.exists()


def test_killing_the_build_kills_its_children(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    process = _start_build(package, tmp_path / "site")
    work = wait_until(lambda: list(tmp_path.glob(".site-*")))[0]
    wait_until(lambda: _processes_mentioning(str(work)))
    process.kill()
    process.wait()
    wait_until(lambda: not _processes_mentioning(str(work)), 10)


def test_a_killed_validator_ends_the_build_with_one_line(tmp_path):
    package = copy_minimal(tmp_path / "package") / "datapackage.json"
    site = tmp_path / "site"
    process = _start_build(package, site)
    validator = wait_until(lambda: _processes_mentioning(f"lunar_atlas.validate {package}"))[0]
    os.kill(validator, signal.SIGKILL)
    assert process.wait(timeout=120) == 1
    error = process.stderr.read()
    assert "the validator stopped with status -9" in error and "Traceback" not in error
    assert not site.exists() and not list(tmp_path.glob(".site-*"))


SCRIPT = '"><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def test_markup_in_the_data_never_runs_in_a_browser(tmp_path, browser):
    """Even with the country's pattern removed from the descriptor, markup in any text cell is shown as text."""
    folder = copy_minimal(tmp_path / "package")
    descriptor(lambda data, listener: field_of(data, "missions", "country")["constraints"].pop("pattern"))(folder, None)
    quoted = '"' + SCRIPT.replace('"', '""') + '"'
    replace("missions.csv", ",CN,test-agency,", f",{quoted},test-agency,")(folder, None)
    replace("missions.csv", ",Test Lander,", f",{quoted},")(folder, None)
    replace("missions.csv", ",A fictional mission for tests.,", f",{quoted},")(folder, None)
    result = build(folder / "datapackage.json", tmp_path / "site")
    assert result.returncode == 0, "markup in text cells is valid data: " + result.stderr[-1500:]
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with Server(tmp_path / "site") as server:
        for path in ("", "map/", "missions/", "missions/test-lander/", "timeline/", "data/"):
            page.goto(server.url + path)
            assert page.evaluate("window.pwned") is None, f"markup from the data ran on /{path}"
            assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        page.goto(server.url + "missions/test-lander/")
        assert SCRIPT in page.inner_text("body"), "the markup is shown to the reader as text"
    page.close()
    assert dialogs == []
