"""Sanity checks for the bundled benchmark suite in ``benchmarks/``.

These tests never time anything and never run pyperf.  They check the
suite's layout and metadata and run each workload once to check its
answer: in-process for the benchmarks that work on both Python 2 and 3,
and in a single Python 2.7 subprocess (when pyenv has a 2.7) for all of
them.
"""

from __future__ import annotations

import ast
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - depends on the interpreter running the tests
    import tomli as tomllib

REPO_ROOT = Path(__file__).resolve().parents[2]
SUITE_DIR = REPO_ROOT / "benchmarks"
MANIFEST = SUITE_DIR / "MANIFEST"
KINDS = ("idiom", "cpu")


def read_manifest(path: Path) -> list[str]:
    """Names listed in the ``[benchmarks]`` section of a pyperformance MANIFEST."""
    names: list[str] = []
    section = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section != "benchmarks":
            continue
        fields = raw.split("\t")
        assert len(fields) == 2, f"MANIFEST line is not 'name<TAB>metafile': {raw!r}"
        name, metafile = (field.strip() for field in fields)
        if (name, metafile) == ("name", "metafile"):
            continue
        assert metafile == "<local>", f"{name}: unexpected metafile {metafile!r}"
        names.append(name)
    return names


def load_pyproject(name: str) -> dict:
    with open(SUITE_DIR / f"bm_{name}" / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def is_py2_only(meta: dict) -> bool:
    return "<3" in meta["project"]["requires-python"].replace(" ", "")


BENCHMARKS = read_manifest(MANIFEST) if MANIFEST.exists() else []
META = {name: load_pyproject(name) for name in BENCHMARKS}
PORTABLE = [name for name in BENCHMARKS if not is_py2_only(META[name])]
PY2_ONLY = [name for name in BENCHMARKS if is_py2_only(META[name])]


def bench_dir(name: str) -> Path:
    return SUITE_DIR / f"bm_{name}"


def workload_files(name: str) -> list[Path]:
    return sorted(p for p in bench_dir(name).glob("*.py") if p.name != "run_benchmark.py")


# --------------------------------------------------------------------------- layout


def test_manifest_lists_exactly_the_benchmark_folders():
    folders = sorted(p.name[len("bm_") :] for p in SUITE_DIR.glob("bm_*") if p.is_dir())
    assert BENCHMARKS, "benchmarks/MANIFEST is missing or lists nothing"
    assert len(BENCHMARKS) == len(set(BENCHMARKS)), "duplicate names in MANIFEST"
    assert sorted(BENCHMARKS) == folders


def test_suite_composition():
    kinds = [META[name]["tool"]["legacylift"]["kind"] for name in BENCHMARKS]
    assert len(BENCHMARKS) >= 12
    assert kinds.count("idiom") >= 6
    assert kinds.count("cpu") >= 6
    assert len(PY2_ONLY) >= 2


def test_workload_module_names_are_unique():
    # run_benchmark.py puts its own folder first on sys.path and imports the
    # workload by its bare name; distinct names keep the benchmarks from
    # shadowing each other (or the stdlib) when imported in one process.
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | {"parser", "formatter"}
    seen: dict[str, str] = {}
    for name in BENCHMARKS:
        for path in workload_files(name):
            assert path.stem not in seen, f"{path.stem} used by {seen.get(path.stem)} and {name}"
            assert path.stem not in stdlib, f"{name}: {path.stem} shadows a stdlib module"
            seen[path.stem] = name


@pytest.mark.parametrize("name", BENCHMARKS)
def test_pyproject_metadata(name):
    meta = META[name]
    project = meta["project"]
    assert project["name"] == f"bm_{name}"
    assert project["version"] == "1.0"
    assert project["requires-python"] in (">=2.7", ">=2.7,<3")
    assert project["dependencies"] == ["pyperf"]
    assert meta["tool"]["pyperformance"]["name"] == name
    legacylift = meta["tool"]["legacylift"]
    assert legacylift["kind"] in KINDS
    idioms = legacylift["idioms"]
    assert isinstance(idioms, list) and idioms
    assert all(isinstance(i, str) and i == i.strip().lower() and " " not in i for i in idioms)
    assert len(idioms) == len(set(idioms))


@pytest.mark.parametrize("name", BENCHMARKS)
def test_run_benchmark_script_shape(name):
    path = bench_dir(name) / "run_benchmark.py"
    assert path.is_file()
    assert workload_files(name), f"{name} has no workload module next to run_benchmark.py"
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)  # the runner itself stays Python 2/3 neutral
    assert "sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))" in source
    assert 'runner.metadata["description"]' in source
    assert source.count("pyperf.Runner(") == 1
    funcs = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "check_result" in funcs
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "bench_func"
    ]
    assert len(calls) == 1
    first = calls[0].args[0]
    assert isinstance(first, ast.Constant) and first.value == name
    imported = {
        alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names
    }
    assert {p.stem for p in workload_files(name)} <= imported


