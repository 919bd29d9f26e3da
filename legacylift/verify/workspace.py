"""The work folder of ``legacylift verify``: the before and after copies of the project.

The user's tree is only read. The work folder (default ``.legacylift/verify/<name>`` under
the current folder) holds ``<name>.before`` (a plain copy), ``<name>.after`` (the copy
modernized in place by the engine), ``<name>.2to3`` with ``--baseline 2to3`` (converted by
lib2to3, see :mod:`legacylift.verify.baseline`), the records and logs of the test runs, the
report (``verify.md``, ``.html``, ``.json``) and, with ``--requirements``, the environments
``envs/X.Y`` (kept from one run to the next, see :mod:`legacylift.verify.envs`). A folder that
``legacylift verify`` did not create is never emptied. With ``--in-place`` there is no after
copy: the project itself is modernized and its tests run there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from legacylift.codemod import LiftCodemod, Version
from legacylift.engine import Settings
from legacylift.runner import Mode, Status, run
from legacylift.walk import find_files, first_python2

MARKER = ".legacylift-verify"
#: Never copied: caches, version control, tool environments, and legacylift's own folders.
SKIPPED_NAMES = frozenset(
    {"__pycache__", ".git", ".hg", ".svn", ".tox", ".nox", ".legacylift", ".pytest_cache"}
)
SKIPPED_SUFFIXES = (".pyc", ".pyo")


class WorkspaceError(Exception):
    """A work folder that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Workspace:
    """Where one verification keeps its copies, records and logs."""

    root: Path
    name: str
    in_place: Path | None = None  # --in-place: the project, modernized where it is

    @property
    def before(self) -> Path:
        return self.root / f"{self.name}.before"

    @property
    def after(self) -> Path:
        return self.in_place or self.root / f"{self.name}.after"

    @property
    def baseline(self) -> Path:
        return self.root / f"{self.name}.2to3"

    @property
    def reports(self) -> tuple[Path, ...]:
        return tuple(self.root / f"verify.{kind}" for kind in ("md", "html", "json"))

    @property
    def records(self) -> Path:
        return self.root / "records"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


@dataclass
class Modernized:
    """What the engine did to the after copy."""

    python2: str | None  # the first Python 2 file that made the run a Python 2 port
    changed: int = 0
    rewrites: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # path -> reason
    changed_files: list[str] = field(default_factory=list)  # relative to the tree


def default_workdir(project: Path) -> Path:
    """``.legacylift/verify/<name>`` under the current folder."""
    return Path(".legacylift") / "verify" / project.resolve().name


def _ignore(skip: Path) -> Callable[[str, list[str]], set[str]]:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in SKIPPED_NAMES
            or name.endswith(SKIPPED_SUFFIXES)
            or (Path(folder) / name).resolve() == skip
        }

    return ignore


def check(project: Path, workdir: Path, *, in_place: bool = False) -> Workspace:
    """The workspace of ``project`` in ``workdir``; raise WorkspaceError if it is unusable."""
    if not project.is_dir():
        raise WorkspaceError(f"{project}: not a folder (give the project's root folder)")
    root = workdir.resolve()
    if project.resolve() == root or root in project.resolve().parents:
        raise WorkspaceError(f"the work folder {workdir} must not contain the project")
    if root.exists() and any(root.iterdir()) and not (root / MARKER).exists():
        raise WorkspaceError(f"{workdir} exists and was not made by legacylift verify")
    return Workspace(root, project.resolve().name, project.resolve() if in_place else None)


def create(
    project: Path, workdir: Path, *, baseline: bool = False, in_place: bool = False
) -> Workspace:
    """Make fresh before and after copies (and the baseline's) of ``project`` in ``workdir``;
    with ``in_place``, no after copy (the project is the after tree)."""
    workspace = check(project, workdir, in_place=in_place)
    root = workspace.root
    own_after = () if in_place else (workspace.root / f"{workspace.name}.after",)
    folders = (workspace.before, *own_after, workspace.baseline, workspace.records,
               workspace.logs)  # fmt: skip
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder)
    for report in workspace.reports:
        report.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("made by legacylift verify; emptied by its next run\n")
    copies = (workspace.before, *own_after, *([workspace.baseline] if baseline else []))
    for copy in copies:
        shutil.copytree(project, copy, symlinks=True, ignore=_ignore(root))
    workspace.records.mkdir()
    workspace.logs.mkdir()
    return workspace


def choose_codemods(
    select: Sequence[str], ignore: Sequence[str], target: Version, unsafe: bool
) -> tuple[type[LiftCodemod], ...]:
    """The codemods of ``--select``/``--ignore`` that can run for ``target``."""
    from legacylift.cli import select_codemods

    try:
        return select_codemods(select, ignore, target, unsafe)
    except KeyError as exc:
        unknown = ", ".join(exc.args[0])
        raise WorkspaceError(f"unknown codemod {unknown}; see `legacylift codemods`") from None


def modernize(
    workspace: Workspace,
    codemods: tuple[type[LiftCodemod], ...],
    target: Version,
    *,
    unsafe: bool = False,
    python2: bool | None = None,
    jobs: int = 1,
) -> Modernized:
    """Modernize the after copy in place, as ``legacylift modernize`` would."""
    targets = find_files([str(workspace.after)])
    found = first_python2(targets)
    if python2 is None:
        python2 = found is not None
    settings = Settings(target, codemods, unsafe=unsafe, python2=python2)
    summary = run(targets, settings, Mode.WRITE, jobs)
    result = Modernized(python2=_relative(found, workspace.after) if found else None)
    for item in summary.results:
        if item.status is Status.CHANGED:
            result.changed += 1
            result.rewrites += sum(item.rewrites.values())
            result.changed_files.append(_relative(item.path, workspace.after))
        elif item.status is Status.FAILED:
            result.failed[_relative(item.path, workspace.after)] = item.reason
    return result


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return path
