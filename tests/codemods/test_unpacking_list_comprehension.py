import pytest

from codemods.unpacking_list_comprehension import UnpackingListComprehension
from legacylift.sparse import plan
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param("a, b = [x + 1 for x in y]\n", "a, b = (x + 1 for x in y)\n", id="tuple target"),
    pytest.param("[a, b] = [x.y for x in z]\n", "[a, b] = (x.y for x in z)\n", id="list target"),
    pytest.param("(a, b) = [x for x in y]\n", "(a, b) = (x for x in y)\n", id="parenthesized"),
    pytest.param("a, = [x for x in y]\n", "a, = (x for x in y)\n", id="one target"),
    pytest.param("a, *b = [x for x in y if x]\n", "a, *b = (x for x in y if x)\n", id="starred"),
    pytest.param(
        "a, b = [x[0] for y in z for x in y]\n",
        "a, b = (x[0] for y in z for x in y)\n",
        id="nested loops",
    ),
    pytest.param(
        "k, v = [int(s) for s in line.split(':')]\n",
        "k, v = (int(s) for s in line.split(':'))\n",
        id="quiet builtin in the item, any call in the first iterable",
    ),
    pytest.param(
        "p.x, q[0] = [len(str(v)) for v in w]\n",
        "p.x, q[0] = (len(str(v)) for v in w)\n",
        id="attribute and subscript targets",
    ),
    pytest.param("a, b = ([x for x in y])\n", "a, b = (x for x in y)\n", id="own parentheses"),
    pytest.param(
        "a, b = (  # c\n    [x for x in y]\n)\n",
        "a, b = (  # c\n    x for x in y\n)\n",
        id="own parentheses with a comment",
    ),
    pytest.param(
        "a, b = (  # c\n    [  # d\n        x for x in y])\n",
        "a, b = (  # c\n    (  # d\n        x for x in y))\n",
        id="comments inside parentheses and brackets: new parentheses",
    ),
    pytest.param(
        "first, *rest = [\n    x  # head\n    for x in y  # all\n]  # done\n",
        "first, *rest = (\n    x  # head\n    for x in y  # all\n)  # done\n",
        id="comments survive",
    ),
    pytest.param(
        "async def f():\n    a, b = [x for x in await g()]\n",
        "async def f():\n    a, b = (x for x in await g())\n",
        id="no await in the comprehension",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(UnpackingListComprehension, before, after)
    assert UnpackingListComprehension.wants(before)


UNSAFE = [
    pytest.param("a, b = [f(x) for x in y]\n", "a, b = (f(x) for x in y)\n", id="call"),
    pytest.param("a, b = [s.strip() for s in t]\n", "a, b = (s.strip() for s in t)\n", id="method"),
    pytest.param(
        "int = str\na, b = [int(x) for x in y]\n",
        "int = str\na, b = (int(x) for x in y)\n",
        id="shadowed builtin",
    ),
    pytest.param(
        "a, b = [x for x in y if ok(x)]\n", "a, b = (x for x in y if ok(x))\n", id="in a condition"
    ),
]


@pytest.mark.parametrize(("before", "after"), UNSAFE)
def test_rewrite_unsafe(before: str, after: str) -> None:
    assert_noop(UnpackingListComprehension, before)
    assert_rewrite(UnpackingListComprehension, before, after, unsafe=True)
    assert_rewrite(UnpackingListComprehension, before, after, target="3.7", unsafe=True)


@pytest.mark.parametrize("source", [p.values[0] for p in UNSAFE])
def test_unsafe_needs_37(source: str) -> None:
    """Before 3.7 a StopIteration from an item would silently end the generator."""
    assert_noop(UnpackingListComprehension, source, target="3.6", unsafe=True)


def test_safe_on_any_target() -> None:
    before, after = "a, b = [x + 1 for x in y]\n", "a, b = (x + 1 for x in y)\n"
    assert_rewrite(UnpackingListComprehension, before, after, target="3.6")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("a = [x for x in y]\n", id="a single target keeps its list"),
        pytest.param("a: list = [x for x in y]\n", id="annotated: one target"),
        pytest.param("a, b = c, d = [x for x in y]\n", id="chained: the generator runs once"),
        pytest.param("a, b = [x for x in y], 1\n", id="a tuple of values"),
        pytest.param("a, b = [x for x in y][0]\n", id="not unpacked itself"),
        pytest.param("for a, b in [[x for x in y]]:\n    pass\n", id="a for loop"),
        pytest.param("a, b = [1, 2]\n", id="a list display"),
        pytest.param(
            "async def f():\n    a, b = [await x for x in y]\n", id="await: async generator"
        ),
        pytest.param(
            "async def f():\n    a, b = [x async for x in y]\n", id="async for: async generator"
        ),
        pytest.param(
            "async def f():\n    a, b = [[await z for z in x] for x in y]\n",
            id="await in a nested comprehension",
        ),
        pytest.param("a, b = [f(x) for x in y]\n", id="a call may raise StopIteration"),
        pytest.param("a, b = [x for x in y for x in g(x)]\n", id="a call in an inner iterable"),
        pytest.param("a, b = [(lambda: f(x)) for x in y]\n", id="a call in a lambda"),
        pytest.param("int = f\na, b = [int(x) for x in y]\n", id="int is not the builtin"),
        pytest.param("a, b = [int(x) for int in y]\n", id="int is the loop variable"),
        pytest.param("from m import *\na, b = [int(x) for x in y]\n", id="star import"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(UnpackingListComprehension, source)


@pytest.mark.parametrize(
    "source",
    [
        "a, b = [x for x in y]",
        "[a, b] = [x for x in y]",
        "(a,\n b) = [x for x in y]",
        "a, \\\n    b = [x for x in y]",
        "a, b \\\n    = [x for x in y]",
        "a, b = \\\n    [x for x in y]",
        "a, b = (  # for [\n    [x for x in y])",
        "a, d[k == 1] = [x for x in y]",
        "x, y = [(a, b) for b in c if d != [1]]",
        "a, b = [g(k=[1], j=[2]) for x in y]",
        "a, b = [\n    g(\n        x) for x in y]",
    ],
)
def test_precheck_finds(source: str) -> None:
    assert UnpackingListComprehension.wants(source)


@pytest.mark.parametrize(
    "source",
    ["a = [x for x in y]\n", "a, b = [1, 2]\n", "a, b = f()\nfor x in y: pass\n", "x == [1]\n"],
)
def test_precheck_skips(source: str) -> None:
    assert not UnpackingListComprehension.wants(source)


def test_found_in_a_large_file() -> None:
    """Function bodies without a pre-check match stand aside (REACH): the candidate's own
    body must hold one, even after a near miss in the function before."""
    body = "    v = v + 1\n    v = v * 2\n    return [v for _ in range({})]\n\n"
    pad = "".join(f"def pad{i}(v):\n" + body.format(i) for i in range(60))
    near = "def f():\n    x, y = [1, 2]\n    x += 1\n    return x, y\n\n"
    before = f"{pad}{near}def g():\n    z = 1\n    a, b = [x for x in y]\n    return z\n"
    after = before.replace("[x for x in y]", "(x for x in y)")
    sparse = plan(before, [UnpackingListComprehension])
    assert sparse is not None and len(sparse.bodies) == 61  # all but g's body
    assert_rewrite(UnpackingListComprehension, before, after)


def test_same_values_when_it_succeeds() -> None:
    code = (
        "seen = []\ndef f(x):\n    seen.append(x)\n    return x * 2\n"
        "a, *b = [f(x) for x in range(3)]\nc, *d = (f(x) for x in range(3))\n"
        "print(a, b, c, d, seen)\n"
    )
    assert pyenv_output("3.8", code) == "0 [2, 4] 0 [2, 4] [0, 1, 2, 0, 1, 2]\n"


def test_stop_iteration_differs() -> None:
    """Why calls need --unsafe: a StopIteration from an item changes type in a generator."""
    code = (
        "def run(expr):\n    it = iter([1])\n    try:\n        exec(expr, {'it': it})\n"
        "    except Exception as exc:\n        print(type(exc).__name__)\n"
        "run('a, b = [next(it) for _ in range(2)]')\nrun('a, b = (next(it) for _ in range(2))')\n"
    )
    assert pyenv_output("3.8", code) == "StopIteration\nRuntimeError\n"


def test_docstring_example() -> None:
    assert_rewrite(UnpackingListComprehension, *docstring_example(UnpackingListComprehension))
