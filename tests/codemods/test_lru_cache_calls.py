import pytest

from codemods.lru_cache_calls import LruCacheCalls
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param(
        "import functools\n@functools.lru_cache()\ndef f(): pass\n",
        "import functools\n@functools.lru_cache\ndef f(): pass\n",
        "3.8",
        id="empty call dropped on 3.8",
    ),
    pytest.param(
        "from functools import lru_cache\n@lru_cache()  # memo\ndef f(): pass\n",
        "from functools import lru_cache\n@lru_cache  # memo\ndef f(): pass\n",
        "3.8",
        id="from-import spelling, comment kept",
    ),
    pytest.param(
        "import functools\ng = functools.lru_cache()(f)\n",
        "import functools\ng = functools.lru_cache(f)\n",
        "3.8",
        id="called at once",
    ),
    pytest.param(
        "import functools\n@functools.lru_cache(maxsize=None)\ndef f(): pass\n",
        "import functools\n@functools.cache\ndef f(): pass\n",
        "3.9",
        id="unbounded becomes cache",
    ),
    pytest.param(
        "import functools as ft\n@ft.lru_cache(maxsize=None, typed=False)\ndef f(): pass\n",
        "import functools as ft\n@ft.cache\ndef f(): pass\n",
        "3.9",
        id="module alias kept, typed=False is the default",
    ),
    pytest.param(
        "import functools\n@functools.lru_cache(None)\ndef f(): pass\n",
        "import functools\n@functools.cache\ndef f(): pass\n",
        "3.9",
        id="maxsize by position",
    ),
    pytest.param(
        "from functools import lru_cache\n@lru_cache(maxsize=None)\ndef f(): pass\n",
        "from functools import cache\n@cache\ndef f(): pass\n",
        "3.9",
        id="from-import: cache imported, lru_cache dropped",
    ),
    pytest.param(
        "from functools import lru_cache\n"
        "@lru_cache(maxsize=None)\ndef f(): pass\n@lru_cache(maxsize=64)\ndef g(): pass\n",
        "from functools import cache, lru_cache\n"
        "@cache\ndef f(): pass\n@lru_cache(maxsize=64)\ndef g(): pass\n",
        "3.9",
        id="lru_cache import kept while used",
    ),
    pytest.param(
        "import functools\nmemo = functools.lru_cache(maxsize=None)\n",
        "import functools\nmemo = functools.cache\n",
        "3.9",
        id="not a decorator: cache(f) is lru_cache(maxsize=None)(f)",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(LruCacheCalls, before, after, target=target)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import functools\ndeco = functools.lru_cache()\n", id="a stored factory"),
        pytest.param(
            "import functools\n@functools.lru_cache(maxsize=128)\ndef f(): pass\n",
            id="bounded",
        ),
        pytest.param(
            "import functools\n@functools.lru_cache(maxsize=None, typed=True)\ndef f(): pass\n",
            id="typed",
        ),
        pytest.param(
            "from functools import lru_cache\ncache = {}\n"
            "@lru_cache(maxsize=None)\ndef f(): pass\n",
            id="cache is a variable",
        ),
        pytest.param(
            "import functools\n@functools.lru_cache(\n    maxsize=None,  # unbounded\n)\n"
            "def f(): pass\n",
            id="a comment inside the call",
        ),
        pytest.param(
            "from mylib import lru_cache\n@lru_cache()\ndef f(): pass\n", id="not functools'"
        ),
        pytest.param(
            "import functools\n@functools.lru_cache(**options)\ndef f(): pass\n", id="**kwargs"
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(LruCacheCalls, source, target="3.9")


def test_gated_on_the_target() -> None:
    """No bare lru_cache before 3.8, no cache before 3.9."""
    assert_noop(LruCacheCalls, str(REWRITES[0].values[0]), target="3.7")
    assert_noop(LruCacheCalls, str(REWRITES[3].values[0]), target="3.8")


def test_same_behaviour() -> None:
    """The rewritten decorators cache the same way on 3.9."""
    code = (
        "import functools\ncalls = []\n"
        "@functools.cache\ndef f(x):\n    calls.append(x)\n    return x\n"
        "@functools.lru_cache\ndef g(x):\n    calls.append(x)\n    return x\n"
        "f(1); f(1); g(2); g(2)\nprint(calls, f.cache_info().maxsize, g.cache_info().maxsize)\n"
    )
    assert pyenv_output("3.9", code) == "[1, 2] None 128\n"


def test_docstring_example() -> None:
    assert_rewrite(LruCacheCalls, *docstring_example(LruCacheCalls), target="3.9")
