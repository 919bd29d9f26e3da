import pytest

from codemods.function_attributes import FunctionAttributes
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "n = f.func_code.co_argcount\nf.func_doc = 'x'\n",
        "n = f.__code__.co_argcount\nf.__doc__ = 'x'\n",
        id="read and assigned",
    ),
    pytest.param(
        "g = callable.func_globals\nd = fn.func_defaults or ()\n",
        "g = callable.__globals__\nd = fn.__defaults__ or ()\n",
        id="globals and defaults (Mako)",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(FunctionAttributes, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "class Task:\n    def __init__(self, func_name):\n        self.func_name = func_name\n"
            "t.func_name\n",
            id="the module's own func_name attribute",
        ),
        pytest.param("c = m.im_class\n", id="im_class has no counterpart"),
        pytest.param("x = func_code\n", id="a plain name, not an attribute"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(FunctionAttributes, source)


def test_docstring_example() -> None:
    assert_rewrite(FunctionAttributes, *docstring_example(FunctionAttributes))
