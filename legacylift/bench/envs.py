"""Benchmark environments: one per interpreter, installed only from hash-pinned lock files.

Supply-chain rule (PyPA's advice on secure installs): every environment the harness creates
installs from the committed locks in ``requirements/bench`` (see :mod:`.locks`) with
``pip install --require-hashes --only-binary :all:``, so that a file whose hash is not in
the lock is refused and no package runs code while installing. The exceptions, each built
from an sdist whose hash is pinned, are listed in their lock file's header:

* ``statistics`` on CPython 2.7 (it has no wheel), built by the setuptools that virtualenv
  seeds from its own hash-pinned wheel;
* ``psutil`` on PyPy (no PyPy wheel), built by the setuptools and wheel of ``build.txt``,
  which needs Debian's ``pypy3-dev`` and a C compiler.

Both builds run without build isolation, which would fetch unpinned build requirements.

=============  ===================================  ==========================
plan           created by                           installs, in order
=============  ===================================  ==========================
py27           virtualenv 20.21.1 (a tool venv)     ``py27.txt``
py3            ``python -m venv``                   ``py3.txt``
pyston-lite    ``python -m venv``                   ``pyston-lite.txt``
pypy           ``python -m venv`` (Debian:          ``build.txt``, ``py3.txt``
               ``pypy3-venv``)
=============  ===================================  ==========================

An environment records what it was built from (the sha256 of each lock, the interpreter's
identity) and is rebuilt when that changes. pip's output goes to a log file, never to the
terminal; a failure is an :class:`EnvError` whose one-line message names the interpreter,
the lock file, the cause and the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.markers import Marker
from packaging.utils import canonicalize_name

from legacylift.bench.interpreters import Interpreter
from legacylift.bench.locks import LOCKS_DIR

#: The file, inside an environment, that records what it was built from.
STAMP_NAME = "legacylift-env.json"
#: Bump to rebuild every environment after a change of how they are made.
STAMP_FORMAT = 1
#: Upper bounds for one pip (or venv, virtualenv) run, and for the check that follows.
INSTALL_TIMEOUT = 1800.0
CHECK_TIMEOUT = 120.0
#: Where the Python 2.7 environments' creator lives, under the environments' root.
TOOLS_DIR = ".tools"
VIRTUALENV_LOCK = "virtualenv.txt"

_MARKER = "LEGACYLIFT-ENV:"
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]*?))?\s*\\?\s*$")
_MISMATCH_HEADER = "THESE PACKAGES DO NOT MATCH THE HASHES"
_MISMATCH_ENTRY = re.compile(r"^\s+([A-Za-z0-9._-]+)==(\S+) from ")
_NETWORK_ERRORS = (
    "NewConnectionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "Could not fetch URL",
    "ProxyError",
    "ReadTimeoutError",
)

# Runs inside the new environment: valid Python 2.7 and 3. The pyston-lite JIT is loaded by a
# .pth file at startup, which is also how every pyperf worker (the same executable) gets it.
_CHECK = r"""
import json, sys
sys.path[:] = [entry for entry in sys.path if entry]
found = {"prefix": sys.prefix, "pyston_lite": "pyston_lite" in sys.modules, "versions": {}}
for name in sys.argv[1].split(","):
    found["versions"][name] = getattr(__import__(name), "__version__", None)
found["hooked"] = None
if sys.argv[2] == "jit":
    # PEP 523: pyston_lite.enable() replaces the interpreter's frame evaluator; 3.9+ can
    # tell (3.8 has no function for it, so only the import is checked there).
    try:
        import ctypes
        api = ctypes.pythonapi
        get = api._PyInterpreterState_GetEvalFrameFunc
        get.restype, get.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
        current = api.PyInterpreterState_Get
        current.restype = ctypes.c_void_p
        default = ctypes.cast(api._PyEval_EvalFrameDefault, ctypes.c_void_p).value
        found["hooked"] = get(current()) != default
    except (AttributeError, ImportError, OSError):
        pass
