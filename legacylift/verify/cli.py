"""``legacylift verify`` / ``nox -s verify``: prove a migration with the project's own tests."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from legacylift.bench.envs import EnvError
from legacylift.bench.interpreters import Interpreter
from legacylift.codemod import Version
from legacylift.verify import EXIT_CRASHED, EXIT_LOST, EXIT_OK, EXIT_USAGE
from legacylift.verify.baseline import convert, converter
from legacylift.verify.compare import Comparison, compare, ignored, table, write_list
from legacylift.verify.envs import prepare
from legacylift.verify.interpreters import InterpreterError, describe, discover, resolve, spelled
from legacylift.verify.locate import Changes, changes
from legacylift.verify.options import UsageError, build_parser, versions
from legacylift.verify.report import Page, lost_file, modernized_line, print_lost, write_page
from legacylift.verify.testrun import TestRun, run_tests
from legacylift.verify.workspace import (
    Workspace,
    WorkspaceError,
    check,
    choose_codemods,
    create,
    default_workdir,
    modernize,
)


def _run(
    args: argparse.Namespace, interpreter: Interpreter, tree: Path, name: str, workdir: Path
) -> TestRun:
    print(f"running the tests of {tree.name} on {describe(interpreter)}", file=sys.stderr)
    result = run_tests(args.tests, tree, interpreter, name=name, workdir=workdir,
                       timeout=args.timeout, test_timeout=args.test_timeout)  # fmt: skip
    if result.returncode is None and result.outcomes:
        print(f"{name}: the test command timed out after {args.timeout:g} s; the "
              f"{len(result.outcomes)} outcomes recorded until then are compared (a hanging "
              f"test? see --test-timeout; output: {result.log})", file=sys.stderr)  # fmt: skip
    elif result.crashed:
        print(f"{name}: the test command crashed before running any test ({result.reason()}); "
              f"see {result.log}", file=sys.stderr)  # fmt: skip
    elif not result.outcomes:
        print(f"{name}: no tests ran on {describe(interpreter)}", file=sys.stderr)
    return result


def _baseline(
    args: argparse.Namespace, before: TestRun, interpreter: Interpreter, workspace: Workspace
) -> int:
    """The tests the 2to3 copy retains on ``interpreter``."""
    name = f"2to3-{spelled(interpreter.version[:2])}"
    result = _run(args, interpreter, workspace.baseline, name, workspace.root)
    comparison = compare(describe(interpreter), before.outcomes, result.outcomes, args.ignore_tests)
    write_list(workspace.root / f"lost-{name}.txt", comparison.lost)
    return comparison.retained


def _compare_after(
    args: argparse.Namespace, before: TestRun, chosen: dict[Version, Interpreter],
    versions: Sequence[Version], *, workspace: Workspace, written: Changes,
) -> tuple[list[Comparison], bool]:  # fmt: skip
    comparisons, crashed = [], False
    for version in versions:
        interpreter = chosen[version]
        result = _run(
            args, interpreter, workspace.after, f"after-{spelled(version)}", workspace.root
        )
        crashed = crashed or result.crashed
        comparison = compare(
            describe(interpreter), before.outcomes, result.outcomes, args.ignore_tests, written
        )
        places = comparison.places
        write_list(lost_file(workspace.root, version), comparison.lost, places)
        write_list(workspace.root / f"new-failures-{spelled(version)}.txt",
                   comparison.new_failures, places)  # fmt: skip
        if args.baseline:
            comparison.baseline_retained = _baseline(args, before, interpreter, workspace)
        comparisons.append(comparison)
    return comparisons, crashed


def _report_ignored(patterns: Sequence[str], before: TestRun) -> None:
    for pattern in patterns:
        count = len({item.id for item in before.outcomes if ignored(item.id, [pattern])})
        print(f"--ignore-tests {pattern}: {count} tests of the before run left out",
              file=sys.stderr)  # fmt: skip


def verify(args: argparse.Namespace) -> int:
    """Run one verification; the exit status."""
    before_version, after_versions, target = versions(args)
    codemods = choose_codemods(args.select, args.ignore, target, args.unsafe)
    workdir = args.workdir or default_workdir(args.path)
    check(args.path, workdir, in_place=args.in_place)
    explicit = [part.strip() for value in args.interpreters for part in value.split(",")]
    found = discover([path for path in explicit if path], Path("pyproject.toml"))
    chosen = resolve([before_version, *after_versions], found=found)
    lib2to3 = converter(found) if args.baseline else None
    workspace = create(args.path, workdir, baseline=lib2to3 is not None, in_place=args.in_place)
    if args.requirements is not None:
        chosen = prepare(chosen, args.requirements, args.requirements_py2, workspace.root,
                         workspace.logs)  # fmt: skip
    done = modernize(workspace, codemods, target, unsafe=args.unsafe, python2=args.python2,
                     jobs=args.jobs)  # fmt: skip
    summary = [modernized_line(done, workspace, target)]
    print(summary[0], file=sys.stderr)
    for path, reason in sorted(done.failed.items()):
        print(f"  left as it was: {path}: {reason}", file=sys.stderr)
    if lib2to3 is not None:
        log = workspace.logs / "2to3.log"
        summary.append(convert(lib2to3, workspace.baseline, log, args.timeout))
        print(summary[-1], file=sys.stderr)
    written = changes(workspace.before, workspace.after, done.changed_files)
    before = _run(args, chosen[before_version], workspace.before,
                  f"before-{spelled(before_version)}", workspace.root)  # fmt: skip
    if before.crashed:
        return EXIT_CRASHED
    _report_ignored(args.ignore_tests, before)
    comparisons, crashed = _compare_after(
        args, before, chosen, after_versions, workspace=workspace, written=written
    )
    print(f"Tests of {workspace.name}: {describe(chosen[before_version])} before, "
          "each interpreter below after modernization")  # fmt: skip
    print(table(comparisons))
    if not before.outcomes and not any(item.passed_after for item in comparisons):
        print("No tests ran: check the --tests command (it ran, but recorded no test).")
    print_lost(comparisons, after_versions, workspace.root)
    roles = [("before", chosen[before_version]), *(("after", chosen[v]) for v in after_versions)]
    page = Page(workspace.name, args.command_line, args.tests, chosen[before_version],
                comparisons, roles + ([("lib2to3", lib2to3)] if lib2to3 else []), summary,
                args.ignore_tests)  # fmt: skip
    print(f"report: {write_page(workspace.root, page)}")
    if crashed:
        return EXIT_CRASHED
    return EXIT_LOST if any(item.lost for item in comparisons) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legacylift verify``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.command_line = shlex.join(["legacylift", "verify", *argv])
    try:
        return verify(args)
    except (UsageError, InterpreterError, WorkspaceError, EnvError) as exc:
        print(f"legacylift verify: {exc}", file=sys.stderr)
        return EXIT_USAGE
