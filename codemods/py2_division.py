"""Python 2's ``/`` on two ints -> ``//`` (under --unsafe); other ``/`` that may floor noted."""

from __future__ import annotations

import re
from typing import ClassVar, Optional, TypeVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, PositionProvider, QualifiedNameProvider, ScopeProvider

from legacylift.codemod import LiftCodemod

INT, FLOAT, TEXT, PATH = "int", "float", "text", "path"
Kind = Optional[str]
CLASSES = ("Path", "PurePath", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath")
CALLS = {f"builtins.{name}": INT for name in ("len", "int", "ord", "hash")}  # by qualified name
FLOATS = ("float", "complex", "round", "math.floor", "math.ceil", "math.sqrt", "random.random")
CALLS.update((name if "." in name else f"builtins.{name}", FLOAT) for name in FLOATS)  # py2's
CALLS.update((f"{module}.{c}", PATH) for module in ("pathlib", "pathlib2") for c in CLASSES)
LITERALS: dict[type, str] = {cst.Integer: INT, cst.Float: FLOAT, cst.Imaginary: FLOAT}
DIVISION = m.ImportAlias(m.Name("division"))
FUTURE = m.ImportFrom(m.Name("__future__"), [m.ZeroOrMore(), DIVISION, m.ZeroOrMore()])
Binding = tuple[Optional[type], cst.BaseExpression]  # the operator of op= (None for =), value
Site = TypeVar("Site", cst.BinaryOperation, cst.AugAssign)
MAYBE = " may be integer division on Python 2: check whether `//` is meant"
INTS = ": both operands are ints; `//` keeps Python 2's result (rerun with --unsafe to apply)"


def combine(left: Kind, op: type, right: Kind) -> Kind:
    """The kind of ``left op right`` on Python 2 (where ``/`` floors two ints), or None."""
    if op is cst.Divide and PATH in (left, right):
        return PATH
    if {left, right} <= {INT, FLOAT}:  # (bit operators on a float fail on both Pythons)
        return FLOAT if FLOAT in (left, right) else None if op is cst.Power else INT
    return None


class Py2Division(LiftCodemod):
    """Python 2's ``/`` on two ints -> ``//`` (under --unsafe); other ``/`` that may floor noted.

    **Why.** Python 2's ``/`` floors two ints (``7 / 2 == 3``); Python 3's divides truly (``3.5``).

    **Example.**

        half = len(items) / 2
        n = 10
        n /= 3

    becomes

        half = len(items) // 2
        n = 10
        n //= 3

    **Refuses** files with ``from __future__ import division``, and sites with an operand that
    is a float on Python 2 (``1.0``, ``float()``, ``round()``, ``math.floor()``...), a string
    or a ``pathlib`` path.  Other sites are noted unless both operands are proven ints: int
    literals, builtin ``len``/``int``/``ord``/``hash``, arithmetic on ints, and names whose
    every assignment in their scope is one and above the site (``n = 0``, ``n += k``), unless
    the module has ``import *``.

    **Safety.** Nothing is rewritten by default: ``--unsafe`` gives ``//`` (exactly Python 2's
    ``/`` on ints) to sites proven to hold two ints, which are noted otherwise.  The proof
    trusts the module: code elsewhere can rebind a global (``mod.n = 2.5``) or a builtin.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"(?<!/)/(?!/)")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, PositionProvider, QualifiedNameProvider)

    def visit_Module(self, node: cst.Module) -> None:
        top = [s for s in node.body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))]
        imports = [i for s in top for i in m.findall(s, m.ImportFrom())]  # none in defs
        self.future = any(m.matches(i, FUTURE) for i in imports)
        self.star = any(m.matches(i, m.ImportFrom(names=m.ImportStar())) for i in imports)
        self.bindings: dict[cst.CSTNode, Binding] = {}  # filled in as the walk meets them
        self.assumed: dict[frozenset[int], Kind] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        self.bindings.update((target.target, (None, node.value)) for target in node.targets)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        op = getattr(cst, type(node.operator).__name__.removesuffix("Assign"))
        self.bindings[node.target] = (op, node.value)

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        return self._floor(original_node, updated_node, original_node.left, original_node.right)

    def leave_AugAssign(
        self, original_node: cst.AugAssign, updated_node: cst.AugAssign
    ) -> cst.AugAssign:
        return self._floor(original_node, updated_node, original_node.target, original_node.value)

    def _floor(self, original: Site, updated: Site, *operands: cst.BaseExpression) -> Site:
        op = updated.operator
        if self.future or not isinstance(op, (cst.Divide, cst.DivideAssign)):
            return updated
        kinds = {self._kind(operand) for operand in operands}
        if kinds & {FLOAT, TEXT, PATH}:
            return updated  # true division (or no number at all) on both Pythons
        if kinds != {INT} or not self.unsafe:
            line = self.get_metadata(PositionProvider, original).start.line
            code = " ".join(self.module.code_for_node(original).split())
            code = code if len(code) <= 40 else code[:37] + "..."
            self.warn(f"line {line}: `{code}`{MAYBE if kinds != {INT} else INTS}")
            return updated
        self.count_rewrite()
        floor = getattr(cst, "Floor" + type(op).__name__)  # FloorDivide, FloorDivideAssign
        return updated.with_changes(operator=floor(op.whitespace_before, op.whitespace_after))

    def _kind(self, node: cst.BaseExpression) -> Kind:
        """INT, FLOAT (or complex), TEXT, PATH or None: what ``node`` gives on Python 2."""
        if kind := (TEXT if isinstance(node, cst.BaseString) else LITERALS.get(type(node))):
            return kind
        if isinstance(node, cst.UnaryOperation) and not isinstance(node.operator, cst.Not):
            return self._kind(node.expression)  # (``~`` of a float fails on both Pythons)
        if isinstance(node, cst.BinaryOperation):
            return combine(self._kind(node.left), type(node.operator), self._kind(node.right))
        if isinstance(node, cst.Call) and not self.star:
            names = self.get_metadata(QualifiedNameProvider, node.func, set())
            kinds = {CALLS.get(q.name) for q in names}  # a builtin may be shadowed
            return kinds.pop() if len(kinds) == 1 else None
        return self._name_kind(node) if isinstance(node, cst.Name) else None

    def _name_kind(self, node: cst.Name) -> Kind:
        """The kind every assignment of ``node`` gives it (assumed while they are checked)."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None or self.star or len(self.assumed) >= 4:
            return None  # (a name resolved through 4 names is not worth the time)
        assignments = [a for a in scope[node.value] if isinstance(a, Assignment)]
        key = frozenset(id(a.node) for a in assignments)
        if key in self.assumed:
            return self.assumed[key]  # read by one of its own assignments
        found = [self.bindings[a.node] for a in assignments if a.node in self.bindings]
        if not found or len(found) < len(scope[node.value]):
            return None  # a parameter, import, loop variable, tuple target, one further down...
        self.assumed[key] = None
        plain = (self._kind(value) for op, value in found if op is None)
        self.assumed[key] = guess = next((kind for kind in plain if kind), None)
        kinds = [(op, self._kind(value)) for op, value in found] if guess else []
        del self.assumed[key]
        ok = all((k if op is None else combine(guess, op, k)) == guess for op, k in kinds)
        return guess if ok else None
