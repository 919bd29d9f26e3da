"""``'abc'.encode('utf-8')`` -> ``b'abc'``; ``'é'.encode('utf-8')`` -> ``'é'.encode()``."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from codemods._fstrings import encode_lines
from codemods._idioms import codec
from codemods._py2_builtins import comments
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require

STRING = m.SimpleString() | m.ConcatenatedString() | m.FormattedString()
ENCODE = m.Call(func=m.Attribute(value=STRING, attr=m.Name("encode")))
ANY_ENCODE = m.Call(func=m.Attribute(attr=m.Name("encode")))
#: Codecs under which an ASCII-only literal becomes the same bytes; latin-1 also keeps ``\\x``.
TO_BYTES = frozenset({"utf-8", "ascii", "iso8859-1"})


class EncodeUtf8Default(LiftCodemod):
    """Drop a UTF-8 argument to ``str.encode``; write an encoded ASCII literal as bytes.

    **Why.** ``str.encode()`` encodes as UTF-8 in Python 3, and ``'abc'.encode()`` is a
    roundabout ``b'abc'`` (pyupgrade/ruff UP012).

    **Example.**

        key = 'token'.encode('utf-8')
        text = 'café'.encode('UTF8')

    becomes

        key = b'token'
        text = 'café'.encode()

    Any spelling of the codec counts (``utf8``, ``UTF-8``, ``utf_8``, ``encoding='utf-8'``).
    The literal becomes bytes when it encodes to the same bytes its text spells as a bytes
    literal: ASCII only, with no ``\\u``/``\\N`` escapes (and ``\\x`` escapes only under
    ``latin-1``); ``'abc'.encode('ascii')`` and ``'abc'.encode('latin-1')`` too, as pyupgrade
    does.  ``errors=`` is kept: ``'é'.encode('utf-8', 'ignore')`` ->
    ``'é'.encode(errors='ignore')``.

    **Refuses** a receiver that is not a string literal (``x.encode('utf-8')`` may be any
    object's method, e.g. pandas' ``Series.str.encode`` requires the codec), a non-UTF-8
    codec that has to stay, ``*args``/``**kwargs``, and comments in the removed part.
    ``.decode('utf-8')`` is left alone, as pyupgrade and ruff do.

    **Safety.** Safe: the same bytes come out.  With ``--unsafe`` the UTF-8 argument is also
    dropped for any receiver (``x.encode('utf-8')`` -> ``x.encode()``): right when ``x`` is a
    ``str``, which the codemod cannot know.
    """

    REACH = "statement"
    PRECHECK = re.compile(r"\.encode\b")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return encode_lines(found, TO_BYTES)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(updated_node, ANY_ENCODE if self.unsafe else ENCODE):
            return updated_node
        try:
            new = self._rewrite(updated_node)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return new

    def _rewrite(self, call: cst.Call) -> cst.BaseExpression:
        receiver = cst.ensure_type(call.func, cst.Attribute).value
        require(comments(call) == comments(receiver))
        encoding, errors = _arguments(call.args)
        name: str | None = "utf-8"
        if encoding is not None:
            require(isinstance(encoding.value, cst.SimpleString))
            value = cst.ensure_type(encoding.value, cst.SimpleString).evaluated_value
            name = codec(value) if isinstance(value, str) else None
        if errors is None and name in TO_BYTES and _same_bytes(receiver, name):
            lpar, rpar = [*call.lpar, *receiver.lpar], [*receiver.rpar, *call.rpar]
            return _respell(receiver).with_changes(lpar=lpar, rpar=rpar)
        require(encoding is not None and name == "utf-8")
        return call.with_changes(args=[] if errors is None else [_keyword(errors)])


def _arguments(args: Sequence[cst.Arg]) -> tuple[cst.Arg | None, cst.Arg | None]:
    """The ``encoding`` and ``errors`` arguments of a ``str.encode`` call."""
    require(all(not arg.star for arg in args))
    positional = [arg for arg in args if arg.keyword is None]
    keywords = {arg.keyword.value: arg for arg in args if arg.keyword is not None}
    require(len(positional) + len(keywords) == len(args) and len(args) <= 2)
    names = ["encoding", "errors"][: len(positional)]
    require(not set(names) & set(keywords) and set(keywords) <= {"encoding", "errors"})
    found = dict(zip(names, positional), **keywords)
    return found.get("encoding"), found.get("errors")


def _parts(node: cst.BaseExpression) -> list[cst.SimpleString]:
    """The string literals ``node`` concatenates; refuses anything else (f-strings)."""
    if isinstance(node, cst.ConcatenatedString):
        return _parts(node.left) + _parts(node.right)
    require(isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower())
    return [cst.ensure_type(node, cst.SimpleString)]


def _same_bytes(node: cst.BaseExpression, name: str) -> bool:
    """Whether ``node``'s literals, spelled as bytes literals, equal its value encoded."""
    try:
        parts = _parts(node)
    except Refuse:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an invalid escape means the same in both
        try:
            text = "".join(ast.literal_eval(part.value) for part in parts)
            spelled = b"".join(ast.literal_eval(_as_bytes(part.value)) for part in parts)
            return bool(spelled == text.encode(name))
        except (SyntaxError, UnicodeEncodeError, ValueError):
            return False  # non-ASCII text cannot be a bytes literal


def _as_bytes(literal: str) -> str:
    return "b" + literal.lstrip("uU")


def _respell(node: cst.BaseExpression) -> cst.BaseExpression:
    """The str literal ``node`` (checked by :func:`_same_bytes`) as a bytes literal."""
    if isinstance(node, cst.ConcatenatedString):
        return node.with_changes(left=_respell(node.left), right=_respell(node.right))
    simple = cst.ensure_type(node, cst.SimpleString)
    return simple.with_changes(value=_as_bytes(simple.value))


def _keyword(arg: cst.Arg) -> cst.Arg:
    """``arg`` as ``errors=...`` with no trailing comma."""
    if arg.keyword is None:
        none = cst.SimpleWhitespace("")
        arg = arg.with_changes(keyword=cst.Name("errors"), equal=cst.AssignEqual(none, none))
    return arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)
