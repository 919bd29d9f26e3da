"""``stdout=PIPE, stderr=PIPE`` -> ``capture_output=True``, ``universal_newlines`` -> ``text``."""

from __future__ import annotations

import re

import libcst as cst

from codemods._calls import CallsBase, bool_literal, keyword, without
from codemods._py2_builtins import comments
from codemods._removed_stdlib import names
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse, require

#: Functions whose keywords reach ``Popen`` (which takes ``text`` since 3.7).
POPEN_KEYWORDS = frozenset(
    f"subprocess.{name}" for name in ("run", "check_output", "Popen", "call", "check_call")
)

#: The keywords a rewrite starts from.
_KEYWORDS = frozenset({"stdout", "stderr", "universal_newlines"})


class SubprocessRunArguments(CallsBase):
    """Use ``capture_output=True`` and ``text=`` in ``subprocess`` calls (Python 3.7+).

    **Why.** Python 3.7 added ``subprocess.run(capture_output=True)`` for
    ``stdout=PIPE, stderr=PIPE``, and ``text`` as the readable name of ``universal_newlines``
    (pyupgrade/ruff UP022 and UP021).

    **Example.**

        import subprocess
        done = subprocess.run(
            ["git", "status"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True,
        )

    becomes

        import subprocess
        done = subprocess.run(
            ["git", "status"], capture_output=True,
            text=True,
        )

    ``capture_output`` takes the place of the first of the two; ``text`` is also written for
    ``check_output``, ``Popen``, ``call`` and ``check_call`` (they hand it to ``Popen``), and
    ``universal_newlines=True, text=True`` loses the first.  Names are resolved:
    ``from subprocess import run, PIPE`` counts (``PIPE`` goes once unused).

    **Refuses** ``capture_output`` outside ``run`` (``check_output`` rejects ``stdout=``
    either way), a call that already passes ``capture_output``, ``text`` and
    ``universal_newlines`` together unless both are the same ``True``/``False`` literal,
    ``**kwargs`` (they could hold either keyword), a ``PIPE`` that is not the stdlib one,
    and comments in the arguments that would go.

    **Safety.** Safe: ``run`` turns ``capture_output=True`` into exactly those two pipes, and
    ``Popen`` reads ``text`` and ``universal_newlines`` the same way.
    """

    MIN_PYTHON = (3, 7)
    REACH = "local"
    PRECHECK = re.compile(r"\b(?:universal_newlines|PIPE)\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return {call.lineno for call in names(found).calls(POPEN_KEYWORDS, _KEYWORDS)}

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not isinstance(func, (cst.Name, cst.Attribute)) or not _KEYWORDS & {
            keyword(a) for a in original_node.args
        }:
            return updated_node  # nothing to rewrite: spare the name resolution
        name = self.qualified(func)
        args = list(updated_node.args)
        if name not in POPEN_KEYWORDS or len(args) != len(original_node.args):
            return updated_node
        if any(a.star == "**" for a in args):
            return updated_node
        originals = {keyword(a): a for a in original_node.args}
        changed = False
        for fix in (self._capture_output, self._text) if name.endswith(".run") else (self._text,):
            try:
                args = fix(originals, args)
                changed = True
            except Refuse:
                pass
        return updated_node.with_changes(args=args) if changed else updated_node

    def _text(self, _: dict[str | None, cst.Arg], args: list[cst.Arg]) -> list[cst.Arg]:
        names = [keyword(a) for a in args]
        require("universal_newlines" in names)
        index = names.index("universal_newlines")
        if "text" in names:
            old, new = args[index].value, args[names.index("text")].value
            require(bool_literal(old) is not None and bool_literal(old) == bool_literal(new))
            args = without(args, index)
        else:
            args[index] = args[index].with_changes(keyword=cst.Name("text"))
        self.count_rewrite()
        return args

    def _capture_output(
        self, originals: dict[str | None, cst.Arg], args: list[cst.Arg]
    ) -> list[cst.Arg]:
        names = [keyword(a) for a in args]
        require("stdout" in names and "stderr" in names and "capture_output" not in names)
        pipes = [originals.get("stdout"), originals.get("stderr")]
        require(all(p and self.qualified(p.value) == "subprocess.PIPE" for p in pipes))
        first, second = sorted([names.index("stdout"), names.index("stderr")])
        kept = args[first]
        require(comments(kept) == comments(kept.comma) if isinstance(kept.comma, cst.Comma)
                else not comments(kept))  # fmt: skip
        for pipe in pipes:
            assert pipe is not None
            self.unimport(pipe.value)
        args = without(args, second)
        capture = cst.Name("capture_output")
        args[first] = args[first].with_changes(keyword=capture, value=cst.Name("True"))
        self.count_rewrite()
        return args
