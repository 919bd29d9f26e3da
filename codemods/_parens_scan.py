"""A text scan for ``extraneous_parentheses``: may the source hold a doubled pair, and where?

Most ``((`` in real code is a call on a parenthesized operand (``f((a + b) * c)``), on a
tuple (``f((a, b))``) or a tuple of tuples; none is rewritten, and parsing a large file to
find that out costs more than the rest of its run.  The scan skips strings and comments the
way the tokenizer does, and answers "maybe" whenever it is not sure (an f-string, whose
nested quotes it does not follow, a comment or a continuation next to a parenthesis), so it
never hides a candidate.  A ``((`` inside a string or comment may get a wrong answer, which
costs only a parse: the real candidates are each scanned from their own ``(``.
"""

from __future__ import annotations

import keyword
import re

from legacylift import astindex
from legacylift.sparse import line_of, line_starts

#: Every ``(`` followed by another (blanks, comments or continuations between): overlapping,
#: so ``g(((a)) + b)`` finds the pair at ``((a))`` too.
_OPEN_OPEN = re.compile(r"\((?=(?:[ \t\r\n\f\\]|#[^\n]*(?![^\n]))*\()")
_OPENERS, _CLOSERS = "([{", ")]}"
_BLANK = " \t\r\n\f"
_PREFIX = "rRbBuUfF"
#: A word before ``(`` that makes it a call: any name but a (soft) keyword.
_WORD = re.compile(r"(\w+)[ \t]*\Z")


def may_have_doubled_parentheses(source: str) -> bool:
    """Whether some ``(`` ``(`` ... ``)`` ``)`` in ``source`` may be an expression in two
    pairs of parentheses, or a call or class whose sole argument is parenthesized."""
    return any(_candidate(source, match.start()) for match in _OPEN_OPEN.finditer(source))


def doubled_lines(found: astindex.AstIndex) -> set[int] | None:
    """The lines of the ``((`` that may be such a pair, or None without the file's text."""
    source = found.text
    if not source:
        return None
    found_at = [m.start() for m in _OPEN_OPEN.finditer(source) if _candidate(source, m.start())]
    starts = line_starts(source) if found_at else []
    return {line_of(starts, at) for at in found_at}


def _candidate(source: str, outer: int) -> bool:
    inner = outer + 1
    while source[inner] != "(":
        if source[inner] in "#\\":
            return True  # a comment or a continuation between the two: let LibCST tell
        inner += 1
    close, comma = _group(source, inner)
    if close is None:
        return True
    after = close + 1
    while after < len(source) and source[after] in _BLANK:
        after += 1
    if after >= len(source) or source[after] in "#\\":
        return True
    if source[after] in "%.":
        return True  # ``f(("a %s" "b") % x)``: an f-string rewrite leaves the pair doubled
    if source[after] != ")":
        return False  # ``((a) + b)``: the inner pair groups something
    text = source[inner + 1 : close]
    # A comma may be a generator's (``f((x for x, y in z))``): then it proves nothing.
    tuple_or_empty = (comma and not re.search(r"\bfor\b", text)) or not text.strip(_BLANK)
    # A tuple (or ``()``) needs its own pair as a call's argument, not in a grouping pair.
    return not (tuple_or_empty and _is_call(source, outer))


def _group(source: str, start: int) -> tuple[int | None, bool]:
    """Where the bracket opened at ``start`` closes (None: not sure), and whether a comma
    stands directly inside it."""
    depth, comma, index = 0, False, start
    while index < len(source):
        char = source[index]
        if char in "'\"":
            end = _string_end(source, index)
            if end is None:
                return None, comma
            index = end
            continue
        if char == "#":
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
            continue
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth == 0:
                return index, comma
        elif char == "," and depth == 1:
            comma = True
        index += 1
    return None, comma


def _string_end(source: str, quote_at: int) -> int | None:
    """The index just after the string literal whose quote is at ``quote_at``; None for an
    f-string (3.12 lets it nest the same quotes) or anything that does not look like one."""
    start = quote_at
    while start > 0 and source[start - 1] in _PREFIX:
        start -= 1
    prefix = source[start:quote_at]
    if len(prefix) > 2 or "f" in prefix.lower():
        return None
    if start > 0 and (source[start - 1].isalnum() or source[start - 1] == "_"):
        return None  # a name runs into the quote: not a literal we understand
    char = source[quote_at]
    quote = char * 3 if source.startswith(char * 3, quote_at) else char
    search = quote_at + len(quote)
    while True:
        end = source.find(quote, search)
        if end < 0:
            return None
        backslashes = end
        while source[backslashes - 1] == "\\":
            backslashes -= 1
        if (end - backslashes) % 2 == 0:  # not escaped (a raw string escapes quotes too)
            return end + len(quote)
        search = end + 1


def _is_call(source: str, paren: int) -> bool:
    """Whether the ``(`` at ``paren`` opens a call's (or class's) arguments."""
    before = source[max(0, paren - 80) : paren]
    if before.rstrip(" \t").endswith((")", "]")):
        return True
    word = _WORD.search(before)
    if word is None or word[1][0].isdigit():
        return False
    return not (keyword.iskeyword(word[1]) or keyword.issoftkeyword(word[1]))
