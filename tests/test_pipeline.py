"""The main job end to end: bench before/after on two interpreters, then the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legacylift.bench.interpreters import discover_interpreters

ROOT = Path(__file__).resolve().parent.parent


def test_pipeline_writes_a_report_and_says_where(tmp_path: Path) -> None:
    found = {i.label for i in discover_interpreters(sources=("pyenv",)).found}
    labels = [label for label in ("cpython-2.7", "cpython-3.11") if label in found]
    if len(labels) < 2:
        pytest.skip("needs pyenv's CPython 2.7 and 3.11")
    done = subprocess.run(
        [sys.executable, "-m", "legacylift", "pipeline", "--smoke", "--only", ",".join(labels),
         "--benchmarks", "nbody,records", "--suite", str(ROOT / "benchmarks"),
         "--workdir", str(ROOT / ".bench"), "--results", str(tmp_path / "run")],
        capture_output=True, text=True, cwd=tmp_path, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = tmp_path / "reports" / "run" / "README.md"
    assert f"report: {report.relative_to(tmp_path)}" in done.stderr
    text = report.read_text()
    assert "cpython-2.7" in text and "cpython-3.11" in text
    assert "the after code targets Python 3.11+" in text
    assert (tmp_path / "reports" / "README.md").exists(), "the index is updated"
    assert sorted(p.name for p in (tmp_path / "reports" / "run" / "raw").glob("cpython-*.json"))
