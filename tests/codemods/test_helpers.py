"""Helpers the codemods share, checked against the LibCST machinery they stand in for."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
import pytest

from codemods._py2_builtins import comment_nodes, comments

SOURCES = [
    "x = 1\n",
    "x = f(  # one\n    a,  # two\n)  # three\n",
    "# above\nclass C:  # header\n    # inside\n    def f(self):\n        return [  # list\n            1,\n        ]\n# below\n",  # noqa: E501
    "s = f'{a!r:>{width}}'  # formatted\n",
    "if a:\n    pass\nelif b:  # elif\n    pass\nelse:  # else\n    pass\n",
    "lambda: (yield)  # odd\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_comment_nodes_finds_what_findall_finds(source: str) -> None:
    module = cst.parse_module(source)
    for node in [module, *module.body]:
        expected = m.findall(node, m.Comment())
        assert sorted(c.value for c in comment_nodes(node)) == sorted(
            cst.ensure_type(c, cst.Comment).value for c in expected
        )
        assert comments(node) == len(expected)


def test_a_comment_node_counts_itself() -> None:
    assert comments(cst.Comment("# alone")) == 1
