"""Notes on Python 2 byte-string code that Python 3's bytes/str split breaks (no rewrite)."""

from __future__ import annotations

import codecs
import hashlib
import re
from contextlib import suppress

import libcst as cst
import libcst.matchers as m
from libcst import BaseExpression as Expr

from codemods._bytes_text import BytesTextBase, argument, literal

NOT_TEXT = {"hex", "base64", "zlib", "bz2", "rot_13", "uu", "quopri", "string_escape"}  # codecs
HASHES = {f"hashlib.{name}" for name in (*hashlib.algorithms_guaranteed, "new")}
ORD = m.Call(args=[m.Arg(m.Subscript(slice=[m.SubscriptElement(m.Index())]))])
ENCODED = m.Call(func=m.Attribute(attr=m.Name("encode")))  # gives bytes on Python 3
NAMESPACES = (cst.Import, cst.ImportFrom, cst.ClassDef)  # their ``decode`` is no str's


class Py2BytesText(BytesTextBase):
    """Note Python 2 byte-string code that Python 3's bytes/str split breaks (no rewrite).

    **Why.** Python 2's ``str`` was bytes; Python 3's ``'...'`` is text.  Noted, as they fail
    there: ``.decode()`` of what is not known bytes; ``.encode()`` or ``.decode()`` with a
    bytes-to-bytes codec (``'hex'``...); ``ord(x[i])``; ``hashlib`` fed a str literal or a name.
    (A str literal joined to or compared with bytes is py2_binary_text_mixing's.)

    **Example.**

        import hashlib
        digest = hashlib.md5(name).hexdigest()

    is left as it is, with the note

        line 2: `hashlib.md5(name)`: hashlib needs bytes on Python 3: is name bytes?

    **Refuses** to rewrite anything: whether a value is bytes or text is known at run time.
    ``.decode()`` of ``.encode()``, of a bytes literal, of ``struct.pack()`` or a binary-mode
    ``read()`` (or a name given one), or of a module or a class is not noted.

    **Safety.** Safe: it only reports.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.(?:de|en)code\(|\bord\(|\bhashlib\b")

    def visit_Call(self, node: cst.Call) -> None:
        func, hashing = node.func, "hashlib needs bytes on Python 3"
        if isinstance(func, cst.Attribute) and func.attr.value in ("encode", "decode"):
            self._codec(node, func.attr.value, func.value)
        elif isinstance(func, cst.Attribute) and func.attr.value == "update" and node.args:
            hashers = self._values(func.value)
            if hashers and all(self._calls(hasher, HASHES) for hasher in hashers):
                self._check(node, hashing, node.args[0].value, names=True)
        elif m.matches(node, ORD) and self._calls(node, {"builtins.ord"}):
            indexed = cst.ensure_type(node.args[0].value, cst.Subscript).value
            if literal(indexed) != "text":
                self._check(node, "indexing bytes gives an int on Python 3", indexed)
        elif name := self._calls(node, HASHES):
            self._check(node, hashing, argument(node, int(name == "hashlib.new")), names=True)

    def _codec(self, node: cst.Call, method: str, receiver: Expr) -> None:
        name = str(getattr(argument(node, 0), "evaluated_value", ""))  # a literal codec name
        with suppress(LookupError, ValueError):  # unknown, or no codec name at all
            name = codecs.lookup(name).name
        if name.lower().replace("-", "_") in NOT_TEXT:
            fix = f"escape_{method}" if "escape" in name else f"{method}(..., '{name}')"
            self._note(node, f"'{name}' is no text encoding on Python 3: use codecs.{fix}")
        elif method == "decode" and not (
            m.matches(receiver, ENCODED)
            or self._source(receiver)
            or all(isinstance(v, NAMESPACES) for v in self._values(receiver) or [receiver])
        ):
            self._check(node, "str has no .decode() on Python 3", receiver)

    def _check(self, node: cst.Call, why: str, value: Expr | None, names: bool = False) -> None:
        """Note ``why`` if ``value`` is a str literal, a name or (unless ``names``) not bytes."""
        kind = literal(value)
        if kind == "text":
            self._note(node, f"{why}: a str literal")
        elif value is not None and not kind and (isinstance(value, cst.Name) or not names):
            self._note(node, f"{why}: is {self._show(value)} bytes?")
