import libcst as cst
import pytest

from codemods.defaultdict_lambda import DefaultdictLambda, factory
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

IMPORT = "from collections import defaultdict\n"

BODIES = [
    ("[]", "list"),
    ("()", "tuple"),
    ("{}", "dict"),
    ("0", "int"),
    ("0x0", "int"),
    ("0.0", "float"),
    ("0j", "complex"),
    ("False", "bool"),
    ("''", "str"),
    ('u""', "str"),
    ("'' ''", "str"),
    ("b''", "bytes"),
    ("set()", "set"),
    ("list()", "list"),
    ("dict()", "dict"),
    ("tuple()", "tuple"),
    ("frozenset()", "frozenset"),
    ("str()", "str"),
    ("int()", "int"),
    ("( [ ] )", "list"),
]

REWRITES = [
    *[
        pytest.param(
            f"{IMPORT}d = defaultdict(lambda: {body})\n",
            f"{IMPORT}d = defaultdict({name})\n",
            id=f"lambda: {body}",
        )
        for body, name in BODIES
    ],
    pytest.param(
        "import collections\nd = collections.defaultdict(lambda: [])\n",
        "import collections\nd = collections.defaultdict(list)\n",
        id="collections.defaultdict",
    ),
    pytest.param(
        "import collections as c\nd = c.defaultdict(lambda: 0)\n",
        "import collections as c\nd = c.defaultdict(int)\n",
        id="import collections as c",
    ),
    pytest.param(
        "from collections import defaultdict as dd\nd = dd(lambda: {})\n",
        "from collections import defaultdict as dd\nd = dd(dict)\n",
        id="import defaultdict as dd",
    ),
    pytest.param(
        f"{IMPORT}d = defaultdict(lambda: [], {{1: [2]}}, k=[3])\n",
        f"{IMPORT}d = defaultdict(list, {{1: [2]}}, k=[3])\n",
        id="more arguments",
    ),
    pytest.param(
        f"{IMPORT}d = defaultdict((lambda: set()))\n",
        f"{IMPORT}d = defaultdict(set)\n",
        id="parenthesized lambda",
    ),
    pytest.param(
        f"{IMPORT}d = defaultdict(lambda *a, **k: [])\n",
        f"{IMPORT}d = defaultdict(list)\n",
        id="lambda with only *args and **kwargs",
    ),
    pytest.param(
        f"{IMPORT}d = defaultdict(lambda: defaultdict(lambda: []))\n",
        f"{IMPORT}d = defaultdict(lambda: defaultdict(list))\n",
        id="nested: the outer lambda builds a defaultdict",
    ),
    pytest.param(
        f"{IMPORT}def f(list):\n    return list\nd = defaultdict(lambda: [])\n",
        f"{IMPORT}def f(list):\n    return list\nd = defaultdict(list)\n",
        id="list is a parameter elsewhere",
    ),
    pytest.param(
        f"{IMPORT}d = defaultdict(  # words\n    lambda: 0,  # count\n    # nothing else\n)\n",
        f"{IMPORT}d = defaultdict(  # words\n    int,  # count\n    # nothing else\n)\n",
        id="comments around the lambda survive",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DefaultdictLambda, before, after)
    assert DefaultdictLambda.wants(before)


def test_oldest_target() -> None:
    """Nothing depends on the target: the rewrite applies to every Python 3."""
    before, after = f"{IMPORT}d = defaultdict(lambda: [])\n", f"{IMPORT}d = defaultdict(list)\n"
    assert_rewrite(DefaultdictLambda, before, after, target="3.6")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(f"{IMPORT}d = defaultdict(lambda: None)\n", id="None is no type's value"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: True)\n", id="True is not bool()"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: 1)\n", id="not zero"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: -0.0)\n", id="-0.0 is not float()"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: [0])\n", id="not empty"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: f'')\n", id="an f-string"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: set(x))\n", id="a call with arguments"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: object())\n", id="not a type we know"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda: Counter())\n", id="not a builtin"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda x: [])\n", id="needs an argument"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda x=f(): [])\n", id="a default to evaluate"),
        pytest.param(f"{IMPORT}d = defaultdict(lambda *list: list())\n", id="list is *args"),
        pytest.param(
            f"{IMPORT}d = defaultdict(default_factory=lambda: [])\n",
            id="by keyword it is an item, not the factory",
        ),
        pytest.param(f"{IMPORT}d = defaultdict(*[lambda: []])\n", id="*args"),
        pytest.param(f"{IMPORT}d = defaultdict(f, lambda: [])\n", id="not the first argument"),
        pytest.param(
            f"{IMPORT}d = defaultdict(lambda: [  # none yet\n])\n",
            id="a comment inside the lambda",
        ),
        pytest.param(f"{IMPORT}list = tuple\nd = defaultdict(lambda: [])\n", id="list rebound"),
        pytest.param(
            f"{IMPORT}class C:\n    set = 1\n    d = defaultdict(lambda: set())\n",
            id="set is a class attribute where the call is",
        ),
        pytest.param("from collections import *\nd = defaultdict(lambda: [])\n", id="star import"),
        pytest.param(
            "def defaultdict(f):\n    return f\nd = defaultdict(lambda: [])\n",
            id="a local defaultdict",
        ),
        pytest.param("d = defaultdict(lambda: [])\n", id="defaultdict not imported"),
        pytest.param(
            "from mylib import defaultdict\nd = defaultdict(lambda: [])\n",
            id="another module's defaultdict",
        ),
        pytest.param("d = f(lambda: [])\n", id="another function"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DefaultdictLambda, source)


@pytest.mark.parametrize(("body", "name"), BODIES)
def test_factory(body: str, name: str) -> None:
    assert factory(cst.parse_expression(body)) == name


def test_same_values() -> None:
    """Each body and its type give equal values of the same type for a missing key."""
    bodies = ", ".join(f"({body}, {name}())" for body, name in BODIES)
    code = f"print(all(a == b and type(a) is type(b) for a, b in [{bodies}]))\n"
    assert pyenv_output("3.8", code) == "True\n"


def test_default_factory_is_positional_only() -> None:
    code = f"{IMPORT}d = defaultdict(default_factory=list)\nprint(d.default_factory, dict(d))\n"
    assert pyenv_output("3.8", code) == "None {'default_factory': <class 'list'>}\n"


def test_docstring_example() -> None:
    assert_rewrite(DefaultdictLambda, *docstring_example(DefaultdictLambda))
