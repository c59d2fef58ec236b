"""The CI a stranger's pull request runs: workflows zizmor passes, pinned actions, least permissions,
no event data expanded into scripts, a comment workflow that never runs the pull request's code,
data changes posted as inert Markdown, and a `make` that sets up Python's venv on a stock machine."""

from __future__ import annotations

import csv
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import ROOT, copy_minimal, run_cli

WORKFLOWS = ROOT / ".github" / "workflows"
COMMENT_WORKFLOW = WORKFLOWS / "data-changes-comment.yml"
PULL_REQUEST_WORKFLOW = WORKFLOWS / "pull-request.yml"
ZWSP = "\u200b"

# A row a contributor could send: raw HTML with a script, an image, a link, mentions, a reference,
# table pipes, backticks, emphasis, a bare address and line breaks, all in one cell.
HOSTILE = ("<img src=x onerror=alert(1)> <script>alert(2)</script> ![x](http://evil.example/p.png) "
           "[click](javascript:alert(3)) <http://evil.example> www.evil.example https://evil.example/a "
           "@everyone @octocat/team #1 a|b | `code` ``two`` *bold* _em_ &amp; \\| end\nsecond line\r\nthird")


def _workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}


def _triggers(workflow: dict) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    return workflow.get("on", workflow.get(True))


