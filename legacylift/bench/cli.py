"""``legacylift bench`` / ``nox -s bench``: the command line of the benchmark harness."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tabulate import tabulate

from legacylift.bench.envs import EnvError, ensure_env
from legacylift.bench.interpreters import Interpreter, discover_interpreters, filter_supported
from legacylift.bench.process import InterpreterGone
from legacylift.bench.results import (
    JobStatus,
    atomic_write_text,
    load_status,
    read_status,
    save_status,
)
from legacylift.bench.run import (
    PRESETS,
    Job,
    Options,
    RunPlan,
    RunStopped,
    compile_errors,
    execute,
    recover,
    write_error,
)
from legacylift.bench.suite import Benchmark, SuiteError, load_suite, tree_hash
from legacylift.bench.variants import VARIANTS, Variant, prepare
from legacylift.cli import comma_names
from legacylift.codemod import Version, parse_version

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SUITE = ROOT / "benchmarks"
WORKDIR = Path(".bench")


def build_parser() -> argparse.ArgumentParser:
    """Options of ``legacylift bench``."""
    parser = argparse.ArgumentParser(
        prog="legacylift bench",
        description="Run a pyperf suite before and after modernization on every interpreter "
        "found, with identical pyperf settings everywhere.",
    )
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument(
        "--fast",
        action="store_const",
        dest="preset",
        const="fast",
        help="rough numbers quickly (-p 3 -n 3 -w 1 --min-time 0.05)",
    )
    speed.add_argument("--preset", choices=sorted(PRESETS), help="pyperf settings by name")
    speed.add_argument(
        "--smoke",
        action="store_const",
        dest="preset",
        const="smoke",
        help="one process, one value: checks the pipeline, measures nothing",
    )
    speed.add_argument("--rigorous", action="store_const", dest="preset", const="rigorous",
                       help="more processes and values (-p 20 -n 5 -w 2)")  # fmt: skip
    parser.set_defaults(preset="default")
    parser.add_argument("--track-memory", action="store_true", help="pyperf --track-memory")
    parser.add_argument(
        "--interpreters",
        action="append",
        default=[],
        metavar="PATHS",
        help="also use these interpreters (comma-separated, repeatable)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="LABELS",
        help="run only these interpreter labels, e.g. cpython-3.11,pypy-3.9",
    )
    parser.add_argument(
        "--benchmarks",
        action="append",
        default=[],
        metavar="NAMES",
        help="run only these benchmarks",
    )
    parser.add_argument(
        "--suite",
        type=Path,
        default=BUNDLED_SUITE,
        help="suite folder: pyperformance layout or plain pyperf scripts "
        "(default: the bundled suite)",
    )
    parser.add_argument(
        "--code",
        type=Path,
        help="your code, benchmarked before and after "
        "modernization; put on PYTHONPATH for the suite's scripts",
    )
    parser.add_argument(
        "--target",
        type=parse_version,
        metavar="X.Y",
        help="modernize target (default: the oldest Python 3 in the run)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="per benchmark and interpreter (default: %(default)s)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        metavar="DIR",
        help=f"run folder (default: {WORKDIR}/runs/<date>-<time>-<suite hash>)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=WORKDIR,
        metavar="DIR",
        help="environments and runs live here (default: %(default)s)",
    )
    parser.add_argument("--resume", nargs="?", const="latest", metavar="DIR",
                        help="continue an interrupted run (default: the newest one)")  # fmt: skip
    return parser


def _interpreters(args: argparse.Namespace) -> list[Interpreter]:
    pyproject = Path("pyproject.toml")
    found = discover_interpreters(
        sorted(set(comma_names(args.interpreters))),
        pyproject=pyproject if pyproject.exists() else None,
    ).found
    usable, _ = filter_supported(found)
    wanted = set(comma_names(args.only))
    unknown = wanted - {interp.label for interp in usable}
    if unknown:
        raise SystemExit(f"legacylift bench: no interpreter labelled {', '.join(sorted(unknown))}")
    return [interp for interp in usable if not wanted or interp.label in wanted]


def _default_target(interpreters: Sequence[Interpreter]) -> Version:
    py3 = [interp.version[:2] for interp in interpreters if interp.version[0] == 3]
    return (min(py3)[0], min(py3)[1]) if py3 else (3, 8)


def _run_folder(args: argparse.Namespace, suite_hash: str) -> Path:
    if args.resume and args.resume != "latest":
        return Path(args.resume)
    runs: Path = args.workdir / "runs"
    if args.resume:
        previous = sorted(p for p in runs.glob("*") if (p / "run.json").exists())
        if not previous:
            raise SystemExit(f"legacylift bench: --resume: no earlier run under {runs}")
        return previous[-1]
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return Path(args.results or runs / f"{stamp}-{suite_hash}")


def _environments(
    interpreters: Sequence[Interpreter], workdir: Path, folder: Path, jobs: list[Job]
) -> dict[str, str]:
    """An environment per interpreter; one that fails to build skips that interpreter's jobs.

    Such a skip is marked for a retry: ``--resume`` tries to build the environment again.
    """
    pythons: dict[str, str] = {}
    status = load_status(folder)
    for interp in interpreters:
        print(f"environment for {interp.label} ...", file=sys.stderr, flush=True)
        try:
            pythons[interp.label] = str(ensure_env(interp, workdir / "envs"))
        except EnvError as exc:
            print(f"  {exc}", file=sys.stderr)
            skipped = JobStatus("skipped", f"environment: {exc}", retry=True)
            _record_pending(status, jobs, interp.label, skipped)
    save_status(folder, status)
    return pythons


def _record_pending(
    status: dict[str, JobStatus], jobs: Sequence[Job], label: str, outcome: JobStatus
) -> None:
    """Record ``outcome`` for the jobs of ``label`` that are not done yet."""
    for job in jobs:
        recorded = status.get(job.key)
        if job.interpreter.label == label and (recorded is None or recorded.retry):
            status[job.key] = outcome


def _compile_checks(
    plan: RunPlan, variants: dict[str, Variant], benchmarks: Sequence[Benchmark]
) -> dict[tuple[str, str], dict[str, str]]:
    """Each interpreter's compile errors; one that cannot run is reported and left out."""
    failures: dict[tuple[str, str], dict[str, str]] = {}
    status = load_status(plan.folder)
    for label, python in list(plan.pythons.items()):
        try:
            for name in VARIANTS:
                failures[label, name] = compile_errors(python, variants[name], benchmarks)
        except InterpreterGone as exc:
            print(f"{label}: {exc}", file=sys.stderr, flush=True)
            del plan.pythons[label]
            _record_pending(status, plan.jobs, label, JobStatus("failed", str(exc), retry=True))
    save_status(plan.folder, status)
    return failures


