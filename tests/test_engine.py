"""The engine's guarantees, checked with small codemods written for the test."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import libcst as cst
import pytest
from libcst.codemod import CodemodContext, SkipFile
from libcst.metadata import ParentNodeProvider

from legacylift import engine
from legacylift.codemod import LiftCodemod, parse_version
from legacylift.config import oldest_python3
from legacylift.engine import Settings, TransformError, comments, lost_comments, modernize_text
from legacylift.runner import Mode, Status, process_file
from legacylift.walk import Target


class RenameAToB(LiftCodemod):
    """Rename the name ``a`` to ``b``."""

    PRECHECK = re.compile(r"\ba\b")

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if updated_node.value != "a":
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(value="b")


class RenameBToC(RenameAToB):
    """Rename ``b`` to ``c``: sees what RenameAToB left, since it runs after it."""

    PRECHECK = None

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if updated_node.value != "b":
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(value="c")


class NameToCall(LiftCodemod):
    """Turn the name ``c`` into the call ``c()``: the node changes kind."""

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if updated_node.value != "c":
            return updated_node
        self.count_rewrite()
        return cst.Call(func=updated_node)


class CallToInt(LiftCodemod):
    """Turn ``c()`` into ``0``."""

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        self.count_rewrite()
        return cst.Integer("0")


class Refuser(LiftCodemod):
    """Refuse every file it sees a ``refuse`` name in."""

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if updated_node.value == "refuse":
            raise SkipFile("it said refuse")
        return updated_node


class DropComments(LiftCodemod):
    """Drop every statement line's trailing comment (a bad codemod)."""

    def leave_TrailingWhitespace(
        self, original_node: cst.TrailingWhitespace, updated_node: cst.TrailingWhitespace
    ) -> cst.TrailingWhitespace:
        if updated_node.comment is None:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(comment=None, whitespace=cst.SimpleWhitespace(""))


class BreakSyntax(LiftCodemod):
    """Produce code that parses for LibCST but does not compile (return outside function)."""

    def leave_Pass(self, original_node: cst.Pass, updated_node: cst.Pass) -> cst.Return:
        self.count_rewrite()
        return cst.Return()


class Ancestry(LiftCodemod):
    """Check parents() against ParentNodeProvider for each name, and for the name before it
    (off the pipeline's stack by then)."""

    METADATA_DEPENDENCIES: ClassVar = (ParentNodeProvider,)
    checked: ClassVar[list[tuple[str, bool, bool]]] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.earlier: cst.Name | None = None

    def _walk(self, node: cst.CSTNode) -> list[int]:
        found, parent = [], self.get_metadata(ParentNodeProvider, node, None)
        while parent is not None:
            found.append(id(parent))
            parent = self.get_metadata(ParentNodeProvider, parent, None)
        return found

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        stacked = [id(node) for node in self.parents(original_node)]
        on_stack = self.visiting is not None and original_node is self.visiting[-1]
        self.checked.append((original_node.value, on_stack, stacked == self._walk(original_node)))
        if self.earlier is not None:
            earlier = [id(node) for node in self.parents(self.earlier)]
            self.checked.append((self.earlier.value, False, earlier == self._walk(self.earlier)))
        self.earlier = original_node
        return updated_node


ANCESTRY = "def f(a):\n    return [g(a.b) for e in d if c]\nclass K:\n    x = lambda: y\n"


def test_parents_come_from_the_pipeline_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Ancestry, "checked", [])
    # NameToCall ends the round of each ``c`` it turns into a call: the stack stays right.
    run(ANCESTRY, RenameAToB, NameToCall, Ancestry)
    names = [name for name, on_stack, _ in Ancestry.checked if on_stack]
    assert names == ["f", "a", "g", "a", "b", "e", "d", "K", "x", "y"]  # not c: a call now
    assert all(same for _, _, same in Ancestry.checked)
    assert any(not on_stack for _, on_stack, _ in Ancestry.checked)  # ParentNodeProvider's


