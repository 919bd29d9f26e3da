import pytest

from codemods.unittest_make_suite import UnittestMakeSuite
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "from unittest import makeSuite, TestCase\nsuite = makeSuite(T)\nclass T(TestCase): pass\n",
        "from unittest import TestCase\nimport unittest\n\n"
        "suite = unittest.TestLoader().loadTestsFromTestCase(T)\nclass T(TestCase): pass\n",
        id="from-import",
    ),
    pytest.param(
        "import unittest as ut\ns = ut.makeSuite(T)\n",
        "import unittest\n\ns = unittest.TestLoader().loadTestsFromTestCase(T)\n",
        id="module alias: plain import unittest instead",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(UnittestMakeSuite, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import unittest\ns = unittest.makeSuite(T, 'check')\n", id="a prefix"),
        pytest.param("import unittest\ns = unittest.makeSuite(*args)\n", id="star"),
        pytest.param("def makeSuite(c): pass\ns = makeSuite(T)\n", id="a local makeSuite"),
        pytest.param("import unittest\nunittest = None\ns = unittest.makeSuite(T)\n", id="rebound"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(UnittestMakeSuite, source)


def test_kept_calls_are_noted() -> None:
    outcome = assert_noop(UnittestMakeSuite, "import unittest\ns = unittest.makeSuite(T, 'x')\n")
    assert any("line(s) 2: unittest.makeSuite kept" in note for note in outcome.notes)


def test_docstring_example() -> None:
    assert_rewrite(UnittestMakeSuite, *docstring_example(UnittestMakeSuite))
