"""``datetime.timezone.utc`` -> ``datetime.UTC`` (Python 3.11+, pyupgrade/ruff UP017)."""

from __future__ import annotations

import re

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor

from codemods._calls import CallsBase
from codemods._py2_builtins import comments


class DatetimeUtcAlias(CallsBase):
    """Spell ``datetime.timezone.utc`` as ``datetime.UTC``.

    **Why.** Python 3.11 added ``datetime.UTC``, an alias of ``datetime.timezone.utc``: one
    name instead of a path through a class.

    **Example.**

        import datetime
        from datetime import datetime as dt, timezone
        stamp = datetime.datetime.now(datetime.timezone.utc)
        local = dt.fromtimestamp(t, tz=timezone.utc)

    becomes

        import datetime
        from datetime import UTC, datetime as dt
        stamp = datetime.datetime.now(datetime.UTC)
        local = dt.fromtimestamp(t, tz=UTC)

    The module keeps its spelling (``import datetime as d``: ``d.UTC``).  Where
    ``timezone`` was imported from ``datetime``, ``UTC`` is imported the same way and the
    ``timezone`` import goes once nothing else uses it (ruff writes the same ``UTC``).

    **Refuses** targets before 3.11, a ``timezone`` or ``datetime`` that is not the stdlib
    one, a scope where ``UTC`` is bound to anything but ``datetime.UTC``, assignments
    (``timezone.utc = ...``), a comment inside the expression, and files with ``import *``.

    **Safety.** Safe: ``datetime.UTC is datetime.timezone.utc`` on 3.11+.
    """

    MIN_PYTHON = (3, 11)
    PRECHECK = re.compile(r"\btimezone\b")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node.attr.value != "utc" or comments(updated_node):
            return updated_node
        if self.qualified(original_node) != "datetime.timezone.utc" or not self.is_load(
            original_node
        ):
            return updated_node
        value = updated_node.value
        if isinstance(value, cst.Attribute):  # <module>.timezone.utc: keep <module>
            self.count_rewrite()
            utc = cst.Attribute(value.value, cst.Name("UTC"))
            return utc.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        if not self.free(original_node, "UTC", "datetime.UTC"):
            return updated_node
        AddImportsVisitor.add_needed_import(self.context, "datetime", "UTC")
        self.unimport(original_node)
        self.count_rewrite()
        return cst.Name("UTC", lpar=updated_node.lpar, rpar=updated_node.rpar)
