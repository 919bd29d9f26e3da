"""The ``legacylift`` command line."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tabulate import tabulate

from legacylift import __version__
from legacylift.cache import Cache, digest, run_key
from legacylift.config import ConfigError, default_target
from legacylift.runner import (
    FileResult,
    Mode,
    Status,
    Summary,
    default_jobs,
    format_summary,
    run,
    totals,
)
from legacylift.versions import Version, parse_version
from legacylift.walk import Target, find_files, first_python2

if TYPE_CHECKING:  # LibCST loads only when some file has to be processed
    from legacylift.codemod import LiftCodemod
    from legacylift.engine import Settings

#: The legacy code `legacylift modernize` shows a diff of when it is given no path.
SAMPLE = Path(__file__).parent / "sample"
SAMPLE_TARGET: Version = (3, 8)

EXIT_OK, EXIT_WOULD_CHANGE, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def comma_names(values: list[str]) -> list[str]:
    """The names of repeatable, comma-separated options (``--select a,b --select c``)."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _version(text: str) -> Version:
    try:
        return parse_version(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_modernize(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "modernize",
        help="rewrite Python files in place with the codemods",
        description="Rewrite legacy Python in place with LibCST codemods. Files that cannot be "
        "parsed or whose result would not compile are reported and left byte-identical.",
        epilog="Exit status: 0 done; 1 --check found files to change; 2 usage error; "
        "3 some files could not be modernized.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files or folders (walked for *.py and python scripts); none: show the diff for "
        "the bundled legacy sample",
    )  # fmt: skip
    parser.add_argument(
        "--target", type=_version, metavar="X.Y",
        help="oldest Python the result must run on (default: [tool.legacylift] target or "
        "requires-python of the nearest pyproject.toml, else 3.10)",
    )  # fmt: skip
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file would change"
    )
    parser.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    parser.add_argument(
        "--select", action="append", default=[], metavar="NAMES",
        help="run only these codemods (comma-separated, repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="NAMES",
        help="do not run these codemods (comma-separated, repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--unsafe", action="store_true",
        help="also apply rewrites that may change behaviour (see `legacylift codemods`)",
    )  # fmt: skip
    parser.add_argument(
        "--python2", action=argparse.BooleanOptionalAction, default=None,
        help="treat every file as Python 2 (the default when any file of the run is Python 2): "
        "the Python 2 semantics codemods then also run on files that already parse as Python 3; "
        "--no-python2 limits them to the files that needed the Python 2 syntax lift",
    )  # fmt: skip
    parser.add_argument(
        "--jobs", "-j", type=int, default=default_jobs(), metavar="N",
        help="worker processes (default: all cores, here %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="print only the files that were skipped"
    )
    parser.add_argument(
        "--no-cache", action="store_true",
        help="process every file, even those the cache knows to be up to date for these "
        "settings (the cache: $LEGACYLIFT_CACHE_DIR, else ~/.cache/legacylift)",
    )  # fmt: skip
    parser.set_defaults(handler=_modernize)


def select_codemods(
    select: Sequence[str], ignore: Sequence[str], target: Version, unsafe: bool
) -> tuple[type[LiftCodemod], ...]:
    """The registry's codemods that ``--select``/``--ignore`` (comma lists) leave and that can
    run for ``target``; raises KeyError with the sorted unknown names."""
    from codemods import CODEMODS
    from legacylift.engine import eligible

    known = {codemod.name() for codemod in CODEMODS}
    selected, ignored = comma_names(list(select)), comma_names(list(ignore))
    unknown = sorted(set(selected + ignored) - known)
    if unknown:
        raise KeyError(unknown)
    chosen = tuple(
        c for c in CODEMODS if (not selected or c.name() in selected) and c.name() not in ignored
    )
    return eligible(chosen, target, unsafe)


def _select(args: argparse.Namespace) -> tuple[type[LiftCodemod], ...]:
    from codemods import CODEMODS

    try:
        return select_codemods(args.select, args.ignore, args.target, args.unsafe)
    except KeyError as exc:
        known = ", ".join(codemod.name() for codemod in CODEMODS)
        raise SystemExit(
            f"legacylift: unknown codemod {', '.join(exc.args[0])}; known: {known}"
        ) from None


