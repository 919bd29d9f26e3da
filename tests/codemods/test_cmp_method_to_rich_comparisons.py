import subprocess

import pytest

from codemods.cmp_method_to_rich_comparisons import CmpMethodToRichComparisons
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_python, run

SIX = """\
    def __eq__(self, other):
        return self.__cmp__(other) == 0

    def __ne__(self, other):
        return self.__cmp__(other) != 0

    def __lt__(self, other):
        return self.__cmp__(other) < 0

    def __le__(self, other):
        return self.__cmp__(other) <= 0

    def __gt__(self, other):
        return self.__cmp__(other) > 0

    def __ge__(self, other):
        return self.__cmp__(other) >= 0
"""
CMP = "    def __cmp__(self, other):\n        return cmp(self.key, other.key)\n"

REWRITES = [
    pytest.param(
        f"class Old:\n{CMP}\n    # helpers\n    def show(self):\n        pass\n",
        f"class Old:\n{CMP}\n{SIX}\n    # helpers\n    def show(self):\n        pass\n",
        id="old-style class: unhashable on 2.7 as in 3, no __hash__; comment stays above show",
    ),
    pytest.param(
        f"class V(object):\n    x = 1\n\n{CMP}",
        f"class V(object):\n    x = 1\n\n{CMP}\n{SIX}\n    __hash__ = object.__hash__\n",
        id="new-style class keeps its identity hash",
    ),
    pytest.param(
        f"class V(object):\n{CMP}\n    def __hash__(self):\n        return 1\n",
        f"class V(object):\n{CMP}\n{SIX}\n    def __hash__(self):\n        return 1\n",
        id="own __hash__ kept",
    ),
    pytest.param(
        f"__metaclass__ = type\n\nclass V:\n{CMP}",
        f"__metaclass__ = type\n\nclass V:\n{CMP}\n{SIX}\n    __hash__ = object.__hash__\n",
        id="module-level __metaclass__ makes the class new-style",
    ),
    pytest.param(
        f"class V:\n    __metaclass__ = Meta\n{CMP}",
        f"class V:\n    __metaclass__ = Meta\n{CMP}{SIX.replace(chr(10) * 2, chr(10))}"
        "    __hash__ = object.__hash__\n",
        id="class __metaclass__; no blank lines between the class's statements",
    ),
    pytest.param(
        "class P:\n    def __cmp__(s, o): return 0\n    def f(self): pass\n",
        "class P:\n    def __cmp__(s, o): return 0\n"
        + "".join(
            f"    def __{n}__(self, other): return self.__cmp__(other) {op} 0\n"
            for n, op in [
                ("eq", "=="),
                ("ne", "!="),
                ("lt", "<"),
                ("le", "<="),
                ("gt", ">"),
                ("ge", ">="),
            ]
        )
        + "    def f(self): pass\n",
        id="one-line methods stay one-line",
    ),
    pytest.param(
        "def outer():\n  class V:\n    def __cmp__(self, o):\n        return 0\n  return V\n",
        "def outer():\n  class V:\n    def __cmp__(self, o):\n        return 0\n\n"
        "    def __eq__(self, other):\n        return self.__cmp__(other) == 0\n"
        + "".join(
            f"\n    def __{n}__(self, other):\n        return self.__cmp__(other) {op} 0\n"
            for n, op in [("ne", "!="), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")]
        )
        + "  return V\n",
        id="nested class keeps its indentation",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CmpMethodToRichComparisons, before, after)


def test_other_base_only_under_unsafe() -> None:
    source = f"class V(base.Base):\n{CMP}"
    outcome = assert_noop(CmpMethodToRichComparisons, source)
    assert outcome.notes == [
        "class V: a base may define rich comparisons; add the rich comparisons by hand "
        "(or --unsafe)"
    ]
    after = f"{source}\n{SIX}\n    __hash__ = base.Base.__hash__\n"
    assert_rewrite(CmpMethodToRichComparisons, source, after, unsafe=True)


NOTED = "; add the rich comparisons by hand"


@pytest.mark.parametrize(
    ("source", "note"),
    [
        pytest.param(
            "class V:\n    def __cmp__(self, o):\n        return NotImplemented\n",
            "class V: __cmp__ returns NotImplemented" + NOTED,
            id="NotImplemented would be compared with 0 and raise",
        ),
        pytest.param(
            f"class V:\n    @check\n{CMP}",
            "class V: __cmp__ is not one plain method" + NOTED,
            id="decorated __cmp__",
        ),
        pytest.param(
            f"class V:\n    if PY2:\n    {CMP.replace(chr(10) + '   ', chr(10) + '       ')}",
            "class V: __cmp__ is not one plain method" + NOTED,
            id="__cmp__ under if",
        ),
        pytest.param(
            f"class V:\n{CMP}{CMP}",
            "class V: __cmp__ is not one plain method" + NOTED,
            id="__cmp__ defined twice",
        ),
        pytest.param(
            f"class V:\n{CMP}    def __lt__(self, o):\n        return False\n",
            "class V: Python 3 ignores __cmp__ beside __lt__",
            id="an incomplete set of rich comparisons already",
        ),
        pytest.param(
            f"class V(A, B):\n{CMP}",
            "class V: a base may define rich comparisons" + NOTED + " (or --unsafe)",
            id="several bases: the inherited hash cannot be named",
        ),
    ],
)
def test_refused_with_note(source: str, note: str) -> None:
    assert assert_noop(CmpMethodToRichComparisons, source, unsafe=True).notes == [note]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            f"class V:\n{CMP}    __eq__ = lambda s, o: True\n"
            "    __lt__ = __le__ = __gt__ = __ge__ = __eq__\n",
            id="complete rich comparisons, even assigned ones, win",
        ),
        pytest.param(
            f"@functools.total_ordering\nclass V:\n{CMP}"
            "    def __lt__(self, o):\n        return 1\n",
            id="total_ordering fills in the order",
        ),
        pytest.param(f"{CMP.replace('    ', '', 1)}", id="a module-level function named __cmp__"),
        pytest.param("class V:\n    __cmp__ = compare\n", id="assigned __cmp__ (precheck)"),
    ],
)
def test_noop(source: str) -> None:
    assert not assert_noop(CmpMethodToRichComparisons, source).notes


