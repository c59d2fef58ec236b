"""Building the site: build into a fresh folder while validating, and only then replace site/.

MkDocs runs in a child process beside the validator (the two use both cores); its output is held back until the
package is known to be valid. MkDocs is the longest part and runs on one core, so the validator yields the CPU to
it (and to the render workers, which MkDocs waits for): it has the whole build to finish in. A failed or
interrupted build leaves the previous site/ exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from .descriptor import DescriptorError, load_descriptor
from .paths import ROOT

VALIDATOR_NICENESS = 10  # below the render workers' (see render_workers.py): MkDocs may be waiting for them
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _environment(package: Path) -> dict[str, str]:
    environment = {**os.environ, **QUIET, "LUNAR_ATLAS_PACKAGE": str(package.resolve())}
    # MkDocs dates the sitemap's gzip header with the build time unless told otherwise:
    # the package's as-of date keeps two builds of the same data byte-identical.
    environment.setdefault("SOURCE_DATE_EPOCH", str(_as_of_epoch(package)))
    return environment


def _as_of_epoch(package: Path) -> int:
    return int(load_descriptor(package).as_of_moment.timestamp())


def _mkdocs_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(ROOT / "mkdocs.yml")]


def _replace(target: Path, fresh: Path) -> None:
    """Swap the new build in with two renames, so site/ is never half-written."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _clear_leftovers(site_dir: Path) -> None:
    """Remove the half-built folders of builds that were killed before they could clean up."""
    for leftover in site_dir.parent.glob(f".{site_dir.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _start_mkdocs(package: Path, fresh: Path, log) -> subprocess.Popen | None:
    """MkDocs building into `fresh`, or None when the descriptor is too broken to read (the validator says why)."""
    try:
        environment = _environment(package)
    except DescriptorError:
        return None
    return subprocess.Popen(_mkdocs_command("build", "--strict", "--site-dir", str(fresh)),
                            env=environment, stdout=log, stderr=subprocess.STDOUT)


def _validate_in_child(package: Path) -> str:
    """The validator's report ("" when the package is valid), from a child process.

    A child's memory goes back to the system when it ends; a big catalog validated in this process would stay
    resident beside MkDocs for the whole build.
    """
    result = subprocess.run([sys.executable, "-m", "lunar_atlas.validate", str(package)], stdout=subprocess.PIPE, text=True,
                            preexec_fn=partial(os.nice, VALIDATOR_NICENESS))
    if result.returncode not in (0, 1):
        raise RuntimeError(f"the validator failed (exit code {result.returncode}); its error is above")
    return result.stdout if result.returncode else ""


def build_site(package: Path, site_dir: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(site_dir)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        with tempfile.TemporaryFile() as log:
            mkdocs = _start_mkdocs(package, fresh, log)
            try:
                problems = _validate_in_child(package)
            except BaseException:
                if mkdocs:
                    mkdocs.kill()
                raise
            if problems:
                if mkdocs:
                    mkdocs.kill()  # what it builds from a broken package is of no use, nor are its errors
                    mkdocs.wait()
                sys.stderr.write(problems)
                sys.stderr.write(f"Nothing was built; {site_dir} is unchanged.\n")
                return 1
            status = mkdocs.wait()
            log.seek(0)
            sys.stderr.buffer.write(log.read())
            sys.stderr.flush()
        if status != 0:
            sys.stderr.write(f"The site did not build; {site_dir} is unchanged.\n")
            return 1
        _replace(site_dir, fresh)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    print(f"Built the site into {site_dir}")
    return 0


def serve_site(package: Path) -> int:
    problems = _validate_in_child(package)
    if problems:
        sys.stderr.write(problems)
        return 1
    command = _mkdocs_command("serve", "--dev-addr", "127.0.0.1:8000", "--watch", str(package.parent), "--watch", str(ROOT / "scripts"))
    return subprocess.run(command, env=_environment(package)).returncode
