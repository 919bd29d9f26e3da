"""``json.loads(s, encoding=...)`` -> ``json.loads(s)``: the ignored keyword is gone in 3.9."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._py2_builtins import comments, simple
from codemods._removed_stdlib import RemovedStdlibBase, names
from legacylift.astindex import AstIndex

ENCODING = m.Arg(keyword=m.Name("encoding"))
#: A custom decoder class, or ``**kw``, might take ``encoding`` itself on 3.9+.
OTHER_DECODER = m.Arg(keyword=m.Name("cls")) | m.Arg(star="**")
LOADS = ("json.load", "json.loads")
KEPT = "json encoding= kept: not a plain value, a comment inside, or a cls=/**kw call"


class JsonEncodingKeyword(RemovedStdlibBase):
    """Drop the ``encoding`` argument of ``json.load``/``json.loads`` (removed in 3.9).

    **Why.** Python 3.1-3.8 accepted ``encoding=`` and ignored it (with a deprecation warning
    from 3.8 on); since 3.9 it is passed on to the decoder class, which raises ``TypeError``.

    **Example.**

        import json
        data = json.loads(text, encoding="utf-8")
        conf = json.load(
            fp,
            encoding="latin-1",
        )

    becomes

        import json
        data = json.loads(text)
        conf = json.load(
            fp,
        )

    Names are resolved (``import json as j``, ``from json import loads``).

    **Refuses** (a note gives the lines) a value that is not a plain name, attribute or
    constant (a call would no longer run), a comment in the argument (it would be lost), and
    calls with ``cls=`` or ``**kw``: a custom decoder may accept ``encoding`` on 3.9+.

    **Safety.** Safe: the argument never had an effect on Python 3.
    """

    REACH = "local"
    PRECHECK = re.compile(r"\bencoding\s*=")
    MODULES = frozenset({"json"})  # qname() of anything else is ""

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return {call.lineno for call in names(found).calls(LOADS, ("encoding",))}

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = list(updated_node.args)
        where = [i for i, arg in enumerate(args) if m.matches(arg, ENCODING)]
        if not where or self.qname(original_node.func) not in LOADS:
            return updated_node
        i = where[0]
        last = i == len(args) - 1 and i > 0  # the argument before it takes its comma
        plain = simple(args[i].value) and not comments(args[i])
        if (
            not plain
            or (last and comments(args[i - 1]))
            or any(m.matches(a, OTHER_DECODER) for a in args)
        ):
            self.note(original_node, KEPT)
            return updated_node
        if last:
            args[i - 1] = args[i - 1].with_changes(comma=args[i].comma)
        del args[i]
        self.count_rewrite()
        return updated_node.with_changes(args=args)