def _summary(
    status: dict[str, JobStatus], folder: Path, wall: float, notes: Sequence[str] = ()
) -> str:
    counts: dict[tuple[str, str], Counter[str]] = {}
    for key, job in status.items():
        label, variant, _ = key.split("/")
        counts.setdefault((label, variant), Counter())[job.state] += 1
    rows = [(label, variant, c["ok"], c["failed"], c["skipped"])
            for (label, variant), c in sorted(counts.items())]  # fmt: skip
    table = tabulate(rows, headers=("interpreter", "variant", "ok", "failed", "skipped"))
    in_jobs = sum(job.seconds for job in status.values())
    overhead = 100 * (wall - in_jobs) / wall if wall else 0.0
    failed = [f"  {key}: {job.detail}" for key, job in sorted(status.items())
              if job.state == "failed" or job.retry]  # fmt: skip
    listed = f"\n\nfailed ({len(failed)}):\n" + "\n".join(failed) if failed else ""
    noted = "\n\n" + "\n".join(notes) if notes else ""
    return (
        f"{table}{listed}{noted}\n\nresults: {folder}\nwall time {wall:.0f} s, of which "
        f"benchmark processes {in_jobs:.0f} s (harness overhead {overhead:.1f} %)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legacylift bench``."""
    return run_bench(build_parser().parse_args(argv))[0]


def run_bench(args: argparse.Namespace) -> tuple[int, Path | None]:
    """Run the bench as ``args`` say; return the exit status and the run folder.

    The folder is None when nothing was run, or when the run stopped before its end
    (interrupted, or its results could not be written): ``--resume`` continues it.
    """
    started = time.monotonic()
    try:
        benchmarks = load_suite(args.suite)
    except SuiteError as exc:
        print(f"legacylift bench: {exc}", file=sys.stderr)
        return 2, None
    wanted = set(comma_names(args.benchmarks))
    benchmarks = [bench for bench in benchmarks if not wanted or bench.name in wanted]
    interpreters = _interpreters(args)
    if not interpreters:
        print("legacylift bench: no usable interpreter found", file=sys.stderr)
        return 2, None
    suite_hash = tree_hash(args.suite, *([args.code] if args.code else []))
    folder = _run_folder(args, suite_hash)
    # A folder that holds a run is continued, --resume or not: never mixed with a new one.
    resuming = bool(args.resume) or (folder / "run.json").exists()
    recorded = _recorded(folder, suite_hash) if resuming else {}
    notes: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _sole_run(folder), _terminate_interrupts():
            setup = _Setup(folder, suite_hash, benchmarks, interpreters, recorded, started)
            return _run(args, setup, notes)
    except KeyboardInterrupt:
        stopped = "interrupted"
        code = 130
    except (RunStopped, OSError) as exc:
        stopped = str(exc) if isinstance(exc, RunStopped) else write_error(exc, "file error")
        code = 1
    status, _ = read_status(folder)
    notes += [f"stopped: {stopped}", f"continue with: legacylift bench --resume {folder}"]
    print(f"legacylift bench: stopped: {stopped}", file=sys.stderr)
    print(_summary(status, folder, time.monotonic() - started, notes), file=sys.stderr)
    return code, None


@dataclass(frozen=True)
class _Setup:
    """What :func:`run_bench` found before the run proper starts."""

    folder: Path
    suite_hash: str
    benchmarks: list[Benchmark]
    interpreters: list[Interpreter]
    recorded: dict[str, Any]  # run.json of the run being continued ({} for a new run)
    started: float


def _run(args: argparse.Namespace, setup: _Setup, notes: list[str]) -> tuple[int, Path | None]:
    folder, recorded = setup.folder, setup.recorded
    target = args.target or _recorded_target(recorded) or _default_target(setup.interpreters)
    notes += _adopt_recorded(args, recorded, setup.interpreters)
    variants = _variants(args, folder, target, resume=bool(recorded), notes=notes)
    jobs = [Job(interp, variants[name], bench)
            for interp in setup.interpreters for name in VARIANTS
            for bench in setup.benchmarks]  # fmt: skip
    options = Options(args.preset, args.track_memory, args.timeout)
    date = str(recorded.get("date") or _date_in_names(folder, setup.suite_hash)) if recorded else ""
    plan = RunPlan(folder, jobs, {}, options, setup.suite_hash, date)
    described = _described(setup.interpreters, recorded)
    _write_plan(folder / "run.json", args, described, target, plan, variants["after"])
    if recorded:
        notes += _print_all(recover(plan))
    plan.pythons = _environments(setup.interpreters, args.workdir, folder, jobs)
    failures = _compile_checks(plan, variants, setup.benchmarks)
    plan.jobs = [job for job in jobs if job.interpreter.label in plan.pythons]
    status = execute(plan, failures)
    print(_summary(status, folder, time.monotonic() - setup.started, notes), file=sys.stderr)
    return (1 if any(job.state == "failed" for job in status.values()) else 0), folder


def _described(
    interpreters: Sequence[Interpreter], recorded: dict[str, Any]
) -> list[dict[str, Any]]:
    """The interpreters for run.json: those of this run, and those of the run continued that
    are not found now (their results stay described)."""
    described = [interp.to_dict() for interp in interpreters]
    current = {entry["label"] for entry in described}
    return described + [
        entry
        for entry in recorded.get("interpreters", [])
        if isinstance(entry, dict) and entry.get("label") not in current
    ]


def _print_all(notes: list[str]) -> list[str]:
    for note in notes:
        print(f"legacylift bench: {note}", file=sys.stderr, flush=True)
    return notes


def _recorded(folder: Path, suite_hash: str) -> dict[str, Any]:
    """``run.json`` of the run to resume, checked against the suite as it is now."""
    try:
        recorded = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"legacylift bench: cannot resume {folder}: run.json: {exc}") from None
    if not isinstance(recorded, dict) or recorded.get("suite_hash") != suite_hash:
        raise SystemExit(f"legacylift bench: the suite changed since {folder} was started")
    return recorded


