"""Interpreter discovery: real probes of pyenv's Pythons, and fakes that must not fool it."""

from __future__ import annotations

import dataclasses
import json
import stat
import time
from pathlib import Path

import pytest

from legacylift.bench import interpreters as it
from legacylift.bench.interpreters import (
    PYENV,
    Discovery,
    Interpreter,
    Rejected,
    discover_interpreters,
    filter_supported,
    format_report,
    main,
    probe,
)

PYENV_ROOT = it.pyenv_root()


def pyenv_python(series: str) -> Path | None:
    """The newest pyenv-installed ``series`` (e.g. "3.11"), if this machine has one."""
    found = sorted((PYENV_ROOT / "versions").glob(f"{series}.*/bin/python"))
    return found[-1] if found else None


def require(series: str) -> Path:
    path = pyenv_python(series)
    if path is None:
        pytest.skip(f"pyenv has no CPython {series} under {PYENV_ROOT}")
    return path


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def explicit_only(*paths: Path | str, timeout: float = it.DEFAULT_TIMEOUT) -> Discovery:
    return discover_interpreters([str(path) for path in paths], sources=(), timeout=timeout)


def only(discovery: Discovery) -> Interpreter:
    plain = [item for item in discovery.found if item.variant_of is None]
    assert len(plain) == 1, [item.label for item in discovery.found]
    return plain[0]


def rejection(discovery: Discovery) -> Rejected:
    assert not discovery.found, [item.label for item in discovery.found]
    assert len(discovery.rejected) == 1, discovery.rejected
    return discovery.rejected[0]


@pytest.fixture(scope="module")
def py311() -> Path:
    return require("3.11")


@pytest.fixture(scope="module")
def pyenv_discovery() -> Discovery:
    if not (PYENV_ROOT / "versions").is_dir():
        pytest.skip(f"no pyenv versions under {PYENV_ROOT}")
    return discover_interpreters(sources=(PYENV,), pyenv_dir=PYENV_ROOT)


# --------------------------------------------------------------------------- real probes


@pytest.mark.parametrize(("series", "version"), [("3.11", (3, 11)), ("2.7", (2, 7))])
def test_probe_identifies_pyenv_cpython(series: str, version: tuple[int, int]) -> None:
    path = require(series)
    result = probe(str(path))
    assert result.implementation == "cpython"
    assert result.version[:2] == version
    assert Path(result.prefix) == path.parent.parent
    assert result.prefix == result.base_prefix
    assert result.pointer_bits in (32, 64)
    assert (result.pyston_version, result.pypy_version) == (None, None)


def test_pyenv_discovery_labels_by_minor_version(pyenv_discovery: Discovery) -> None:
    labels = {item.label: item for item in pyenv_discovery.found}
    for series in ("2.7", "3.11"):
        if pyenv_python(series) is not None:
            found = labels[f"cpython-{series}"]
            assert found.sources == (PYENV,)
            assert found.jit is None
            assert found.full_version.startswith(series + ".")


def test_probe_results_are_cached(py311: Path) -> None:
    assert probe(str(py311)) is probe(str(py311))


# --------------------------------------------------------------------------- names lie


def test_symlink_named_python312_is_what_it_points_at(tmp_path: Path, py311: Path) -> None:
    link = tmp_path / "python3.12"
    link.symlink_to(py311)
    found = only(explicit_only(link))
    assert (found.label, found.implementation) == ("cpython-3.11", "cpython")
    assert found.version[:2] == (3, 11)


def test_wrapper_named_pypy3_is_labelled_by_what_it_runs(tmp_path: Path, py311: Path) -> None:
    wrapper = script(tmp_path, "pypy3", f'exec "{py311}" "$@"')
    found = only(explicit_only(wrapper))
    assert (found.label, found.implementation, found.jit) == ("cpython-3.11", "cpython", None)
    assert str(wrapper) in found.found_as


def test_canned_probe_answer_is_not_believed(tmp_path: Path, py311: Path) -> None:
    answer = json.loads(json.dumps(dataclasses.asdict(probe(str(py311)))))
    answer.update(implementation="PyPy", pypy_version=[7, 3, 17], pypy_jit=True, nonce="0" * 16)
    canned = script(tmp_path, "pypy3", f"echo '{it.PROBE_MARKER}{json.dumps(answer)}'")
    assert "not to this probe" in rejection(explicit_only(canned)).reason


