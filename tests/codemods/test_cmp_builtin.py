import subprocess

import pytest

from codemods.cmp_builtin import CmpBuiltin
from codemods.cmp_to_key import CmpToKey
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_python, run

LAMBDA = "lambda a, b: (a > b) - (a < b)"

REWRITES = [
    pytest.param(
        "r = cmp(str(self), other)\n",
        "r = (lambda a, b: (a > b) - (a < b))(str(self), other)\n",
        id="a call operand: evaluated once, through the lambda (mutagen)",
    ),
    pytest.param(
        "r = cmp(a + 1, b) or cmp(len(x), len(y))\n",
        "r = (lambda left, right: (left > right) - (left < right))(a + 1, b) or "
        "(lambda left, right: (left > right) - (left < right))(len(x), len(y))\n",
        id="operators (names a, b, x, y taken)",
    ),
    pytest.param(
        "def order(x, y):\n    return cmp(x, y)\n",
        "def order(x, y):\n    return (x > y) - (x < y)\n",
        id="return: no outer parentheses",
    ),
    pytest.param(
        "r = -cmp(p[0], -1) * 2 + cmp(p.q, 'z')\n",
        "r = -((p[0] > -1) - (p[0] < -1)) * 2 + ((p.q > 'z') - (p.q < 'z'))\n",
        id="parenthesized under unary minus and right of +",
    ),
    pytest.param(
        "ok = cmp(x, y) - 1 == 0 and not cmp(x, y)\n",
        "ok = (x > y) - (x < y) - 1 == 0 and not (x > y) - (x < y)\n",
        id="left of -, in a comparison, under not: no parentheses needed",
    ),
    pytest.param(
        "s = cmp(x, y).real + 2 ** cmp(x, y) + (cmp(x, y))\n",
        "s = ((x > y) - (x < y)).real + 2 ** ((x > y) - (x < y)) + ((x > y) - (x < y))\n",
        id="attribute, power, own parentheses kept",
    ),
    pytest.param(
        "f = cmp\nxs.sort(cmp)\nk = functools.cmp_to_key(cmp)\ng = [cmp]\nz = order(xs, cmp=cmp)\n",
        f"f = {LAMBDA}\nxs.sort({LAMBDA})\nk = functools.cmp_to_key({LAMBDA})\ng = [{LAMBDA}]\n"
        f"z = order(xs, cmp={LAMBDA})\n",
        id="values where a lambda needs no parentheses",
    ),
    pytest.param(
        "g = cmp if c else None\nt = cmp, 1\ns = f'{cmp}'\n",
        f"g = ({LAMBDA}) if c else None\nt = ({LAMBDA}), 1\ns = f'{{({LAMBDA})}}'\n",
        id="values where a lambda needs parentheses",
    ),
    pytest.param(
        "a = 1\nby = cmp\n",
        "a = 1\nby = lambda x, y: (x > y) - (x < y)\n",
        id="parameter names the file does not use",
    ),
    pytest.param(
        "class L:\n    by = cmp\n    def f(self, c=cmp): pass\n",
        f"class L:\n    by = staticmethod({LAMBDA})\n    def f(self, c={LAMBDA}): pass\n",
        id="class attribute stays a plain function; a default never binds",
    ),
    pytest.param(
        "def f(xs):\n    return sorted(xs, cmp=cmp), cmp(xs[0], xs[1])\n",
        "def f(xs):\n    return sorted(xs, cmp=cmp), (xs[0] > xs[1]) - (xs[0] < xs[1])\n",
        id="cmp=cmp of a sort left to cmp_to_key",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CmpBuiltin, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(cmp):\n    return cmp(1, 2) + cmp\n", id="cmp is a parameter"),
        pytest.param("from util import cmp\nr = cmp(a, b)\n", id="imported cmp"),
        pytest.param("try:\n    cmp\nexcept NameError:\n    cmp = None\n", id="compat shim"),
        pytest.param("from six.moves import *\nr = cmp(a, b)\n", id="star import"),
        pytest.param("r = x.cmp(a, cmp=b)\n", id="attribute and keyword names"),
        pytest.param("ys = sorted(xs, cmp=cmp)\nxs.sort(cmp=cmp)\n", id="cmp_to_key drops these"),
    ],
)
def test_noop(source: str) -> None:
    assert not assert_noop(CmpBuiltin, source).notes


