"""``open(p, 'rU')`` -> ``open(p, 'r')``: the ``U`` mode flag is gone since Python 3.11."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node as full_name
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from codemods._calls import FILEINPUT, OPENERS, SPELLINGS, keyword, mode_like, u_mode_lines
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require


def without_u(mode: str, fileinput: bool) -> str:
    """``mode`` minus its ``U`` (``r`` added when nothing else says read); Refuse if invalid."""
    if fileinput:
        require(mode in ("rU", "U"))  # the only U modes fileinput ever accepted
        return "r"
    require("U" in mode and len(set(mode)) == len(mode) and set(mode) <= set("rbtU"))
    require(not {"b", "t"} <= set(mode))  # open() rejects these before and after
    rest = mode.replace("U", "")
    return rest if "r" in rest else "r" + rest


class OpenModeUniversal(LiftCodemod):
    """Drop the ``U`` (universal newlines) flag from ``open()`` modes.

    **Why.** ``U`` has done nothing in Python 3 (text files always translate newlines unless
    ``newline=`` says otherwise); it was deprecated in 3.3 and ``open(p, "rU")`` raises
    ``ValueError`` since 3.11, as do ``codecs.open``, ``os.fdopen`` and ``fileinput``.

    **Example.**

        import io
        with open(path, "rU") as f:
            text = f.read()
        data = io.open(path, mode="rbU").read()

    becomes

        import io
        with open(path, "r") as f:
            text = f.read()
        data = io.open(path, mode="rb").read()

    Also ``"U"`` -> ``"r"``, ``"Ur"`` -> ``"r"``, ``"rtU"`` -> ``"rt"``, and
    ``fileinput.input(files, mode="rU")`` -> ``mode="r"``.  The mode is kept even when only
    ``"r"`` (the default) is left, so the diff is just the ``U``.  Names are resolved:
    ``from io import open`` counts, a local ``def open`` does not; a Python 2 ``file(p, "rU")``
    is fixed in the same pass as ``py2_builtins`` makes it ``open``.

    **Refuses** modes that are not one plain string literal, modes no Python 3 accepts
    (``"rUw"``, ``"rbtU"``: the error stays), a ``fileinput`` mode given by position or with
    an ``openhook`` (the hook receives the mode string), methods (``path.open(...)``: the
    receiver is unknown), and builtin ``open`` in a file with ``import *`` (it may bind
    another ``open``).

    **Safety.** Safe: on 3.0-3.10 ``U`` changes nothing but a deprecation warning and the
    text file's ``.mode`` attribute (which reads ``"r"`` instead of ``"rU"``).
    """

    PRECHECK = re.compile(r"""['"][rbt]*U[rbt]*['"]""")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider,)

    star_import = False

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return u_mode_lines(found)

    def visit_Module(self, node: cst.Module) -> None:
        self.star_import = self.facts.star_import

    def _may_open(self, func: cst.BaseExpression) -> bool:
        """Whether ``func`` may be an opener: a dotted name (LibCST would call the method of
        ``open(p).read`` ``builtins.open``) whose last part is an opener's, or a bare name an
        import binds (``from io import open as o``)."""
        root = func
        while isinstance(root, cst.Attribute):
            root = root.value
        if not isinstance(root, cst.Name):
            return False
        dotted = full_name(func) or "."
        first, last = dotted.partition(".")[0], dotted.rpartition(".")[2]
        alias = isinstance(func, cst.Name) and first in self.facts.import_bound
        return last in SPELLINGS or alias

    def _function(self, original: cst.Call, updated: cst.Call) -> str | None:
        if not self._may_open(original.func):
            return None  # not an opener, whatever its name resolves to: spare the scopes
        fast = self.facts.resolve(original.func)  # None: only the file's scopes can tell
        if fast:
            return fast  # imported, or a builtin (resolve() never answers under import *)
        qnames = (
            self.get_metadata(QualifiedNameProvider, original.func, set())
            if fast is None
            else set()
        )
        if not qnames and m.matches(original.func, m.Name("file")):
            # py2_builtins, earlier in the same pass, has made a builtin file() call open()
            return "builtins.open" if m.matches(updated.func, m.Name("open")) else None
        if len(qnames) != 1:
            return None
        (qname,) = qnames
        if qname.source is QualifiedNameSource.BUILTIN:
            return None if self.star_import else qname.name
        return qname.name if qname.source is QualifiedNameSource.IMPORT else None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not isinstance(original_node.func, (cst.Name, cst.Attribute)):
            return updated_node
        if not any(map(mode_like, updated_node.args)):
            return updated_node  # no "U" mode: not worth resolving the function's name
        function = self._function(original_node, updated_node)
        if function not in OPENERS and function not in FILEINPUT:
            return updated_node
        args, fileinput = list(updated_node.args), function in FILEINPUT
        try:
            index = self._mode_index(args, fileinput)
            value = args[index].value
            if not isinstance(value, cst.SimpleString) or not isinstance(
                value.evaluated_value, str
            ):
                raise Refuse  # a name, an f-string, bytes (a TypeError anyway)
            new = without_u(value.evaluated_value, fileinput)
        except Refuse:
            return updated_node
        literal = value.with_changes(value=f"{value.prefix}{value.quote}{new}{value.quote}")
        args[index] = args[index].with_changes(value=literal)
        self.count_rewrite()
        return updated_node.with_changes(args=args)

    @staticmethod
    def _mode_index(args: list[cst.Arg], fileinput: bool) -> int:
        """Where ``mode`` is among ``args``; Refuse when it is not given (or cannot be found)."""
        if fileinput:  # keyword only; a hook would receive the new mode string
            require(not any(a.star == "**" or keyword(a) == "openhook" for a in args))
        keywords = [i for i, a in enumerate(args) if keyword(a) == "mode"]
        if keywords:
            return keywords[0]
        require(not fileinput and len(args) > 1)
        require(all(a.keyword is None and not a.star for a in args[:2]))
        return 1
