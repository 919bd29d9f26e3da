"""Write the fixed bench run under ``fixtures/`` that the report tests read.

Run once (``python tests/report/make_fixtures.py``) and commit the output: the tests read the
files, never this script, so the golden outputs stay fixed.  Three interpreters (a CPython 2.7
whose file mimics pyperf 1.7.1, a CPython 3.9 and its pyston-lite variant), three benchmarks,
unequal value counts, skipped cells and one failed cell.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyperf

HERE = Path(__file__).parent
RUN_ID = "20260102-030405-abc123def456"
SUITE = "abc123def456"
RUN = HERE / "fixtures" / RUN_ID
MACHINE = {
    "aslr": "Full randomization",
    "boot_time": "2026-01-02 01:00:00",
    "cpu_config": "0-3=driver:intel_pstate, intel_pstate:no turbo, governor:performance, "
    "isolated; idle:none",
    "cpu_count": 4,
    "cpu_freq": "0-3=3000 MHz",
    "cpu_model_name": "Fixture CPU @ 3.00GHz",
    "hostname": "fixture",
    "platform": "Linux-6.1.0-x86_64-with-glibc2.36",
    "unit": "second",
}
DESCRIPTIONS = {
    "nbody": "N-body simulation (float arithmetic)",
    "records": "Boilerplate-__init__ record objects",
    "py2_ledger": "Python 2 ledger",
}
UNPARSED = "cannot parse: Syntax Error @ 1:1. (line 1, column 0)"
TARGETS = "the after code targets Python 3.9+"
EXCLUDED = "requires-python >=2.7,<3 excludes {label}"
NO_COMPILE = (
    "does not compile on {label}: SyntaxError: invalid decimal literal (line 16) (modernize "
    "could not convert ledger.py: cannot parse: Syntax Error @ 1:1. (line 1, column 0))"
)

# (label, variant, benchmark) -> (mean seconds, relative std dev, processes, values per process)
PLAN: dict[tuple[str, str, str], tuple[float, float, int, int]] = {
    ("cpython-2.7", "before", "nbody"): (0.0140, 0.01, 5, 4),
    ("cpython-2.7", "before", "records"): (0.0300, 0.01, 5, 4),
    ("cpython-2.7", "before", "py2_ledger"): (0.0090, 0.01, 5, 3),
    ("cpython-3.9", "before", "nbody"): (0.0100, 0.01, 5, 4),
    ("cpython-3.9", "after", "nbody"): (0.0100, 0.01, 5, 3),  # unchanged, fewer values
    ("cpython-3.9", "before", "records"): (0.0200, 0.01, 5, 4),
    ("cpython-3.9", "after", "records"): (0.0180, 0.01, 4, 3),  # 10% faster, 12 values
    ("pyston-lite-3.9", "before", "nbody"): (0.0080, 0.02, 5, 4),
    ("pyston-lite-3.9", "after", "nbody"): (0.0080, 0.02, 5, 4),
    ("pyston-lite-3.9", "before", "records"): (0.0165, 0.02, 5, 4),
}
INTERPRETERS = [
    ("cpython-2.7", "cpython", "2.7.18", None, None, "1.7.1"),
    ("cpython-3.9", "cpython", "3.9.18", None, None, "2.10.0"),
    ("pyston-lite-3.9", "cpython", "3.9.18", "pyston-lite", "cpython-3.9", "2.10.0"),
]


def _values(key: tuple[str, str, str]) -> list[list[float]]:
    mean, rel, processes, per = PLAN[key]
    rng = np.random.default_rng(sum(ord(c) for c in "/".join(key)))
    return [
        [float(round(v, 9)) for v in rng.normal(mean, mean * rel, per)] for _ in range(processes)
    ]


def _metadata(label: str, variant: str, version: str, jit: str | None, perf: str) -> dict[str, Any]:
    return {
        **MACHINE,
        "legacylift_jit": jit or "none",
        "legacylift_label": label,
        "legacylift_preset": "default",
        "legacylift_suite_hash": SUITE,
        "legacylift_variant": variant,
        "legacylift_version": "0.1.0",
        "perf_version": perf,
        "python_implementation": "cpython",
        "python_version": f"{version} (64-bit)",
        **({"timer": "time.time()"} if version.startswith("2.") else {}),
    }


def _run_dict(values: list[float], index: int) -> dict[str, Any]:
    return {
        "metadata": {
            "date": f"2026-01-02 03:04:{index:02d}.000000",
            "duration": 0.5,
            "mem_max_rss": 20_000_000 + 4096 * index,
        },
        "values": values,
        "warmups": [[1, values[0]]],
    }


def _write_py27(path: Path, label: str, version: str, keys: list[tuple[str, str, str]]) -> None:
    """pyperf 1.7.1's layout: compact JSON, the shared metadata at the top."""
    benchmarks = []
    for key in keys:
        runs = [_run_dict(values, i) for i, values in enumerate(_values(key))]
        meta = {"description": DESCRIPTIONS[key[2]], "loops": 4, "name": key[2]}
        benchmarks.append({"metadata": meta, "runs": runs})
    data = {
        "benchmarks": benchmarks,
        "metadata": _metadata(label, "before", version, None, "1.7.1"),
        "version": "1.0",
    }
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _write_pyperf(path: Path, keys: list[tuple[str, str, str]], meta: dict[str, Any]) -> None:
    benches = []
    for key in keys:
        runs = [
            pyperf.Run(
                values,
                warmups=[(1, values[0])],
                collect_metadata=False,
                metadata={
                    "name": key[2],
                    "loops": 4,
                    "description": DESCRIPTIONS[key[2]],
                    "date": f"2026-01-02 03:04:{i:02d}.000000",
                    "mem_max_rss": 30_000_000 + 4096 * i,
                    **meta,
                },
            )
            for i, values in enumerate(_values(key))
        ]
        benches.append(pyperf.Benchmark(runs))
    pyperf.BenchmarkSuite(benches).dump(str(path), replace=True)


