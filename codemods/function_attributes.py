"""``f.func_code`` -> ``f.__code__``, ``m.im_self`` -> ``m.__self__``: renamed attributes."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from legacylift.codemod import LiftCodemod

#: Python 2 function and method attributes -> their Python 3 names.
RENAMED = {
    "func_closure": "__closure__", "func_code": "__code__", "func_defaults": "__defaults__",
    "func_dict": "__dict__", "func_doc": "__doc__", "func_globals": "__globals__",
    "func_name": "__name__", "im_func": "__func__", "im_self": "__self__",
}  # fmt: skip


class FunctionAttributes(LiftCodemod):
    """Rename the Python 2 function and method attributes (``func_*``, ``im_*``).

    **Why.** Python 3 only has the dunder spellings, which Python 2.6 already had:
    ``f.func_code`` raises AttributeError.

    **Example.**

        code = handler.func_code
        owner = bound.im_self
        name = bound.im_func.func_name

    becomes

        code = handler.__code__
        owner = bound.__self__
        name = bound.__func__.__name__

    **Refuses** a name the module itself defines (a method, parameter or class attribute
    called ``func_name``: the file means its own attribute), and ``im_class``, which has no
    Python 3 counterpart for unbound methods (Python 3 has none).

    **Safety.** Safe for functions and methods, which is what these names meant in Python 2.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.\s*(?:func_(?:closure|code|defaults|dict|doc|globals|name)|im_)")

    def visit_Module(self, node: cst.Module) -> None:
        # A module that defines one of these names itself (a method or class attribute called
        # ``func_name``) means its own attribute by it: that name is left alone in the file.
        renamed = m.Name(m.MatchIfTrue(RENAMED.__contains__))
        definitions = m.findall(
            node,
            m.FunctionDef(name=renamed) | m.AssignTarget(target=renamed) | m.Param(name=renamed),
        )
        self.defined = {
            n.value for d in definitions for n in m.findall(d, renamed) if isinstance(n, cst.Name)
        }

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        name = updated_node.attr.value
        if name not in RENAMED or name in self.defined:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(attr=cst.Name(RENAMED[name]))
