"""Helpers shared by the string-formatting codemods (``.format`` literals, f-strings).

The codemods read a literal's source text and its value side by side: they parse both, insist
that the fields found in each are the same (an escape such as ``\\x7b`` can hide a brace from the
source), rebuild the source, and finally :func:`verify` parses the result as Python and compares
its literal text and fields with what the old string meant.  Field expressions are written so
that every f-string grammar from 3.6 on accepts them (no backslash, ``#``, newline or the
string's own quote); the looser PEP 701 rules of 3.12 are not used.
"""

from __future__ import annotations

import ast
import importlib
import keyword
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Union

import libcst as cst
import libcst.matchers as m

from codemods._py2_builtins import comments
from legacylift.codemod import Refuse, Version, require

_MODULE = cst.Module([])
#: The parser behind ``string.Formatter`` (typeshed has no stub for it).
_string: Any = importlib.import_module("_string")
#: A ``str.format`` string parsed: (literal text, field name, spec, conversion) for each field.
Parsed = list[tuple[str, Union[str, None], Union[str, None], Union[str, None]]]
#: Expressions that cannot stand unparenthesized between the braces of a field.
_LOOSE = (cst.Lambda, cst.NamedExpr, cst.Yield, cst.GeneratorExp)
#: Expressions an attribute or a subscript can follow as they are.
_PRIMARY = (
    cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.List, cst.Dict, cst.Set, cst.ListComp,
    cst.SetComp, cst.DictComp, cst.SimpleString, cst.FormattedString,
)  # fmt: skip
_TEXT_KEY = re.compile(r"[^'\"\\{}#\r\n]*")
#: What the f-strings of Python 3.6 cannot hold.
_ASYNC = m.Await() | m.CompFor(asynchronous=m.Asynchronous())
_CONVERSIONS = {"": -1, "s": ord("s"), "r": ord("r"), "a": ord("a")}
#: A backslash escape: ``\N{...}``s are found, the others skipped so that ``\\N`` is not one.
_ESCAPE = re.compile(r"\\(N\{[^}]*\}|.)", re.DOTALL)
#: Stand-ins for the ``\N{...}`` escapes while the text is parsed (private-use characters).
_STAND_IN = 0xF0000


@dataclass(frozen=True)
class Field:
    """A replacement field: ``text`` goes between the braces; ``check`` is the same expression
    written as plain code, to verify that the f-string parses back to it."""

    text: str
    check: str
    conversion: str = ""
    spec: tuple[Part, ...] = ()


Part = Union[str, Field]


def parse_format(text: str) -> Parsed:
    """``text`` parsed as ``str.format`` does (ValueError if malformed)."""
    return list(_string.formatter_parser(text))


def split_field(name: str) -> tuple[int | str, list[tuple[bool, int | str]]]:
    """A field name's argument (number or keyword; ``""`` if automatic) and lookups."""
    first, rest = _string.formatter_field_name_split(name)
    return first, list(rest)


#: A printf-style conversion specifier: mapping key, flags, width, precision, length, type.
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^()]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d*)"
    r"(?P<precision>(?:\.(?:\*|\d*))?)[hlL]?(?P<type>.?)",
    re.DOTALL,
)
#: A specifier parsed: mapping key (or None), flags, width, precision and type.
Spec = tuple[Union[str, None], str, str, str, str]


def parse_percent(text: str) -> list[str | Spec]:
    """``text`` as ``%`` reads it: literal text (``%%`` made one ``%``) and specifiers."""
    parts: list[str | Spec] = []
    start = 0
    while (at := text.find("%", start)) != -1:
        found = _PERCENT.match(text, at)
        require(found is not None and found["type"] != "")
        assert found is not None
        parts.append(text[start:at])
        if found.group() == "%%":
            parts.append("%")
        else:
            parts.append(found.group("key", "flags", "width", "precision", "type"))  # type: ignore[arg-type]
        start = found.end()
    parts.append(text[start:])
    return parts