sys.stdout.write("LEGACYLIFT-ENV:" + json.dumps(found) + "\n")
"""


class EnvError(Exception):
    """An environment that could not be made ready; the message is one line."""


@dataclass(frozen=True)
class Step:
    """One ``pip install -r LOCK``; ``from_source`` names the packages built from sdists."""

    lock: str
    from_source: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """How to make an interpreter's environment, and what must import in it afterwards."""

    name: str
    creator: str  # "venv" or "virtualenv"
    steps: tuple[Step, ...]
    imports: tuple[str, ...] = ("pyperf", "psutil")
    pyston_lite: bool = False

    @property
    def locks(self) -> tuple[str, ...]:
        """Every lock file the environment depends on, the creator's included."""
        creator = (VIRTUALENV_LOCK,) if self.creator == "virtualenv" else ()
        return (*creator, *(step.lock for step in self.steps))


PLANS: dict[str, Plan] = {
    "py27": Plan(
        "py27", "virtualenv", (Step("py27.txt", ("statistics",)),), ("pyperf", "six", "statistics")
    ),
    "py3": Plan("py3", "venv", (Step("py3.txt"),)),
    "pyston-lite": Plan("pyston-lite", "venv", (Step("pyston-lite.txt"),), pyston_lite=True),
    "pypy": Plan("pypy", "venv", (Step("build.txt"), Step("py3.txt", ("psutil",)))),
}


def plan_for(interpreter: Interpreter) -> Plan:
    """The :data:`PLANS` entry for ``interpreter``; :class:`EnvError` if there is none."""
    implementation, major = interpreter.implementation, interpreter.version[0]
    if interpreter.jit == "pyston-lite":
        return PLANS["pyston-lite"]
    if implementation == "cpython" and interpreter.version[:2] == (2, 7):
        return PLANS["py27"]
    if major == 3 and implementation == "pypy":
        return PLANS["pypy"]
    if major == 3 and implementation in ("cpython", "pyston"):
        return PLANS["py3"]
    raise EnvError(
        f"{interpreter.label}: no benchmark environment for {implementation} "
        f"{interpreter.full_version}"
    )


