"""``IOError``, ``EnvironmentError``, ``socket.error``... -> ``OSError`` (pyupgrade/ruff UP024)."""

from __future__ import annotations

import re

import libcst as cst

from codemods._calls import ExceptionAliases, alias_lines
from legacylift.astindex import AstIndex

#: Every alias Python 3.3 (PEP 3151) made the very object ``OSError``.
NAMES = (
    "builtins.IOError", "builtins.EnvironmentError", "builtins.WindowsError",
    "os.error", "socket.error", "select.error", "mmap.error",
)  # fmt: skip
ALIASES = dict.fromkeys(NAMES, ("OSError", (3, 3)))


class OsErrorAliases(ExceptionAliases):
    """Spell the aliases of ``OSError`` as ``OSError`` where exceptions are caught or raised.

    **Why.** PEP 3151 (Python 3.3) merged ``IOError``, ``EnvironmentError``,
    ``WindowsError``, ``os.error``, ``socket.error``, ``select.error`` and ``mmap.error`` into
    ``OSError``; the old names are kept only as aliases of it.

    **Example.**

        import socket
        try:
            sock = socket.create_connection(address)
        except (socket.error, IOError) as exc:
            raise EnvironmentError("cannot connect") from exc

    becomes

        import socket
        try:
            sock = socket.create_connection(address)
        except OSError as exc:
            raise OSError("cannot connect") from exc

    The names are rewritten in ``except`` and ``except*`` clauses, after ``raise`` (called or
    not) and as the classes of ``isinstance``/``issubclass``.  An ``except`` tuple loses the
    repeats this makes (and any other repeated plain name), and a one-name tuple without
    comments becomes that name.  Names are resolved: ``from socket import error`` counts (the
    import goes once unused), a local ``error`` does not.

    **Refuses** a name that is rebound anywhere in its scope (``IOError = OSError`` shims,
    ``except NameError: WindowsError = None``), a file with ``import *``, a scope where
    ``OSError`` itself is rebound, and an alias spelled with a comment inside.  Other uses
    (``errors = (IOError,)``) are left as they are, as pyupgrade and ruff leave them.

    **Safety.** Safe: each alias is the very ``OSError`` class on Python 3.3+.  The exception
    is ``WindowsError``, which exists only on Windows: elsewhere the old handler failed with
    ``NameError`` when it was reached, and now catches ``OSError``; a note lists those lines.
    """

    MIN_PYTHON = (3, 3)
    # The old names, ``<module>.error``, and the names an import of ``error`` binds.
    REACH = "local"
    FOLLOW = re.compile(r"\berror\b")
    PRECHECK = re.compile(
        r"\b(?:IOError|EnvironmentError|WindowsError)\b|\.\s*error\b"
        r"|\bimport\b[^\n]*\berror\b"
    )
    ALIASES = ALIASES

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return alias_lines(found, cls.ALIASES)

    def notice(self, original: cst.BaseExpression, name: str) -> None:
        if name == "builtins.WindowsError":
            self.note(original, "WindowsError -> OSError (off Windows it was a NameError)")
