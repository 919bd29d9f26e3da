"""Finding and moving misplaced global inline flags in regex literals (re_global_flags_first)."""

from __future__ import annotations

import ast
import re
import warnings
from typing import cast

import libcst as cst
import libcst.matchers as m

GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
VERBOSE = re.compile(r"\(\?[aiLmsux]*x[aiLmsux]*\)")


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


def moved(value: cst.BaseExpression, flags: bool) -> cst.BaseExpression | None:
    """The literal ``value`` with its misplaced global flag groups first, or None."""
    pieces = literal_pieces(value)
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


def literal_pieces(node: cst.BaseExpression) -> list[cst.SimpleString] | None:
    """The string literals of ``node`` in order, or None if it is anything else."""
    if isinstance(node, cst.SimpleString):
        return [node]
    if isinstance(node, cst.ConcatenatedString):
        left, right = literal_pieces(node.left), literal_pieces(node.right)
        return left + right if left is not None and right is not None else None
    return None
