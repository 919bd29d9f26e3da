"""Result files: naming, merging one benchmark at a time, and the run's status ledger.

Each (interpreter, variant) pair gets one pyperf suite file that ``python -m pyperf compare_to``
reads.  Benchmarks are merged into it one at a time with pyperf's own API and an atomic
replace, so an interrupted run loses at most the benchmark that was running.  ``status.json``
records every job's outcome (ok, failed with its error, skipped with its reason); ``--resume``
reads it to skip what is done.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyperf

STATUS = "status.json"


@dataclass(frozen=True)
class JobStatus:
    """How one (interpreter, variant, benchmark) job ended."""

    state: str  # "ok", "failed" or "skipped"
    detail: str = ""
    seconds: float = 0.0


def result_name(family: str, version: str, variant: str, date: str, suite: str) -> str:
    """``cpython-3.11.7-before-20261121-1a2b3c4d5e6f.json``: sorts by interpreter, then variant."""
    return f"{family}-{version}-{variant}-{date}-{suite}.json"


def _atomic_write(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


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
    _atomic_write(suite_file, lambda tmp: suite.dump(tmp, replace=True))


def load_status(folder: Path) -> dict[str, JobStatus]:
    """The ledger of a run folder (empty for a new run)."""
    path = folder / STATUS
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: JobStatus(**value) for key, value in raw.items()}


def save_status(folder: Path, status: Mapping[str, JobStatus]) -> None:
    """Write the ledger atomically (it is rewritten after every job)."""
    text = json.dumps({k: asdict(v) for k, v in sorted(status.items())}, indent=1)
    _atomic_write(folder / STATUS, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
