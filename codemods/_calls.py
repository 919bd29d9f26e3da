"""Helpers shared by the stdlib-call, exception-alias and literal codemods of issue 4.

:class:`CallsBase` resolves names (``qualified``, ``free``) and drops from-imports that only
rebind a builtin to the very same object; the functions read arguments and edit argument lists
without losing commas or comments.
:class:`ExceptionAliases` is the engine of ``os_error_aliases`` and ``timeout_error_aliases``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import ClassVar

import libcst as cst
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import (
    GlobalScope,
    ImportAssignment,
    QualifiedNameProvider,
    ScopeProvider,
)
from libcst.metadata import QualifiedNameSource as Source

from codemods._py2_builtins import comments, parens
from codemods._removed_stdlib import RemovedStdlibBase, local_root, names
from legacylift.astindex import AstIndex, import_lines
from legacylift.codemod import LiftCodemod, Refuse, Version, require
from legacylift.facts import root_name

SPACE = cst.SimpleWhitespace(" ")


def keyword(arg: cst.Arg) -> str | None:
    """The keyword ``arg`` is passed by, if any."""
    return arg.keyword.value if arg.keyword else None


def positional(args: Sequence[cst.Arg]) -> bool:
    """Whether no argument is starred (``*a``, ``**k``)."""
    return not any(a.star for a in args)


def without(args: Sequence[cst.Arg], index: int) -> list[cst.Arg]:
    """``args`` minus ``args[index]``, whose comma (and so the layout up to the next argument)
    the argument before it takes over.

    Refuses when the argument (with its comma) holds a comment, or the comma it replaces.
    """
    require(comments(args[index]) == 0)
    rest = [a for i, a in enumerate(args) if i != index]
    if index > 0:
        before = args[index - 1]
        require(not isinstance(before.comma, cst.Comma) or comments(before.comma) == 0)
        rest[index - 1] = before.with_changes(comma=args[index].comma)
    return rest


def by_keyword(arg: cst.Arg, name: str) -> cst.Arg:
    """``arg`` passed as ``name=...``."""
    equal = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))
    return arg.with_changes(keyword=cst.Name(name), equal=equal)


def bound(target: cst.BaseExpression) -> set[str]:
    """The names an assignment or ``for`` target binds."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for e in target.elements for name in bound(e.value)}
    return set()


def code(node: cst.CSTNode) -> str:
    """The source text of ``node``."""
    return cst.Module([]).code_for_node(node)


def starred(node: cst.BaseExpression) -> cst.StarredElement:
    """``*node``, parenthesized if ``node`` binds more loosely than ``*`` takes."""
    loose = isinstance(node, (cst.BooleanOperation, cst.Comparison)) or (
        isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not)
    )
    return cst.StarredElement(parens(node) if loose and not node.lpar else node)


def bool_literal(node: cst.BaseExpression) -> bool | None:
    """The value of a ``True``/``False`` literal, else None."""
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


# open_mode_universal

#: Functions that hand their mode to ``io.open``; each takes it second or as ``mode=``.
OPENERS = frozenset({"builtins.open", "io.open", "codecs.open", "os.fdopen"})
#: fileinput takes ``mode`` as a keyword only (positional before 3.8): keyword calls only.
FILEINPUT = frozenset({"fileinput.input", "fileinput.FileInput"})
#: The last names of OPENERS and FILEINPUT, and Python 2's ``file`` (see its ``_may_open``).
SPELLINGS = frozenset({"open", "fdopen", "input", "FileInput", "file"})


def mode_like(arg: cst.Arg) -> bool:
    """Whether ``arg`` is a string that could be a ``U`` mode (``"rU"``, ``'Ub'``)."""
    value = arg.value
    if not isinstance(value, cst.SimpleString) or "U" not in value.value:
        return False
    text = value.evaluated_value
    return isinstance(text, str) and "U" in text and set(text) <= set("rbtU")


def u_mode_lines(found: AstIndex) -> set[int]:
    """The lines of the calls open_mode_universal may rewrite: of a dotted name that ends
    like an opener or of a name an import binds, with a string that could be a ``U`` mode."""
    bound = names(found).targets
    lines = set()
    for call in found.of(ast.Call):
        func = call.func
        if isinstance(func, ast.Attribute):
            opener = func.attr in SPELLINGS
        else:
            opener = isinstance(func, ast.Name) and (func.id in SPELLINGS or func.id in bound)
        values = [*call.args, *(keyword.value for keyword in call.keywords)]
        if opener and any(map(_u_mode, values)):
            lines.add(call.lineno)
    return lines