def env_python(folder: Path) -> Path:
    """The python executable of the environment in ``folder``."""
    if sys.platform == "win32":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def ensure_env(
    interpreter: Interpreter,
    envs_root: Path,
    *,
    log: Path | None = None,
    locks: Path = LOCKS_DIR,
) -> Path:
    """Return the python of a ready benchmark environment for ``interpreter``.

    The environment is ``envs_root/LABEL``. It is reused if it was built from the same lock
    files (by content) for the same interpreter, else made anew from the locks in ``locks``
    and checked: pyperf imports at the version its lock pins and, for pyston-lite, the JIT is
    on at startup. pip's output goes to ``log`` (default ``envs_root/LABEL.log``). Raises
    :class:`EnvError` with a one-line reason; an environment that failed is rebuilt next time.
    """
    plan = plan_for(interpreter)
    if not _LABEL.match(interpreter.label):
        raise EnvError(f"{interpreter.label}: not usable as a folder name")
    # Absolute, so that neither the venv nor the returned python depend on the cwd.
    root = envs_root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    build = _Build(interpreter, plan, locks, (log or root / f"{interpreter.label}.log").resolve())
    folder = root / interpreter.label
    with _exclusive(root / f".{interpreter.label}.lock"):
        stamp = _stamp(build)
        build.check_requirements()
        python = env_python(folder)
        if python.exists() and _read_stamp(folder) == stamp:
            return python
        build.start()
        _remove_env(folder, build)
        if not os.path.exists(interpreter.path):  # uninstalled since it was discovered
            raise EnvError(
                f"{interpreter.label}: the interpreter is gone: "
                f"{interpreter.path} does not exist any more"
            )
        build.create(folder, root)
        for step in plan.steps:
            build.install(python, step)
        build.check(python, folder)
        _write_stamp(folder, stamp)
    return python


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _Build:
    """Builds one environment; its methods log what they run and raise :class:`EnvError`."""

    interpreter: Interpreter
    plan: Plan
    locks: Path
    log: Path

    def fail(self, lock: str, cause: str) -> EnvError:
        """An error naming the interpreter, ``lock``, the cause and the log."""
        where = _display(self.locks / lock)
        cause = " ".join(cause.split())
        return EnvError(f"{self.interpreter.label}: {where}: {cause} (log: {_display(self.log)})")

    def start(self) -> None:
        """Open this build's section of the log (appended: one log may serve many builds)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with self.log.open("a", encoding="utf-8") as stream:
            stream.write(
                f"\n# {stamp} legacylift: {self.plan.name} environment for"
                f" {self.interpreter.label} ({self.interpreter.path})\n"
            )

    def check_requirements(self) -> None:
        """Fail early if the locks lack a package the interpreter needs (pyston-lite's)."""
        environment = marker_environment(self.interpreter)
        for name in self.interpreter.requirements:
            if not any(
                pinned_versions(_read_lock(self, lock), name, environment)
                for lock in self.plan.locks
            ):
                raise self.fail(self.plan.steps[-1].lock, f"pins no {name} for this interpreter")

    def create(self, folder: Path, root: Path) -> None:
        """Create the bare environment (pip and its seed packages only)."""
        first = self.plan.steps[0].lock
        if self.plan.creator == "virtualenv":
            tool = _virtualenv_tool(root / TOOLS_DIR, self)
            first = VIRTUALENV_LOCK
            command = [
                str(tool), "-m", "virtualenv", "--no-download", "--no-periodic-update",
                "--app-data", str(root / TOOLS_DIR / "virtualenv-app-data"),
                "--python", self.interpreter.path, str(folder),
            ]  # fmt: skip
        else:
            command = [self.interpreter.path, "-m", "venv", str(folder)]
        code, output = _run(command, self.log, _child_env(self.interpreter, root))
        if code != 0 or not env_python(folder).exists():
            raise self.fail(first, f"cannot create the environment: {self._creation_cause(output)}")

    def _creation_cause(self, output: str) -> str:
        cause = _last_line(output)
        if self.interpreter.implementation == "pypy" and "ensurepip" in output:
            cause += " (on Debian: apt-get install pypy3-venv)"
        return cause

    def install(self, python: Path, step: Step) -> None:
        """``pip install --require-hashes`` one lock into the environment."""
        command = [str(python), *_PIP_INSTALL]
        if step.from_source:
            # These few from their pinned sdists, with the build tools already installed:
            # build isolation would fetch its own, unpinned and unhashed.
            command += ["--no-binary", ",".join(step.from_source), "--no-build-isolation"]
        command += ["-r", str(self.locks / step.lock)]
        code, output = _run(command, self.log, _child_env(self.interpreter))
        if code != 0:
            raise self.fail(step.lock, pip_failure(output))

    def check(self, python: Path, folder: Path) -> None:
        """Check that pyperf imports at its pinned version, and the JIT where there is one."""
        pins_pyperf = [step.lock for step in self.plan.steps if _pins(self, step.lock, "pyperf")]
        lock = (pins_pyperf or [self.plan.steps[-1].lock])[0]
        expected = pinned_versions(
            _read_lock(self, lock), "pyperf", marker_environment(self.interpreter)
        )
        jit = "jit" if self.plan.pyston_lite else "-"
        command = [str(python), "-c", _CHECK, ",".join(self.plan.imports), jit]
        code, output = _run(command, self.log, _child_env(self.interpreter), CHECK_TIMEOUT)
        found = _parse_check(output) if code == 0 else None
        if found is None:
            raise self.fail(lock, f"the new environment fails its check: {_last_line(output)}")
        if not _same_path(str(found.get("prefix", "")), folder):
            raise self.fail(lock, f"the environment's python runs in {found.get('prefix')}")
        version = found.get("versions", {}).get("pyperf")
        if version not in expected:
            pinned = " or ".join(expected) or "no version"
            raise self.fail(lock, f"pyperf {version} installed where the lock pins {pinned}")
        if self.plan.pyston_lite:
            self._check_jit(lock, found, output)

    def _check_jit(self, lock: str, found: Mapping[str, Any], output: str) -> None:
        if not found.get("pyston_lite"):
            reason = "the pyston-lite JIT is not loaded at startup"
            if "DISABLE_PYSTON" in _child_env(self.interpreter):
                reason += " (DISABLE_PYSTON is set)"
            elif "Error processing line" in output:
                reason += " (its .pth file failed)"
            raise self.fail(lock, reason)
        if found.get("hooked") is False:
            raise self.fail(lock, "pyston_lite is imported but its frame evaluator is not on")


_PIP_INSTALL = (
    "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
    "--progress-bar", "off", "--require-hashes", "--only-binary", ":all:",
)  # fmt: skip


def _virtualenv_tool(tools: Path, build: _Build) -> Path:
    """The python of a venv of this interpreter with virtualenv (hash-pinned) installed."""
    tools.mkdir(parents=True, exist_ok=True)
    version = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    folder = tools / f"virtualenv-{version}"
    stamp = {
        "format": STAMP_FORMAT,
        "python": _binary_identity(sys.executable),
        "lock": _lock_sha256(build, VIRTUALENV_LOCK),
    }
    python = env_python(folder)
    with _exclusive(tools / f".virtualenv-{version}.lock"):
        if python.exists() and _read_stamp(folder) == stamp:
            return python
        _remove_env(folder, build)
        command = [sys.executable, "-m", "venv", str(folder)]
        code, output = _run(command, build.log, _child_env(None))
        if code != 0:
            raise build.fail(VIRTUALENV_LOCK, f"cannot create a venv: {_last_line(output)}")
        command = [str(python), *_PIP_INSTALL, "-r", str(build.locks / VIRTUALENV_LOCK)]
        code, output = _run(command, build.log, _child_env(None))
        if code != 0:
            raise build.fail(VIRTUALENV_LOCK, pip_failure(output))
        _write_stamp(folder, stamp)
    return python


def _remove_env(folder: Path, build: _Build) -> None:
    if not folder.exists() and not folder.is_symlink():
        return
    # Never delete a folder that is not one of ours: the label may collide with anything.
    ours = (folder / STAMP_NAME).exists() or (folder / "pyvenv.cfg").exists()
    if folder.is_symlink() or not folder.is_dir() or not (ours or not any(folder.iterdir())):
        raise build.fail(build.plan.steps[0].lock, f"{folder} exists and is not an environment")
    shutil.rmtree(folder)


def _child_env(interpreter: Interpreter | None, root: Path | None = None) -> dict[str, str]:
    # PYTHONPATH or PYTHONHOME would leak the harness's packages into the new environment;
    # the interpreter's own variables (DISABLE_PYSTON) are those its benchmarks run with.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "VIRTUALENV_", "VIRTUAL_ENV"))
    }
    if interpreter is not None:
        env.update(interpreter.env)
    if root is not None:
        # Keep a user's virtualenv.ini (download = true, other seeds) out of the 2.7 envs.
        env["VIRTUALENV_CONFIG_FILE"] = str(root / TOOLS_DIR / "no-virtualenv.ini")
    return env


