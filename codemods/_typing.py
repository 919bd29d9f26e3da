"""Tables and helpers shared by the typing codemods (PEP 585/604, deprecated imports, quotes...).

Annotations are rewritten as a whole, in ``leave_Annotation``: by then the codemods that work on
smaller nodes (the quoted-annotation one unquotes strings) are done with the annotation's parts,
so one pass turns ``Optional["List[int]"]`` into ``list[int] | None``.  Names inside an
annotation are resolved in the annotation's scope from their text, which also works for names
inside string annotations and for nodes the pass has just built.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Sequence
from typing import ClassVar, TypeVar, cast

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.helpers import get_full_name_for_node
from libcst.metadata import (
    Assignment,
    BuiltinAssignment,
    ExpressionContext,
    ExpressionContextProvider,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameSource,
    Scope,
    ScopeProvider,
)

from codemods._py2_builtins import is_access
from legacylift.astindex import AstIndex, import_lines
from legacylift.codemod import LiftCodemod, Refuse, Version, require
from legacylift.facts import FileFacts

_Node = TypeVar("_Node")


def _table(text: str) -> dict[tuple[str, str], tuple[Version, str]]:
    table = {}
    for line in text.strip().splitlines():
        version, move, *names = line.split()
        old, new = move.split(">")
        since = tuple(int(part) for part in version.split("."))
        table.update({(old, name): ((since[0], since[1]), new) for name in names})
    return table


#: ``from OLD import NAME`` -> ``from NEW import NAME`` from the target given (ruff's UP035 fixes
#: and pyupgrade's import table; ``typing_extensions.get_type_hints`` waits for 3.13, as in ruff:
#: before, it handles ``Required``/``ReadOnly`` unlike ``typing.get_type_hints``).
MOVED_IMPORTS = _table("""
3.6 typing_extensions>typing AbstractSet AnyStr AsyncIterable AsyncIterator Awaitable BinaryIO
3.6 typing_extensions>typing Callable ClassVar Collection Container Coroutine DefaultDict Dict
3.6 typing_extensions>typing FrozenSet Generic Hashable IO ItemsView Iterable Iterator KeysView
3.6 typing_extensions>typing List Mapping MappingView Match MutableMapping MutableSequence
3.6 typing_extensions>typing MutableSet Optional Pattern Reversible Sequence Set Sized Text
3.6 typing_extensions>typing TYPE_CHECKING TextIO Tuple Type Union ValuesView cast no_type_check
3.7 typing_extensions>typing ChainMap Counter Deque ForwardRef NoReturn
3.7 mypy_extensions>typing NoReturn
3.7 typing.io>typing IO TextIO BinaryIO
3.7 typing.re>typing Match Pattern
3.8 typing_extensions>typing Final OrderedDict
3.8 mypy_extensions>typing TypedDict
3.9 typing>collections.abc AsyncGenerator AsyncIterable AsyncIterator Awaitable ByteString
3.9 typing>collections.abc Collection Container Coroutine Generator Hashable ItemsView Iterable
3.9 typing>collections.abc Iterator KeysView Mapping MappingView MutableMapping MutableSequence
3.9 typing>collections.abc MutableSet Reversible Sequence Sized ValuesView
3.9 typing>collections ChainMap Counter OrderedDict
3.9 typing>re Match Pattern
3.9 typing_extensions>typing Annotated
3.10 typing>collections.abc Callable
3.10 typing_extensions>typing Concatenate Literal NewType ParamSpecArgs ParamSpecKwargs TypeAlias
3.10 typing_extensions>typing TypeGuard get_args get_origin is_typeddict
3.11 typing_extensions>typing Any LiteralString Never NotRequired Required Self assert_never
3.11 typing_extensions>typing assert_type clear_overloads final get_overloads overload reveal_type
3.12 typing_extensions>typing NamedTuple Protocol SupportsAbs SupportsBytes SupportsComplex
3.12 typing_extensions>typing SupportsFloat SupportsIndex SupportsInt SupportsRound TypeAliasType
3.12 typing_extensions>typing Unpack dataclass_transform override
3.12 typing_extensions>collections.abc Buffer
3.12 typing_extensions>types get_original_bases
3.13 typing_extensions>typing AsyncContextManager AsyncGenerator ContextManager Generator
3.13 typing_extensions>typing NoDefault ParamSpec ReadOnly TypeIs TypeVar TypeVarTuple
3.13 typing_extensions>typing get_protocol_members get_type_hints is_protocol runtime_checkable
3.13 typing_extensions>warnings deprecated
3.13 typing_extensions>types CapsuleType
""")

#: ``typing.X`` -> its replacement (a builtin or a dotted path) from the target given.  The
#: PEP 585 generics (the builtins, ``deque``, ``defaultdict``: ruff's UP006) are also replaced in
#: postponed annotations (``from __future__ import annotations``) on older targets.
PEP585 = {f"typing.{old}": ((3, 9), new) for old, new in (
    ("List", "list"), ("Dict", "dict"), ("Set", "set"), ("FrozenSet", "frozenset"),
    ("Tuple", "tuple"), ("Type", "type"), ("Deque", "collections.deque"),
    ("DefaultDict", "collections.defaultdict"), ("AbstractSet", "collections.abc.Set"),
    ("ContextManager", "contextlib.AbstractContextManager"),
    ("AsyncContextManager", "contextlib.AbstractAsyncContextManager"),
)} | {f"{old}.{name}": (since, f"{new}.{name}")
      for (old, name), (since, new) in MOVED_IMPORTS.items() if old == "typing"}  # fmt: skip
UP006 = frozenset(list(PEP585)[:8])  # List ... DefaultDict: ruff's UP006

#: Libraries that evaluate annotations at run time (models, CLIs, checkers): in their files,
#: syntax newer than the target is not written into annotations, even if they are postponed.
RUNTIME_TYPING = frozenset((
    "pydantic", "pydantic_settings", "sqlmodel", "sqlalchemy", "fastapi", "typer", "strawberry",
    "cattrs", "cattr", "msgspec", "beartype", "typeguard", "marshmallow_dataclass",
    "dataclasses_json", "jsonargparse", "apischema", "odmantic", "beanie", "ormar", "dacite",
    "mashumaro", "desert",
))  # fmt: skip


def typing_name(qualified: str) -> str:
    """``typing_extensions.X`` (a re-export) spelled ``typing.X``; other names unchanged."""
    module, _, name = qualified.rpartition(".")
    return f"typing.{name}" if module == "typing_extensions" else qualified


def future_annotations(facts: FileFacts) -> bool:
    """Whether the module has ``from __future__ import annotations``."""
    return any(
        isinstance(i, cst.ImportFrom) and get_full_name_for_node(i.module or i) == "__future__"
        and not isinstance(i.names, cst.ImportStar)
        and any(a.evaluated_name == "annotations" for a in i.names)
        for i in facts.imports
    )  # fmt: skip


def runtime_typing(facts: FileFacts) -> str | None:
    """The first imported library that evaluates annotations at run time, if any."""
    for imp in facts.imports:
        if isinstance(imp, cst.ImportFrom):
            names = [get_full_name_for_node(imp.module)] if imp.module and not imp.relative else []
        else:
            names = [alias.evaluated_name for alias in imp.names]
        for name in names:
            if name and name.partition(".")[0] in RUNTIME_TYPING:
                return name.partition(".")[0]
    return None


def string_expression(node: cst.SimpleString) -> cst.BaseExpression | None:
    """The expression a string annotation holds, if it is one plain line without comments."""
    if "b" in node.prefix.lower() or "\\" in node.value:
        return None
    text = node.evaluated_value
    if not isinstance(text, str) or text != text.strip() or any(c in text for c in "#\n\r"):
        return None
    try:
        expr = cst.parse_expression(text)
    except cst.ParserSyntaxError:
        return None
    return expr if plain(expr) else None


_PLAIN = (cst.Name, cst.Attribute, cst.Subscript, cst.SubscriptElement, cst.Index, cst.Dot,
          cst.BinaryOperation, cst.BitOr, cst.List, cst.Tuple, cst.Element, cst.Ellipsis,
          cst.SimpleString, cst.Integer, cst.UnaryOperation, cst.Minus, cst.Comma,
          cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftParen, cst.RightParen,
          cst.SimpleWhitespace)  # fmt: skip


def plain(node: cst.CSTNode) -> bool:
    """Whether ``node`` is made of names, subscripts, ``|``, lists, constants only."""
    return isinstance(node, _PLAIN) and all(plain(child) for child in node.children)


def quoted(expr: cst.BaseExpression, like: cst.SimpleString | None = None) -> cst.SimpleString:
    """``expr`` as a string literal (the quote of ``like`` if the text allows it)."""
    text = cst.Module([]).code_for_node(expr)
    first = like.quote[0] if like is not None else '"'
    quote = first if first not in text else {"'": '"', '"': "'"}[first]
    require(quote not in text and "\\" not in text and "\n" not in text)
    return cst.SimpleString(f"{quote}{text}{quote}")


def name_free(scope: Scope, name: str, qualified: str) -> bool:
    """Whether ``name`` can mean ``qualified`` here and module-wide: unbound, or bound only to it
    (``builtins.list`` for a builtin, ``collections`` for a module, or an imported name)."""
    return all(
        q.name == qualified and q.source is not QualifiedNameSource.LOCAL
        for where in (scope, scope.globals)
        for q in where.get_qualified_names_for(name)
    )


TYPE_CHECKING = m.If(test=m.Name("TYPE_CHECKING") | m.Attribute(attr=m.Name("TYPE_CHECKING")))
GENERIC = ("typing.", "typing_extensions.", "mypy_extensions.")  # subscriptable at run time
PEP585_MODULES = ("builtins.", "collections.", "re.", "contextlib.")  # subscriptable from 3.9


def evaluates(codemod: LiftCodemod, expr: cst.BaseExpression, statement: cst.CSTNode) -> bool:
    """Whether the annotation ``expr`` evaluates without error where ``statement`` (an original
    node; its scope and position) runs: names bound above it (not only under ``if
    TYPE_CHECKING:``), subscripts of typing generics, classes of the file or (3.9+) builtin and
    stdlib classes, ``|`` from 3.10.  The codemod needs Scope, Position and ParentNode metadata.
    """
    scope = codemod.get_metadata(ScopeProvider, statement, None)
    start = codemod.get_metadata(PositionProvider, statement).start
    if scope is None or (m.findall(expr, m.BinaryOperation()) and codemod.target < (3, 10)):
        return False
    attrs = {a.attr for a in m.findall(expr, m.Attribute()) if isinstance(a, cst.Attribute)}
    names = [n for n in m.findall(expr, m.Name()) if isinstance(n, cst.Name) and n not in attrs]
    for name in names:
        bound = False
        for assignment in scope[name.value]:
            if isinstance(assignment, BuiltinAssignment):
                bound = True
                break
            if not isinstance(assignment, Assignment):
                continue
            end = codemod.get_metadata(PositionProvider, assignment.node).end
            if (end.line, end.column) <= (start.line, start.column):
                bound = not _checking_only(codemod, assignment.node)
                if bound:
                    break
        if not bound:
            return False
    prefixes = GENERIC + PEP585_MODULES if codemod.target >= (3, 9) else GENERIC
    for subscript in m.findall(expr, m.Subscript()):
        dotted = get_full_name_for_node(cst.ensure_type(subscript, cst.Subscript).value) or ""
        qualified = {q.name for q in scope.get_qualified_names_for(dotted)}
        assignments = scope[dotted] if "." not in dotted else ()
        generic = bool(qualified) and all(q.startswith(prefixes) for q in qualified)
        ours = [getattr(a, "node", None) for a in assignments]
        if not generic and not (ours and all(isinstance(a, cst.ClassDef) for a in ours)):
            return False
    return True


def _checking_only(codemod: LiftCodemod, node: cst.CSTNode) -> bool:
    """Whether ``node`` is in the body of an ``if TYPE_CHECKING:``."""
    child, parent = node, codemod.get_metadata(ParentNodeProvider, node, None)
    while parent is not None:
        if m.matches(parent, TYPE_CHECKING) and child is cst.ensure_type(parent, cst.If).body:
            return True
        child, parent = parent, codemod.get_metadata(ParentNodeProvider, parent, None)
    return False


def signature(
    params: cst.Parameters,
    types: Sequence[cst.Arg],
    method: bool,
    annotate: Callable[[cst.BaseExpression], cst.Annotation],
) -> cst.Parameters:
    """``params`` annotated with the ``types`` of a signature type comment (as call arguments:
    ``*int`` for ``*args``); a ``method`` may leave its first parameter out.  Refuses unless
    the counts and stars match and no parameter has an annotation yet."""
    slots = _parameters(params)
    star, kwarg = params.star_arg, params.star_kwarg
    if len(types) == 1 and m.matches(types[0], m.Arg(m.Ellipsis(), star="")):
        return params  # ``(...) -> T``: the return type only
    if len(types) == len(slots) - 1 and method:
        slots = slots[1:]  # ``self`` or ``cls``, left out
    stars = ["*" if p is star else "**" if p is kwarg else "" for p in slots]
    require(len(types) == len(slots) and not any(p.annotation for p in slots))
    require(all(a.keyword is None and a.star == s for a, s in zip(types, stars)))
    new = {
        id(p): p.with_changes(
            annotation=annotate(a.value), equal=cst.AssignEqual() if p.default else p.equal
        )
        for a, p in zip(types, slots)
    }
    return swap_params(params, _Swap(new))


def _parameters(params: cst.Parameters) -> list[cst.Param]:
    """Every parameter, in order (``*args`` and ``**kwargs`` included)."""
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    kwarg = [params.star_kwarg] if params.star_kwarg else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *kwarg]


class _Swap:
    """Puts the parameters of ``new`` (by the ``id`` of the one they replace) in their places."""

    def __init__(self, new: dict[int, cst.Param]) -> None:
        self.new = new

    def __call__(self, node: _Node) -> _Node:
        return cast(_Node, self.new.get(id(node), node))


def swap_params(params: cst.Parameters, swap: _Swap) -> cst.Parameters:
    """``params`` with each parameter ``p`` replaced by ``swap(p)``."""
    return params.with_changes(
        posonly_params=[swap(p) for p in params.posonly_params],
        params=[swap(p) for p in params.params],
        star_arg=swap(params.star_arg),
        kwonly_params=[swap(p) for p in params.kwonly_params],
        star_kwarg=swap(params.star_kwarg),
    )


class _Walker(cst.CSTTransformer):
    """Walks an annotation, except ``Literal[...]``, the metadata of ``Annotated[...]`` and
    calls, whose strings are data."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: set[cst.Name] = set()  # ``.attr`` names: not names of their own
        self.data: set[cst.CSTNode] = set()  # subtrees whose strings are not annotations

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attrs.add(node.attr)

    def visit_Call(self, node: cst.Call) -> bool:
        return False

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        return False

    def visit_Subscript(self, node: cst.Subscript) -> bool:
        kind = get_full_name_for_node(node.value) or ""
        if kind.rpartition(".")[2] == "Annotated":
            self.data.update(node.slice[1:])
        return kind.rpartition(".")[2] != "Literal"

    def visit_SubscriptElement(self, node: cst.SubscriptElement) -> bool:
        return node not in self.data


