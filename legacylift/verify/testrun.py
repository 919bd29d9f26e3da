"""Running the project's test command with one interpreter, its outcomes recorded.

The command runs through ``/bin/sh`` in the copy, unchanged. ``python``, ``python3`` (or
``python2``) and ``pythonX.Y`` on its PATH are small scripts that run the chosen interpreter
with ``-s``; with ``--requirements`` that interpreter is the python of an environment
(:mod:`legacylift.verify.envs`) whose scripts folder comes next on PATH. The environment is
the caller's minus every PYTHON* and PYTEST* variable and virtualenv marker, plus: no user
site, a fixed locale, time zone and hash seed, no bytecode files, and the recorder folder
first on PYTHONPATH.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from legacylift.bench.interpreters import Interpreter

RECORDER = Path(__file__).with_name("recorder")
RECORD_VARIABLE, PID_VARIABLE = "LEGACYLIFT_VERIFY_RECORD", "LEGACYLIFT_VERIFY_PID"
TREE_VARIABLE = "LEGACYLIFT_VERIFY_TREE"
TEST_TIMEOUT_VARIABLE = "LEGACYLIFT_VERIFY_TEST_TIMEOUT"
#: The exit status of unittest (3.12+) and pytest when there was no test to run.
NO_TESTS_STATUS = 5
_DROPPED = ("PYTHON", "PYTEST", "LEGACYLIFT_VERIFY_")
_DROPPED_NAMES = frozenset({"VIRTUAL_ENV", "CONDA_PREFIX", "__PYVENV_LAUNCHER__"})


@dataclass(frozen=True)
class Outcome:
    """One recorded test outcome: the test id, pass/fail/error/skip/xfail/xpass, a message,
    and for a failure the ``path:line`` of its traceback's frames in the tree, innermost last."""

    id: str
    outcome: str
    message: str = ""
    where: tuple[str, ...] = ()


@dataclass
class TestRun:
    """One run of the test command."""

    __test__ = False  # not a pytest test class

    interpreter: Interpreter
    returncode: int | None  # None: killed after the time-out
    outcomes: list[Outcome]
    last_stderr: str
    log: Path

    @property
    def crashed(self) -> bool:
        """Ended without recording a test, and not with the "no tests ran" status."""
        if self.outcomes:
            return self.returncode is None
        return self.returncode not in (0, NO_TESTS_STATUS)

    def reason(self) -> str:
        """Why the run crashed, in one line."""
        if self.returncode is None:
            return "the test command timed out"
        status = f"exit status {self.returncode}"
        return f"{status}: {self.last_stderr}" if self.last_stderr else status


def _shims(folder: Path, interpreter: Interpreter) -> Path:
    major, minor, _ = interpreter.version
    folder.mkdir(parents=True, exist_ok=True)
    script = f'#!/bin/sh\nexec {shlex.quote(interpreter.path)} -s "$@"\n'
    for name in ("python", f"python{major}", f"python{major}.{minor}"):
        shim = folder / name
        shim.write_text(script)
        shim.chmod(0o755)
    return folder


def environment(
    record: Path, shims: Path, interpreter: Interpreter, tree: Path | None = None,
    test_timeout: float | None = None,
) -> dict[str, str]:  # fmt: skip
    """The test command's environment (see the module docstring)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_DROPPED) and name not in _DROPPED_NAMES
    }
    env.update(dict(interpreter.env))
    folders = [str(shims)]
    scripts = Path(interpreter.path).parent
    if (scripts.parent / "pyvenv.cfg").exists():
        # An environment of --requirements: its console scripts (pytest, nosetests) too.
        folders.append(str(scripts))
    env.update(
        PATH=os.pathsep.join([*folders, env.get("PATH", os.defpath)]),
        PYTHONPATH=str(RECORDER),
        PYTHONNOUSERSITE="1",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TZ="UTC",
    )
    env[RECORD_VARIABLE] = str(record)
    if tree is not None:
        env[TREE_VARIABLE] = str(tree.resolve())
    if test_timeout:
        env[TEST_TIMEOUT_VARIABLE] = f"{test_timeout:g}"
    return env


def read_outcomes(record: Path) -> list[Outcome]:
    """The outcomes in a record file (none if the file does not exist)."""
    if not record.exists():
        return []
    outcomes = []
    for line in record.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            data = json.loads(line)
            where = tuple(str(item) for item in data.get("t") or ())
            outcomes.append(Outcome(str(data["id"]), str(data["o"]), str(data.get("m", "")), where))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a process that was killed while writing
    return outcomes


def _last_line(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((line.strip() for line in reversed(lines) if line.strip()), "")


def run_tests(
    command: str, tree: Path, interpreter: Interpreter, *, name: str, workdir: Path,
    timeout: float | None = None, test_timeout: float | None = None,
) -> TestRun:  # fmt: skip
    """Run ``command`` in ``tree`` with ``interpreter``; ``name`` names the record and logs."""
    record = workdir / "records" / f"{name}.jsonl"
    record.unlink(missing_ok=True)
    shims = _shims(workdir / "shims" / name, interpreter)
    log, errors = workdir / "logs" / f"{name}.out", workdir / "logs" / f"{name}.err"
    env = environment(record, shims, interpreter, tree, test_timeout)
    with open(log, "wb") as stdout, open(errors, "wb") as stderr:
        process = subprocess.Popen(
            ["/bin/sh", "-c", command], cwd=tree, env=env,
            stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, start_new_session=True,
        )  # fmt: skip
        try:
            returncode: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            # Whatever the command left running (a server, a worker) goes with it.
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return TestRun(interpreter, returncode, read_outcomes(record), _last_line(errors), errors)
