"""Sparse parsing: bodies out of every wanted codemod's reach stand aside and come back as
they were; the result is the one a whole-file run gives."""

from __future__ import annotations

import re
import textwrap

import libcst as cst
import pytest
from libcst.codemod.visitors import AddImportsVisitor

from codemods import CODEMODS
from legacylift import engine
from legacylift.codemod import LiftCodemod
from legacylift.engine import Settings, eligible, modernize_text
from legacylift.sparse import plan, split_lines
from tests.helpers import all_sparse

BY_NAME = {c.name(): c for c in CODEMODS}
FILLER = "".join(f"        total += {i} * value  # step {i}\n" for i in range(60))
SOURCE = textwrap.dedent(
    """\
    import os


    class Report(object):
        @classmethod
        def build(cls, value):
            total = 0
    {filler}        return total

        def label(self, name):
            return "report %s" % (name,)

        def unused(self, value):
            total = 0
    {filler}        return total


    class Untouched:
        @staticmethod
        def helper(value):
            total = 0
    {filler}        return total


    def rebinding():
        global CACHE
        CACHE = {{}}
    {shallow}

    def generator(items):
        for item in items:
            yield item
    """
).format(filler=FILLER, shallow=FILLER.replace("        ", "    "))


def _settings(target: tuple[int, int] = (3, 8)) -> Settings:
    return Settings(target=target, codemods=eligible(CODEMODS, target, False))


def test_bodies_without_a_match_stand_aside_and_lines_keep_their_numbers() -> None:
    wanted = [BY_NAME["percent_format_to_fstring"], BY_NAME["object_base_class"]]
    sparse = plan(SOURCE, wanted)
    assert sparse is not None
    lines = split_lines(sparse.text)
    assert len(lines) == len(split_lines(SOURCE))
    # Report holds the matches: its header and label (a match) stay, the other bodies go.
    assert "    @classmethod\n    def build(cls, value):\n        __legacylift_elided_0__\n" in (
        sparse.text
    )
    assert 'return "report %s" % (name,)' in sparse.text
    assert "def unused(self, value):\n        __legacylift_elided_1__\n" in sparse.text
    # A class with no match goes whole, from the decorator of its first method on.
    assert "class Untouched:\n    __legacylift_elided_2__\n\n" in sparse.text
    # ``global`` binds a module name from inside: that body stays.
    assert "    global CACHE\n" in sparse.text
    assert sparse.restore(sparse.text) == SOURCE


def test_a_codemod_that_reaches_the_whole_file_parses_it_whole() -> None:
    wanted = [BY_NAME["percent_format_to_fstring"], BY_NAME["py2_stdlib_renames"]]
    assert BY_NAME["py2_stdlib_renames"].REACH == "file"  # a rename reaches every use
    assert plan(SOURCE, wanted) is None


def test_a_small_file_is_parsed_whole() -> None:
    small = 'def f(name):\n    x = 1\n    y = 2\n    return "%s" % name\n'
    assert plan(small, [BY_NAME["percent_format_to_fstring"]]) is None


def test_a_placeholder_that_lost_its_blank_lines_is_not_restored() -> None:
    sparse = plan(SOURCE, [BY_NAME["percent_format_to_fstring"]])
    assert sparse is not None
    damaged = sparse.text.replace("__legacylift_elided_0__\n\n", "__legacylift_elided_0__\n", 1)
    assert sparse.restore(damaged) is None


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_the_result_is_the_whole_file_result(newline: str, monkeypatch: pytest.MonkeyPatch) -> None:
    source = SOURCE.replace("\n", newline)
    sparse = modernize_text(source, _settings())
    monkeypatch.setattr(engine, "SPARSE", False)
    whole = modernize_text(source, _settings())
    assert sparse.code == whole.code
    assert sparse.rewrites == whole.rewrites
    assert sparse.notes == whole.notes
    assert "f'report {name!s}'" in sparse.code or 'f"report {name!s}"' in sparse.code
    assert "class Report:" in sparse.code
    assert FILLER.replace("\n", newline) in sparse.code


def test_notes_keep_their_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    # generator_stop_iteration notes the line of a next() it leaves in a generator.
    source = SOURCE + "\n\ndef first(items):\n    it = iter(items)\n    yield next(it)\n"
    sparse = modernize_text(source, _settings())
    monkeypatch.setattr(engine, "SPARSE", False)
    whole = modernize_text(source, _settings())
    assert sparse.notes == whole.notes
    assert any(f"line(s) {len(split_lines(source))}" in note for note in sparse.notes)


def _padded(head: str, body: str) -> str:
    """``head``, then functions that hold nothing, then ``def target():`` with ``body``."""
    filler = FILLER.replace("        ", "    ")
    pad = "def pad{}(value):\n    total = 0\n" + filler + "    return total\n\n"
    pads = "".join(pad.format(i) for i in range(3))
    return f"{head}\n\n{pads}def target():\n{textwrap.indent(body, '    ')}"