BEHAVIOUR = """\
class New(object):
    def __init__(self, n):
        self.n = n

    def __cmp__(self, other):
        return (self.n > other.n) - (self.n < other.n)

class Old:
    def __init__(self, n):
        self.n = n

    def __cmp__(self, other):
        return (self.n > other.n) - (self.n < other.n)

for cls in (New, Old):
    a, b = cls(1), cls(2)
    seen = [a == cls(1), a != b, a < b, a <= b, a > b, b >= a, a in [cls(1)]]
    seen += [[x.n for x in sorted([b, a, cls(0)])], max(a, b).n]
    try:
        seen.append({a: 1}[a])
    except TypeError:
        seen.append("unhashable")
    print(repr(seen))
"""


def test_converted_class_behaves_on_python3_as_the_original_on_python2() -> None:
    python2, python3 = pyenv_python("2.7"), pyenv_python("3.11")
    if python2 is None or python3 is None:
        pytest.skip("needs pyenv's Python 2.7 and 3.11")
    outcome = run(CmpMethodToRichComparisons, BEHAVIOUR)
    assert outcome.code.count("return self.__cmp__(other)") == 12

    def output(python: str, code: str) -> str:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
        return done.stdout

    expected = output(python2, BEHAVIOUR)
    assert expected == (
        "[True, True, True, True, False, True, True, [0, 1, 2], 2, 1]\n"
        "[True, True, True, True, False, True, True, [0, 1, 2], 2, 'unhashable']\n"
    )
    assert output(python3, outcome.code) == expected


def test_docstring_example() -> None:
    assert_rewrite(CmpMethodToRichComparisons, *docstring_example(CmpMethodToRichComparisons))
