"""``u'...'`` -> ``'...'``."""

from __future__ import annotations

import re

import libcst as cst

from legacylift.codemod import LiftCodemod


class UnicodePrefix(LiftCodemod):
    """Drop the ``u`` prefix of string literals: every Python 3 ``str`` literal is text.

    **Why.** ``u'...'`` only came back in Python 3.3 (PEP 414) so that code could run on
    Python 2 too; on Python 3 it means exactly ``'...'`` (pyupgrade/ruff UP025).

    **Example.**

        greeting = u'hello'
        label = U"name: " + u'x' 'y'

    becomes

        greeting = 'hello'
        label = "name: " + 'x' 'y'

    Docstrings and literals inside f-string replacement fields are rewritten too.  A file with
    ``from __future__ import unicode_literals`` is no exception: that import is a no-op in
    Python 3 (``future_imports`` removes it), and pyupgrade and ruff rewrite such files too.

    **Refuses** nothing: Python 3 has no other prefix that combines with ``u`` (``ur''`` is
    Python 2 only and the lift has already re-spelled it).

    **Safety.** Safe: the value and type of the literal do not change.
    """

    REACH = "statement"
    # The prefix first (a class the regex engine can skip to), then what stands before it.
    PRECHECK = re.compile(r"[uU](?<![\w'\"][uU])['\"]")

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        if updated_node.value[:1] not in ("u", "U"):
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(value=updated_node.value[1:])
