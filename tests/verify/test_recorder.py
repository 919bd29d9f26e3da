"""The recorder (recorder/sitecustomize.py) inside real test runs, on Python 2.7 and 3.x."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import pyenv_python
from tests.verify.conftest import newest_python3, recorded

PYTHONS = [
    pytest.param(
        version, marks=pytest.mark.skipif(pyenv_python(version) is None, reason="not in pyenv")
    )
    for version in ("2.7", newest_python3() or "3")
]

NESTED = """
import subprocess
import sys
import unittest


class Inner(unittest.TestCase):
    def test_inner_pass(self):
        pass

    def test_inner_fail(self):
        self.fail("inner")


class Outer(unittest.TestCase):
    def test_runs_an_inner_suite(self):
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(Inner).run(result)
        self.assertEqual((result.testsRun, len(result.failures)), (2, 1))

    def test_runs_a_child_process(self):
        child = [sys.executable, "-m", "unittest", "test_nested.Inner.test_inner_pass"]
        self.assertEqual(subprocess.call(child), 0)

    def test_fails(self):
        self.assertEqual(1, 2)

    def test_errors(self):
        raise KeyError("boom")

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)


def load_tests(loader, tests, pattern):
    return loader.loadTestsFromTestCase(Outer)
"""


@pytest.mark.parametrize("version", PYTHONS)
def test_only_the_outermost_tests_of_the_first_process_count(tmp_path: Path, version: str) -> None:
    python = pyenv_python(version)
    assert python is not None
    (tmp_path / "test_nested.py").write_text(NESTED)
    records = recorded(python, ["-m", "unittest", "test_nested"], tmp_path)
    outer = "test_nested.Outer."
    assert sorted((r["id"], r["o"], r.get("m")) for r in records) == [
        (outer + "test_errors", "error", "KeyError: 'boom'"),
        (outer + "test_expected_failure", "xfail", None),
        (outer + "test_fails", "fail", "AssertionError: 1 != 2"),
        (outer + "test_runs_a_child_process", "pass", None),
        (outer + "test_runs_an_inner_suite", "pass", None),
        (outer + "test_skipped", "skip", "not today"),
    ]


@pytest.mark.parametrize("version", PYTHONS)
def test_class_setup_errors_and_doctests(tmp_path: Path, version: str) -> None:
    python = pyenv_python(version)
    assert python is not None
    (tmp_path / "test_setup.py").write_text(
        textwrap.dedent('''
        import doctest
        import unittest


        def double(x):
            """
            >>> double(2)
            4
            """
            return x * 2


        class Broken(unittest.TestCase):
            @classmethod
            def setUpClass(cls):
                raise ValueError("no database")

            def test_a(self):
                pass


        def load_tests(loader, tests, pattern):
            tests.addTests(doctest.DocTestSuite())
            return tests
        ''')
    )
    records = recorded(python, ["-m", "unittest", "test_setup"], tmp_path)
    assert sorted((r["id"], r["o"], r.get("m")) for r in records) == [
        ("setUpClass (test_setup.Broken)", "error", "ValueError: no database"),
        ("test_setup.double", "pass", None),
    ]


def test_a_failing_subtest_fails_its_test_once(tmp_path: Path) -> None:
    (tmp_path / "test_sub.py").write_text(
        textwrap.dedent("""
        import unittest


        class Sub(unittest.TestCase):
            def test_values(self):
                for value in (1, 2, 3):
                    with self.subTest(value=value):
                        self.assertLess(value, 2)
        """)
    )
    records = recorded(sys.executable, ["-m", "unittest", "test_sub"], tmp_path)
    assert records == [
        {
            "id": "test_sub.Sub.test_values",
            "o": "fail",
            "m": "AssertionError: 2 not less than 2",
            "t": ["test_sub.py:9"],  # the assertion's line: where the failure happened
        }
    ]


def test_pytest_outcomes_are_recorded_by_node_id(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text(
        textwrap.dedent("""
        import unittest

        import pytest


        @pytest.fixture
        def broken():
            raise RuntimeError("no fixture")


        @pytest.mark.parametrize("n", [1, 2])
        def test_param(n):
            assert n == 1

        def test_setup_error(broken):
            pass

        @pytest.mark.skip(reason="later")
        def test_skipped():
            pass

        @pytest.mark.xfail(reason="known")
        def test_xfail():
            assert False

        class Case(unittest.TestCase):
            def test_unittest_style(self):
                inner = unittest.TestResult()
                unittest.FunctionTestCase(lambda: None).run(inner)
                self.assertTrue(inner.wasSuccessful())
        """)
    )
    (tmp_path / "test_broken.py").write_text("import no_such_module_here\n")
    records = recorded(
        sys.executable,
        ["-m", "pytest", "-p", "no:cacheprovider", "--continue-on-collection-errors"],
        tmp_path,
    )
    assert sorted((r["id"], r["o"], r.get("m")) for r in records) == [
        ("test_broken.py", "error", "ImportError while importing test module "
         f"'{tmp_path / 'test_broken.py'}'."),
        ("test_plain.py::Case::test_unittest_style", "pass", None),
        ("test_plain.py::test_param[1]", "pass", None),
        ("test_plain.py::test_param[2]", "fail", "assert 2 == 1"),
        ("test_plain.py::test_setup_error", "error", "RuntimeError: no fixture"),
        ("test_plain.py::test_skipped", "skip", "later"),
        ("test_plain.py::test_xfail", "xfail", "known"),
    ]  # fmt: skip


# A project's own minimal unittest, as mechanize bundles one in test-tools/unittest.
BUNDLED_UNITTEST = """
import sys

