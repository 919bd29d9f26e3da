"""The command line of ``legacylift verify``."""

from __future__ import annotations

import argparse
from pathlib import Path

from legacylift.codemod import Version, parse_version
from legacylift.runner import default_jobs
from legacylift.verify.interpreters import parse_versions, spelled


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
        description="Copy PATH twice into a work folder (three times with --baseline), "
        "modernize one copy, run the project's "
        "own test command on the untouched copy with --before and on the modernized copy with "
        "each --after interpreter, and report the tests that passed before and no longer pass.",
        epilog="Exit status: 0 no test lost; 1 some test lost; 2 usage error; 3 the test "
        "command crashed before running any test (or timed out).",
    )
    add = parser.add_argument
    add("path", type=Path, metavar="PATH",
        help="the project's root folder (only read, unless --in-place)")  # fmt: skip
    add("--tests", required=True, metavar="CMD",
        help="the test command, run by /bin/sh in the copy; `python` in it is the interpreter "
        "under test, e.g. \"python -m unittest discover -s tests\"")  # fmt: skip
    add("--before", default="2.7", metavar="X.Y",
        help="the CPython the unmodified copy runs on (default: %(default)s)")  # fmt: skip
    add("--after", action="append", required=True, metavar="X.Y[,X.Y...]",
        help="the CPythons the modernized copy runs on (comma-separated, repeatable)")  # fmt: skip
    add("--in-place", action="store_true",
        help="modernize PATH itself and run the after tests there (the before tests still run "
        "on a copy); default: PATH is only read")  # fmt: skip
    add("--workdir", type=Path, metavar="DIR",
        help="copies, records and logs (default: .legacylift/verify/<name>)")  # fmt: skip
    add("--interpreters", action="append", default=[], metavar="PATHS",
        help="also consider these interpreters (comma-separated, repeatable)")  # fmt: skip
    add("--requirements", type=Path, metavar="FILE",
        help="run the tests in a virtual environment per interpreter (<workdir>/envs/X.Y, "
        "reused while FILE is unchanged) with FILE installed by `pip install --require-hashes "
        "--only-binary :all: -r FILE`: every requirement hash-pinned, wheels only")  # fmt: skip
    add("--requirements-py2", type=Path, metavar="FILE",
        help="the requirements of the Python 2.7 environment, when its pins differ from "
        "--requirements (default: --requirements)")  # fmt: skip
    add("--timeout", type=float, default=3600.0, metavar="SECONDS",
        help="stop a test run after SECONDS (default: %(default)g)")  # fmt: skip
    add("--test-timeout", type=float, metavar="SECONDS",
        help="interrupt a test that runs longer (SIGALRM in the test process: it errors with "
        "TestTimeout and the run goes on; unittest and pytest)")  # fmt: skip
    add("--target", type=_version, metavar="X.Y",
        help="oldest Python the modernized copy must run on (default: oldest --after)")  # fmt: skip
    add("--select", action="append", default=[], metavar="NAMES", help="run only these codemods")
    add("--ignore", action="append", default=[], metavar="NAMES", help="do not run these codemods")
    add("--unsafe", action="store_true", help="also apply rewrites that may change behaviour")
    add("--python2", action=argparse.BooleanOptionalAction, default=None,
        help="treat every file as Python 2 (default: when any file is Python 2)")  # fmt: skip
    add("--ignore-tests", action="append", default=[], metavar="PATTERN",
        help="leave out, before and after, the tests whose id matches PATTERN (fnmatch, "
        "e.g. '*.test_ssl_*'; repeatable)")  # fmt: skip
    add("--baseline", choices=["2to3"],
        help="also convert a third copy with lib2to3 and test it with each --after interpreter: "
        "a '2to3 retained' column, for comparison (no effect on the exit status)")  # fmt: skip
    add("--jobs", "-j", type=int, default=default_jobs(), metavar="N",
        help="processes for modernizing (default: %(default)s)")  # fmt: skip
    return parser


def versions(args: argparse.Namespace) -> tuple[Version, list[Version], Version]:
    """The --before version, the --after versions and the target; UsageError if unusable."""
    if args.requirements_py2 is not None and args.requirements is None:
        raise UsageError("--requirements-py2 needs --requirements (for the Python 3 side)")
    for option, file in (("--requirements", args.requirements),
                         ("--requirements-py2", args.requirements_py2)):  # fmt: skip
        if file is not None and not file.is_file():
            raise UsageError(f"{option} {file}: no such file")
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
