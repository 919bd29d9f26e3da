import pytest

from codemods.getargspec_to_getfullargspec import GetargspecToGetfullargspec
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        import inspect
        args, varargs, kw, defaults = inspect.getargspec(f)
        names = inspect.getargspec(g).args
        """,
        """\
        import inspect
        args, varargs, kw, defaults = inspect.getfullargspec(f)[:4]
        names = inspect.getfullargspec(g).args
        """,
        id="docstring example",
    ),
    pytest.param(
        "import inspect\nkw = inspect.getargspec(f).keywords\n",
        "import inspect\nkw = inspect.getfullargspec(f).varkw\n",
        id="keywords is varkw",
    ),
    pytest.param(
        "import inspect\nn = len(inspect.getargspec(f)[0])\n",
        "import inspect\nn = len(inspect.getfullargspec(f)[0])\n",
        id="indexed",
    ),
    pytest.param(
        "import inspect as i\n[a, b, c, d] = i.getargspec(f)\n",
        "import inspect as i\n[a, b, c, d] = i.getfullargspec(f)[:4]\n",
        id="aliased module, list target",
    ),
    pytest.param(
        "from inspect import getargspec\nd = getargspec(f).defaults\n",
        "import inspect\n\nd = inspect.getfullargspec(f).defaults\n",
        id="from-import becomes the module",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(GetargspecToGetfullargspec, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import inspect\nspec = inspect.getargspec(f)\n", id="kept whole"),
        pytest.param("import inspect\nreturn_it(inspect.getargspec(f))\n", id="passed on"),
        pytest.param("import inspect\na, b = inspect.getargspec(f)[:2]\n", id="sliced"),
        pytest.param("import inspect\na, *rest = inspect.getargspec(f)\n", id="starred target"),
        pytest.param(
            "import inspect\ntry:\n    a = inspect.getargspec(f).args\nexcept ValueError:\n"
            "    a = []\n",
            id="in a try: ValueError for keyword-only parameters is no longer raised",
        ),
        pytest.param("import inspect\nx = inspect.getargspec(func=f).args\n", id="keyword"),
        pytest.param("def getargspec(f):\n    pass\nx = getargspec(f).args\n", id="local"),
        pytest.param(
            "from inspect import getargspec\ninspect = 1\nx = getargspec(f).args\n",
            id="inspect is a variable",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(GetargspecToGetfullargspec, source)


def test_kept_calls_are_noted() -> None:
    outcome = assert_noop(GetargspecToGetfullargspec, "import inspect\ns = inspect.getargspec(f)\n")
    assert outcome.notes == [
        "line(s) 2: inspect.getargspec kept (result used whole, or in a try): use getfullargspec "
        "by hand"
    ]


OLD = """\
import inspect
def f(a, b=1, *args, **kw):
    pass
args, varargs, keywords, defaults = inspect.getargspec(f)
print(args, varargs, keywords, defaults)
print(inspect.getargspec(f).keywords, inspect.getargspec(f)[3], inspect.getargspec(len).args)
"""


def test_same_output_on_3_10_and_3_13() -> None:
    new = run(GetargspecToGetfullargspec, OLD).code
    assert new != OLD
    assert pyenv_output("3.10", OLD) == pyenv_output("3.13", new)


def test_docstring_example() -> None:
    assert_rewrite(GetargspecToGetfullargspec, *docstring_example(GetargspecToGetfullargspec))
