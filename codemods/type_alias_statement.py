"""``X: TypeAlias = list[T]`` -> ``type X[T] = list[T]`` (PEP 695; only under ``--unsafe``)."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, QualifiedNameProvider, QualifiedNameSource, ScopeProvider

from codemods._typing import typing_name
from legacylift.codemod import LiftCodemod

VARIABLES = ("typing.TypeVar", "typing.ParamSpec", "typing.TypeVarTuple")


class TypeAliasStatement(LiftCodemod):
    """Turn ``TypeAlias`` annotations into ``type`` statements (unsafe: see Safety).

    **Why.** Python 3.12 has a statement for type aliases (PEP 695, ruff's UP040): lazily
    evaluated (forward references need no quotes) and with its own type parameters.

    **Example.**

        from typing import TypeAlias, TypeVar

        T = TypeVar("T", bound=int)
        Pair: TypeAlias = tuple[T, T]
        Names: TypeAlias = list[str]  # sorted

    becomes

        from typing import TypeVar

        T = TypeVar("T", bound=int)
        type Pair[T: int] = tuple[T, T]
        type Names = list[str]  # sorted

    Type variables of the alias (module-level ``TypeVar``, ``ParamSpec`` and ``TypeVarTuple``
    assignments, with their bound or constraints) become its type parameters, in order of
    first use; the old ``TypeVar`` assignments stay (other code may use them).

    **Refuses** an annotation without a value, targets that are not a plain name, type
    variables with variance or defaults (``covariant=True``...), and, out of the module level,
    aliases using type variables (a class's own ``T`` would become the alias's).  Type
    variables imported from elsewhere cannot be seen: they stay free (as in ruff).

    **Safety.** Off by default (``--unsafe``), as ruff's fix: the name becomes a
    ``typing.TypeAliasType``, not the aliased type, so ``isinstance(x, Names)``, ``Names()``
    and ``Names.append`` stop working.
    """

    MIN_PYTHON = (3, 12)
    UNSAFE_ONLY = True
    NEW_SYNTAX = True  # runs only where legacylift itself runs on 3.12+ (results are compiled)
    PRECHECK = re.compile(r"\bTypeAlias\b")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.variables: dict[str, cst.TypeParam | None] = {}  # None: cannot be a parameter

    def _qname(self, node: cst.CSTNode) -> str:
        names = self.get_metadata(QualifiedNameProvider, node, set())
        imported = [typing_name(q.name) for q in names if q.source is QualifiedNameSource.IMPORT]
        return imported[0] if len(names) == len(imported) == 1 else ""

    def visit_Assign(self, node: cst.Assign) -> None:
        target, call = node.targets[0].target, node.value
        if len(node.targets) != 1 or not isinstance(target, cst.Name):
            return
        scope = self.get_metadata(ScopeProvider, node, None)
        if not isinstance(call, cst.Call) or not isinstance(scope, GlobalScope):
            return
        kind, args = self._qname(call.func), call.args
        if kind not in VARIABLES or not args or any(a.star for a in args):
            return
        if not m.matches(args[0], m.Arg(m.SimpleString(), keyword=None)):
            return
        if cst.ensure_type(args[0].value, cst.SimpleString).evaluated_value != target.value:
            return
        rest, name = args[1:], cst.Name(target.value)
        self.variables[name.value] = None
        if kind == "typing.ParamSpec" and not rest:
            self.variables[name.value] = cst.TypeParam(cst.ParamSpec(name))
        elif kind == "typing.TypeVarTuple" and not rest:
            self.variables[name.value] = cst.TypeParam(cst.TypeVarTuple(name))
        elif kind == "typing.TypeVar":
            bounds = [a.value for a in rest if m.matches(a, m.Arg(keyword=m.Name("bound")))]
            constraints = [cst.Element(a.value) for a in rest if a.keyword is None]
            if len(bounds) + len(constraints) != len(rest) or len(constraints) == 1:
                return  # variance, defaults... (or both a bound and constraints: invalid)
            bound = bounds[0] if bounds else cst.Tuple(constraints) if constraints else None
            self.variables[name.value] = cst.TypeParam(cst.TypeVar(name, bound=bound))

    def leave_AnnAssign(
        self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign
    ) -> cst.BaseSmallStatement:
        target, value = updated_node.target, updated_node.value
        if self._qname(original_node.annotation.annotation) != "typing.TypeAlias":
            return updated_node
        if value is None or not isinstance(target, cst.Name):
            return updated_node
        used = [n.value for n in m.findall(value, m.Name()) if isinstance(n, cst.Name)]
        found = [self.variables[n] for n in dict.fromkeys(used) if n in self.variables]
        params = [p for p in found if p is not None]
        scope = self.get_metadata(ScopeProvider, original_node, None)
        if len(params) < len(found) or (params and not isinstance(scope, GlobalScope)):
            return updated_node
        self.unimport(original_node.annotation.annotation)
        self.count_rewrite()
        return cst.TypeAlias(
            name=target, value=value, semicolon=updated_node.semicolon,
            type_parameters=cst.TypeParameters(params) if params else None,
        )  # fmt: skip