BUNDLED = True


class TestResult(object):
    def __init__(self):
        self.failures, self.errors = [], []

    def startTest(self, test):
        pass

    def stopTest(self, test):
        pass

    def addSuccess(self, test):
        pass

    def addFailure(self, test, err):
        self.failures.append(test)

    def addError(self, test, err):
        self.errors.append(test)


class TestCase(object):
    def __init__(self, name):
        self.name = name

    def id(self):
        return "%s.%s.%s" % (type(self).__module__, type(self).__name__, self.name)

    def run(self, result):
        result.startTest(self)
        try:
            getattr(self, self.name)()
        except AssertionError:
            result.addFailure(self, sys.exc_info())
        except Exception:
            result.addError(self, sys.exc_info())
        else:
            result.addSuccess(self)
        result.stopTest(self)
"""

BUNDLED_RUNNER = """
import sys

assert "unittest" not in sys.modules, "imported at start-up"
sys.path.insert(0, "tools")
import unittest

assert getattr(unittest, "BUNDLED", False), unittest.__file__


class Case(unittest.TestCase):
    def test_pass(self):
        pass

    def test_fail(self):
        assert 1 == 2, "one is not two"

    def test_error(self):
        {}["key"]


result = unittest.TestResult()
for name in ("test_pass", "test_fail", "test_error"):
    Case(name).run(result)
assert len(result.failures) == len(result.errors) == 1
sys.modules.pop("unittest")
sys.path.remove("tools")
import unittest  # the standard library's, second: not watched any more

