"""Where a lost test failed in the modernized code.

The recorder keeps, for each failure, the ``path:line`` of its traceback's frames inside the
tree (innermost last). Diffing each modernized file against its untouched copy gives the lines
the modernization wrote. A lost test is then placed at the innermost frame on such a line
(``modernized line``); failing that, at the innermost frame in a modernized file
(``modernized file``); failing that, at its innermost frame in the tree. A test without a frame
in the tree (it did not run, or failed inside a library) gets no place.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

from legacylift.verify.testrun import Outcome

#: path (relative to the tree) -> the line numbers of the after copy that modernize wrote.
Changes = dict[str, frozenset[int]]


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def written_lines(before: Sequence[str], after: Sequence[str]) -> frozenset[int]:
    """The 1-based lines of ``after`` that differ from ``before``; a deletion marks the line
    that now stands where the deleted lines were."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    lines: set[int] = set()
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag != "equal":
            lines.update(range(start + 1, max(end, start + 1) + 1))
    return frozenset(line for line in lines if line <= max(len(after), 1))


def changes(before: Path, after: Path, files: Iterable[str]) -> Changes:
    """The lines modernize wrote in each of ``files`` (paths relative to both trees)."""
    return {name: written_lines(_lines(before / name), _lines(after / name)) for name in files}


def _split(place: str) -> tuple[str, int]:
    path, _, line = place.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def locate(outcomes: Sequence[Outcome], written: Changes) -> str:
    """The place of a lost test, from its after outcomes: ``path:line (why)``, or ``""``."""
    frames = next((item.where for item in outcomes if item.where), ())
    if not frames:
        return ""
    places = [_split(place) for place in reversed(frames)]
    for path, line in places:
        if line in written.get(path, ()):
            return f"{path}:{line} (modernized line)"
    for path, line in places:
        if path in written:
            return f"{path}:{line} (modernized file)"
    path, line = places[0]
    return f"{path}:{line}"
