"""What a Python version test evaluates to on every Python 3 that may run the code.

Tests are ``sys.version_info``/``sys.version`` compared with constants, six's ``PY2``/``PY3``,
names the module binds once to such a test, and ``not``/``and``/``or`` of them; one is decided
only when it has one value from the target to the newest Python 3.  Used by ``version_branches``.
"""

from __future__ import annotations

import ast
import operator as op
import re
from typing import Any, Callable, cast

import libcst as cst
import libcst.matchers as m
import libcst.metadata as md
from libcst.metadata import PositionProvider, QualifiedNameProvider, ScopeProvider

from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require
from legacylift.facts import root_name

Test = Callable[[Any, Any], bool]
OPS: dict[Any, Test] = {cst.LessThan: op.lt, cst.LessThanEqual: op.le, cst.Equal: op.eq,
    cst.NotEqual: op.ne, cst.GreaterThan: op.gt, cst.GreaterThanEqual: op.ge}  # fmt: skip
#: The comparison with its operands swapped.
FLIP: dict[Any, Test] = {op.lt: op.gt, op.le: op.ge, op.gt: op.lt, op.ge: op.le,
    op.eq: op.eq, op.ne: op.ne}  # fmt: skip
NAME, VALUE = m.SaveMatchedNode(m.Name(), "name"), m.SaveMatchedNode(m.DoNotCare(), "value")
FLAG = m.SimpleStatementLine([m.Assign([m.AssignTarget(NAME)], VALUE)])  # ``NAME = value``
SIX = re.compile(r"(?:.+\.)?six\.PY[23]")
#: A version test names one of these (directly or through a module flag); the others are not
#: worth resolving names for.
VERSION_WORDS = frozenset({"version_info", "version", "hexversion", "PY2", "PY3"})


def version_test_lines(found: AstIndex) -> set[int]:
    """The lines of the ``if``/``elif`` statements and conditional expressions whose test names
    a version word, itself or through a module-level ``NAME = value`` (up to five deep): all
    that :meth:`VersionChecks.decide` looks into.  Names read as ``ast`` holds them: a
    variable, an attribute, a keyword or parameter name (LibCST's ``Name`` nodes)."""
    flags: dict[str, list[ast.expr]] = {}
    for statement in found.tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                flags.setdefault(target.id, []).append(statement.value)

    def mentions(node: ast.AST, depth: int) -> bool:
        for inner in ast.walk(node):
            word = _word(inner)
            if word in VERSION_WORDS:
                return True
            if not isinstance(inner, ast.Name) or depth >= 5:
                continue
            values = flags.get(inner.id, ())
            if any(mentions(value, depth + 1) for value in values):
                return True
        return False

    tests = found.of(ast.If, ast.IfExp)
    return {node.lineno for node in tests if mentions(node.test, 0)}  # type: ignore[attr-defined]


