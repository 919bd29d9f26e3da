"""Where a class is and what its body binds and reads, told without LibCST's scopes.

``init_to_dataclass`` asks whether a class is defined at module level, how often a name is
bound in the class body's scope (``x = 0``, ``def x``) and whether ``__init__`` or
``__slots__`` is read there.  LibCST computes the scopes of the whole file at once, which costs
more than the rest of the codemod; from the nodes around the class, and for a body of defs,
docstrings and ``name = value`` lines, the answers are certain without them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Callable, NamedTuple

import libcst as cst
from libcst.metadata import Scope

#: The names :func:`plain_names` can tell are not read at class level.
READ = frozenset({"__init__", "__slots__"})
_WORD = re.compile(r"\w+")
#: Where LibCST's scopes may parse a string as an annotation (``x: "T"``, ``List["T"]``, ``cast``).
_HINTS = (cst.Annotation, cst.Subscript, cst.Call)


class OwnNames(NamedTuple):
    """A class body's own scope, as far as the checks ask it."""

    #: How often a name is bound at class level.
    bound: Callable[[str], int]
    #: Whether a name is read at class level.
    read: Callable[[str], bool]


def module_level(node: cst.ClassDef, around: Iterable[cst.CSTNode]) -> bool | None:
    """Whether the class ``node`` is defined in the module's scope (or in class bodies there),
    given the nodes ``around`` it; None when type parameters add scopes (ask LibCST's)."""
    around = list(around)
    if any(isinstance(parent, cst.FunctionDef) for parent in around):
        return False  # in a def's body: a statement is nowhere else in a def
    classes = [node, *(parent for parent in around if isinstance(parent, cst.ClassDef))]
    return None if any(c.type_parameters is not None for c in classes) else True


def from_scope(scope: Scope | None) -> OwnNames:
    """What LibCST's scope of the class body says."""
    assert scope is not None
    return OwnNames(lambda name: len(scope.assignments[name]), lambda name: name in scope.accesses)


def plain_names(body: cst.BaseSuite, asked: set[str]) -> OwnNames | None:
    """What LibCST's scope of a class body would say, when ``body`` holds only defs (without
    type parameters) and lines of docstrings, ``pass`` and ``name = ... = value``; None when
    only the scopes can tell.  ``asked``: every name ``bound`` or ``read`` will be asked about.

    A def binds its name, an assignment its names, nothing else at class level binds one
    without a walrus; what the class level evaluates (decorators, parameter defaults and
    annotations, values) reads no name of READ unless it spells it.  LibCST parses a string
    that may be an annotation and records what it binds and reads: no such string may hold a
    name of ``asked``.
    """
    if not isinstance(body, cst.IndentedBlock):
        return None
    bound: Counter[str] = Counter()
    evaluated: list[cst.CSTNode] = []  # what runs in the class's scope
    for statement in body.body:
        if isinstance(statement, cst.FunctionDef) and statement.type_parameters is None:
            bound[statement.name.value] += 1
            evaluated += [*statement.decorators, statement.params]
            evaluated += [statement.returns] if statement.returns else []
            continue
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        for small in statement.body:
            if isinstance(small, cst.Assign):
                targets = [target.target for target in small.targets]
                if not all(isinstance(target, cst.Name) for target in targets):
                    return None
                bound.update(cst.ensure_type(target, cst.Name).value for target in targets)
                evaluated.append(small.value)
            elif isinstance(small, cst.Expr):
                evaluated.append(small.value)
            elif not isinstance(small, cst.Pass):
                return None
    seen = _Seen()
    for node in evaluated:
        node.visit(seen)
    if seen.walrus or seen.names & READ or seen.words & asked:
        return None
    return OwnNames(bound.__getitem__, _never_read)


def _never_read(name: str) -> bool:
    if name not in READ:
        raise ValueError(f"plain_names() cannot tell whether {name} is read")
    return False


class _Seen(cst.CSTVisitor):
    """The names spelt under a node, whether it has a walrus, and the words of the strings
    that LibCST may parse as annotations (in an annotation, a subscript or a call)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.words: set[str] = set()
        self.walrus = False
        self.hints = 0  # how many annotations, subscripts and calls are around

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Name):
            self.names.add(node.value)
        elif isinstance(node, cst.NamedExpr):
            self.walrus = True
        elif isinstance(node, (cst.SimpleString, cst.ConcatenatedString)) and self.hints:
            value, raw = node.evaluated_value, getattr(node, "value", "")
            self.words.update(_WORD.findall(f"{raw} {value if isinstance(value, str) else ''}"))
        self.hints += isinstance(node, _HINTS)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.hints -= isinstance(original_node, _HINTS)