# --------------------------------------------------------------------------- bad candidates


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            'echo "pyenv: python3.12: command not found" >&2; exit 127',
            "pyenv shim: python3.12: command not found",
            id="refusing pyenv shim",
        ),
        pytest.param("echo 'Segmentation fault' >&2; exit 139", "exit status 139", id="crash"),
        pytest.param("echo hello there", "not a Python interpreter", id="garbage"),
        pytest.param(f"echo '{it.PROBE_MARKER}{{oops'", "malformed JSON", id="malformed json"),
    ],
)
def test_broken_candidates_are_rejected_with_a_reason(
    tmp_path: Path, body: str, expected: str
) -> None:
    bad = rejection(explicit_only(script(tmp_path, "python3", body)))
    assert expected in bad.reason
    assert bad.sources == (it.EXPLICIT,)


def test_hanging_candidate_times_out_with_its_children(tmp_path: Path) -> None:
    # sleep is a child of the shell: it keeps the pipes open after the shell is killed.
    hanging = script(tmp_path, "python3", "sleep 30")
    start = time.monotonic()
    bad = rejection(explicit_only(hanging, timeout=0.5))
    assert time.monotonic() - start < 10
    assert bad.reason == "no answer within 0.5 s"


def test_missing_and_non_executable_files_are_rejected(tmp_path: Path) -> None:
    plain = tmp_path / "python3"
    plain.write_text("")
    discovery = explicit_only(tmp_path / "nope", plain)
    assert [bad.reason for bad in discovery.rejected] == ["no such file", "not an executable file"]


# --------------------------------------------------------------------------- deduplication


def test_symlinks_collapse_and_explicit_wins(tmp_path: Path, py311: Path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(py311)
    mine = tmp_path / "mine"
    mine.symlink_to(py311)
    discovery = discover_interpreters(
        [str(mine)],
        sources=(it.PATH, PYENV),
        search_path=str(tmp_path / "bin"),
        pyenv_dir=PYENV_ROOT,
    )
    matches = [item for item in discovery.found if item.version[:2] == (3, 11)]
    assert [item.label for item in matches] == ["cpython-3.11"]
    assert matches[0].sources == (it.EXPLICIT, it.PATH, PYENV)
    assert matches[0].path == str(mine)
    assert str(tmp_path / "bin" / "python3") in matches[0].found_as


def test_a_venv_is_its_base_interpreter(tmp_path: Path, py311: Path) -> None:
    venv = tmp_path / "bench-env"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(py311)
    (venv / "pyvenv.cfg").write_text(f"home = {py311.parent}\n")
    for order in ((venv / "bin" / "python", py311), (py311, venv / "bin" / "python")):
        discovery = explicit_only(*order)
        [found] = [item for item in discovery.found if item.variant_of is None]
        assert found.label == "cpython-3.11"
        assert found.probe is not None and Path(found.probe.prefix) != venv, "the base is run"
        assert str(venv / "bin" / "python") in found.found_as


# --------------------------------------------------------------------------- pyston-lite


def test_pyston_lite_variants_exactly_for_cpython_37_to_310(pyenv_discovery: Discovery) -> None:
    plain = {item.label: item for item in pyenv_discovery.found if item.variant_of is None}
    variants = {item.variant_of: item for item in pyenv_discovery.found if item.variant_of}
    expected = {
        label
        for label, item in plain.items()
        if item.implementation == "cpython" and (3, 7) <= item.version[:2] <= (3, 10)
    }
    assert set(variants) == expected
    for base_label, variant in variants.items():
        base = plain[base_label]
        assert variant.path == base.path
        assert variant.jit == "pyston-lite"
        assert variant.requirements == ("pyston_lite_autoload",)
        assert variant.label == "pyston-lite-" + base_label.removeprefix("cpython-")


def test_filter_rejects_old_cpython_with_a_reason(pyenv_discovery: Discovery) -> None:
    if pyenv_python("3.6") is None:
        pytest.skip("pyenv has no CPython 3.6")
    kept, rejected = filter_supported(pyenv_discovery.found)
    reasons = {bad.label: bad.reason for bad in rejected}
    assert reasons["cpython-3.6"] == "CPython 3.6 is older than the supported 3.8"
    assert all(item.version[:2] == (2, 7) or item.version[:2] >= (3, 8) for item in kept)
    if pyenv_python("3.8") is not None:
        assert "pyston-lite-3.8" in {item.label for item in kept}


def test_filter_keeps_pypy3_and_pyston_but_not_pypy2() -> None:
    def make(implementation: str, version: tuple[int, int, int]) -> Interpreter:
        return Interpreter("/x", implementation, version, None, f"{implementation}-{version}")

    kept, rejected = filter_supported(
        [make("pypy", (3, 10, 14)), make("pyston", (3, 8, 12)), make("pypy", (2, 7, 18))]
    )
    assert [item.implementation for item in kept] == ["pypy", "pyston"]
    assert "PyPy 3" in rejected[0].reason


# --------------------------------------------------------------------------- configuration


def test_pyproject_interpreters_are_honoured(tmp_path: Path, py311: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "py").symlink_to(py311)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.legacylift.bench]\ninterpreters = ["tools/py"]\n')
    discovery = discover_interpreters(pyproject=pyproject, sources=())
    found = only(discovery)
    assert found.sources == (it.PYPROJECT,)
    assert found.path == str(tmp_path / "tools" / "py")


