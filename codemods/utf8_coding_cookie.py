"""``# -*- coding: utf-8 -*-`` -> removed."""

from __future__ import annotations

import re

import libcst as cst

from codemods._idioms import codec
from legacylift.codemod import LiftCodemod

#: PEP 263's own test for an encoding declaration (as the tokenizer applies it).
COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
#: A comment that says nothing but the encoding: Emacs, plain and Vim spellings.
ONLY_COOKIE = re.compile(
    r"#[ \t]*(?:-\*-[ \t]*(?:en)?coding[ \t]*[:=][ \t]*[-\w.]+[ \t]*;?[ \t]*-\*-"
    r"|(?:en)?coding[ \t]*[:=][ \t]*[-\w.]+"
    r"|vim?:[ \t]*(?:set[ \t]+)?fileencoding=[-\w.]+[ \t]*:?)[ \t]*",
    re.ASCII,
)


class Utf8CodingCookie(LiftCodemod):
    """Remove a ``coding: utf-8`` declaration: UTF-8 is Python 3's default source encoding.

    **Why.** PEP 3120 made UTF-8 the default, so the PEP 263 cookie that Python 2 needed for
    any non-ASCII byte is noise (pyupgrade/ruff UP009).

    **Example.**

        #!/usr/bin/env python
        # -*- coding: utf-8 -*-
        name = 'café'

    becomes

        #!/usr/bin/env python
        name = 'café'

    Any spelling of UTF-8 counts (``utf8``, ``UTF-8``, ``utf_8``...), in the Emacs, plain
    (``# coding=utf8``, ``# encoding: utf-8``) or Vim (``# vim: set fileencoding=utf-8 :``)
    form, on line 1, or on line 2 when line 1 is a comment or blank (a shebang, say), which is
    where Python looks for it.  Blank lines left at the very top of the file go too.

    **Refuses** (with a note) a cookie line that says more than the encoding (``# -*- mode:
    python; coding: utf-8 -*-``, a Vim modeline with other settings, prose): pyupgrade and ruff
    delete the whole line, losing the rest.  Other encodings' cookies are kept (the file is
    written back in that encoding, and pyupgrade's removal of them assumes UTF-8 bytes), and so
    is ``utf-8-sig`` (ruff keeps it too).

    **Safety.** Safe: the file is read and written as UTF-8 with or without the cookie.  The
    removed comment is reported as consumed.
    """

    PRECHECK = re.compile(r"\A(?:[^\n]*\n)?[ \t\f]*#.*?coding[:=]")

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        header = list(updated_node.header)
        for index, line in enumerate(header[:2]):
            match = COOKIE.match(line.comment.value) if line.comment else None
            if match is None:
                continue  # a shebang, another comment or a blank line 1: look at line 2
            if codec(match[1]) != "utf-8":
                return updated_node
            text = line.comment.value if line.comment else ""
            if not ONLY_COOKIE.fullmatch(text):
                self.warn(f"coding cookie kept, it says more than the encoding: {text!r}")
                return updated_node
            del header[index]
            if not any(empty.comment for empty in header[:index]):
                header = _strip_blank_top(header)
            self.consumed_comments.append(text.rstrip())
            self.count_rewrite()
            empty = not (header or updated_node.body or updated_node.footer)
            newline = updated_node.has_trailing_newline and not empty
            return updated_node.with_changes(header=header, has_trailing_newline=newline)
        return updated_node


def _strip_blank_top(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """``lines`` without the blank lines they start with."""
    while lines and lines[0].comment is None:
        lines = lines[1:]
    return lines
