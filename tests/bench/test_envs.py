"""Benchmark environments: the committed locks, and real environments built from them.

The environment tests build real venvs with pyenv's interpreters (and Debian's pypy3) and
need pip to reach the package index; each is skipped when its interpreter is missing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legacylift.bench import envs, locks
from legacylift.bench.envs import EnvError, ensure_env, marker_environment, pinned_versions
from legacylift.bench.interpreters import Interpreter, probe, pyenv_root

LOCK_FILES = sorted(locks.LOCKS_DIR.glob("*.txt"))
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")


# --------------------------------------------------------------------------- helpers


def entries(text: str) -> list[str]:
    """The requirement entries of a lock file, each with its continuation lines joined."""
    logical, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            logical.append(current.strip())
            current = ""
    return logical


def interpreter(path: str, implementation: str, jit: str | None = None) -> Interpreter:
    """An Interpreter as discovery would describe ``path`` (labels: cpython-3.11, pypy-3.9)."""
    result = probe(path)
    major, minor, _ = result.version
    return Interpreter(
        path=result.executable or path,
        implementation=implementation,
        version=result.version,
        jit=jit,
        label=f"{implementation}-{major}.{minor}",
        probe=result,
    )


def cpython(series: str) -> Interpreter:
    """pyenv's newest CPython ``series``, or skip the test."""
    found = sorted((pyenv_root() / "versions").glob(f"{series}.*/bin/python"))
    if not found:
        pytest.skip(f"pyenv has no CPython {series}")
    return interpreter(str(found[-1]), "cpython")


def pyston_lite(series: str) -> Interpreter:
    """The pyston-lite variant of pyenv's CPython ``series``, as discovery makes it."""
    base = cpython(series)
    return dataclasses.replace(
        base,
        jit="pyston-lite",
        label=f"pyston-lite-{series}",
        variant_of=base.label,
        requirements=("pyston_lite_autoload",),
    )


def fake(implementation: str, version: tuple[int, int, int], jit: str | None = None) -> Interpreter:
    """An Interpreter that is never run (for tests that stop before any process starts)."""
    label = f"{implementation}-{version[0]}.{version[1]}"
    return Interpreter("/nonexistent/python", implementation, version, jit, label)


def run_in(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, env=env, check=False
    )


def imported_version(python: Path, module: str) -> str:
    completed = run_in(python, f"import {module}; print({module}.__version__)")
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def lock_pin(lock: str, name: str, target: Interpreter) -> str:
    text = (locks.LOCKS_DIR / lock).read_text(encoding="utf-8")
    (version,) = pinned_versions(text, name, marker_environment(target))
    return version


@pytest.fixture
def lock_copy(tmp_path: Path) -> Path:
    """A writable copy of requirements/bench."""
    copy = tmp_path / "locks"
    shutil.copytree(locks.LOCKS_DIR, copy)
    return copy


# --------------------------------------------------------------------------- the lock files


def test_every_family_has_its_lock() -> None:
    names = {path.name for path in LOCK_FILES}
    needed = {lock for plan in envs.PLANS.values() for lock in plan.locks}
    assert needed <= names
    for path in LOCK_FILES:
        assert path.with_suffix(".in").exists(), f"{path.name} has no .in"


@pytest.mark.parametrize("path", LOCK_FILES, ids=lambda path: path.name)
def test_every_requirement_is_pinned_with_a_hash(path: Path) -> None:
    found = entries(path.read_text(encoding="utf-8"))
    assert found
    for entry in found:
        assert re.match(r"^[A-Za-z0-9._-]+==\S+", entry), entry
        assert HASH.search(entry), f"{path.name}: no hash: {entry}"


