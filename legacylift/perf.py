"""The benchmark of issue 9: our modernize against pyupgrade and ruff on the same corpora.

On each corpus (Django 2.2.28 by version and sha256, and pyenv's 3.8 standard library), every
tool runs on an identical fresh copy, with the same list of files (those ``modernize`` walks):

- ``legacylift modernize COPY --target 3.8 --jobs 2`` (first run: writes), then the same
  command again on its unchanged result (the re-run);
- ``pyupgrade --py38-plus`` as one process, and as two processes each given half the files
  (balanced by bytes, the most favourable split);
- ``ruff check --select UP --target-version py38 --fix`` (safe fixes only).

Wall time runs from the first command's start to the last one's exit, as the launcher below
sees them (its own start-up is not counted). Memory, two ways:

- *tree peak*: the peak of the summed PSS (proportional set size: a page shared by the
  forked workers counts once in total) of the process and all its descendants, sampled
  every 100 ms with psutil; a spike shorter than that can be missed;
- *largest process*: the kernel's maximum resident set size of the largest single process
  of the tree (``os.wait4``'s rusage, read by a small launcher process that forks the
  command, as ``/usr/bin/time`` does; it covers the reaped pool workers): exact, but it does
  not add up concurrent processes, and it has a floor of about 9 MB (the launcher's pages).

Rewrites, each tool's own count: ours from the summary it prints (counted by the codemods),
pyupgrade's changed blocks (it counts nothing itself), ruff's "N fixed". Files changed are
found by comparing each copy with the original. ``--scaling`` times our first run on 1x, 2x
and 4x copies of Django, with pyupgrade's single process as the control. Our runs get a fresh
cache folder (``LEGACYLIFT_CACHE_DIR`` and ``XDG_CACHE_HOME``) and working folder per
repetition, kept for its re-run, so no earlier run's cache helps a first run.

Run ``python -m legacylift.perf --help`` (or ``nox -s perf -- --help``). Not a timed test.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

import legacylift
from legacylift.corpora import (
    CorpusError,
    add_output_options,
    fresh_copy,
    names,
    resolve,
    scaled_copy,
)
from legacylift.differential import (
    ToolError,
    Tools,
    balanced,
    changed_files,
    compare_trees,
    corpus_size,
    flag,
    pyupgrade_command,
    relative_sources,
    ruff_command,
    ruff_diagnostics,
    spelled,
)
from legacylift.versions import Version, parse_version

MB = 1024 * 1024
INTERVAL = 0.1
#: How often the sampler looks for new processes in the tree (pool workers start late).
RESCAN = 0.5
GOAL_RERUN_SECONDS = 0.5
GOAL_PEAK_MB = 500.0
#: Seconds per file at Nx within this factor of 1x counts as linear.
LINEAR_TOLERANCE = 1.2

try:
    psutil: Any = importlib.import_module("psutil")
except ImportError:  # pragma: no cover - the compare lock installs it
    psutil = None


# --------------------------------------------------------------------------- measuring


@dataclass
class Measurement:
    """One timed run of one or more concurrent commands."""

    seconds: float
    tree_peak_mb: float | None  # sampled PSS sum of the trees; None: psutil absent, no sample
    largest_mb: float  # the largest single process (kernel maxrss via wait4)
    returncodes: list[int]
    outputs: list[str]  # stdout + stderr of each command


#: Runs argv[2:] and writes "start end maxrss_kib" to argv[1]. A process's maxrss starts at
#: the resident size of whatever forked it, so the measured command is forked from this small
#: interpreter (``-I -S``, about 9 MB) rather than from the benchmark's own process; timing
#: here also leaves the launcher's start-up out of the wall time.
_LAUNCHER = r"""
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
end = time.monotonic()
with open(sys.argv[1], "w") as handle:
    handle.write("%r %r %d" % (start, end, usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


class _Sampler(threading.Thread):
    """Samples the summed PSS of the processes under ``pids`` (not those) until stopped."""

    def __init__(self, pids: Sequence[int], interval: float = INTERVAL) -> None:
        super().__init__(daemon=True)
        self.roots = [psutil.Process(pid) for pid in pids]
        self.interval = interval
        self.peak = 0
        self.done = threading.Event()

    def _tree(self) -> list[Any]:
        found = []
        for root in self.roots:
            with contextlib.suppress(psutil.Error):
                found += root.children(recursive=True)
        return found

    @staticmethod
    def _pss(process: Any) -> int:
        try:
            info = process.memory_full_info()
        except psutil.Error:
            return 0
        return int(getattr(info, "pss", info.rss))

    def run(self) -> None:
        tree, scanned = self._tree(), time.monotonic()
        while not self.done.is_set():
            if time.monotonic() - scanned >= RESCAN or not tree:
                tree, scanned = self._tree(), time.monotonic()
            self.peak = max(self.peak, sum(self._pss(process) for process in tree))
            self.done.wait(self.interval)


def measure(
    commands: Sequence[Sequence[str]], *, env: dict[str, str] | None = None,
    cwd: Path | None = None, interval: float = INTERVAL,
) -> Measurement:  # fmt: skip
    """Run ``commands`` concurrently (each through the launcher); the wall time from the
    first start to the last exit, memory, exit codes and output."""
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="legacylift-m-")))
        logs = [stack.enter_context(tempfile.TemporaryFile()) for _ in commands]
        reports = [scratch / f"{index}.txt" for index in range(len(commands))]
        processes = [
            subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report),
                              *command],
                             stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                             env=env, cwd=cwd)
            for command, log, report in zip(commands, logs, reports)
        ]  # fmt: skip
        sampler = _Sampler([process.pid for process in processes], interval) if psutil else None
        if sampler is not None:
            sampler.start()
        returncodes = [process.wait() for process in processes]
        if sampler is not None:
            sampler.done.set()
            sampler.join()
        starts, ends, largest = [], [], 0
        for report in reports:
            start, end, maxrss = report.read_text().split()
            starts.append(float(start))
            ends.append(float(end))
            largest = max(largest, int(maxrss) * 1024)  # KiB on Linux
        outputs = []
        for log in logs:
            log.seek(0)
            outputs.append(log.read().decode("utf-8", "replace"))
    return Measurement(
        seconds=max(ends) - min(starts),
        tree_peak_mb=sampler.peak / MB if sampler is not None and sampler.peak else None,
        largest_mb=largest / MB,
        returncodes=returncodes,
        outputs=outputs,
    )


