"""Reproducible corpora for the differential check and the benchmark.

- :func:`django`: the Django 2.2.28 sdist (old-idiom Python 3), downloaded by exact version
  *and* sha256 with ``pip download --require-hashes``, hashed again here, unpacked once into
  the cache (members that would land outside it, links and devices are refused).
- :func:`stdlib`: the ``.py`` files of the standard library of pyenv's CPython (3.8 by
  default), without ``site-packages``, lib2to3's test data, and the test files that do not
  compile on that interpreter (``badsyntax_*``, ``bad_coding*``: they exist to fail).
- :func:`fresh_copy`: an identical copy of a corpus for a tool to rewrite.

Both corpora live in the cache folder (default ``$XDG_CACHE_HOME/legacylift/corpora``, i.e.
``~/.cache/legacylift/corpora``), each tree with a marker file written last, so an interrupted
preparation is redone and a finished one is reused as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from legacylift.bench.interpreters import PYENV, Interpreter, discover_interpreters
from legacylift.verify.interpreters import plain_cpythons
from legacylift.versions import Version, parse_version
from legacylift.walk import find_files

#: Written last into a prepared corpus tree; its content describes the corpus.
MARKER = ".legacylift-corpus.json"
_CHUNK = 1 << 20


class CorpusError(Exception):
    """A corpus that cannot be prepared; the message is one line."""


@dataclass(frozen=True)
class Sdist:
    """A source distribution pinned by exact version and sha256."""

    name: str
    version: str
    sha256: str

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}.tar.gz"

    @property
    def requirement(self) -> str:
        """The line of a ``--require-hashes`` requirements file."""
        return f"{self.name}=={self.version} --hash=sha256:{self.sha256}"


DJANGO = Sdist(
    "Django", "2.2.28", "0200b657afbf1bc08003845ddda053c7641b9b24951e52acd51f6abda33a7413"
)


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/legacylift/corpora`` (``~/.cache/legacylift/corpora``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "legacylift" / "corpora"


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def check_hash(path: Path, expected: str) -> None:
    """Raise CorpusError unless ``path`` hashes to ``expected``."""
    actual = sha256_of(path)
    if actual != expected:
        raise CorpusError(
            f"{path}: sha256 {actual} is not the pinned {expected}; "
            "delete the file to download it again"
        )


def download(sdist: Sdist, folder: Path) -> Path:
    """``pip download`` the sdist into ``folder``, pinned by version and hash."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="legacylift-req-") as scratch:
        requirements = Path(scratch) / "requirements.txt"
        requirements.write_text(sdist.requirement + "\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
            "--require-hashes", "--disable-pip-version-check", "--quiet",
            "-d", str(folder), "-r", str(requirements),
        ]  # fmt: skip
        completed = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
    archive = folder / sdist.filename
    if completed.returncode != 0 or not archive.is_file():
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise CorpusError(f"pip download {sdist.name}=={sdist.version} failed: {last}")
    return archive


def _safe_members(archive: tarfile.TarFile, dest: Path) -> list[tarfile.TarInfo]:
    """The regular files and folders of ``archive``; anything that could escape ``dest``
    (absolute names, ``..``, links, devices) raises CorpusError."""
    root = dest.resolve()
    members = []
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts:
            raise CorpusError(f"refusing archive member {member.name!r}: outside the folder")
        if not (member.isfile() or member.isdir()):
            raise CorpusError(f"refusing archive member {member.name!r}: not a file or folder")
        target = (root / name).resolve()
        if target != root and root not in target.parents:
            raise CorpusError(f"refusing archive member {member.name!r}: outside the folder")
        members.append(member)
    return members


def unpack(archive: Path, dest: Path) -> None:
    """Unpack a ``.tar.gz`` into ``dest`` (created; must not exist), refusing unsafe members."""
    with tarfile.open(archive, "r:gz") as tar:
        members = _safe_members(tar, dest)
        dest.mkdir(parents=True)
        for member in members:  # no set-id bits; the owner may always read (and enter)
            member.mode = (member.mode & 0o755) | (0o700 if member.isdir() else 0o600)
        if hasattr(tarfile, "data_filter"):  # 3.9.17+/3.10.12+/3.11.4+: belt and braces
            tar.extractall(dest, members=members, filter="data")
        else:  # pragma: no cover - older patch releases
            tar.extractall(dest, members=members)  # members checked above


def _finish(staging: Path, tree: Path, description: Mapping[str, object]) -> Path:
    """Write the marker into ``staging`` and move it to ``tree`` (replacing an unfinished one)."""
    (staging / MARKER).write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")
    if tree.exists():
        shutil.rmtree(tree)
    staging.rename(tree)
    return tree


def _prepared(tree: Path) -> bool:
    return (tree / MARKER).is_file()


def django(cache: Path | None = None, sdist: Sdist = DJANGO) -> Path:
    """The unpacked Django 2.2.28 sdist (its top folder), downloaded and checked if needed.

    An archive already in ``cache`` is used only if its sha256 is the pinned one; otherwise
    CorpusError, and nothing is unpacked.
    """
    cache = default_cache() if cache is None else cache
    tree = cache / f"{sdist.name}-{sdist.version}"
    if _prepared(tree):
        return tree
    archive = cache / sdist.filename
    if not archive.is_file():
        archive = download(sdist, cache)
    check_hash(archive, sdist.sha256)
    staging = Path(tempfile.mkdtemp(prefix=f".{tree.name}.", dir=cache))
    try:
        unpack(archive, staging / "unpacked")
        top = staging / "unpacked" / tree.name
        if not top.is_dir():
            raise CorpusError(f"{archive}: no top folder {tree.name}/")
        description = {"corpus": sdist.filename, "sha256": sdist.sha256}
        return _finish(top, tree, description)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@cache