def test_parents_through_libcst_own_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Ancestry, "checked", [])
    Ancestry(CodemodContext()).transform_module(cst.parse_module(ANCESTRY))
    assert len(Ancestry.checked) == 2 * 11 - 1
    assert all(same for _, _, same in Ancestry.checked)


def run(source: str, *codemods: type[LiftCodemod], target: str = "3.8"):
    return modernize_text(source, Settings(parse_version(target), codemods))


def test_codemods_run_in_registry_order_in_one_pass() -> None:
    assert run("a = 1\n", RenameAToB, RenameBToC).code == "c = 1\n"
    assert run("a = 1\n", RenameBToC, RenameAToB).code == "b = 1\n"


def test_a_node_that_changes_kind_is_left_to_the_later_codemods() -> None:
    # Their leave_Call would get the Name as original_node, with the Name's metadata.
    outcome = run("x = a\n", RenameAToB, RenameBToC, NameToCall, CallToInt)
    assert outcome.code == "x = c()\n"
    assert run("x = c()\n", CallToInt).code == "x = 0\n"


def test_precheck_keeps_files_from_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parse(text: str) -> cst.Module:
        raise AssertionError("LibCST parsed a file no codemod wanted")

    monkeypatch.setattr(engine, "parse", no_parse)
    assert run("x = 1\n", RenameAToB).code == "x = 1\n"


def test_unparsable_text_is_an_error() -> None:
    for text in ("this is not python(\n", "a = (\n"):
        with pytest.raises(TransformError, match="cannot parse"):
            run(text, RenameAToB)


def test_python2_is_lifted_before_the_codemods_run() -> None:
    outcome = run("a = 1\nprint a\n", RenameAToB)
    assert outcome.code == "b = 1\nprint(b)\n"
    assert outcome.rewrites["py2_lift:print"] == 1
    assert outcome.source == "a = 1\nprint(a)\n"


def test_python2_with_nothing_for_the_codemods_is_still_lifted() -> None:
    outcome = run("x = 0777  # octal\nprint x\n", RenameAToB)
    assert outcome.code == "x = 0o777  # octal\nprint(x)\n"
    assert set(outcome.rewrites) == {"py2_lift:octal", "py2_lift:print"}


def test_skipfile_refuses_the_file_for_that_codemod_only() -> None:
    outcome = run("a = refuse\n", Refuser, RenameAToB)
    assert outcome.code == "b = refuse\n"
    assert outcome.notes == ["test_engine refused the file: it said refuse"]


def test_a_rewrite_that_drops_a_comment_is_refused() -> None:
    with pytest.raises(TransformError, match="drop the comment '# keep me'"):
        run("x = 1  # keep me\n", DropComments)


def test_result_that_does_not_compile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"if x:\n    pass\n")
    result = process_file(Target(str(path), path), Settings((3, 8), (BreakSyntax,)), Mode.WRITE)
    assert result.status is Status.FAILED
    assert "rewritten code does not compile" in result.reason
    assert path.read_bytes() == b"if x:\n    pass\n"


def test_input_that_never_compiled_is_reported_as_such() -> None:
    with pytest.raises(TransformError, match="even before"):
        run("return 1\npass\n", BreakSyntax)


def test_comments_counts_real_comments_only() -> None:
    assert comments("x = '# not a comment'  # real\n# two\n") == {"# real": 1, "# two": 1}


@pytest.mark.parametrize(
    ("spec", "version"),
    [(">=3.8", (3, 8)), (">=3.8.1", (3, 8)), ("~=3.10", (3, 10)), (">=2.7, !=3.0.*", (3, 1)),
     ("<3", None), ("garbage", None)],
)  # fmt: skip
def test_oldest_python3(spec: str, version: tuple[int, int] | None) -> None:
    assert oldest_python3(spec) == version


@pytest.mark.parametrize("text", ["3", "three", "3.x", ""])
def test_parse_version_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a Python version"):
        parse_version(text)


