"""Building the site: build into a private folder while validating, and only then replace site/.

MkDocs runs in a child process beside the validator (the two use both cores); everything it and its render worker
write, temporary files included, lands in one private folder beside site/, which is removed whatever happens. Its
output is swapped in only once the package is known to be valid. MkDocs is the longest part and runs on one core,
so the validator yields the CPU to it (and to the render worker, which MkDocs waits for). A failed, refused or
interrupted build leaves the previous site/ exactly as it was.

The validator and the render worker each read the CSVs, on purpose: the two run at once on the two cores, so the
pages need not wait for validation, and the worker's read is small beside it (about 0.04 s at 1x, against about 1 s).

A big package is built one step at a time instead: validation, then the render worker writing every page and file,
then MkDocs reading them. Run together, the three each hold the catalog or the pages at once (at a hundred times the
real package, about 2 GB together); one after another, only one step's memory is held at a time. It takes longer,
as nothing overlaps, so it is kept for packages whose tables exceed ONE_STEP_FROM_BYTES (or asked for with
--one-step-at-a-time).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .descriptor import DescriptorError, load_descriptor
from .errors import CommandError
from .paths import ROOT
from .render_workers import PAGES_FIRST

VALIDATOR_NICENESS = 10  # below the render worker's (see render_workers.py): MkDocs may be waiting for it
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
PR_SET_PDEATHSIG = 1
# The real package's tables are about 1.2 MB; a package twenty times bigger still builds overlapped in about 400 MB.
ONE_STEP_FROM_BYTES = 24 * 2**20
INTERRUPTS = {signal.SIGINT, signal.SIGTERM}  # both end a build, cleaned up (cli.py makes SIGTERM an interrupt)


class BuildRefused(CommandError):
    """The build cannot start or go on, for a reason the message gives; site/ is as it was."""


def _die_with_parent(niceness: int = 0) -> None:
    """In a child, before it runs: end when the build ends, however it ends (kill -9 included)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if niceness:
        os.nice(niceness)


def build_environment(package: Path, private_tmp: Path | None = None) -> dict[str, str]:
    environment = {**os.environ, **QUIET, "LUNAR_ATLAS_PACKAGE": str(package.resolve())}
    if private_tmp is not None:
        environment["TMPDIR"] = str(private_tmp)  # gen-files' folder and the worker's files stay in the build's own
    # MkDocs dates the sitemap's gzip header with the build time unless told otherwise:
    # the package's as-of date keeps two builds of the same data byte-identical.
    environment.setdefault("SOURCE_DATE_EPOCH", str(_as_of_epoch(package)))
    return environment


def _as_of_epoch(package: Path) -> int:
    return int(load_descriptor(package).as_of_moment.timestamp())


def _mkdocs_command(*args: str) -> list[str]:
    # Through lunar_atlas.offline, so nothing in the build (a plugin, a schema, a dialect) can reach the network.
    return [sys.executable, "-m", "lunar_atlas.offline", "mkdocs", *args, "--config-file", str(ROOT / "mkdocs.yml")]