class _Known:
    """The digests (and line counts) of the targets, and the cache sets of this run."""

    def __init__(self, args: argparse.Namespace, targets: Sequence[Target]) -> None:
        self.args = args
        self.files: dict[str, tuple[str, int]] = {}
        if args.no_cache:
            return
        for target in targets:
            try:
                data = Path(target.real).read_bytes()
            except OSError:
                continue  # the run itself reports it
            self.files[target.display] = (digest(data, doctest=target.doctest), data.count(b"\n"))

    def cache(self, python2: bool) -> Cache | None:
        if self.args.no_cache:
            return None
        key = run_key(self.args.target, unsafe=self.args.unsafe, python2=python2,
                      select=self.args.select, ignore=self.args.ignore)  # fmt: skip
        return Cache(key)

    def pending(self, targets: Sequence[Target], cache: Cache | None) -> list[Target]:
        """The targets the cache does not know to be up to date."""
        if cache is None:
            return list(targets)
        return [t for t in targets if self.files.get(t.display, ("", 0))[0] not in cache]

    def cached(
        self, targets: Sequence[Target], pending: Sequence[Target], cache: Cache | None
    ) -> list[FileResult]:
        """Results for the targets the cache answered (their notes replayed)."""
        if cache is None:
            return []
        left = {target.display for target in pending}
        results = []
        for target in targets:
            if target.display not in left:
                item, lines = self.files[target.display]
                notes = cache.notes(item)
                result = FileResult(target.display, Status.UNCHANGED, notes=notes, lines=lines)
                result.cached = True
                results.append(result)
        return results

    def remember(self, cache: Cache | None, summary: Summary, mode: Mode) -> None:
        if cache is None:
            return
        for result in summary.results:
            if result.cached:
                continue
            if result.status is Status.UNCHANGED:
                cache.add(self.files.get(result.path, ("", 0))[0], result.notes)
            elif result.status is Status.CHANGED and mode is Mode.WRITE:
                cache.add(result.written, result.notes)
        cache.save()


def _python2(args: argparse.Namespace, targets: Sequence[Target], known: _Known) -> bool:
    if args.python2 is not None:
        return bool(args.python2)
    # A file the cache knows from a Python 3 run is Python 3: only the others are read.
    found = first_python2(known.pending(targets, known.cache(python2=False)), args.jobs)
    if found is not None and not args.quiet:
        print(f"Python 2 code base ({found} is Python 2): every file is ported as Python 2 "
              "(--no-python2 to port only the Python 2 files)", file=sys.stderr)  # fmt: skip
    return found is not None


def _report(
    args: argparse.Namespace, summary: Summary, settings: Settings | None, mode: Mode
) -> None:
    if mode is Mode.DIFF:
        sys.stdout.writelines(result.diff for result in summary.results)
        sys.stdout.flush()
    if args.quiet:
        for result in summary.results:
            if result.status is Status.FAILED:
                print(f"{result.path}: {result.reason}", file=sys.stderr)
    elif settings is None:  # the cache answered for every file: no codemod ran
        notes = [f"  {r.path}: {note}" for r in summary.results for note in r.notes]
        lines = ["notes:", *notes, ""] if notes else []
        print("\n".join([*lines, totals(summary, args.target, mode)]), file=sys.stderr)
    else:
        print(format_summary(summary, settings, mode), file=sys.stderr)


