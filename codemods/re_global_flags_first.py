"""``re.compile(r"a(?i)b")`` -> ``re.compile(r"(?i)ab")``: global inline flags go first (3.11)."""

from __future__ import annotations

import ast
import re
import warnings
from typing import cast

import libcst as cst
import libcst.matchers as m

from codemods._removed_stdlib import RemovedStdlibBase

#: Functions of ``re`` taking a pattern first -> the position of their ``flags`` argument.
FLAGS_AT = {"compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
            "split": 3, "sub": 4, "subn": 4}  # fmt: skip
GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
VERBOSE = re.compile(r"\(\?[aiLmsux]*x[aiLmsux]*\)")
PATTERN = m.Arg(keyword=None, star="") | m.Arg(keyword=m.Name("pattern"))
KEPT = "regex global flags (?...) not first kept: move them to the pattern's start by hand"
FLAGS = m.Arg(keyword=m.Name("flags")) | m.Arg(star=m.MatchIfTrue(bool))


def misplaced(pattern: str, verbose: bool) -> list[tuple[int, int]] | None:
    """Spans of the global flag groups not at the start of ``pattern``; None to refuse.

    Knows escapes, character classes, ``(?#...)`` comments and braces; refuses a group whose
    removal could join tokens (``{1(?i),2}``, ``\\1(?i)0``, ``a(?i)*``) or that may sit in a
    verbose comment.
    """
    spans: list[tuple[int, int]] = []
    i, leading, brace, comment = 0, True, False, False
    while i < len(pattern):
        char, group = pattern[i], GLOBAL_FLAGS.match(pattern, i)
        if char == "\\":
            i, leading = i + 2, False
        elif char == "[":
            i, leading = _class_end(pattern, i), False
        elif pattern.startswith("(?#", i):
            i = pattern.find(")", i) + 1 or len(pattern) + 1
        elif group:
            after = pattern[group.end() : group.end() + 1]
            if not leading:
                if brace or (comment and verbose) or pattern[:i].endswith(("(?", "(?P", "(?<")):
                    return None
                if after and (after in "*+?{" or after.isdigit()):
                    return None
                spans.append(group.span())
            i = group.end()
        else:
            brace = char == "{" or (brace and char != "}")
            comment = comment or char == "#"
            i, leading = i + 1, False
    return spans if i == len(pattern) else None


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that starts at ``pattern[i] == "["``."""
    i += 1
    i += pattern.startswith("^", i)
    i += pattern.startswith("]", i)  # a leading "]" is a literal
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


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
    bytes literal; the literal's prefix and quotes stay.  Implicitly concatenated literals
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

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        module, _, name = self.qname(original_node.func).rpartition(".")
        args = updated_node.args
        if module != "re" or name not in FLAGS_AT or not args or not m.matches(args[0], PATTERN):
            return updated_node
        positional = [a for a in args if m.matches(a, m.Arg(keyword=None, star=""))]
        flags = len(positional) > FLAGS_AT[name] or any(m.matches(a, FLAGS) for a in args)
        pattern = _moved(args[0].value, flags)
        if pattern is None:
            pieces = _pieces(args[0].value) or []
            if pieces and misplaced("".join(p.raw_value for p in pieces), False) != []:
                self.note(original_node, KEPT)
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(args=[args[0].with_changes(value=pattern), *args[1:]])


def _moved(value: cst.BaseExpression, flags: bool) -> cst.BaseExpression | None:
    """The literal ``value`` with its misplaced global flag groups first, or None."""
    pieces = _pieces(value)
    if not pieces or any("\\" in p.raw_value and "r" not in p.prefix.lower() for p in pieces):
        return None
    bodies = [p.raw_value for p in pieces]
    pattern, owner = "".join(bodies), [k for k, body in enumerate(bodies) for _ in body]
    spans = misplaced(pattern, flags or VERBOSE.search(pattern) is not None)
    if not spans or any(owner[a] != owner[b - 1] for a, b in spans):
        return None  # nothing to move, or a group split across two pieces
    removed = {i for a, b in spans for i in range(a, b)}
    kept = [[c for i, c in enumerate(pattern) if owner[i] == k and i not in removed]
            for k in range(len(pieces))]  # fmt: skip
    kept[0][:0] = "".join(pattern[a:b] for a, b in spans)
    new = [p.with_changes(value=f"{p.prefix}{p.quote}{''.join(body)}{p.quote}")
           for p, body in zip(pieces, kept)]  # fmt: skip
    values = [ast.literal_eval(p.value) for p in new]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(values[0][:0].join(values))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None
    replacements = iter(new)  # m.replace meets the pieces in the same order
    rebuilt = m.replace(value, m.SimpleString(), lambda node, _: next(replacements))
    return cast(cst.BaseExpression, rebuilt)


def _pieces(node: cst.BaseExpression) -> list[cst.SimpleString] | None:
    """The string literals of ``node`` in order, or None if it is anything else."""
    if isinstance(node, cst.SimpleString):
        return [node]
    if isinstance(node, cst.ConcatenatedString):
        left, right = _pieces(node.left), _pieces(node.right)
        return left + right if left is not None and right is not None else None
    return None
