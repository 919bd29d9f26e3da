"""``legacylift verify`` end to end on tiny projects, with real interpreters."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from legacylift.cli import main
from legacylift.verify.interpreters import resolve
from tests.helpers import pyenv_python
from tests.verify.conftest import newest_python3

PY3 = newest_python3()
needs_py2_and_py3 = pytest.mark.skipif(
    pyenv_python("2.7") is None or PY3 is None, reason="needs pyenv CPython 2.7 and 3.x"
)
UNITTEST = "python -m unittest discover -s tests -t ."

PACKAGE = '''
def total(mapping):
    """The sum of the values.

    >>> print total({'a': 1, 'b': 2})
    3
    """
    result = 0
    for _, value in mapping.iteritems():
        result += value
    return result
'''

TESTS = """
import doctest
import unittest

import pkg


class TotalTest(unittest.TestCase):
    def test_total(self):
        print "checking total"
        self.assertEqual(pkg.total({'x': 2, 'y': 5}), 7)

    def test_empty(self):
        self.assertEqual(pkg.total({}), 0)
{extra}

def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(pkg))
    return tests
"""

# Python 2 orders None before every number; no codemod can know what the code meant.
LOST = """
    def test_none_sorts_first(self):
        self.assertTrue(None < 1)
"""


def python2_project(root: Path, extra: str = "") -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "pkg" / "__init__.py").write_text(PACKAGE)
    (root / "tests" / "__init__.py").write_text("")
    (root / "tests" / "test_pkg.py").write_text(TESTS.replace("{extra}", extra))
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def verify(*args: str | Path) -> int:
    return main(["verify", "--jobs", "1", *map(str, args)])


def table_row(out: str, version: str) -> list[str]:
    row = next(line for line in out.splitlines() if line.startswith(f"CPython {version}."))
    return row.split()[2:]


@needs_py2_and_py3
def test_a_python2_project_keeps_all_its_tests(tmp_path: Path, capsys) -> None:
    project = python2_project(tmp_path / "proj")
    original = snapshot(project)
    work = tmp_path / "work"
    assert verify(project, "--tests", UNITTEST, "--before", "2.7", "--after", PY3,
                  "--workdir", work) == 0  # fmt: skip
    out, err = capsys.readouterr()
    # passed before, passed after, retained, lost, new failures: 2 tests and the doctest.
    assert table_row(out, PY3) == ["3", "3", "3", "0", "0"]
    assert "Python 2 code base" in err
    assert snapshot(project) == original, "the user's tree was written to"
    assert snapshot(work / "proj.before") == original
    after = (work / "proj.after" / "pkg" / "__init__.py").read_text()
    assert "iteritems" not in after and "print(total(" in after
    before = [json.loads(line) for line in (work / "records" / "before-2.7.jsonl").open()]
    assert sorted(record["id"] for record in before) == [
        "pkg.total", "tests.test_pkg.TotalTest.test_empty", "tests.test_pkg.TotalTest.test_total",
    ]  # fmt: skip
    assert (work / f"lost-{PY3}.txt").read_text() == ""


@needs_py2_and_py3
def test_a_lost_test_is_named_with_its_error(tmp_path: Path, capsys) -> None:
    project = python2_project(tmp_path / "proj", extra=LOST)
    work = tmp_path / "work"
    assert verify(project, "--tests", UNITTEST, "--after", PY3, "--workdir", work) == 1
    out, _ = capsys.readouterr()
    assert table_row(out, PY3) == ["4", "3", "3", "1", "0"]
    lost = (work / f"lost-{PY3}.txt").read_text()
    # Line 17 is the comparison; the modernized file is the test module (its print statement).
    assert lost == (
        "tests.test_pkg.TotalTest.test_none_sorts_first: error: TypeError: '<' not supported "
        "between instances of 'NoneType' and 'int' [at tests/test_pkg.py:17 (modernized file)]\n"
    )
    assert f"lost on CPython {PY3}." in out
    assert "  tests.test_pkg.TotalTest.test_none_sorts_first: error: TypeError" in out
    page = (work / "verify.md").read_text()
    assert out.rstrip().endswith(f"report: {work.resolve() / 'verify.md'}")
    assert f"- command: `legacylift verify --jobs 1 {project} --tests '{UNITTEST}' --after" in page
    assert f"- tests: `{UNITTEST}`" in page
    assert "- modernized " in page and "Python 2 code base" in page
    row = next(line for line in page.splitlines() if line.startswith(f"| CPython {PY3}."))
    assert [cell.strip() for cell in row.split("|")[2:-1]] == ["4", "3", "3", "1", "0"]
    assert "| before | CPython 2.7." in page and f"| after  | CPython {PY3}." in page
    assert f"### CPython {PY3}." in page
    assert "Some tests were lost" in page and "3 of the 4 tests that passed before" in page
    lost_row = next(line for line in page.splitlines() if "test_none_sorts_first" in line)
    assert [cell.strip() for cell in lost_row.split("|")[1:-1]] == [
        "`tests.test_pkg.TotalTest.test_none_sorts_first`",
        "`error: TypeError: '<' not supported between instances of 'NoneType' and 'int'`",
        "`tests/test_pkg.py:17 (modernized file)`",
    ]
    html = (work / "verify.html").read_text()
    assert "<code>tests/test_pkg.py:17 (modernized file)</code>" in html
    figures = json.loads((work / "verify.json").read_text())["results"][0]
    assert (figures["passed_before"], figures["retained"]) == (4, 3)
    assert figures["lost"][0]["place"] == "tests/test_pkg.py:17 (modernized file)"


@needs_py2_and_py3
def test_ignored_tests_are_left_out_before_and_after(tmp_path: Path, capsys) -> None:
    project = python2_project(tmp_path / "proj", extra=LOST)
    work = tmp_path / "work"
    ignore = ["--ignore-tests", "*.test_none_sorts_*", "--ignore-tests", "*.no_such_test"]
    code = verify(project, "--tests", UNITTEST, "--after", PY3, "--workdir", work, *ignore)
    assert code == 0
    out, err = capsys.readouterr()
    assert table_row(out, PY3) == ["3", "3", "3", "0", "0"]
    assert "--ignore-tests *.test_none_sorts_*: 1 tests of the before run left out" in err
    assert "--ignore-tests *.no_such_test: 0 tests of the before run left out" in err
    assert (work / f"lost-{PY3}.txt").read_text() == ""
    assert (
        "- ignored tests: `*.test_none_sorts_*`, `*.no_such_test`"
        in (work / "verify.md").read_text()
    )


# 2to3 has no fixer for cmp(), and leaves doctests alone without -d.
CMP = """
    def test_cmp(self):
        self.assertEqual(cmp(1, 2), -1)