# ------------------------------------------------------------- running workloads


def load_runner(name: str):
    """Import bm_<name>/run_benchmark.py (which imports its workload) as a module."""
    path = bench_dir(name) / "run_benchmark.py"
    spec = importlib.util.spec_from_file_location(f"_legacylift_bm_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def isolated_import(monkeypatch):
    """Undo what importing a benchmark does to sys.path and sys.modules."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = set(sys.modules)
    yield
    for mod in set(sys.modules) - before:
        del sys.modules[mod]


@pytest.mark.parametrize("name", PORTABLE)
def test_workload_checksum(name, isolated_import):
    runner = load_runner(name)
    result = runner.check_result()
    if isinstance(runner.EXPECTED, tuple) and hasattr(runner, "TOLERANCE"):
        assert result == pytest.approx(runner.EXPECTED, abs=runner.TOLERANCE)
    else:
        assert result == runner.EXPECTED


def test_check_result_rejects_a_wrong_answer(isolated_import, monkeypatch):
    runner = load_runner("stackvm")
    real = runner.stackvm.bench_stackvm
    monkeypatch.setattr(runner.stackvm, "bench_stackvm", lambda *a: (*real(*a)[:-1], 0))
    with pytest.raises(RuntimeError, match=r"stackvm.*broken"):
        runner.check_result()


@pytest.mark.parametrize("name", PORTABLE)
def test_portable_benchmarks_compile_on_python3(name):
    for path in bench_dir(name).glob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize("name", PY2_ONLY)
def test_py2_only_workloads_do_not_compile_on_python3(name):
    for path in workload_files(name):
        with pytest.raises(SyntaxError):
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


# ------------------------------------------------------------------ Python 2.7


PY27_SCRIPT = r"""
import imp, json, os, sys, traceback
sys.dont_write_bytecode = True
suite, names = sys.argv[1], sys.argv[2:]
report = {"compile": {}, "check": {}}
for name in names:
    folder = os.path.join(suite, "bm_" + name)
    for fname in sorted(os.listdir(folder)):
        if fname.endswith(".py"):
            path = os.path.join(folder, fname)
            try:
                compile(open(path).read(), path, "exec")
                report["compile"][path] = None
            except SyntaxError as exc:
                report["compile"][path] = "%s: %s" % (exc.__class__.__name__, exc)
for name in names:
    saved = list(sys.path)
    try:
        script = os.path.join(suite, "bm_" + name, "run_benchmark.py")
        module = imp.load_source("_bm_" + name, script)
        module.check_result()
        report["check"][name] = None
    except Exception:
        report["check"][name] = traceback.format_exc()
    sys.path[:] = saved
sys.stdout.write(json.dumps(report))
"""


def find_python27() -> str | None:
    root = os.environ.get("PYENV_ROOT")
    if not root and shutil.which("pyenv"):
        try:
            root = subprocess.run(
                ["pyenv", "root"], capture_output=True, text=True, timeout=30, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            root = None
    if not root:
        root = os.path.expanduser("~/.pyenv")
    candidates = sorted(glob.glob(os.path.join(root, "versions", "2.7*", "bin", "python")))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="module")
def py27_report():
    python = find_python27()
    if python is None:
        pytest.skip("no Python 2.7 under $(pyenv root)/versions/2.7*/bin/python")
    proc = subprocess.run(
        [python, "-B", "-c", PY27_SCRIPT, str(SUITE_DIR), *BENCHMARKS],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_benchmark_file_compiles_on_python27(py27_report):
    expected = {str(p) for name in BENCHMARKS for p in bench_dir(name).glob("*.py")}
    assert set(py27_report["compile"]) == expected
    failures = {path: err for path, err in py27_report["compile"].items() if err}
    assert not failures


@pytest.mark.parametrize("name", BENCHMARKS)
def test_workload_checksum_on_python27(name, py27_report):
    assert py27_report["check"][name] is None, py27_report["check"][name]
