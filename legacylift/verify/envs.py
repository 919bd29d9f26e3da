"""``--requirements FILE``: the tests run in an environment with the project's packages.

Each interpreter of the run gets ``<workdir>/envs/<X.Y>``, made as the bench makes its
environments (:mod:`legacylift.bench.envs`): ``python -m venv`` for Python 3, virtualenv
20.21.1 (from the hash-pinned ``requirements/bench/virtualenv.txt``) for 2.7. FILE is then
installed with ``pip install --require-hashes --only-binary :all: -r FILE``: every requirement
must carry its sha256 hash, and only wheels are installed (no package runs code while
installing). pip does not apply ``--only-binary`` to a direct reference (``name @ URL``), so
:func:`check_wheels_only` refuses one that is not a wheel, and editable installs, before pip
runs. ``--requirements-py2 FILE`` replaces FILE for the 2.7 side when its pins differ.

An environment records the interpreter it was made from and the sha256 of FILE, and is reused
while both are unchanged; otherwise it is made anew. pip's output goes to
``<workdir>/logs/env-<X.Y>.log``; a failure is an :class:`~legacylift.bench.envs.EnvError`
whose one-line message names the interpreter, FILE, the cause and the log.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from legacylift.bench.envs import (
    STAMP_FORMAT,
    EnvError,
    Plan,
    Step,
    _binary_identity,
    _Build,
    _exclusive,
    _read_stamp,
    _remove_env,
    _write_stamp,
    env_python,
    plan_for,
)
from legacylift.bench.interpreters import Interpreter
from legacylift.bench.locks import LOCKS_DIR
from legacylift.codemod import Version
from legacylift.verify.interpreters import describe, spelled

#: The folder of the environments, under the work folder (kept from one run to the next).
ENVS = "envs"
_COMMENT = re.compile(r"(^|\s)#.*$")
_OPTIONS = re.compile(r"\s--?[a-z]")
_ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar")


def requirements_for(interpreter: Interpreter, requirements: Path, py2: Path | None) -> Path:
    """The requirements file of ``interpreter``: ``py2`` for a 2.7 if given, else the other."""
    if py2 is not None and interpreter.version[0] == 2:
        return py2
    return requirements


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a requirements file as pip reads them: continuations joined, comments
    dropped; each with the number of its first physical line."""
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical = _COMMENT.sub("", pending + line).strip()
        pending = ""
        if logical:
            yield start, logical


def _direct_url(requirement: str) -> str | None:
    """The URL or path of a direct reference (``name @ URL``, or a bare URL or path)."""
    if "@" in requirement.split(";", 1)[0] and "://" in requirement:
        return requirement.split("@", 1)[1].split(";", 1)[0].strip()
    first = requirement.split(";", 1)[0].strip()
    if "://" in first or first.startswith((".", "/", "~")) or first.endswith(_ARCHIVES):
        return first
    return None


def check_wheels_only(requirements: Path, seen: frozenset[Path] = frozenset()) -> None:
    """Raise :class:`EnvError` if ``requirements`` (or a file it includes) could make pip
    build a package from source: pip honours ``--only-binary`` for the packages it looks up,
    not for a direct reference to an sdist, a VCS URL or a folder, nor an editable install.
    """
    path = requirements.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnvError(f"{requirements}: cannot read it: {exc}") from None
    for number, line in _logical_lines(text):
        where = f"{requirements}:{number}"
        option, _, value = line.replace("=", " ", 1).partition(" ")
        if option in ("-r", "--requirement", "-c", "--constraint"):
            included = (path.parent / value.strip()).resolve()
            if included not in seen | {path}:
                check_wheels_only(included, seen | {path})
            continue
        if option in ("-e", "--editable", "--no-binary", "--prefer-binary"):
            raise EnvError(f"{where}: {option} would let pip build from source: "
                           f"--requirements installs wheels only")  # fmt: skip
        if line.startswith("-"):
            continue  # --hash on a line of its own, --index-url, --find-links...
        requirement = " ".join(_OPTIONS.split(line, 1)[0].split())
        url = _direct_url(requirement)
        if url is not None and not url.split("#", 1)[0].split("?", 1)[0].endswith(".whl"):
            name = requirement.split("@", 1)[0].strip() if "@" in requirement else url
            raise EnvError(f"{where}: {name} has no wheel ({url} is not one): "
                           f"--requirements installs wheels only")  # fmt: skip


def _stamp(interpreter: Interpreter, plan: Plan, requirements: Path) -> dict[str, Any]:
    try:
        digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    except OSError as exc:
        raise EnvError(f"{requirements}: cannot read it: {exc.strerror or exc}") from None
    return {
        "format": STAMP_FORMAT,
        "plan": f"verify-{plan.creator}",
        "interpreter": _binary_identity(interpreter.path),
        "requirements": digest,
    }


def ensure_requirements_env(
    interpreter: Interpreter, requirements: Path, envs_root: Path, log: Path
) -> Interpreter:
    """``interpreter`` running in its environment, ``envs_root/X.Y``, with ``requirements``.

    The returned interpreter's path is the environment's python. Says on stderr whether the
    environment is made or reused. Raises :class:`EnvError` with a one-line reason.
    """
    creator = plan_for(interpreter).creator
    check_wheels_only(requirements)
    requirements = requirements.resolve()
    # An absolute lock: the build names it, and installs it, as it is.
    plan = Plan("verify", creator, (Step(str(requirements)),), imports=())
    root = envs_root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    name = spelled(interpreter.version[:2])
    folder = root / name
    build = _Build(interpreter, plan, LOCKS_DIR, log.resolve())
    where = f"environment {envs_root.name}/{name} for {describe(interpreter)}"
    with _exclusive(root / f".{name}.lock"):
        stamp = _stamp(interpreter, plan, requirements)
        python = env_python(folder)
        if python.exists() and _read_stamp(folder) == stamp:
            print(f"{where}: reused (same interpreter, same {requirements.name})",
                  file=sys.stderr)  # fmt: skip
        else:
            print(f"{where}: installing {requirements}", file=sys.stderr)
            build.start()
            _remove_env(folder, build)
            build.create(folder, root)
            build.install(python, plan.steps[0])
            _write_stamp(folder, stamp)
    return dataclasses.replace(interpreter, path=str(python))


def prepare(
    chosen: Mapping[Version, Interpreter], requirements: Path, py2: Path | None, workdir: Path,
    logs: Path,
) -> dict[Version, Interpreter]:  # fmt: skip
    """Each interpreter of ``chosen`` in its environment (see the module docstring)."""
    ready: dict[str, Interpreter] = {}
    result = {}
    for version, interpreter in chosen.items():
        if interpreter.path not in ready:
            name = spelled(interpreter.version[:2])
            ready[interpreter.path] = ensure_requirements_env(
                interpreter,
                requirements_for(interpreter, requirements, py2),
                workdir / ENVS,
                logs / f"env-{name}.log",
            )
        result[version] = ready[interpreter.path]
    return result
