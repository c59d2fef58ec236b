"""The `lunar-atlas` command: validate, build, serve."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .descriptor import DescriptorError
from .errors import CommandError
from .offline import forbid_network
from .paths import DEFAULT_PACKAGE, PREVIEW_SITE, ROOT, package_descriptor
from .problems import FORMATTERS, unique_sorted, visible


PACKAGE_HELP = "the package: its datapackage.json, or the folder that holds it"


def _validate(args) -> int:
    from .validate import check_package

    report = check_package(Path(args.package))
    sys.stdout.write(FORMATTERS[args.format](report.problems, report.disputes))
    if args.format == "text" and report.summary:
        sys.stdout.write("".join(line + "\n" for line in report.summary))
    return 1 if report.problems else 0


def _build(args) -> int:
    from .build import build_site

    return build_site(Path(args.package), Path(args.site_dir), True if args.one_step_at_a_time else None)


def _serve(args) -> int:
    from .preview_http import run

    return run(Path(args.package), args.port, Path(args.site_dir))


def _bench(args) -> int:
    from .bench import run_bench

    return run_bench([int(s) for s in args.scales.split(",")], args.runs, Path(args.output))


def _ids(args) -> int:
    from .catalog import read_catalog
    from .checks.id_rules import vanished_id_problems
    from .diff import package_at

    with package_at(args.old) as old, package_at(args.new) as new:
        problems = unique_sorted(vanished_id_problems(read_catalog(old)[0], read_catalog(new)[0]))
    sys.stdout.write(FORMATTERS[args.format](problems))
    return 1 if problems else 0


def _readme(args) -> int:
    from .catalog import load_catalog
    from .coverage import write_coverage
    from .package_readme import write_package_readme

    print(f"Wrote {write_package_readme(Path(args.package))}")
    page = write_coverage(Path(args.package), load_catalog(Path(args.package)))
    if page:
        print(f"Wrote the coverage table in {page}")
    return 0


def _diff(args) -> int:
    from .diff import as_markdown, as_text, compare_packages, package_at

    with package_at(args.old) as old, package_at(args.new) as new:
        changes, warnings = compare_packages(old, new)
    sys.stdout.write(as_markdown(changes, warnings=warnings) if args.format == "markdown" else as_text(changes, warnings))
    return 0


def _release(args) -> int:
    from .release import cut_release

    sys.stdout.write(cut_release(args.version, Path(args.project)))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="lunar-atlas", description="Validate the Lunar Atlas data package and build its site.")
    commands = main.add_subparsers(dest="command", required=True)
    _add_check_and_build(commands)
    _add_compare(commands)
    _add_publish(commands)
    return main


def _add_check_and_build(commands) -> None:
    validate = commands.add_parser("validate", help="check the package; one line per problem, exit 1 if any")
    validate.add_argument("package", nargs="?", default=str(DEFAULT_PACKAGE), type=package_descriptor, help=PACKAGE_HELP)
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="text for people, json for machines, github for Actions annotations")
    validate.set_defaults(run=_validate)

    build = commands.add_parser("build", help="validate, then build the site and downloads")
    build.add_argument("package", nargs="?", default=str(DEFAULT_PACKAGE), type=package_descriptor, help=PACKAGE_HELP)
    build.add_argument("--site-dir", default="site", help="where the site is written (default: site)")
    build.add_argument("--one-step-at-a-time", action="store_true",
                       help="validate, then write every page, then run MkDocs, one after another: slower, but only one "
                            "step's memory is held at a time (the default for packages of more than 24 MB of tables)")
    build.set_defaults(run=_build)


def _add_compare(commands) -> None:
    diff = commands.add_parser("diff", help="rows added, removed and changed between two versions of the package")
    diff.add_argument("old", help="a package path (folder or datapackage.json) or a git revision")
    diff.add_argument("new", help="a package path (folder or datapackage.json) or a git revision")
    diff.add_argument("--format", choices=["text", "markdown"], default="text", help="markdown for a pull-request comment")
    diff.set_defaults(run=_diff)

    bench = commands.add_parser("bench", help="measure speed and size on synthetic packages at several scales")
    bench.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the real package (100 is measured once)")
    bench.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    bench.add_argument("--output", default=str(ROOT / "build" / "bench.json"), help="where the JSON results go")
    bench.set_defaults(run=_bench)

    ids = commands.add_parser("ids", help="refuse IDs that vanished since OLD without a record in renames.csv")
    ids.add_argument("old", help="the published package: a path or a git revision, such as main")
    ids.add_argument("new", nargs="?", default=str(DEFAULT_PACKAGE), help="the changed package (default: this one)")
    ids.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    ids.set_defaults(run=_ids)


def _add_publish(commands) -> None:
    readme = commands.add_parser("readme", help="write the package folder's README.md, and the methodology page's coverage table, from the descriptor and the tables")
    readme.add_argument("package", nargs="?", default=str(DEFAULT_PACKAGE), type=package_descriptor, help=PACKAGE_HELP)
    readme.set_defaults(run=_readme)
    release = commands.add_parser("release", help="cut version X.Y.Z: versions and dates, CHANGELOG, downloads in releases/, a git tag")
    release.add_argument("version", help="the new version, X.Y.Z, under the CHANGELOG's semantic versioning")
    release.add_argument("--project", default=str(ROOT), help="the git work tree to release (default: this project)")
    release.set_defaults(run=_release)

    serve = commands.add_parser("serve", help="live preview of the site")
    serve.add_argument("package", nargs="?", default=str(DEFAULT_PACKAGE), type=package_descriptor, help=PACKAGE_HELP)
    serve.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 to serve on (default 8000)")
    serve.add_argument("--site-dir", default=str(PREVIEW_SITE), help=f"where the preview builds (default {PREVIEW_SITE})")
    serve.set_defaults(run=_serve)


def _interrupt(number, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command != "bench":  # the benchmark drives a browser over loopback; every other command reads the package
        forbid_network()
    signal.signal(signal.SIGTERM, _interrupt)  # a cancelled CI job ends a build as Ctrl-C does: cleaned up
    try:
        return args.run(args)
    except DescriptorError as err:
        sys.stdout.write(FORMATTERS.get(getattr(args, "format", "text"), FORMATTERS["text"])(unique_sorted(err.problems)))
        return 1
    except CommandError as err:
        sys.stderr.write(f"lunar-atlas {args.command}: {visible(err)[:500]}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"lunar-atlas {args.command}: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`lunar-atlas validate | head`): nothing is wrong, and nothing more can be written.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as err:  # a bug, not bad input: one line, and the traceback when asked for
        if os.environ.get("LUNAR_ATLAS_DEBUG"):
            raise
        sys.stderr.write(f"lunar-atlas {args.command}: internal error ({type(err).__name__}: {visible(err)[:500]}); "
                         "set LUNAR_ATLAS_DEBUG=1 for the traceback\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