def test_bad_pyproject_table_is_a_config_error(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.legacylift.bench]\ninterpreters = "python3"\n')
    with pytest.raises(it.ConfigError, match="must be a list"):
        discover_interpreters(pyproject=pyproject, sources=())


def test_uv_installs_give_one_candidate_each(tmp_path: Path) -> None:
    bin_dir = tmp_path / "cpython-3.12.4-linux-x86_64-gnu" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python3.12", "python3", "python3.12-config", "python"):
        (bin_dir / name).touch()
    assert it.uv_candidates(tmp_path) == [it.Candidate(str(bin_dir / "python3"), it.UV)]


def test_pyenv_root_and_uv_dir_follow_the_environment(tmp_path: Path) -> None:
    assert it.pyenv_root({"PYENV_ROOT": str(tmp_path)}) == tmp_path
    assert it.uv_python_dir({"UV_PYTHON_INSTALL_DIR": str(tmp_path)}) == tmp_path
    assert it.uv_python_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "uv" / "python"


# --------------------------------------------------------------------------- reporting


def test_format_report_lists_found_rejected_and_how_to_get_the_missing() -> None:
    found = [
        Interpreter("/py/3.11/bin/python", "cpython", (3, 11, 7), None, "cpython-3.11"),
        Interpreter("/py/3.9/bin/python", "cpython", (3, 9, 18), None, "cpython-3.9"),
        Interpreter(
            "/py/3.9/bin/python", "cpython", (3, 9, 18), "pyston-lite", "pyston-lite-3.9",
            variant_of="cpython-3.9", requirements=("pyston_lite_autoload",),
        ),
    ]  # fmt: skip
    rejected = [Rejected("/shims/python3.12", "pyenv shim: python3.12: command not found")]
    report = format_report(found, rejected)
    assert "cpython-3.11" in report
    assert "3.11.7" in report
    assert "pyston-lite-3.9" in report
    assert "pyenv shim: python3.12: command not found" in report
    missing = report.split("Missing")[1]
    assert "pyenv install 3.12" in missing
    assert "pyenv install 2.7" in missing
    assert "apt-get install pypy3 pypy3-dev" in missing
    assert "psutil" in missing
    assert "comes automatically with a CPython 3.8" in missing
    assert "pyenv install 3.11" not in missing
    assert "pyston-lite 3.9" not in missing


def test_report_without_missing_cells() -> None:
    found = [Interpreter("/p", "pypy", (3, 10, 14), "pypy", "pypy-3.10")]
    found += [
        Interpreter("/c", "cpython", (3, minor, 0), jit, f"{family}-3.{minor}")
        for minor in range(8, 14)
        for family, jit in (("cpython", None), ("pyston-lite", "pyston-lite"))
        if jit is None or minor <= 10
    ]
    found.append(Interpreter("/c", "cpython", (2, 7, 18), None, "cpython-2.7"))
    assert it.missing(found) == []
    assert "Missing from the benchmark matrix: nothing" in format_report(found, [])


# --------------------------------------------------------------------------- command line


@pytest.fixture
def bare_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No PATH, pyenv or uv interpreters: only what a test names is found."""
    for name in ("bin", "pyenv", "uv"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))
    monkeypatch.setenv("UV_PYTHON_INSTALL_DIR", str(tmp_path / "uv"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_main_json(bare_machine: Path, py311: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = script(bare_machine, "broken", "exit 3")
    assert main(["--json", "--interpreters", f"{py311},{broken}"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["label"] for item in data["interpreters"]] == ["cpython-3.11"]
    assert data["interpreters"][0]["sources"] == ["explicit"]
    assert [item["path"] for item in data["rejected"]] == [str(broken)]
    assert "CPython 3.12" in [cell["name"] for cell in data["missing"]]


def test_main_report_and_exit_statuses(
    bare_machine: Path, py311: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--interpreters", str(py311)]) == 0
    assert "Interpreters found (1):" in capsys.readouterr().out
    assert main([]) == 1
    assert "Interpreters found: none" in capsys.readouterr().out
    (bare_machine / "pyproject.toml").write_text("[tool.legacylift.bench\n")
    assert main([]) == 2
    assert "pyproject.toml" in capsys.readouterr().err
