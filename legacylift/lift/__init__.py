"""Lossless lift of Python 2 syntax to Python 3 syntax, ahead of the LibCST codemods.

LibCST cannot parse Python 2, and it reads ``except E, e:`` as a tuple of exceptions (the
Python 3.14 grammar, PEP 758).  So before anything else a file is classified: :func:`is_python2`
/ :func:`lift`.  A Python 3 file is never changed.  A Python 2 file is parsed with fissix (a
maintained fork of lib2to3, whose trees keep every byte of the source) and its Python 2-only
syntax is rewritten in place, keeping every comment and every untouched byte.

Detection costs one ``ast.parse`` for Python 3 files; fissix is only imported, and only runs,
for files that are not Python 3.
"""

from __future__ import annotations

import re

from legacylift.lift._detect import is_python3
from legacylift.lift._result import LiftError, LiftResult
from legacylift.prefilter import searcher

__all__ = [
    "LiftError",
    "LiftResult",
    "is_python2",
    "is_python3",
    "lift",
    "looks_python2",
    "python2_hint",
]

# Syntax only Python 2 has (or that Python 2 code nearly always has): a cheap filter before
# the real test, so that scanning a Python 3 tree costs a regex per file and few parses.
_PYTHON2_HINT = re.compile(
    r"""^[ \t]*(?:print[ \t]+[^\s(=.,)\]}]|print[ \t]*$|exec[ \t]+[^\s(=.,]"""
    r"""|except\b(?:[^:\n(,]|\([^)\n]*\))*,)"""  # a comma outside the brackets: except E, e
    r"""|0(?<![\w.]0)[0-7]*[1-7][0-7]*\b(?!\.)"""  # 0755, not 00 or 1.05
    r"""|\b\d+[lL]\b|\b[uU][rR]['"]|`|<>|^[ \t]*raise[ \t]+[\w.]+[ \t]*,""",
    re.MULTILINE,
)
#: String literals and comments, found left to right as the tokenizer would (roughly: string
#: prefixes and f-string nesting are not read).  Django's docstrings hit the hint 537 times
#: in 2,560 files, for reST's ``code`` backticks and dates like 2019-01-01; without their
#: strings and comments 113 files still do, and each hit costs a parse of the whole file.
_STRINGS_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""'  # triple-quoted strings first, as the tokenizer reads them
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\[\s\S])*"'
    r"|'(?:[^'\\\n]|\\[\s\S])*'"
    r"|#[^\n]*"
)


def is_python2(text: str) -> bool:
    """Whether ``text`` is Python 2 source: not Python 3, and Python 2's grammar accepts it.

    A Python 2 file may still fail to lift (e.g. it uses ``async`` as a name): :func:`lift`
    then raises :class:`LiftError`.  Text that is neither Python 3 nor Python 2 is not Python 2.
    """
    if is_python3(text):
        return False
    from legacylift.lift import _lifter  # loads fissix: only for files that are not Python 3

    return _lifter.parses_as_python2(text)


def lift(text: str) -> LiftResult:
    """``text`` with its Python 2-only syntax rewritten as Python 3 syntax.

    Python 3 text comes back unchanged (``changed`` False, the very same string).  Raises
    :class:`LiftError` (a one-line message with a line number) for text that is neither Python 3
    nor Python 2, or whose lift would still not be Python 3.  ``lift(lift(x).code)`` never
    changes anything.
    """
    if is_python3(text):
        return LiftResult(code=text, changed=False)
    from legacylift.lift import _lifter  # loads fissix: only for files that are not Python 3

    return _lifter.lift_python2(text)


def looks_python2(text: str) -> bool:
    """:func:`is_python2`, after :func:`python2_hint`, a cheap filter that most Python 3 files
    fail."""
    return python2_hint(text) and is_python2(text)


def python2_hint(text: str) -> bool:
    """Whether ``text`` shows a hint of Python 2 syntax outside its string literals and comments.

    A Python 2 file whose only hints are inside strings is missed: 7 of the 525 Python 2 files
    of 2.7's standard library, e.g. ``json/__init__.py`` (its Python 2 trait is a ``\\u``
    escape in a docstring of bytes, which no hint looks for).  The filter serves to tell a
    Python 2 code base, whose other files show it; each file is still lifted on its own.
    """
    # The searcher finds each \b-led branch from its first character (twice as fast here).
    hint = searcher(_PYTHON2_HINT)
    return hint(text) and hint(_STRINGS_AND_COMMENTS.sub(_empty_string, text))


def _empty_string(found: re.Match[str]) -> str:
    """A string literal becomes an empty one (``ur''`` stays a hint), a comment nothing."""
    return "" if found[0].startswith("#") else '""'
