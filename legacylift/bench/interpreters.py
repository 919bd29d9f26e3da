"""Find the Python interpreters the bench can run on, by asking each one what it is.

Candidates come from an explicit list, ``[tool.legacylift.bench] interpreters`` in
``pyproject.toml``, ``PATH``, pyenv and uv. Every candidate is run with a small probe
(``_probe.py``, valid on Python 2.7 and 3.x) and described by what it answers, never by
its file name. Candidates that cannot be run, time out or answer garbage are kept as
:class:`Rejected` with a reason, so that ``legacylift interpreters`` can show them.

Run ``python -m legacylift.bench.interpreters`` for a report.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from tabulate import tabulate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

EXPLICIT, PYPROJECT, PATH, PYENV, UV = "explicit", "pyproject", "PATH", "pyenv", "uv"
#: Discovery sources, best first: an interpreter found by several keeps the first one's path.
SOURCES: tuple[str, ...] = (EXPLICIT, PYPROJECT, PATH, PYENV, UV)

#: Names looked up on PATH (first hit of each, as a shell would run it).
PATH_NAMES: tuple[str, ...] = (
    "python2.7",
    *(f"python3.{minor}" for minor in range(6, 16)),
    "python3",
    "python",
    "pypy3",
    "pypy",
    "pyston3",
    "pyston",
)

DEFAULT_TIMEOUT = 15.0
PYSTON_LITE_REQUIREMENT = "pyston_lite_autoload"
#: CPython minor versions pyston_lite_autoload (2.3.5, the last release) has wheels for.
PYSTON_LITE_VERSIONS: tuple[tuple[int, int], ...] = ((3, 7), (3, 8), (3, 9), (3, 10))
MIN_PYTHON3 = (3, 8)

PROBE_MARKER = "LEGACYLIFT-PROBE:"
_PROBE_FILE = Path(__file__).with_name("_probe.py")
_UV_NAME = re.compile(r"(python3|pypy3)(\.\d+)?t?")
_FAMILY_ORDER = {"cpython": 0, "pyston-lite": 1, "pyston": 2, "pypy": 3}


class ConfigError(Exception):
    """A ``[tool.legacylift.bench]`` table that cannot be used; the message is one line."""


class ProbeError(Exception):
    """A candidate that is not a usable interpreter; ``str()`` is the reason."""


@dataclass(frozen=True)
class Candidate:
    """A file that may be a Python interpreter, and the source that suggested it."""

    path: str
    source: str


@dataclass(frozen=True)
class ProbeResult:
    """What an interpreter says about itself when it runs the probe."""

    implementation: str
    version: tuple[int, int, int]
    releaselevel: str
    serial: int
    executable: str
    prefix: str
    base_prefix: str
    pointer_bits: int
    machine: str
    gil_disabled: bool
    pyston_version: tuple[int, ...] | None
    pypy_version: tuple[int, ...] | None
    pypy_jit: bool
    pyston_lite_importable: bool
    pyston_lite_autoload_importable: bool
    pyston_lite_active: bool

    @property
    def full_version(self) -> str:
        """The language version as Python spells it: ``3.11.7``, ``3.13.0rc1``."""
        text = ".".join(str(part) for part in self.version)
        if self.releaselevel == "final":
            return text
        level = {"alpha": "a", "beta": "b", "candidate": "rc"}.get(self.releaselevel, "dev")
        return f"{text}{level}{self.serial}"


@dataclass(frozen=True)
class Interpreter:
    """One interpreter (or JIT variant of one) the bench can run.

    ``path`` is what to execute; ``env`` holds environment variables the harness must set
    when running it, ``requirements`` packages its benchmark environment must install.
    """

    path: str
    implementation: str
    version: tuple[int, int, int]
    jit: str | None
    label: str
    variant_of: str | None = None
    requirements: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    found_as: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    probe: ProbeResult | None = None

    @property
    def full_version(self) -> str:
        """The full language version, e.g. ``3.11.7``."""
        if self.probe is not None:
            return self.probe.full_version
        return ".".join(str(part) for part in self.version)

    @property
    def family(self) -> str:
        """``pyston-lite`` for the JIT variant, else the implementation."""
        return "pyston-lite" if self.jit == "pyston-lite" else self.implementation

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description."""
        data = dataclasses.asdict(self)
        data["full_version"] = self.full_version
        data["env"] = dict(self.env)
        return data


