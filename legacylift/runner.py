"""Running the engine over many files: per-file I/O, a process pool, and the end-of-run summary."""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import functools
import gc
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import TYPE_CHECKING, Any

from tabulate import tabulate
from tqdm import tqdm

from legacylift.files import SourceError, read_source, write_atomic
from legacylift.walk import Target, process_context

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


#: Where Python ends a line: after \n, \r\n or a lone \r (``str.splitlines`` also breaks at
#: form feeds and other separators, which would garble the diff of a file that has them).
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def source_lines(text: str) -> list[str]:
    """The lines of a source text as Python reads them, each with its line ending."""
    return [line for line in _LINE_END.split(text) if line]


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of two versions of ``path``; lines without a final newline are marked."""
    lines = difflib.unified_diff(source_lines(before), source_lines(after), path, path)
    marker = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith(("\n", "\r")) else line + marker for line in lines)


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


#: LibCST makes and drops millions of small objects per file, hardly any in a reference cycle:
#: at the collector's default pace (every 700 allocations; 2,000 on 3.13) its scans took about
#: 8% of a run over Django.  Everything imported by then is frozen out of the scans too.
GC_THRESHOLDS = (50_000, 50, 100)


def _init_worker(settings: Settings, mode: Mode) -> None:
    global _worker_job  # noqa: PLW0603  # per-process state, set once by the pool initializer
    _worker_job = (settings, mode)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _init_pool_worker(settings: Settings, mode: Mode) -> None:
    """A pool worker: Ctrl-C (SIGINT to the whole process group) is the main process's to
    handle; it then terminates the pool with SIGTERM, which ends a worker through SystemExit,
    so that a write in progress removes its temporary file (legacylift.files.write_atomic)."""
    _init_worker(settings, mode)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _work(target: Target) -> FileResult:
    assert _worker_job is not None
    try:
        return process_file(target, *_worker_job)
    except Exception as exc:  # a codemod bug must not take the other files down with it
        return FileResult(target.display, Status.FAILED, reason=f"internal error: {exc!r}")
    finally:
        release_memory()


#: A process that holds more than this after a file gives its free memory back to the system.
RELEASE_MB = 120


def release_memory() -> None:
    """Hand the memory a large file's trees left free back to the system.

    The allocator keeps what a large file's LibCST trees used: over the 3.8 standard library
    both workers grew to 235 MB and stayed there (502 MB for the process tree; 378 MB with
    this).  Trimming the C heap brings a 220 MB process back to 140 MB in a millisecond;
    collecting the reference cycles first (the raised GC thresholds leave them for long) brings
    it to 110 MB but takes 0.4 s, so that is done only when trimming was not enough.  Linux
    with glibc only; elsewhere nothing happens.
    """
    if _resident_mb() < RELEASE_MB:
        return
    _trim()
    if _resident_mb() >= RELEASE_MB:
        gc.collect()
        _trim()


def _resident_mb() -> float:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0  # no /proc: nothing to release by this means


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc


def _trim() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


#: Files sent ahead to each worker, so that it never waits for its next one.
AHEAD = 2


def _serve(conn: Connection, settings: Settings, mode: Mode) -> None:
    """A worker process: modernize each target it is sent, send back its result; stop when
    told (None) or when the main process is gone (killed: its pipe ends live on in the other
    workers, so no end of file would come)."""
    _init_pool_worker(settings, mode)
    parent = multiprocessing.parent_process()
    watched: list[Connection | int] = [conn]
    if parent is not None and parent.sentinel is not None:
        watched.append(parent.sentinel)
    while conn in wait(watched) and (target := conn.recv()) is not None:
        conn.send(_work(target))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    sent: deque[Target] = field(default_factory=deque)  # in the order it processes them

    @classmethod
    def start(cls, context: Any, settings: Settings, mode: Mode) -> _Worker:
        conn, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, settings, mode), daemon=True)
        process.start()
        child.close()  # so that the worker's death is an end of file on ``conn``
        return cls(process, conn)

    def obituary(self) -> FileResult:
        """The result of the file the worker died on (the first one it had not answered)."""
        self.process.join(5)
        code = self.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code and code < 0 else f"status {code}"
        return FileResult(self.sent.popleft().display, Status.FAILED,
                          reason=f"the worker process died on this file ({how})")  # fmt: skip

    def stop(self, terminate: bool) -> None:
        if not terminate:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()  # SIGTERM: SystemExit in the worker, see _init_pool_worker
            self.process.join(5)
        self.conn.close()


def run_files(
    targets: Sequence[Target], settings: Settings, mode: Mode, jobs: int
) -> Iterator[FileResult]:
    """Process ``targets`` on ``jobs`` processes, yielding results as they complete.

    A worker that dies (a crash in native code, the out-of-memory killer, a kill) costs the
    file it was on, reported as failed with the signal; a new worker takes over the rest.
    """
    jobs = max(1, min(jobs, len(targets)))
    if jobs == 1:
        _init_worker(settings, mode)
        yield from map(_work, targets)
        return
    targets = largest_first(targets)
    context = process_context()
    todo = deque(targets)
    workers = [_Worker.start(context, settings, mode) for _ in range(jobs)]
    finished = False
    try:
        while True:
            for index, worker in enumerate(workers):
                while todo and len(worker.sent) < AHEAD:
                    try:
                        worker.conn.send(todo[0])
                    except OSError:
                        if worker.sent:
                            break  # its death comes with its current file, below
                        worker.stop(terminate=True)  # died idle: replaced
                        worker = workers[index] = _Worker.start(context, settings, mode)  # noqa: PLW2901
                        continue
                    worker.sent.append(todo.popleft())
            busy = [worker for worker in workers if worker.sent]
            if not busy:
                finished = True
                return
            ready = wait([worker.conn for worker in busy])
            for worker in busy:
                if worker.conn not in ready:
                    continue
                try:
                    result: FileResult = worker.conn.recv()
                except (EOFError, OSError):
                    yield worker.obituary()
                    todo.extendleft(reversed(worker.sent))  # sent ahead, never started
                    worker.sent.clear()
                    worker.stop(terminate=True)
                    workers[workers.index(worker)] = _Worker.start(context, settings, mode)
                    continue
                worker.sent.popleft()
                yield result
    finally:
        for worker in workers:
            worker.stop(terminate=not finished)


def largest_first(targets: Sequence[Target]) -> list[Target]:
    """``targets`` by size, largest first: the large files, which take longest, start early,
    and the small ones fill in at the end, so that no worker is left with a large file while
    the others stand idle."""

    def size(target: Target) -> int:
        try:
            return os.stat(target.real).st_size
        except OSError:
            return 0  # the run reports it

    return sorted(targets, key=size, reverse=True)


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
