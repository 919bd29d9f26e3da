"""``defaultdict(lambda: [])`` -> ``defaultdict(list)``, and the other empty values (pyupgrade)."""

from __future__ import annotations

import re

import libcst as cst

from codemods._calls import CallsBase
from codemods._py2_builtins import comments

#: Builtins whose call with no argument a lambda may only wrap (``lambda: set()``).
TYPES = frozenset({
    "bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list", "set",
    "str", "tuple",
})  # fmt: skip
#: Empty displays and the type each one is an instance of.
DISPLAYS = {cst.List: "list", cst.Tuple: "tuple", cst.Dict: "dict"}
#: Numbers equal to zero: the value their type returns when called with no argument.
NUMBERS = {cst.Integer: "int", cst.Float: "float", cst.Imaginary: "complex"}


def factory(body: cst.BaseExpression) -> str | None:
    """The builtin whose no-argument call gives the value of ``body``, if it is one."""
    if isinstance(body, (cst.List, cst.Tuple, cst.Dict)) and not body.elements:
        return DISPLAYS[type(body)]
    if isinstance(body, (cst.Integer, cst.Float, cst.Imaginary)) and body.evaluated_value == 0:
        return NUMBERS[type(body)]
    if isinstance(body, cst.Name) and body.value == "False":
        return "bool"
    if isinstance(body, (cst.SimpleString, cst.ConcatenatedString)):
        value = body.evaluated_value
        return "str" if value == "" else "bytes" if value == b"" else None
    if isinstance(body, cst.Call) and not body.args and isinstance(body.func, cst.Name):
        return body.func.value if body.func.value in TYPES else None
    return None


class DefaultdictLambda(CallsBase):
    """Give ``defaultdict`` the type itself, not a lambda that returns its empty value.

    **Why.** ``defaultdict(list)`` calls ``list()`` for each missing key, which is what
    ``lambda: []`` does, with one function less to read (and the dict can then be pickled).

    **Example.**

        from collections import defaultdict
        by_owner = defaultdict(lambda: [])
        counts = defaultdict(
            lambda: 0,  # per word
        )

    becomes

        from collections import defaultdict
        by_owner = defaultdict(list)
        counts = defaultdict(
            int,  # per word
        )

    The bodies are pyupgrade's: ``[]``, ``()``, ``{}``, a zero (``int``, ``float``,
    ``complex``), ``False``, ``""`` and a call of ``dict``, ``list``, ``set`` or ``tuple``
    with no argument; also ``b""`` and the no-argument calls of ``str`` (pyupgrade gets
    there in a second run, through ``""``), ``bytes``, ``int``, ``float``, ``complex``,
    ``bool``, ``frozenset`` and ``bytearray``.  ``collections`` may be imported under any
    name (pyupgrade: only as ``collections``), and so may ``defaultdict``.

    **Refuses** a ``defaultdict`` that is not the one of ``collections`` (a local, a star
    import), the factory given by keyword (``default_factory=`` is positional-only: by
    keyword it is an item of the dict), ``*args``, a lambda with named parameters
    (``lambda x: []`` fails when called with no argument, where pyupgrade's ``list`` would
    not; ``lambda *a, **k: []`` is fine), a type name that is not the builtin here, other
    bodies (``None``, ``[0]``, ``-0.0``: ``float()`` is ``0.0``), and comments inside the
    lambda.

    **Safety.** Safe: each missing key gets a new value equal to the lambda's, of the same
    type.  Only the factory object itself differs: ``d.default_factory`` is ``list``, the
    dict's repr shows it, and pickling it now works.
    """

    # REACH stays "file": an alias (``defaultdict as dd``) matches only at its import.
    PRECHECK = re.compile(
        r"\bdefaultdict(?:\s|\\|#[^\n]*(?![^\n]))*"
        r"(?:\((?:[\s(\\]|#[^\n]*(?![^\n]))*lambda\b|as\b)"
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = updated_node.args
        if not args or args[0].keyword or args[0].star or not original_node.args:
            return updated_node
        lam = args[0].value
        if not isinstance(lam, cst.Lambda) or comments(lam):
            return updated_node
        params = lam.params
        if params.params or params.posonly_params or params.kwonly_params:
            return updated_node
        name = factory(lam.body)
        star = (params.star_arg, params.star_kwarg)
        if name is None or any(isinstance(p, cst.Param) and p.name.value == name for p in star):
            return updated_node
        func = original_node.func
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return updated_node
        if self.qualified(func) != "collections.defaultdict" or not self.free(func, name):
            return updated_node
        self.count_rewrite()
        first = args[0].with_changes(value=cst.Name(name))
        return updated_node.with_changes(args=[first, *args[1:]])