def _steps() -> list[tuple[str, str, dict]]:
    return [(name, job_name, step) for name, workflow in _workflows().items()
            for job_name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def _render(markdown: str) -> str:
    """Markdown as a renderer that lets raw HTML through would show it: nothing hostile may survive."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


class _Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _elements(rendered: str) -> _Elements:
    parser = _Elements()
    parser.feed(rendered)
    return parser


def test_the_workflows_are_found():
    assert set(_workflows()) == {"publish.yml", "pull-request.yml", "data-changes-comment.yml"}


# --- zizmor and the rules it checks ------------------------------------------------------------

def test_zizmor_finds_nothing_in_the_workflows():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor, "zizmor is not installed: it is in requirements/dev.lock (make test installs it)"
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_CONFIG")}
    result = subprocess.run([zizmor, "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_the_one_finding_zizmor_is_told_to_ignore_is_the_comment_workflows_trigger():
    """zizmor flags every workflow_run trigger; the comment workflow needs one, and says why it is safe."""
    ignores = [(path.name, line.strip()) for path in sorted(WORKFLOWS.glob("*.yml"))
               for line in path.read_text(encoding="utf-8").splitlines() if "zizmor:" in line]
    assert len(ignores) == 1
    name, line = ignores[0]
    assert name == COMMENT_WORKFLOW.name
    assert re.fullmatch(r"workflow_run: # zizmor: ignore\[dangerous-triggers\] \S.{20,}", line), line


def test_no_run_block_expands_expressions():
    """Event data (branch names, titles, numbers) reaches scripts only through environment variables."""
    for workflow, job, step in _steps():
        if "run" in step:
            assert "${{" not in step["run"], f"{workflow} job {job}: step {step.get('name')!r} expands an expression in run:"


def test_every_action_is_pinned_to_a_commit_hash_with_its_version():
    uses = [(workflow, step["uses"]) for workflow, _, step in _steps() if "uses" in step]
    assert uses
    for workflow, action in uses:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}", action), f"{workflow}: {action} is not pinned to a commit"
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(- )?uses:", line):
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line.strip()} names no version"


def test_checkout_never_keeps_the_token():
    checkouts = [(workflow, step) for workflow, _, step in _steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for workflow, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{workflow}: checkout keeps the token in .git"


def test_every_job_holds_only_the_permissions_it_needs():
    writes = {}
    for name, workflow in _workflows().items():
        assert workflow.get("permissions") == {}, f"{name}: the workflow grants permissions to every job"
        for job_name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name} job {job_name} declares no permissions"
            writes[(name, job_name)] = {scope for scope, level in job["permissions"].items() if level == "write"}
    assert {key: scopes for key, scopes in writes.items() if scopes} == {
        ("data-changes-comment.yml", "comment"): {"pull-requests"},
        ("publish.yml", "deploy"): {"pages", "id-token"},
        ("publish.yml", "release"): {"contents"},
    }


# --- fork pull requests --------------------------------------------------------------------------

def test_the_pull_request_workflow_runs_the_contributors_code_with_a_read_only_token():
    workflow = yaml.safe_load(PULL_REQUEST_WORKFLOW.read_text(encoding="utf-8"))
    assert set(_triggers(workflow)) == {"pull_request"}, "pull_request_target would hand a fork's code a writing token"
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    for command in ("make validate FORMAT=github", "lunar-atlas ids", "lunar-atlas diff", "make test", "make site"):
        assert command in scripts
    uploads = {step["with"]["name"]: step["with"]["path"] for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert set(uploads) == {"site", "data-changes"}
    assert "build/data-changes/pr-number" in scripts and "build/data-changes/data-changes.md" in scripts
    assert uploads["data-changes"] == "build/data-changes/"


def test_the_comment_workflow_neither_checks_out_nor_runs_pull_request_code():
    workflow = yaml.safe_load(COMMENT_WORKFLOW.read_text(encoding="utf-8"))
    assert _triggers(workflow) == {"workflow_run": {"workflows": ["pull request"], "types": ["completed"]}}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    actions = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert actions == ["actions/download-artifact"], "the only action run is the artifact download"
    (download,) = [step for step in job["steps"] if "uses" in step]
    assert download["with"]["name"] == "data-changes", "only the data-changes artifact is downloaded"
    assert download["with"]["path"].startswith("${{ runner.temp }}/"), "the artifact lands outside the workspace"
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    for sign in (r"\bgit\s", r"\bmake\s", r"\.venv/", r"lunar-atlas (validate|build|diff|ids|serve)", r"\bpip\d?\s",
                 r"GITHUB_WORKSPACE", r"(^|\s)\./", r"\bsource\s", r"\b(ba)?sh\s", r"\bexec\(", r"\beval\b", r"chmod"):
        assert re.search(sign, scripts) is None, f"the comment workflow runs something of the workspace: {sign!r}"


def _comment_script() -> str:
    workflow = yaml.safe_load(COMMENT_WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    (step,) = [step for step in job["steps"] if step.get("id") == "comment"]
    assert step["shell"] == "python3 {0}"
    return step["run"]


def _run_comment_script(tmp_path: Path, number: bytes, markdown: str, site: str = "4242") -> subprocess.CompletedProcess:
    artifact = tmp_path / "data-changes"
    artifact.mkdir(exist_ok=True)
    (artifact / "pr-number").write_bytes(number)
    (artifact / "data-changes.md").write_text(markdown, encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "ARTIFACT": str(artifact), "COMMENT": str(tmp_path / "comment.md"),
           "SITE_ARTIFACT": site, "CONCLUSION": "success", "RUN_URL": "https://github.com/o/r/actions/runs/7",
           "GITHUB_OUTPUT": str(tmp_path / "output")}
    return subprocess.run([sys.executable, "-c", _comment_script()], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("number", [b"12; rm -rf ~", b"$(id)", b"0", b"-1", b"", b"12\n13", "\u0661\u0662".encode()])
def test_the_comment_workflow_refuses_a_pull_request_number_that_is_not_digits(tmp_path, number):
    result = _run_comment_script(tmp_path, number, "## Data changes\n\nNo changes.\n")
    assert result.returncode != 0
    assert "pr-number is not a number" in result.stderr + result.stdout
    assert not (tmp_path / "comment.md").exists()


def test_the_comment_workflow_posts_even_a_doctored_artifact_as_inert_text(tmp_path):
    """The artifact is written by the pull request's code, which may skip the diff's escaping altogether."""
    result = _run_comment_script(tmp_path, b"17\n", "## Data changes\n\n" + HOSTILE + "\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output").read_text(encoding="utf-8") == "number=17\n"
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- lunar-atlas: data changes -->\n")
    changes, footer = comment.split("\n", 1)[1].rsplit("\n---\n", 1)
    assert "<" not in changes and "![" not in changes
    assert re.search("@(?!" + ZWSP + ")", changes) is None and re.search("#[0-9]", changes) is None
    tags = {tag for tag, _ in _elements(_render(changes)).tags}
    assert not tags & {"img", "script"}
    assert "https://github.com/o/r/actions/runs/7/artifacts/4242" in footer, "the comment links to the site preview"
    assert "python3 -m http.server --directory site 8000" in footer


def test_the_comment_workflow_cuts_a_comment_too_long_for_github(tmp_path):
    result = _run_comment_script(tmp_path, b"17", "## Data changes\n\n" + "- added `row`\n" * 20_000)
    assert result.returncode == 0, result.stderr
    comment = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert len(comment) < 65_536 and "the whole list is in the run's `data-changes` artifact" in comment


# --- the data changes as Markdown ----------------------------------------------------------------

def _hostile_diff(tmp_path: Path) -> str:
    old = copy_minimal(tmp_path / "old")
    new = copy_minimal(tmp_path / "new")
    people = new / "people.csv"
    rows = list(csv.reader(io.StringIO(people.read_text(encoding="utf-8"))))
    header = rows[0]
    assert rows[1][header.index("role")] == "Head of the Test Agency"
    rows[1][header.index("role")] = HOSTILE
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    people.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_data_changes_markdown_shows_a_hostile_row_as_plain_text(tmp_path):
    markdown = _hostile_diff(tmp_path)
    elements = _elements(_render(markdown))
    assert not {tag for tag, _ in elements.tags} & {"img", "script", "em", "strong"}
    links = [attrs["href"] for tag, attrs in elements.tags if tag == "a"]
    assert links == ["http://127.0.0.1:8000/people/ada-tester/"], "the only link is the changed row's page in the preview"
    after = [cell for cell in elements.cells if "onerror" in cell]
    shown = HOSTILE.replace("\r\n", " ↵ ").replace("\n", " ↵ ")
    assert [cell.replace(ZWSP, "") for cell in after] == [shown], "the cell shows the value exactly, pipes and backticks included"


def test_data_changes_markdown_mentions_and_references_no_one(tmp_path):
    markdown = _hostile_diff(tmp_path)
    assert "@everyone" not in markdown and "@octocat" not in markdown and "#1" not in markdown
    assert "@" + ZWSP + "everyone" in markdown
    assert "\n" not in markdown.split("| `ada-tester` | `role` |")[1].split(" |\n")[0], "a line break would end the table row"


# --- a stock Debian or Ubuntu machine ------------------------------------------------------------

FAKE_PYTHON = """#!/bin/sh
# A python3 whose venv module cannot create an environment until python3.X-venv is "installed".
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  if [ -e "$STATE/venv-installed" ]; then
    printf '#!/bin/sh\\nexit 0\\n' > "$3/bin/python" && chmod +x "$3/bin/python" && exit 0
  fi
  echo "The virtual environment was not created successfully because ensurepip is not available." >&2
  exit 1
fi
exec "$REAL_PYTHON" "$@"
"""

FAKE_APT = """#!/bin/sh
echo "$@" >> "$STATE/apt.log"
[ -n "$APT_FAILS" ] && exit 100
case "$*" in *install*) touch "$STATE/venv-installed" ;; esac
exit 0
"""


def _make_venv_with_a_stock_python(tmp_path: Path, apt_fails: bool) -> subprocess.CompletedProcess:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name, text in (("python3", FAKE_PYTHON), ("apt-get", FAKE_APT)):
        (tools / name).write_text(text, encoding="utf-8")
        (tools / name).chmod(0o755)
    venv = tmp_path / "venv"  # never the project's own .venv
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "STATE": str(tmp_path), "REAL_PYTHON": sys.executable,
           "APT_FAILS": "1" if apt_fails else "", "MAKEFLAGS": ""}
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), f"VENV={venv}", f"PYTHON={tools / 'python3'}", "SUDO=",
                           f"{venv}/.runtime"], env=env, capture_output=True, text=True, timeout=120)


def _venv_package() -> str:
    return "python%d.%d-venv" % sys.version_info[:2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_installs_python_venv_when_venv_cannot_create_an_environment(tmp_path):
    result = _make_venv_with_a_stock_python(tmp_path, apt_fails=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "apt.log").read_text().splitlines() == ["update -qq", f"install -y -qq {_venv_package()}"]
    assert (tmp_path / "venv" / ".runtime").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_stops_with_the_one_command_to_run_when_it_cannot_install_python_venv(tmp_path):
    result = _make_venv_with_a_stock_python(tmp_path, apt_fails=True)
    assert result.returncode != 0
    assert f"Run: sudo apt-get install {_venv_package()}" in result.stderr
    assert not (tmp_path / "venv").exists(), "the half-made environment is removed"


def test_a_release_tag_publishes_its_downloads_and_a_publishing_build_needs_the_site_address():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))
    assert _triggers(workflow)["push"] == {"branches": ["main"], "tags": ["v*.*.*"]}
    build = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("run") == "make site")
    assert build["env"]["LUNAR_ATLAS_PUBLISH"] == "1" and "LUNAR_ATLAS_SITE_URL" in build["env"]
    release = workflow["jobs"]["release"]
    assert release["needs"] == "build" and release["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert workflow["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    script = "\n".join(step.get("run", "") for step in release["steps"])
    assert "sha256sum --check --strict SHA256SUMS" in script
    assert 'gh release create "v$version" releases/"$version"/*' in script