def _status() -> dict[str, dict[str, Any]]:
    status = {}
    for label, *_ in INTERPRETERS:
        for variant in ("before", "after"):
            for bench in DESCRIPTIONS:
                key = f"{label}/{variant}/{bench}"
                if (label, variant, bench) in PLAN:
                    status[key] = {"state": "ok", "detail": "", "seconds": 1.5}
                elif label == "cpython-2.7":
                    status[key] = {"state": "skipped", "detail": TARGETS, "seconds": 0.0}
                elif bench == "py2_ledger":
                    detail = (EXCLUDED if variant == "before" else NO_COMPILE).format(label=label)
                    status[key] = {"state": "skipped", "detail": detail, "seconds": 0.0}
                else:
                    status[key] = {
                        "state": "failed",
                        "detail": "timed out after 600 s",
                        "seconds": 600.0,
                    }
    return dict(sorted(status.items()))


def main() -> None:
    """Write the fixture run folder."""
    RUN.mkdir(parents=True, exist_ok=True)
    interpreters = []
    for label, impl, version, jit, variant_of, perf in INTERPRETERS:
        interpreters.append(
            {
                "path": f"/opt/python/{version}/bin/python",
                "implementation": impl,
                "version": [int(p) for p in version.split(".")],
                "full_version": version,
                "jit": jit,
                "label": label,
                "variant_of": variant_of,
            }
        )
        family = "pyston-lite" if jit == "pyston-lite" else impl
        for variant in ("before", "after"):
            keys = [k for k in PLAN if k[0] == label and k[1] == variant]
            if not keys:
                continue
            path = RUN / f"{family}-{version}-{variant}-20260102-{SUITE}.json"
            if version.startswith("2."):
                _write_py27(path, label, version, keys)
            else:
                _write_pyperf(path, keys, _metadata(label, variant, version, jit, perf))
    plan = {
        "suite_hash": SUITE,
        "suite": "benchmarks",
        "code": None,
        "preset": "default",
        "pyperf": [5, 4, 1, 0.1],
        "target": [3, 9],
        "interpreters": interpreters,
        "modernize_rewrites": 12,
        "unconverted": {
            f".bench/runs/{RUN_ID}/variants/after/suite/bm_py2_ledger/ledger.py": UNPARSED
        },
    }
    (RUN / "run.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")
    (RUN / "status.json").write_text(json.dumps(_status(), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