@dataclass(frozen=True)
class Rejected:
    """A candidate the bench will not use, and why."""

    path: str
    reason: str
    sources: tuple[str, ...] = ()
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Discovery:
    """Everything :func:`discover_interpreters` identified, and what it could not use."""

    found: tuple[Interpreter, ...]
    rejected: tuple[Rejected, ...]


# --------------------------------------------------------------------------- probing

ProbeOutcome = Union[ProbeResult, ProbeError]
_CacheKey = tuple[str, str, int, int]
_cache: dict[_CacheKey, ProbeResult] = {}
_cache_lock = threading.Lock()


def clear_probe_cache() -> None:
    """Forget every probe result (they are otherwise kept for the life of the process)."""
    with _cache_lock:
        _cache.clear()


def probe(path: str, timeout: float = DEFAULT_TIMEOUT) -> ProbeResult:
    """Run the probe with ``path`` and return its answer; raise :class:`ProbeError` if none.

    Results are cached per file (path, target, mtime, size). The unresolved path is part of
    the key because a venv's ``bin/python`` is a symlink to its base interpreter and yet
    answers with a different prefix.
    """
    key = _cache_key(path)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    result = _run_probe(path, timeout)
    with _cache_lock:
        _cache[key] = result
    return result


def probe_all(
    paths: Iterable[str], timeout: float = DEFAULT_TIMEOUT, max_workers: int = 8
) -> dict[str, ProbeOutcome]:
    """Probe every path in parallel; map each to its result or to the error it raised."""
    unique = list(dict.fromkeys(paths))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(unique)))) as pool:
        outcomes = pool.map(lambda path: _probe_or_error(path, timeout), unique)
        return dict(zip(unique, outcomes))


def _probe_or_error(path: str, timeout: float) -> ProbeOutcome:
    try:
        return probe(path, timeout)
    except ProbeError as exc:
        return exc


def _cache_key(path: str) -> _CacheKey:
    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    try:
        status = os.stat(real)
    except FileNotFoundError:
        raise ProbeError("no such file") from None
    except OSError as exc:
        raise ProbeError(f"cannot read it: {exc.strerror or exc}") from None
    if not os.path.isfile(real) or not os.access(real, os.X_OK):
        raise ProbeError("not an executable file")
    return (absolute, real, status.st_mtime_ns, status.st_size)


def _probe_env() -> dict[str, str]:
    # -E already makes the interpreter ignore PYTHON* variables, but a wrapper script
    # (a shim) may pass them to something that does not.
    return {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}


def _run_probe(path: str, timeout: float) -> ProbeResult:
    nonce = secrets.token_hex(8)
    # -c rather than a file path: a script's folder goes first on sys.path, and ours is a
    # package that may one day hold a module named like one of the stdlib's.
    command = [path, "-E", "-s", "-c", _PROBE_FILE.read_text(encoding="utf-8"), nonce]
    returncode, stdout, stderr = _communicate(command, timeout)
    if returncode != 0:
        if _first_line(stderr).startswith("pyenv:"):
            raise ProbeError("pyenv shim: " + _first_line(stderr).removeprefix("pyenv: "))
        raise ProbeError(_exit_reason(returncode, stderr or stdout))
    return _parse_probe(stdout, nonce)