class _Unquote(_Walker):
    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        expr = string_expression(updated_node)
        if expr is None or isinstance(expr, cst.Tuple):
            return updated_node  # (a plain expression needs no parentheses where strings are)
        return cast(cst.BaseExpression, expr.visit(self))


def unquoted(expr: cst.BaseExpression) -> cst.BaseExpression:
    """``expr`` with the forward references in it unquoted (as quoted_annotations does), for
    an annotation that is never evaluated."""
    return cast(cst.BaseExpression, expr.visit(_Unquote()))


class AnnotationRewriter(_Walker):
    """Rewrites the expression of one annotation; ``count`` is the number of rewrites.

    Strings are rewritten inside (then quoted again), except where they are data.
    """

    def __init__(self, codemod: LiftCodemod, scope: Scope) -> None:
        super().__init__()
        self.codemod, self.scope, self.count = codemod, scope, 0

    def qname(self, node: cst.BaseExpression) -> str:
        """The imported name ``node`` (a name or dotted name) means here: ``typing.List``..."""
        dotted = get_full_name_for_node(node)
        names = self.scope.get_qualified_names_for(dotted) if dotted else set()
        if len(names) != 1:
            return ""
        (name,) = names
        return typing_name(name.name) if name.source is QualifiedNameSource.IMPORT else ""

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        expr, before = string_expression(updated_node), self.count
        if expr is None:
            return updated_node
        new = cast(cst.BaseExpression, expr.visit(self))
        try:
            if self.count > before:
                return updated_node.with_changes(value=quoted(new, updated_node).value)
        except Refuse:
            self.count = before
        return updated_node

    def replace(self, node: cst.BaseExpression, new: str) -> cst.BaseExpression:
        """``node`` (an imported name or dotted name) as ``new``: a builtin or a dotted path.

        A from-imported name becomes the short name, imported from its module; a dotted one
        becomes the dotted path, its module imported.  The old import goes if now unused.
        ``node`` comes back unchanged when the new name means something else here.
        """
        module, _, short = new.rpartition(".")
        top = module.partition(".")[0]
        if not module:
            free = name_free(self.scope, new, f"builtins.{new}")
        elif isinstance(node, cst.Name):
            free = name_free(self.scope, short, new)
        else:
            free = name_free(self.scope, top, top)
        if not free:
            return node
        if module:
            short_form = isinstance(node, cst.Name)
            AddImportsVisitor.add_needed_import(
                self.codemod.context, module, short if short_form else None
            )
        self.drop_import(node)
        self.count += 1
        result = cst.Name(short) if isinstance(node, cst.Name) else cst.parse_expression(new)
        return result.with_changes(lpar=node.lpar, rpar=node.rpar)

    def drop_import(self, node: cst.BaseExpression) -> None:
        """Have the import ``node`` (a name or dotted name) reads removed if it is now unused."""
        head = (get_full_name_for_node(node) or "").partition(".")[0]
        origins = {q.name for q in self.scope.get_qualified_names_for(head)}
        if len(origins) != 1:
            return
        (origin,) = origins
        old_module, _, old = origin.rpartition(".")
        remove = RemoveImportsVisitor.remove_unused_import
        if isinstance(node, cst.Name):
            remove(self.codemod.context, old_module, old, None if old == head else head)
        else:
            remove(self.codemod.context, origin, asname=None if origin == head else head)


