"""The bench runner's pieces, on tiny suites made for the test (no environments built)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from legacylift.bench.interpreters import Interpreter
from legacylift.bench.results import JobStatus, load_status, merge_result, save_status
from legacylift.bench.run import Job, Options, RunPlan, compile_errors, execute, run_job, why_not
from legacylift.bench.suite import Benchmark, SuiteError, load_suite, tree_hash
from legacylift.bench.variants import Variant, prepare

BUNDLED = Path(__file__).resolve().parents[2] / "benchmarks"

SCRIPT = """\
import pyperf
runner = pyperf.Runner()
runner.bench_func({name!r}, sum, range(100))
"""


def interp(label: str = "cpython-3.11", version: tuple[int, int, int] = (3, 11, 7)) -> Interpreter:
    return Interpreter(path=sys.executable, implementation="cpython", version=version,
                       jit=None, label=label)  # fmt: skip


def plain_suite(tmp_path: Path, **scripts: str) -> Path:
    suite = tmp_path / "suite"
    suite.mkdir()
    for name, body in scripts.items():
        (suite / f"{name}.py").write_text(textwrap.dedent(body))
    return suite


def test_bundled_manifest_loads_with_requires_python() -> None:
    benchmarks = {bench.name: bench for bench in load_suite(BUNDLED)}
    assert len(benchmarks) >= 12
    assert benchmarks["nbody"].runs_on((2, 7, 18)) and benchmarks["nbody"].runs_on((3, 13, 0))
    assert benchmarks["sudoku_py2"].runs_on((2, 7, 18))
    assert not benchmarks["sudoku_py2"].runs_on((3, 8, 18))


def test_plain_scripts_folder_and_errors(tmp_path: Path) -> None:
    suite = plain_suite(tmp_path, alpha=SCRIPT.format(name="alpha"), beta="pass\n")
    assert [b.name for b in load_suite(suite)] == ["alpha", "beta"]
    with pytest.raises(SuiteError, match="no benchmarks"):
        load_suite(tmp_path / "suite" / "..")  # the tmp folder holds only a folder
    (suite / "MANIFEST").write_text("[benchmarks]\n\nname\tmetafile\nmissing\t<local>\n")
    with pytest.raises(SuiteError, match="MANIFEST lists missing"):
        load_suite(suite)


def test_tree_hash_changes_with_content_not_caches(tmp_path: Path) -> None:
    suite = plain_suite(tmp_path, alpha="x = 1\n")
    first = tree_hash(suite)
    (suite / "__pycache__").mkdir()
    (suite / "__pycache__" / "alpha.cpython-311.pyc").write_bytes(b"junk")
    assert tree_hash(suite) == first
    (suite / "alpha.py").write_text("x = 2\n")
    assert tree_hash(suite) != first


def test_variants_modernize_after_and_record_py2(tmp_path: Path) -> None:
    suite = plain_suite(
        tmp_path,
        modern="import pdb\ndef f():\n    pdb.set_trace()\n",
        legacy="import pdb\nprint 'hello'\npdb.set_trace()\n",
        stuck="async = 1\nprint 'Python 3 keywords as names cannot be lifted'\n",
    )
    variants = prepare(suite, None, tmp_path / "work", (3, 8))
    assert "pdb.set_trace()" in (variants["before"].suite / "modern.py").read_text()
    assert "breakpoint()" in (variants["after"].suite / "modern.py").read_text()
    assert (variants["after"].suite / "legacy.py").read_text() == "print('hello')\nbreakpoint()\n"
    assert variants["after"].rewrites == 3  # two set_trace calls and one print statement
    [(path, reason)] = variants["after"].unconverted.items()
    assert path.endswith("stuck.py") and reason.startswith("cannot parse")
    python2 = interp("cpython-2.7", (2, 7, 18))
    errors = compile_errors(sys.executable, variants["after"], load_suite(suite))
    job = Job(interp(), variants["after"], Benchmark("stuck", "stuck.py"))
    reason = why_not(job, errors) or ""
    assert reason.startswith("does not compile on cpython-3.11: SyntaxError")
    assert "(modernize could not convert stuck.py: cannot parse" in reason
    for name in ("modern", "legacy"):
        job = Job(interp(), variants["after"], Benchmark(name, f"{name}.py"))
        assert why_not(job, errors) is None, "a neighbour's error is not this benchmark's"
    assert why_not(Job(python2, variants["after"], Benchmark("modern", "modern.py")), {}) == (
        "the after code targets Python 3.8+"
    )


def test_requires_python_skips_before_variant(tmp_path: Path) -> None:
    variant = Variant("before", tmp_path, None)
    bench = Benchmark("old", "bm_old/run_benchmark.py", ">=2.7,<3")
    assert why_not(Job(interp(), variant, bench), {}) == (
        "requires-python >=2.7,<3 excludes cpython-3.11"
    )


def test_identical_pyperf_settings_for_every_interpreter() -> None:
    args = Options("fast").pyperf_args()
    assert args[:6] == ["-p", "3", "-n", "3", "-w", "1"]
    assert "--track-memory" in Options("fast", track_memory=True).pyperf_args()


def test_crash_and_hang_are_recorded_not_raised(tmp_path: Path) -> None:
    suite = plain_suite(
        tmp_path,
        crash="raise SystemExit('the workload broke')\n",
        hang="import time\ntime.sleep(60)\n",
    )
    variant = Variant("before", suite, None)
    crash = Job(interp(), variant, Benchmark("crash", "crash.py"))
    output, failure = run_job(crash, sys.executable, Options("smoke"), tmp_path)
    assert output is None and failure == "exit status 1: the workload broke"
    hang = Job(interp(), variant, Benchmark("hang", "hang.py"))
    output, failure = run_job(hang, sys.executable, Options("smoke", timeout=1), tmp_path)
    assert output is None and failure == "timed out after 1 s"


def test_execute_merges_results_tags_metadata_and_resumes(tmp_path: Path) -> None:
    suite = plain_suite(tmp_path, alpha=SCRIPT.format(name="alpha"),
                        beta=SCRIPT.format(name="beta"), crash="raise SystemExit(3)\n")  # fmt: skip
    variant = Variant("before", suite, None)
    jobs = [Job(interp(), variant, bench) for bench in load_suite(suite)]
    folder = tmp_path / "run"
    folder.mkdir()
    plan = RunPlan(folder, jobs, {"cpython-3.11": sys.executable}, Options("smoke"), "abc123")
    status = execute(plan, {("cpython-3.11", "before"): {}})
    assert [status[j.key].state for j in jobs] == ["ok", "ok", "failed"]
    [result] = folder.glob("cpython-3.11.7-before-*-abc123.json")
    data = json.loads(result.read_text())
    assert sorted(b["metadata"]["name"] for b in data["benchmarks"]) == ["alpha", "beta"]
    assert data["metadata"]["legacylift_label"] == "cpython-3.11"
    assert data["metadata"]["legacylift_suite_hash"] == "abc123"
    shown = subprocess.run([sys.executable, "-m", "pyperf", "show", str(result)],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "alpha" in shown and "beta" in shown
    # A resumed run does nothing for recorded jobs.
    before = result.read_bytes()
    assert execute(plan, {("cpython-3.11", "before"): {}}) == status
    assert result.read_bytes() == before


def test_merge_replaces_a_rerun_and_status_roundtrip(tmp_path: Path) -> None:
    suite = plain_suite(tmp_path, alpha=SCRIPT.format(name="alpha"))
    job = Job(interp(), Variant("before", suite, None), Benchmark("alpha", "alpha.py"))
    target = tmp_path / "suite.json"
    for _ in range(2):
        output, _failure = run_job(job, sys.executable, Options("smoke"), tmp_path)
        assert output is not None
        merge_result(target, output, {"legacylift_variant": "before"})
    assert len(json.loads(target.read_text())["benchmarks"]) == 1
    save_status(tmp_path, {"a/b/c": JobStatus("ok", "", 1.5)})
    assert load_status(tmp_path) == {"a/b/c": JobStatus("ok", "", 1.5)}


def test_track_memory_records_bytes(tmp_path: Path) -> None:
    suite = plain_suite(tmp_path, alpha=SCRIPT.format(name="alpha"))
    job = Job(interp(), Variant("before", suite, None), Benchmark("alpha", "alpha.py"))
    output, failure = run_job(job, sys.executable, Options("smoke", track_memory=True), tmp_path)
    assert output is not None, failure
    data = json.loads(output.read_text())
    assert data["metadata"]["unit"] == "byte"
    assert all(
        value > 1_000_000
        for run in data["benchmarks"][0]["runs"]
        for value in run.get("values", [])
    )