# --------------------------------------------------------------------------- the tools' counts

_ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s*$")
_TOTAL = re.compile(r"^(\d+) files \((\d+) lines\), (\d+) (?:changed|would change), (\d+) skipped")
_RUFF_FIXED = re.compile(r"\((\d+) fixed")


def our_rewrites(output: str) -> int | None:
    """The rewrites in ``legacylift modernize``'s summary (its per-codemod table; a run
    that changed nothing may print only its totals line); None if there is no summary."""
    rows = [_ROW.match(line) for line in output.splitlines()]
    counts = [int(match.group(3)) for match in rows if match]
    if counts:
        return sum(counts)
    totals = [_TOTAL.match(line) for line in output.splitlines()]
    return 0 if any(match and match.group(3) == "0" for match in totals) else None


def our_skips(output: str) -> list[str]:
    """The ``path: reason`` lines of the summary's skipped section."""
    lines = output.splitlines()
    if "skipped (left byte-identical):" not in lines:
        return []
    start = lines.index("skipped (left byte-identical):") + 1
    end = next((index for index in range(start, len(lines)) if not lines[index].startswith("  ")),
               len(lines))  # fmt: skip
    return lines[start:end]


def ruff_fixed(output: str) -> int:
    """ruff's own count of applied fixes ("Found N errors (M fixed, ...)"); 0 if none."""
    match = _RUFF_FIXED.search(output)
    return int(match.group(1)) if match else 0


# --------------------------------------------------------------------------- one corpus


