import ast

import pytest

from codemods.collections_abc_imports import ABCS, CollectionsAbcImports
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        "import collections\nok = isinstance(x, collections.Mapping)\n",
        "import collections\nimport collections.abc\n\n"
        "ok = isinstance(x, collections.abc.Mapping)\n",
        id="attribute of the module",
    ),
    pytest.param(
        "import collections as c\nclass D(c.MutableMapping): pass\n",
        "import collections.abc\n\nclass D(collections.abc.MutableMapping): pass\n",
        id="alias: the unused alias import goes",
    ),
    pytest.param(
        "import collections as c\nx = c.Iterable\ny = c.OrderedDict()\n",
        "import collections as c\nimport collections.abc\n\n"
        "x = collections.abc.Iterable\ny = c.OrderedDict()\n",
        id="alias still used: kept",
    ),
    pytest.param(
        "def f():\n    import collections\n    return collections.Callable\n",
        "import collections.abc\n\n"
        "def f():\n    import collections\n    return collections.abc.Callable\n",
        id="import inside a function",
    ),
    pytest.param(
        "from collections import Mapping, Sequence as Seq\n",
        "from collections.abc import Mapping, Sequence as Seq\n",
        id="from-import of ABCs only: module changed",
    ),
    pytest.param(
        "from collections import (  # abcs\n    Mapping,\n)\n",
        "from collections.abc import (  # abcs\n    Mapping,\n)\n",
        id="no split: comments stay",
    ),
    pytest.param(
        "from collections import Mapping, OrderedDict, Set  # mixed\n",
        "from collections import OrderedDict  # mixed\nfrom collections.abc import Mapping, Set\n",
        id="mixed from-import split, comment on the first line",
    ),
    pytest.param(
        "from collections import (\n    Mapping,\n    OrderedDict,\n    Sized,\n)\n",
        "from collections import (\n    OrderedDict,\n)\n"
        "from collections.abc import (\n    Mapping,\n    Sized,\n)\n",
        id="parenthesized split keeps its layout",
    ),
    pytest.param(
        "def f():\n    from collections import deque, Hashable\n    return Hashable\n",
        "def f():\n    from collections import deque\n    from collections.abc import Hashable\n"
        "    return Hashable\n",
        id="split inside a function",
    ),
    pytest.param(
        "import os; from collections import Sized, deque\n",
        "import os; from collections import deque; from collections.abc import Sized\n",
        id="line with several statements: split with a semicolon",
    ),
    pytest.param(
        "try:\n    from collections.abc import Mapping\nexcept ImportError:\n"
        "    from collections import Mapping\n",
        "try:\n    from collections.abc import Mapping\nexcept ImportError:\n"
        "    from collections.abc import Mapping\n",
        id="fallback of a compatibility shim",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CollectionsAbcImports, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import collections as c\nd = c.OrderedDict()\n", id="not an ABC"),
        pytest.param(
            "import collections as c\nimport collections.abc\nx = collections.abc.Mapping\n",
            id="already collections.abc",
        ),
        pytest.param("def f(collections):\n    return collections.Mapping\n", id="a parameter"),
        pytest.param("collections = load()\nx = collections.Mapping\n", id="a local variable"),
        pytest.param(
            "from compat import collections\nx = collections.Mapping\n",
            id="another package's collections",
        ),
        pytest.param(
            "import collections\ncollections.Mapping = collections.abc.Mapping\n",
            id="assignment: a patch of the module for other code",
        ),
        pytest.param("import collections\ndel collections.Mapping\n", id="del"),
        pytest.param(
            "import collections as c\ndef f(collections):\n    return c.Mapping\n",
            id="new spelling needs the name collections, bound to a parameter here",
        ),
        pytest.param(
            "try:\n    import collections.abc as abc\nexcept ImportError:\n"
            "    import collections as abc\nx = abc.Mapping\n",
            id="two possible origins",
        ),
        pytest.param("import collections as c\nfrom .collections import Mapping\n", id="relative"),
        pytest.param("from collections import *\n", id="star import"),
        pytest.param("from collections import OrderedDict, deque\n", id="no ABC imported"),
        pytest.param("import typing as collections\nx = collections.Mapping\n", id="typing"),
    ],
)
def test_noop(source: str) -> None:
    assert CollectionsAbcImports.wants(source), "the pre-check alone would make this a no-op"
    assert_noop(CollectionsAbcImports, source)


def test_split_that_would_lose_a_comment_is_refused_with_a_note() -> None:
    source = "from collections import (\n    Mapping,  # abc\n    OrderedDict,\n)\n"
    outcome = assert_noop(CollectionsAbcImports, source)
    assert any("splitting it would lose a comment" in note for note in outcome.notes)


def test_bytestring_moves_with_a_note() -> None:
    outcome = run(CollectionsAbcImports, "from collections import ByteString\n")
    assert outcome.code == "from collections.abc import ByteString\n"
    assert any("ByteString" in note for note in outcome.notes)


def test_every_abc_is_rewritten() -> None:
    source = "import collections\n" + "".join(f"x = collections.{n}\n" for n in sorted(ABCS))
    outcome = run(CollectionsAbcImports, source)
    assert outcome.rewrites == {"collections_abc_imports": len(ABCS)}
    assert "collections.abc.Awaitable" in outcome.code


def test_not_for_targets_before_3_3() -> None:
    assert_noop(CollectionsAbcImports, "import collections\nx = collections.Mapping\n", "3.2")


def test_docstring_example() -> None:
    assert_rewrite(CollectionsAbcImports, *docstring_example(CollectionsAbcImports))


def located(source: str) -> set[int] | None:
    return CollectionsAbcImports.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_collections_names() -> None:
    # OrderedDict stays in collections.
    source = "from collections import OrderedDict\n\nx = OrderedDict()\n"
    assert CollectionsAbcImports.wants(source)
    assert located(source) == set()


def test_locate_finds_abcs_through_any_module_name() -> None:
    source = "import collections as c\n\ndef f(x):\n    return isinstance(x, c.Mapping)\n"
    assert located(source) == {4}
    assert located("import os\nfrom collections import Mapping, deque\n") == {2}
