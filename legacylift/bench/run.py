"""``legacylift bench``: the bundled (or a user's) suite, before and after, on every interpreter.

Every interpreter gets the same pyperf settings (``-p/-n/-w/--min-time``): pyperf picks other
defaults for a JIT, and unequal sample counts would make the comparison unfair.  Each job is one
``run_benchmark.py`` in its own process group under a timeout (:mod:`.process`); its result is
kept in a file of its own and merged into the (interpreter, variant) suite file at once, and
``status.json`` records how it ended, so a crash, a hang or an interruption costs one job and
``--resume`` picks up from there, after checking (:func:`recover`) what the earlier run left.
A full disk stops the run (:class:`RunStopped`) instead of failing every job after it.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from legacylift import __version__
from legacylift.bench.interpreters import Interpreter
from legacylift.bench.process import InterpreterGone, check_interpreter, run_process
from legacylift.bench.results import (
    JOBS,
    STATUS,
    JobStatus,
    load_status,
    read_status,
    result_name,
    save_job_result,
    save_status,
    set_aside,
    unreadable,
    write_suite,
)
from legacylift.bench.suite import Benchmark
from legacylift.bench.variants import Variant

#: Identical on every interpreter; (processes, values, warmups, min-time in seconds).
PRESETS: dict[str, tuple[int, int, int, float]] = {
    "smoke": (1, 1, 1, 0.01),  # checks the pipeline end to end; measures nothing
    "fast": (3, 3, 1, 0.05),
    "default": (8, 3, 1, 0.1),
    "rigorous": (20, 5, 2, 0.1),
}

_COMPILE_CHECK = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
failed = {}
for path in json.loads(sys.argv[1]):
    try:
        compile(open(path, "rb").read(), path, "exec")
    except SyntaxError as exc:
        failed[path] = "%s: %s (line %s)" % (type(exc).__name__, exc.msg, exc.lineno)
sys.stdout.write(json.dumps(failed))
"""


@dataclass(frozen=True)
class Job:
    """One benchmark, one variant, one interpreter."""

    interpreter: Interpreter
    variant: Variant
    benchmark: Benchmark

    @property
    def key(self) -> str:
        return f"{self.interpreter.label}/{self.variant.name}/{self.benchmark.name}"

    @property
    def script(self) -> Path:
        return self.variant.suite / self.benchmark.script

    def owns(self, path: str) -> bool:
        """Whether ``path`` is code this job runs: its script (its ``bm_`` folder), or --code."""
        file = Path(path)
        code = self.variant.code
        if code is not None and code in file.parents:
            return True
        if "/" in self.benchmark.script:  # pyperformance layout: the whole bm_<name> folder
            return self.script.parent in file.parents
        return file == self.script

    def describe(self) -> str:
        """Aligned ``interpreter variant benchmark`` for progress lines."""
        return f"{self.interpreter.label:<16} {self.variant.name:<6} {self.benchmark.name:<18}"


@dataclass(frozen=True)
class Options:
    """How jobs run: the pyperf preset, memory tracking, the per-job timeout."""

    preset: str = "default"
    track_memory: bool = False
    timeout: float = 600.0

    def pyperf_args(self) -> list[str]:
        processes, values, warmups, min_time = PRESETS[self.preset]
        args = ["-p", str(processes), "-n", str(values), "-w", str(warmups)]
        args += ["--min-time", str(min_time), "--inherit-environ", "PYTHONPATH,DISABLE_PYSTON"]
        return args + (["--track-memory"] if self.track_memory else [])


def why_not(job: Job, compile_errors: dict[str, str]) -> str | None:
    """Why this job cannot run (recorded as skipped, never as a crash), or None."""
    version, variant = job.interpreter.version, job.variant
    if variant.target is not None and version[:2] < variant.target:
        return f"the after code targets Python {variant.target[0]}.{variant.target[1]}+"
    if variant.target is None and not job.benchmark.runs_on(version):
        return f"requires-python {job.benchmark.requires_python} excludes {job.interpreter.label}"
    for path, error in sorted(compile_errors.items()):
        if job.owns(path):
            unconverted = [p for p in sorted(variant.unconverted) if job.owns(p)]
            cause = (
                f" (modernize could not convert {Path(unconverted[0]).name}: "
                f"{variant.unconverted[unconverted[0]]})"
                if unconverted
                else ""
            )
            return f"does not compile on {job.interpreter.label}: {error}{cause}"
    return None