"""


@pytest.mark.skipif(
    pyenv_python("2.7") is None or pyenv_python("3.12") is None or PY3 is None,
    reason="needs pyenv CPython 2.7, 3.12 and 3.x",
)
def test_the_2to3_baseline_is_a_column_of_its_own(tmp_path: Path, capsys) -> None:
    project = python2_project(tmp_path / "proj", extra=CMP)
    work = tmp_path / "work"
    code = verify(project, "--tests", UNITTEST, "--after", PY3, "--workdir", work,
                  "--baseline", "2to3")  # fmt: skip
    # 2to3 loses two tests, legacylift none: the exit status is legacylift's.
    assert code == 0
    out, err = capsys.readouterr()
    assert "2to3 retained" in out.splitlines()[1]
    assert table_row(out, PY3) == ["4", "4", "4", "0", "0", "2"]
    assert f"converted {work.resolve() / 'proj.2to3'} with the lib2to3 of CPython 3.12." in err
    converted = (work / "proj.2to3" / "tests" / "test_pkg.py").read_text()
    assert 'print("checking total")' in converted and "cmp(1, 2)" in converted
    lost = (work / f"lost-2to3-{PY3}.txt").read_text().splitlines()
    assert [line.split(": ")[0] for line in lost] == [
        "pkg.total",
        "tests.test_pkg.TotalTest.test_cmp",
    ]
    assert "NameError: name 'cmp' is not defined" in lost[1]
    page = (work / "verify.md").read_text()
    assert "2to3 retained |" in page and "| lib2to3 | CPython 3.12." in page
    assert f"No test lost on CPython {PY3}." in page


@pytest.mark.skipif(PY3 is None, reason="needs a pyenv CPython 3")
def test_a_command_that_crashes_before_any_test(tmp_path: Path, capsys) -> None:
    assert PY3 is not None
    project = python2_project(tmp_path / "proj")
    work = tmp_path / "work"
    command = "python -m no_such_runner_here"
    code = verify(project, "--tests", command, "--before", PY3, "--after", PY3, "--workdir", work)
    assert code == 3
    err = capsys.readouterr().err
    assert "crashed before running any test (exit status 1: " in err
    assert "No module named no_such_runner_here" in err
    assert not (work / "records" / f"after-{PY3}.jsonl").exists(), "after ran anyway"


@needs_py2_and_py3
def test_a_project_without_tests(tmp_path: Path, monkeypatch, capsys) -> None:
    project = tmp_path / "empty"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "__init__.py").write_text("")
    (project / "lib.py").write_text("print 'hello'\n")
    # The default work folder lies inside the project: it must not be copied into itself.
    monkeypatch.chdir(project)
    assert verify(".", "--tests", UNITTEST, "--after", PY3) == 0
    out, err = capsys.readouterr()
    assert table_row(out, PY3) == ["0", "0", "0", "0", "0"]
    assert "No tests ran: check the --tests command" in out
    assert "before-2.7: no tests ran on CPython 2.7." in err
    work = project / ".legacylift" / "verify" / "empty"
    assert sorted(p.name for p in (work / "empty.after").iterdir()) == ["lib.py", "tests"]
    assert (work / "empty.after" / "lib.py").read_text() == "print('hello')\n"


def _python_with_pytest() -> str | None:
    for minor in range(20, 7, -1):
        version = f"3.{minor}"
        if pyenv_python(version) is None:
            continue
        path = resolve([(3, minor)])[(3, minor)].path
        if subprocess.run([path, "-s", "-c", "import pytest"], check=False).returncode == 0:
            return version
    return None


def test_pytest_tests_are_recorded_by_node_id(tmp_path: Path, capsys) -> None:
    version = _python_with_pytest()
    if version is None:
        pytest.skip("no CPython 3 with pytest installed")
    project = tmp_path / "calc"
    (project / "tests").mkdir(parents=True)
    (project / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    (project / "tests" / "test_calc.py").write_text(
        textwrap.dedent("""
        import pytest

        from calc import add


        @pytest.mark.parametrize("a", [1, 2])
        def test_add(a):
            assert add(a, 1) == a + 1

        def test_broken_before_and_after():
            assert add(1, 1) == 3
        """)
    )
    work = tmp_path / "work"
    command = "python -m pytest -p no:cacheprovider --rootdir . tests"
    assert verify(project, "--tests", command, "--before", version, "--after", version,
                  "--workdir", work) == 0  # fmt: skip
    assert table_row(capsys.readouterr().out, version) == ["2", "2", "2", "0", "0"]
    records = [json.loads(line) for line in (work / "records" / f"after-{version}.jsonl").open()]
    assert sorted((r["id"], r["o"]) for r in records) == [
        ("tests/test_calc.py::test_add[1]", "pass"),
        ("tests/test_calc.py::test_add[2]", "pass"),
        ("tests/test_calc.py::test_broken_before_and_after", "fail"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--requirements", "req.txt"], "--requirements req.txt: no such file",
                     id="requirements"),
        pytest.param(["--target", "3.11"], "--target 3.11 is newer than --after 3.8", id="target"),
        pytest.param(["--after", "2.7"], "--after takes Python 3 versions", id="after-py2"),
        pytest.param(["--before", "2.7,3.8"], "--before takes one version", id="two-befores"),
        pytest.param(["--select", "nope"], "unknown codemod nope", id="codemod"),
    ],
)  # fmt: skip
def test_usage_errors(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    code = verify(tmp_path, "--tests", "python -m unittest", "--after", "3.8", *args)
    assert code == 2
    assert message in capsys.readouterr().err


def test_a_work_folder_it_did_not_make_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "proj").mkdir()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    code = verify(tmp_path / "proj", "--tests", "python -m unittest", "--before", "3.8",
                  "--after", "3.8", "--workdir", tmp_path / "mine")  # fmt: skip
    assert code == 2
    assert "was not made by legacylift verify" in capsys.readouterr().err
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


@needs_py2_and_py3
def test_in_place_modernizes_the_project_itself(tmp_path: Path, capsys) -> None:
    project = python2_project(tmp_path / "proj")
    original = snapshot(project)
    work = tmp_path / "work"
    code = verify(project, "--tests", UNITTEST, "--after", PY3, "--workdir", work, "--in-place")
    assert code == 0
    out, _ = capsys.readouterr()
    assert table_row(out, PY3) == ["3", "3", "3", "0", "0"]
    # The before tests ran on an untouched copy; the project itself is now Python 3.
    assert snapshot(work / "proj.before") == original
    assert not (work / "proj.after").exists()
    assert "for _, value in mapping.items():" in (project / "pkg" / "__init__.py").read_text()
    assert "print(total({'a': 1, 'b': 2}))" in (project / "pkg" / "__init__.py").read_text()
