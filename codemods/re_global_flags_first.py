"""``re.compile(r"a(?i)b")`` -> ``re.compile(r"(?i)ab")``: global inline flags go first (3.11)."""

from __future__ import annotations

import ast
import re

import libcst as cst
import libcst.matchers as m

from codemods._regex_flags import literal_pieces, misplaced, moved
from codemods._removed_stdlib import RemovedStdlibBase
from legacylift.astindex import AstIndex

#: Functions of ``re`` taking a pattern first -> the position of their ``flags`` argument.
FLAGS_AT = {"compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
            "split": 3, "sub": 4, "subn": 4}  # fmt: skip
PATTERN = m.Arg(keyword=None, star="") | m.Arg(keyword=m.Name("pattern"))
KEPT = "regex global flags (?...) not first kept: move them to the pattern's start by hand"
NAMED = m.Name() | m.Attribute(attr=m.Name())
FLAGS = m.Arg(keyword=m.Name("flags")) | m.Arg(star=m.MatchIfTrue(bool))


class ReGlobalFlagsFirst(RemovedStdlibBase):
    """Move global inline regex flags such as ``(?i)`` to the start of a literal pattern.

    **Why.** A global flag group that is not at the very start of the pattern has raised a
    ``DeprecationWarning`` since 3.6 and is an error (``re.error: global flags not at the
    start of the expression``) since 3.11.  Before 3.11 such a group applied to the whole
    pattern wherever it stood, so moving it first changes nothing.

    **Example.**

        import re
        WORD = re.compile(r"\\w+(?i)")
        found = re.findall("^(?m)x|y", text)

    becomes

        import re
        WORD = re.compile(r"(?i)\\w+")
        found = re.findall("(?m)^x|y", text)

    Any call of ``re.compile``/``match``/``search``/``fullmatch``/``findall``/``finditer``/
    ``split``/``sub``/``subn`` (the module resolved by name) whose pattern is a string or
    bytes literal, a literal formatted with ``%``, or a name (``X``, ``self.X``) that the file
    assigns a literal to (Werkzeug's ``_browser_version_re % name``); the literal's prefix
    and quotes stay.  Implicitly concatenated literals
    get the groups at the start of their first piece.  Scoped groups (``(?i:...)``) are
    never touched.

    **Refuses** (a note gives the lines of literals) f-strings, non-raw literals with a
    backslash (their text is not the pattern), a group split across concatenated pieces, a
    group whose removal could join tokens (in braces, before a quantifier or a digit), a
    group after a ``#`` in a pattern that may be verbose (an ``x`` flag or any ``flags``
    argument: the group may be inside a comment), and a result that does not compile.

    **Safety.** Safe: on 3.6-3.10 the flags applied to the whole pattern, and a verbose flag
    made the whole pattern be parsed again as verbose, which is what a leading one does.
    """

    PRECHECK = re.compile(r"\(\?[aiLmsux]+\)")
    MODULES = frozenset({"re"})  # qname() of anything else is ""

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        # The literals with a flag group after their start, or spanning lines: the ast's value
        # may have lost a backslash-newline (or a literal piece) before the group.
        lines = set()
        for node in found.of(ast.Constant):
            value = node.value
            text = value.decode("latin-1") if isinstance(value, bytes) else value
            if isinstance(text, str) and any(
                group.start() or node.end_lineno != node.lineno
                for group in cls.PRECHECK.finditer(text)
            ):
                lines.add(node.lineno)
        return lines

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        # Names whose value reaches an re function as its pattern (``re.compile(self.X % a)``),
        # with whether a flags argument came along: their literal assignments are patterns too.
        self.named: dict[str, bool] = {}
        for call in m.findall(node, m.Call(args=[PATTERN, m.ZeroOrMore()])):
            found = self._pattern_call(cst.ensure_type(call, cst.Call))
            if found is not None and m.matches(_template(found[0]), NAMED):
                name = cst.ensure_type(m.findall(_template(found[0]), m.Name())[-1], cst.Name)
                self.named[name.value] = self.named.get(name.value, False) or found[1]

    def _pattern_call(self, call: cst.Call) -> tuple[cst.BaseExpression, bool] | None:
        """The pattern argument of an ``re`` function call and whether flags are passed."""
        func, args = call.func, call.args
        last = func.attr if isinstance(func, cst.Attribute) else func
        # Cheap checks first: a name resolution may compute the file's scopes.
        if not isinstance(last, cst.Name) or last.value not in FLAGS_AT or not args:
            return None
        module, _, name = self.qname(call.func).rpartition(".")
        if module != "re" or name not in FLAGS_AT or not args or not m.matches(args[0], PATTERN):
            return None
        positional = [a for a in args if m.matches(a, m.Arg(keyword=None, star=""))]
        return args[0].value, len(positional) > FLAGS_AT[name] or any(
            m.matches(a, FLAGS) for a in args
        )

    def _fixed(
        self, where: cst.CSTNode, value: cst.BaseExpression, flags: bool
    ) -> cst.BaseExpression | None:
        pattern = moved(value, flags)
        if pattern is None:
            pieces = literal_pieces(value) or []
            if pieces and misplaced("".join(p.raw_value for p in pieces), False) != []:
                self.note(where, KEPT)
            return None
        self.count_rewrite()
        return pattern

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        found = self._pattern_call(original_node)
        if found is None:
            return updated_node
        arg = updated_node.args[0]
        template = _template(arg.value)
        pattern = self._fixed(original_node, template, found[1])
        if pattern is None:
            return updated_node
        if template is not arg.value:  # the left operand of ``%``
            pattern = cst.ensure_type(arg.value, cst.BinaryOperation).with_changes(left=pattern)
        return updated_node.with_changes(
            args=[arg.with_changes(value=pattern), *updated_node.args[1:]]
        )

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        target = updated_node.targets[0].target
        if len(updated_node.targets) != 1 or not isinstance(target, cst.Name):
            return updated_node
        if target.value not in self.named or literal_pieces(updated_node.value) is None:
            return updated_node
        pattern = self._fixed(original_node, updated_node.value, self.named[target.value])
        return updated_node if pattern is None else updated_node.with_changes(value=pattern)


def _template(value: cst.BaseExpression) -> cst.BaseExpression:
    """``template`` of ``template % args`` (a pattern built by formatting), else ``value``."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Modulo):
        return value.left
    return value
