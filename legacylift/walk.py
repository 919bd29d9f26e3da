"""Finding the Python files under the paths a user gives.

Directories are walked for ``*.py`` files and for extension-less scripts whose first line is a
python shebang.  Version-control, virtualenv, build and cache folders are skipped.  A symlink is
followed only when it resolves inside the root it was found under, and every file is listed
once, by its resolved path, so that a write through a link replaces the target and not the link.

The doctest text files a Python file runs (string literals given to ``doctest.DocFileSuite``,
``DocFileTest`` or ``testfile``, relative to that file's folder as doctest's default
``module_relative=True`` reads them) are listed too, when they lie under the same root; so is a
``.txt`` or ``.rst`` file given explicitly.
"""

from __future__ import annotations

import ast
import io
import multiprocessing
import os
import re
import signal
import tokenize
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

from legacylift.files import SourceError, read_source
from legacylift.lift import looks_python2

SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", "_darcs", ".tox", ".nox", ".venv", "venv", ".eggs",
        "__pycache__", "build", "dist", "node_modules", "site-packages", ".mypy_cache",
        ".pytest_cache", ".ruff_cache", ".legacylift_cache", ".direnv",
    }
)  # fmt: skip
_SHEBANG = re.compile(rb"^#![^\n]*\bpython[\d.]*\b")
#: A call that runs doctest text files; a bare ``testfile`` only where it was imported from doctest.
_DOCFILE_CALL = re.compile(
    r"(?:\bdoctest\s*\.\s*|(?<![\w.]))(DocFileSuite|DocFileTest|testfile)\s*\("
)
_DOCTEST_SUFFIXES = (".txt", ".rst")


@dataclass(frozen=True, order=True)
class Target:
    """A file to modernize: the path to show the user, and the resolved path to read and write."""

    display: str
    real: Path
    #: A doctest text file: only its examples are modernized.
    doctest: bool = False