def _run(
    command: Sequence[str], log: Path, env: Mapping[str, str], timeout: float = INSTALL_TIMEOUT
) -> tuple[int, str]:
    """Run ``command``; append it and its output to ``log``; return (exit status, output)."""
    try:
        completed = subprocess.run(
            list(command),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            env=dict(env),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        code, output = -1, f"ERROR: no result within {timeout:g} s"
    except OSError as exc:
        code, output = -1, f"ERROR: cannot run {command[0]}: {exc.strerror or exc}"
    else:
        code, output = completed.returncode, completed.stdout + completed.stderr
    # The check's source would swamp the log; its output is what matters.
    shown = " ".join("<script>" if "\n" in part else part for part in command)
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"\n$ {shown}\n{output}\n# exit status {code}\n")
    return code, output


def _parse_check(output: str) -> dict[str, Any] | None:
    for line in reversed(output.splitlines()):
        if line.startswith(_MARKER):
            try:
                data = json.loads(line[len(_MARKER) :])
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None


# --------------------------------------------------------------------------- pip's errors


def pip_failure(output: str) -> str:
    """The cause of a failed ``pip install``, in a few words, from its output."""
    if _MISMATCH_HEADER in output:
        after = output.split(_MISMATCH_HEADER, 1)[1].splitlines()
        found = [match.groups() for match in map(_MISMATCH_ENTRY.match, after) if match]
        names = ", ".join(f"{name} {version}" for name, version in found) or "a package"
        return f"hash mismatch for {names}: refusing to install"
    if "Hashes are required in --require-hashes mode" in output:
        return "a requirement has no hash: refusing to install"
    if "all requirements must have their versions pinned" in output:
        return "a requirement is not pinned with ==: refusing to install"
    match = re.search(r"No matching distribution found for (\S+)", output)
    if match:
        return f"no wheel (nor allowed sdist) of {match.group(1)} for this interpreter"
    match = re.search(r"Failed (?:building wheel for|to build) (\S+)", output)
    if match:
        return f"building {match.group(1)} from its pinned sdist failed"
    if any(error in output for error in _NETWORK_ERRORS):
        return "cannot reach the package index"
    return _last_line(output)


