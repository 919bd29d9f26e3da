"""``socket.timeout`` (3.10+), ``asyncio.TimeoutError`` (3.11+) -> ``TimeoutError`` (UP041)."""

from __future__ import annotations

import re

from codemods._calls import ExceptionAliases

#: Alias -> (builtin, first Python on which the alias is that very builtin).
ALIASES = {
    "socket.timeout": ("TimeoutError", (3, 10)),
    "asyncio.TimeoutError": ("TimeoutError", (3, 11)),
}


class TimeoutErrorAliases(ExceptionAliases):
    """Spell ``socket.timeout`` and ``asyncio.TimeoutError`` as the builtin ``TimeoutError``.

    **Why.** ``socket.timeout`` became an alias of ``TimeoutError`` in Python 3.10 and
    ``asyncio.TimeoutError`` in 3.11 (both are deprecated aliases now).

    **Example.**

        import asyncio
        import socket
        async def ask(reader):
            try:
                return await asyncio.wait_for(reader.readline(), 5)
            except (socket.timeout, asyncio.TimeoutError):
                raise asyncio.TimeoutError("no reply")

    becomes

        import asyncio
        async def ask(reader):
            try:
                return await asyncio.wait_for(reader.readline(), 5)
            except TimeoutError:
                raise TimeoutError("no reply")

    (for target 3.11 or later; with target 3.10 only ``socket.timeout`` changes).  The names
    are rewritten where ``os_error_aliases`` rewrites ``IOError``: ``except`` and ``except*``
    clauses (repeats folded), ``raise`` and ``isinstance``/``issubclass``.  A
    ``from socket import timeout`` goes once unused; a module-level
    ``from asyncio import TimeoutError`` is dropped on 3.11+ (it rebinds the builtin's name to
    the builtin itself), which is what lets ruff see the builtin.

    **Refuses** names rebound in their scope, a scope where ``TimeoutError`` means something
    else, a file with ``import *``, and it keeps ``from asyncio import TimeoutError`` in a
    module with ``__all__``, with a comment on its line, or outside the module level.

    **Safety.** Safe: from the gated versions on, each alias is the very ``TimeoutError``
    class (the rewrite only runs when the target is at least that version).
    """

    MIN_PYTHON = (3, 10)
    PRECHECK = re.compile(r"\b(?:timeout|TimeoutError)\b")
    ALIASES = ALIASES
    SAME_AS_BUILTIN = {("asyncio", "TimeoutError"): (3, 11)}
