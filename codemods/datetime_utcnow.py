"""``datetime.utcnow()`` -> ``datetime.now(timezone.utc).replace(tzinfo=None)`` (3.12)."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import ScopeProvider

from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import Refuse, require

ARG = m.Arg(keyword=None, star="")
COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
#: Deprecated constructor -> (replacement method, how many positional arguments it takes).
METHODS = {"utcnow": ("now", 0), "utcfromtimestamp": ("fromtimestamp", 1)}


class DatetimeUtcnow(RemovedStdlibBase):
    """Replace ``datetime.utcnow()``/``utcfromtimestamp()``, deprecated in Python 3.12.

    **Why.** Python 3.12 deprecates both (they return naive datetimes that are easily taken
    for local time); a test runner that turns warnings into errors then fails (tornado's
    does, in ``web.py`` cookie expiry).  The replacement returns the very same naive value.

    **Example.**

        import datetime
        now = datetime.datetime.utcnow()
        then = datetime.datetime.utcfromtimestamp(t)

    becomes

        import datetime
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        then = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).replace(tzinfo=None)

    With ``from datetime import datetime`` the calls become ``datetime.now(timezone.utc)...``
    and ``timezone`` is imported from ``datetime``.  For a 3.11+ target, ``datetime.UTC``
    (or an imported ``UTC``) stands for ``datetime.timezone.utc``, as ``datetime_utc_alias``
    writes it.

    **Refuses** calls with keywords or stars, a ``datetime`` that is not the stdlib one, and a
    file where ``timezone`` is bound to something else.

    **Safety.** Safe: the result is the same naive UTC datetime (``.replace(tzinfo=None)``
    keeps it naive, so comparisons and arithmetic with other naive values still work).
    """

    MIN_PYTHON = (3, 2)  # datetime.timezone
    PRECHECK = re.compile(r"\butc(?:now|fromtimestamp)\b")
    REACH = "local"  # each call is rewritten where it is
    MODULES = frozenset({"datetime"})  # qname() of anything else is ""
    LOCATED = frozenset(f"datetime.datetime.{name}" for name in METHODS)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        name = self.qname(original_node.func)
        method = name.rpartition(".")[2]
        if name.rpartition(".")[0] != "datetime.datetime" or method not in METHODS:
            return updated_node
        if not isinstance(func, cst.Attribute):
            return updated_node
        new, count = METHODS[method]
        args = list(updated_node.args)
        try:
            require(len(args) == count and all(m.matches(a, ARG) for a in args))
            utc = self._utc(original_node, func)
        except Refuse:
            return updated_node
        if args:
            args[-1] = args[-1].with_changes(comma=COMMA)
        call = updated_node.with_changes(
            func=func.with_changes(attr=cst.Name(new)), args=[*args, cst.Arg(utc)]
        )
        self.count_rewrite()
        return cst.parse_expression("x.replace(tzinfo=None)").with_changes(
            func=cst.Attribute(call, cst.Name("replace"))
        )

    def _utc(self, node: cst.Call, func: cst.Attribute) -> cst.BaseExpression:
        """``datetime.timezone.utc`` spelled for this file (imported if need be).

        From 3.11 on it is ``datetime.UTC`` where that name is free, as ``datetime_utc_alias``
        spells it: that codemod never sees the new call, and a second run must change nothing.
        """
        if self.target >= (3, 11):
            try:
                return self._spell(node, func, "UTC", None)
            except Refuse:
                pass
        return self._spell(node, func, "timezone", "utc")

    def _spell(
        self, node: cst.Call, func: cst.Attribute, name: str, attribute: str | None
    ) -> cst.BaseExpression:
        """``<datetime module>.name[.attribute]``, or ``name[.attribute]`` imported from it."""
        if isinstance(func.value, cst.Attribute):  # <module>.datetime.utcnow: reuse <module>
            utc = cst.Attribute(func.value.value, cst.Name(name))
            return cst.Attribute(utc, cst.Name(attribute)) if attribute else utc
        scope = self.get_metadata(ScopeProvider, node, None)
        require(scope is not None)
        assert scope is not None
        for assignment in scope[name]:
            statement = getattr(assignment, "node", None)
            require(isinstance(statement, cst.ImportFrom) and statement.module is not None)
            assert isinstance(statement, cst.ImportFrom) and statement.module is not None
            require(full_name(statement.module) == "datetime")
        AddImportsVisitor.add_needed_import(self.context, "datetime", name)
        return cst.parse_expression(f"{name}.{attribute}" if attribute else name)
