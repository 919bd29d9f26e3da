"""Deciding whether a source text already is Python 3, with the standard library only.

The rule: a text is Python 3 when the running interpreter's parser accepts it, unless it also
holds a construct that only makes sense as Python 2 *and* nothing that only Python 3 accepts.
The Python 2 constructs that the Python 3 grammar accepts (with another meaning) are:

* ``except E, e:`` which Python 3.14 reads as ``except (E, e):`` (PEP 758), found with the
  tokenizer so that strings and comments never count;
* ``print >>f, x`` and a bare ``print`` statement, which Python 3 reads as an expression that
  raises ``TypeError`` or does nothing (unless ``print_function`` is imported).

A file that also uses syntax that Python 2 rejects (f-strings, annotations, keyword-only
arguments, ``nonlocal``, ...) is Python 3 whatever else it holds.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import warnings
from collections.abc import Iterator

# Cheap pre-check before walking the tree: a star import.
_STAR_IMPORT = re.compile(r"\bimport\s+\*")
# Cheap pre-check before tokenizing: an ``except`` keyword followed by a comma before a colon.
_EXCEPT_COMMA = re.compile(r"\bexcept\b[^:]*,")
# Cheap pre-check before walking the statements: a print that could be a statement.
_PRINT_STATEMENT = re.compile(r"\bprint\b[ \t]*(?:>>|[\\\r\n;#]|$)")
#: Before Python 3.14 (PEP 758) an ``except X, y:`` clause never parses: no need to look.
PEP758 = sys.version_info >= (3, 14)

_PY3_ONLY_NODES: tuple[type[ast.AST], ...] = tuple(
    getattr(ast, name)
    for name in (
        "JoinedStr",
        "Nonlocal",
        "AnnAssign",
        "AsyncFunctionDef",
        "AsyncFor",
        "AsyncWith",
        "Await",
        "YieldFrom",
        "NamedExpr",
        "Match",
        "TryStar",
        "TypeAlias",
    )
    if hasattr(ast, name)
)


def parse_python3(text: str) -> ast.Module:
    """Parse ``text`` with the running interpreter; raises SyntaxError or ValueError.

    The tree of the last text parsed is kept: the lift, sparse planning and the engine's size
    check all read the same file's tree, and none of them changes it.
    """
    if _LAST and _LAST[0][0] == text:
        return _LAST[0][1]
    with warnings.catch_warnings(record=True) as caught:  # the file's business, not printed
        warnings.simplefilter("always")
        tree = ast.parse(text.removeprefix("\ufeff"))
    escapes = {w.lineno for w in caught if "invalid escape sequence" in str(w.message)}
    _LAST[:] = [(text, tree, frozenset(escapes))]
    return tree


def escape_warnings(text: str) -> set[int]:
    """The lines where a string literal of ``text`` starts that the parser warned of an
    invalid escape sequence in (raises what :func:`parse_python3` raises)."""
    parse_python3(text)
    return set(_LAST[0][2])


_LAST: list[tuple[str, ast.Module, frozenset[int]]] = []


def is_python3(text: str) -> bool:
    """Whether ``text`` is Python 3 source, by the rule in the module docstring."""
    try:
        tree = parse_python3(text)
    except (SyntaxError, ValueError):
        return False
    except (RecursionError, MemoryError):
        return True  # too deep to judge: leave it alone, the engine reports such files
    if _STAR_IMPORT.search(text) and _star_import_in_function(tree):
        return False  # the parser takes it; Python 3's compiler does not (Python 2 did)
    return reads_as_python3(tree, text)


def _star_import_in_function(tree: ast.Module) -> bool:
    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    return any(
        isinstance(inner, ast.ImportFrom) and inner.names[0].name == "*"
        for node in ast.walk(tree)
        if isinstance(node, functions)
        for inner in ast.walk(node)
    )


def reads_as_python3(tree: ast.Module, text: str) -> bool:
    """Whether ``text``, which Python 3 parses into ``tree``, is Python 3 (no Python 2 evidence,
    or also syntax that Python 2 rejects)."""
    if not print_statement_evidence(tree, text) and not (PEP758 and has_python2_except(text)):
        return True
    return python3_only_syntax(tree)


def has_python2_except(text: str) -> bool:
    """Whether ``text`` has an ``except X, y:`` clause (a comma at bracket depth 0, no ``as``).

    Uses the tokenizer, so ``except E, e:`` inside a string or a comment does not count.
    ``except* A, B:`` is Python 3.14 only and does not count either.
    """
    if not _EXCEPT_COMMA.search(text):
        return False
    stream = tokenize.generate_tokens(io.StringIO(text.removeprefix("\ufeff")).readline)
    try:
        for tok in stream:
            if tok.type == tokenize.NAME and tok.string == "except" and _comma_clause(stream):
                return True
    except (tokenize.TokenError, SyntaxError):
        return False  # only reached for text that ast accepted: a tokenizer corner case
    return False


def _comma_clause(stream: Iterator[tokenize.TokenInfo]) -> bool:
    """Consume one except clause's tokens (after ``except``); True if it is ``except X, y:``."""
    depth = 0
    comma = False
    first = True
    for tok in stream:
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return False
        if tok.type == tokenize.NAME and tok.string == "as" and depth == 0:
            return False
        if tok.type == tokenize.OP:
            if first and tok.string == "*":
                return False
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth -= 1
            elif tok.string == "," and depth == 0:
                comma = True
            elif tok.string == ":" and depth == 0:
                return comma
        first = False
    return False


