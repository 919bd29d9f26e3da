"""Reading a bench run folder: ``run.json``, ``status.json`` and the pyperf suite files.

Every pyperf file must carry the run's suite hash: results of different suites are never put
side by side, so a stray file from another run is an error, not a silently mixed-in column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyperf

RUN_FILE = "run.json"
STATUS_FILE = "status.json"
#: The report's own settings, saved in ``raw/`` so a regeneration uses the same ones.
OPTIONS_FILE = "report.json"
RAW = "raw"
#: JSON files of a run folder that are not pyperf results.
NOT_RESULTS = frozenset({RUN_FILE, STATUS_FILE, OPTIONS_FILE, "variants.json"})
VARIANTS = ("before", "after")
_RESULT_NAME = re.compile(r"^(?P<stem>.+)-(?P<date>\d{8})-(?P<hash>[0-9a-f]+)\.json$")


class ReportError(Exception):
    """A run folder that cannot be reported on; the message says why in one line."""


@dataclass(frozen=True)
class Sample:
    """One benchmark's values on one interpreter and variant."""

    values: tuple[float, ...]
    unit: str  # pyperf's unit: "second", or "byte" with --track-memory
    max_rss: int | None  # peak RSS over the worker processes, when pyperf recorded it
    description: str = ""


@dataclass(frozen=True)
class Job:
    """One line of ``status.json``."""

    state: str  # "ok", "failed" or "skipped"
    detail: str = ""


@dataclass(frozen=True)
class InterpreterInfo:
    """What ``run.json`` (and the result files) say about one interpreter."""

    label: str
    implementation: str
    full_version: str
    jit: str | None
    variant_of: str | None

    @property
    def family(self) -> str:
        """``pyston-lite`` for the JIT variant of a CPython, else the implementation."""
        return "pyston-lite" if self.jit == "pyston-lite" else self.implementation

    @property
    def minor(self) -> str:
        """``3.9`` for ``3.9.18``."""
        return ".".join(self.full_version.split(".")[:2])

    @property
    def version_key(self) -> tuple[int, ...]:
        """A sortable version (release candidates sort with their release)."""
        return tuple(
            int(digits[0]) if (digits := re.match(r"\d+", part)) else 0
            for part in self.full_version.split(".")
        )


@dataclass
class Run:
    """Everything a report is made from."""

    folder: Path
    run_id: str
    plan: dict[str, Any]
    status: dict[str, Job]
    interpreters: list[InterpreterInfo]
    benchmarks: list[str]
    samples: dict[tuple[str, str, str], Sample]  # (label, variant, benchmark) -> values
    metadata: dict[str, dict[str, Any]]  # result file name -> its common metadata
    files: list[Path] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def suite_hash(self) -> str:
        """The hash of the benchmark suite (and --code) every result was measured on."""
        return str(self.plan["suite_hash"])

    def interpreter(self, label: str) -> InterpreterInfo:
        """The interpreter with this label."""
        for interp in self.interpreters:
            if interp.label == label:
                return interp
        raise ReportError(f"no interpreter labelled {label} in {self.run_id}")

    def sample(self, label: str, variant: str, bench: str) -> Sample | None:
        """The values of one job, or None when it has none."""
        return self.samples.get((label, variant, bench))

    @property
    def unit(self) -> str:
        """The unit every value is in."""
        units = {sample.unit for sample in self.samples.values()}
        return units.pop() if len(units) == 1 else "second"


def run_id_of(folder: Path) -> str:
    """The run's id: its folder name, or the report folder's name for a report's ``raw/``."""
    folder = folder.resolve()
    return folder.parent.name if folder.name == RAW else folder.name


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path} is missing: not a bench run folder") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not valid JSON ({exc})") from None


def _interpreters(plan: dict[str, Any]) -> list[InterpreterInfo]:
    found = []
    for entry in plan.get("interpreters", []):
        version = entry.get("full_version") or ".".join(str(v) for v in entry["version"])
        found.append(
            InterpreterInfo(
                label=entry["label"],
                implementation=entry["implementation"],
                full_version=str(version),
                jit=entry.get("jit"),
                variant_of=entry.get("variant_of"),
            )
        )
    return found


def _max_rss(bench: pyperf.Benchmark) -> int | None:
    peaks = [run.get_metadata().get("mem_max_rss") for run in bench.get_runs()]
    known = [int(peak) for peak in peaks if peak is not None]
    return max(known) if known else None