def _replace(target: Path, fresh: Path) -> None:
    """Swap the new build in with two renames, so site/ is never half-written."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _clear_leftovers(site_dir: Path) -> None:
    """Remove the private folders of builds that were killed before they could clean up (the lock is held)."""
    for leftover in site_dir.parent.glob(f".{site_dir.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def refuse_site_dir(site_dir: Path, package: Path) -> None:
    """site/ is replaced whole: never by a folder that holds the package or the project, nor one inside the package."""
    folder = package.resolve().parent
    for protected, words in ((folder, "the package folder"), (ROOT, "the project's folder")):
        if site_dir == protected or site_dir in protected.parents:
            raise BuildRefused(f"refused --site-dir {site_dir}: it is or holds {words}, which the build would replace")
    if folder in site_dir.parents:
        raise BuildRefused(f"refused --site-dir {site_dir}: it lies inside the package folder")


@contextmanager
def _lock(site_dir: Path):
    """One build at a time per site folder: a second refuses rather than clear the first's private folder."""
    with open(site_dir.parent / f".{site_dir.name}.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRefused(f"another build is writing {site_dir}; wait for it to finish, then build again") from None
        yield


@contextmanager
def _interrupts_held():
    """An interrupt that arrives while a child is being started takes effect once it is started.

    Python runs hooks of its own as it forks, and drops an exception raised in them: Ctrl-C at that instant was
    lost, and the build went on to replace the site. Only the main thread runs signal handlers, so only it holds them.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    handlers = {number: signal.signal(number, lambda number, frame: arrived.append(number)) for number in INTERRUPTS}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)  # None: not set from Python
        if arrived:
            signal.raise_signal(arrived[0])


def _start_child(command: list[str], **options) -> subprocess.Popen:
    """A child of the build, started with interrupts held (see _interrupts_held)."""
    with _interrupts_held():
        return subprocess.Popen(command, **options)


def one_step_at_a_time(package: Path) -> bool:
    """Whether the package is big enough to be built one step at a time (see above): its tables' files, as they are
    on disk, at least ONE_STEP_FROM_BYTES together. A descriptor too broken to read says no: the validator reports it."""
    try:
        tables = load_descriptor(package).tables.values()
    except DescriptorError:
        return False
    return sum(table.path.stat().st_size for table in tables if table.path.is_file()) >= ONE_STEP_FROM_BYTES


def _start_mkdocs(package: Path, work: Path, log, pages_first: bool = False) -> subprocess.Popen | None:
    """MkDocs building into work/site, or None when the descriptor is too broken to read (the validator says why).
    With `pages_first`, it reads no page before the render worker has written them all and ended."""
    (work / "tmp").mkdir()
    try:
        environment = build_environment(package, work / "tmp")
    except DescriptorError:
        return None
    if pages_first:
        environment[PAGES_FIRST] = "1"
    # A session of its own, so that stopping it stops the render worker it starts too.
    return _start_child(_mkdocs_command("build", "--strict", "--site-dir", str(work / "site")), env=environment,
                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_die_with_parent)


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    if process is not None:
        process.wait()


def validate_in_child(package: Path) -> str:
    """The validator's report ("" when the package is valid), from a child process.

    A child's memory goes back to the system when it ends; a big catalog validated in this process would stay
    resident beside MkDocs for the whole build.
    """
    child = _start_child([sys.executable, "-m", "lunar_atlas.validate", str(package)], stdout=subprocess.PIPE, text=True,
                         preexec_fn=lambda: _die_with_parent(VALIDATOR_NICENESS))
    try:
        report, _ = child.communicate()
    except BaseException:  # as subprocess.run does: the child does not outlive the wait
        child.kill()
        child.wait()
        raise
    if child.returncode not in (0, 1):
        raise BuildRefused(f"the validator stopped with status {child.returncode}; nothing was built")
    return report if child.returncode else ""


def _refused(problems: str, site_dir: Path) -> int:
    sys.stderr.write(problems)
    sys.stderr.write(f"Nothing was built; {site_dir} is unchanged.\n")
    return 1


def _build_into(package: Path, work: Path, site_dir: Path, one_step: bool = False) -> int:
    with tempfile.TemporaryFile() as log:
        if one_step:
            problems = validate_in_child(package)
            if problems:
                return _refused(problems, site_dir)
            mkdocs = _start_mkdocs(package, work, log, pages_first=True)
        else:
            mkdocs = _start_mkdocs(package, work, log)
            try:
                problems = validate_in_child(package)
            except BaseException:
                _stop(mkdocs)
                raise
            if problems:
                _stop(mkdocs)  # what it builds from a broken package is of no use, nor are its errors
                return _refused(problems, site_dir)
        try:
            status = mkdocs.wait()
        finally:
            _stop(mkdocs)
        log.seek(0)
        sys.stderr.buffer.write(log.read())
        sys.stderr.flush()
    if status != 0:
        sys.stderr.write(f"The site did not build; {site_dir} is unchanged.\n")
        return 1
    _replace(site_dir, work / "site")
    return 0


def site_address() -> str:
    """The published address (LUNAR_ATLAS_SITE_URL, read by mkdocs.yml as site_url), or "" for a local build.

    A publishing build (LUNAR_ATLAS_PUBLISH=1, as the publish workflow sets) refuses to run without one: its feeds,
    JSON-LD, API and cite blocks would point nowhere.
    """
    url = os.environ.get("LUNAR_ATLAS_SITE_URL", "").strip()
    if url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?", url):
        raise BuildRefused(f"LUNAR_ATLAS_SITE_URL={url[:80]!r} is not a web address such as https://example.org/atlas/")
    if not url and os.environ.get("LUNAR_ATLAS_PUBLISH") == "1":
        raise BuildRefused("a publishing build (LUNAR_ATLAS_PUBLISH=1) needs the site's address: set LUNAR_ATLAS_SITE_URL "
                           "to where the site is published, such as https://example.org/atlas/ (the feeds, JSON-LD, API and "
                           "cite blocks are built from it); nothing was built")
    return url


def _check_names() -> None:
    """The map's place names are read by the render worker; a bad row stops the build before anything starts."""
    from .nomenclature import NamesError, moon_names

    try:
        moon_names()
    except NamesError as err:
        raise BuildRefused(f"{err}\nThe site was not built.") from None


def build_site(package: Path, site_dir: Path, one_step: bool | None = None) -> int:
    """Build the site into site_dir; one step at a time where asked, or where the package is big (None: decide)."""
    site_dir = Path(os.path.realpath(site_dir))
    _check_names()
    try:
        url = site_address()
        refuse_site_dir(site_dir, package)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _lock(site_dir):
            _clear_leftovers(site_dir)
            work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
            try:
                status = _build_into(package, work, site_dir, one_step_at_a_time(package) if one_step is None else one_step)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    except OSError as err:
        raise BuildRefused(f"could not write {err.filename or site_dir}: {err.strerror}. {site_dir} is unchanged") from None
    except KeyboardInterrupt:
        sys.stderr.write(f"Interrupted: nothing was built; {site_dir} is unchanged.\n")
        return 130
    if status == 0:
        print(f"Built the site into {site_dir}")
        if not url:
            print("This is a local build: no LUNAR_ATLAS_SITE_URL, so its feeds, JSON-LD and API point at "
                  "http://127.0.0.1:8000/ (make serve) and its cite blocks name no address.")
    return status
