import pytest

from codemods.dict_merge_operator import DictMergeOperator
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        defaults = {"color": "red", "size": 1}
        user = dict(size=2)
        settings = {**defaults, **user}
        """,
        """\
        defaults = {"color": "red", "size": 1}
        user = dict(size=2)
        settings = defaults | user
        """,
        id="docstring example",
    ),
    pytest.param(
        "def f(xs):\n    a = {}\n    b = {x: 1 for x in xs}\n    c: dict = {'k': 0}\n"
        "    return {**a, **b, **c}\n",
        "def f(xs):\n    a = {}\n    b = {x: 1 for x in xs}\n    c: dict = {'k': 0}\n"
        "    return a | b | c\n",
        id="three, in a function: comprehension and annotated binding",
    ),
    pytest.param(
        "a = {}\nb = {}\nfor k, v in {**a, **b}.items():\n    pass\n",
        "a = {}\nb = {}\nfor k, v in (a | b).items():\n    pass\n",
        id="parenthesized for an attribute",
    ),
    pytest.param(
        "a = {}\nb = {}\nf(**{**a, **b}, x={**a, **b})\nok = 'k' in {**a, **b}\n",
        "a = {}\nb = {}\nf(**(a | b), x=a | b)\nok = 'k' in a | b\n",
        id="arguments and comparisons",
    ),
    pytest.param(
        "a = {}\nb = {}\nc = ({**a, **b})  # merged\nd = x | {**a, **b}\n",
        "a = {}\nb = {}\nc = (a | b)  # merged\nd = x | (a | b)\n",
        id="parentheses kept or added; comment after kept",
    ),
    pytest.param(
        "a = {}\nb = {}\nc = {\n    **a,\n    **b,\n}\n",
        "a = {}\nb = {}\nc = a | b\n",
        id="multi-line display without comments",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DictMergeOperator, before, after, target="3.9")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(a):\n    b = {}\n    return {**a, **b}\n", id="a parameter"),
        pytest.param("a = {}\nc = {**a, **b}\n", id="b unbound: maybe a mapping"),
        pytest.param("a = {}\nb = {}\nb = {}\nc = {**a, **b}\n", id="b bound twice"),
        pytest.param("a = {}\nb = {}\nb |= x\nc = {**a, **b}\n", id="b augmented"),
        pytest.param("a = {}\nb = OrderedDict()\nc = {**a, **b}\n", id="OrderedDict | keeps type"),
        pytest.param("a = {}\nb = a.copy()\nc = {**a, **b}\n", id="b from a method call"),
        pytest.param(
            "a = {}\ndef f():\n    b = {}\n    return {**a, **b}\n", id="a from an enclosing scope"
        ),
        pytest.param(
            "a = {}\nb = {}\ndef f():\n    global b\n    b = g()\nc = {**a, **b}\n",
            id="b rebound through global",
        ),
        pytest.param("dict = f\na = dict()\nb = {}\nc = {**a, **b}\n", id="dict shadowed"),
        pytest.param("a = {}\nb = {}\nc = {**a, **b, 'k': 1}\n", id="a key besides the spreads"),
        pytest.param("a = {}\nc = {**a}\n", id="a single spread is a copy"),
        pytest.param("a = {}\nb = {}\nc = {**a, **b.d}\n", id="not a name"),
        pytest.param("a = {}\nb = {}\nc = {**a,  # x\n     **b}\n", id="comment inside"),
        pytest.param("from m import *\na = {}\nb = {}\nc = {**a, **b}\n", id="star import"),
        pytest.param("a = {}\nb = {}\na.update(b)\n", id="update mutates a: never touched"),
        pytest.param(
            "a = {}\nb = {}\nc = [{**a, **b} for a in xs]\n", id="a comprehension variable"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DictMergeOperator, source, target="3.9")


def test_target_before_3_9_is_a_noop() -> None:
    before, _ = docstring_example(DictMergeOperator)
    assert_noop(DictMergeOperator, before, target="3.8")


BEHAVIOUR = """\
a = {"x": 1, "y": 2}
b = dict(y=3, z=4)
c = {k: k * 2 for k in "zw"}
merged = {**a, **b, **c}
print(merged, type(merged).__name__, merged is a, list({**a, **b}.items()))
merged["new"] = 1
print(a, b, "new" in {**b, **a})
"""


def test_same_output_on_a_real_interpreter() -> None:
    after = run(DictMergeOperator, BEHAVIOUR, target="3.9").code
    assert after.count(" | ") == 4
    assert pyenv_output("3.11", BEHAVIOUR) == pyenv_output("3.11", after)


def test_docstring_example() -> None:
    assert_rewrite(DictMergeOperator, *docstring_example(DictMergeOperator), target="3.9")
