"""``legacylift bench``: the bundled (or a user's) suite, before and after, on every interpreter.

Every interpreter gets the same pyperf settings (``-p/-n/-w/--min-time``): pyperf picks other
defaults for a JIT, and unequal sample counts would make the comparison unfair.  Each job is one
``run_benchmark.py`` in its own process group under a timeout; its result is merged into the
(interpreter, variant) suite file at once, and ``status.json`` records how it ended, so a crash,
a hang or an interruption costs one job and ``--resume`` picks up from there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from legacylift import __version__
from legacylift.bench.interpreters import Interpreter
from legacylift.bench.results import JobStatus, load_status, merge_result, result_name, save_status
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
    """Ask the interpreter itself which of the benchmarks' files it cannot compile."""
    files = sorted(
        str(path)
        for bench in benchmarks
        for path in (variant.suite / bench.script).parent.rglob("*.py")
    )
    if variant.code is not None:
        files += sorted(str(path) for path in variant.code.rglob("*.py"))
    done = subprocess.run(
        [python, "-c", _COMPILE_CHECK, json.dumps(files)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{python}: compile check failed: {done.stderr.strip()[-300:]}")
    return dict(json.loads(done.stdout))


def _run_process(command: list[str], env: dict[str, str], timeout: float, log: Path) -> str | None:
    """Run one benchmark process group; return why it failed, or None."""
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # pyperf's workers too
            process.wait()
            return f"timed out after {timeout:.0f} s"
    if code == 0:
        return None
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    last = lines[-1] if lines else "no output"
    if code < 0:
        return f"killed by signal {-code}: {last}"
    return f"exit status {code}: {last}"


def run_job(job: Job, python: str, options: Options, folder: Path) -> tuple[Path | None, str]:
    """Run one job; return its single-benchmark result file (or None) and the failure reason."""
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
    failure = _run_process(command, env, options.timeout, log)
    if failure is None and not output.exists():
        failure = "finished without writing a result"
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
    date: str = ""

    def __post_init__(self) -> None:
        self.date = self.date or datetime.now(timezone.utc).strftime("%Y%m%d")

    def result_file(self, job: Job) -> Path:
        interp = job.interpreter
        return self.folder / result_name(
            interp.family, interp.full_version, job.variant.name, self.date, self.suite_hash
        )

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


def execute(
    plan: RunPlan, compile_failures: dict[tuple[str, str], dict[str, str]]
) -> dict[str, JobStatus]:
    """Run every job not yet recorded in the ledger, printing progress; return the ledger."""
    status = load_status(plan.folder)
    todo = [job for job in plan.jobs if job.key not in status]
    started, total = time.monotonic(), len(todo)
    for done, job in enumerate(todo):
        prefix = f"[{done + 1:>3}/{total}] {job.describe()}"
        reason = why_not(job, compile_failures[(job.interpreter.label, job.variant.name)])
        if reason is not None:
            status[job.key] = JobStatus("skipped", reason)
            print(f"{prefix} skipped: {reason}", file=sys.stderr, flush=True)
            save_status(plan.folder, status)
            continue
        print(f"{prefix} ... ({_eta(done, total, started)})", file=sys.stderr, flush=True)
        begin = time.monotonic()
        output, failure = run_job(
            job, plan.pythons[job.interpreter.label], plan.options, plan.folder
        )
        seconds = time.monotonic() - begin
        if output is not None:
            merge_result(plan.result_file(job), output, plan.metadata(job))
            output.unlink()
            status[job.key] = JobStatus("ok", "", round(seconds, 2))
        else:
            status[job.key] = JobStatus("failed", failure, round(seconds, 2))
            print(f"{prefix} FAILED: {failure}", file=sys.stderr, flush=True)
        save_status(plan.folder, status)
    return status
