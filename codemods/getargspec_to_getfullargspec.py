"""``inspect.getargspec(f)`` -> ``inspect.getfullargspec(f)`` where the result's use allows it."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.codemod import Refuse, require

FIELDS = ("args", "varargs", "keywords", "defaults")
FOUR = m.Tuple([m.Element()] * 4) | m.List([m.Element()] * 4)
INDEX = m.SubscriptElement(m.Index(m.Integer(m.MatchIfTrue(lambda v: v in ("0", "1", "2", "3")))))
UP_TO_FOUR = cst.SubscriptElement(cst.Slice(lower=None, upper=cst.Integer("4")))
KEPT = "inspect.getargspec kept (result used whole, or in a try): use getfullargspec by hand"


class GetargspecToGetfullargspec(RemovedStdlibBase):
    """Replace ``inspect.getargspec`` (removed in 3.11) where its result is used field by field.

    **Why.** ``inspect.getargspec`` is gone in Python 3.11.  Its result ``ArgSpec(args,
    varargs, keywords, defaults)`` holds the first four fields of ``getfullargspec``'s
    ``FullArgSpec``, but the third is named ``varkw`` there, and there are seven.

    **Example.**

        import inspect
        args, varargs, kw, defaults = inspect.getargspec(f)
        names = inspect.getargspec(g).args

    becomes

        import inspect
        args, varargs, kw, defaults = inspect.getfullargspec(f)[:4]
        names = inspect.getfullargspec(g).args

    So: unpacked into four names -> ``[:4]``; an index ``[0]``..``[3]`` or an attribute
    (``.keywords`` becomes ``.varkw``) -> the plain call.  Names are resolved (``from inspect
    import getargspec`` too: ``inspect`` is then imported).

    **Refuses** (a note gives the lines) a result kept whole (``spec = getargspec(f)``:
    its later ``.keywords``, length or type cannot be followed), a call inside a ``try``
    statement, arguments other than one positional one, and a local ``inspect`` that is not
    the module.

    **Safety.** Safe where it rewrites: the values are those ``getargspec`` returned.  The one
    difference is that ``getargspec`` raised ``ValueError`` for a function with keyword-only
    parameters or annotations, where ``getfullargspec`` answers; code that relies on that
    error catches it in a ``try`` around the call, which is refused (a caller further up
    cannot be seen).
    """

    PRECHECK = re.compile(r"\bgetargspec\b")
    MODULES = frozenset({"inspect"})  # qname() of anything else is ""

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self.uses: dict[cst.CSTNode, bool] = {}  # candidate call -> whether it is unpacked
        self.done: set[cst.CSTNode] = set()
        self.tries = 0

    def visit_Try(self, node: cst.Try) -> None:
        self.tries += 1

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try) -> cst.Try:
        self.tries -= 1
        return updated_node

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self.tries += 1

    def leave_TryStar(self, original_node: cst.TryStar, updated_node: cst.TryStar) -> cst.TryStar:
        self.tries -= 1
        return updated_node

    def visit_Assign(self, node: cst.Assign) -> None:
        if m.matches(node, m.Assign(targets=[m.AssignTarget(FOUR)])):
            self.uses[node.value] = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in FIELDS:
            self.uses[node.value] = False

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if m.matches(node, m.Subscript(slice=[INDEX])):
            self.uses[node.value] = False

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if self.qname(original_node.func) != "inspect.getargspec":
            return updated_node
        unpacked = self.uses.get(original_node)
        try:
            require(unpacked is not None and not self.tries)
            require(m.matches(updated_node, m.Call(args=[m.Arg(keyword=None, star="")])))
            func: cst.BaseExpression
            if isinstance(updated_node.func, cst.Attribute):  # inspect.getargspec, any alias
                func = updated_node.func.with_changes(attr=cst.Name("getfullargspec"))
            else:
                func = self.imported(original_node, "inspect.getfullargspec")
        except Refuse:
            self.note(original_node, KEPT)
            return updated_node
        self.count_rewrite()
        self.done.add(original_node)
        call = updated_node.with_changes(func=func)
        if not unpacked:
            return call
        bare = call.with_changes(lpar=(), rpar=())
        return cst.Subscript(bare, [UP_TO_FOUR], lpar=call.lpar, rpar=call.rpar)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        if original_node.value in self.done and updated_node.attr.value == "keywords":
            return updated_node.with_changes(attr=cst.Name("varkw"))
        return updated_node