@pytest.mark.parametrize(
    ("head", "body", "codemod", "expected"),
    [
        pytest.param(
            "from socket import error",
            "try:\n    connect()\nexcept error:\n    pass\n",
            "os_error_aliases",
            "except OSError:",
            id="FOLLOW: the name an import of error binds",
        ),
        pytest.param(
            "import collections as c",
            "return isinstance(x, c.Mapping)\n",
            "collections_abc_imports",
            "isinstance(x, collections.abc.Mapping)",
            id="LOCATIONS: an ABC through the module's alias",
        ),
        pytest.param(
            "from functools import lru_cache as memo",
            "@memo()\ndef inner():\n    return 1\nreturn inner\n",
            "lru_cache_calls",
            "@memo\n",
            id="FOLLOW: lru_cache under another name",
        ),
        pytest.param(
            "from imp import reload",
            "return reload(module)\n",
            "removed_stdlib_functions",
            "return importlib.reload(module)",
            id="FOLLOW: reload from imp",
        ),
        pytest.param(
            "from io import open as io_open",
            "with io_open(path, 'rt') as f:\n    return f.read()\n",
            "open_calls",
            "with open(path) as f:",
            id="FOLLOW and LOCATIONS: io.open under another name",
        ),
    ],
)
def test_uses_of_followed_names_are_parsed(
    head: str, body: str, codemod: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _padded(head, body)
    cls = BY_NAME[codemod]
    assert cls.REACH == "local"
    sparse = plan(source, [cls])
    assert sparse is not None and len(sparse.bodies) == 3  # the pads stand aside
    assert body.splitlines()[0] in sparse.text
    settings = Settings(target=(3, 9), codemods=[cls])
    found = modernize_text(source, settings)
    monkeypatch.setattr(engine, "SPARSE", False)
    assert found.code == modernize_text(source, settings).code
    assert expected in found.code


STATEMENTS = textwrap.dedent(
    '''\
    """Module docstring."""
    import os

    LIMIT = 10
    TABLE = {
        "a": 1,
    }


    def render(rows, out):
        header = "rows"
        for row in rows:
            if row:
                out.write("%s=%s" % (row.key, row.value))
            else:
                skipped = True
                continue
        total = len(rows); out.write("%d" % (total,))
        return header
    '''
)


def test_a_statement_codemod_keeps_only_its_statements() -> None:
    codemod = BY_NAME["percent_format_to_fstring"]
    assert codemod.REACH == "statement"
    with all_sparse():
        sparse = plan(STATEMENTS, [codemod])
    assert sparse is not None
    kept = [line.strip() for line in split_lines(sparse.text) if line.strip()]
    assert kept == [
        # The docstring, the import, LIMIT and TABLE: a statement codemod reads no binding and
        # adds no import.
        "__legacylift_elided_0__",
        "def render(rows, out):",
        "__legacylift_elided_1__",  # header = ...
        "for row in rows:",  # the headers around a match stay
        "if row:",
        'out.write("%s=%s" % (row.key, row.value))',
        "else:",
        "__legacylift_elided_2__",  # the else branch, two statements as one
        # ``total = ...; out.write(...)``: the run would end where a match starts
        'total = len(rows); out.write("%d" % (total,))',
        "__legacylift_elided_3__",  # return header
    ]
    assert len(split_lines(sparse.text)) == len(split_lines(STATEMENTS))
    assert sparse.restore(sparse.text) == STATEMENTS


def test_a_local_codemod_beside_keeps_module_statements_and_its_functions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # object_base_class resolves ``object``: module-level bindings must stay visible to it.
    source = STATEMENTS + "\n\nclass Row(object):\n    x = 1\n    y = 2\n    z = 3\n"
    wanted = [BY_NAME["percent_format_to_fstring"], BY_NAME["object_base_class"]]
    with all_sparse():
        sparse = plan(source, wanted)
        assert sparse is not None
        assert "LIMIT = 10\nTABLE = {\n" in sparse.text
        assert "    __legacylift_elided_0__\n    for row in rows:\n" in sparse.text
        found = modernize_text(source, _settings())
    monkeypatch.setattr(engine, "SPARSE", False)
    assert found.code == modernize_text(source, _settings()).code
    assert "class Row:" in found.code and 'f"{total}"' not in found.code


def test_statement_runs_that_bind_outside_the_function_stay() -> None:
    binding = '    global LIMIT\n    LIMIT = 3\n    header = ""\n'
    source = STATEMENTS.replace('    header = "rows"\n', binding)
    with all_sparse():
        sparse = plan(source, [BY_NAME["percent_format_to_fstring"]])
    assert sparse is not None
    assert binding in sparse.text
    assert sparse.restore(sparse.text) == source


def test_a_whole_function_with_global_may_go_when_no_codemod_reads_bindings() -> None:
    # SOURCE's ``rebinding`` declares ``global CACHE``: a local codemod must see that body,
    # a statement codemod reads no binding, and nothing of it is within reach.
    with all_sparse():
        sparse = plan(SOURCE, [BY_NAME["percent_format_to_fstring"]])
        local = plan(SOURCE, [BY_NAME["object_base_class"]])
    assert sparse is not None and local is not None
    assert "global CACHE" not in sparse.text
    assert "global CACHE" in local.text
    assert sparse.restore(sparse.text) == SOURCE


class _AddsAnImport(LiftCodemod):
    """A statement codemod that breaks its contract: it asks for an import."""

    REACH = "statement"
    PRECHECK = re.compile(r"\bMARK\b")

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if updated_node.value != "MARK":
            return updated_node
        AddImportsVisitor.add_needed_import(self.context, "os")
        self.count_rewrite()
        return updated_node.with_changes(value="os")


def test_a_statement_codemod_that_adds_an_import_runs_on_the_whole_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The imports stood aside: the engine runs the file whole rather than add one blind.
    source = '"""Doc."""\nimport sys\n\nX = 1\n\n\ndef f():\n    a = 1\n    return MARK\n'
    settings = Settings(target=(3, 8), codemods=(_AddsAnImport,))
    with all_sparse():
        assert plan(source, [_AddsAnImport]) is not None
        found = modernize_text(source, settings).code
    monkeypatch.setattr(engine, "SPARSE", False)
    assert found == modernize_text(source, settings).code
    assert found.startswith('"""Doc."""\nimport sys\nimport os\n')
