import pytest

from codemods.future_imports import FutureImports
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        """\
        from __future__ import absolute_import, division, print_function
        from __future__ import annotations, unicode_literals

        import os
        """,
        """\
        from __future__ import annotations

        import os
        """,
        id="docstring example",
    ),
    pytest.param(
        '"""Doc."""\n\nfrom __future__ import division\n\nimport os\n',
        '"""Doc."""\n\nimport os\n',
        id="after a docstring: one blank line kept",
    ),
    pytest.param(
        '"""Doc."""\nfrom __future__ import division\nimport os\n',
        '"""Doc."""\nimport os\n',
        id="no blank lines around it",
    ),
    pytest.param(
        "from __future__ import print_function\n\nprint(1)\n",
        "print(1)\n",
        id="first statement: no blank line left at the top",
    ),
    pytest.param(
        "#!/usr/bin/env python\n# coding: utf-8\nfrom __future__ import division\n\nx = 1\n",
        "#!/usr/bin/env python\n# coding: utf-8\n\nx = 1\n",
        id="header comments untouched",
    ),
    pytest.param(
        "import os\n\n# Python 2 compatibility\nfrom __future__ import division\nx = 1\n",
        "import os\n\n# Python 2 compatibility\nx = 1\n",
        id="a comment line above moves to the next statement",
    ),
    pytest.param(
        "from __future__ import division\n# the end\n",
        "# the end\n",
        id="the only statement: its footer stays",
    ),
    pytest.param(
        "from __future__ import (annotations,\n    division)\n",
        "from __future__ import (annotations)\n",
        id="the last name removed: no dangling comma",
    ),
    pytest.param(
        "from __future__ import (\n    division,\n    annotations,  # pep 563\n)\n",
        "from __future__ import (\n    annotations,  # pep 563\n)\n",
        id="multi-line with a trailing comma; the kept name's comment stays",
    ),
    pytest.param(
        "from __future__ import annotations, with_statement  # keep me\n",
        "from __future__ import annotations  # keep me\n",
        id="a trailing comment stays with the kept names",
    ),
    pytest.param(
        "from __future__ import division; import os\n",
        "import os\n",
        id="semicolon: only the future import goes",
    ),
    pytest.param(
        "from __future__ import generators, nested_scopes\nfrom __future__ import barry_as_FLUFL\n",
        "from __future__ import barry_as_FLUFL\n",
        id="unknown feature kept",
    ),
    pytest.param(
        "from __future__ import division as d\nx = 1\n",
        "x = 1\n",
        id="an unused alias",
    ),
    pytest.param(
        "from __future__ import generator_stop\ndef g():\n    yield 1\n",
        "def g():\n    yield 1\n",
        id="generator_stop on 3.7+",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(FutureImports, before, after)


def test_print_function_in_a_python2_file() -> None:
    before = "from __future__ import print_function\nprint('a', end='')\nexec 'x = 1'\n"
    assert_rewrite(FutureImports, before, "print('a', end='')\nexec('x = 1')\n")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from __future__ import annotations\n", id="annotations is not mandatory"),
        pytest.param(
            "from __future__ import division  # py2 semantics\nx = 1 / 2\n",
            id="removing it would lose its trailing comment",
        ),
        pytest.param(
            "from __future__ import division\nprint(division.mandatory)\n",
            id="the feature object is read",
        ),
        pytest.param("from future import standard_library\n", id="the future package"),
        pytest.param("import __future__\n", id="a plain import of the module"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(FutureImports, source)


def test_lost_comment_refused_with_a_note() -> None:
    source = "from __future__ import (\n    division,  # py2\n    annotations,\n)\n"
    outcome = assert_noop(FutureImports, source)
    assert any("lose a comment" in note for note in outcome.notes)


def test_generator_stop_kept_below_3_7() -> None:
    assert_noop(FutureImports, "from __future__ import generator_stop\n", target="3.6")


def test_docstring_example() -> None:
    assert_rewrite(FutureImports, *docstring_example(FutureImports))