def _load_file(
    path: Path, suite_hash: str
) -> tuple[list[tuple[tuple[str, str, str], Sample]], dict[str, Any]]:
    """The samples of one result file, and the metadata all its benchmarks share."""
    try:
        suite = pyperf.BenchmarkSuite.load(str(path))
    except Exception as exc:  # pyperf raises anything from KeyError to ValueError
        raise ReportError(f"{path.name}: not a pyperf result file ({exc})") from None
    match = _RESULT_NAME.match(path.name)
    if match and match["hash"] != suite_hash:
        raise ReportError(_mixed(path.name, match["hash"], suite_hash))
    loaded = []
    for bench in suite.get_benchmarks():
        meta = bench.get_metadata()
        label, variant = meta.get("legacylift_label"), meta.get("legacylift_variant")
        if not label or variant not in VARIANTS:
            raise ReportError(f"{path.name}: {bench.get_name()} has no legacylift_label/variant")
        found_hash = str(meta.get("legacylift_suite_hash", ""))
        if found_hash != suite_hash:
            raise ReportError(_mixed(f"{path.name} ({bench.get_name()})", found_hash, suite_hash))
        sample = Sample(
            values=tuple(float(v) for v in bench.get_values()),
            unit=str(bench.get_unit()),
            max_rss=_max_rss(bench),
            description=str(meta.get("description", "")),
        )
        if sample.values:
            loaded.append(((str(label), str(variant), bench.get_name()), sample))
    return loaded, _common_metadata(suite)


def _mixed(what: str, found: str, expected: str) -> str:
    return (
        f"{what} was measured on suite {found or '(unknown)'}, but this run is suite "
        f"{expected}: results of different suites are never compared; report each run "
        "separately"
    )


def result_files(folder: Path) -> list[Path]:
    """The pyperf result files of a run folder, sorted by name."""
    return sorted(path for path in folder.glob("*.json") if path.name not in NOT_RESULTS)


def load_run(folder: Path) -> Run:
    """Read a run folder (or a report's ``raw/`` copy of one)."""
    plan = _read_json(folder / RUN_FILE)
    if "suite_hash" not in plan:
        raise ReportError(f"{folder / RUN_FILE} has no suite_hash")
    raw_status = _read_json(folder / STATUS_FILE) if (folder / STATUS_FILE).exists() else {}
    status = {
        key: Job(str(v.get("state", "")), str(v.get("detail", ""))) for key, v in raw_status.items()
    }
    files = result_files(folder)
    samples: dict[tuple[str, str, str], Sample] = {}
    metadata: dict[str, dict[str, Any]] = {}
    for path in files:
        loaded, metadata[path.name] = _load_file(path, str(plan["suite_hash"]))
        for key, sample in loaded:
            if key in samples:
                raise ReportError(f"{path.name}: {'/'.join(key)} appears in two result files")
            samples[key] = sample
    if len({sample.unit for sample in samples.values()}) > 1:
        raise ReportError(f"{folder}: results mix units (time and memory); rerun one way")
    interpreters = _interpreters(plan)
    known = {interp.label for interp in interpreters}
    for label in sorted({key[0] for key in samples} - known):  # a result run.json does not list
        interpreters.append(InterpreterInfo(label, "unknown", "?", None, None))
    benches = {key[2] for key in samples} | {key.split("/")[-1] for key in status}
    options = _read_json(folder / OPTIONS_FILE) if (folder / OPTIONS_FILE).exists() else {}
    return Run(
        folder=folder,
        # A report's raw/ remembers the id, whatever the report folder is called.
        run_id=str(options.get("run_id") or run_id_of(folder)),
        plan=plan,
        status=status,
        interpreters=interpreters,
        benchmarks=sorted(benches),
        samples=samples,
        metadata=metadata,
        files=files,
        options=options,
    )


def _common_metadata(suite: pyperf.BenchmarkSuite) -> dict[str, Any]:
    """The metadata every benchmark of a file shares (pyperf's environment description)."""
    metas = [bench.get_metadata() for bench in suite.get_benchmarks()]
    if not metas:
        return {}
    shared = set(metas[0]).intersection(*metas[1:])
    return {
        key: metas[0][key]
        for key in sorted(shared)
        if all(meta[key] == metas[0][key] for meta in metas)
    }
