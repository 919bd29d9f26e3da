"""``--baseline 2to3``: the same project converted by lib2to3, run for comparison.

A third copy, ``<name>.2to3``, is converted in place by ``python -m lib2to3 -w -n`` (all the
default fixers, no backups) with the newest CPython found that still has lib2to3 (it left the
standard library in 3.13), then tested with each ``--after`` interpreter like the modernized
copy. Its results only fill the "2to3 retained" column: they never decide the exit status.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from legacylift.bench.interpreters import Interpreter
from legacylift.codemod import Version
from legacylift.verify.interpreters import InterpreterError, describe, plain_cpythons

#: The last CPython whose standard library has lib2to3.
LAST_WITH_LIB2TO3: Version = (3, 12)
_REFACTORED = re.compile(r"^RefactoringTool: Refactored (.+)$", re.MULTILINE)
_UNPARSED = re.compile(r"^RefactoringTool: Can't parse (.+?): ", re.MULTILINE)


def _has_lib2to3(interpreter: Interpreter) -> bool:
    try:
        probe = subprocess.run(
            [interpreter.path, "-s", "-c", "import lib2to3.main"],
            capture_output=True, env=_environment(interpreter), timeout=60, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def converter(found: Sequence[Interpreter]) -> Interpreter:
    """The newest plain CPython 3 in ``found`` that can run lib2to3."""
    for minor in range(LAST_WITH_LIB2TO3[1], -1, -1):
        for interpreter in plain_cpythons(found, (3, minor)):
            if _has_lib2to3(interpreter):
                return interpreter
    raise InterpreterError(
        "--baseline 2to3 needs a CPython 3.12 or older with lib2to3, and none was found on "
        "PATH, in pyenv or uv (pyenv install 3.12, or --interpreters PATH)"
    )


def _environment(interpreter: Interpreter) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    env.update(dict(interpreter.env), PYTHONDONTWRITEBYTECODE="1")
    return env


def convert(interpreter: Interpreter, copy: Path, log: Path, timeout: float | None) -> str:
    """Convert ``copy`` in place with lib2to3; a one-line summary (the output goes to ``log``).

    lib2to3 exits 1 when it cannot parse some file; it converts the others all the same.
    """
    command = [interpreter.path, "-s", "-m", "lib2to3", "-w", "-n", str(copy)]
    try:
        done = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=_environment(interpreter), timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        log.write_text("lib2to3 timed out\n", encoding="utf-8")
        return f"converted {copy} with lib2to3: timed out, left partly converted (see {log})"
    output = done.stdout.decode("utf-8", "replace")
    log.write_text(output, encoding="utf-8")
    changed = len(set(_REFACTORED.findall(output)))
    line = f"converted {copy} with the lib2to3 of {describe(interpreter)}: {changed} files changed"
    unparsed = set(_UNPARSED.findall(output))
    if unparsed:
        line += f", {len(unparsed)} it could not parse (see {log})"
    elif done.returncode not in (0, 1):
        line += f"; lib2to3 failed with exit status {done.returncode} (see {log})"
    return line