@pytest.mark.parametrize(
    ("source", "note"),
    [
        pytest.param("r = cmp(a, b=1)\n", "not two plain arguments", id="keyword"),
        pytest.param("r = cmp(*pair)\n", "not two plain arguments", id="star"),
        pytest.param("r = cmp(a,  # first\n        b)\n", "not two plain arguments", id="comment"),
        pytest.param("obj.by = cmp\n", "a lambda there could become a method", id="attribute"),
        pytest.param(
            "class L:\n    a, b = cmp, 1\n",
            "a lambda there could become a method",
            id="class body, unpacked",
        ),
        pytest.param(
            "staticmethod = None\nclass L:\n    by = cmp\n",
            "a lambda there could become a method",
            id="staticmethod is not the builtin",
        ),
    ],
)
def test_refused_with_note(source: str, note: str) -> None:
    outcome = assert_noop(CmpBuiltin, source)
    line = source[: source.rindex("cmp")].count("\n") + 1
    assert outcome.notes == [f"cmp kept on line(s) {line}: {note}; Python 3 has no cmp"]


MECHANIZE = """\
class TestLoader:
    sortTestMethodsUsing = cmp

    def getTestCaseNames(self, names):
        if self.sortTestMethodsUsing:
            names.sort(self.sortTestMethodsUsing)
        return names
"""


def test_after_cmp_to_key_on_mechanize_loader() -> None:
    """Together they port mechanize's bundled unittest loader: a staticmethod and cmp_to_key."""
    settings = Settings((3, 8), (CmpToKey, CmpBuiltin), unsafe=False, python2=True)
    outcome = modernize_text(MECHANIZE + "xs.sort(cmp=cmp)\n", settings)
    expected = MECHANIZE.replace("= cmp", f"= staticmethod({LAMBDA})").replace(
        "names.sort(self.sortTestMethodsUsing)",
        "names.sort(key=functools.cmp_to_key(self.sortTestMethodsUsing))",
    )
    assert outcome.code == "import functools\n\n" + expected + "xs.sort()\n"
    assert outcome.rewrites == {"cmp_to_key": 2, "cmp_builtin": 1}


BEHAVIOUR = """\
import functools

class Loader(object):
    by = cmp

    def names(self, names):
        return sorted(names, key=functools.cmp_to_key(self.by))

values = [1, 2.5, -3, "a", "b", "", (1, 2), (1, 3), (1,), [2], [1, 5], True]
signs = []
for x in values:
    for y in values:
        if type(x) is type(y) or (type(x) in (int, float, bool) and type(y) in (int, float, bool)):
            signs.append(cmp(x, y))
print(repr(signs))
print(repr(Loader().names(["b", "c", "a"])))
"""


def test_behaves_on_python3_as_cmp_on_python2() -> None:
    python2, python3 = pyenv_python("2.7"), pyenv_python("3.11")
    if python2 is None or python3 is None:
        pytest.skip("needs pyenv's Python 2.7 and 3.11")
    code = run(CmpBuiltin, BEHAVIOUR).code
    assert "cmp(" not in code.replace("cmp_to_key(", "")

    def output(python: str, source: str) -> str:
        done = subprocess.run([python, "-c", source], capture_output=True, text=True, check=True)
        return done.stdout

    expected = output(python2, BEHAVIOUR)
    assert expected.endswith("\n['a', 'b', 'c']\n") and "1, -1" in expected
    assert output(python3, code) == expected


def test_docstring_example() -> None:
    assert_rewrite(CmpBuiltin, *docstring_example(CmpBuiltin))
