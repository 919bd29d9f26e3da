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
from typing import Any, Optional

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