def typing_imports(found: AstIndex, names: Collection[str], modules: Collection[str]) -> set[int]:
    """The lines of the imports that a :class:`TypingCodemod` needs to rewrite anything: of
    one of ``modules``, or of one of ``names`` from them.

    With one, even a file without annotations may get some from its type comments (which the
    ``ast`` does not hold) in the same pass: such a file is taken whole.
    """

    def named(node: ast.ImportFrom) -> bool:
        return node.module in modules and any(alias.name in names for alias in node.names)

    return import_lines(found, modules, named)


def moved_imports(found: AstIndex) -> set[int]:
    """The lines of the from-imports of a name that MOVED_IMPORTS moves (on some target)."""
    return {
        node.lineno for node in found.of(ast.ImportFrom)
        if node.level == 0
        and any((node.module, alias.name) in MOVED_IMPORTS for alias in node.names)
    }  # fmt: skip


def string_annotations(found: AstIndex) -> set[int]:
    """The lines of the strings inside annotations that quoted_annotations may unquote: in
    any annotation under ``from __future__ import annotations``, else in a variable's (it
    unquotes those of local variables only)."""
    postponed = any(
        node.module == "__future__" and any(alias.name == "annotations" for alias in node.names)
        for node in found.of(ast.ImportFrom)
    )
    places = [statement.annotation for statement in found.of(ast.AnnAssign)]
    if postponed:
        places += [arg.annotation for arg in found.of(ast.arg) if arg.annotation]
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *found.of(ast.FunctionDef), *found.of(ast.AsyncFunctionDef)
        ]  # fmt: skip
        places += [function.returns for function in functions if function.returns]
    return {
        node.lineno for place in places for node in ast.walk(place)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }  # fmt: skip