def _last_line(output: str, limit: int = 200) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR:") or "Error" in line]
    line = (errors or lines or ["no output"])[-1].removeprefix("ERROR:").strip()
    return line if len(line) <= limit else line[: limit - 3] + "..."


# --------------------------------------------------------------------------- lock files


def marker_environment(interpreter: Interpreter) -> dict[str, str]:
    """The environment-marker values of ``interpreter`` that the locks' markers use."""
    major, minor, _ = interpreter.version
    pypy = interpreter.implementation == "pypy"
    return {
        "python_version": f"{major}.{minor}",
        "python_full_version": interpreter.full_version,
        # Pyston says it is CPython, and installs CPython's wheels.
        "platform_python_implementation": "PyPy" if pypy else "CPython",
        "implementation_name": "pypy" if pypy else "cpython",
    }


def pinned_versions(text: str, name: str, environment: Mapping[str, str] | None) -> list[str]:
    """The versions a lock pins ``name`` to whose markers hold in ``environment``.

    With ``environment`` None, every version the lock pins ``name`` to, whatever the markers.
    """
    wanted = canonicalize_name(name)
    versions = []
    for line in text.splitlines():
        match = _PIN.match(line)
        if match is None or canonicalize_name(match.group(1)) != wanted:
            continue
        marker = match.group(3)
        if environment is None or not marker or Marker(marker).evaluate(dict(environment)):
            versions.append(match.group(2))
    return versions


def _pins(build: _Build, lock: str, name: str) -> bool:
    return bool(pinned_versions(_read_lock(build, lock), name, None))


def _read_lock(build: _Build, lock: str) -> str:
    try:
        return (build.locks / lock).read_text(encoding="utf-8")
    except OSError as exc:
        raise build.fail(lock, f"cannot read the lock file: {exc.strerror or exc}") from None


def _lock_sha256(build: _Build, lock: str) -> str:
    return hashlib.sha256(_read_lock(build, lock).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- stamps


def _stamp(build: _Build) -> dict[str, Any]:
    interpreter, plan = build.interpreter, build.plan
    stamp = {
        "format": STAMP_FORMAT,
        "plan": plan.name,
        "steps": [[step.lock, list(step.from_source)] for step in plan.steps],
        "locks": {lock: _lock_sha256(build, lock) for lock in plan.locks},
        "interpreter": {
            "label": interpreter.label,
            "version": interpreter.full_version,
            "implementation": interpreter.implementation,
            "jit": interpreter.jit,
            "env": [list(pair) for pair in interpreter.env],
            # A reinstalled interpreter (same path, new build) gets a new environment.
            "binary": _binary_identity(interpreter.path),
        },
    }
    # What a JSON round trip gives back, so that it compares equal to a stamp read from disk.
    result: dict[str, Any] = json.loads(json.dumps(stamp))
    return result


def _binary_identity(path: str) -> list[Any]:
    real = os.path.realpath(path)
    try:
        status = os.stat(real)
    except OSError:
        return [real, None, None]
    return [real, status.st_size, status.st_mtime_ns]


def _read_stamp(folder: Path) -> Any:
    try:
        return json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_stamp(folder: Path, stamp: Mapping[str, Any]) -> None:
    # Written last and atomically: an environment without it is rebuilt.
    temporary = folder / f".{STAMP_NAME}.tmp"
    temporary.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    temporary.replace(folder / STAMP_NAME)


# --------------------------------------------------------------------------- helpers


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``: two harnesses never build one environment at once."""
    with path.open("a") as handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _same_path(one: str, other: Path) -> bool:
    return os.path.realpath(one) == os.path.realpath(other)


def _display(path: Path) -> str:
    """``path`` relative to the cwd when it is below it (as in requirements/bench/py3.txt)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