def imports_print_function(tree: ast.Module) -> bool:
    """Whether the module has ``from __future__ import print_function``."""
    return any(
        isinstance(stmt, ast.ImportFrom)
        and stmt.module == "__future__"
        and any(alias.name == "print_function" for alias in stmt.names)
        for stmt in tree.body
    )


def print_statement_evidence(tree: ast.Module, text: str) -> bool:
    """Whether a statement is a bare ``print`` or ``print >>f, ...``: Python 2 print statements.

    Under Python 3 these are expressions that do nothing or raise TypeError, so no working
    Python 3 file has them (``print_function`` makes them errors in Python 2 too: not counted).
    """
    if not _PRINT_STATEMENT.search(text) or imports_print_function(tree):
        return False
    return any(
        isinstance(stmt, ast.Expr) and _print_statement_shape(stmt.value)
        for stmt in _statements(tree.body)
    )


def _print_statement_shape(value: ast.expr) -> bool:
    if isinstance(value, ast.Tuple) and value.elts:
        value = value.elts[0]  # print >>f, x  is  (print >> f), x
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.RShift):
        value = value.left
        return isinstance(value, ast.Name) and value.id == "print"
    return isinstance(value, ast.Name) and value.id == "print"


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in ``body``, nested ones included (not those inside expressions)."""
    for stmt in body:
        yield stmt
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                yield from _statements([child])
            elif not isinstance(child, ast.expr):  # except handlers, match cases
                nested = getattr(child, "body", [])
                yield from _statements([s for s in nested if isinstance(s, ast.stmt)])


def python3_only_syntax(tree: ast.Module) -> bool:
    """Whether ``tree`` uses syntax that Python 2 rejects (f-strings, annotations, ...)."""
    # Under print_function, Python 2 accepts print(x, end="") too.
    print_calls = not imports_print_function(tree)
    for node in ast.walk(tree):
        if isinstance(node, _PY3_ONLY_NODES):
            return True
        if isinstance(node, ast.Raise) and node.cause is not None:
            return True
        if isinstance(node, ast.arguments) and _py3_arguments(node):
            return True
        if isinstance(node, ast.FunctionDef) and node.returns is not None:
            return True
        if isinstance(node, ast.ClassDef) and node.keywords:
            return True
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and any(
            isinstance(elt, ast.Starred) for elt in node.elts
        ):
            return True  # a, *b = x  and  [*a, *b]
        if isinstance(node, ast.Dict) and None in node.keys:
            return True  # {**a}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            return True
        if print_calls and _print_call_py3(node):
            return True
    return False


def _py3_arguments(args: ast.arguments) -> bool:
    if args.kwonlyargs or args.posonlyargs:
        return True
    every = [*args.args, *args.kwonlyargs, *args.posonlyargs]
    every += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return any(arg.annotation is not None for arg in every)


def _print_call_py3(node: ast.AST) -> bool:
    """``print(x, end="")`` or ``print(*xs)``: no Python 2 print statement looks like this."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
        and (bool(node.keywords) or any(isinstance(arg, ast.Starred) for arg in node.args))
    )
