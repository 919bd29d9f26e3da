"""Finding the Python files under the paths a user gives.

Directories are walked for ``*.py`` files and for extension-less scripts whose first line is a
python shebang.  Version-control, virtualenv, build and cache folders are skipped.  A symlink is
followed only when it resolves inside the root it was found under, and every file is listed
once, by its resolved path, so that a write through a link replaces the target and not the link.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", "_darcs", ".tox", ".nox", ".venv", "venv", ".eggs",
        "__pycache__", "build", "dist", "node_modules", "site-packages", ".mypy_cache",
        ".pytest_cache", ".ruff_cache", ".legacylift_cache", ".direnv",
    }
)  # fmt: skip
_SHEBANG = re.compile(rb"^#![^\n]*\bpython[\d.]*\b")


@dataclass(frozen=True, order=True)
class Target:
    """A file to modernize: the path to show the user, and the resolved path to read and write."""

    display: str
    real: Path


def _is_python_script(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return _SHEBANG.match(handle.readline(256)) is not None
    except OSError:
        return False


def _skip_dir(path: Path) -> bool:
    return (
        path.name in SKIP_DIRS
        or path.name.endswith(".egg-info")
        or (path / "pyvenv.cfg").exists()  # a virtualenv under any name
    )


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _walk(root: Path) -> Iterator[Path]:
    real_root = root.resolve()
    seen_dirs = {real_root}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue  # vanished or unreadable: nothing under it to modernize
        for entry in entries:
            path = Path(entry.path)
            real = path.resolve()
            if entry.is_symlink() and not _inside(real, real_root):
                continue
            if entry.is_dir():
                if real not in seen_dirs and not _skip_dir(path):
                    seen_dirs.add(real)
                    stack.append(path)
            elif entry.is_file() and (
                path.suffix == ".py" or (not path.suffix and _is_python_script(path))
            ):
                yield path


def find_files(paths: Iterable[str]) -> list[Target]:
    """Every Python file under ``paths`` (files given explicitly are always taken), sorted."""
    found: dict[Path, Target] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path)
        elif path.exists():
            candidates = [path]
        else:
            raise FileNotFoundError(f"{given}: no such file or directory")
        for candidate in candidates:
            real = candidate.resolve()
            found.setdefault(real, Target(display=str(candidate), real=real))
    return sorted(found.values())