def _u_mode(node: ast.expr) -> bool:
    """:func:`mode_like` of an ``ast`` expression."""
    text = node.value if isinstance(node, ast.Constant) else None
    return isinstance(text, str) and "U" in text and set(text) <= set("rbtU")


def open_lines(
    found: AstIndex, opens: Collection[str], simpler: Callable[[str], str | None]
) -> set[int]:
    """The lines open_calls may rewrite: each ``io.open`` (read, called or from-imported), and
    the calls of one of ``opens`` with a string mode (second, or ``mode=``) that ``simpler``
    simplifies."""
    resolved = names(found)
    simplified = {
        call.lineno for call in resolved.calls(opens)
        for mode in [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "mode")]
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str)
        and simpler(mode.value) is not None
    }  # fmt: skip
    return resolved.lines({"io.open"}) | simplified


class CallsBase(RemovedStdlibBase):
    """Name resolution and import clean-up shared by these codemods (not a codemod itself)."""

    #: ``(module, name)`` from-imports that bind a builtin's own name to the builtin itself from
    #: the given target on (``from io import open``): dropped, and ignored by :meth:`free`.
    SAME_AS_BUILTIN: ClassVar[Mapping[tuple[str, str], Version]] = {}

    star_import = False

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self.star_import = self.facts.star_import

    def qualified(self, node: cst.CSTNode) -> str:
        """The one name ``node`` (original) resolves to, imported or builtin, else ``""``."""
        if self.star_import:
            return ""
        fast = self.facts.resolve(node)  # spares the file's scope analysis when it can
        if fast is not None:
            # An unbound name: a builtin of another platform (WindowsError), as below.
            return f"builtins.{node.value}" if not fast and isinstance(node, cst.Name) else fast
        root = root_name(node)
        if isinstance(node, cst.Attribute) and root is not None and local_root(self.facts, root):
            return ""  # self.assertIn, conn.open: a local's attribute (or nothing) to LibCST
        names = self.get_metadata(QualifiedNameProvider, node, set())
        if not names and isinstance(node, cst.Name):  # a builtin of another platform
            scope = self.get_metadata(ScopeProvider, node, None)
            return f"builtins.{node.value}" if scope is not None and not scope[node.value] else ""
        if len(names) != 1:
            return ""
        (name,) = names
        return name.name if name.source in (Source.IMPORT, Source.BUILTIN) else ""

    def ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """``node`` (original) and the nodes around it, up to its function or module."""
        chain, parents = [node], self.parents(node)  # the pipeline's stack, when it holds node
        while not isinstance(chain[-1], (cst.FunctionDef, cst.Module)):
            parent = next(parents, None)
            if parent is None:
                break
            chain.append(parent)
        return chain

    def same(self) -> set[str]:
        """Qualified names (``"io.open"``) that are the builtin of their last part here."""
        pairs = self.SAME_AS_BUILTIN.items()
        return {f"{m}.{n}" for (m, n), since in pairs if self.target >= since}

    def free(self, node: cst.CSTNode, name: str, *also: str) -> bool:
        """Whether ``name`` at ``node`` (original) means the builtin, or is unbound, or is
        imported only as one of ``also`` (or as the builtin itself, see SAME_AS_BUILTIN)."""
        if self.star_import:
            return False
        if self.facts.binding(name) == "none":
            return True  # bound nowhere in the file: the builtin (or nothing) everywhere
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        allowed = {*also, *self.same()}
        names = scope.get_qualified_names_for(name)
        return all(q.source is Source.BUILTIN or q.name in allowed for q in names)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement] | cst.RemovalSentinel:
        """Drop ``from io import open``-like imports of the builtin itself (SAME_AS_BUILTIN)."""
        if not self.SAME_AS_BUILTIN or len(original_node.body) != len(updated_node.body):
            return updated_node
        body: list[cst.BaseSmallStatement] = []
        changed = False
        for original, updated in zip(original_node.body, updated_node.body):
            try:
                new = self._drop_same(original, updated)
            except Refuse:
                new = updated
            changed = changed or new is not updated
            if new is not None:
                body.append(new)
        if not changed:
            return updated_node
        if not body:
            if comments(updated_node) or any(line.comment for line in updated_node.leading_lines):
                return updated_node  # the comments would go with the line
            self.count_rewrite()
            return cst.RemoveFromParent()
        self.count_rewrite()
        return updated_node.with_changes(body=body)

    def _drop_same(
        self, original: cst.BaseSmallStatement, updated: cst.BaseSmallStatement
    ) -> cst.BaseSmallStatement | None:
        """``updated`` without its aliases of builtins (None if nothing is left)."""
        if not isinstance(original, cst.ImportFrom) or not isinstance(updated, cst.ImportFrom):
            return updated
        if original.relative or not original.module or isinstance(original.names, cst.ImportStar):
            return updated
        module, same = full_name(original.module), self.same()
        doomed = [
            i for i, alias in enumerate(original.names)
            if alias.asname is None and f"{module}.{full_name(alias.name)}" in same
        ]  # fmt: skip
        if not doomed:
            return updated
        scope = self.get_metadata(ScopeProvider, original, None)
        require(isinstance(scope, GlobalScope) and not self.star_import and not scope["__all__"])
        assert scope is not None
        if isinstance(updated.names, cst.ImportStar):
            return updated
        names = list(updated.names)
        for i in reversed(doomed):
            name = full_name(original.names[i].name) or ""
            only_this = all(isinstance(a, ImportAssignment) and a.node is original
                            for a in scope[name])  # fmt: skip
            require(only_this and comments(names[i]) == 0)
            if i == len(names) - 1 and i > 0:
                names[i - 1] = names[i - 1].with_changes(comma=names[i].comma)
            del names[i]
        if not names:
            return None
        require(comments(updated) == comments(updated.with_changes(names=names)))
        return updated.with_changes(names=names)


