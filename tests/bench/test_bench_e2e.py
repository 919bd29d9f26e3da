"""`legacylift bench` end to end: real environments, two interpreters, two benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from legacylift.bench.interpreters import discover_interpreters

ROOT = Path(__file__).resolve().parents[2]
WORKDIR = ROOT / ".bench"  # environments are reused across test runs


def two_interpreters() -> list[str]:
    found = {i.label for i in discover_interpreters(sources=("pyenv",)).found}
    wanted = [label for label in ("cpython-2.7", "cpython-3.11", "cpython-3.12") if label in found]
    if len(wanted) < 2:
        pytest.skip("needs two of pyenv's CPython 2.7, 3.11, 3.12")
    return wanted[:2]


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacylift", "bench", "--workdir", str(WORKDIR), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip


def test_smoke_run_then_resume(tmp_path: Path) -> None:
    labels = two_interpreters()
    run = tmp_path / "run"
    common = ["--smoke", "--only", ",".join(labels), "--benchmarks", "nbody,records"]
    first = bench(*common, "--results", str(run))
    assert first.returncode == 0, first.stderr
    status = json.loads((run / "status.json").read_text())
    assert len(status) == 2 * 2 * 2  # interpreters x variants x benchmarks
    for label in labels:
        assert status[f"{label}/before/nbody"]["state"] == "ok"
    if "cpython-2.7" in labels:
        assert status["cpython-2.7/after/nbody"] == {
            "state": "skipped", "detail": "the after code targets Python 3.11+", "seconds": 0.0,
        }  # fmt: skip
    files = sorted(p.name for p in run.glob("*.json") if p.name.startswith("cpython-"))
    assert files and all(
        name.endswith(f"-{json.loads((run / 'run.json').read_text())['suite_hash']}.json")
        for name in files
    )
    befores = sorted(str(p) for p in run.glob("cpython-*-before-*.json"))
    compared = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", *befores],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "nbody" in compared.stdout and "records" in compared.stdout

    # Forget one result: --resume runs that job only.
    del status[f"{labels[-1]}/before/records"]
    (run / "status.json").write_text(json.dumps(status))
    again = bench(*common, "--resume", str(run))
    assert again.returncode == 0, again.stderr
    assert "[  1/1]" in again.stderr and "records" in again.stderr
    assert (
        json.loads((run / "status.json").read_text())[f"{labels[-1]}/before/records"]["state"]
        == "ok"
    )


def test_users_code_and_plain_pyperf_scripts(tmp_path: Path) -> None:
    found = {i.label for i in discover_interpreters(sources=("pyenv",)).found}
    if "cpython-3.11" not in found:
        pytest.skip("needs pyenv's CPython 3.11")
    code, suite, run = tmp_path / "code", tmp_path / "perf", tmp_path / "run"
    code.mkdir()
    suite.mkdir()
    (code / "shapes.py").write_text(
        "class Box(object):\n"
        "    def __init__(self, width, height=1):\n"
        "        self.width = width\n"
        "        self.height = height\n"
    )
    (suite / "bench_area.py").write_text(
        "import pyperf\nimport shapes\n\n"
        "def area(n):\n    return sum(shapes.Box(i, 2).width for i in range(n))\n\n"
        "pyperf.Runner().bench_func('area', area, 1000)\n"
    )
    done = bench("--smoke", "--only", "cpython-3.11", "--code", str(code), "--suite", str(suite),
                 "--results", str(run))  # fmt: skip
    assert done.returncode == 0, done.stderr
    status = json.loads((run / "status.json").read_text())
    assert {key: job["state"] for key, job in status.items()} == {
        "cpython-3.11/before/bench_area": "ok",
        "cpython-3.11/after/bench_area": "ok",
    }
    after = (run / "variants" / "after" / "code" / "shapes.py").read_text()
    assert "@dataclass(eq=False, repr=False)" in after
    assert "__init__" in (run / "variants" / "before" / "code" / "shapes.py").read_text()
    assert (code / "shapes.py").read_text().count("__init__") == 1, "the user's tree is untouched"