def _communicate(command: list[str], timeout: float) -> tuple[int, str, str]:
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_probe_env(),
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        raise ProbeError(f"cannot run it: {exc.strerror or exc}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_session(process)
        raise ProbeError(f"no answer within {timeout:g} s") from None
    return process.returncode, stdout, stderr


def _kill_session(process: subprocess.Popen[str]) -> None:
    # A wrapper script's children inherit our pipes: killing the wrapper alone would
    # leave communicate() waiting for them to close.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()


def _exit_reason(returncode: int, output: str) -> str:
    status = f"killed by signal {-returncode}" if returncode < 0 else f"exit status {returncode}"
    detail = _first_line(output)
    return f"{status}: {detail}" if detail else status


def _first_line(text: str, limit: int = 120) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _parse_probe(stdout: str, nonce: str) -> ProbeResult:
    lines = [line for line in stdout.splitlines() if line.startswith(PROBE_MARKER)]
    if not lines:
        raise ProbeError(f"not a Python interpreter: answered {_first_line(stdout)!r}")
    try:
        data = json.loads(lines[-1][len(PROBE_MARKER) :])
    except ValueError:
        raise ProbeError("answered malformed JSON") from None
    if not isinstance(data, dict) or data.get("nonce") != nonce:
        raise ProbeError("answered, but not to this probe (canned output?)")
    if "error" in data:
        raise ProbeError(f"the probe failed inside it: {data['error']}")
    return _probe_result(data)


def _probe_result(data: dict[str, Any]) -> ProbeResult:
    version = _version_field(data, "version")
    if version is None or len(version) != 3:
        raise ProbeError("answered without a valid 'version'")
    pyston = _version_field(data, "pyston_version")
    pypy = _version_field(data, "pypy_version")
    return ProbeResult(
        implementation=_implementation(_field(data, "implementation", str), pyston, pypy),
        version=(version[0], version[1], version[2]),
        releaselevel=_field(data, "releaselevel", str),
        serial=_field(data, "serial", int),
        executable=_field(data, "executable", str),
        prefix=_field(data, "prefix", str),
        base_prefix=_field(data, "base_prefix", str),
        pointer_bits=_field(data, "pointer_bits", int),
        machine=_field(data, "machine", str),
        gil_disabled=_field(data, "gil_disabled", bool),
        pyston_version=pyston,
        pypy_version=pypy,
        pypy_jit=_field(data, "pypy_jit", bool),
        pyston_lite_importable=_field(data, "pyston_lite_importable", bool),
        pyston_lite_autoload_importable=_field(data, "pyston_lite_autoload_importable", bool),
        pyston_lite_active=_field(data, "pyston_lite_active", bool),
    )


def _field(data: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = data.get(key)
    # bool is an int: keep "serial": true from passing as a number.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ProbeError(f"answered without a valid {key!r}")
    return value


def _version_field(data: dict[str, Any], key: str) -> tuple[int, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    valid = isinstance(value, list) and value and all(type(part) is int for part in value)
    if not valid:
        raise ProbeError(f"answered without a valid {key!r}")
    return tuple(value)


def _implementation(name: str, pyston: tuple[int, ...] | None, pypy: object) -> str:
    # Pyston calls itself CPython; its version attribute is the documented tell.
    if pyston is not None:
        return "pyston"
    if pypy is not None:
        return "pypy"
    return name.lower()


# --------------------------------------------------------------------------- candidates


def path_candidates(search_path: str | None = None) -> list[Candidate]:
    """The first hit on ``search_path`` (default: ``$PATH``) of each of :data:`PATH_NAMES`."""
    search = os.environ.get("PATH", os.defpath) if search_path is None else search_path
    if not search:
        return []
    hits = (shutil.which(name, path=search) for name in PATH_NAMES)
    return [Candidate(os.path.abspath(hit), PATH) for hit in hits if hit]


def pyenv_root(environ: Mapping[str, str] | None = None) -> Path:
    """``$PYENV_ROOT``, else what ``pyenv root`` says, else ``~/.pyenv``."""
    environ = os.environ if environ is None else environ
    if environ.get("PYENV_ROOT"):
        return Path(environ["PYENV_ROOT"]).expanduser()
    executable = shutil.which("pyenv", path=environ.get("PATH"))
    answer = _ask_pyenv_root(executable) if executable else None
    return answer or Path.home() / ".pyenv"


def _ask_pyenv_root(executable: str) -> Path | None:
    try:
        completed = subprocess.run(
            [executable, "root"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = completed.stdout.strip()
    return Path(text) if completed.returncode == 0 and text else None


def pyenv_candidates(root: Path) -> list[Candidate]:
    """``versions/*/bin/python`` under a pyenv root, in version order."""
    found = []
    for version in _sorted_dirs(root / "versions"):
        # pyenv-virtualenv links its environments in as versions/NAME -> .../envs/NAME:
        # venvs of a version that is listed anyway.
        if version.is_symlink():
            continue
        executable = next(_existing(version / "bin" / name for name in ("python", "python3")), None)
        if executable is not None:
            found.append(Candidate(str(executable), PYENV))
    return found


def uv_python_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where uv keeps the Pythons it installs."""
    environ = os.environ if environ is None else environ
    if environ.get("UV_PYTHON_INSTALL_DIR"):
        return Path(environ["UV_PYTHON_INSTALL_DIR"]).expanduser()
    data = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "uv" / "python"


def uv_candidates(root: Path) -> list[Candidate]:
    """One ``bin/python3*`` of each uv-managed installation."""
    found = []
    for install in _sorted_dirs(root):
        names = _matching_names(install / "bin", _UV_NAME)
        if names:
            # python3 and python3.12 are the same program; the shortest name is enough.
            found.append(Candidate(str(install / "bin" / min(names, key=len)), UV))
    return found


def _matching_names(folder: Path, pattern: re.Pattern[str]) -> list[str]:
    try:
        return [entry.name for entry in folder.iterdir() if pattern.fullmatch(entry.name)]
    except OSError:
        return []


def _sorted_dirs(folder: Path) -> list[Path]:
    try:
        entries = [entry for entry in folder.iterdir() if entry.is_dir()]
    except OSError:
        return []
    return sorted(entries, key=lambda entry: _natural_key(entry.name))


def _natural_key(name: str) -> tuple[tuple[str, int], ...]:
    # With one group, re.split alternates text and digits: pair them so 3.9 < 3.10.
    parts = re.split(r"(\d+)", name)
    return tuple(
        (parts[index], int(parts[index + 1]) if index + 1 < len(parts) else -1)
        for index in range(0, len(parts), 2)
    )


def _existing(paths: Iterable[Path]) -> Iterator[Path]:
    return (path for path in paths if path.is_file())


def pyproject_interpreters(pyproject: Path) -> list[str]:
    """``[tool.legacylift.bench] interpreters`` of ``pyproject``, resolved; [] if none."""
    try:
        with open(pyproject, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return []
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    table: Any = data
    for key in ("tool", "legacylift", "bench"):
        table = table.get(key, {}) if isinstance(table, dict) else None
    entries = table.get("interpreters", []) if isinstance(table, dict) else None
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        raise ConfigError(
            f"{pyproject}: [tool.legacylift.bench] interpreters must be a list of paths"
        )
    return [resolve_entry(entry, pyproject.parent) for entry in entries]


def resolve_entry(entry: str, base: Path | None = None) -> str:
    """An interpreter the user named: a bare name is looked up on PATH, a relative path
    is taken from ``base`` (default: the current folder)."""
    entry = os.path.expanduser(entry.strip())
    if os.sep not in entry and "/" not in entry:
        return shutil.which(entry) or entry
    return os.path.abspath(Path(base or Path.cwd()) / entry)


def find_candidates(
    explicit: Sequence[str] = (),
    *,
    pyproject: Path | None = None,
    sources: Collection[str] = SOURCES,
    search_path: str | None = None,
    pyenv_dir: Path | None = None,
    uv_dir: Path | None = None,
) -> list[Candidate]:
    """Every candidate of the enabled ``sources``, best source first."""
    gathered: dict[str, list[Candidate]] = {
        EXPLICIT: [Candidate(resolve_entry(entry), EXPLICIT) for entry in explicit],
        PYPROJECT: [
            Candidate(path, PYPROJECT)
            for path in (pyproject_interpreters(pyproject) if pyproject else [])
        ],
    }
    if PATH in sources:
        gathered[PATH] = path_candidates(search_path)
    if PYENV in sources:
        gathered[PYENV] = pyenv_candidates(pyenv_dir or pyenv_root())
    if UV in sources:
        gathered[UV] = uv_candidates(uv_dir or uv_python_dir())
    enabled = [source for source in SOURCES if source in gathered]
    return [candidate for source in enabled for candidate in gathered[source]]


# --------------------------------------------------------------------------- discovery


@dataclass
class _Entry:
    """An identified interpreter while duplicates are still being merged into it."""

    path: str
    probe: ProbeResult
    sources: list[str]
    found_as: list[str]


def discover_interpreters(
    explicit: Sequence[str] = (),
    *,
    pyproject: Path | None = None,
    sources: Collection[str] = SOURCES,
    search_path: str | None = None,
    pyenv_dir: Path | None = None,
    uv_dir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Discovery:
    """Find, probe, deduplicate and label interpreters, adding pyston-lite variants.

    ``sources`` selects the discovery sources; the explicit list and ``pyproject`` are
    always used when given. ``search_path``, ``pyenv_dir`` and ``uv_dir`` override where
    PATH, pyenv and uv are searched. Nothing is filtered: see :func:`filter_supported`.
    """
    candidates = find_candidates(
        explicit,
        pyproject=pyproject,
        sources=sources,
        search_path=search_path,
        pyenv_dir=pyenv_dir,
        uv_dir=uv_dir,
    )
    outcomes = probe_all((candidate.path for candidate in candidates), timeout)
    entries, rejected = _merge(candidates, outcomes)
    found = _labelled(entries)
    variants = [variant for base in found for variant in _pyston_lite_variant(base)]
    return Discovery(tuple(sorted([*found, *variants], key=_sort_key)), tuple(rejected))


def _merge(
    candidates: Sequence[Candidate], outcomes: Mapping[str, ProbeOutcome]
) -> tuple[list[_Entry], list[Rejected]]:
    entries: dict[tuple[str, str, str], _Entry] = {}
    failures: dict[str, Rejected] = {}
    for candidate in candidates:
        outcome = outcomes[candidate.path]
        if isinstance(outcome, ProbeError):
            failures[candidate.path] = _add_source(failures.get(candidate.path), candidate, outcome)
            continue
        key = _identity(candidate.path, outcome)
        entry = entries.get(key)
        if entry is None:
            entries[key] = _Entry(_run_path(candidate.path, outcome), outcome, [], [])
            entry = entries[key]
        elif _is_venv(entry.probe) and not _is_venv(outcome):
            # The bench builds its own environment, so the base interpreter is the one to run.
            entry.path, entry.probe = _run_path(candidate.path, outcome), outcome
        _append_new(entry.sources, candidate.source)
        _append_new(entry.found_as, candidate.path)
    return list(entries.values()), list(failures.values())


def _add_source(previous: Rejected | None, candidate: Candidate, error: ProbeError) -> Rejected:
    if previous is None:
        return Rejected(candidate.path, str(error), (candidate.source,))
    if candidate.source in previous.sources:
        return previous
    return dataclasses.replace(previous, sources=(*previous.sources, candidate.source))


def _append_new(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _identity(path: str, result: ProbeResult) -> tuple[str, str, str]:
    # A venv is the interpreter it was made from: the same binary, whatever it has installed
    # (the bench installs its own environment), so both have one identity: the base prefix.
    return (os.path.realpath(result.base_prefix), result.implementation, result.full_version)


def _is_venv(result: ProbeResult) -> bool:
    return os.path.realpath(result.prefix) != os.path.realpath(result.base_prefix)


def _run_path(path: str, result: ProbeResult) -> str:
    # A pyenv shim or wrapper script may run something else tomorrow (another folder's
    # .python-version); the executable the probe ran in is what was identified.
    executable = result.executable
    if os.path.isabs(executable) and os.access(executable, os.X_OK):
        return executable
    return os.path.abspath(path)


def _labelled(entries: Sequence[_Entry]) -> list[Interpreter]:
    short = [_short_label(entry.probe) for entry in entries]
    counts = Counter(short)
    labels = [
        _long_label(entry.probe) if counts[label] > 1 else label
        for entry, label in zip(entries, short)
    ]
    return [_interpreter(entry, label) for entry, label in zip(entries, _numbered(labels))]


def _short_label(result: ProbeResult) -> str:
    major, minor, _ = result.version
    return f"{result.implementation}-{major}.{minor}{_threading_suffix(result)}"


def _long_label(result: ProbeResult) -> str:
    return f"{result.implementation}-{result.full_version}{_threading_suffix(result)}"


def _threading_suffix(result: ProbeResult) -> str:
    # Free-threaded builds are spelled like their executables, python3.13t.
    return "t" if result.gil_disabled else ""


def _numbered(labels: Sequence[str]) -> list[str]:
    # Even full versions collide for a venv and its base interpreter.
    seen: Counter[str] = Counter()
    numbered = []
    for label in labels:
        seen[label] += 1
        numbered.append(label if seen[label] == 1 else f"{label}-{seen[label]}")
    return numbered


def _interpreter(entry: _Entry, label: str) -> Interpreter:
    result = entry.probe
    # With pyston_lite_autoload installed the interpreter JITs itself at startup; the
    # plain entry must not measure pyston-lite (its variant does that).
    env = (("DISABLE_PYSTON", "1"),) if result.pyston_lite_active else ()
    return Interpreter(
        path=entry.path,
        implementation=result.implementation,
        version=result.version,
        jit=_jit(result),
        label=label,
        sources=tuple(entry.sources),
        found_as=tuple(entry.found_as),
        env=env,
        probe=result,
    )


def _jit(result: ProbeResult) -> str | None:
    if result.implementation == "pyston":
        return "pyston"
    if result.implementation == "pypy" and result.pypy_jit:
        return "pypy"
    return None


def _pyston_lite_variant(base: Interpreter) -> list[Interpreter]:
    """The pyston-lite variant of a CPython that pyston_lite_autoload supports, if any."""
    if base.implementation != "cpython" or base.version[:2] not in PYSTON_LITE_VERSIONS:
        return []
    return [
        dataclasses.replace(
            base,
            jit="pyston-lite",
            label="pyston-lite-" + base.label.removeprefix("cpython-"),
            variant_of=base.label,
            requirements=(PYSTON_LITE_REQUIREMENT,),
            env=(),
        )
    ]


def _sort_key(interpreter: Interpreter) -> tuple[int, tuple[int, int, int], str]:
    return (_FAMILY_ORDER.get(interpreter.family, 9), interpreter.version, interpreter.label)


# --------------------------------------------------------------------------- filtering


def unsupported_reason(interpreter: Interpreter) -> str | None:
    """Why the bench cannot use ``interpreter``, or None if it can."""
    major, minor, _ = interpreter.version
    version = f"{major}.{minor}"
    if interpreter.implementation == "cpython":
        if (major, minor) == (2, 7) or (major, minor) >= MIN_PYTHON3:
            return None
        if major == 3:
            return f"CPython {version} is older than the supported 3.8"
        return f"CPython {version} is not supported (2.7 and 3.8+ are)"
    if interpreter.implementation == "pypy":
        return None if major >= 3 else f"PyPy for Python {version} is not supported (PyPy 3 is)"
    if interpreter.implementation == "pyston":
        return None if (major, minor) >= MIN_PYTHON3 else f"Pyston {version} is not supported"
    return f"{interpreter.implementation} is not supported (CPython, PyPy and Pyston are)"


def filter_supported(
    interpreters: Iterable[Interpreter],
) -> tuple[list[Interpreter], list[Rejected]]:
    """Split ``interpreters`` into those the bench supports and the others, with reasons."""
    kept: list[Interpreter] = []
    rejected: list[Rejected] = []
    for interpreter in interpreters:
        reason = unsupported_reason(interpreter)
        if reason is None:
            kept.append(interpreter)
        else:
            rejected.append(
                Rejected(interpreter.path, reason, interpreter.sources, interpreter.label)
            )
    return kept, rejected


# --------------------------------------------------------------------------- reporting


@dataclass(frozen=True)
class Expected:
    """One cell of the benchmark matrix, and how to get it when it is missing."""

    name: str
    family: str
    version: tuple[int, int] | None
    hint: str

    def satisfied_by(self, interpreter: Interpreter) -> bool:
        """Whether ``interpreter`` fills this cell (a version of None means any Python 3)."""
        if interpreter.family != self.family:
            return False
        if self.version is None:
            return interpreter.version[0] == 3
        return interpreter.version[:2] == self.version


def _cpython(minor: int) -> Expected:
    return Expected(
        f"CPython 3.{minor}",
        "cpython",
        (3, minor),
        f"pyenv install 3.{minor}   (or: uv python install 3.{minor})",
    )


def _pyston_lite(minor: int) -> Expected:
    return Expected(
        f"pyston-lite 3.{minor}",
        "pyston-lite",
        (3, minor),
        f"comes automatically with a CPython 3.{minor}: pyenv install 3.{minor}",
    )


#: The matrix the bench aims for.
EXPECTED: tuple[Expected, ...] = (
    Expected("CPython 2.7", "cpython", (2, 7), "pyenv install 2.7"),
    *(_cpython(minor) for minor in range(8, 14)),
    *(_pyston_lite(minor) for minor in range(8, 11)),
    Expected(
        "PyPy 3",
        "pypy",
        None,
        "apt-get install pypy3 pypy3-dev   (pypy3-dev so that psutil builds)",
    ),
)


def missing(found: Iterable[Interpreter]) -> list[Expected]:
    """The cells of :data:`EXPECTED` that no interpreter in ``found`` fills."""
    found = list(found)
    return [cell for cell in EXPECTED if not any(cell.satisfied_by(item) for item in found)]


def format_report(found: Sequence[Interpreter], rejected: Sequence[Rejected]) -> str:
    """A human-readable report: interpreters found, rejected candidates, missing cells."""
    sections = [_found_section(found), _rejected_section(rejected), _missing_section(found)]
    return "\n\n".join(sections) + "\n"


def _found_section(found: Sequence[Interpreter]) -> str:
    if not found:
        return "Interpreters found: none"
    rows = [
        (item.label, item.implementation, item.full_version, item.jit or "-", item.path)
        for item in found
    ]
    table = tabulate(rows, headers=("label", "implementation", "version", "JIT", "path"))
    return f"Interpreters found ({len(found)}):\n{table}"


def _rejected_section(rejected: Sequence[Rejected]) -> str:
    if not rejected:
        return "Rejected candidates: none"
    rows = [(item.label or "-", item.path, item.reason) for item in rejected]
    table = tabulate(rows, headers=("label", "path", "reason"))
    return f"Rejected candidates ({len(rejected)}):\n{table}"


def _missing_section(found: Sequence[Interpreter]) -> str:
    cells = missing(found)
    if not cells:
        return "Missing from the benchmark matrix: nothing"
    width = max(len(cell.name) for cell in cells)
    lines = [f"  {cell.name.ljust(width)}  {cell.hint}" for cell in cells]
    return f"Missing from the benchmark matrix ({len(cells)}):\n" + "\n".join(lines)


def to_json(found: Sequence[Interpreter], rejected: Sequence[Rejected]) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "interpreters": [item.to_dict() for item in found],
        "rejected": [item.to_dict() for item in rejected],
        "missing": [dataclasses.asdict(cell) for cell in missing(found)],
    }


# --------------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    """The ``legacylift interpreters`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="legacylift interpreters",
        description="Find the Python interpreters the bench can run on (PATH, pyenv, uv, "
        "[tool.legacylift.bench] interpreters in pyproject.toml, --interpreters), asking "
        "each one what it is.",
    )
    parser.add_argument(
        "--interpreters", action="append", default=[], metavar="PATH[,PATH...]",
        help="interpreters to use besides those found (repeatable)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON instead of a report")
    parser.add_argument(
        "--pyproject", type=Path, default=Path("pyproject.toml"), metavar="FILE",
        help="read [tool.legacylift.bench] interpreters from FILE (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help="give up on a candidate that has not answered after SECONDS (default: %(default)g)",
    )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the interpreter report; 0 if any usable interpreter was found, 1 if none,
    2 on a configuration error."""
    args = build_parser().parse_args(argv)
    explicit = [part.strip() for value in args.interpreters for part in value.split(",")]
    try:
        discovery = discover_interpreters(
            [part for part in explicit if part], pyproject=args.pyproject, timeout=args.timeout
        )
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found, unsupported = filter_supported(discovery.found)
    rejected = [*discovery.rejected, *unsupported]
    if args.json:
        print(json.dumps(to_json(found, rejected), indent=2))
    else:
        print(format_report(found, rejected), end="")
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
