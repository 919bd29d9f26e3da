"""Python 2 implicit relative imports inside a package -> explicit ``from . import``."""

from __future__ import annotations

import os
import re

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node as full_name

from legacylift.codemod import LiftCodemod

ABSOLUTE = m.ImportFrom(
    module=m.Name("__future__"), names=[m.ZeroOrMore(), m.ImportAlias(m.Name("absolute_import")),
                                       m.ZeroOrMore()]
)  # fmt: skip
DOT = cst.Dot()
NEWLINE = cst.TrailingWhitespace()


def siblings(filename: str) -> frozenset[str]:
    """The modules a file's package holds (``keys.py``, ``util/``), or none outside a package."""
    folder = os.path.dirname(os.path.abspath(filename))
    try:
        entries = os.listdir(folder)
    except OSError:
        return frozenset()
    if "__init__.py" not in entries:
        return frozenset()  # a script folder: its own folder is first on sys.path on Python 3 too
    found = {name[:-3] for name in entries if name.endswith(".py") and name != "__init__.py"}
    found |= {
        name for name in entries
        if os.path.isfile(os.path.join(folder, name, "__init__.py"))
    }  # fmt: skip
    # ``import __main__`` means the running script, whatever the package holds
    return frozenset(n for n in found if n.isidentifier() and not n.startswith("__"))


class ImplicitRelativeImports(LiftCodemod):
    """Make Python 2's implicit relative imports explicit (``import util`` in a package).

    **Why.** Inside a package, Python 2 first looked for ``import util`` next to the importing
    module; Python 3 imports are absolute (PEP 328), so the import fails or finds another
    module of that name.

    **Example.** In ``pkg/keys.py``, next to ``pkg/util.py`` and ``pkg/der.py``:

        import der, os
        from util import number_to_string

    becomes

        import os
        from . import der
        from .util import number_to_string

    **Refuses** files with ``from __future__ import absolute_import`` (their imports already
    are absolute), files outside a package (a folder without ``__init__.py``), dotted imports
    (``import util.text`` binds ``util``: no ``from .`` form does), and a split that would lose
    a comment.

    **Safety.** Safe: the import resolves to the module Python 2 loaded.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"^[ \t]*(?:import|from)[ \t]+\w", re.MULTILINE)

    def visit_Module(self, node: cst.Module) -> None:
        self.local: frozenset[str] = frozenset()
        if not any(m.findall(s, ABSOLUTE) for s in node.body[:30]):
            self.local = siblings(self.context.filename or "")

    def _is_local(self, alias: cst.ImportAlias) -> bool:
        return isinstance(alias.name, cst.Name) and alias.name.value in self.local

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        module = updated_node.module
        if updated_node.relative or module is None:
            return updated_node
        if (full_name(module) or "").partition(".")[0] not in self.local:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(relative=[DOT])

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.FlattenSentinel[cst.SimpleStatementLine]:
        if len(updated_node.body) != 1 or not isinstance(updated_node.body[0], cst.Import):
            return updated_node
        names = updated_node.body[0].names
        local = [alias for alias in names if self._is_local(alias)]
        if not local:
            return updated_node
        other = [alias for alias in names if not self._is_local(alias)]
        if any((full_name(a.name) or "").partition(".")[0] in self.local for a in other):
            self.warn("a dotted implicit relative import kept: no `from .` form binds the same")
            return updated_node
        if other and m.findall(updated_node, m.Comment()):
            self.warn("an implicit relative import kept: splitting it would lose a comment")
            return updated_node
        self.count_rewrite(len(local))
        default = cst.MaybeSentinel.DEFAULT
        relative = cst.ImportFrom(
            module=None, relative=[DOT], names=[a.with_changes(comma=default) for a in local]
        )
        if not other:
            return updated_node.with_changes(body=[relative])
        absolute = updated_node.body[0].with_changes(
            names=[a.with_changes(comma=default) for a in other]
        )
        first = updated_node.with_changes(body=[absolute], trailing_whitespace=NEWLINE)
        second = cst.SimpleStatementLine(
            [relative], trailing_whitespace=updated_node.trailing_whitespace
        )
        return cst.FlattenSentinel([first, second])