def compile_errors(
    python: str, variant: Variant, benchmarks: Sequence[Benchmark]
) -> dict[str, str]:
    """Ask the interpreter itself which of the benchmarks' files it cannot compile.

    Raises :class:`InterpreterGone` when the interpreter cannot do it at all.
    """
    files = sorted(
        str(path)
        for bench in benchmarks
        for path in (variant.suite / bench.script).parent.rglob("*.py")
    )
    if variant.code is not None:
        files += sorted(str(path) for path in variant.code.rglob("*.py"))
    check_interpreter(python)
    try:
        done = subprocess.run(
            [python, "-c", _COMPILE_CHECK, json.dumps(files)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterGone(f"{python}: compile check failed: {exc}") from None
    if done.returncode != 0:
        raise InterpreterGone(f"{python}: compile check failed: {done.stderr.strip()[-300:]}")
    return dict(json.loads(done.stdout))


def run_job(job: Job, python: str, options: Options, folder: Path) -> tuple[Path | None, str]:
    """Run one job; return its single-benchmark result file (or None) and the failure reason.

    Raises :class:`InterpreterGone` when the interpreter, not the benchmark, is at fault.
    """
    stem = job.key.replace("/", "--")
    output, log = folder / "tmp" / f"{stem}.json", folder / "logs" / f"{stem}.log"
    output.parent.mkdir(exist_ok=True)
    log.parent.mkdir(exist_ok=True)
    output.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(dict(job.interpreter.env))
    if job.variant.code is not None:
        env["PYTHONPATH"] = str(job.variant.code)
    command = [python, str(job.script), "-o", str(output), "--quiet", *options.pyperf_args()]
    check_interpreter(python)
    failure = run_process(command, env, options.timeout, log)
    if failure is not None and not failure.startswith("timed out"):
        check_interpreter(python, start=True)  # a vanished base interpreter fails every job
    if failure is None:
        why = unreadable(output)
        if why == "missing":
            failure = "finished without writing a result"
        elif why is not None:
            failure = f"wrote an unreadable result: {why}"
    return (None if failure else output), failure or ""


def _eta(done: int, total: int, started: float) -> str:
    elapsed = time.monotonic() - started
    if not done:
        return f"elapsed {elapsed:.0f} s"
    remaining = elapsed / done * (total - done)
    return f"elapsed {elapsed:.0f} s, ETA {remaining:.0f} s"


@dataclass
class RunPlan:
    """Everything one bench run needs to execute its jobs."""

    folder: Path
    jobs: list[Job]
    pythons: dict[str, str]  # interpreter label -> env python
    options: Options
    suite_hash: str
    date: str = ""  # in the result files' names: a resumed run keeps its first day's

    def __post_init__(self) -> None:
        self.date = self.date or datetime.now(timezone.utc).strftime("%Y%m%d")

    def result_file(self, job: Job) -> Path:
        interp = job.interpreter
        return self.folder / result_name(
            interp.family, interp.full_version, job.variant.name, self.date, self.suite_hash
        )

    def job_file(self, job: Job) -> Path:
        """The job's own result file, from which its suite file is built."""
        return self.folder / JOBS / f"{job.key.replace('/', '--')}.json"

    def metadata(self, job: Job) -> dict[str, str | int]:
        interp = job.interpreter
        return {
            "legacylift_label": interp.label,
            "legacylift_variant": job.variant.name,
            "legacylift_jit": interp.jit or "none",
            "legacylift_suite_hash": self.suite_hash,
            "legacylift_version": __version__,
            "legacylift_preset": self.options.preset,
        }

    def finished_files(self, suite_file: Path, status: dict[str, JobStatus]) -> list[Path]:
        """The per-job result files of the jobs recorded as ok that go into ``suite_file``."""
        return [
            self.job_file(job)
            for job in self.jobs
            if self.result_file(job) == suite_file
            and job.key in status
            and status[job.key].state == "ok"
            and self.job_file(job).exists()
        ]


class RunStopped(Exception):
    """The run cannot go on (its results cannot be written); the message is one line."""


#: A benchmark failing with one of these is out of disk space, like its harness will be.
_DISK_FULL = tuple(os.strerror(code) for code in (errno.ENOSPC, errno.EDQUOT))


def write_error(exc: OSError, doing: str = "cannot write the results") -> str:
    """One line for an error writing the run folder (or doing something else with files)."""
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{doing}: {exc.strerror or exc}{where}"


def execute(
    plan: RunPlan, compile_failures: dict[tuple[str, str], dict[str, str]]
) -> dict[str, JobStatus]:
    """Run every job not yet recorded in the ledger, or recorded for a retry; return the ledger.

    Progress and every failure go to stderr, one line each.  Raises :class:`RunStopped` when
    the results cannot be written (a full disk): what was recorded before stays whole, and
    ``--resume`` continues from there.
    """
    status = load_status(plan.folder)
    todo = [job for job in plan.jobs if job.key not in status or status[job.key].retry]
    started, total = time.monotonic(), len(todo)
    for done, job in enumerate(todo):
        prefix = f"[{done + 1:>3}/{total}] {job.describe()}"
        errors = compile_failures.get((job.interpreter.label, job.variant.name), {})
        reason = why_not(job, errors)
        try:
            if reason is not None:
                status[job.key] = JobStatus("skipped", reason)
                print(f"{prefix} skipped: {reason}", file=sys.stderr, flush=True)
            else:
                print(f"{prefix} ... ({_eta(done, total, started)})", file=sys.stderr, flush=True)
                status[job.key] = _run_one(plan, job, status)
                if status[job.key].state == "failed":
                    print(f"{prefix} FAILED: {status[job.key].detail}", file=sys.stderr, flush=True)
            save_status(plan.folder, status)
        except OSError as exc:
            raise RunStopped(f"{job.key}: {write_error(exc)}") from exc
    return status


def _run_one(plan: RunPlan, job: Job, status: dict[str, JobStatus]) -> JobStatus:
    """Run ``job`` and store its result; raise ``OSError`` if that cannot be written."""
    begin = time.monotonic()
    try:
        output, failure = run_job(
            job, plan.pythons[job.interpreter.label], plan.options, plan.folder
        )
    except InterpreterGone as exc:
        return JobStatus("failed", str(exc), round(time.monotonic() - begin, 2), retry=True)
    seconds = round(time.monotonic() - begin, 2)
    if output is None:
        if any(text in failure for text in _DISK_FULL):
            raise RunStopped(f"{job.key}: {failure}")
        return JobStatus("failed", failure, seconds)
    save_job_result(output, plan.job_file(job), plan.metadata(job))
    output.unlink()
    done = {**status, job.key: JobStatus("ok", "", seconds)}
    suite_file = plan.result_file(job)
    write_suite(suite_file, plan.finished_files(suite_file, done))
    return done[job.key]


def recover(plan: RunPlan) -> list[str]:
    """Check what an earlier run left in ``plan.folder`` before resuming it; say what was wrong.

    A ledger that cannot be read is set aside and rebuilt from the per-job result files; a
    job recorded as ok whose result file is missing or damaged runs again (a damaged file is
    kept as ``NAME.corrupt``); the suite files are rebuilt from the per-job results.
    """
    notes = []
    status, problem = read_status(plan.folder)
    if problem is not None:
        aside = set_aside(plan.folder / STATUS)
        status = {
            job.key: JobStatus("ok", "recovered from its result file")
            for job in plan.jobs
            if unreadable(plan.job_file(job)) is None
        }
        notes.append(
            f"{STATUS} is unreadable ({problem}): set aside as {aside.name}; "
            f"{len(status)} finished jobs recovered from {JOBS}/, the others run again"
        )
    for job in plan.jobs:
        path = plan.job_file(job)
        why = unreadable(path) if job.key in status and status[job.key].state == "ok" else None
        if why is not None:
            del status[job.key]
            if path.exists():
                set_aside(path)
            notes.append(f"{job.key}: cannot trust {JOBS}/{path.name} ({why}): running it again")
    save_status(plan.folder, status)
    return notes + _rebuild_suites(plan, status)


def _rebuild_suites(plan: RunPlan, status: dict[str, JobStatus]) -> list[str]:
    notes = []
    for suite_file in sorted({plan.result_file(job) for job in plan.jobs}):
        files = plan.finished_files(suite_file, status)
        why = unreadable(suite_file)
        if why not in (None, "missing"):
            set_aside(suite_file)
            notes.append(
                f"{suite_file.name} is unreadable ({why}): set aside, "
                f"rebuilt from {len(files)} per-job results"
            )
        if files:
            write_suite(suite_file, files)
    return notes
