"""``io.open(...)`` -> ``open(...)`` (UP020); redundant modes: ``open(p, "r")`` -> ``open(p)``."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from codemods._calls import CallsBase, by_keyword, keyword, open_lines, without
from codemods._py2_builtins import comments
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse, require

#: ``file`` is Python 2's open (``py2_builtins`` renames it in the same pass).
OPENS = frozenset({"builtins.open", "io.open", "builtins.file"})
#: open()'s parameters after ``mode``, in order (what follows a dropped positional mode).
AFTER_MODE = ("buffering", "encoding", "errors", "newline", "closefd", "opener")


def simpler(mode: str) -> str | None:
    """``mode`` without what is the default (``t``; all of ``"r"``): ``""`` drops it, None
    keeps it (already minimal, binary, ``U`` (see open_mode_universal) or invalid)."""
    if len(set(mode)) != len(mode) or not set(mode) <= set("rwax+t"):
        return None
    if len(set(mode) & set("rwax")) != 1 or (mode != "r" and "t" not in mode):
        return None
    new = mode.replace("t", "")
    return "" if new == "r" else new


class OpenCalls(CallsBase):
    """Call ``open`` rather than ``io.open``, and drop the default parts of its mode.

    **Why.** ``io.open`` is the builtin ``open`` on Python 3, and text reading is ``open``'s
    default: ``"r"`` and ``"rt"`` say nothing, nor does the ``t`` of ``"wt"``.

    **Example.**

        import io
        with io.open(path, "rt", encoding="utf-8") as src:
            with open(target, "wt") as out:
                out.write(src.read())

    becomes

        with open(path, encoding="utf-8") as src:
            with open(target, "w") as out:
                out.write(src.read())

    Also ``"tr"`` and ``mode="r"`` go, ``"r+t"`` -> ``"r+"`` (as ruff's UP015 table), and a
    positional argument after a dropped mode is passed by keyword (``open(p, "r", 1)`` ->
    ``open(p, buffering=1)``; ruff would write ``open(p, 1)``).  ``io.open`` is replaced
    wherever it is read, ``from io import open as o`` calls become ``open`` (the import goes
    once unused), and a module-level ``from io import open`` is dropped.  Binary modes
    (``"rb"``) are kept, and so are ``U`` modes: ``open_mode_universal`` deals with those.
    A Python 2 ``file(p, "r")`` is simplified in the pass where ``py2_builtins`` makes it
    ``open``.

    **Refuses** an ``open`` that is a local or a method (``Path.open``), a scope where
    ``open`` is not the builtin, a file with ``import *`` (``from os import *`` binds
    ``os.open``), modes that are not one string literal, calls with ``*args`` (the mode or
    the arguments after it cannot be placed; ruff's fix moves them), ``**kwargs`` unless the
    mode is a keyword, a keyword given twice, and comments inside the dropped mode.

    **Safety.** Safe: ``io.open is open`` on Python 3, and the modes dropped are the defaults;
    only a text file's ``.mode`` attribute changes (it echoes the string: ``"r"``, not
    ``"rt"``), as with pyupgrade and ruff.
    """

    # io.open (or an import of it), or an open()/file() call with a mode that simplifies:
    # "r", or one with a "t" (never "rb", which most files that open something have).
    PRECHECK = re.compile(
        r"""\bio\s*\.\s*open\b|\bfrom\s+io\s+import\b"""
        r"""|\b(?:open|file)\((?:[^()]|\([^()]*\))*?['"](?:r|[rwax+]{0,3}t[rwax+]{0,3})['"]"""
    )
    SAME_AS_BUILTIN = {("io", "open"): (3, 0)}
    # Any open/file call (the pre-check wants only some modes) and ``from io import open as o``.
    REACH = "local"
    LOCATIONS = re.compile(r"\b(?:open|file)\b")
    FOLLOW = re.compile(r"\bopen\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return open_lines(found, OPENS, simpler)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if original_node.attr.value != "open" or comments(updated_node):
            return updated_node
        if self.qualified(original_node) != "io.open" or not self.is_load(original_node):
            return updated_node
        return self._builtin_open(original_node, updated_node)

    def _builtin_open(
        self, original: cst.Name | cst.Attribute, updated: cst.BaseExpression
    ) -> cst.BaseExpression:
        if not self.free(original, "open"):
            return updated
        self.unimport(original)
        self.count_rewrite()
        return cst.Name("open", lpar=updated.lpar, rpar=updated.rpar)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not isinstance(func, (cst.Name, cst.Attribute)) or not self._may_open(func):
            return updated_node
        if self.qualified(func) not in OPENS:
            return updated_node
        if m.matches(func, m.Name("file")) and not m.matches(updated_node.func, m.Name("open")):
            return updated_node  # file() counts once py2_builtins made it open() in this pass
        if isinstance(func, cst.Name) and func.value not in ("open", "file"):  # io open as o
            new = self._builtin_open(func, updated_node.func)
            updated_node = updated_node.with_changes(func=new)
        try:
            args = self._without_mode(list(updated_node.args))
        except Refuse:
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(args=args)

    def _may_open(self, func: cst.Name | cst.Attribute) -> bool:
        """Whether ``func`` is spelt so that it may be an open (before asking the scopes)."""
        name = func.value if isinstance(func, cst.Name) else func.attr.value
        return name in ("open", "file") or "io" in self.facts.import_bound.get(name, ())

    def _without_mode(self, args: list[cst.Arg]) -> list[cst.Arg]:
        """``args`` with a simpler mode; Refuse when there is nothing to simplify."""
        named = [i for i, a in enumerate(args) if keyword(a) == "mode"]
        require(not any(a.star == "*" or (a.star and not named) for a in args))
        require(named or (len(args) > 1 and not args[1].keyword))
        index = named[0] if named else 1
        literal = args[index].value
        require(isinstance(literal, cst.SimpleString) and isinstance(literal.evaluated_value, str))
        assert isinstance(literal, cst.SimpleString)
        new = simpler(str(literal.evaluated_value))
        require(new is not None and "\\" not in literal.value)
        if new:
            text = f"{literal.prefix}{literal.quote}{new}{literal.quote}"
            return [*args[:index], args[index].with_changes(value=literal.with_changes(value=text)),
                    *args[index + 1:]]  # fmt: skip
        rest = without(args, index)
        if not named:  # what followed the mode by position now goes by keyword
            given = {keyword(a) for a in args}
            later = [a for a in rest[1:] if not a.keyword]
            require(len(later) <= len(AFTER_MODE) and not given & set(AFTER_MODE[: len(later)]))
            rest[1 : 1 + len(later)] = [by_keyword(a, n) for a, n in zip(later, AFTER_MODE)]
        return rest
