import pytest

from codemods.named_tuple_class_syntax import NamedTupleClassSyntax
from tests.helpers import assert_noop, assert_rewrite, docstring_example

NT = "from typing import NamedTuple\n"
TD = "from typing import TypedDict\n"

REWRITES = [
    pytest.param(
        NT + "P = NamedTuple('P', [('x', int), ('y', 'P')])\n",
        NT + "class P(NamedTuple):\n    x: int\n    y: 'P'\n",
        id="NamedTuple, a forward reference kept",
    ),
    pytest.param(
        "import typing\nP = typing.NamedTuple('P', (('x', int),))\n",
        "import typing\nclass P(typing.NamedTuple):\n    x: int\n",
        id="dotted, fields in a tuple",
    ),
    pytest.param(
        NT + "P = NamedTuple('P', x=int, y=str)\n",
        NT + "class P(NamedTuple):\n    x: int\n    y: str\n",
        id="NamedTuple keyword form",
    ),
    pytest.param(
        NT + "E = NamedTuple('E', [])\n",
        NT + "class E(NamedTuple):\n    pass\n",
        id="empty",
    ),
    pytest.param(
        TD + "M = TypedDict('M', {'title': str, '_year': int}, total=False)\n",
        TD + "class M(TypedDict, total=False):\n    title: str\n    _year: int\n",
        id="TypedDict with total",
    ),
    pytest.param(
        TD + "M = TypedDict('M', title=str)\n",
        TD + "class M(TypedDict):\n    title: str\n",
        id="TypedDict keyword form (removed in 3.13)",
    ),
    pytest.param(
        "from typing_extensions import TypedDict\nM = TypedDict('M', {\n    'a': int,\n})\n",
        "from typing_extensions import TypedDict\nclass M(TypedDict):\n    a: int\n",
        id="typing_extensions, multi-line",
    ),
    pytest.param(
        NT + "# points\nP = NamedTuple('P', [('x', int)])  # 1-D\n",
        NT + "# points\nclass P(NamedTuple):  # 1-D\n    x: int\n",
        id="comments around survive",
    ),
    pytest.param(
        NT + "def f():\n    P = NamedTuple('P', [('x', int)])\n    return P\n",
        NT + "def f():\n    class P(NamedTuple):\n        x: int\n    return P\n",
        id="in a function",
    ),
    pytest.param(
        "from __future__ import annotations\n" + NT + "P = NamedTuple('P', [('x', int)])\n",
        "from __future__ import annotations\n" + NT + "class P(NamedTuple):\n    x: int\n",
        id="postponed annotations at module level",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(NamedTupleClassSyntax, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            NT + "P = NamedTuple('Point', [('x', int)])\n", id="the class would be renamed"
        ),
        pytest.param(NT + "P = NamedTuple('P', [('in', int)])\n", id="a keyword field"),
        pytest.param(NT + "P = NamedTuple('P', [('a-b', int)])\n", id="not an identifier"),
        pytest.param(NT + "P = NamedTuple('P', [('_x', int)])\n", id="namedtuple refuses _x"),
        pytest.param(NT + "P = NamedTuple('P', fields)\n", id="fields not literal"),
        pytest.param(NT + "P = NamedTuple('P', fields=[('x', int)])\n", id="fields= keyword"),
        pytest.param(NT + "P = NamedTuple('P', [('x', int)], x=int)\n", id="both forms"),
        pytest.param(TD + "M = TypedDict('M', {'__id': int})\n", id="private: mangled in a class"),
        pytest.param(TD + "M = TypedDict('M', {'__x__': int})\n", id="dunder field"),
        pytest.param(TD + "M = TypedDict('M', {'a': int, **base})\n", id="unpacked dict"),
        pytest.param(TD + "M = TypedDict('M', {'a': int}, total=flag)\n", id="total not literal"),
        pytest.param(TD + "M = TypedDict('M', {'a': int}, closed=True)\n", id="other keywords"),
        pytest.param(TD + "M = TypedDict('M', a=int, total=False)\n", id="keywords with total"),
        pytest.param(TD + "M = TypedDict('M', dict(a=int))\n", id="not a dict display"),
        pytest.param(
            TD + "M = TypedDict('M', {'a': int,  # the a\n    'b': str})\n",
            id="a comment inside would be lost",
        ),
        pytest.param(TD + "M = N = TypedDict('M', {'a': int})\n", id="two targets"),
        pytest.param(TD + "x = 1; M = TypedDict('M', {'a': int})\n", id="other statements"),
        pytest.param(
            "from collections import namedtuple\nP = namedtuple('P', 'x y')\n", id="no types"
        ),
        pytest.param(
            "from __future__ import annotations\n" + NT + "def f(T):\n"
            "    P = NamedTuple('P', [('x', T)])\n",
            id="postponed annotations could not see the local T",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(NamedTupleClassSyntax, source)


def test_target_gating() -> None:
    assert_noop(NamedTupleClassSyntax, NT + "P = NamedTuple('P', [('x', int)])\n", "3.5")


def test_docstring_example() -> None:
    assert_rewrite(NamedTupleClassSyntax, *docstring_example(NamedTupleClassSyntax))
