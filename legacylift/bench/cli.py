"""``legacylift bench`` / ``nox -s bench``: the command line of the benchmark harness."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from tabulate import tabulate

from legacylift.bench.envs import EnvError, ensure_env
from legacylift.bench.interpreters import Interpreter, discover_interpreters, filter_supported
from legacylift.bench.results import JobStatus, load_status, save_status
from legacylift.bench.run import PRESETS, Job, Options, RunPlan, compile_errors, execute
from legacylift.bench.suite import SuiteError, load_suite, tree_hash
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
    """An environment per interpreter; one that fails to build skips that interpreter's jobs."""
    pythons: dict[str, str] = {}
    status = load_status(folder)
    for interp in interpreters:
        print(f"environment for {interp.label} ...", file=sys.stderr, flush=True)
        try:
            pythons[interp.label] = str(ensure_env(interp, workdir / "envs"))
        except EnvError as exc:
            print(f"  {exc}", file=sys.stderr)
            for job in jobs:
                if job.interpreter.label == interp.label and job.key not in status:
                    status[job.key] = JobStatus("skipped", f"environment: {exc}")
    save_status(folder, status)
    return pythons


def _summary(status: dict[str, JobStatus], folder: Path, wall: float) -> str:
    counts: dict[tuple[str, str], Counter[str]] = {}
    for key, job in status.items():
        label, variant, _ = key.split("/")
        counts.setdefault((label, variant), Counter())[job.state] += 1
    rows = [(label, variant, c["ok"], c["failed"], c["skipped"])
            for (label, variant), c in sorted(counts.items())]  # fmt: skip
    table = tabulate(rows, headers=("interpreter", "variant", "ok", "failed", "skipped"))
    in_jobs = sum(job.seconds for job in status.values())
    overhead = 100 * (wall - in_jobs) / wall if wall else 0.0
    return (
        f"{table}\n\nresults: {folder}\nwall time {wall:.0f} s, of which benchmark processes "
        f"{in_jobs:.0f} s (harness overhead {overhead:.1f} %)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legacylift bench``."""
    return run_bench(build_parser().parse_args(argv))[0]


def run_bench(args: argparse.Namespace) -> tuple[int, Path | None]:
    """Run the bench as ``args`` say; return the exit status and the run folder (if any)."""
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
    target = args.target or _default_target(interpreters)
    suite_hash = tree_hash(args.suite, *([args.code] if args.code else []))
    folder = _run_folder(args, suite_hash)
    plan_file = folder / "run.json"
    if args.resume:
        recorded = json.loads(plan_file.read_text(encoding="utf-8"))
        if recorded["suite_hash"] != suite_hash:
            raise SystemExit(f"legacylift bench: the suite changed since {folder} was started")
    folder.mkdir(parents=True, exist_ok=True)
    variants = _variants(args, folder, target, resume=bool(args.resume))
    jobs = [Job(interp, variants[name], bench)
            for interp in interpreters for name in VARIANTS for bench in benchmarks]  # fmt: skip
    options = Options(args.preset, args.track_memory, args.timeout)
    _write_plan(plan_file, args, interpreters, target, suite_hash, variants["after"])
    pythons = _environments(interpreters, args.workdir, folder, jobs)
    failures = {
        (interp.label, name): compile_errors(pythons[interp.label], variants[name], benchmarks)
        for interp in interpreters if interp.label in pythons for name in VARIANTS
    }  # fmt: skip
    runnable = [job for job in jobs if job.interpreter.label in pythons]
    plan = RunPlan(folder, runnable, pythons, options, suite_hash)
    status = execute(plan, failures)
    print(_summary(status, folder, time.monotonic() - started), file=sys.stderr)
    return (1 if any(job.state == "failed" for job in status.values()) else 0), folder


def _variants(
    args: argparse.Namespace, folder: Path, target: Version, resume: bool
) -> dict[str, Variant]:
    if resume and (folder / "variants.json").exists():
        saved = json.loads((folder / "variants.json").read_text(encoding="utf-8"))
        return {name: Variant(name, Path(v["suite"]), Path(v["code"]) if v["code"] else None,
                              tuple(v["target"]) if v["target"] else None, v["unconverted"])
                for name, v in saved.items()}  # fmt: skip
    print(f"preparing before/after copies (modernize --target {target[0]}.{target[1]}) ...",
          file=sys.stderr, flush=True)  # fmt: skip
    variants = prepare(args.suite, args.code, folder / "variants", target)
    saved = {name: {"suite": str(v.suite), "code": str(v.code) if v.code else None,
                    "target": v.target, "unconverted": v.unconverted, "rewrites": v.rewrites}
             for name, v in variants.items()}  # fmt: skip
    (folder / "variants.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
    return variants


def _write_plan(  # noqa: PLR0917  # one call site, all of it recorded as is
    path: Path, args: argparse.Namespace, interpreters: Sequence[Interpreter], target: Version,
    suite_hash: str, after: Variant,
) -> None:  # fmt: skip
    plan = {
        "suite_hash": suite_hash,
        "suite": str(args.suite),
        "code": str(args.code) if args.code else None,
        "preset": args.preset,
        "pyperf": PRESETS[args.preset],
        "target": list(target),
        "interpreters": [interp.to_dict() for interp in interpreters],
        "modernize_rewrites": after.rewrites,
        "unconverted": after.unconverted,
    }
    path.write_text(json.dumps(plan, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