PY3_ITERATOR = (
    "class T:\n    def __iter__(self):\n        return self\n\n"
    "    def next(self):\n        return 1\n"
)


def test_python2_only_codemods_leave_python3_files_alone() -> None:
    from codemods.next_method_to_dunder import NextMethodToDunder

    # tarfile.TarFile.next() is public Python 3 API: a valid Python 3 file is not renamed...
    assert run(PY3_ITERATOR, NextMethodToDunder).code == PY3_ITERATOR
    # ...unless the file was Python 2 (lifted) or the user says every file is (--python2).
    lifted = run("print 'x'\n" + PY3_ITERATOR, NextMethodToDunder).code
    assert "def __next__(self):" in lifted and lifted.startswith("print('x')\n")
    forced = modernize_text(PY3_ITERATOR, Settings((3, 8), (NextMethodToDunder,), python2=True))
    assert "def __next__(self):" in forced.code


@pytest.mark.parametrize(
    "source",
    [
        '"""Doc."""\nimport os\n\n\nclass A:\n    pass\n\n# note\ndef f():\n    import sys\n',
        "from __future__ import annotations\n\nx = 1\nimport os\n",
        "def f():\n    pass\n",
        "",
    ],
)
def test_adding_imports_on_the_imports_alone_matches_libcst(source: str) -> None:
    """The engine runs AddImportsVisitor on the top-level imports only; same result."""
    from libcst.codemod.visitors import AddImportsVisitor

    def context() -> CodemodContext:
        made = CodemodContext()
        AddImportsVisitor.add_needed_import(made, "functools")
        AddImportsVisitor.add_needed_import(made, "os", "path")
        return made

    module = cst.parse_module(source)
    expected = AddImportsVisitor(context()).transform_module(module).code
    assert engine._add_imports(module, context()).code == expected


def test_an_import_named_only_in_a_docstring_is_still_removed() -> None:
    """dnspython's dns/name.py: ``import cStringIO`` is mentioned in a docstring afterwards."""
    from codemods.py2_stdlib_renames import Py2StdlibRenames

    source = (
        "import cStringIO\n\ndef f():\n"
        '    """Write to a cStringIO file."""\n    return cStringIO.StringIO()\n'
    )
    settings = Settings((3, 8), (Py2StdlibRenames,), python2=True)
    code = modernize_text(source, settings).code
    assert "import cStringIO" not in code
    assert "io.StringIO()" in code


@pytest.mark.parametrize(
    ("before", "after", "lost"),
    [
        pytest.param("a = 1  # one\nb = 2\n", "a = 1\nb = 2\n", {"# one": 1}, id="a changed line"),
        pytest.param("a = 1\nb = 2\n", "a = 2\nb = 2\n", {}, id="no # in the changed lines"),
        pytest.param(
            "a = (1,  # one\n     2)\nb = 2\n",
            "a = (1, 2)\nb = 2\n",
            {"# one": 1},
            id="lines merged",
        ),
        pytest.param(
            "x = 1\n# kept\ny = 2\n",
            'x = """\n# kept\ny = 2\n"""\n',
            {"# kept": 1},
            id="an opened string swallows an unchanged comment line",
        ),
        pytest.param("s = '#%s' % a\n", "s = f'#{a}'\n", {}, id="a # in a string is no comment"),
    ],
)
def test_lost_comments(before: str, after: str, lost: dict[str, int]) -> None:
    assert lost_comments(before, after) == lost
    assert lost_comments(before, after) == comments(before) - comments(after)


def test_no_codemod_visits_single_fields() -> None:
    """The pipeline skips LibCST's per-field hooks (``visit_Call_func``): none may exist."""
    from codemods import CODEMODS

    hook = re.compile(r"^(?:visit|leave)_[A-Z]\w*?_[a-z]\w*$")
    found = [f"{c.name()}.{a}" for c in CODEMODS for a in dir(c) if hook.match(a)]
    assert found == []
