"""``from typing_extensions import Final`` -> ``from typing import Final``; ``Text`` -> ``str``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import ExpressionContextProvider, ScopeProvider

from codemods._typing import MOVED_IMPORTS, NameCodemod, NameRewriter, moved_imports, typing_imports
from legacylift.astindex import AstIndex

SOURCES = frozenset(old for old, _ in MOVED_IMPORTS)


class _Rewriter(NameRewriter):
    def swap(self, node: cst.Name | cst.Attribute) -> cst.BaseExpression:
        return self.replace(node, "str") if self.qname(node) == "typing.Text" else node


class TypingDeprecatedImports(NameCodemod):
    """Import typing names from where the target Python has them; ``typing.Text`` -> ``str``.

    **Why.** ``typing_extensions`` backports are in ``typing`` on newer Pythons, the
    ``typing`` copies of ``collections.abc``/``collections``/``re`` classes are deprecated
    from 3.9, and ``Text`` is an alias of ``str`` (ruff's UP035 and UP019).

    **Example.**

        from typing_extensions import Final, Protocol
        from typing import Text

        NAME: Final = "x"

        class Greeter(Protocol):
            def greet(self, name: Text) -> Text: ...

    becomes

        from typing_extensions import Protocol
        from typing import Final

        NAME: Final = "x"

        class Greeter(Protocol):
            def greet(self, name: str) -> str: ...

    The table (``MOVED_IMPORTS`` in ``codemods/_typing.py``) gives the target each move needs
    (``Literal`` 3.10, ``Protocol`` 3.12, ``typing.Sequence`` to ``collections.abc`` 3.9,
    ``typing.Callable`` 3.10...); moves chain (``typing_extensions.Sequence`` goes straight to
    ``collections.abc`` on 3.9).  An import whose names go to several modules is split, one
    import per module, the original module first.  ``from collections import Mapping`` is
    collections_abc_imports' job.

    **Refuses** relative and star imports, names that move later than the target
    (``typing_extensions.get_type_hints`` before 3.13: it strips ``Required``/``ReadOnly``
    unlike the older ``typing`` one), splitting an import with comments inside (with a note),
    and ``Text`` where ``str`` means something else.

    **Safety.** Safe: on the target, each new name is the same object or an equivalent
    implementation (the moves ruff marks safe), and ``typing.Text is str``.
    """

    MIN_PYTHON = (3, 6)
    PRECHECK = re.compile(r"\b(?:typing|mypy_extensions\b|Text\b)")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider, ExpressionContextProvider)
    REWRITER = _Rewriter
    NAMES = frozenset(("Text",))

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return typing_imports(found, cls.NAMES, cls.MODULES) | moved_imports(found)

    def _destination(self, module: str, name: str) -> str:
        while MOVED_IMPORTS.get((module, name), ((99, 0), ""))[0] <= self.target:
            module = MOVED_IMPORTS[module, name][1]
        return module

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        names = updated_node.names
        module = get_full_name_for_node(updated_node.module) if updated_node.module else None
        if updated_node.relative or module not in SOURCES or isinstance(names, cst.ImportStar):
            return updated_node
        groups: dict[str, list[cst.ImportAlias]] = {module: []}
        for alias in names:
            groups.setdefault(self._destination(module, alias.evaluated_name), []).append(alias)
        groups = {new: aliases for new, aliases in groups.items() if aliases}
        if list(groups) == [module]:
            return updated_node
        if len(groups) == 1:
            self.count_rewrite()
            return updated_node.with_changes(module=cst.parse_expression(next(iter(groups))))
        if m.findall(updated_node, m.Comment()):
            self.warn(f"from {module} import ... kept: splitting it would lose a comment")
            return updated_node
        last = names[-1].comma  # each part ends as the whole list did (a trailing comma or not)
        parts = [
            updated_node.with_changes(
                module=cst.parse_expression(new),
                names=[*aliases[:-1], aliases[-1].with_changes(comma=last)],
                semicolon=cst.MaybeSentinel.DEFAULT,
            )
            for new, aliases in groups.items()
        ]
        self.count_rewrite()
        return cst.FlattenSentinel(parts)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        body = updated_node.body
        if len(original_node.body) != 1 or len(body) < 2:  # not an import split above
            return super().leave_SimpleStatementLine(original_node, updated_node)
        semicolon = original_node.body[0].semicolon
        first = updated_node.with_changes(body=[body[0].with_changes(semicolon=semicolon)])
        return cst.FlattenSentinel([first, *(cst.SimpleStatementLine([part]) for part in body[1:])])
