"""Re-spelling Python 2 number and string literals so that Python 3 reads the same value.

Pure functions over one token's text; :mod:`legacylift.lift._lifter` applies them to the tree.
"""

from __future__ import annotations

import re
import unicodedata

_STRING = re.compile(r"(?P<prefix>[A-Za-z]*)(?P<quote>'''|\"\"\"|'|\")", re.ASCII)
_HEX = frozenset("0123456789abcdefABCDEF")


def number(value: str) -> tuple[str, list[str]]:
    """``0777`` -> ``0o777`` ("octal") and ``10L`` -> ``10`` ("long"); the kinds applied."""
    kinds: list[str] = []
    if value[-1] in "lL":
        value = value[:-1]
        kinds.append("long")
    # 00 is still valid in Python 3; only a leading zero before other digits is octal.
    if len(value) > 1 and value[0] == "0" and value[1:].isdigit() and value.strip("0"):
        value = "0o" + value[1:]
        kinds.append("octal")
    return value, kinds


def split_string(value: str) -> tuple[str, str, str]:
    """A string token's prefix, quote and body: ``ur'a\\b'`` -> ``("ur", "'", "a\\b")``."""
    match = _STRING.match(value)
    if match is None:
        raise ValueError(f"not a string literal: {value!r}")
    prefix, quote = match.group("prefix"), match.group("quote")
    return prefix, quote, value[match.end() : len(value) - len(quote)]


def string(value: str, unicode_literals: bool, encoding: str) -> tuple[str, str | None]:
    """A Python 2 string literal spelled for Python 3, and the kind of rewrite (None if none).

    * ``ur'...'`` ("ur-prefix"): Python 2 processes ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes
      (after an odd number of backslashes) even in raw unicode literals.  Without such an
      escape the literal becomes ``r'...'``, which has the same value; with one it becomes a
      plain ``'...'`` literal with the escapes kept and every other backslash doubled.
    * a byte string with non-ASCII characters ("bytes"): the characters become ``\\xNN``
      escapes of their bytes in the file's ``encoding``.
    * a plain byte string (no prefix, no ``unicode_literals``) with ``\\N``, ``\\u`` or
      ``\\U`` sequences that Python 3 would reject as malformed escapes ("escapes"): Python 2
      kept them as text, so their backslash is doubled (``'C:\\Users'`` -> ``'C:\\\\Users'``).
    """
    prefix, quote, body = split_string(value)
    flags = prefix.lower()
    if "u" in flags and "r" in flags:
        if not _has_unicode_escape(body):
            return prefix.replace("u", "").replace("U", "") + quote + body + quote, "ur-prefix"
        return quote + _raw_to_plain(body, quote, unicode_escapes=True) + quote, "ur-prefix"
    if "b" in flags and not body.isascii():
        if "r" in flags:
            body = _raw_to_plain(body, quote, unicode_escapes=False)
            prefix = prefix.replace("r", "").replace("R", "")
        return prefix + quote + _escape_non_ascii(body, encoding) + quote, "bytes"
    if not flags and not unicode_literals and "\\" in body:
        fixed = _double_bad_escapes(body)
        if fixed != body:
            return prefix + quote + fixed + quote, "escapes"
    return value, None


def has_text_escape(value: str, unicode_literals: bool) -> bool:
    """Whether a plain Python 2 byte string holds a valid ``\\u``/``\\U``/``\\N{}`` escape.

    Python 2 kept those as text in a byte string; Python 3 turns them into one character.
    """
    prefix, _quote, body = split_string(value)
    if prefix or unicode_literals:
        return False
    return any(char in "uUN" and _escape_ok(body, at) for at, char in _escapes(body))


def _escapes(body: str) -> list[tuple[int, str]]:
    """Each backslash escape of a non-raw body: (index of the backslash, the escaped char)."""
    found = []
    at = body.find("\\")
    while 0 <= at < len(body) - 1:
        found.append((at, body[at + 1]))
        at = body.find("\\", at + 2)
    return found


def _escape_ok(body: str, at: int) -> bool:
    """Whether the ``\\N``, ``\\u`` or ``\\U`` escape at ``at`` is valid in Python 3."""
    kind = body[at + 1]
    if kind == "N":
        match = re.match(r"\{([^}]*)\}", body[at + 2 :])
        if match is None:
            return False
        try:
            unicodedata.lookup(match.group(1))
        except KeyError:
            return False
        return True
    digits = body[at + 2 : at + 2 + (4 if kind == "u" else 8)]
    if len(digits) != (4 if kind == "u" else 8) or not set(digits) <= _HEX:
        return False
    return int(digits, 16) <= 0x10FFFF


def _double_bad_escapes(body: str) -> str:
    out = []
    last = 0
    for at, char in _escapes(body):
        if char in "uUN" and not _escape_ok(body, at):
            out.append(body[last:at] + "\\")  # the extra backslash: Python 2 kept it as text
            last = at
    out.append(body[last:])
    return "".join(out)


def _has_unicode_escape(body: str) -> bool:
    """Whether a raw body holds ``\\u``/``\\U`` after an odd run of backslashes."""
    return any(len(match.group(1)) % 2 == 1 for match in re.finditer(r"(\\+)[uU]", body))


def _raw_to_plain(body: str, quote: str, unicode_escapes: bool) -> str:
    """The body of a raw literal re-spelled for a non-raw literal of the same value.

    With ``unicode_escapes``, ``\\u``/``\\U`` after an odd run of backslashes stay escapes (the
    Python 2 ``ur''`` rule); every other backslash is doubled.
    """
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        end = i
        while end < len(body) and body[end] == "\\":
            end += 1
        run = end - i
        after = body[end : end + 1]
        i = end
        if unicode_escapes and run % 2 == 1 and after in ("u", "U"):
            out.append("\\" * (2 * run - 1))  # run - 1 literal backslashes, then the escape
        elif after == quote[0]:
            out.append("\\" * (2 * run) + "\\" + after)  # the quote stays escaped
            i += 1
        elif after in ("\r", "\n") and len(quote) == 1:
            # backslash-newline is part of a raw single-quoted value: spell the newline as
            # \n and keep the line break as a continuation
            newline = "\r\n" if body.startswith("\r\n", end) else after
            out.append("\\" * (2 * run) + "\\n\\" + newline)
            i += len(newline)
        else:
            out.append("\\" * (2 * run))
    return "".join(out)


def _escape_non_ascii(body: str, encoding: str) -> str:
    """Non-ASCII characters of a non-raw byte-string body as ``\\xNN`` escapes."""
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            if following.isascii():
                out.append(char + following)
            else:  # an unknown escape: Python 2 kept the backslash as a byte
                out.append("\\\\" + _hex_bytes(following, encoding))
            i += 2
            continue
        out.append(char if char.isascii() else _hex_bytes(char, encoding))
        i += 1
    return "".join(out)


def _hex_bytes(char: str, encoding: str) -> str:
    return "".join(f"\\x{byte:02x}" for byte in char.encode(encoding))
