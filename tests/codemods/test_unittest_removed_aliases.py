import unittest

import pytest

from codemods.unittest_removed_aliases import ALIASES, UnittestRemovedAliases
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run


def in_test(body: str) -> str:
    """``body`` (one statement per line) inside a test method of a TestCase."""
    lines = "".join(f"        {line}\n" for line in body.splitlines())
    return f"class T(unittest.TestCase):\n    def test_it(self):\n{lines}"


REWRITES = [
    pytest.param(in_test(f"self.{old}(a, b)"), in_test(f"self.{new}(a, b)"), id=old)
    for old, new in ALIASES.items()
] + [
    pytest.param(
        in_test("check = self.assertEquals\ncheck(a, b)"),
        in_test("check = self.assertEqual\ncheck(a, b)"),
        id="bare reference",
    ),
    pytest.param(
        in_test("def inner():\n    self.failIf(x)\nmap(lambda v: self.assert_(v), xs)"),
        in_test("def inner():\n    self.assertFalse(x)\nmap(lambda v: self.assertTrue(v), xs)"),
        id="nested function and lambda of a method",
    ),
    pytest.param(
        in_test("with self.failUnlessRaises(KeyError):\n    d[k]"),
        in_test("with self.assertRaises(KeyError):\n    d[k]"),
        id="context manager",
    ),
    pytest.param(
        "class T(unittest.TestCase):\n    @classmethod\n    def setUpClass(self):\n"
        "        self.assertEquals(1, 1)\n",
        "class T(unittest.TestCase):\n    @classmethod\n    def setUpClass(self):\n"
        "        self.assertEqual(1, 1)\n",
        id="classmethod: the class attribute is the same function",
    ),
    pytest.param(
        "class H:\n    def failUnless(self, x): pass\n"
        "class T(unittest.TestCase):\n    def test_it(self):\n"
        "        self.failUnless(x)\n        self.assertEquals(a, b)\n",
        "class H:\n    def failUnless(self, x): pass\n"
        "class T(unittest.TestCase):\n    def test_it(self):\n"
        "        self.failUnless(x)\n        self.assertEqual(a, b)\n",
        id="a name the file defines is kept, the others are renamed",
    ),
    pytest.param(
        "class T(unittest.TestCase):\n    def test_it(self, /):\n        self.assert_(x)\n",
        "class T(unittest.TestCase):\n    def test_it(self, /):\n        self.assertTrue(x)\n",
        id="positional-only self",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(UnittestRemovedAliases, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(in_test("other.assertEquals(a, b)  # not self.assertEquals"), id="not self"),
        pytest.param(in_test("super().failIf(x)  # self.failIf"), id="super() receiver"),
        pytest.param("def check(self):\n    self.assertEquals(a, b)\n", id="not in a class"),
        pytest.param(
            "class T(unittest.TestCase):\n    def test_it(this, self):\n"
            "        self.assertEquals(a, b)\n",
            id="self is not the first parameter",
        ),
        pytest.param(
            "class T(unittest.TestCase):\n    @staticmethod\n    def check(self):\n"
            "        self.assertEquals(a, b)\n",
            id="staticmethod: self is any argument",
        ),
        pytest.param(
            "class T(unittest.TestCase):\n    def test_it(self):\n        self = other\n"
            "        self.assertEquals(a, b)\n",
            id="self rebound",
        ),
        pytest.param(
            "class Helper(unittest.TestCase):\n"
            "    def assertEquals(self, a, b):\n        self.assertEquals(a, b, 'x')\n",
            id="the class defines the alias itself",
        ),
        pytest.param(
            "class Helper(unittest.TestCase):\n    def assertEqual(self, a, b): pass\n"
            "    def test_it(self):\n        self.assertEquals(a, b)\n",
            id="override of the new name: the alias reached unittest's own method",
        ),
        pytest.param(in_test("self.assert_ = mock.Mock()\nself.assert_(x)"), id="alias assigned"),
        pytest.param(in_test("self.assertEqual(a, b)  # self.assertEquals"), id="new name"),
        pytest.param(in_test("self.assert_equals(a, b)  # self.assert_"), id="not an alias"),
    ],
)
def test_noop(source: str) -> None:
    assert UnittestRemovedAliases.wants(source), "the pre-check alone would make this a no-op"
    assert_noop(UnittestRemovedAliases, source)


def test_assert_dict_contains_subset_is_kept_with_a_note() -> None:
    source = in_test("self.assertEquals(a, b)\nself.assertDictContainsSubset(sub, d)")
    outcome = run(UnittestRemovedAliases, source)
    assert outcome.code == in_test("self.assertEqual(a, b)\nself.assertDictContainsSubset(sub, d)")
    assert any("assertDictContainsSubset kept on line(s) 4" in n for n in outcome.notes)


@pytest.mark.skipif(not hasattr(unittest.TestCase, "assertEquals"), reason="aliases gone")
def test_each_alias_wraps_the_method_it_is_renamed_to() -> None:
    for old, new in ALIASES.items():
        wrapper = getattr(unittest.TestCase, old)
        cells = [cell.cell_contents for cell in wrapper.__closure__ or ()]
        assert cells == [getattr(unittest.TestCase, new)], old


def test_docstring_example() -> None:
    assert_rewrite(UnittestRemovedAliases, *docstring_example(UnittestRemovedAliases))


def test_a_python2_port_also_renames_in_functions_taking_self() -> None:
    """mutagen's tests attach ``def check(self, tag=tag): self.assert_(...)`` to classes."""
    from legacylift.engine import Settings, modernize_text

    source = "for tag in tags:\n    def check(self, tag=tag): self.assert_(tag in tested)\n"
    ported = modernize_text(source, Settings((3, 8), (UnittestRemovedAliases,), python2=True))
    assert ported.code == source.replace("self.assert_(", "self.assertTrue(")
    plain = modernize_text(source, Settings((3, 8), (UnittestRemovedAliases,)))
    assert plain.code == source, "outside a port, only methods of a class body"
