"""``class P(NamedTuple)`` -> ``@dataclass(frozen=True) class P`` (unsafe: no longer a tuple)."""

from __future__ import annotations

import re
from typing import ClassVar, cast

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods._beyond import Proofs
from codemods._dataclass_fields import is_docstring, literal_type
from codemods._py2_builtins import comments
from legacylift.codemod import LiftCodemod, Refuse, require

NAMEDTUPLE = {"typing.NamedTuple", "typing_extensions.NamedTuple"}
NAMEDTUPLE_API = ("_replace", "_asdict", "_fields", "_make", "_field_defaults")  # in the file
FIELD = m.SimpleStatementLine([m.AnnAssign(m.Name()) | m.Pass()])
CLASSVAR = m.Name("ClassVar") | m.Attribute(attr=m.Name("ClassVar"))
DUNDERS = ("__repr__", "__str__", "__format__")
DECORATOR = m.Decorator(m.Name("property") | m.Name("classmethod") | m.Name("staticmethod"))


class NamedTupleToDataclass(LiftCodemod):
    """Turn a ``typing.NamedTuple`` class into a frozen dataclass (only under ``--unsafe``).

    **Why.** A record that is never used as a tuple says so as a dataclass (PEP 557).

    **Example.**

        from typing import NamedTuple

        class Point(NamedTuple):
            x: int
            y: int = 0

    becomes

        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Point:
            x: int
            y: int = 0

    **Refuses** decorators, keywords, other bases; a body with more than a docstring, fields
    (defaults: numbers, strings, bools, ``None``, tuples of them) and methods (no ``super()``,
    no dunder but ``__repr__``/``__str__``/``__format__``); subclasses, ``P.field``; the tuple
    uses it sees of ``P(...)``, of names bound to one or annotated ``P`` and of ``self``:
    indexing, unpacking, iteration, ``*p``, ``len``/``sorted``..., ``+``/``%``, ordering, ``in``,
    ``==`` with a tuple; files using ``_replace``/``_asdict``/``_fields``/``_make`` at all.

    **Safety.** Unsafe, so ``--unsafe`` only: a named tuple is a tuple, a dataclass is not.
    Unseen tuple uses (other modules) break; ``==`` with a tuple or another named tuple becomes
    False, ordering a TypeError; pickles, ``__slots__ = ()``, ``P.x``, ``__doc__`` and
    ``_replace``/``_asdict`` change or go.  ``repr``, attributes, construction, immutability,
    ``hash`` and ``==`` between instances of the class stay as they were.
    """

    UNSAFE_ONLY = True
    MIN_PYTHON = (3, 7)
    PRECHECK = re.compile(r"\bNamedTuple\b")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        try:
            require(not updated.decorators and not updated.keywords and len(updated.bases) == 1)
            require(updated.deep_equals(original))  # no other codemod changed it
            require(isinstance(original.body, cst.IndentedBlock))  # not ``class P(T): x: int``
            return self._rewrite(original)
        except Refuse:
            return updated

    def _rewrite(self, original: cst.ClassDef) -> cst.ClassDef:
        base, self.proofs = original.bases[0], Proofs(self)
        body = cast(cst.IndentedBlock, original.body)
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, base.value, set())}
        require(m.matches(base, m.Arg(keyword=None, star="")) and names and names <= NAMEDTUPLE)
        require(not comments(original.with_changes(body=cst.IndentedBlock([]), leading_lines=[])))
        require(not any(self.facts.attributes[attr] for attr in NAMEDTUPLE_API))
        self.fields = self._fields(body)
        scope = self.proofs.scope(original)
        assert scope is not None  # every node has one
        bindings = scope[original.name.value]
        require([getattr(b, "node", None) for b in bindings] == [original])  # never rebound
        for access in next(iter(bindings)).references:
            self._class_use(access.node)
        self._methods(body)
        bound = {q.name for q in scope.get_qualified_names_for("dataclass")}
        require(bound <= {"dataclasses.dataclass"})  # unbound, or imported already
        AddImportsVisitor.add_needed_import(self.context, "dataclasses", "dataclass")
        self.unimport(base.value)
        self.count_rewrite()
        decorator = cst.Decorator(cst.parse_expression("dataclass(frozen=True)"))
        parens = cst.MaybeSentinel.DEFAULT  # none without bases
        return original.with_changes(decorators=[decorator], bases=[], lpar=parens, rpar=parens)

    @staticmethod
    def _fields(body: cst.IndentedBlock) -> set[str]:
        fields = set()
        for i, line in enumerate(body.body):
            if isinstance(line, cst.FunctionDef) or (i == 0 and is_docstring(line)):
                continue
            require(m.matches(line, FIELD))
            field = cst.ensure_type(line, cst.SimpleStatementLine).body[0]
            if isinstance(field, cst.AnnAssign):
                require(field.value is None or literal_type(field.value) is not None)
                require(not m.findall(field.annotation, CLASSVAR))  # a field of the tuple
                fields.add(cst.ensure_type(field.target, cst.Name).value)
        require(fields)
        return fields

    def _methods(self, body: cst.IndentedBlock) -> None:
        for method in body.body:
            if not isinstance(method, cst.FunctionDef):
                continue
            require(method.name.value in DUNDERS or not method.name.value.startswith("__"))
            require(all(m.matches(kind, DECORATOR) for kind in method.decorators))
            kinds = {cst.ensure_type(d.decorator, cst.Name).value for d in method.decorators}
            require(not m.findall(method, m.Name("super") | m.Name("__class__")))
            if "staticmethod" in kinds or not method.params.params:
                continue
            first = method.params.params[0]
            if "classmethod" in kinds:
                for read in self.proofs.reads(first):
                    self._class_use(read)
            else:
                self._instances(first)

    def _class_use(self, node: cst.CSTNode) -> None:
        """Refuse a subclass or ``P.field``; check the instances made or annotated."""
        parent = self.proofs.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            require(not self.proofs.used_as_sequence(parent))
        elif isinstance(parent, cst.Attribute) and parent.value is node:
            attr = parent.attr.value
            require(attr not in {*self.fields, "count", "index"} and not attr.startswith("__"))
        elif isinstance(parent, cst.Arg):
            require(not isinstance(self.proofs.parent(parent), cst.ClassDef))
        elif isinstance(parent, cst.Annotation):
            holder = self.proofs.parent(parent)  # a parameter, ``p: P = ...``, a return
            binder = holder if isinstance(holder, cst.Param) else getattr(holder, "target", None)
            if isinstance(binder, (cst.Param, cst.Name)):
                self._instances(binder)

    def _instances(self, binder: cst.Name | cst.Param) -> None:
        """Refuse if the instance a name or parameter holds is used as a tuple."""
        require(not any(self.proofs.used_as_sequence(read) for read in self.proofs.reads(binder)))