def _pyenv_interpreters() -> tuple[Interpreter, ...]:
    return discover_interpreters(sources=(PYENV,)).found


def pyenv_cpython(version: Version) -> Interpreter | None:
    """The newest plain CPython ``version`` that pyenv has (bench discovery), or None."""
    matches = plain_cpythons(_pyenv_interpreters(), version)
    return matches[0] if matches else None


_COMPILE_SCRIPT = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
failed = {}
for path in sys.stdin.read().splitlines():
    try:
        with open(path, "rb") as handle:
            compile(handle.read(), path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        failed[path] = "%s: %s" % (type(exc).__name__, getattr(exc, "msg", None) or exc)
print(json.dumps(failed))
"""


def compile_failures(python: str, files: Iterable[Path]) -> dict[str, str]:
    """The files that ``python`` cannot compile (path -> reason); warnings are ignored."""
    completed = subprocess.run(
        [python, "-c", _COMPILE_SCRIPT], input="\n".join(str(path) for path in files),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise CorpusError(f"{python} could not run the compile check: {completed.stderr.strip()}")
    failed: dict[str, str] = json.loads(completed.stdout)
    return failed


def _stdlib_folder(python: str) -> Path:
    completed = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return Path(completed.stdout.strip())


def _stdlib_sources(lib: Path) -> list[Path]:
    """The ``.py`` files under ``lib``, relative, without site-packages and lib2to3's data."""
    found: list[Path] = []
    for folder, names, files in os.walk(lib):
        relative = Path(folder).relative_to(lib)
        names[:] = sorted(
            name for name in names
            if name not in ("site-packages", "__pycache__")
            and relative / name != Path("lib2to3", "tests", "data")
        )  # fmt: skip
        found.extend(relative / name for name in sorted(files) if name.endswith(".py"))
    return found


def stdlib(version: str = "3.8", cache: Path | None = None) -> Path:
    """A copy of the standard library ``.py`` files of pyenv's CPython ``version``."""
    interpreter = pyenv_cpython(parse_version(version))
    if interpreter is None:
        raise CorpusError(f"pyenv has no CPython {version} (pyenv install {version})")
    cache = default_cache() if cache is None else cache
    tree = cache / f"stdlib-{interpreter.full_version}"
    if _prepared(tree):
        return tree
    lib = _stdlib_folder(interpreter.path)
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{tree.name}.", dir=cache))
    try:
        copy = staging / tree.name
        for relative in _stdlib_sources(lib):
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(lib / relative, copy / relative)
        failed = compile_failures(interpreter.path, sorted(copy.rglob("*.py")))
        for path in failed:
            Path(path).unlink()
        description = {
            "corpus": f"CPython {interpreter.full_version} standard library",
            "source": str(lib),
            "excluded": {
                "site-packages": "third-party code",
                "lib2to3/tests/data": "Python 2 test data for 2to3",
                **{str(Path(path).relative_to(copy)): reason for path, reason in failed.items()},
            },
        }
        return _finish(copy, tree, description)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fresh_copy(tree: Path, dest: Path) -> Path:
    """Replace ``dest`` by an identical copy of ``tree`` (without the corpus marker)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(tree, dest, symlinks=True, ignore=shutil.ignore_patterns(MARKER))
    return dest


def scaled_copy(tree: Path, dest: Path, copies: int) -> Path:
    """``dest`` holding ``copies`` identical copies of ``tree`` (``copy1/`` ...)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for number in range(1, copies + 1):
        fresh_copy(tree, dest / f"copy{number}")
    return dest


def source_files(tree: Path) -> list[Path]:
    """The files ``legacylift modernize`` walks to in ``tree`` (doctest text files aside),
    sorted: the same list is given to pyupgrade and ruff so every tool sees the same code."""
    return sorted(target.real for target in find_files([str(tree)]) if not target.doctest)


def resolve(name: str, cache: Path | None = None) -> Path:
    """``django``, ``stdlib`` (pyenv's 3.8), ``stdlib-X.Y``, or the path of a folder."""
    if name == "django":
        return django(cache)
    if name == "stdlib":
        return stdlib("3.8", cache)
    if name.startswith("stdlib-"):
        return stdlib(name.partition("-")[2], cache)
    path = Path(name)
    if not path.is_dir():
        raise CorpusError(f"{name}: not a corpus name (django, stdlib, stdlib-X.Y) nor a folder")
    return path


def names(values: Sequence[str]) -> list[str]:
    """The corpus names of repeatable, comma-separated options, in order, without repeats."""
    found: list[str] = []
    for part in (part.strip() for value in values for part in value.split(",")):
        if part and part not in found:
            found.append(part)
    return found


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``--cache``, ``--workdir`` and ``--json``, shared by the differential and perf scripts."""
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="corpus cache (default: ~/.cache/legacylift/corpora)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        metavar="DIR",
        help="where the copies go (default: a temporary folder, removed)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
