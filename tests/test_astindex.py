"""The ``ast`` index and the codemods' locators: what the walk finds, how the engine and the
sparse plan use what a locator returns."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from codemods import CODEMODS
from legacylift import astindex, engine
from legacylift.astindex import AstIndex, index
from legacylift.engine import Settings, eligible, measure, modernize_text
from legacylift.sparse import plan, split_lines
from tests.test_sparse import SOURCE

BY_NAME = {c.name(): c for c in CODEMODS}
UNPACKING = BY_NAME["unpacking_list_comprehension"]


def test_nodes_are_kept_by_type_at_every_depth() -> None:
    found = AstIndex(ast.parse("f(g(1))\nclass C:\n    def m(self):\n        return h(x)\n"))
    assert sorted(call.func.id for call in found.of(ast.Call)) == ["f", "g", "h"]  # type: ignore[attr-defined]
    kinds = found.of(ast.ClassDef, ast.FunctionDef)
    assert sorted(type(node).__name__ for node in kinds) == ["ClassDef", "FunctionDef"]
    assert found.of(ast.While) == []


def test_depth_counts_each_boolean_operator_as_libcst_nests_it() -> None:
    # ``ast`` has one BoolOp for ``a and b and c``; LibCST nests one node per operator.
    short, long = AstIndex(ast.parse("x = a and b\n")), AstIndex(ast.parse("x = a and b and c\n"))
    assert long.depth == short.depth + 1
    assert long.size == short.size + 2  # one more Name, and its Load context


def test_measure_reads_the_index_of_a_long_text() -> None:
    text = "x = 1\n" * (engine.MAX_NESTING // 5)
    assert measure(text) == (index(text).depth, index(text).size)
    assert measure(text)[1] == 1 + 3 * 500 + 500  # Module, Assign+Name+Constant, Store
    assert measure("x = 1\n") == (0, 0)  # too short to nest past the limit: not walked


def test_the_last_index_is_kept() -> None:
    text = "import os\n"
    first = index(text)
    assert index(text) is first
    assert index("import sys\n") is not first
    assert astindex._LAST[0][0] == "import sys\n"  # only the last one: memory stays flat


def test_a_codemod_whose_locator_finds_nothing_skips_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The regex sees an assignment to a tuple, a bracket and a ``for``; the ``ast`` sees a
    # list display and a loop: nothing to unpack, so LibCST never parses the file.
    source = "a, b = [1, 2]\nfor value in (a, b):\n    print(value)\n"
    assert UNPACKING.wants(source)
    assert UNPACKING.locate(index(source)) == set()
    parsed: list[str] = []
    real = cst.parse_module

    def parse_module(text: str) -> cst.Module:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(cst, "parse_module", parse_module)
    settings = Settings((3, 8), eligible((UNPACKING,), (3, 8), False))
    assert modernize_text(source, settings).code == source
    assert parsed == []


def test_located_lines_replace_the_regex_matches_in_the_sparse_plan() -> None:
    percent = BY_NAME["percent_format_to_fstring"]
    head = "    @classmethod\n    def build(cls, value):\n"
    by_regex = plan(SOURCE, [percent])
    assert by_regex is not None and head not in by_regex.text  # no match: the method goes
    build = split_lines(SOURCE).index("    def build(cls, value):\n") + 2  # its first line
    located = plan(SOURCE, [percent], {percent: {build}})
    assert located is not None
    assert f"{head}        total = 0\n" in located.text  # the located body stays
    assert "class Untouched:" not in located.text  # no match: the rest of the module goes


def test_locators_change_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    source = SOURCE + textwrap.dedent(
        """
        def size(text):
            width, height = [int(v) for v in text.split("x")]
            first, second = [1, 2]
            return width * height
        """
    )
    settings = Settings((3, 8), eligible(CODEMODS, (3, 8), False))
    located = modernize_text(source, settings)
    monkeypatch.setattr(engine, "LOCATE", False)
    regexes = modernize_text(source, settings)
    assert located.code == regexes.code and located.rewrites == regexes.rewrites
    assert 'width, height = (int(v) for v in text.split("x"))' in located.code