@pytest.mark.parametrize("path", LOCK_FILES, ids=lambda path: path.name)
def test_no_index_or_url_in_locks(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "://" not in text
    assert locks.urls_in(text) == []


@pytest.mark.parametrize("path", LOCK_FILES, ids=lambda path: path.name)
def test_lock_opens_with_its_sources_header(path: Path) -> None:
    header = locks.header(path.with_suffix(".in"))
    assert header
    assert path.read_text(encoding="utf-8").startswith(header)


def test_py27_pins_the_last_pyperf_for_python2() -> None:
    text = (locks.LOCKS_DIR / "py27.txt").read_text(encoding="utf-8")
    pins = dict(locks.read_pins(locks.LOCKS_DIR / "py27.in"))
    assert pins["pyperf"] == "1.7.1"
    assert {"six", "statistics", "docutils"} <= set(pins)
    for name, version in pins.items():
        assert pinned_versions(text, name, None) == [version]


def test_py3_pins_pyperf_per_python_version() -> None:
    assert lock_pin("py3.txt", "pyperf", fake("cpython", (3, 8, 18))) == "2.8.0"
    for version in ((3, 9, 18), (3, 13, 0)):
        pinned = lock_pin("py3.txt", "pyperf", fake("cpython", version))
        assert tuple(int(part) for part in pinned.split(".")[:2]) >= (2, 10)
    assert lock_pin("py3.txt", "psutil", fake("pypy", (3, 9, 16), "pypy"))


def test_pyston_lite_lock_adds_the_jit_to_py3_for_310_and_older() -> None:
    text = (locks.LOCKS_DIR / "pyston-lite.txt").read_text(encoding="utf-8")
    for minor in (8, 9, 10):
        target = fake("cpython", (3, minor, 0), "pyston-lite")
        assert pinned_versions(text, "pyston_lite_autoload", marker_environment(target)) == [
            "2.3.5"
        ]
        for name in ("pyperf", "psutil"):
            assert lock_pin("pyston-lite.txt", name, target) == lock_pin("py3.txt", name, target)
    assert not pinned_versions(
        text, "pyston_lite_autoload", marker_environment(fake("cpython", (3, 11, 0)))
    )


def test_virtualenv_lock_pins_the_last_release_for_python2_targets() -> None:
    text = (locks.LOCKS_DIR / "virtualenv.txt").read_text(encoding="utf-8")
    assert pinned_versions(text, "virtualenv", None) == ["20.21.1"]


def test_packages_built_from_source_are_documented_in_their_lock() -> None:
    for plan in envs.PLANS.values():
        for step in plan.steps:
            header = locks.header(locks.LOCKS_DIR / step.lock.replace(".txt", ".in"))
            for name in step.from_source:
                assert name in header and "sdist" in header, (step.lock, name)


def test_read_pins_refuses_anything_but_exact_pins(tmp_path: Path) -> None:
    source = tmp_path / "x.in"
    source.write_text("# header\nsix==1.17.0  # why\npyperf>=1.7\n", encoding="utf-8")
    with pytest.raises(locks.LockError, match=r"x\.in:3: expected an exact pin"):
        locks.read_pins(source)


def test_pinned_lock_hashes_the_files_pip_downloads_for_python27(tmp_path: Path) -> None:
    source = tmp_path / "py27.in"
    source.write_text("# Why these pins.\nsix==1.17.0\nstatistics==1.0.3.5\n", encoding="utf-8")
    target = tmp_path / "py27.txt"
    locks.write_pinned_lock(source, target)
    written = target.read_text(encoding="utf-8")
    committed = entries((locks.LOCKS_DIR / "py27.txt").read_text(encoding="utf-8"))
    assert written.startswith("# Why these pins.\n")
    assert set(entries(written)) <= set(committed)
    assert "statistics has no wheel for Python 2.7" in written


def test_universal_lock_is_written_with_hashes_and_header(tmp_path: Path) -> None:
    uv = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv is None:
        pytest.skip("uv is not installed")
    shutil.copy(locks.LOCKS_DIR / "virtualenv.in", tmp_path)
    lock = next(lock for lock in locks.UNIVERSAL_LOCKS if lock.name == "virtualenv")
    locks.compile_universal(tmp_path, lock, uv=uv)
    text = (tmp_path / "virtualenv.txt").read_text(encoding="utf-8")
    assert text.startswith(locks.header(tmp_path / "virtualenv.in"))
    assert pinned_versions(text, "virtualenv", None) == ["20.21.1"]
    assert all(HASH.search(entry) for entry in entries(text))
    assert locks.urls_in(text) == []


# --------------------------------------------------------------------------- plans and errors


@pytest.mark.parametrize(
    ("target", "plan"),
    [
        (fake("cpython", (2, 7, 18)), "py27"),
        (fake("cpython", (3, 8, 18)), "py3"),
        (fake("cpython", (3, 13, 0)), "py3"),
        (fake("cpython", (3, 9, 18), "pyston-lite"), "pyston-lite"),
        (fake("pyston", (3, 8, 12), "pyston"), "py3"),
        (fake("pypy", (3, 9, 16), "pypy"), "pypy"),
    ],
    ids=lambda value: getattr(value, "label", value),
)
def test_plan_for(target: Interpreter, plan: str) -> None:
    assert envs.plan_for(target).name == plan


def test_no_plan_for_pypy2() -> None:
    with pytest.raises(EnvError, match=r"pypy-2\.7: no benchmark environment"):
        envs.plan_for(fake("pypy", (2, 7, 18), "pypy"))


MISMATCH = """\
Collecting pyperf==1.7.1
ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated \
the package versions, please update the hashes. Otherwise, examine the package contents \
carefully; someone may have tampered with them.
    pyperf==1.7.1 from https://example.invalid/pyperf-1.7.1-py2.py3-none-any.whl#sha256=1 \
(from -r py27.txt (line 12)):
        Expected sha256 0000
             Got        1111
    six==1.17.0 from https://example.invalid/six-1.17.0-py2.py3-none-any.whl (from -r x):
        Expected sha256 2222
             Got        3333
"""


@pytest.mark.parametrize(
    ("output", "cause"),
    [
        (MISMATCH, "hash mismatch for pyperf 1.7.1, six 1.17.0: refusing to install"),
        (
            "ERROR: Hashes are required in --require-hashes mode, but they are missing from "
            "some requirements.\n    six==1.17.0 --hash=sha256:ff",
            "a requirement has no hash: refusing to install",
        ),
        (
            "ERROR: No matching distribution found for psutil==7.1.2\n",
            "no wheel (nor allowed sdist) of psutil==7.1.2 for this interpreter",
        ),
        (
            "  ERROR: Failed building wheel for psutil\nERROR: Could not build wheels\n",
            "building psutil from its pinned sdist failed",
        ),
        ("some noise\nERROR: something else broke\n", "something else broke"),
    ],
)
def test_pip_failure_names_the_cause(output: str, cause: str) -> None:
    assert envs.pip_failure(output) == cause


def test_locks_without_the_jit_are_refused_before_building(tmp_path: Path, lock_copy: Path) -> None:
    shutil.copy(lock_copy / "py3.txt", lock_copy / "pyston-lite.txt")
    target = dataclasses.replace(
        fake("cpython", (3, 9, 18), "pyston-lite"),
        label="pyston-lite-3.9",
        requirements=("pyston_lite_autoload",),
    )
    with pytest.raises(EnvError, match=r"pyston-lite-3\.9: .*pyston-lite\.txt: pins no pyston"):
        ensure_env(target, tmp_path / "envs", locks=lock_copy)
    assert not (tmp_path / "envs" / "pyston-lite-3.9").exists()


def test_a_folder_that_is_not_an_environment_is_never_deleted(tmp_path: Path) -> None:
    precious = tmp_path / "envs" / "cpython-3.11"
    precious.mkdir(parents=True)
    (precious / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(EnvError, match="exists and is not an environment"):
        ensure_env(fake("cpython", (3, 11, 7)), tmp_path / "envs")
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "mine"


# --------------------------------------------------------------------------- real environments


def test_tampered_hash_is_refused_and_nothing_is_installed(tmp_path: Path, lock_copy: Path) -> None:
    target = cpython("3.11")
    lock = lock_copy / "py3.txt"
    text = lock.read_text(encoding="utf-8")
    version = lock_pin("py3.txt", "pyperf", target)
    entry = next(item for item in entries(text) if item.startswith(f"pyperf=={version} "))
    # One digit off in each of pyperf's hashes, whichever file (wheel, sdist) pip picks.
    for digest in re.findall(r"sha256:([0-9a-f]{64})", entry):
        text = text.replace(digest, digest[:-1] + ("1" if digest[-1] == "0" else "0"))
    lock.write_text(text, encoding="utf-8")
    log = tmp_path / "pip.log"

    with pytest.raises(EnvError) as caught:
        ensure_env(target, tmp_path / "envs", log=log, locks=lock_copy)

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cpython-3.11: {lock}: hash mismatch for pyperf {version}")
    assert "refusing to install" in message
    assert str(log) in message
    assert "DO NOT MATCH THE HASHES" in log.read_text(encoding="utf-8")
    python = envs.env_python(tmp_path / "envs" / "cpython-3.11")
    for module in ("pyperf", "psutil"):
        assert run_in(python, f"import {module}").returncode != 0, f"{module} was installed"
    assert not (tmp_path / "envs" / "cpython-3.11" / envs.STAMP_NAME).exists()


def test_cpython311_env_is_built_reused_and_rebuilt_when_its_lock_changes(
    tmp_path: Path, lock_copy: Path
) -> None:
    target = cpython("3.11")
    root = tmp_path / "envs"
    python = ensure_env(target, root, locks=lock_copy)

    assert python == envs.env_python(root / "cpython-3.11")
    assert imported_version(python, "pyperf") == lock_pin("py3.txt", "pyperf", target)
    log = root / "cpython-3.11.log"
    assert "--require-hashes" in log.read_text(encoding="utf-8")
    sentinel = root / "cpython-3.11" / "sentinel"
    sentinel.touch()
    built = log.stat().st_mtime_ns

    started = time.monotonic()
    assert ensure_env(target, root, locks=lock_copy) == python
    assert time.monotonic() - started < 2.0
    assert sentinel.exists()
    assert log.stat().st_mtime_ns == built

    with (lock_copy / "py3.txt").open("a", encoding="utf-8") as stream:
        stream.write("# changed\n")
    assert ensure_env(target, root, locks=lock_copy) == python
    assert not sentinel.exists()
    assert imported_version(python, "pyperf") == lock_pin("py3.txt", "pyperf", target)


def test_cpython27_env_gets_pyperf_171(tmp_path: Path) -> None:
    target = cpython("2.7")
    python = ensure_env(target, tmp_path / "envs")
    assert imported_version(python, "pyperf") == "1.7.1"
    assert run_in(python, "import statistics, six; statistics.mean([1, 2])").returncode == 0
    # The creator: a venv of this Python with the hash-pinned virtualenv, cached for reuse.
    assert list((tmp_path / "envs" / envs.TOOLS_DIR).glob("virtualenv-*/" + envs.STAMP_NAME))


def test_cpython38_env_gets_pyperf_280(tmp_path: Path) -> None:
    python = ensure_env(cpython("3.8"), tmp_path / "envs")
    assert imported_version(python, "pyperf") == "2.8.0"


WORKER_REPORT = """
import sys
import pyperf

runner = pyperf.Runner(processes=1, values=1, warmups=0, loops=1)
# Set in every process, so the result's run (made in the worker) records the worker's view.
runner.metadata["pyston_lite_loaded"] = str("pyston_lite" in sys.modules)
runner.bench_func("noop", lambda: None)
"""


def worker_metadata(python: Path, tmp_path: Path) -> dict[str, object]:
    """The metadata of the one run that a pyperf worker of ``python`` made."""
    script, output = tmp_path / "bench_noop.py", tmp_path / "noop.json"
    script.write_text(WORKER_REPORT, encoding="utf-8")
    output.unlink(missing_ok=True)
    completed = subprocess.run(
        [str(python), str(script), "--quiet", "-o", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(output.read_text(encoding="utf-8"))
    (run,) = [run for run in data["benchmarks"][0]["runs"] if "values" in run]
    return {**data["metadata"], **run.get("metadata", {})}


def test_pyston_lite_env_has_the_jit_on_in_pyperf_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = pyston_lite("3.9")
    monkeypatch.setenv("DISABLE_PYSTON", "1")
    with pytest.raises(EnvError, match=r"JIT is not loaded at startup \(DISABLE_PYSTON is set\)"):
        ensure_env(target, tmp_path / "envs")
    monkeypatch.delenv("DISABLE_PYSTON")

    python = ensure_env(target, tmp_path / "envs")
    assert python.parent.parent.name == "pyston-lite-3.9"
    assert worker_metadata(python, tmp_path)["pyston_lite_loaded"] == "True"
    # The plain CPython environment of the same interpreter does not load it.
    plain = ensure_env(cpython("3.9"), tmp_path / "envs")
    assert worker_metadata(plain, tmp_path)["pyston_lite_loaded"] == "False"


def test_pypy_env_builds_psutil_from_its_pinned_sdist(tmp_path: Path) -> None:
    path = shutil.which("pypy3")
    if path is None:
        pytest.skip("no pypy3 on PATH (apt-get install pypy3 pypy3-dev pypy3-venv)")
    target = interpreter(path, "pypy", "pypy")
    python = ensure_env(target, tmp_path / "envs")
    assert imported_version(python, "pyperf") == lock_pin("py3.txt", "pyperf", target)
    assert run_in(python, "import psutil; psutil.Process().cpu_times()").returncode == 0