def _modernize(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    mode = Mode.DIFF if args.diff else Mode.CHECK if args.check else Mode.WRITE
    if not args.paths:
        # The sample is part of the installed package: show it, never write it.
        args.paths, mode = [str(SAMPLE)], Mode.DIFF
        args.target = args.target or SAMPLE_TARGET
    if args.target is None:
        try:
            args.target, _ = default_target(args.paths)
        except ConfigError as exc:
            print(f"legacylift: {exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        targets = find_files(args.paths)
    except FileNotFoundError as exc:
        print(f"legacylift: {exc}", file=sys.stderr)
        return EXIT_USAGE
    known = _Known(args, targets)
    python2 = _python2(args, targets, known)
    cache = known.cache(python2)
    pending = known.pending(targets, cache)
    settings: Settings | None = None
    summary = Summary()
    if pending:
        from legacylift.engine import Settings

        settings = Settings(args.target, _select(args), unsafe=args.unsafe, python2=python2)
        summary = run(pending, settings, mode, args.jobs)
    summary.results = sorted(summary.results + known.cached(targets, pending, cache),
                             key=lambda result: result.path)  # fmt: skip
    summary.seconds = time.perf_counter() - start
    known.remember(cache, summary, mode)
    _report(args, summary, settings, mode)
    if summary.count(Status.FAILED):
        return EXIT_FAILED
    if args.check and summary.count(Status.CHANGED):
        return EXIT_WOULD_CHANGE
    return EXIT_OK


def _when(codemod: type[LiftCodemod]) -> str:
    if codemod.UNSAFE_ONLY:
        version = ".".join(map(str, codemod.MIN_PYTHON))
        return f"only with --unsafe{f', legacylift on {version}+' if codemod.NEW_SYNTAX else ''}"
    return "in a Python 2 port" if codemod.PYTHON2_ONLY else "yes"


def codemod_table(markdown: bool = True) -> str:
    """The codemod table, generated from the registry and the docstrings' first lines."""
    from codemods import CODEMODS

    rows = [
        (f"`{c.name()}`" if markdown else c.name(), f"{c.MIN_PYTHON[0]}.{c.MIN_PYTHON[1]}",
         _when(c), c.summary())
        for c in CODEMODS
    ]  # fmt: skip
    headers = ("codemod", "min target", "on by default", "what it does")
    return tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple")


def _list_codemods(args: argparse.Namespace) -> int:
    if args.readme is None:
        print(codemod_table(markdown=args.markdown))
        return EXIT_OK
    text = args.readme.read_text(encoding="utf-8")
    start, end = "<!-- START codemods -->\n", "<!-- END codemods -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    updated = f"{head}{start}{codemod_table()}\n{end}{tail}"
    if updated == text:
        return EXIT_OK
    if args.check:
        print(f"legacylift: the codemod table in {args.readme} is stale", file=sys.stderr)
        return EXIT_WOULD_CHANGE
    args.readme.write_text(updated, encoding="utf-8")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``legacylift`` command."""
    parser = argparse.ArgumentParser(
        prog="legacylift",
        description="Modernize legacy Python and measure what it buys you.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    _add_modernize(commands)
    listing = commands.add_parser("codemods", help="list the codemods in the order they run")
    listing.add_argument("--markdown", action="store_true", help="print a Markdown table")
    listing.add_argument(
        "--readme", type=Path, metavar="FILE",
        help="rewrite the table between the codemods markers of FILE instead of printing it",
    )  # fmt: skip
    listing.add_argument("--check", action="store_true", help="with --readme: exit 1 if stale")
    listing.set_defaults(handler=_list_codemods)
    # Listed for --help; main() hands its arguments to the bench's own parser.
    commands.add_parser("interpreters", help="list the interpreters the bench would use")
    commands.add_parser("bench", help="benchmark a suite before and after modernization")
    commands.add_parser("report", help="publish a bench run as a comparison report")
    commands.add_parser("pipeline", help="the main job: bench before/after everywhere, report")
    commands.add_parser("verify", help="prove a migration with the project's own tests")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``legacylift`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["interpreters"]:
        from legacylift.bench import interpreters

        return interpreters.main(argv[1:])
    if argv[:1] == ["bench"]:
        from legacylift.bench import cli

        return cli.main(argv[1:])
    if argv[:1] == ["pipeline"]:
        from legacylift import pipeline

        return pipeline.main(argv[1:])
    if argv[:1] == ["report"]:
        from legacylift.report import cli as report_cli

        return report_cli.main(argv[1:])
    if argv[:1] == ["verify"]:
        from legacylift.verify import cli as verify_cli

        return verify_cli.main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("legacylift: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