class TypingCodemod(LiftCodemod):
    """Base of the codemods that rewrite annotations as a whole (not a codemod itself)."""

    REWRITER: ClassVar[type[AnnotationRewriter]]
    #: The names the codemod rewrites, and the modules they come from: a file that imports
    #: none of them (by name or as a module) is left before any metadata is computed.
    NAMES: ClassVar[frozenset[str]]
    MODULES: ClassVar[tuple[str, ...]] = ("typing", "typing_extensions")
    depth = 0  # how many annotations the traversal is in

    def visit_Module(self, node: cst.Module) -> None:
        self.names, self.modules = set[str](), set[str]()  # their local names
        for imp in self.facts.imports:
            if isinstance(imp, cst.Import):
                self.modules.update(
                    a.evaluated_alias or a.evaluated_name.partition(".")[0]
                    for a in imp.names if a.evaluated_name in self.MODULES
                )  # fmt: skip
            elif isinstance(imp.names, cst.ImportStar) or imp.relative or not imp.module:
                continue
            elif get_full_name_for_node(imp.module) in self.MODULES:
                self.names.update(
                    a.evaluated_alias or a.evaluated_name
                    for a in imp.names if a.evaluated_name in self.NAMES
                )  # fmt: skip
        self.wanted = bool(self.names or self.modules) and self.annotations_wanted()

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self.depth += 1

    def annotations_wanted(self) -> bool:
        """Whether annotations of this file are rewritten (the target and the file allow it)."""
        return True

    def leave_Annotation(
        self, original_node: cst.Annotation, updated_node: cst.Annotation
    ) -> cst.Annotation:
        self.depth -= 1
        return self._rewrite(original_node, updated_node)

    def _rewrite(self, where: cst.CSTNode, annotation: cst.Annotation) -> cst.Annotation:
        """``annotation`` rewritten, its names resolved in the scope of ``where`` (original)."""
        if not self.wanted:
            return annotation
        scope = self.get_metadata(ScopeProvider, where, None)
        if scope is None:
            return annotation
        rewriter = self.REWRITER(self, scope)
        new = annotation.annotation.visit(rewriter)
        if not rewriter.count:
            return annotation
        self.count_rewrite(rewriter.count)
        return annotation.with_changes(annotation=new)

    # Annotations that an earlier codemod of the pass has just written (from type comments)
    # were never left as annotations: they are rewritten with their statement.

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        if len(updated_node.body) != 1 or not original_node.body:
            return updated_node  # an earlier codemod may have emptied it (a removed import)
        new, old = updated_node.body[0], original_node.body[0]
        if not isinstance(new, cst.AnnAssign):
            return updated_node
        if isinstance(old, cst.AnnAssign):
            return updated_node  # its annotation was rewritten when it was left
        annotation = self._rewrite(original_node, new.annotation)
        if annotation is new.annotation:
            return updated_node
        return updated_node.with_changes(body=[new.with_changes(annotation=annotation)])

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if updated_node.returns is None or original_node.returns is not None:
            return updated_node  # a type comment sets the return type too
        fresh = {}
        for old, new in zip(_parameters(original_node.params), _parameters(updated_node.params)):
            if new.annotation is not None and old.annotation is None:
                annotation = self._rewrite(original_node, new.annotation)
                if annotation is not new.annotation:
                    fresh[id(new)] = new.with_changes(annotation=annotation)
        returns = self._rewrite(original_node, updated_node.returns)
        if not fresh and returns is updated_node.returns:
            return updated_node
        params = swap_params(updated_node.params, _Swap(fresh))
        return updated_node.with_changes(params=params, returns=returns)


