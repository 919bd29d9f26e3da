r"""``"\d+"`` -> ``r"\d+"``: invalid escape sequences, a SyntaxWarning since Python 3.12."""

from __future__ import annotations

import re

import libcst as cst

from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod
from legacylift.lift._detect import escape_warnings
from legacylift.sparse import line_of, line_starts

#: Characters that may follow a backslash in any string literal.
VALID = frozenset("\n\\'\"abfnrtv01234567x")
#: ... and in text (not bytes) literals only.
VALID_TEXT = VALID | frozenset("NuU")
PREFIX = re.compile(r"^([A-Za-z]*)")
_NON_ASCII_ESCAPE = re.compile(r"\\[^\x00-\x7f]")


def invalid_escapes(body: str, text: bool) -> tuple[list[int], bool]:
    """Where ``body`` has a backslash that starts no escape, and whether it has valid ones."""
    valid = VALID_TEXT if text else VALID
    invalid: list[int] = []
    any_valid = False
    i = body.find("\\")
    while i != -1 and i + 1 < len(body):
        if body[i + 1] in valid or body[i + 1 : i + 3] == "\r\n":
            any_valid = True
        else:
            invalid.append(i)
        i = body.find("\\", i + 2)
    return invalid, any_valid


class InvalidEscapeSequences(LiftCodemod):
    r"""Fix invalid escape sequences such as ``"\d"``, which Python 3.12 warns about.

    **Why.** A backslash before a character that starts no escape has always meant a backslash,
    but it is deprecated: Python 3.6 to 3.11 emit a DeprecationWarning, Python 3.12 a
    SyntaxWarning at compile time, and a test runner that turns warnings into errors then
    cannot even import the module (tornado's does). Later versions will make it an error.

    **Example.**

        WORD = re.compile("\w+\.py")
        PATH = "C:\temp\data"

    becomes

        WORD = re.compile(r"\w+\.py")
        PATH = "C:\temp\\data"

    A literal whose escapes are all invalid gets an ``r`` prefix (the same value, easier to
    read); one that also has valid escapes (``\t`` above) gets its invalid backslashes doubled.

    **Refuses** f-strings (their braces make the rules subtler), and leaves the valid escapes,
    raw strings and ``\N``/``\u``/``\U`` in text literals alone (in bytes literals those three
    are invalid and get doubled).

    **Safety.** Safe: the value of every literal is unchanged (the tests compare them).
    """

    REACH = "statement"
    # An odd run of backslashes before a character that starts no escape (``\\d`` is valid).
    PRECHECK = re.compile(r"(?<!\\)(?:\\\\)*\\[^\n\\'\"abfnrtv0-7x]")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        """The parser's own warnings decide: most matches are in raw strings, which LibCST
        would parse a large file to find out.  Before 3.12 the parser keeps quiet about a
        backslash before a non-ASCII character, so those lines always count."""
        lines = escape_warnings(found.text)
        starts = line_starts(found.text)
        lines.update(line_of(starts, m.start()) for m in _NON_ASCII_ESCAPE.finditer(found.text))
        return lines

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        value = updated_node.value
        prefix = PREFIX.match(value)
        letters = prefix.group(1) if prefix else ""
        if "r" in letters.lower():
            return updated_node
        quote = updated_node.quote
        start = len(letters) + len(quote)
        body = value[start : len(value) - len(quote)]
        invalid, any_valid = invalid_escapes(body, text="b" not in letters.lower())
        if not invalid:
            return updated_node
        self.count_rewrite()
        if not any_valid and "u" not in letters.lower():  # `ur''` is not Python 3
            return updated_node.with_changes(value=f"{letters}r{value[len(letters) :]}")
        for i in reversed(invalid):
            body = body[:i] + "\\" + body[i:]
        return updated_node.with_changes(value=f"{letters}{quote}{body}{quote}")
