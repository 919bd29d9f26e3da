"""Port a copy of the Python 2.7 standard library and compile the result on a Python 3.

A measurement script for the Python 2 port, run by hand::

    python -m legacylift.stdlib27_check [--python3 3.13] [--target 3.8] [--jobs N] [--keep DIR]

It copies pyenv's ``lib/python2.7`` (without ``site-packages``, ``lib2to3/tests/data`` and the
files Python 2.7 itself cannot compile, which CPython ships as deliberately broken test data),
runs ``legacylift modernize`` on the copy as a Python 2 code base, compiles every file with the
chosen Python 3 in one process, then runs modernize again in check mode: a second run over the
converted tree must change nothing.  It prints one line per problem and a summary.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from codemods import CODEMODS
from legacylift.codemod import parse_version
from legacylift.engine import Settings
from legacylift.lift._stdlib_check import default_root, library_files, python2_compiles
from legacylift.runner import Mode, Status, default_jobs, run
from legacylift.walk import find_files, first_python2

# Runs under the Python 3 being checked: paths on stdin, "path: error" for each failure.
_COMPILE = """
import sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    path = line.rstrip("\\n")
    try:
        with open(path, "rb") as handle:
            compile(handle.read(), path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        print("%s: %s (line %s)" % (path, getattr(exc, "msg", exc), getattr(exc, "lineno", "?")))
"""


def _pyenv_python(root: Path, version: str) -> str:
    """The newest pyenv interpreter of ``version`` next to the 2.7 of ``root``."""
    versions = root.parents[2]  # <pyenv>/versions/2.7.18/lib/python2.7
    pythons = sorted(versions.glob(f"{version}.*/bin/python"))
    if not pythons:
        raise SystemExit(f"no pyenv Python {version} under {versions}")
    return str(pythons[-1])


def copy_library(root: Path, into: Path) -> list[Path]:
    """Copy the 2.7 files that 2.7 compiles into ``into``; return the copies."""
    python2 = str(root.parents[1] / "bin" / "python")
    copies = []
    files = [p for p in library_files(root) if "site-packages" not in p.parts]
    for source in python2_compiles(files, python2):
        target = into / source.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copies.append(target)
    return copies


def compile_errors(paths: Sequence[Path], python3: str) -> list[str]:
    """``path: error`` for each file that ``python3`` cannot compile."""
    listing = "".join(f"{path}\n" for path in paths)
    done = subprocess.run(
        [python3, "-c", _COMPILE], input=listing, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python3", default="3.13", help="pyenv version prefix to compile with")
    parser.add_argument("--target", default="3.8", help="the modernize target")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--keep", type=Path, help="convert into this folder and keep it")
    args = parser.parse_args(argv)
    root = default_root()
    if root is None:
        raise SystemExit("no pyenv Python 2.7 library found")
    work = args.keep or Path(tempfile.mkdtemp(prefix="stdlib27-"))
    copies = copy_library(root, work)
    settings = Settings(parse_version(args.target), CODEMODS, python2=True)
    first = run(find_files([str(work)]), settings, Mode.WRITE, args.jobs)
    failed = [r for r in first.results if r.status is Status.FAILED]
    errors = compile_errors(copies, _pyenv_python(root, args.python3))
    # A second run as a user would make it: Python 2 semantics only if a Python 2 file is left
    targets = find_files([str(work)])
    again = Settings(settings.target, CODEMODS, python2=first_python2(targets) is not None)
    second = run(targets, again, Mode.CHECK, args.jobs)
    changed_again = [r.path for r in second.results if r.status is Status.CHANGED]
    for result in failed:
        print(f"skipped {result.path}: {result.reason}")
    for line in errors:
        print(f"does not compile: {line}")
    for path in changed_again:
        print(f"changed by a second run: {path}")
    print(
        f"{len(copies)} files that Python 2.7 compiles; modernized in {first.seconds:.0f} s "
        f"({first.count(Status.CHANGED)} changed, {len(failed)} skipped); "
        f"{len(copies) - len(errors)} compile on Python {args.python3}; "
        f"{len(changed_again)} changed by a second run"
    )
    if args.keep is None:
        shutil.rmtree(work)
    return 1 if errors or changed_again or failed else 0


if __name__ == "__main__":
    sys.exit(main())
