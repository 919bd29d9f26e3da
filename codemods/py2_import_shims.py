"""``try: import cPickle`` / ``except ImportError: import pickle`` -> ``import pickle``."""

from __future__ import annotations

import ast
import re

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node as full_name

from codemods._py2_renames import PY2_MODULES as PY2
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

SHIM = m.Try(handlers=[m.ExceptHandler(type=m.Name("ImportError"))], orelse=None, finalbody=None)


class Py2ImportShims(LiftCodemod):
    """Collapse a Python 2/3 import shim (``try``/``except ImportError``) to its Python 3 branch.

    **Why.** On Python 3 only the Python 3 branch ever runs; the shim is dead weight, and
    renaming its Python 2 imports would leave two copies of the same import.

    **Example.**

        try:
            import cPickle as pickle
        except ImportError:
            import pickle  # py3

    becomes

        import pickle  # py3

    Either order works (``try: <py3 imports> except ImportError: <py2 imports>`` keeps the
    ``try`` body).  Detection looks at the code as written, before ``py2_stdlib_renames``
    renames the Python 2 imports in the same pass.

    **Refuses** shims whose branches mix Python 2 and other imports or hold anything but
    imports, shims with ``else``/``finally`` or more handlers, and (with a note) a collapse
    that would lose a comment.

    **Safety.** Safe: on Python 3 the ``except ImportError`` branch is the one that runs.
    """

    REACH = "local"
    PRECHECK = re.compile(r"^\s*except\s+ImportError\s*:", re.M)

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return {
            node.lineno for node in found.of(ast.Try)
            if len(node.handlers) == 1 and not node.orelse and not node.finalbody
            and isinstance(node.handlers[0].type, ast.Name)
            and node.handlers[0].type.id == "ImportError"
            and {_py2_imports(node.body), _py2_imports(node.handlers[0].body)} == {True, False}
        }  # fmt: skip

    def leave_Try(
        self, original_node: cst.Try, updated_node: cst.Try
    ) -> cst.Try | cst.FlattenSentinel[cst.BaseStatement]:
        if not m.matches(original_node, SHIM):
            return updated_node
        kinds = (py2_imports(original_node.body), py2_imports(original_node.handlers[0].body))
        block: dict[tuple[bool | None, bool | None], cst.BaseSuite]
        block = {(True, False): updated_node.handlers[0].body, (False, True): updated_node.body}
        keep = block.get(kinds)
        if not isinstance(keep, cst.IndentedBlock):
            return updated_node
        body = list(keep.body)
        kept = sum(len(m.findall(s, m.Comment())) for s in body)
        kept += sum(1 for line in updated_node.leading_lines if line.comment)
        if kept != len(m.findall(updated_node, m.Comment())):
            self.warn("a try/except ImportError shim kept: collapsing it would lose a comment")
            return updated_node
        first = cst.ensure_type(body[0], cst.SimpleStatementLine)
        body[0] = first.with_changes(
            leading_lines=[*updated_node.leading_lines, *first.leading_lines]
        )
        self.count_rewrite()
        return cst.FlattenSentinel(body)


def py2_imports(block: cst.BaseSuite) -> bool | None:
    """True if ``block`` only imports Python 2 modules, False if only others, else None."""
    lines = block.body if isinstance(block, cst.IndentedBlock) else [block]
    if not all(isinstance(line, cst.SimpleStatementLine) for line in lines):
        return None
    stmts = [stmt for line in lines for stmt in cst.ensure_type(line, cst.SimpleStatementLine).body]
    if not all(m.matches(s, m.Import() | m.ImportFrom(relative=[])) for s in stmts):
        return None
    modules = [a.name for s in stmts if isinstance(s, cst.Import) for a in s.names]
    modules += [s.module for s in stmts if isinstance(s, cst.ImportFrom) and s.module]
    found = {full_name(name) in PY2 for name in modules}
    return found.pop() if len(found) == 1 else None


def _py2_imports(block: list[ast.stmt]) -> bool | None:
    """:func:`py2_imports` of an ``ast`` block."""
    if not all(isinstance(s, ast.Import) or (isinstance(s, ast.ImportFrom) and not s.level)
               for s in block):  # fmt: skip
        return None
    modules = [a.name for s in block if isinstance(s, ast.Import) for a in s.names]
    modules += [s.module for s in block if isinstance(s, ast.ImportFrom) and s.module]
    found = {name in PY2 for name in modules}
    return found.pop() if len(found) == 1 else None
