"""Lift the Python 2.7 standard library and count how many modules then compile on Python 3.

A script, run by hand (the whole library takes a few minutes on one core)::

    python -m legacylift.lift._stdlib_check [ROOT] [--python2 PATH] [--limit N] [--verbose]

ROOT defaults to pyenv's 2.7 ``lib/python2.7``.  Files that Python 2.7 itself cannot compile
(test data with deliberate errors, ``lib2to3/tests/data``) are left out: one Python 2.7 process
compiles them all first, in memory (``py_compile`` would write ``.pyc`` files into the library).
For each remaining file the report counts: already Python 3, lifted and compiling, lift errors,
results that do not compile, results that a second lift changes again (not idempotent), and
results that lost a comment.
"""

from __future__ import annotations

import argparse
import glob
import io
import os
import subprocess
import sys
import time
import tokenize
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from legacylift.lift import LiftError, lift

SKIPPED_DIRS = ("lib2to3/tests/data",)

# Runs under Python 2.7: reads paths on stdin, prints those that do not compile.
_PY2_COMPILE = """
import sys
for line in sys.stdin:
    path = line.rstrip("\\n")
    try:
        compile(open(path, "rb").read(), path, "exec", 0, True)
    except Exception:
        sys.stdout.write(path + "\\n")
"""


@dataclass
class Report:
    """What lifting a set of files gave."""

    files: int = 0
    lines: int = 0
    seconds: float = 0.0
    python3: list[str] = field(default_factory=list)
    lifted: list[str] = field(default_factory=list)
    lift_errors: list[tuple[str, str]] = field(default_factory=list)
    compile_errors: list[tuple[str, str]] = field(default_factory=list)
    not_idempotent: list[str] = field(default_factory=list)
    lost_comments: list[str] = field(default_factory=list)
    rewrites: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """A few lines for a person."""
        speed = self.lines / self.seconds if self.seconds else 0.0
        good = len(self.python3) + len(self.lifted)
        return "\n".join(
            [
                f"{self.files} files, {self.lines} lines, {self.seconds:.1f} s lifting"
                f" ({speed:.0f} lines/s)",
                f"compile on Python {sys.version_info[0]}.{sys.version_info[1]}: {good}"
                f" ({len(self.python3)} already Python 3, {len(self.lifted)} lifted)",
                f"lift errors: {len(self.lift_errors)}",
                f"lifted but not compiling: {len(self.compile_errors)}",
                f"not idempotent: {len(self.not_idempotent)}",
                f"lost comments: {len(self.lost_comments)}",
                "rewrites: " + ", ".join(f"{k}={v}" for k, v in sorted(self.rewrites.items())),
            ]
        )


def default_root() -> Path | None:
    """pyenv's newest 2.7 ``lib/python2.7``, if there is one."""
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found = sorted(glob.glob(os.path.join(pyenv, "versions", "2.7.*", "lib", "python2.7")))
    return Path(found[-1]) if found else None


def library_files(root: Path) -> list[Path]:
    """The ``.py`` files under ``root``, without the skipped directories."""
    return [
        path
        for path in sorted(root.rglob("*.py"))
        if not any(part in path.relative_to(root).as_posix() for part in SKIPPED_DIRS)
    ]


def python2_compiles(paths: Sequence[Path], python2: str) -> list[Path]:
    """The files of ``paths`` that Python 2 (the interpreter ``python2``) compiles."""
    result = subprocess.run(
        [python2, "-c", _PY2_COMPILE],
        input="".join(f"{path}\n" for path in paths),
        capture_output=True,
        text=True,
        check=True,
    )
    bad = set(result.stdout.splitlines())
    return [path for path in paths if str(path) not in bad]


def read_source(path: Path) -> str:
    """The text of a source file, decoded as Python would (coding comment, BOM, else UTF-8)."""
    data = path.read_bytes()
    encoding, _lines = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def check_files(paths: Sequence[Path]) -> Report:
    """Lift each file and check the result (see the module docstring)."""
    report = Report()
    for path in paths:
        name = str(path)
        text = read_source(path)
        report.files += 1
        report.lines += text.count("\n")
        started = time.perf_counter()
        try:
            result = lift(text)
        except LiftError as exc:
            report.seconds += time.perf_counter() - started
            report.lift_errors.append((name, str(exc)))
            continue
        report.seconds += time.perf_counter() - started
        report.rewrites.update(result.rewrites)
        problem = _compile_problem(result.code, name)
        if problem is not None:
            report.compile_errors.append((name, problem))
        elif not result.changed:
            report.python3.append(name)
        else:
            report.lifted.append(name)
        if result.changed and lift(result.code).changed:
            report.not_idempotent.append(name)
        if _comments(text) - _comments(result.code):
            report.lost_comments.append(name)
    return report


def _compile_problem(code: str, filename: str) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(code, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            return f"line {getattr(exc, 'lineno', '?')}: {exc}"
    return None


def _comments(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                found[tok.string.rstrip()] += 1
    except (tokenize.TokenError, SyntaxError):
        pass  # Python 2 text the Python 3 tokenizer gives up on: count what it saw
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check; exit status 1 if any file failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", nargs="?", type=Path, default=default_root())
    parser.add_argument("--python2", help="the Python 2.7 interpreter (default: ROOT's)")
    parser.add_argument("--limit", type=int, default=0, help="check only the first N files")
    parser.add_argument("--verbose", action="store_true", help="list every failing file")
    args = parser.parse_args(argv)
    if args.root is None:
        parser.error("no Python 2.7 library found: give ROOT")
    root: Path = args.root
    python2 = args.python2 or str(root.parent.parent / "bin" / "python")
    paths = library_files(root)
    if args.limit:
        paths = paths[: args.limit]
    compiling = python2_compiles(paths, python2)
    print(f"{len(paths)} files, {len(paths) - len(compiling)} left out: Python 2 rejects them")
    report = check_files(compiling)
    print(report.summary())
    failures = [*report.lift_errors, *report.compile_errors]
    failures += [(name, "not idempotent") for name in report.not_idempotent]
    failures += [(name, "lost a comment") for name in report.lost_comments]
    for name, problem in failures if args.verbose else failures[:20]:
        print(f"{name}: {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
