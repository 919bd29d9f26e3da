"""The benchmark script (legacylift.perf), run for real on a three-file corpus; no network and
no timing asserted beyond what a shared machine keeps (concurrency, memory that was touched)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from legacylift import perf
from legacylift.differential import ToolError, Tools
from tests.test_differential import OLD, write_tree

needs_psutil = pytest.mark.skipif(perf.psutil is None, reason="psutil is not installed")

ALLOCATE = "data = b'x' * ({mb} * 2**20); import time; time.sleep({seconds})"


@pytest.fixture
def tools() -> Tools:
    try:
        return Tools.find()
    except ToolError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "old", OLD)


def test_measure_runs_commands_concurrently_and_reports_exit_codes() -> None:
    sleeper = [sys.executable, "-c", "import time, sys; time.sleep(1); print('done')"]
    failing = [sys.executable, "-c", "import sys; sys.exit(3)"]
    result = perf.measure([sleeper, sleeper, failing])
    assert result.returncodes == [0, 0, 3]
    assert result.outputs[0].strip() == "done"
    assert 1.0 <= result.seconds < 1.9, "two 1 s sleeps side by side take about 1 s"


@needs_psutil
def test_tree_peak_adds_up_processes_and_largest_does_not() -> None:
    child = ALLOCATE.format(mb=120, seconds=1.0)
    parent = (
        "import subprocess, sys; "
        f"child = subprocess.Popen([sys.executable, '-c', {child!r}]); "
        + ALLOCATE.format(mb=120, seconds=1.0)
        + "; child.wait()"
    )
    result = perf.measure([[sys.executable, "-c", parent]], interval=0.05)
    assert result.returncodes == [0]
    assert 120 <= result.largest_mb < 200, "one process held 120 MB at most"
    assert result.tree_peak_mb is not None
    assert result.tree_peak_mb >= 230, "both held 120 MB at the same time"


def test_largest_process_is_not_inflated_by_the_benchmark_itself() -> None:
    # A process's maxrss starts at the size of whatever forked it: the launcher is small.
    hog = b"x" * (200 * 2**20)
    result = perf.measure([[sys.executable, "-c", "pass"]])
    assert len(hog) and result.largest_mb < 100


SUMMARY = """\
codemod                    files changed    rewrites
-----------------------  ---------------  ----------
super_without_arguments                2           5
object_base_class                      1           1
future_imports                         0           0

skipped (left byte-identical):
  pkg/broken.py: cannot parse: line 3
  pkg/other.py: cannot parse: line 9

notes:
  pkg/gen.py: next() in a generator

12 files (345 lines), 3 changed, 2 skipped, in 0.52 s (23 files/s) for target 3.8
"""


def test_our_summary_parsed() -> None:
    assert perf.our_rewrites(SUMMARY) == 6
    assert perf.our_skips(SUMMARY) == [
        "  pkg/broken.py: cannot parse: line 3", "  pkg/other.py: cannot parse: line 9",
    ]  # fmt: skip
    cached = "12 files (345 lines), 0 changed, 0 skipped (12 up to date by the cache), in 0.01 s"
    assert perf.our_rewrites(cached) == 0
    assert perf.our_rewrites("Traceback (most recent call last):\n  ...") is None


def test_ruff_fixed_parsed() -> None:
    assert perf.ruff_fixed("Found 10 errors (8 fixed, 2 remaining).\n") == 8
    assert perf.ruff_fixed("All checks passed!\n") == 0


def test_main_on_a_small_corpus(
    tools: Tools, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "perf.json"
    argv = ["--corpus", str(corpus), "--scaling", "none", "--jobs", "1", "--json", str(out)]
    assert perf.main(argv) == 0
    printed = capsys.readouterr().out
    labels = ["(first run)", "(re-run)", "pyupgrade --py38-plus (1 process)",
              "pyupgrade --py38-plus (2 processes)", "issue 9's Django goals, here"]  # fmt: skip
    for label in labels:
        assert label in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    (figures,) = data["corpora"]
    runs = figures["runs"]
    assert figures["files"] == 3
    # The same rewrites however pyupgrade is split, on identical copies.
    assert runs["pyupgrade"]["files_changed"] == runs["pyupgrade_p"]["files_changed"] == 3
    assert runs["pyupgrade"]["rewrites"] == runs["pyupgrade_p"]["rewrites"] == 10
    # ruff's own count of what --fix applied, beside its safe fixes reported before.
    assert runs["ruff"]["rewrites"] >= 7 and runs["ruff"]["files_changed"] == 3
    assert "7 safe fixes reported" in runs["ruff"]["rewrites_as"]
    # A re-run on our own result changes nothing.
    assert runs["rerun"]["files_changed"] == 0 and runs["rerun"]["rewrites"] == 0
    assert isinstance(runs["ours"]["rewrites"], int)
    for key in ("ours", "rerun", "pyupgrade", "pyupgrade_p", "ruff"):
        assert runs[key]["failures"] == [], key
        assert runs[key]["best"] > 0 and runs[key]["largest_mb"][0] > 0
    assert data["scaling"] == []


def test_scaling_copies_the_corpus(tools: Tools, corpus: Path, tmp_path: Path) -> None:
    setup = perf.Setup(tools, (3, 8), 1, 1, tmp_path / "work")
    points = perf.bench_scaling(corpus, [1, 3], setup)
    assert [(point.copies, point.files) for point in points] == [(1, 3), (3, 9)]
    assert points[1].lines == 3 * points[0].lines
    assert points[1].pyupgrade.files_changed == 9
    assert "3x" in perf.scaling_table(points)
    assert not (tmp_path / "work" / "scaled-3x").exists(), "copies are removed"


def test_scaling_option() -> None:
    parser = perf.build_parser()
    assert parser.parse_args([]).scaling == [1, 2, 4]
    assert parser.parse_args(["--scaling", "4,1,2,2"]).scaling == [1, 2, 4]
    assert parser.parse_args(["--scaling", "none"]).scaling == []
    with pytest.raises(SystemExit):
        parser.parse_args(["--scaling", "0,2"])
