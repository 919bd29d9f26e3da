"""Result files: naming, one file per finished job, the suite files, and the status ledger.

Every finished job keeps its own tagged pyperf file in ``jobs/``; the (interpreter, variant)
suite files that ``python -m pyperf compare_to`` reads are built from those, so a damaged suite
file is rebuilt and a damaged job file costs that one job.  Every file is written to a
temporary name and renamed into place (atomic on POSIX), so an interruption or a full disk
leaves the previous version whole.  ``status.json`` records every job's outcome (ok, failed
with its cause, skipped with its reason); ``--resume`` reads it to skip what is done, and runs
again the jobs marked ``retry`` (a harness-side problem, not the benchmark's).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pyperf

STATUS = "status.json"
#: The folder of per-job result files, inside a run folder.
JOBS = "jobs"
#: Appended to the name of a file that could not be read, which is kept for inspection.
SET_ASIDE = ".corrupt"


@dataclass(frozen=True)
class JobStatus:
    """How one (interpreter, variant, benchmark) job ended."""

    state: str  # "ok", "failed" or "skipped"
    detail: str = ""
    seconds: float = 0.0
    #: The harness, not the benchmark, was at fault (no environment, interpreter gone):
    #: ``--resume`` runs the job again.
    retry: bool = False


def result_name(family: str, version: str, variant: str, date: str, suite: str) -> str:
    """``cpython-3.11.7-before-20261121-1a2b3c4d5e6f.json``: sorts by interpreter, then variant."""
    return f"{family}-{version}-{variant}-{date}-{suite}.json"


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    """Call ``write(temporary path)`` and rename the file over ``path``; on error, drop it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "no detail"
    text = text if len(text) <= 160 else text[:157] + "..."
    return f"{type(exc).__name__}: {text}"


def unreadable(path: Path) -> str | None:
    """Why the pyperf file at ``path`` cannot be trusted (missing, damaged, empty), or None."""
    try:
        benchmarks = pyperf.BenchmarkSuite.load(str(path)).get_benchmarks()
    except FileNotFoundError:
        return "missing"
    except Exception as exc:  # pyperf raises anything on a damaged file
        return _one_line(exc)
    if not benchmarks or not all(bench.get_values() for bench in benchmarks):
        return "holds no values"
    return None


def set_aside(path: Path) -> Path:
    """Rename a damaged file to ``NAME.corrupt`` (never deleted: it may be worth a look)."""
    aside = path.with_name(path.name + SET_ASIDE)
    os.replace(path, aside)
    return aside


def save_job_result(single: Path, target: Path, metadata: Mapping[str, str | int]) -> None:
    """Tag the pyperf file ``single`` with our ``metadata`` and store it as ``target``."""
    suite = pyperf.BenchmarkSuite.load(str(single))
    for bench in suite.get_benchmarks():
        bench.update_metadata(dict(metadata))
    target.parent.mkdir(exist_ok=True)
    atomic_write(target, lambda tmp: suite.dump(tmp, replace=True))


def write_suite(suite_file: Path, job_files: Iterable[Path]) -> None:
    """(Re)build ``suite_file`` from per-job files; the later of two same-named results wins."""
    merged: dict[str, pyperf.Benchmark] = {}
    for path in job_files:
        for bench in pyperf.BenchmarkSuite.load(str(path)).get_benchmarks():
            merged[bench.get_name()] = bench
    suite = pyperf.BenchmarkSuite(list(merged.values()))
    atomic_write(suite_file, lambda tmp: suite.dump(tmp, replace=True))


def merge_result(suite_file: Path, single: Path, metadata: Mapping[str, str | int]) -> None:
    """Add the benchmark(s) of ``single`` to ``suite_file``, tagged with our ``metadata``."""
    added = pyperf.BenchmarkSuite.load(str(single)).get_benchmarks()
    for bench in added:
        bench.update_metadata(dict(metadata))
    names = {bench.get_name() for bench in added}
    kept = []
    if suite_file.exists():  # a rerun of a benchmark replaces its earlier result
        old = pyperf.BenchmarkSuite.load(str(suite_file)).get_benchmarks()
        kept = [bench for bench in old if bench.get_name() not in names]
    suite = pyperf.BenchmarkSuite([*kept, *added])
    atomic_write(suite_file, lambda tmp: suite.dump(tmp, replace=True))


def read_status(folder: Path) -> tuple[dict[str, JobStatus], str | None]:
    """The ledger of a run folder (empty for a new run), and why it is unreadable (or None)."""
    path = folder / STATUS
    if not path.exists():
        return {}, None
    known = {field.name for field in fields(JobStatus)}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(key): JobStatus(**{name: v for name, v in value.items() if name in known})
            for key, value in raw.items()
        }, None
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        return {}, _one_line(exc)


def load_status(folder: Path) -> dict[str, JobStatus]:
    """The ledger of a run folder; :class:`ValueError` if it is unreadable."""
    status, problem = read_status(folder)
    if problem is not None:
        raise ValueError(f"{folder / STATUS}: {problem}")
    return status


def save_status(folder: Path, status: Mapping[str, JobStatus]) -> None:
    """Write the ledger atomically (it is rewritten after every job)."""
    text = json.dumps({k: _as_json(v) for k, v in sorted(status.items())}, indent=1)
    atomic_write_text(folder / STATUS, text)


def _as_json(job: JobStatus) -> dict[str, object]:
    data = asdict(job)
    if not job.retry:
        del data["retry"]  # the usual case, and the format of earlier runs
    return data