def _is_python_script(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return _SHEBANG.match(handle.readline(256)) is not None
    except OSError:
        return False


def _skip_dir(path: str, name: str) -> bool:
    return (
        name in SKIP_DIRS
        or name.endswith(".egg-info")
        or os.path.exists(os.path.join(path, "pyvenv.cfg"))  # a virtualenv under any name
    )


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False  # a link loop, or gone


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _walk(root: Path) -> Iterator[tuple[Path, Path]]:
    """The Python files under ``root``: (path as walked, resolved path).

    Plain strings until a file is taken: most entries of a tree are never made into Paths.
    """
    real_root = root.resolve()
    seen_dirs = {str(real_root)}
    stack = [(str(root), str(real_root))]
    while stack:
        folder, real_folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue  # vanished or unreadable: nothing under it to modernize
        for entry in entries:
            try:
                is_dir, name = entry.is_dir(), entry.name
            except OSError:
                continue  # a symbolic link loop (ELOOP), or an entry that went away
            if not is_dir and not name.endswith(".py") and "." in name:
                continue  # most files of a tree: no need to look further
            # Only a symbolic link needs resolving; anything else lies in its resolved folder.
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                if not _inside(Path(real), real_root):
                    continue
            else:
                real = os.path.join(real_folder, name)
            if is_dir:
                if real not in seen_dirs and not _skip_dir(entry.path, name):
                    seen_dirs.add(real)
                    stack.append((entry.path, real))
            elif _is_file(entry) and (name.endswith(".py") or _is_python_script(Path(entry.path))):
                yield Path(entry.path), Path(real)


def _arguments(text: str) -> list[list[tokenize.TokenInfo]]:
    """The arguments of the call whose ``(`` starts ``text``, as token lists (or none)."""
    arguments: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    skip = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in skip:
                continue
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
                if depth == 1:
                    continue
            elif token.type == tokenize.OP and token.string in ")]}":
                depth -= 1
                if depth == 0:
                    return [argument for argument in arguments if argument]
            elif depth == 1 and token.type == tokenize.OP and token.string == ",":
                arguments.append([])
                continue
            arguments[-1].append(token)
    except (tokenize.TokenError, SyntaxError):
        pass
    return []


def _string(tokens: list[tokenize.TokenInfo]) -> str | None:
    """The value of an argument that is only a (non-f, non-bytes) string literal."""
    if not tokens or any(token.type != tokenize.STRING for token in tokens):
        return None
    try:
        value = ast.literal_eval(" ".join(token.string for token in tokens))
    except (SyntaxError, ValueError):
        return None
    return value if isinstance(value, str) else None


def doctest_files(text: str) -> list[str]:
    """The module-relative paths that ``text`` runs as doctest text files, in order."""
    found: list[str] = []
    imported = re.search(r"\bfrom\s+doctest\s+import\b[^\n]*\btestfile\b", text) is not None
    for match in _DOCFILE_CALL.finditer(text):
        if match.group(1) == "testfile" and "doctest" not in match.group(0) and not imported:
            continue
        arguments = _arguments(text[match.end() - 1 :])
        keywords = {a[0].string: a[2:] for a in arguments if len(a) > 2 and a[1].string == "="}
        positional = [a for a in arguments if not (len(a) > 2 and a[1].string == "=")]
        if match.group(1) != "DocFileSuite":  # testfile(filename, module_relative, ...)
            if len(positional) > 1:
                keywords.setdefault("module_relative", positional[1])
            positional = positional[:1]
        relative = keywords.get("module_relative")
        if "package" in keywords or (relative and [t.string for t in relative] != ["True"]):
            continue  # relative to another package, or to the working directory
        paths = (_string(argument) for argument in positional)
        found.extend(p for p in paths if p and not p.startswith("/") and ":" not in p)
    return found


def _doctest_targets(module: Path, root: Path) -> Iterator[Path]:
    """The doctest text files ``module`` runs that lie under ``root``."""
    try:
        raw = module.read_bytes()
    except OSError:
        return
    if b"DocFile" not in raw and b"testfile" not in raw:  # substring search: cheap
        return
    text = raw.decode("utf-8", errors="replace")
    real_root = root.resolve()
    for relative in doctest_files(text):
        path = Path(os.path.normpath(module.parent.joinpath(*relative.split("/"))))
        if path.suffix != ".py" and path.is_file() and _inside(path.resolve(), real_root):
            yield path


def find_files(paths: Iterable[str]) -> list[Target]:
    """Every Python file under ``paths`` (files given explicitly are always taken), sorted.

    Each is followed by the doctest text files it runs (under the same root).
    """
    found: dict[Path, Target] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates: Iterable[tuple[Path, Path]] = _walk(path)
            root = path
        elif path.exists():
            if path.suffix in _DOCTEST_SUFFIXES:
                real = path.resolve()
                found.setdefault(real, Target(display=str(path), real=real, doctest=True))
                continue
            candidates, root = [(path, path.resolve())], path.parent
        else:
            raise FileNotFoundError(f"{given}: no such file or directory")
        for candidate, real in candidates:
            found.setdefault(real, Target(display=str(candidate), real=real))
            for document in _doctest_targets(candidate, root):
                resolved = document.resolve()
                found.setdefault(
                    resolved, Target(display=str(document), real=resolved, doctest=True)
                )
    return sorted(found.values())


#: Fewer candidate files than this are told apart in this process: a pool costs more.
PARALLEL_MIN = 100


def first_python2(targets: Sequence[Target], jobs: int = 1) -> str | None:
    """The first target, in order, that is Python 2 source (shown to the user), or None.

    Telling costs reading every file and an ``ast`` parse of each one with a hint of Python 2
    syntax outside its strings (lift.python2_hint), before any file can be modernized: with
    ``jobs`` above 1, that many processes share the work."""
    candidates = [target for target in targets if target.real.suffix in (".py", "")]
    if jobs < 2 or len(candidates) < PARALLEL_MIN:
        return next((t.display for t in candidates if _is_python2_file(t)), None)
    with process_context().Pool(jobs, initializer=_ignore_interrupts) as pool:  # exit: terminate
        answers = pool.imap(_is_python2_file, candidates, chunksize=16)
        return next((t.display for t, python2 in zip(candidates, answers) if python2), None)


def process_context() -> BaseContext:
    """How worker processes start: by fork where it exists, the cheapest, and the workers
    inherit the imported codemods; else by spawn."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _is_python2_file(target: Target) -> bool:
    try:
        text = read_source(target.real).text
    except SourceError:
        return False  # the run itself reports it
    return looks_python2(text)


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle (it terminates the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
