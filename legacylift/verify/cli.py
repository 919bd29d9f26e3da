"""``legacylift verify`` / ``nox -s verify``: prove a migration with the project's own tests."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from legacylift.bench.interpreters import Interpreter
from legacylift.codemod import Version, parse_version
from legacylift.runner import default_jobs
from legacylift.verify import EXIT_CRASHED, EXIT_LOST, EXIT_OK, EXIT_USAGE
from legacylift.verify.compare import Comparison, compare, table, write_list
from legacylift.verify.interpreters import InterpreterError, parse_versions, resolve, spelled
from legacylift.verify.testrun import TestRun, run_tests
from legacylift.verify.workspace import (
    Modernized,
    Workspace,
    WorkspaceError,
    check,
    choose_codemods,
    create,
    default_workdir,
    modernize,
)

#: Lost tests printed per interpreter; the lost-X.Y.txt file has them all.
SHOWN = 10


class UsageError(Exception):
    """Arguments that cannot be used; the message is one line."""


def _version(text: str) -> Version:
    try:
        return parse_version(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """Options of ``legacylift verify``."""
    parser = argparse.ArgumentParser(
        prog="legacylift verify",
        description="Copy PATH twice into a work folder, modernize one copy, run the project's "
        "own test command on the untouched copy with --before and on the modernized copy with "
        "each --after interpreter, and report the tests that passed before and no longer pass.",
        epilog="Exit status: 0 no test lost; 1 some test lost; 2 usage error; 3 the test "
        "command crashed before running any test (or timed out).",
    )
    add = parser.add_argument
    add("path", type=Path, metavar="PATH", help="the project's root folder (only read)")
    add("--tests", required=True, metavar="CMD",
        help="the test command, run by /bin/sh in the copy; `python` in it is the interpreter "
        "under test, e.g. \"python -m unittest discover -s tests\"")  # fmt: skip
    add("--before", default="2.7", metavar="X.Y",
        help="the CPython the unmodified copy runs on (default: %(default)s)")  # fmt: skip
    add("--after", action="append", required=True, metavar="X.Y[,X.Y...]",
        help="the CPythons the modernized copy runs on (comma-separated, repeatable)")  # fmt: skip
    add("--workdir", type=Path, metavar="DIR",
        help="copies, records and logs (default: .legacylift/verify/<name>)")  # fmt: skip
    add("--interpreters", action="append", default=[], metavar="PATHS",
        help="also consider these interpreters (comma-separated, repeatable)")  # fmt: skip
    add("--requirements", type=Path, metavar="FILE", help="not supported yet")
    add("--timeout", type=float, default=3600.0, metavar="SECONDS",
        help="stop a test run after SECONDS (default: %(default)g)")  # fmt: skip
    add("--target", type=_version, metavar="X.Y",
        help="oldest Python the modernized copy must run on (default: oldest --after)")  # fmt: skip
    add("--select", action="append", default=[], metavar="NAMES", help="run only these codemods")
    add("--ignore", action="append", default=[], metavar="NAMES", help="do not run these codemods")
    add("--unsafe", action="store_true", help="also apply rewrites that may change behaviour")
    add("--python2", action=argparse.BooleanOptionalAction, default=None,
        help="treat every file as Python 2 (default: when any file is Python 2)")  # fmt: skip
    add("--jobs", "-j", type=int, default=default_jobs(), metavar="N",
        help="processes for modernizing (default: %(default)s)")  # fmt: skip
    return parser


def _versions(args: argparse.Namespace) -> tuple[Version, list[Version], Version]:
    if args.requirements is not None:
        raise UsageError("--requirements is not supported yet: the tests run with the "
                         "packages each interpreter already has")  # fmt: skip
    before = parse_versions([args.before])
    after = parse_versions(args.after)
    if len(before) != 1:
        raise UsageError("--before takes one version")
    if not after or min(after) < (3, 0):
        raise UsageError("--after takes Python 3 versions, e.g. 3.8,3.13")
    target = args.target or min(after)
    if target > min(after):
        raise UsageError(f"--target {spelled(target)} is newer than --after {spelled(min(after))}")
    return before[0], after, target


def _describe(interpreter: Interpreter) -> str:
    return f"CPython {interpreter.full_version}"


def _run(args: argparse.Namespace, interpreter: Interpreter, tree: Path, name: str) -> TestRun:
    print(f"running the tests of {tree.name} on {_describe(interpreter)}", file=sys.stderr)
    result = run_tests(
        args.tests, tree, interpreter, name=name, workdir=tree.parent, timeout=args.timeout
    )
    if result.crashed:
        print(f"{name}: the test command crashed before running any test ({result.reason()}); "
              f"see {result.log}", file=sys.stderr)  # fmt: skip
    elif not result.outcomes:
        print(f"{name}: no tests ran on {_describe(interpreter)}", file=sys.stderr)
    return result


def _report_modernized(done: Modernized, workspace: Workspace, target: Version) -> None:
    python2 = f"; Python 2 code base ({done.python2})" if done.python2 else ""
    print(f"modernized {workspace.after} for Python {spelled(target)}: {done.changed} files "
          f"changed, {done.rewrites} rewrites{python2}", file=sys.stderr)  # fmt: skip
    for path, reason in sorted(done.failed.items()):
        print(f"  left as it was: {path}: {reason}", file=sys.stderr)


def _compare_after(
    args: argparse.Namespace, before: TestRun, chosen: dict[Version, Interpreter],
    versions: Sequence[Version], workspace: Workspace,
) -> tuple[list[Comparison], bool]:  # fmt: skip
    comparisons, crashed = [], False
    for version in versions:
        name = f"after-{spelled(version)}"
        result = _run(args, chosen[version], workspace.after, name)
        crashed = crashed or result.crashed
        comparison = compare(_describe(chosen[version]), before.outcomes, result.outcomes)
        write_list(workspace.root / f"lost-{spelled(version)}.txt", comparison.lost)
        write_list(workspace.root / f"new-failures-{spelled(version)}.txt", comparison.new_failures)
        comparisons.append(comparison)
    return comparisons, crashed


def verify(args: argparse.Namespace) -> int:
    """Run one verification; the exit status."""
    before_version, after_versions, target = _versions(args)
    codemods = choose_codemods(args.select, args.ignore, target, args.unsafe)
    workdir = args.workdir or default_workdir(args.path)
    check(args.path, workdir)
    explicit = [part.strip() for value in args.interpreters for part in value.split(",")]
    chosen = resolve([before_version, *after_versions], [p for p in explicit if p],
                     Path("pyproject.toml"))  # fmt: skip
    workspace = create(args.path, workdir)
    done = modernize(workspace, codemods, target, unsafe=args.unsafe, python2=args.python2,
                     jobs=args.jobs)  # fmt: skip
    _report_modernized(done, workspace, target)
    before = _run(
        args, chosen[before_version], workspace.before, f"before-{spelled(before_version)}"
    )
    if before.crashed:
        return EXIT_CRASHED
    comparisons, crashed = _compare_after(args, before, chosen, after_versions, workspace)
    print(f"Tests of {workspace.name}: {_describe(chosen[before_version])} before, "
          "each interpreter below after modernization")  # fmt: skip
    print(table(comparisons))
    if not before.outcomes and not any(item.passed_after for item in comparisons):
        print("No tests ran: check the --tests command (it ran, but recorded no test).")
    for item, version in zip(comparisons, after_versions):
        if item.lost:
            path = workspace.root / f"lost-{spelled(version)}.txt"
            print(f"lost on {item.interpreter}: {len(item.lost)} (the list: {path})")
            print("".join(f"  {test}: {why}\n" for test, why in item.lost[:SHOWN]), end="")
            if len(item.lost) > SHOWN:
                print(f"  ... and {len(item.lost) - SHOWN} more")
    if crashed:
        return EXIT_CRASHED
    return EXIT_LOST if any(item.lost for item in comparisons) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legacylift verify``."""
    args = build_parser().parse_args(argv)
    try:
        return verify(args)
    except (UsageError, InterpreterError, WorkspaceError) as exc:
        print(f"legacylift verify: {exc}", file=sys.stderr)
        return EXIT_USAGE
