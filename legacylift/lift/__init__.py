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

__all__ = ["LiftError", "LiftResult", "is_python2", "is_python3", "lift", "looks_python2"]

# Syntax only Python 2 has (or that Python 2 code nearly always has): a cheap filter before
# the real test, so that scanning a Python 3 tree costs a regex per file and few parses.
_PYTHON2_HINT = re.compile(
    r"""^[ \t]*(?:print[ \t]+[^\s(=.,)\]}]|print[ \t]*$|exec[ \t]+[^\s(=.,]|except\b[^:\n]*,)"""
    r"""|\b0[0-7]+\b|\b\d+[lL]\b|\b[uU][rR]['"]|`|<>|^[ \t]*raise[ \t]+[\w.]+[ \t]*,""",
    re.MULTILINE,
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
    """:func:`is_python2`, after a cheap textual filter that most Python 3 files fail."""
    # The searcher finds each \b-led branch from its first character (twice as fast here).
    return searcher(_PYTHON2_HINT)(text) and is_python2(text)
