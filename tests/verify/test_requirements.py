"""``legacylift verify --requirements``: the tests run in environments with the project's
packages, installed by pip from a hash-pinned file (a wheel made here, so no index is needed).
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from legacylift.bench.envs import EnvError
from legacylift.cli import main
from legacylift.verify.envs import check_wheels_only
from tests.helpers import pyenv_python
from tests.verify.conftest import newest_python3

PY3 = next((v for v in ("3.13", "3.11") if pyenv_python(v)), None) or newest_python3()
needs_py3 = pytest.mark.skipif(PY3 is None, reason="needs a pyenv CPython 3")

PACKAGE, VERSION = "llvtiny", "1.0"
# The package is imported before unittest runs: without it the command crashes (exit 3).
RUNNER = f"""
import unittest

import {PACKAGE}

unittest.main(module="tests.test_tiny")
"""
TESTS = f"""
import unittest

import {PACKAGE}


class TinyTest(unittest.TestCase):
    def test_answer(self):
        self.assertEqual({PACKAGE}.ANSWER, 42)
"""
TESTS_COMMAND = "python runtests.py"


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_wheel(folder: Path) -> Path:
    """A pure-Python wheel of :data:`PACKAGE` for Python 2 and 3, written by hand."""
    info = f"{PACKAGE}-{VERSION}.dist-info"
    files = {
        f"{PACKAGE}.py": b"ANSWER = 42\n",
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {VERSION}\n".encode()
        ),
        f"{info}/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: legacylift-tests\nRoot-Is-Purelib: true\n"
            b"Tag: py2-none-any\nTag: py3-none-any\n"
        ),
    }
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    wheel = folder / f"{PACKAGE}-{VERSION}-py2.py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


def make_sdist(folder: Path) -> Path:
    """A source distribution (no wheel) of a package named ``llvsource``."""
    sdist = folder / "llvsource-1.0.tar.gz"
    setup = b"from setuptools import setup\nsetup(name='llvsource', version='1.0')\n"
    with tarfile.open(sdist, "w:gz") as archive:
        info = tarfile.TarInfo("llvsource-1.0/setup.py")
        info.size = len(setup)
        archive.addfile(info, io.BytesIO(setup))
    return sdist


def requirement(archive: Path, *, hashed: bool = True, name: str = PACKAGE) -> str:
    line = f"{name} @ {archive.as_uri()}"
    if hashed:
        line += f" --hash=sha256:{hashlib.sha256(archive.read_bytes()).hexdigest()}"
    return line + "\n"


def project(root: Path) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "__init__.py").write_text("")
    (root / "tests" / "test_tiny.py").write_text(TESTS)
    (root / "runtests.py").write_text(RUNNER)
    return root


def verify(*args: str | Path) -> int:
    return main(["verify", "--jobs", "1", "--tests", TESTS_COMMAND, *map(str, args)])


def table_row(out: str, version: str) -> list[str]:
    row = next(line for line in out.splitlines() if line.startswith(f"CPython {version}."))
    return row.split()[2:]


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("legacylift verify: ")]


@needs_py3
def test_the_tests_pass_only_with_the_requirements_installed(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    proj, work = project(tmp_path / "proj"), tmp_path / "work"
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(requirement(make_wheel(tmp_path)))
    versions = ("--before", PY3, "--after", PY3, "--workdir", work)

    assert verify(proj, *versions) == 3
    err = capsys.readouterr().err
    assert f"No module named '{PACKAGE}'" in err
    assert not (work / "envs").exists()

    assert verify(proj, *versions, "--requirements", requirements) == 0
    out, err = capsys.readouterr()
    assert table_row(out, PY3) == ["1", "1", "1", "0", "0"]
    assert f"environment envs/{PY3} for CPython {PY3}." in err
    assert f": installing {requirements.resolve()}" in err
    python = work / "envs" / PY3 / "bin" / "python"
    assert python.exists()
    installed = list((work / "envs" / PY3).glob(f"lib/python*/site-packages/{PACKAGE}.py"))
    assert len(installed) == 1
    # Made once, though the run has two roles on one interpreter.
    assert err.count(": installing ") == 1
    # The page names the environment's python as the interpreter of both roles.
    page = (work / "verify.md").read_text()
    assert page.count(f"`{work.resolve() / 'envs' / PY3 / 'bin' / 'python'}`") == 2

    stamp = work / "envs" / PY3 / "legacylift-env.json"
    made = stamp.stat().st_mtime_ns
    assert verify(proj, *versions, "--requirements", requirements) == 0
    out, err = capsys.readouterr()
    assert table_row(out, PY3) == ["1", "1", "1", "0", "0"]
    assert f"environment envs/{PY3} for CPython {PY3}." in err
    assert ": reused (same interpreter, same requirements.txt)" in err
    assert ": installing " not in err
    assert stamp.stat().st_mtime_ns == made

    # Another file (by content) means another environment.
    requirements.write_text("# now with a comment\n" + requirements.read_text())
    assert verify(proj, *versions, "--requirements", requirements) == 0
    err = capsys.readouterr().err
    assert ": installing " in err and ": reused " not in err
    assert stamp.stat().st_mtime_ns != made


@needs_py3
def test_a_requirement_without_a_hash_is_refused(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    proj, work = project(tmp_path / "proj"), tmp_path / "work"
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(requirement(make_wheel(tmp_path), hashed=False))
    code = verify(proj, "--before", PY3, "--after", PY3, "--workdir", work,
                  "--requirements", requirements)  # fmt: skip
    assert code == 2
    lines = error_lines(capsys.readouterr().err)
    assert len(lines) == 1
    assert f"{requirements.resolve()}: a requirement has no hash: refusing to install" in lines[0]
    assert f"(log: {work.resolve() / 'logs' / f'env-{PY3}.log'})" in lines[0]
    assert not list((work / "records").iterdir()), "the tests ran anyway"
    # A failed environment has no stamp: the next run makes it anew.
    assert not (work / "envs" / PY3 / "legacylift-env.json").exists()


@needs_py3
def test_a_hash_that_does_not_match_is_refused(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    proj, work = project(tmp_path / "proj"), tmp_path / "work"
    wheel = make_wheel(tmp_path)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"{PACKAGE} @ {wheel.as_uri()} --hash=sha256:{'0' * 64}\n")
    code = verify(proj, "--before", PY3, "--after", PY3, "--workdir", work,
                  "--requirements", requirements)  # fmt: skip
    assert code == 2
    lines = error_lines(capsys.readouterr().err)
    assert len(lines) == 1
    assert f"{requirements.resolve()}: hash mismatch for " in lines[0]
    assert ": refusing to install (log: " in lines[0]


@needs_py3
def test_a_package_without_a_wheel_is_refused(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    proj, work = project(tmp_path / "proj"), tmp_path / "work"
    requirements = tmp_path / "requirements.txt"
    sdist = make_sdist(tmp_path)
    requirements.write_text(requirement(sdist, name="llvsource"))
    code = verify(proj, "--before", PY3, "--after", PY3, "--workdir", work,
                  "--requirements", requirements)  # fmt: skip
    assert code == 2
    lines = error_lines(capsys.readouterr().err)
    # pip would build it (--only-binary does not cover direct references): refused first.
    assert lines == [
        f"legacylift verify: {requirements}:1: llvsource has no wheel ({sdist.as_uri()} is not "
        "one): --requirements installs wheels only"
    ]
    assert not (work / "envs" / PY3).exists()


HASH = "--hash=sha256:" + "a" * 64


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"six==1.16.0 {HASH}\n", id="pinned"),
        pytest.param(f"six==1.16.0 \\\n    {HASH} \\\n    {HASH}\n", id="continued"),
        pytest.param(f"tiny @ file:///w/tiny-1.0-py3-none-any.whl {HASH}\n", id="wheel-url"),
        pytest.param("# see tiny @ https://host/tiny-1.0.tar.gz\n--only-binary :all:\n",
                     id="comment"),
    ],
)  # fmt: skip
def test_wheels_only_accepts(tmp_path: Path, text: str) -> None:
    (tmp_path / "r.txt").write_text(text)
    check_wheels_only(tmp_path / "r.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(f"tiny @ https://host/tiny-1.0.tar.gz {HASH}\n",
                     "r.txt:1: tiny has no wheel (https://host/tiny-1.0.tar.gz is not one)",
                     id="sdist-url"),
        pytest.param(f"# pins\n\ntiny @ git+https://host/tiny.git@v1 \\\n  {HASH}\n",
                     "r.txt:3: tiny has no wheel (git+https://host/tiny.git@v1 is not one)",
                     id="vcs"),
        pytest.param("./vendored/tiny\n", "r.txt:1: ./vendored/tiny has no wheel", id="folder"),
        pytest.param("-e ./tiny\n", "r.txt:1: -e would let pip build from source", id="editable"),
        pytest.param("--no-binary six\n", "r.txt:1: --no-binary would let pip build",
                     id="no-binary"),
        pytest.param("-r more.txt\n", "more.txt:2: tiny has no wheel", id="included"),
    ],
)  # fmt: skip
def test_wheels_only_refuses(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "r.txt").write_text(text)
    (tmp_path / "more.txt").write_text(f"-r r.txt\ntiny @ file:///w/tiny-1.0.zip {HASH}\n")
    with pytest.raises(EnvError) as raised:
        check_wheels_only(tmp_path / "r.txt")
    assert message in str(raised.value)
    assert str(raised.value).endswith(": --requirements installs wheels only")


@pytest.mark.skipif(
    pyenv_python("2.7") is None or PY3 is None, reason="needs pyenv CPython 2.7 and 3.x"
)
def test_python2_gets_its_own_requirements_file(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    proj, work = project(tmp_path / "proj"), tmp_path / "work"
    wheel = make_wheel(tmp_path)
    requirements, py2 = tmp_path / "requirements.txt", tmp_path / "requirements-py2.txt"
    requirements.write_text(requirement(wheel))
    py2.write_text("# the 2.7 pins\n" + requirement(wheel))
    code = verify(proj, "--before", "2.7", "--after", PY3, "--workdir", work,
                  "--requirements", requirements, "--requirements-py2", py2)  # fmt: skip
    out, err = capsys.readouterr()
    if code == 2 and "virtualenv.txt" in err and "cannot reach the package index" in err:
        pytest.skip("virtualenv 20.21.1, which makes 2.7 environments, cannot be installed")
    assert code == 0, err
    assert table_row(out, PY3) == ["1", "1", "1", "0", "0"]
    assert f"environment envs/2.7 for CPython 2.7.18: installing {py2.resolve()}" in err
    assert f"environment envs/{PY3} for CPython {PY3}." in err
    assert f": installing {requirements.resolve()}" in err
    assert list((work / "envs" / "2.7").glob(f"lib/python2.7/site-packages/{PACKAGE}.py"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--requirements", "nope.txt"], "--requirements nope.txt: no such file",
                     id="missing"),
        pytest.param(["--requirements-py2", "req.txt"], "--requirements-py2 needs --requirements",
                     id="py2-alone"),
    ],
)  # fmt: skip
def test_usage_errors(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    assert verify(tmp_path, "--after", "3.8", *args) == 2
    assert message in capsys.readouterr().err
