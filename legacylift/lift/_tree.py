"""A typed view of fissix's lossless syntax trees, and its Python 2 tokenizer and parser.

fissix ships no type information, so this module is the only one that touches it untyped: the
rest of the package sees :class:`Tree` / :class:`Leaf` protocols and plain ``int`` node types.
Importing it loads fissix's grammar tables (a few tens of milliseconds), which is why
:mod:`legacylift.lift` imports it only for files that are not Python 3.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import NamedTuple, Protocol, cast

from fissix import pygram, pytree  # type: ignore[import-untyped]
from fissix.pgen2 import driver, token  # type: ignore[import-untyped]
from fissix.pgen2 import parse as pgen_parse
from fissix.pgen2 import tokenize as pgen_tokenize


class Tree(Protocol):
    """A node or leaf of a fissix tree; ``str(tree)`` is its exact source text."""

    type: int
    parent: Tree | None
    prefix: str

    @property
    def children(self) -> Sequence[Tree]: ...
    @property
    def next_sibling(self) -> Tree | None: ...
    @property
    def prev_sibling(self) -> Tree | None: ...
    def replace(self, new: Tree | list[Tree]) -> None: ...
    def remove(self) -> int | None: ...
    def leaves(self) -> Iterator[Leaf]: ...
    def pre_order(self) -> Iterator[Tree]: ...
    def clone(self) -> Tree: ...
    def insert_child(self, i: int, child: Tree) -> None: ...
    def append_child(self, child: Tree) -> None: ...
    def get_lineno(self) -> int | None: ...


class Leaf(Tree, Protocol):
    """A token of a fissix tree: its text is ``prefix + value``."""

    value: str
    lineno: int


class Token(NamedTuple):
    """One token of fissix's (Python 2 aware) tokenizer."""

    type: int
    string: str
    start: tuple[int, int]
    end: tuple[int, int]
    line: str


class SourceError(Exception):
    """The text does not tokenize or parse as Python 2; ``line`` is 1-based (0 if unknown)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _symbol(name: str) -> int:
    return cast(int, getattr(pygram.python_symbols, name))


# Node types (grammar symbols) the lift looks at.
ARGUMENT = _symbol("argument")
ATOM = _symbol("atom")
CLASSDEF = _symbol("classdef")
COMP_FOR = _symbol("comp_for")
EXCEPT_CLAUSE = _symbol("except_clause")
EXEC_STMT = _symbol("exec_stmt")
EXPR_STMT = _symbol("expr_stmt")
FUNCDEF = _symbol("funcdef")
IMPORT_FROM = _symbol("import_from")
LAMBDEF = _symbol("lambdef")
OLD_LAMBDEF = _symbol("old_lambdef")
PARAMETERS = _symbol("parameters")
POWER = _symbol("power")
PRINT_STMT = _symbol("print_stmt")
RAISE_STMT = _symbol("raise_stmt")
SIMPLE_STMT = _symbol("simple_stmt")
SUITE = _symbol("suite")
TESTLIST_GEXP = _symbol("testlist_gexp")
TESTLIST_SAFE = _symbol("testlist_safe")
TESTLIST1 = _symbol("testlist1")
TFPDEF = _symbol("tfpdef")
TFPLIST = _symbol("tfplist")
TRAILER = _symbol("trailer")
TYPEDARGSLIST = _symbol("typedargslist")
VARARGSLIST = _symbol("varargslist")
VFPDEF = _symbol("vfpdef")
VFPLIST = _symbol("vfplist")

# Token types.
BACKQUOTE: int = token.BACKQUOTE
COLON: int = token.COLON
COMMA: int = token.COMMA
COMMENT: int = token.COMMENT
DEDENT: int = token.DEDENT
DOT: int = token.DOT
ENDMARKER: int = token.ENDMARKER
EQUAL: int = token.EQUAL
INDENT: int = token.INDENT
LPAR: int = token.LPAR
LSQB: int = token.LSQB
NAME: int = token.NAME
NEWLINE: int = token.NEWLINE
NL: int = token.NL
NOTEQUAL: int = token.NOTEQUAL
NUMBER: int = token.NUMBER
OP: int = token.OP
RIGHTSHIFT: int = token.RIGHTSHIFT
RPAR: int = token.RPAR
RSQB: int = token.RSQB
SEMI: int = token.SEMI
STAR: int = token.STAR
STRING: int = token.STRING


def as_leaf(tree: Tree | None) -> Leaf | None:
    """``tree`` as a leaf, or None when it is a node (or None)."""
    if tree is None or tree.type >= 256:
        return None
    return cast(Leaf, tree)


def is_leaf(tree: Tree | None, type_: int, value: str | None = None) -> bool:
    """Whether ``tree`` is a leaf of ``type_`` (and of text ``value`` when given)."""
    leaf = as_leaf(tree)
    return leaf is not None and leaf.type == type_ and (value is None or leaf.value == value)


def new_leaf(type_: int, value: str, prefix: str = "") -> Leaf:
    """A detached leaf."""
    return cast(Leaf, pytree.Leaf(type_, value, prefix=prefix))


def new_node(type_: int, children: Sequence[Tree]) -> Tree:
    """A detached node over ``children``, which must be detached (see :func:`detach`)."""
    return cast(Tree, pytree.Node(type_, list(children)))


def detach(tree: Tree) -> Tree:
    """Remove ``tree`` from its parent (if any) and return it, ready to be placed elsewhere."""
    tree.remove()
    return tree


def tokens(text: str) -> Iterator[Token]:
    """fissix's tokens for ``text``: Python 2 rules (a tab advances to the next multiple of 8).

    Raises :class:`SourceError` for text that does not tokenize.
    """
    readline = io.StringIO(text).readline  # splits on "\n" only, as the parser does
    try:
        for raw in pgen_tokenize.generate_tokens(readline):
            yield Token(*raw)
    except pgen_tokenize.TokenError as exc:
        message, (line, _column) = exc.args
        raise SourceError(str(message), int(line)) from None
    except IndentationError as exc:  # "unindent does not match any outer indentation level"
        raise SourceError(str(exc.msg), exc.lineno or 0) from None


def parse(text: str, print_statement: bool) -> Tree:
    """Parse Python 2 ``text``; ``print_statement`` is False under ``print_function``.

    The text must end with a newline.  Raises :class:`SourceError`.
    """
    grammar = pygram.python_grammar if print_statement else pygram.python_grammar_no_print_statement
    parser = driver.Driver(grammar, convert=pytree.convert)
    try:
        return cast(Tree, parser.parse_string(text))
    except pgen_parse.ParseError as exc:
        _prefix, (line, _column) = exc.context
        raise SourceError(f"{exc.msg} {exc.value!r}", int(line)) from None
    except pgen_tokenize.TokenError as exc:
        message, (line, _column) = exc.args
        raise SourceError(str(message), int(line)) from None
    except IndentationError as exc:
        raise SourceError(str(exc.msg), exc.lineno or 0) from None
