"""The plain substrings a pre-check regex cannot match without, for a fast first test.

A codemod's ``PRECHECK`` runs on every file of a tree.  Python's regex engine jumps straight to
candidate positions only when a pattern starts with a literal; one that starts with ``\\b`` or a
character class is tried at every character, which on Django's 13 MB costs about 0.3 s per
pattern (a plain ``in`` test: 0.01 s).  :func:`required_literals` reads the pattern's syntax and
finds strings of which every match must contain one: a file holding none of them is skipped
without running the regex.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from typing import Any, Callable, Optional

# The regex parser (Python 3.11 renamed it; the old name warns there).
_sre: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

Needs = Optional[frozenset[str]]
#: Words nearly every file holds: a requirement made of one of these rules out little.
COMMON = frozenset({"import", "from", "def", "class", "if", "in", "for", "return", "self"})


@functools.cache
def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one (None: no such set
    is known, so the regex itself must decide)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # a syntax this reader does not know: no shortcut
        return None
    return _sequence(list(parsed))


def _sequence(items: list[tuple[Any, Any]]) -> Needs:
    """The best requirement of a sequence: its longest literal run, or a required part's."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        if op is _sre.AT:  # an anchor takes no characters: the run goes on across it
            continue
        if run:
            found.append(frozenset({run}))
        run = ""
        part = _item(op, arg)
        if part is not None:
            found.append(part)
    if run:
        found.append(frozenset({run}))
    if not found:
        return None
    # The requirement whose shortest string is longest (common words counting for nothing)
    # rules out the most files.
    return max(found, key=lambda needs: min(0 if s in COMMON else len(s) for s in needs))


def _item(op: Any, arg: Any) -> Needs:
    """The requirement of one element that is not a literal character."""
    if op is _sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*(needs for needs in branches if needs is not None))
    if op is _sre.SUBPATTERN:
        _, add_flags, _, inner = arg
        return None if add_flags & re.IGNORECASE else _sequence(list(inner))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    return None  # a class, a backreference, an optional part: no requirement


@functools.cache
def searcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A test equivalent to ``pattern.search(text) is not None`` that runs faster when the
    pattern (or each of its top-level alternatives) starts with ``\\b``.

    That anchor hides the literal the match starts with, so the engine tries every position;
    without it the engine skips ahead to the literal's first characters, and the anchor is
    checked by hand at each match (retrying one character further when it fails, so no match
    is skipped).  Patterns with backreferences, or that this reader cannot split, are searched
    as they are.
    """
    branches = _top_level_branches(pattern.pattern)
    if branches is None or len(branches) > 8 or re.search(r"\\[1-9]|\(\?P=", pattern.pattern):
        return lambda text: pattern.search(text) is not None
    tests = [_branch_test(branch, pattern.flags) for branch in branches]
    return lambda text: any(test(text) for test in tests)


def _branch_test(branch: str, flags: int) -> Callable[[str], bool]:
    if not branch.startswith("\\b") or branch.startswith("\\b", 2):
        compiled = re.compile(branch, flags)
        return lambda text: compiled.search(text) is not None
    rest = re.compile(branch[2:], flags)

    def test(text: str) -> bool:
        position = 0
        while (found := rest.search(text, position)) is not None:
            start = found.start()
            before = start > 0 and _is_word(text[start - 1])
            if before != (start < len(text) and _is_word(text[start])):
                return True
            position = start + 1
        return False

    return test


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _top_level_branches(text: str) -> list[str] | None:
    """``text`` split at its top-level ``|`` (None when it has inline flags or a verbose
    layout that a plain split could break)."""
    if text.startswith("(?") and not text.startswith(("(?:", "(?=", "(?!", "(?<", "(?P")):
        return None
    branches, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if text.startswith(("[]", "[^]"), index):  # a literal ] first in the class
                index += 2 if text[index + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(text[start:index])
            start = index + 1
        index += 1
    branches.append(text[start:])
    return branches