class ExceptionAliases(CallsBase):
    """Renames aliases of a builtin exception in ``except``, ``raise``, isinstance/issubclass."""

    #: Qualified name -> (builtin, oldest target on which the alias is that very builtin).
    ALIASES: ClassVar[Mapping[str, tuple[str, Version]]] = {}

    def notice(self, original: cst.BaseExpression, name: str) -> None:
        """Hook: called for each rewritten alias (original node, its qualified name)."""

    def _new_name(self, original: cst.BaseExpression) -> str | None:
        """The builtin ``original`` is an alias of at this target, if it may be renamed."""
        if not isinstance(original, (cst.Name, cst.Attribute)):
            return None
        last = original.value if isinstance(original, cst.Name) else original.attr.value
        if not any(alias.endswith(f".{last}") for alias in self.ALIASES):
            return None  # not spelt like an alias: spare the name resolution
        name = self.qualified(original)
        new, since = self.ALIASES.get(name, ("", (9, 9)))
        if self.target < since or not self.free(original, new):
            return None
        return new

    def _renamed(
        self, original: cst.BaseExpression, updated: cst.BaseExpression
    ) -> cst.BaseExpression:
        new = self._new_name(original)
        if new is None or (isinstance(updated, cst.Name) and updated.value == new):
            return updated
        if comments(updated) or not isinstance(updated, (cst.Name, cst.Attribute)):
            return updated
        self.notice(original, self.qualified(original))
        self.unimport(original)
        self.count_rewrite()
        return cst.Name(new, lpar=updated.lpar, rpar=updated.rpar)

    def _fix(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        """``updated`` with its aliases renamed (a tuple's duplicates folded).

        Another codemod may have renamed or folded the tuple already (``os_error_aliases``
        before ``timeout_error_aliases``): each part is matched with an equal original one.
        """
        if not isinstance(original, cst.Tuple):
            return self._renamed(original, updated)
        values = [e.value for e in original.elements if isinstance(e, cst.Element)]
        if not isinstance(updated, cst.Tuple):
            same = [o for o in values if o.deep_equals(updated)]
            return self._renamed(same[0], updated) if same else updated
        elements: list[cst.BaseElement] = []
        for element in updated.elements:
            same = [o for o in values if o.deep_equals(element.value)]
            if same and isinstance(element, cst.Element):
                values.remove(same[0])
                elements.append(element.with_changes(value=self._renamed(same[0], element.value)))
            else:
                elements.append(element)
        if all(e.value is u.value for e, u in zip(elements, updated.elements)):
            return updated
        return _fold(updated.with_changes(elements=_unique(elements)))

    def leave_ExceptHandler(
        self, original_node: cst.ExceptHandler, updated_node: cst.ExceptHandler
    ) -> cst.ExceptHandler:
        if original_node.type is None or updated_node.type is None:
            return updated_node
        new = self._fix(original_node.type, updated_node.type)
        if new is updated_node.type:
            return updated_node
        space = updated_node.whitespace_after_except
        if not new.lpar and isinstance(space, cst.SimpleWhitespace) and not space.value:
            space = SPACE
        return updated_node.with_changes(type=new, whitespace_after_except=space)

    def leave_ExceptStarHandler(
        self, original_node: cst.ExceptStarHandler, updated_node: cst.ExceptStarHandler
    ) -> cst.ExceptStarHandler:
        new = self._fix(original_node.type, updated_node.type)
        if new is updated_node.type:
            return updated_node
        space = updated_node.whitespace_after_star
        if not new.lpar and isinstance(space, cst.SimpleWhitespace) and not space.value:
            space = SPACE
        return updated_node.with_changes(type=new, whitespace_after_star=space)

    def leave_Raise(self, original_node: cst.Raise, updated_node: cst.Raise) -> cst.Raise:
        exc, new = original_node.exc, updated_node.exc
        if isinstance(exc, cst.Call) and isinstance(new, cst.Call):
            func = self._renamed(exc.func, new.func)
            if func is new.func:
                return updated_node
            return updated_node.with_changes(exc=new.with_changes(func=func))
        if exc is None or new is None:
            return updated_node
        renamed = self._renamed(exc, new)
        return updated_node if renamed is new else updated_node.with_changes(exc=renamed)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not isinstance(func, cst.Name) or func.value not in ("isinstance", "issubclass"):
            return updated_node
        args = updated_node.args
        if len(args) != 2 or len(original_node.args) != 2 or not positional(args):
            return updated_node
        if self.qualified(func) != f"builtins.{func.value}":
            return updated_node
        new = self._fix(original_node.args[1].value, args[1].value)
        if new is args[1].value:
            return updated_node
        return updated_node.with_changes(args=[args[0], args[1].with_changes(value=new)])


def alias_lines(found: AstIndex, aliases: Collection[str]) -> set[int]:
    """The lines of the names that may be one of ``aliases`` (qualified) where
    :class:`ExceptionAliases` renames them: ``except``, ``raise``, isinstance/issubclass."""
    places: list[ast.expr] = [h.type for h in found.of(ast.ExceptHandler) if h.type]
    for statement in found.of(ast.Raise):
        exc = statement.exc
        places += [exc.func] if isinstance(exc, ast.Call) else [exc] if exc else []
    places += [
        call.args[1] for call in found.of(ast.Call)
        if isinstance(call.func, ast.Name) and call.func.id in ("isinstance", "issubclass")
        and len(call.args) == 2
    ]  # fmt: skip
    resolved = names(found)
    return {
        node.lineno
        for place in places
        for node in (place.elts if isinstance(place, ast.Tuple) else [place])
        if isinstance(node, (ast.Name, ast.Attribute)) and resolved.means(node, aliases)
    }


SIX_ROOTS = frozenset({"six", "future", "past"})


def six_imports(codemod: type[LiftCodemod], found: AstIndex) -> set[int]:
    """six_to_builtins' locator (its ``locate``): the lines of the imports of six, future or
    past and of the from-imports of builtins.  It reads no name that none of them binds: a
    plain ``import builtins`` only gives ``builtins.x``, deliberate Python 3 it keeps."""
    roots = {*SIX_ROOTS, "builtins"}
    return import_lines(found, SIX_ROOTS, lambda node: (node.module or "").split(".")[0] in roots)


def _unique(elements: list[cst.BaseElement]) -> list[cst.BaseElement]:
    """``elements`` without repeated plain names (a repeat holding a comment stays)."""
    seen: set[str] = set()
    kept: list[cst.BaseElement] = []
    for element in elements:
        value = element.value
        plain = isinstance(element, cst.Element) and isinstance(value, cst.Name) and not value.lpar
        name = value.value if plain and isinstance(value, cst.Name) else None
        if name is not None and name in seen and not comments(element):
            continue
        if name is not None:
            seen.add(name)
        kept.append(element)
    if kept[-1] is not elements[-1]:
        comma = kept[-1].comma
        if isinstance(comma, cst.Comma) and comments(comma):
            return elements  # the new last element's comma holds a comment
        kept[-1] = kept[-1].with_changes(comma=elements[-1].comma)
    return kept


def _fold(node: cst.Tuple) -> cst.BaseExpression:
    """A one-element tuple without comments as its element alone."""
    if len(node.elements) == 1 and isinstance(node.elements[0], cst.Element):
        if not comments(node):
            return node.elements[0].value
        if not isinstance(node.elements[0].comma, cst.Comma):
            return node.with_changes(elements=[node.elements[0].with_changes(comma=cst.Comma())])
    return node
