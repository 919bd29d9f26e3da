"""The "before" and "after" copies of a suite (and of the user's code it benchmarks).

"before" is a plain copy.  "after" is a copy that our own modernize rewrote with ``--target``
set to the oldest Python 3 in the run; the files it could not convert are recorded with the
reason, so that a benchmark whose code stayed Python 2 is reported as not runnable on Python 3
instead of crashing there.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from legacylift.codemod import Version
from legacylift.engine import Settings, eligible
from legacylift.runner import Mode, Status, run
from legacylift.walk import find_files

VARIANTS = ("before", "after")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")


@dataclass
class Variant:
    """One copy of the suite and code, with what modernize could not convert in it."""

    name: str
    suite: Path
    code: Path | None
    target: Version | None = None
    unconverted: dict[str, str] = field(default_factory=dict)  # path -> reason
    rewrites: int = 0


def _copy(source: Path, destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=_IGNORE, symlinks=True)
    return destination


def prepare(
    suite: Path, code: Path | None, workdir: Path, target: Version, jobs: int = 1
) -> dict[str, Variant]:
    """Copy ``suite`` (and ``code``) into ``workdir/<variant>/`` and modernize the after copy."""
    from codemods import CODEMODS

    variants: dict[str, Variant] = {}
    for name in VARIANTS:
        root = workdir / name
        root.mkdir(parents=True, exist_ok=True)
        copied_code = _copy(code, root / "code") if code else None
        variants[name] = Variant(name, _copy(suite, root / "suite"), copied_code)
    after = variants["after"]
    after.target = target
    roots = [str(after.suite)] + ([str(after.code)] if after.code else [])
    settings = Settings(target=target, codemods=eligible(CODEMODS, target, unsafe=False))
    summary = run(find_files(roots), settings, Mode.WRITE, jobs)
    for result in summary.results:
        if result.status is Status.FAILED:
            after.unconverted[result.path] = result.reason
        after.rewrites += sum(result.rewrites.values())
    return variants