def kind(node: cst.BaseExpression) -> str:
    """``"str"``, ``"int"``, ``"float"`` or ``"constant"`` for literals; ``""`` for the rest."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return "" if m.findall(node, m.SimpleString(value=m.MatchIfTrue(_bytes))) else "str"
    if m.matches(node, m.UnaryOperation(operator=m.Minus() | m.Plus())):
        node = cst.ensure_type(node, cst.UnaryOperation).expression
    if isinstance(node, cst.Integer):
        return "int"
    if isinstance(node, cst.Float):
        return "float"
    return "constant" if m.matches(node, m.Name("None") | m.Name("True") | m.Name("False")) else ""


def _bytes(literal: str) -> bool:
    return "b" in literal[: literal.index(literal[-1])].lower()


def code(node: cst.CSTNode) -> str:
    """The source text of ``node``."""
    return _MODULE.code_for_node(node)


def pieces(node: cst.BaseExpression) -> list[cst.SimpleString]:
    """The literals of a text literal, implicitly concatenated or not; refuses bytes, f-strings."""
    if isinstance(node, cst.ConcatenatedString):
        return pieces(node.left) + pieces(node.right)
    require(isinstance(node, cst.SimpleString) and "b" not in node.prefix)
    return [cst.ensure_type(node, cst.SimpleString)]


def value(piece: cst.SimpleString) -> str:
    """The value of a text literal (invalid escape sequences do not warn here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = ast.literal_eval(piece.value)
    require(isinstance(result, str))
    return str(result)


def lost_comments(node: cst.CSTNode, kept: cst.CSTNode) -> bool:
    """Whether ``node`` holds comments outside ``kept`` (a rewrite keeping only ``kept``'s would
    lose them)."""
    return comments(node) != comments(kept)


def fits(node: cst.CSTNode, target: Version) -> bool:
    """Whether f-strings of ``target`` may hold ``node`` (3.6 refuses ``await`` and async
    comprehensions in them)."""
    return target >= (3, 7) or not m.findall(node, _ASYNC)


def simple(node: cst.BaseExpression) -> bool:
    """Names, attributes of names and literals: may be evaluated again, or in another order."""
    if isinstance(node, (cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)):
        return True
    if isinstance(node, cst.Attribute):
        return simple(node.value) and not isinstance(node.value, cst.BaseNumber)
    return isinstance(node, cst.UnaryOperation) and isinstance(node.expression, cst.BaseNumber)


def check_uses(args: Sequence[cst.BaseExpression], uses: Sequence[int]) -> None:
    """Refuse unless the fields (``uses``: argument indices in field order) use every argument,
    only simple ones more than once, and, unless all are simple, first in the call's order."""
    require(set(uses) == set(range(len(args))))
    require(all(simple(args[i]) for i in set(uses) if uses.count(i) > 1))
    first = list(dict.fromkeys(uses))
    require(all(simple(arg) for arg in args) or first == list(range(len(args))))


def accessor(is_attribute: bool, key: int | str, quote: str) -> str:
    """``.name`` or ``[key]`` as code, for a ``str.format`` field name's lookups."""
    if is_attribute:
        name = str(key)
        # Non-ASCII names are NFKC-normalized in code, not by getattr; __x would be mangled.
        require(name.isidentifier() and name.isascii() and not keyword.iskeyword(name))
        require(not (name.startswith("__") and not name.endswith("__")))
        return f".{name}"
    if isinstance(key, int):
        return f"[{key}]"
    require(_TEXT_KEY.fullmatch(key) is not None)
    other = "'" if quote[0] == '"' else '"'
    return f"[{other}{key}{other}]"


def field(
    node: cst.BaseExpression,
    quote: str,
    accessors: str = "",
    conversion: str = "",
    spec: tuple[Part, ...] = (),
) -> Field:
    """``node`` (followed by ``accessors``) as a field of a string quoted with ``quote``."""
    text = code(node)
    require(not any(c in text for c in ("\\", "#", "\n", "\r", quote[0])))
    loose = isinstance(node, _LOOSE) or (accessors and not isinstance(node, _PRIMARY))
    shown = (f"({text})" if loose and not node.lpar else text) + accessors
    if shown.startswith("{"):  # `{{` would be an escaped brace
        shown = f" {shown} "
    return Field(shown, f"({text}){accessors}", conversion, spec)


def body(piece: cst.SimpleString) -> str:
    """The source text between the quotes, each ``\\N{...}`` escape replaced by one character
    (its braces are no format field); :func:`render` puts them back."""
    names = _named_escapes(piece)
    text = piece.raw_value
    for i, escape in reversed(list(enumerate(names))):
        text = text[: escape.start()] + chr(_STAND_IN + i) + text[escape.end() :]
    return text


def _named_escapes(piece: cst.SimpleString) -> list[re.Match[str]]:
    if "r" in piece.prefix:
        return []
    require(not any(ord(c) >= _STAND_IN for c in piece.raw_value))
    return [e for e in _ESCAPE.finditer(piece.raw_value) if e.group(1).startswith("N{")]


def render(piece: cst.SimpleString, parts: Sequence[Part]) -> str:
    """``piece`` rebuilt from ``parts`` (literal source text as :func:`body` gave it, and fields):
    an f-string if there is a field, else a plain literal (the caller unescaped its text)."""
    prefix = piece.value[: len(piece.prefix)]
    fstring = any(isinstance(part, Field) for part in parts)
    if fstring:
        prefix = prefix.replace("u", "").replace("U", "") + "f"
    text = "".join(_source(part, fstring) for part in parts)
    return f"{prefix}{piece.quote}{restore(piece, text)}{piece.quote}"


def restore(piece: cst.SimpleString, text: str) -> str:
    """``text`` (made from the :func:`body` of ``piece``) with the ``\\N{...}`` escapes back."""
    for i, escape in enumerate(_named_escapes(piece)):
        text = text.replace(chr(_STAND_IN + i), escape.group())
    return text


def _source(part: Part, fstring: bool) -> str:
    if isinstance(part, str):
        return part.replace("{", "{{").replace("}", "}}") if fstring else part
    conversion = f"!{part.conversion}" if part.conversion else ""
    spec = "".join(_source(p, True) for p in part.spec)
    return "{" + part.text + conversion + (f":{spec}" if spec else "") + "}"


def rebuild(node: cst.BaseExpression, texts: Iterator[str]) -> cst.BaseExpression:
    """``node`` (a literal or an implicit concatenation) with its pieces' new source ``texts``."""
    if isinstance(node, cst.ConcatenatedString):
        left = rebuild(node.left, texts)
        return node.with_changes(left=left, right=rebuild(node.right, texts))
    text = next(texts)
    piece = cst.ensure_type(node, cst.SimpleString)
    if text == piece.value:
        return piece
    return cst.parse_expression(text).with_changes(lpar=piece.lpar, rpar=piece.rpar)


def verify(new: cst.BaseExpression, expected: Sequence[Part | cst.FormattedString]) -> None:
    """Refuse unless ``new`` parses to exactly the ``expected`` literal text (the old string's
    value), fields (each expression compared with its ``check`` code) and f-strings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = _parsed(_parse(new))
            want = _merge(_expected(expected))
        except SyntaxError:
            raise Refuse from None
    require(got == want)


def _parse(node: cst.BaseExpression) -> ast.expr:
    return ast.parse(f"({code(node)})", mode="eval").body


Shape = list[Union[str, "_Item"]]
_Item = tuple[str, int, Shape]


def _merge(items: Iterator[str | _Item]) -> Shape:
    shape: Shape = []
    for item in items:
        if isinstance(item, str) and shape and isinstance(shape[-1], str):
            shape[-1] += item
        elif item != "":
            shape.append(item)
    return shape


def _expected(parts: Sequence[Part | cst.FormattedString]) -> Iterator[str | _Item]:
    for part in parts:
        if isinstance(part, str):
            yield part
        elif isinstance(part, cst.FormattedString):
            yield from _parsed(_parse(part))
        else:
            check = ast.dump(ast.parse(part.check, mode="eval").body)
            yield (check, _CONVERSIONS[part.conversion], _merge(_expected(part.spec)))


def _parsed(node: ast.expr) -> Shape:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if not isinstance(node, ast.JoinedStr):
        raise Refuse
    items: list[str | _Item] = []
    for item in node.values:
        if isinstance(item, ast.FormattedValue):
            spec = _parsed(item.format_spec) if item.format_spec else []
            items.append((ast.dump(item.value), item.conversion, spec))
        elif isinstance(item, ast.Constant) and isinstance(item.value, str):
            items.append(item.value)
        else:
            raise Refuse
    return _merge(iter(items))