class NameRewriter(AnnotationRewriter):
    """An annotation rewriter that replaces names (``swap``): typing aliases, ``Text``."""

    #: Whether the annotation is never evaluated (``from __future__ import annotations``).
    postponed = True

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return updated_node if original_node in self.attrs else self.swap(updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self.swap(updated_node)

    def swap(self, node: cst.Name | cst.Attribute) -> cst.BaseExpression:
        """``node``, or what replaces it."""
        raise NotImplementedError


class NameCodemod(TypingCodemod):
    """A TypingCodemod that also replaces the names it reads outside annotations."""

    REWRITER: ClassVar[type[NameRewriter]]

    def runtime_wanted(self, node: cst.Name | cst.Attribute) -> bool:
        """Whether ``node`` (an original node, outside annotations) may be replaced."""
        return True

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if self.depth or original_node.value not in self.names:
            return updated_node
        scope = self.get_metadata(ScopeProvider, original_node, None)
        context = self.get_metadata(ExpressionContextProvider, original_node, None)
        if context is not ExpressionContext.LOAD or not is_access(scope, original_node):
            return updated_node
        return self._swap(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        head = original_node.value
        if self.depth or not isinstance(head, cst.Name) or head.value not in self.modules:
            return updated_node
        context = self.get_metadata(ExpressionContextProvider, original_node, None)
        if context is not ExpressionContext.LOAD:
            return updated_node
        return self._swap(original_node, updated_node)

    def _swap(
        self, original: cst.Name | cst.Attribute, node: cst.Name | cst.Attribute
    ) -> cst.BaseExpression:
        scope = self.get_metadata(ScopeProvider, original, None)
        if scope is None or not self.runtime_wanted(original):
            return node
        rewriter = self.REWRITER(self, scope)
        rewriter.postponed = False
        new = rewriter.swap(node)
        self.count_rewrite(rewriter.count)
        return new
