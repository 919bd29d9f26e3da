"""The files a run found nothing to rewrite in, remembered so that a re-run skips them.

An entry is the digest of a file's bytes, in a set kept per *run key*: the tool's fingerprint
(its version and the text of every module of ``legacylift`` and ``codemods``, so an edited
codemod starts afresh), the target, ``--unsafe``, Python 2 mode and the codemod selection. A file
whose digest is in the set of the run's key is known to be a fixed point and is not read by the
engine again. Recorded are the files left unchanged and the files just written (a rewrite is a
fixed point: the codemod tests check it), each with the notes its run gave (a re-run reports
them again), but no file that failed.

The sets live outside the project (``$LEGACYLIFT_CACHE_DIR``, else ``$XDG_CACHE_HOME/legacylift``,
else ``~/.cache/legacylift``), one small text file per key, replaced atomically; ``--no-cache``
bypasses them. Nothing here imports LibCST: a run the cache answers entirely never loads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import legacylift
from legacylift.versions import Version

CACHE_VARIABLE = "LEGACYLIFT_CACHE_DIR"
#: Entries kept per key; the oldest go first.
MAX_ENTRIES = 500_000
_PACKAGES = ("legacylift", "codemods")


def cache_dir() -> Path:
    """Where the sets are kept."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "legacylift"


@cache
def fingerprint() -> str:
    """The tool's identity: its version and the text of its modules."""
    from importlib.util import find_spec

    spec = find_spec("codemods")  # found, not imported: importing it would load LibCST
    folders = [Path(legacylift.__file__).parent]
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent)
    h = hashlib.sha256(legacylift.__version__.encode())
    for package in folders:
        for path in sorted(package.rglob("*.py")):
            h.update(str(path.relative_to(package.parent)).encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def run_key(
    target: Version, *, unsafe: bool, python2: bool, select: Sequence[str], ignore: Sequence[str]
) -> str:
    """The key of the set a run with these settings reads and extends."""
    parts = [
        fingerprint(), f"{target[0]}.{target[1]}", f"unsafe={unsafe}", f"py2={python2}",
        "select=" + ",".join(sorted(select)), "ignore=" + ",".join(sorted(ignore)),
    ]  # fmt: skip
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def digest(data: bytes, *, doctest: bool = False) -> str:
    """The digest of a file's bytes (a doctest text file is processed differently)."""
    return hashlib.blake2b(data, digest_size=16, person=b"doctest" if doctest else b"").hexdigest()


def _entry(line: str) -> tuple[str, str]:
    item, _, notes = line.partition("\t")
    return item, notes


class Cache:
    """The fixed points of one run key, each with its notes: lines ``digest[TAB notes JSON]``."""

    def __init__(self, key: str, folder: Path | None = None) -> None:
        self.path = (folder or cache_dir()) / f"{key}.txt"
        self.known = dict(self._read())
        self.new: dict[str, str] = {}

    def _read(self) -> list[tuple[str, str]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []  # no cache yet, or an unreadable one: start afresh
        return [_entry(line) for line in lines if line]

    def __contains__(self, item: str) -> bool:
        return item in self.known

    def notes(self, item: str) -> list[str]:
        """The notes the file of this digest had."""
        text = self.known.get(item, "")
        try:
            return [str(note) for note in json.loads(text)] if text else []
        except ValueError:
            return []

    def add(self, item: str, notes: Sequence[str] = ()) -> None:
        """Remember a digest and its notes (written by :meth:`save`)."""
        if item and item not in self.known:
            text = json.dumps(list(notes)) if notes else ""
            self.known[item] = self.new[item] = text

    def save(self) -> None:
        """Merge the new digests into the file (another run may have added some meanwhile)."""
        if not self.new:
            return
        merged = dict(self._read())
        merged.update(self.new)
        entries = [f"{item}\t{notes}" if notes else item for item, notes in merged.items()]
        entries = entries[-MAX_ENTRIES:]
        temp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write("\n".join(entries) + "\n")
            os.replace(temp, self.path)
        except OSError:
            # A cache that cannot be written only costs time on the next run.
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        self.new = {}
