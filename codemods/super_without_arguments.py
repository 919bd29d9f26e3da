"""``super(C, self)`` in a method of class ``C`` -> ``super()``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods._py2_builtins import SCOPES, comments, scope_owners
from legacylift.codemod import LiftCodemod, Refuse, is_builtin, require

POSITIONAL = m.Arg(keyword=None, star="")
CALL = m.Call(func=m.Name("super"), args=[POSITIONAL, m.Arg(m.Name(), keyword=None, star="")])
#: Class decorators known to return the class they are given (``super()`` finds that class).
SAME_CLASS = frozenset({
    "dataclasses.dataclass", "functools.total_ordering", "enum.unique", "typing.final",
    "typing_extensions.final", "typing.runtime_checkable", "typing_extensions.runtime_checkable",
})  # fmt: skip


class SuperWithoutArguments(LiftCodemod):
    """Use the zero-argument ``super()`` where ``super(C, self)`` names the enclosing class.

    **Why.** Python 3's ``super()`` finds the class and the instance itself; repeating them is
    noise and goes stale when the class is renamed (pyupgrade/ruff UP008).

    **Example.**

        class Child(Base):
            def __init__(self, x):
                super(Child, self).__init__(x)

    becomes

        class Child(Base):
            def __init__(self, x):
                super().__init__(x)

    ``super(Outer.Inner, self)`` in a method of a nested class, ``super(C, cls)`` in a
    classmethod and ``super(C, x)`` in a staticmethod whose first parameter is ``x`` are
    rewritten too: ``super()`` takes the function's first argument, whatever it is called.

    **Refuses** a call that is not directly in a method of that class (nested functions,
    lambdas, comprehensions, class bodies: ``super()`` would not find the class or the
    instance there), a second argument that is not the method's first parameter, a first
    argument that is not the class's own (dotted) name, a class name bound twice in its scope,
    a shadowed ``super``, and comments inside the parentheses (they would be lost).

    **Safety.** Safe, except in a class with a decorator that may return another class
    (``super(C, self)`` then names the new class, ``super()`` the original one; e.g.
    ``dataclass(slots=True)``): those are rewritten only with ``--unsafe``, with a note.
    Decorators known to return their class (``dataclass`` without ``slots``,
    ``total_ordering``, ``enum.unique``, ``final``, ``runtime_checkable``) do not count.
    """

    REACH = "local"
    PRECHECK = re.compile(r"\bsuper\s*\(\s*[\w.]+\s*,")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self.decorated: list[str] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(original_node, CALL) or comments(original_node):
            return updated_node
        try:
            classes = self._classes(original_node)
        except Refuse:
            return updated_node
        odd = [c.name.value for c in classes if not self._keeps_class(c)]
        if odd and not self.unsafe:
            self.decorated.extend(odd)
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(args=(), whitespace_before_args=cst.SimpleWhitespace(""))

    def _classes(self, call: cst.Call) -> list[cst.ClassDef]:
        """The classes ``super(C, self)`` names (outermost first), if ``super()`` means it."""
        owners = self._owners(call)
        method = owners[0]
        require(isinstance(method, cst.FunctionDef))
        assert isinstance(method, cst.FunctionDef)
        params = [*method.params.posonly_params, *method.params.params]
        instance = cst.ensure_type(call.args[1].value, cst.Name).value
        require(bool(params) and params[0].name.value == instance)
        named, index = call.args[0].value, 1
        classes: list[cst.ClassDef] = []
        while isinstance(named, cst.Attribute):  # super(Outer.Inner, self)
            inner = owners[index]
            require(isinstance(inner, cst.ClassDef) and named.attr.value == inner.name.value)
            assert isinstance(inner, cst.ClassDef)
            named, index, classes = named.value, index + 1, [inner, *classes]
        outer = owners[index]
        require(isinstance(named, cst.Name) and isinstance(outer, cst.ClassDef))
        assert isinstance(named, cst.Name) and isinstance(outer, cst.ClassDef)
        require(named.value == outer.name.value and not isinstance(owners[index + 1], cst.ClassDef))
        if self.builtin(call.func, "super") and self.facts.bound_once(named.value):
            return [outer, *classes]  # the class statement is the file's only binding of it
        # Only a call that passed the checks above pays for the file's scopes.
        scope = self.get_metadata(ScopeProvider, call.func, None)
        require(is_builtin(scope, "super"))
        assert scope is not None
        bound = list(scope[named.value])  # resolved as the method resolves it
        require(len(bound) == 1 and isinstance(bound[0], Assignment) and bound[0].node is outer)
        return [outer, *classes]

    def _owners(self, call: cst.Call) -> list[cst.CSTNode | None]:
        """The defs and classes whose scopes are around ``call`` (OTHER for other scopes),
        innermost first, then None (the module).  From the pipeline's stack when each is
        entered by its body and has no type parameters (certain), else from LibCST's scopes."""
        owners: list[cst.CSTNode | None] = []
        child: cst.CSTNode = call
        for parent in self.parents(call):
            if isinstance(parent, SCOPES):
                plain = isinstance(parent, (cst.FunctionDef, cst.ClassDef)) and child is parent.body
                if not plain or getattr(parent, "type_parameters", None) is not None:
                    break  # a lambda, a comprehension, a default...: ask the scopes
                owners.append(parent)
            child = parent
        else:
            return [*owners, None]
        return scope_owners(self.get_metadata(ScopeProvider, call.func, None))

    def _keeps_class(self, node: cst.ClassDef) -> bool:
        """Whether every decorator of ``node`` is known to return the class it is given."""
        for decorator in node.decorators:
            expr = decorator.decorator
            if isinstance(expr, cst.Call):
                if any(m.matches(a, m.Arg(keyword=m.Name("slots"))) for a in expr.args):
                    return False  # a new class with __slots__
                expr = expr.func
            fast = self.facts.resolve(expr)  # when the file binds its name one way
            metadata = self.get_metadata(QualifiedNameProvider, expr, set()) if fast is None else ()
            names = {fast} if fast is not None else {q.name for q in metadata}
            if not names & SAME_CLASS:
                return False
        return True

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if self.decorated:
            classes = ", ".join(sorted(set(self.decorated)))
            self.warn(
                f"super(C, self) kept in decorated class(es) {classes}: a decorator that "
                "returns another class would change what super() finds; --unsafe rewrites it"
            )
        return updated_node
