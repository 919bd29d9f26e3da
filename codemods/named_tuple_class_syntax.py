"""``P = NamedTuple("P", [("x", int)])`` -> ``class P(NamedTuple): x: int`` (and TypedDict)."""

from __future__ import annotations

import keyword
import re
from collections.abc import Sequence
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, QualifiedNameProvider, QualifiedNameSource, ScopeProvider

from codemods._typing import future_annotations, typing_name
from legacylift.codemod import LiftCodemod, Refuse, require

KINDS = {"typing.NamedTuple": "NamedTuple", "typing.TypedDict": "TypedDict",
         "mypy_extensions.TypedDict": "TypedDict"}  # fmt: skip
PAIR = m.Element(m.Tuple([m.Element(m.SimpleString()), m.Element()]))
BOOL = m.Name("True") | m.Name("False")
Fields = list[tuple[str, cst.BaseExpression]]


def _key(node: cst.BaseExpression) -> str | bytes:
    return cst.ensure_type(node, cst.SimpleString).evaluated_value


def _field(name: str, kind: str) -> bool:
    """Whether ``name`` can be a field in the class body (no keyword, no name mangling)."""
    private = name.startswith("__") and not name.endswith("__")
    dunder = name.startswith("__") and name.endswith("__")
    if kind == "NamedTuple" and name.startswith("_"):
        return False  # namedtuple refuses these names: the call raises already
    return name.isidentifier() and not keyword.iskeyword(name) and not private and not dunder


class NamedTupleClassSyntax(LiftCodemod):
    """Define ``NamedTuple`` and ``TypedDict`` types with a class statement.

    **Why.** The class syntax (Python 3.6) is the readable one, and type checkers understand
    it best; the keyword form ``TypedDict("T", a=int)`` is removed in 3.13 (ruff's UP013 and
    UP014).

    **Example.**

        from typing import NamedTuple, TypedDict

        Point = NamedTuple("Point", [("x", int), ("y", int)])  # a 2-D point
        Movie = TypedDict("Movie", {"title": str, "year": int}, total=False)

    becomes

        from typing import NamedTuple, TypedDict

        class Point(NamedTuple):  # a 2-D point
            x: int
            y: int
        class Movie(TypedDict, total=False):
            title: str
            year: int

    Also the keyword forms ``NamedTuple("P", x=int)`` and ``TypedDict("T", a=int)``, field
    lists that are tuples, empty definitions (``pass``), and ``typing_extensions`` and
    ``mypy_extensions`` spellings.  A comment at the end of the line goes to the class line.

    **Refuses** a variable that is not named like the type (the class would be renamed),
    fields given otherwise than as a literal list of pairs or a literal dict, field names that
    are not identifiers, are keywords, private (``__x``, mangled in a class body) or dunder
    names, a ``fields=`` keyword, ``total`` that is not ``True``/``False``, other keywords
    (``closed=``...), comments inside the call, a line with other statements, and, in a file
    with ``from __future__ import annotations``, definitions in a class or function body.

    **Safety.** Safe: both spellings build the same type.  With ``from __future__ import
    annotations`` the field types become forward references (``typing.get_type_hints``
    resolves them); that is why definitions whose types may name local variables are left.
    """

    MIN_PYTHON = (3, 6)
    # Before the others: they never visit the class this writes (a new node), and what they
    # would do to its fields (``Optional[str]`` -> ``str | None``, a dataclass under
    # --unsafe) would otherwise wait for a second run.
    PREPASS = True
    PRECHECK = re.compile(r"\b(?:NamedTuple|TypedDict)\s*\(")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement:
        original, assign = original_node.body[0], updated_node.body[0]
        if len(updated_node.body) != 1 or not isinstance(assign, cst.Assign):
            return updated_node
        target, call = assign.targets[0].target, assign.value
        if not isinstance(original, cst.Assign) or not isinstance(original.value, cst.Call):
            return updated_node
        if len(assign.targets) != 1 or not isinstance(target, cst.Name):
            return updated_node
        names = self.get_metadata(QualifiedNameProvider, original.value.func, set())
        imported = [q.name for q in names if q.source is QualifiedNameSource.IMPORT]
        kind = KINDS.get(typing_name(imported[0])) if len(names) == len(imported) == 1 else None
        scope = self.get_metadata(ScopeProvider, original, None)
        nested = not isinstance(scope, GlobalScope) and future_annotations(self.facts)
        if kind is None or nested or not isinstance(call, cst.Call):
            return updated_node
        try:
            fields, keywords = self._fields(kind, call, target.value)
        except Refuse:
            return updated_node
        body = [cst.SimpleStatementLine([cst.AnnAssign(cst.Name(k), cst.Annotation(v))])
                for k, v in fields] or [cst.SimpleStatementLine([cst.Pass()])]  # fmt: skip
        self.count_rewrite()
        return cst.ClassDef(
            name=target, body=cst.IndentedBlock(body, header=updated_node.trailing_whitespace),
            bases=[cst.Arg(call.func)], keywords=keywords, leading_lines=updated_node.leading_lines,
        )  # fmt: skip

    def _fields(self, kind: str, call: cst.Call, name: str) -> tuple[Fields, list[cst.Arg]]:
        """The fields of the call and the class keywords (``total=``); refuses what cannot be."""
        positional = [a for a in call.args if a.keyword is None]
        keywords = [a for a in call.args if a.keyword is not None]
        require(not any(a.star for a in call.args) and not m.findall(call, m.Comment()))
        require(bool(positional))
        typename = positional[0].value
        require(isinstance(typename, cst.SimpleString) and typename.evaluated_value == name)
        if len(positional) == 1:  # the keyword form: every keyword is a field
            fields = [(cst.ensure_type(a.keyword, cst.Name).value, a.value) for a in keywords]
            require(not {k for k, _ in fields} & {"fields", "total"})
            return self._checked(kind, fields), []
        require(len(positional) == 2)
        value = positional[1].value
        if kind == "NamedTuple" and isinstance(value, (cst.List, cst.Tuple)):
            require(not keywords and all(m.matches(e, PAIR) for e in value.elements))
            pairs = [cst.ensure_type(e.value, cst.Tuple).elements for e in value.elements]
            return self._checked(kind, [(_key(k.value), v.value) for k, v in pairs]), []
        require(kind == "TypedDict" and isinstance(value, cst.Dict))
        elements = cst.ensure_type(value, cst.Dict).elements
        require(all(isinstance(e, cst.DictElement) for e in elements))
        items = [cst.ensure_type(e, cst.DictElement) for e in elements]
        require(all(isinstance(e.key, cst.SimpleString) for e in items))
        require(all(m.matches(a, m.Arg(BOOL, keyword=m.Name("total"))) for a in keywords))
        total = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in keywords]
        return self._checked(kind, [(_key(e.key), e.value) for e in items]), total

    @staticmethod
    def _checked(kind: str, fields: Sequence[tuple[object, cst.BaseExpression]]) -> Fields:
        require(all(isinstance(k, str) and _field(k, kind) for k, _ in fields))
        return [(str(k), v) for k, v in fields]
