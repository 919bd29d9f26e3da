"""Pure helpers of ``init_to_dataclass``: reading a plain ``__init__`` as dataclass fields, and
the checks of the class that need no scopes (they raise ``Refuse``)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from itertools import takewhile

import libcst as cst
import libcst.matchers as m

from codemods._class_names import OwnNames
from legacylift.astindex import AstIndex
from legacylift.codemod import require

Fields = dict[str, cst.SimpleStatementLine]
#: The names besides the fields' that the checks ask the class body's scope about.
ASKED = ("__init__", "__slots__", "__eq__", "__repr__", "__post_init__", "__new__", "__metaclass__")
#: Field annotations inferred from a numeric literal default, by node type name.
_NUMBERS = {"Integer": "int", "Float": "float", "Imaginary": "complex"}
#: Annotations that dataclass reads as "not an instance field" (or as a marker), not a type.
_SPECIAL = re.compile(r"\b(ClassVar|InitVar|KW_ONLY)\b")
_EMPTY = cst.Module(body=[])
_BLANK = cst.EmptyLine(indent=False)  # no trailing whitespace


def check_header(updated: cst.ClassDef) -> cst.IndentedBlock:
    """The class body, if the class is undecorated and based on nothing but ``object``."""
    require(not updated.decorators and not updated.keywords)  # keywords: metaclass=...
    require(all(m.matches(a, m.Arg(m.Name("object"), keyword=None)) for a in updated.bases))
    require(isinstance(updated.body, cst.IndentedBlock))
    return cst.ensure_type(updated.body, cst.IndentedBlock)


def check_names(own: OwnNames, body: cst.IndentedBlock, fields: Fields) -> None:
    names, used = list(fields), annotation_names(fields.values())
    special = ("__post_init__", "__new__", "__metaclass__")
    # Class attributes would clash with fields, or change what a moved annotation means.
    require(not any(own.bound(name) for name in (*special, *names, *used)))
    require(not set(names) & used and not own.read("__init__"))
    # Any annotation at class level would become a field too.
    others = [s for s in body.body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))]
    require(not any(m.findall(stmt, m.AnnAssign()) for stmt in others))


def literal_type(expr: cst.BaseExpression) -> str | None:
    """The annotation for an immutable literal default (``Any`` for None), or None if mutable."""
    if m.matches(expr, m.UnaryOperation(operator=m.Minus() | m.Plus())):
        assert isinstance(expr, cst.UnaryOperation)
        return _NUMBERS.get(type(expr.expression).__name__)
    if m.matches(expr, m.Name("True") | m.Name("False")):
        return "bool"
    if m.matches(expr, m.Name("None")):
        return "Any"  # we cannot tell what else the attribute may hold
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        if m.findall(expr, m.FormattedString()):
            return None  # an f-string may read names: not a constant
        while isinstance(expr, cst.ConcatenatedString):
            expr = expr.left
        return "bytes" if "b" in cst.ensure_type(expr, cst.SimpleString).prefix.lower() else "str"
    if isinstance(expr, cst.Tuple):
        items = expr.elements
        ok = all(isinstance(i, cst.Element) and literal_type(i.value) for i in items)
        return "tuple" if ok else None
    return _NUMBERS.get(type(expr).__name__)


def is_docstring(stmt: cst.BaseStatement) -> bool:
    """Whether ``stmt`` is a bare string statement (a docstring when it comes first)."""
    string = m.SimpleString() | m.ConcatenatedString()
    return m.matches(stmt, m.SimpleStatementLine(body=[m.Expr(string)]))


def is_plain_init(stmt: cst.BaseStatement) -> bool:
    """An undecorated, synchronous ``def __init__`` whose return annotation, if any, is None."""
    init = m.FunctionDef(name=m.Name("__init__"), decorators=[], asynchronous=None)
    if not isinstance(stmt, cst.FunctionDef) or not m.matches(stmt, init):
        return False
    return stmt.returns is None or m.matches(stmt.returns, m.Annotation(m.Name("None")))


def slot_names(stmt: cst.BaseStatement) -> list[str] | None:
    """The names in a comment-free ``__slots__ = (...)`` or ``[...]`` of plain strings."""
    slots = m.Assign(targets=[m.AssignTarget(m.Name("__slots__"))], value=m.Tuple() | m.List())
    if not m.matches(stmt, m.SimpleStatementLine(body=[slots])) or m.findall(stmt, m.Comment()):
        return None  # (a comment on the line would be lost with it)
    value = cst.ensure_type(cst.ensure_type(stmt, cst.SimpleStatementLine).body[0], cst.Assign)
    assert isinstance(value.value, (cst.Tuple, cst.List))
    elements = value.value.elements
    names = [e.value.evaluated_value for e in elements if isinstance(e.value, cst.SimpleString)]
    strings = [name for name in names if isinstance(name, str)]
    return strings if len(strings) == len(elements) else None


def annotation_names(fields: Iterable[cst.SimpleStatementLine]) -> set[str]:
    """The names that the field annotations read."""
    annotations = [found for field in fields for found in m.findall(field, m.Annotation())]
    names = [name for found in annotations for name in m.findall(found, m.Name())]
    return {name.value for name in names if isinstance(name, cst.Name)}


def _stores(stmt: cst.BaseStatement, self_name: str, name: str) -> bool:
    """Whether ``stmt`` is exactly ``self.<name> = <name>``."""
    target = m.AssignTarget(m.Attribute(value=m.Name(self_name), attr=m.Name(name)))
    store = m.Assign(targets=[target], value=m.Name(name))
    return m.matches(stmt, m.SimpleStatementLine(body=[store]))


def _field(param: cst.Param, line: cst.SimpleStatementLine) -> cst.SimpleStatementLine | None:
    """``line`` (comments kept) turned into the field for ``param``, or None to refuse."""
    inferred = "Any" if param.default is None else literal_type(param.default)
    if inferred is None:
        return None  # a mutable or computed default: dataclass would reject or share it
    if param.annotation is None:
        annotation: cst.BaseExpression = cst.Name(inferred)
    else:
        annotation = param.annotation.annotation
        if _SPECIAL.search(_EMPTY.code_for_node(annotation)):
            return None
    field = cst.AnnAssign(param.name, cst.Annotation(annotation), value=param.default)
    return line.with_changes(body=[field])


def _params(params: cst.Parameters) -> Sequence[cst.Param] | None:
    """The parameters after ``self`` if all are plain positional-or-keyword ones."""
    extra = params.posonly_params or params.kwonly_params or params.star_kwarg
    if extra or not isinstance(params.star_arg, cst.MaybeSentinel) or not params.params:
        return None
    return params.params[1:] if params.params[0].default is None else None


def read_fields(init: cst.FunctionDef) -> dict[str, cst.SimpleStatementLine] | None:
    """Name to field line, in order, if ``init`` only stores each parameter, else None."""
    params, body = _params(init.params), init.body
    if not params or not isinstance(body, cst.IndentedBlock) or len(body.body) != len(params):
        return None
    self_name = init.params.params[0].name.value
    fields = {}
    for param, stmt in zip(params, body.body):
        if not isinstance(stmt, cst.SimpleStatementLine):
            return None
        field = _field(param, stmt) if _stores(stmt, self_name, param.name.value) else None
        if field is None:
            return None
        fields[param.name.value] = field
    carried = sum(len(m.findall(field, m.Comment())) for field in fields.values())
    # Comments on the def line, between parameters or after the body have no field to go to.
    return fields if carried == len(m.findall(init, m.Comment())) else None


def _lines(stmt: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    assert isinstance(stmt, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
    return stmt.leading_lines


def _blanks(lines: Sequence[cst.EmptyLine]) -> int:
    """How many blank lines come before the first comment line."""
    return len(list(takewhile(lambda line: line.comment is None, lines)))


def new_body(
    body: cst.IndentedBlock, drop: Sequence[object], fields: list[cst.SimpleStatementLine]
) -> cst.IndentedBlock:
    """Fields first (after a docstring), then the rest but ``drop``, one blank line between."""
    head = [stmt for stmt in body.body[:1] if is_docstring(stmt)]
    rest = [stmt for stmt in body.body[len(head) :] if all(stmt is not d for d in drop)]
    # After a docstring, keep the blank line (or not) that the author put there.
    gap = [_BLANK] if head and _blanks(_lines(body.body[1])) else []
    fields = [fields[0].with_changes(leading_lines=[*gap, *fields[0].leading_lines]), *fields[1:]]
    if rest:
        lines = _lines(rest[0])
        rest[0] = rest[0].with_changes(leading_lines=[_BLANK, *lines[_blanks(lines) :]])
    return body.with_changes(body=[*head, *fields, *rest])


#: Bases that are, or that another codemod of the pass turns into, ``object``.
_OBJECT = frozenset({"object", "Iterator", "ObjectType", "InstanceType"})


def plain_init_classes(found: AstIndex) -> set[int]:
    """The lines of the classes with an ``__init__`` that may only store its parameters.

    Generous where other codemods of the pass may change what the checks see: a base spelled
    ``six.Iterator`` or ``types.ObjectType`` (it becomes ``object``), ``metaclass=type``
    (dropped), a value that may become the parameter (``six.get_unbound_function(p)``) and
    statements that may go (imports, ``del``, ``isinstance`` coercions).
    """
    objects = set(_OBJECT)
    for node in found.of(ast.ImportFrom):
        objects.update(a.asname for a in node.names if a.asname and a.name in _OBJECT)
    return {
        node.lineno
        for node in found.of(ast.ClassDef)
        if not node.decorator_list
        and all(_last(base) in objects for base in node.bases)
        and all(k.arg == "metaclass" and _last(k.value) == "type" for k in node.keywords)
        and any(_plain_init(stmt) for stmt in node.body)
    }


def _last(node: ast.expr) -> str | None:
    """The last part of a dotted name (None for anything else)."""
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _plain_init(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.FunctionDef) or stmt.name != "__init__" or stmt.decorator_list:
        return False
    args = stmt.args
    if args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg or len(args.args) < 2:
        return False
    if len(args.defaults) == len(args.args):
        return False  # ``self`` has a default
    params, stored = {a.arg for a in args.args[1:]}, set[str]()
    for line in stmt.body:
        if isinstance(line, (ast.Import, ast.ImportFrom, ast.Delete)) or _coercion(line):
            continue
        if not isinstance(line, ast.Assign) or len(line.targets) != 1:
            return False
        target = line.targets[0]
        if not isinstance(target, ast.Attribute) or target.attr not in params:
            return False
        if not _is(target.value, args.args[0].arg) or not _may_become(line.value, target.attr):
            return False
        stored.add(target.attr)
    return stored == params


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _may_become(value: ast.expr, name: str) -> bool:
    """Whether ``value`` is, or may become in this pass, the name ``name``: a builtin's
    new name (``unicode`` -> ``str``), ``six.moves.name``, ``six.get_unbound_function(name)``."""
    if isinstance(value, ast.Call):
        args = value.args
        return not value.keywords and len(args) == 1 and _is(args[0], name)
    return isinstance(value, ast.Name) or getattr(value, "attr", None) == name


def _coercion(stmt: ast.stmt) -> bool:
    """``if isinstance(...):`` with no ``else`` (``native_string_coercions`` may drop it)."""
    func = stmt.test.func if isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Call) else None
    return func is not None and _last(func) == "isinstance" and not getattr(stmt, "orelse", ())
