"""Running the engine over many files: per-file I/O, a process pool, and the end-of-run summary."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from tabulate import tabulate
from tqdm import tqdm

from legacylift.files import SourceError, read_source, write_atomic
from legacylift.walk import Target

if TYPE_CHECKING:  # the engine imports LibCST: a run answered by the cache never loads it
    from legacylift.engine import Settings

#: Below this many files a progress bar is only noise.
PROGRESS_MIN_FILES = 20


class Mode(Enum):
    """What happens to a file the codemods changed."""

    WRITE = "write"
    CHECK = "check"
    DIFF = "diff"


class Status(Enum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    FAILED = "failed"


@dataclass
class FileResult:
    """What happened to one file (sent back from the worker processes)."""

    path: str
    status: Status
    reason: str = ""
    rewrites: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    diff: str = ""
    lines: int = 0
    written: str = ""  # the cache digest of what was written (see legacylift.cache)
    cached: bool = False  # not processed: the cache knows the file is up to date


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of two versions of ``path``; lines without a final newline are marked."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), path, path
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)  # fmt: skip


def process_file(target: Target, settings: Settings, mode: Mode) -> FileResult:
    """Modernize one file: read, transform, verify, and write (or diff) if anything changed."""
    from legacylift.cache import digest
    from legacylift.doctests import modernize_doctest_file
    from legacylift.engine import TransformError, modernize_text

    try:
        source = read_source(target.real)
        if target.doctest:  # a doctest text file: only its examples are code
            outcome = modernize_doctest_file(source.text, settings, target.display)
        else:
            outcome = modernize_text(source.text, settings, target.display)
        lines = source.text.count("\n")
        if outcome.code == source.text:
            return FileResult(target.display, Status.UNCHANGED, notes=outcome.notes, lines=lines)
        data = source.encode(outcome.code)
        written = ""
        if mode is Mode.WRITE:
            write_atomic(target.real, data, expect_mtime_ns=source.mtime_ns)
            written = digest(data, doctest=target.doctest)
        diff = unified_diff(source.text, outcome.code, target.display) if mode is Mode.DIFF else ""
        return FileResult(
            target.display, Status.CHANGED, rewrites=outcome.rewrites, notes=outcome.notes,
            diff=diff, lines=lines, written=written,
        )  # fmt: skip
    except (SourceError, TransformError) as exc:
        return FileResult(target.display, Status.FAILED, reason=str(exc))


_worker_job: tuple[Settings, Mode] | None = None


def _init_worker(settings: Settings, mode: Mode) -> None:
    global _worker_job  # noqa: PLW0603  # per-process state, set once by the pool initializer
    _worker_job = (settings, mode)


def _work(target: Target) -> FileResult:
    assert _worker_job is not None
    try:
        return process_file(target, *_worker_job)
    except Exception as exc:  # a codemod bug must not take the other files down with it
        return FileResult(target.display, Status.FAILED, reason=f"internal error: {exc!r}")


def run_files(
    targets: Sequence[Target], settings: Settings, mode: Mode, jobs: int
) -> Iterator[FileResult]:
    """Process ``targets`` on ``jobs`` processes, yielding results as they complete."""
    jobs = max(1, min(jobs, len(targets)))
    if jobs == 1:
        _init_worker(settings, mode)
        yield from map(_work, targets)
        return
    # fork is cheapest where it exists: workers inherit the imported codemods.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunksize = max(1, min(16, len(targets) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings, mode)) as pool:
        yield from pool.imap_unordered(_work, targets, chunksize=chunksize)


@dataclass
class Summary:
    """Everything the end-of-run report needs."""

    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status is status)

    @property
    def lines(self) -> int:
        return sum(result.lines for result in self.results)


def run(targets: Sequence[Target], settings: Settings, mode: Mode, jobs: int) -> Summary:
    """Process every target with a progress bar on a terminal; results are sorted by path."""
    start = time.perf_counter()
    show = sys.stderr.isatty() and len(targets) >= PROGRESS_MIN_FILES
    results = list(
        tqdm(run_files(targets, settings, mode, jobs), total=len(targets), disable=not show,
             unit="file", leave=False)
    )  # fmt: skip
    results.sort(key=lambda result: result.path)
    return Summary(results=results, seconds=time.perf_counter() - start)


def format_summary(summary: Summary, settings: Settings, mode: Mode) -> str:
    """The end-of-run report: rewrites per codemod, failed files and why, notes, totals."""
    files: dict[str, int] = {codemod.name(): 0 for codemod in settings.codemods}
    rewrites = dict(files)
    for result in summary.results:
        for name, count in result.rewrites.items():
            files[name] = files.get(name, 0) + 1
            rewrites[name] = rewrites.get(name, 0) + count
    verb = "changed" if mode is Mode.WRITE else "would change"
    rows = [(name, files[name], rewrites[name]) for name in files]
    parts = [tabulate(rows, headers=("codemod", f"files {verb}", "rewrites"), tablefmt="simple")]
    failed = [r for r in summary.results if r.status is Status.FAILED]
    if failed:
        parts.append("\nskipped (left byte-identical):")
        parts.extend(f"  {result.path}: {result.reason}" for result in failed)
    notes = [f"  {r.path}: {note}" for r in summary.results for note in r.notes]
    if notes:
        parts.append("\nnotes:")
        parts.extend(notes)
    parts.append("\n" + totals(summary, settings.target, mode))
    return "\n".join(parts)


def totals(summary: Summary, target: tuple[int, int], mode: Mode) -> str:
    """The last line of the report: files, lines, changed, skipped, cached, time."""
    verb = "changed" if mode is Mode.WRITE else "would change"
    rate = len(summary.results) / summary.seconds if summary.seconds else 0.0
    cached = sum(1 for result in summary.results if result.cached)
    known = f" ({cached} up to date by the cache, --no-cache to recheck)" if cached else ""
    return (
        f"{len(summary.results)} files ({summary.lines} lines), "
        f"{summary.count(Status.CHANGED)} {verb}, {summary.count(Status.FAILED)} skipped{known}, "
        f"in {summary.seconds:.2f} s ({rate:.0f} files/s) for target {target[0]}.{target[1]}"
    )


def default_jobs() -> int:
    """All the cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