def _recorded_target(recorded: dict[str, Any]) -> Version | None:
    target = recorded.get("target")
    return (int(target[0]), int(target[1])) if target else None


def _adopt_recorded(
    args: argparse.Namespace, recorded: dict[str, Any], interpreters: Sequence[Interpreter]
) -> list[str]:
    """A resumed run keeps its pyperf settings; say what it cannot keep."""
    notes = []
    preset = recorded.get("preset")
    if preset in PRESETS and preset != args.preset:
        notes.append(f"resuming with the run's own preset {preset} (not {args.preset})")
        args.preset = preset
    found = {interp.label for interp in interpreters}
    for interp in recorded.get("interpreters", []):
        label = interp.get("label") if isinstance(interp, dict) else None
        if label and label not in found and not args.only:
            notes.append(f"{label}: in the run but not found now: its pending jobs do not run")
    return _print_all(notes)


def _date_in_names(folder: Path, suite_hash: str) -> str:
    """The date in the result files' names of an earlier run ("" for none): it is kept."""
    dates = sorted(
        match.group(1)
        for path in folder.glob(f"*-{suite_hash}.json")
        if (match := re.search(r"-(\d{8})-[0-9a-f]+\.json$", path.name))
    )
    return dates[0] if dates else ""


@contextlib.contextmanager
def _sole_run(folder: Path) -> Iterator[None]:
    """Refuse a second harness on the same run folder (say, a --resume while it runs)."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    with open(folder / ".lock", "a", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(
                f"legacylift bench: another legacylift bench is running in {folder}"
            ) from None
        yield


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminate_interrupts() -> Iterator[None]:
    """SIGTERM (a CI timeout, a kill) stops the run like Ctrl-C: cleanly, resumable."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _variants(
    args: argparse.Namespace, folder: Path, target: Version, resume: bool, notes: list[str]
) -> dict[str, Variant]:
    saved_file = folder / "variants.json"
    if resume and saved_file.exists():
        try:
            saved = json.loads(saved_file.read_text(encoding="utf-8"))
            return {name: Variant(name, Path(v["suite"]), Path(v["code"]) if v["code"] else None,
                                  tuple(v["target"]) if v["target"] else None, v["unconverted"])
                    for name, v in saved.items()}  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            notes += _print_all([f"variants.json is unreadable ({exc!r}): preparing them again"])
    print(f"preparing before/after copies (modernize --target {target[0]}.{target[1]}) ...",
          file=sys.stderr, flush=True)  # fmt: skip
    variants = prepare(args.suite, args.code, folder / "variants", target)
    saved = {name: {"suite": str(v.suite), "code": str(v.code) if v.code else None,
                    "target": v.target, "unconverted": v.unconverted, "rewrites": v.rewrites}
             for name, v in variants.items()}  # fmt: skip
    atomic_write_text(saved_file, json.dumps(saved, indent=1))
    return variants


def _write_plan(  # noqa: PLR0917  # one call site, all of it recorded as is
    path: Path, args: argparse.Namespace, interpreters: list[dict[str, Any]], target: Version,
    plan: RunPlan, after: Variant,
) -> None:  # fmt: skip
    record = {
        "suite_hash": plan.suite_hash,
        "suite": str(args.suite),
        "code": str(args.code) if args.code else None,
        "preset": args.preset,
        "pyperf": PRESETS[args.preset],
        "target": list(target),
        "date": plan.date,
        "interpreters": interpreters,
        "modernize_rewrites": after.rewrites,
        "unconverted": after.unconverted,
    }
    atomic_write_text(path, json.dumps(record, indent=1, default=str))


if __name__ == "__main__":
    sys.exit(main())
