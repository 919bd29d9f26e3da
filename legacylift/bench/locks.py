"""Write the hash-pinned lock files of the benchmark environments (``requirements/bench``).

Each ``NAME.in`` there is locked into ``NAME.txt``, with a sha256 hash on every requirement:

* ``py3``, ``pyston-lite``, ``build`` and ``virtualenv`` by ``uv pip compile --universal
  --generate-hashes`` (one file for every Python 3 and PyPy, versions chosen by markers);
* ``py27`` by :func:`write_pinned_lock`, because uv cannot resolve for Python 2.7: its
  ``.in`` holds exact pins, and the hashes are those of the files ``pip download`` fetches
  for Python 2.7 (the wheel, or the sdist of a package that has no 2.7 wheel).

The leading comment block of each ``.in`` (why a pin is what it is, which sdists are built
at install time) is copied to the top of its ``.txt``. A lock that names an index or any
other URL is refused: the installs use pip's own configuration.

This module uses only the standard library, so ``python -m legacylift.bench.locks`` runs
from a source tree in an environment that has nothing but uv.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Where the benchmark environments' lock files live in a source tree.
LOCKS_DIR = Path(__file__).resolve().parents[2] / "requirements" / "bench"
#: What the generated files say regenerates them.
COMPILE_COMMAND = "nox -s lock"
#: Every target Python 2 gets this lock; the others are Python 3 (CPython, PyPy, Pyston).
PINNED_PYTHON = "2.7"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9._+!-]+)$")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|^\s*(-i|--index-url|--extra-index-url|-f|--find-links)\b")


class LockError(Exception):
    """A lock file that could not be written; the message is one line."""


@dataclass(frozen=True)
class UniversalLock:
    """A lock that uv resolves for every Python from ``python_version`` on."""

    name: str
    python_version: str
    #: Locks (written before this one) whose pins this one must keep, so that, say, the
    #: pyston-lite environment measures with the very pyperf and psutil of the CPython one.
    constraints: tuple[str, ...] = ()
    #: False where some target has no wheel (psutil on PyPy builds from its sdist).
    wheels_only: bool = True


#: The uv-resolved locks, in the order they must be written.
UNIVERSAL_LOCKS: tuple[UniversalLock, ...] = (
    UniversalLock("py3", "3.8", wheels_only=False),
    UniversalLock("pyston-lite", "3.8", constraints=("py3",), wheels_only=False),
    UniversalLock("build", "3.8"),
    UniversalLock("virtualenv", "3.9"),
)
#: The locks written from exact pins, for Python 2.7.
PINNED_LOCKS: tuple[str, ...] = ("py27",)


def write_locks(
    root: Path = LOCKS_DIR,
    *,
    uv: str | None = None,
    python: str | None = None,
    upgrade: bool = False,
) -> None:
    """Regenerate every lock file in ``root`` (the folder of the ``.in`` files).

    ``uv`` is the uv executable (default: on PATH, else beside ``python``); ``python`` runs
    ``pip download`` for the Python 2.7 lock (default: this interpreter). Without
    ``upgrade`` uv keeps the versions already locked where they still satisfy the ``.in``.
    Needs the network.
    """
    python = python or sys.executable
    uv = uv or _find_uv(python)
    for lock in UNIVERSAL_LOCKS:
        compile_universal(root, lock, uv=uv, upgrade=upgrade)
    for name in PINNED_LOCKS:
        write_pinned_lock(root / f"{name}.in", root / f"{name}.txt", python=python)


def _find_uv(python: str) -> str:
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(python).parent))
    if found is None:
        raise LockError("uv not found on PATH: install requirements/lock.txt first")
    return found


def compile_universal(root: Path, lock: UniversalLock, *, uv: str, upgrade: bool = False) -> None:
    """Lock ``root/NAME.in`` into ``root/NAME.txt`` with uv, hashes of every file included."""
    source = root / f"{lock.name}.in"
    target = root / f"{lock.name}.txt"
    command = [
        uv, "pip", "compile", "--quiet", "--universal", "--generate-hashes",
        "--python-version", lock.python_version,
        # Without a local interpreter of that version uv would fetch a whole CPython build.
        "--no-python-downloads",
        "--custom-compile-command", COMPILE_COMMAND,
        source.name, "-o", target.name,
    ]  # fmt: skip
    for constraint in lock.constraints:
        command += ["--constraint", f"{constraint}.txt"]
    if lock.wheels_only:
        command += ["--only-binary", ":all:"]
    if upgrade:
        command.append("--upgrade")
    # Relative names, run from root, keep the "# via -r py3.in" notes free of local paths.
    _run(command, cwd=root, what=f"{target}: uv pip compile")
    text = target.read_text(encoding="utf-8")
    # uv rewrites the whole file, so the copied header is never there twice.
    _write_lock(target, header(source) + text)


def write_pinned_lock(source: Path, target: Path, *, python: str | None = None) -> None:
    """Lock the exact pins of ``source`` into ``target`` for Python 2.7, hashing real files.

    For each ``name==version`` pip downloads the Python 2.7 wheel; only a package that has
    none gets its sdist downloaded (pip then runs the sdist's metadata step, in a throwaway
    build environment) and the lock says it is built from source at install time.
    """
    python = python or sys.executable
    lines = [
        "# This file was generated by legacylift.bench.locks from exact pins; to regenerate:",
        f"#    {COMPILE_COMMAND}",
    ]
    for name, version in read_pins(source):
        kind, digests = _download_hashes(python, name, version)
        if kind == "sdist":
            lines.append(f"# {name} has no wheel for Python {PINNED_PYTHON}: built from this sdist")
        hashes = [f"    --hash=sha256:{digest}" for digest in digests]
        lines.append(" \\\n".join([f"{name}=={version}", *hashes]))
    _write_lock(target, header(source) + "\n".join(lines) + "\n")


def read_pins(source: Path) -> list[tuple[str, str]]:
    """The ``(name, version)`` pins of a hand-written ``.in``; anything but a pin is an error."""
    pins = []
    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        if match is None:
            raise LockError(f"{source}:{number}: expected an exact pin name==version: {line!r}")
        pins.append((match.group(1), match.group(2)))
    return pins


def _download_hashes(python: str, name: str, version: str) -> tuple[str, list[str]]:
    reason = "no output"
    for kind, formats in (
        ("wheel", ["--only-binary", ":all:"]),
        ("sdist", ["--no-binary", ":all:"]),
    ):
        with tempfile.TemporaryDirectory(prefix="legacylift-lock-") as folder:
            command = [
                python, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                "--no-input", "--python-version", PINNED_PYTHON, *formats,
                "--dest", folder, f"{name}=={version}",
            ]  # fmt: skip
            completed = subprocess.run(command, capture_output=True, text=True, check=False)
            files = sorted(Path(folder).iterdir())
            if completed.returncode == 0 and files:
                return kind, [file_sha256(path) for path in files]
            reason = _last_error(completed.stderr + completed.stdout)
    raise LockError(f"{name}=={version}: pip download found no file for Python 2.7: {reason}")


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file, as pip's ``--hash=sha256:`` wants it."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def header(source: Path) -> str:
    """The comment lines that open ``source``, to copy into its lock file."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(f"{line}\n" for line in lines)


def urls_in(text: str) -> list[str]:
    """Lines of a lock file that name a URL or an index (they must not be committed)."""
    return [line for line in text.splitlines() if _URL.search(line)]


def _write_lock(target: Path, text: str) -> None:
    found = urls_in(text)
    if found:
        raise LockError(f"{target}: refusing to write a lock that names a URL: {found[0].strip()}")
    target.write_text(text, encoding="utf-8")


def _run(command: list[str], *, cwd: Path, what: str) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise LockError(f"{what} failed: {_last_error(completed.stderr + completed.stdout)}")


def _last_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith(("error", "caused by"))]
    return (errors or lines or ["no output"])[-1]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m legacylift.bench.locks [FOLDER]``: regenerate the bench lock files."""
    parser = argparse.ArgumentParser(
        prog="python -m legacylift.bench.locks", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=LOCKS_DIR,
        help="the folder of the .in files (default: requirements/bench of this source tree)",
    )  # fmt: skip
    parser.add_argument("--upgrade", action="store_true", help="pick the newest versions")
    args = parser.parse_args(argv)
    try:
        write_locks(args.folder, upgrade=args.upgrade)
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