@dataclass
class ToolRuns:
    """Every repetition of one tool on one corpus."""

    label: str
    seconds: list[float] = field(default_factory=list)
    tree_peak_mb: list[float] = field(default_factory=list)
    largest_mb: list[float] = field(default_factory=list)
    files_changed: int | None = None
    rewrites: int | None = None
    rewrites_as: str = ""
    failures: list[str] = field(default_factory=list)
    #: The last line each command printed, per repetition (ours: its totals and cache hits).
    last_lines: list[str] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float | None:
        return max(self.tree_peak_mb) if self.tree_peak_mb else None

    def add(self, measurement: Measurement, ok_codes: Sequence[int] = (0,)) -> None:
        self.seconds.append(measurement.seconds)
        if measurement.tree_peak_mb is not None:
            self.tree_peak_mb.append(measurement.tree_peak_mb)
        self.largest_mb.append(measurement.largest_mb)
        for code, output in zip(measurement.returncodes, measurement.outputs):
            last = (output.strip().splitlines() or ["no output"])[-1]
            self.last_lines.append(last)
            if code not in ok_codes:
                self.failures.append(f"exit {code}: {last}")
                self.failures += [f"  {line.strip()}" for line in our_skips(output)[:5]]


@dataclass(frozen=True)
class Setup:
    """What every run of a benchmark shares."""

    tools: Tools
    target: Version
    jobs: int
    repeat: int
    work: Path
    pyupgrade_processes: int = 2