assert not getattr(unittest, "BUNDLED", False)
unittest.FunctionTestCase(lambda: None).run(unittest.TestResult())
print("runner done")
"""


@pytest.mark.parametrize("version", PYTHONS)
def test_a_bundled_unittest_imported_first_is_the_one_recorded(
    tmp_path: Path, version: str
) -> None:
    python = pyenv_python(version)
    assert python is not None
    (tmp_path / "tools" / "unittest").mkdir(parents=True)
    (tmp_path / "tools" / "unittest" / "__init__.py").write_text(BUNDLED_UNITTEST)
    (tmp_path / "run_tests.py").write_text(BUNDLED_RUNNER)
    records = recorded(python, ["run_tests.py"], tmp_path)
    assert sorted((r["id"], r["o"], r.get("m")) for r in records) == [
        ("__main__.Case.test_error", "error", "KeyError: 'key'"),
        ("__main__.Case.test_fail", "fail", "AssertionError: one is not two"),
        ("__main__.Case.test_pass", "pass", None),
    ]


DOCTESTED = '''
def double(x):
    """
    >>> double(2)
    4
    """
    return x * 2


def half(x):
    """
    >>> half(4)
    2
    >>> half(5)
    2
    """
    return x / 2


def broken(x):
    """
    >>> broken(1)
    1
    """
    return {}[x]


if __name__ == "__main__":
    import doctest

    doctest.testmod()
'''


@pytest.mark.parametrize("version", PYTHONS)
def test_doctest_runs_outside_unittest_record_each_docstring(tmp_path: Path, version: str) -> None:
    python = pyenv_python(version)
    assert python is not None
    (tmp_path / "calc.py").write_text(DOCTESTED)
    records = recorded(python, ["calc.py"], tmp_path)
    by_id = {record["id"]: record for record in records}
    assert sorted(by_id) == ["__main__.broken", "__main__.double", "__main__.half"]
    assert by_id["__main__.double"] == {"id": "__main__.double", "o": "pass"}
    broken = by_id["__main__.broken"]
    assert (broken["o"], broken["m"]) == ("error", "KeyError: 1")
    # The example's line in the docstring, then the frame of the function that raised.
    assert broken["t"] == ["calc.py:22", "calc.py:25"]
    half = by_id["__main__.half"]
    if version == "2.7":  # 5 / 2 is 2 on Python 2: the docstring holds
        assert half["o"] == "pass"
    else:
        assert (half["o"], half["m"], half["t"]) == (
            "fail",
            "Failed example: half(4)",
            ["calc.py:12"],  # 2.0 is not 2
        )


def test_python_m_doctest_on_a_text_file(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text(">>> 1 + 1\n2\n>>> print('a')\nb\n")
    records = recorded(sys.executable, ["-m", "doctest", "README.txt"], tmp_path)
    assert records == [
        {"id": "README.txt", "o": "fail", "m": "Failed example: print('a')", "t": ["README.txt:3"]}
    ]


def test_pytest_failures_carry_their_frames_in_the_tree(tmp_path: Path) -> None:
    (tmp_path / "lib.py").write_text("def parse(text):\n    return int(text)\n")
    (tmp_path / "test_lib.py").write_text(
        "import lib\n\n\ndef test_parse():\n    assert lib.parse('x') == 1\n"
    )
    records = recorded(sys.executable, ["-m", "pytest", "-p", "no:cacheprovider"], tmp_path)
    assert [(r["id"], r["o"], r.get("t")) for r in records] == [
        ("test_lib.py::test_parse", "fail", ["test_lib.py:5", "lib.py:2"])
    ]


HANGING = """
import time
import unittest


class Slow(unittest.TestCase):
    def test_hangs(self):
        try:
            time.sleep(60)
        except Exception:  # the timeout is not an Exception: this does not swallow it
            pass

    def test_after(self):
        pass
"""


@pytest.mark.parametrize("version", PYTHONS)
def test_a_test_over_the_per_test_timeout_errors_and_the_run_goes_on(
    tmp_path: Path, version: str
) -> None:
    python = pyenv_python(version)
    assert python is not None
    (tmp_path / "test_slow.py").write_text(HANGING)
    records = recorded(python, ["-m", "unittest", "test_slow"], tmp_path, test_timeout=1)
    assert sorted((r["id"], r["o"], r.get("m")) for r in records) == [
        ("test_slow.Slow.test_after", "pass", None),
        ("test_slow.Slow.test_hangs", "error", "TestTimeout: the test ran longer than 1 s"),
    ]


def test_pytest_tests_get_the_per_test_timeout_too(tmp_path: Path) -> None:
    (tmp_path / "test_slow.py").write_text(
        "import time\n\ndef test_hangs():\n    time.sleep(60)\n\ndef test_after():\n    pass\n"
    )
    args = ["-m", "pytest", "-p", "no:cacheprovider"]
    records = recorded(sys.executable, args, tmp_path, test_timeout=1)
    assert sorted((r["id"], r["o"]) for r in records) == [
        ("test_slow.py::test_after", "pass"),
        ("test_slow.py::test_hangs", "fail"),
    ]