def _word(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.arg if isinstance(node, (ast.keyword, ast.arg)) else None


def module_flags(module: cst.Module) -> dict[cst.CSTNode, cst.BaseExpression]:
    """The module-level ``NAME = value`` assignments of ``module``: the Name -> its value."""
    found = filter(None, (m.extract(stmt, FLAG) for stmt in module.body))
    # VALUE sits in ``Assign.value``, so it is always an expression.
    return {
        cst.ensure_type(f["name"], cst.Name): cast(cst.BaseExpression, f["value"]) for f in found
    }


def constant(node: cst.BaseExpression) -> Any:
    """The value of an int, str or int-tuple literal (Refuse for anything else)."""
    try:
        value = ast.literal_eval(cst.Module([]).code_for_node(node))
    except (ValueError, SyntaxError):
        raise Refuse from None
    require(type(value) in (int, str, tuple))
    require(
        not isinstance(value, tuple) or (len(value) <= 3 and all(type(v) is int for v in value))
    )
    return value


def version_range(key: str, minor: int) -> tuple[Any, Any] | None:
    """The range of ``key`` (``"sys.version_info[:2]"``) from Python 3.``minor`` on, or None."""
    full = ((3, minor, 0, 0, 0), (3, 10**6, 0, 0, 0))
    known = {"sys.version_info": full, "sys.version_info[0]": (3, 3),
             "sys.version_info.major": (3, 3), "sys.version": ("3.", "3.")}  # fmt: skip
    part = re.fullmatch(r"sys\.version_info\[0?:(\d)\]", key)
    return (full[0][: int(part[1])], full[1][: int(part[1])]) if part else known.get(key)


class VersionChecks:
    """Decides the version tests of one module for ``codemod`` (which resolves the metadata)."""

    def __init__(self, codemod: LiftCodemod, module: cst.Module) -> None:
        self.codemod = codemod
        self.flags = module_flags(module)
        self.flag_values: dict[str, list[cst.BaseExpression]] = {}
        for name, value in self.flags.items():
            self.flag_values.setdefault(cst.ensure_type(name, cst.Name).value, []).append(value)
        self.noted: set[str] = set()  # flags already warned about
        #: Whether the last test held a version check; the modules it read (``sys``, ``six``).
        self.seen, self.modules = False, set[str]()

    def decide(self, test: cst.BaseExpression) -> bool | None:
        """Whether ``test`` holds on the target; None if it depends or is not a version test."""
        self.seen, self.modules = False, set[str]()
        if not self._mentions_version(test, 0):
            return None  # most tests: no name to resolve, no scope to compute
        try:
            return self._eval(test, 0)
        except Refuse:
            if self.seen:
                line = self.codemod.get_metadata(PositionProvider, test).start.line
                self.codemod.warn(f"line {line}: a version check mixed with other tests left alone")
            return None

    def _mentions_version(self, node: cst.CSTNode, depth: int) -> bool:
        """Whether ``node`` names a version word, itself or through a module flag."""
        if isinstance(node, cst.Name):
            if node.value in VERSION_WORDS:
                return True
            values = self.flag_values.get(node.value, ()) if depth < 5 else ()
            return any(self._mentions_version(value, depth + 1) for value in values)
        return any(self._mentions_version(child, depth) for child in node.children)

    def _eval(self, node: cst.BaseExpression, depth: int) -> bool | None:
        require(depth < 10)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            inner = self._eval(node.expression, depth + 1)
            return None if inner is None else not inner
        if isinstance(node, cst.BooleanOperation):
            both, refused = set[bool | None](), False
            for side in (node.left, node.right):  # both sides, so that ``seen`` is set
                try:
                    both.add(self._eval(side, depth + 1))
                except Refuse:
                    refused = True
            decisive = isinstance(node.operator, cst.Or)  # the value that decides alone
            require(not refused)
            return decisive if decisive in both else (None if None in both else not decisive)
        if isinstance(node, cst.Comparison):
            return self._compare(node)
        for name in self._imported(node):
            if SIX.fullmatch(name):
                self.seen = True
                self.modules.add("six")
                return name.endswith("PY3")
            if name.endswith((".PY2", ".PY3")) and name not in self.noted:
                self.noted.add(name)
                self.codemod.warn(f"{name} left alone: only six's PY2/PY3 are trusted")
        require(isinstance(node, cst.Name) and not self._imported(node))
        scope = self.codemod.get_metadata(ScopeProvider, node, None)
        bindings = list(scope[cst.ensure_type(node, cst.Name).value]) if scope else []
        binding = bindings[0] if len(bindings) == 1 else None
        if not isinstance(binding, md.Assignment) or binding.node not in self.flags:
            raise Refuse
        return self._eval(self.flags[binding.node], depth + 1)

    def _imported(self, node: cst.CSTNode) -> list[str]:
        """The names ``node`` stands for through an import (a local ``sys`` is not ``sys``)."""
        if root_name(node) not in self.codemod.facts.import_bound:
            return []  # no import binds its first name: no need for the file's scopes
        names = self.codemod.get_metadata(QualifiedNameProvider, node, set())
        return sorted(q.name for q in names if q.source is md.QualifiedNameSource.IMPORT)

    def _compare(self, node: cst.Comparison) -> bool | None:
        values = [node.left, *(c.comparator for c in node.comparisons)]
        result: bool | None = True
        for left, target, right in zip(values, node.comparisons, values[1:]):
            test, (low, high), other = OPS.get(type(target.operator)), self._version(left), right
            if low is None:  # the version on the right
                test, (low, high), other = FLIP.get(test), self._version(right), left
            if test is None or low is None:
                raise Refuse
            value = constant(other)
            require(type(value) is type(low) and not str(value).startswith("3."))
            at_low, at_high = test(low, value), test(high, value)
            inside = test in (op.eq, op.ne) and low != high and low <= value <= high
            verdict = at_low if at_low == at_high and not inside else None
            result = False if False in (result, verdict) else (result and verdict)
        self.seen = True
        return result

    def _version(self, node: cst.BaseExpression) -> tuple[Any, Any]:
        """The lowest and highest value ``node`` has on the Python 3 versions that may run it."""
        index = ""
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = "[" + "".join(cst.Module([]).code_for_node(node.slice[0].slice).split()) + "]"
            node = node.value
        key = "".join(self._imported(node)[:1]) + index
        found = version_range(key, self.codemod.target[1])
        self.modules.update(["sys"] if found else [])
        return found or (None, None)