def _our_env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The legacylift being measured is the one imported here, wherever the venv points.
    root = str(Path(legacylift.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    # legacylift's cache (issue 9) lives outside the tree: give each repetition its own.
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env["LEGACYLIFT_CACHE_DIR"] = str(scratch / "cache" / "legacylift")
    return env


def our_command(tree: Path, setup: Setup) -> list[str]:
    return [sys.executable, "-m", "legacylift", "modernize", str(tree),
            "--target", spelled(setup.target), "--jobs", str(setup.jobs)]  # fmt: skip


@contextlib.contextmanager
def _scratch(setup: Setup, name: str) -> Iterator[Path]:
    folder = setup.work / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_ours(corpus: Path, setup: Setup, first: ToolRuns, rerun: ToolRuns | None) -> None:
    """One repetition of our first run (and re-run, unless None) on a fresh copy."""
    relative = relative_sources(corpus)
    with _scratch(setup, "legacylift") as scratch:
        copy = fresh_copy(corpus, scratch / "tree")
        env = _our_env(scratch)
        measured = measure([our_command(copy, setup)], env=env, cwd=scratch)
        first.add(measured)
        first.rewrites = our_rewrites(measured.outputs[0])
        first.files_changed = len(changed_files(corpus, copy, relative))
        if rerun is None:
            return
        snapshot = fresh_copy(copy, scratch / "after-first-run")
        again = measure([our_command(copy, setup)], env=env, cwd=scratch)
        rerun.add(again)
        rerun.rewrites = our_rewrites(again.outputs[0])
        rerun.files_changed = len(changed_files(snapshot, copy, relative))


def run_pyupgrade(corpus: Path, setup: Setup, runs: ToolRuns, processes: int) -> None:
    """One repetition of pyupgrade on a fresh copy, as ``processes`` processes."""
    relative = relative_sources(corpus)
    with _scratch(setup, "pyupgrade") as scratch:
        copy = fresh_copy(corpus, scratch / "tree")
        groups = balanced([copy / name for name in relative], processes)
        command = pyupgrade_command(setup.tools.pyupgrade, setup.target)
        runs.add(measure([command + [str(path) for path in group] for group in groups]))
        changed = compare_trees(corpus, copy, relative)
        runs.files_changed, runs.rewrites = changed.files, changed.blocks
        runs.rewrites_as = "changed blocks"


def run_ruff(corpus: Path, setup: Setup, runs: ToolRuns) -> None:
    """One repetition of ruff's UP safe fixes on a fresh copy."""
    relative = relative_sources(corpus)
    with _scratch(setup, "ruff") as scratch:
        copy = fresh_copy(corpus, scratch / "tree")
        files = [copy / name for name in relative]
        reported = ruff_diagnostics(setup.tools.ruff, setup.target, files)  # not timed
        safe = sum(1 for item in reported if (item.get("fix") or {}).get("applicability") == "safe")
        command = ruff_command(setup.tools.ruff, setup.target, fix=True)
        measured = measure([command + [str(path) for path in files]])
        runs.add(measured)
        runs.rewrites = ruff_fixed(measured.outputs[0])
        runs.rewrites_as = f"fixed ({safe} safe fixes reported before)"
        runs.files_changed = len(changed_files(corpus, copy, relative))


@dataclass
class CorpusFigures:
    """Every tool on one corpus."""

    corpus: str
    path: str
    files: int
    lines: int
    runs: dict[str, ToolRuns]

    def ratio(self, key: str, base: str = "pyupgrade") -> float:
        return self.runs[key].best / self.runs[base].best

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, runs in self.runs.items():
            data["runs"][key].update(best=runs.best, median=runs.median, peak_mb=runs.peak)
        return data


def bench_corpus(
    name: str, corpus: Path, setup: Setup, progress: Any = lambda text: None
) -> CorpusFigures:
    """Every tool, ``setup.repeat`` times, each time on fresh copies of ``corpus``."""
    version = flag(setup.target)
    procs = setup.pyupgrade_processes
    runs = {
        "ours": ToolRuns(f"legacylift modernize --jobs {setup.jobs} (first run)"),
        "rerun": ToolRuns(f"legacylift modernize --jobs {setup.jobs} (re-run)"),
        "pyupgrade": ToolRuns(f"pyupgrade --{version}-plus (1 process)"),
        "pyupgrade_p": ToolRuns(f"pyupgrade --{version}-plus ({procs} processes)"),
        "ruff": ToolRuns(f"ruff check --select UP --target-version {version} --fix"),
    }
    runs["ours"].rewrites_as = runs["rerun"].rewrites_as = "rewrites (codemods' count)"
    for repetition in range(1, setup.repeat + 1):
        progress(f"{name} {repetition}/{setup.repeat}: legacylift (first run, re-run)")
        run_ours(corpus, setup, runs["ours"], runs["rerun"])
        progress(f"{name} {repetition}/{setup.repeat}: pyupgrade (1 and {procs} processes)")
        run_pyupgrade(corpus, setup, runs["pyupgrade"], 1)
        run_pyupgrade(corpus, setup, runs["pyupgrade_p"], procs)
        progress(f"{name} {repetition}/{setup.repeat}: ruff")
        run_ruff(corpus, setup, runs["ruff"])
    files, lines = corpus_size(corpus)
    return CorpusFigures(name, str(corpus), files, lines, runs)


@dataclass
class ScalePoint:
    """Our first run (and pyupgrade's, as a control) on ``copies`` copies of a corpus."""

    copies: int
    files: int
    lines: int
    ours: ToolRuns
    pyupgrade: ToolRuns


def bench_scaling(
    corpus: Path, factors: Sequence[int], setup: Setup, progress: Any = lambda text: None,
    single: CorpusFigures | None = None,
) -> list[ScalePoint]:  # fmt: skip
    """Our first run and pyupgrade's on 1x, 2x, 4x ... copies of ``corpus``; ``single``
    (the same corpus measured by :func:`bench_corpus`) stands for 1x when given."""
    points = []
    for copies in factors:
        if copies == 1 and single is not None:
            runs = single.runs
            points.append(ScalePoint(1, single.files, single.lines, runs["ours"],
                                     runs["pyupgrade"]))  # fmt: skip
            continue
        progress(f"scaling: {copies}x")
        scaled = scaled_copy(corpus, setup.work / f"scaled-{copies}x", copies)
        ours = ToolRuns(f"legacylift {copies}x")
        pyupgrade = ToolRuns(f"pyupgrade {copies}x")
        for _ in range(setup.repeat):
            run_ours(scaled, setup, ours, None)
            run_pyupgrade(scaled, setup, pyupgrade, 1)
        files, lines = corpus_size(scaled)
        shutil.rmtree(scaled)
        points.append(ScalePoint(copies, files, lines, ours, pyupgrade))
    return points


# --------------------------------------------------------------------------- tables


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def corpus_table(figures: CorpusFigures) -> str:
    base = figures.runs["pyupgrade"].best
    rows = [
        (runs.label, f"{runs.best:.2f}", f"{runs.median:.2f}", f"{runs.best / base:.2f}",
         _mb(runs.peak), _mb(max(runs.largest_mb)),
         "?" if runs.files_changed is None else runs.files_changed,
         "?" if runs.rewrites is None else runs.rewrites, runs.rewrites_as)
        for runs in figures.runs.values()
    ]  # fmt: skip
    headers = ("tool", "best s", "median s", "x pyupgrade 1p", "tree peak MB",
               "largest process MB", "files changed", "rewrites", "counted as")  # fmt: skip
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def goals_table(figures: CorpusFigures) -> str:
    ours, rerun, pyupgrade = (figures.runs[key] for key in ("ours", "rerun", "pyupgrade"))
    peak = ours.peak if ours.peak is not None else max(ours.largest_mb)
    rows = [
        ("first run <= pyupgrade 1 process", f"{ours.best:.2f} s vs {pyupgrade.best:.2f} s "
         f"({ours.best / pyupgrade.best:.2f}x)", ours.best <= pyupgrade.best),
        ("more rewrites than pyupgrade", f"{ours.rewrites} vs {pyupgrade.rewrites} blocks",
         (ours.rewrites or 0) > (pyupgrade.rewrites or 0)),
        (f"re-run <= {GOAL_RERUN_SECONDS} s", f"{rerun.best:.2f} s",
         rerun.best <= GOAL_RERUN_SECONDS),
        (f"peak memory <= {GOAL_PEAK_MB:.0f} MB", f"{peak:.0f} MB", peak <= GOAL_PEAK_MB),
    ]  # fmt: skip
    table = [(goal, figure, "yes" if met else "no") for goal, figure, met in rows]
    # The issue sets its goals on Django; on another corpus they are shown for comparison.
    title = "goal (issue 9)" if figures.corpus == "django" else "issue 9's Django goals, here"
    return tabulate(table, headers=(title, "measured", "met"), tablefmt="simple")


def scaling_table(points: Sequence[ScalePoint]) -> str:
    base = points[0]
    per_file = base.ours.best / base.files
    rows = [
        (f"{point.copies}x", point.files, point.lines, f"{point.ours.best:.2f}",
         f"{point.ours.best / base.ours.best:.2f}",
         f"{point.ours.best / point.files / per_file:.2f}", _mb(point.ours.peak),
         f"{point.pyupgrade.best:.2f}", f"{point.pyupgrade.best / base.pyupgrade.best:.2f}",
         f"{(point.ours.best / base.ours.best) / (point.pyupgrade.best / base.pyupgrade.best):.2f}")
        for point in points
    ]  # fmt: skip
    headers = ("copies", "files", "lines", "legacylift s", "x 1st", "s/file vs 1st",
               "tree peak MB", "pyupgrade s", "x 1st", "ours x / pyupgrade x")  # fmt: skip
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def linear(points: Sequence[ScalePoint]) -> bool:
    """Seconds per file at every size within :data:`LINEAR_TOLERANCE` of the first's."""
    base = points[0].ours.best / points[0].files
    return all(point.ours.best / point.files <= base * LINEAR_TOLERANCE for point in points)


def said(figures: CorpusFigures) -> str:
    """The last line of our first run and re-run (files, changed, cache hits, time)."""
    runs = [figures.runs[key] for key in ("ours", "rerun")]
    return "\n".join(f"{run.label} said: {run.last_lines[-1]}" for run in runs if run.last_lines)


def failures(figures: CorpusFigures) -> list[str]:
    return [f"  {runs.label}: {failure}"
            for runs in figures.runs.values() for failure in runs.failures]  # fmt: skip


# --------------------------------------------------------------------------- command line


def _factors(text: str) -> list[int]:
    if text.strip().lower() in ("", "none", "off", "0"):
        return []
    try:
        factors = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give factors like 1,2,4") from None
    if not factors or factors[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: factors must be 1 or more")
    return factors


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m legacylift.perf",
        description="Time legacylift modernize (first run and re-run), pyupgrade (1 and 2 "
        "processes) and ruff's UP safe fixes on identical copies of real corpora; peak "
        "memory, ratios, rewrites, and linear scaling over 1x/2x/4x copies of Django.",
    )
    parser.add_argument(
        "--corpus", action="append", default=[], metavar="NAMES",
        help="comma-separated: django, stdlib (pyenv's 3.8), stdlib-X.Y or a folder "
        "(default: django,stdlib)",
    )  # fmt: skip
    parser.add_argument(
        "--target", default="3.8", metavar="X.Y", help="target of every tool (default: %(default)s)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=2,
        metavar="N",
        help="our worker processes (default: %(default)s)",
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=1,
        metavar="N",
        help="runs of each tool, each on a fresh copy (default: %(default)s)",
    )
    parser.add_argument(
        "--scaling", type=_factors, default=[1, 2, 4], metavar="FACTORS",
        help="copies of Django to time our first run on (default: 1,2,4; none: skip)",
    )  # fmt: skip
    add_output_options(parser)
    return parser


def header(setup: Setup) -> str:
    versions = setup.tools.versions()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"legacylift {legacylift.__version__} on Python {sys.version.split()[0]}, "
        f"pyupgrade {versions['pyupgrade']}, ruff {versions['ruff']}; target "
        f"{spelled(setup.target)}, --jobs {setup.jobs}, best of {setup.repeat}; "
        f"{os.cpu_count()} cores, load average {load}\n"
        "tree peak: summed PSS of the process tree sampled every "
        f"{INTERVAL * 1000:.0f} ms; largest process: kernel maxrss (wait4)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        tools = Tools.find()
        target = parse_version(args.target)
        corpora = [(name, resolve(name, args.cache))
                   for name in names(args.corpus or ["django,stdlib"])]  # fmt: skip
        django = resolve("django", args.cache) if args.scaling else None
    except (ValueError, ToolError, CorpusError) as exc:
        print(f"perf: {exc}", file=sys.stderr)
        return 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="legacylift-perf-"))
    work.mkdir(parents=True, exist_ok=True)
    setup = Setup(tools, target, args.jobs, args.repeat, work)

    def progress(text: str) -> None:
        print(f"perf: {text}", file=sys.stderr, flush=True)

    def show(*sections: str) -> None:
        print("\n\n".join(sections) + "\n", flush=True)

    show(header(setup))
    results: list[CorpusFigures] = []
    points: list[ScalePoint] = []
    try:
        for name, path in corpora:
            figures = bench_corpus(name, path, setup, progress)
            results.append(figures)
            problems = failures(figures)
            show(
                f"{figures.corpus}: {figures.path} ({figures.files} files, {figures.lines} "
                "lines), identical fresh copies",
                corpus_table(figures),
                goals_table(figures),
                said(figures),
                *(["failures:\n" + "\n".join(problems)] if problems else []),
            )
        single = next((item for item in results if item.corpus == "django"), None)
        points = bench_scaling(django, args.scaling, setup, progress, single) if django else []
        if points:
            show(
                "Linear scaling: our first run on N copies of Django (pyupgrade 1 process as "
                "the control)",
                scaling_table(points),
                f"linear (s/file within {LINEAR_TOLERANCE}x of 1x): "
                f"{'yes' if linear(points) else 'no'}",
            )
    except (ToolError, CorpusError) as exc:
        print(f"perf: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json is not None:
        data = {
            "setup": {"target": spelled(target), "jobs": args.jobs, "repeat": args.repeat,
                      "tools": tools.versions(), "legacylift": legacylift.__version__,
                      "python": sys.version.split()[0], "cores": os.cpu_count(),
                      "interval_s": INTERVAL},
            "corpora": [figures.to_dict() for figures in results],
            "scaling": [asdict(point) for point in points],
        }  # fmt: skip
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
