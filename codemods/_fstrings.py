"""Helpers shared by the string-formatting codemods (``.format`` literals, f-strings), and
the ``ast`` locators of the string and literal codemods (at the end).

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

from codemods._idioms import codec
from codemods._py2_builtins import comments
from codemods._six_table import ROOTS
from legacylift.astindex import AstIndex
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
    """``text`` as ``%`` reads it: literal text (``%%`` made one ``%``) and specs_of."""
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


def specs_of(parsed: list[str | Spec]) -> list[Spec]:
    """The specs_of of a text :func:`parse_percent` parsed."""
    return [part for part in parsed if not isinstance(part, str)]


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


# Locators (the codemods' ``locate``).  A node may change kind before its parent is left: a
# call (``str('x')``, ``tuple([a])``, ``six.u('x')``, ``'{}'.format(a)``) or a name (six's
# ``string_types``, a module's ``unicode = str``) may become a literal, a display or an
# f-string in the same pass, and the locators count such nodes in.

#: Builtins whose call a codemod may turn into a literal or a display (native_literals,
#: collection_literals), and the Python 2 names py2_builtins renames to them.
LITERAL_CALLS = frozenset(
    {"str", "bytes", "int", "float", "complex", "bool", "tuple", "unicode", "long", "basestring"}
)
#: The builtins a module may alias (``text = str``): builtin_alias_shims puts them back.
_ALIASED = frozenset({"str", "bytes", "int", "range", "input", "chr"})


def rebound(found: AstIndex) -> frozenset[str]:
    """The names a codemod may replace by a builtin or a tuple of builtins: what imports from
    six & co bind (six_to_builtins) and a module's aliases of builtins (builtin_alias_shims)."""
    names = set(LITERAL_CALLS)
    for imported in found.of(ast.ImportFrom):
        if not imported.level and (imported.module or "").partition(".")[0] in ROOTS:
            names.update(alias.asname or alias.name for alias in imported.names)
    for module in found.of(ast.Import):
        roots = [(alias.asname, alias.name.partition(".")[0]) for alias in module.names]
        names.update(asname or root for asname, root in roots if root in ROOTS)
    for node in found.of(ast.Assign):
        target, value = node.targets[0], node.value
        items = value.elts if isinstance(value, ast.Tuple) else [value]
        aliased = items and all(_named(item, _ALIASED) for item in items)
        if isinstance(target, ast.Name) and aliased:
            names.add(target.id)
    return frozenset(names)


def _named(node: ast.expr, names: frozenset[str]) -> bool:
    """Whether ``node`` is a name of ``names``, or an attribute of one (``six.u``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id in names


def may_change(node: ast.expr, names: frozenset[str]) -> bool:
    """Whether a rewrite in the same pass may make ``node`` a literal, a display or an
    f-string (``names``: the :func:`rebound` ones)."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join"):
            display = func.attr == "format" or _display(node.args)  # join: concat_to_fstring
            return display and _literal_text(func.value, names)
        return _named(func, names)
    if isinstance(node, ast.BinOp):
        text = isinstance(node.op, ast.Mod) and _literal_text(node.left, names)
        return text or _concat(node)
    return isinstance(node, (ast.Name, ast.Attribute)) and _named(node, names)


def _literal_text(node: ast.expr, names: frozenset[str]) -> bool:
    """A text literal, or a call that may become one."""
    if isinstance(node, ast.Call):
        return _named(node.func, names)
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _display(args: list[ast.expr]) -> bool:
    return len(args) == 1 and isinstance(args[0], (ast.List, ast.Tuple))


def percent_lines(found: AstIndex) -> set[int]:
    """Where percent_format_to_fstring may rewrite: ``%`` on a text literal whose specifiers
    the right side may fill as the codemod requires."""
    names = rebound(found)
    return {
        node.lineno
        for node in found.of(ast.BinOp)
        if isinstance(node.op, ast.Mod) and _percent(node.left, node.right, names)
    }


def _percent(left: ast.expr, right: ast.expr, names: frozenset[str]) -> bool:
    if isinstance(left, ast.Call):
        return _named(left.func, names)  # may become a literal: its text is not known yet
    if not isinstance(left, ast.Constant) or not isinstance(left.value, str):
        return False
    try:
        specs = specs_of(parse_percent(left.value))
    except Refuse:
        return False
    keys = [spec[0] for spec in specs]
    if not specs or may_change(right, names):
        return bool(specs)
    if isinstance(right, ast.Dict):
        if any(key is not None and may_change(key, names) for key in right.keys):
            return True
        given = [k.value if isinstance(k, ast.Constant) else None for k in right.keys]
        if None in given or len(set(given)) != len(given) or set(keys) != set(given):
            return False
        operands = [right.values[given.index(key)] for key in keys]
    elif any(key is not None for key in keys):
        return False
    elif isinstance(right, ast.Tuple):
        operands = right.elts
        if len(operands) != len(specs) or any(isinstance(e, ast.Starred) for e in operands):
            return False
    else:
        if len(specs) != 1 or not _literal(right):
            return False
        operands = [right]
    return all(_spec(spec, operand, names) for spec, operand in zip(specs, operands))


def _literal(node: ast.expr) -> bool:
    """A literal of a kind ``%`` takes alone (text, number, ``None``, ``True``...)."""
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, (ast.UAdd, ast.USub)) and isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.Constant):
        return not isinstance(node.value, (bytes, complex)) and node.value is not ...
    return isinstance(node, ast.JoinedStr)


def _spec(spec: Spec, operand: ast.expr, names: frozenset[str]) -> bool:
    """Whether the codemod may fill ``spec`` with ``operand`` (under some settings)."""
    _, flags, width, precision, type_ = spec
    changes = may_change(operand, names)
    if "*" in width + precision or precision == "." or not (changes or _one_line(operand)):
        return False  # a field holds no newline
    if type_ in ("s", "r", "a"):
        return set(flags) <= {"-"}
    if type_ in ("d", "i", "u"):
        number = operand.operand if isinstance(operand, ast.UnaryOp) else operand
        whole = isinstance(number, ast.Constant) and type(number.value) is int
        return not precision and (whole or changes)
    if type_ in ("o", "x", "X"):
        return not precision
    return type_ in tuple("eEfFgG")


def _one_line(node: ast.expr) -> bool:
    return node.lineno == node.end_lineno


def format_lines(found: AstIndex, renumbering: bool = False) -> set[int]:
    """Where format_to_fstring (or, ``renumbering``, format_literals) may rewrite: ``.format``
    on a text literal whose fields the call's arguments may fill as the codemod requires."""
    names, fills = rebound(found), _renumbers if renumbering else _fills
    lines: set[int] = set()
    for node in found.of(ast.Call):
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "format":
            continue
        receiver = func.value
        if isinstance(receiver, ast.Call) and _named(receiver.func, names):
            lines.add(node.lineno)  # may become a literal: its text is not known yet
        elif isinstance(receiver, ast.Constant) and isinstance(receiver.value, str):
            try:
                if fills(list(_fields(receiver.value)), node):
                    lines.add(node.lineno)
            except ValueError:
                lines.add(node.lineno)  # the literals may parse one by one
    return lines


def _fields(text: str) -> Iterator[tuple[int | str, str | None]]:
    """The argument (number, keyword or ``""``) and conversion of each field of ``text``, the
    fields nested in a field's spec right after it."""
    for _, name, spec, conversion in parse_format(text):
        if name is not None:
            yield split_field(name)[0], conversion
            yield from _fields(spec or "")


def _fills(fields: list[tuple[int | str, str | None]], call: ast.Call) -> bool:
    """Whether the fields may use each argument of ``call`` (format_to_fstring's rules)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return False
    numbering, following = "", 0
    uses: set[int | str] = set()
    for first, conversion in fields:
        if conversion not in (None, "s", "r", "a"):
            return False
        if isinstance(first, str) and first:
            if first not in {k.arg for k in call.keywords}:
                return False
            uses.add(first)
            continue
        kind = "manual" if isinstance(first, int) else "auto"
        if numbering not in ("", kind):
            return False
        numbering, index = kind, first if isinstance(first, int) else following
        following += kind == "auto"
        if index >= len(call.args):
            return False
        uses.add(index)
    return bool(uses) and len(uses) == len(call.args) + len(call.keywords)


def _renumbers(fields: list[tuple[int | str, str | None]], call: ast.Call) -> bool:
    """Whether the fields count 0, 1, 2... and none is automatic (format_literals' rules)."""
    numbers = [first for first, _ in fields if isinstance(first, int)]
    starred = any(isinstance(a, ast.Starred) for a in call.args)
    automatic = any(first == "" for first, _ in fields)
    return not starred and not automatic and numbers == list(range(len(numbers))) != []


#: The builtins native_literals calls on a literal (or on nothing), and ``type``.
_NATIVE = frozenset({"str", "bytes", "int", "float", "complex", "bool", "type"})


def native_lines(found: AstIndex) -> set[int]:
    """Where native_literals may rewrite: one of its builtins (or a name that may become one)
    called on nothing or on one value that is, or may become, a literal."""
    names = rebound(found) | _NATIVE
    lines: set[int] = set()
    for node in found.of(ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in names:
            continue
        values = [*node.args, *(keyword.value for keyword in node.keywords)]
        if len(values) > 1 or any(isinstance(v, ast.Starred) for v in values):
            continue
        if any(keyword.arg is None for keyword in node.keywords):
            continue  # ``str(**kwargs)``
        literal = not values or isinstance(values[0], (ast.Constant, ast.UnaryOp))
        if literal or may_change(values[0], names):
            lines.add(node.lineno)
    return lines


def collection_lines(found: AstIndex) -> set[int]:
    """Where collection_literals may rewrite: ``set``/``dict``/``list``/``tuple`` called on
    the display or comprehension it takes (or on a call or name that may become one)."""
    names = rebound(found) | {"list"}
    lines: set[int] = set()
    for node in found.of(ast.Call):
        func = node.func
        if not isinstance(func, ast.Name) or func.id not in ("set", "dict", "list", "tuple"):
            continue
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            continue
        value = node.args[0]
        if func.id == "dict":
            elt = value.elt if isinstance(value, (ast.GeneratorExp, ast.ListComp)) else None
            pair = isinstance(elt, (ast.Tuple, ast.List)) and len(elt.elts) == 2
            taken = elt is not None and (pair or _named(elt, names))
        else:
            kinds = (ast.GeneratorExp,) if func.id == "set" else ()
            taken = isinstance(value, (ast.List, ast.Tuple, ast.ListComp, *kinds))
        if taken or _named(getattr(value, "func", value), names):
            lines.add(node.lineno)
    return lines


def concat_lines(found: AstIndex) -> set[int]:
    """Where concat_to_fstring may rewrite: ``+`` with a ``str()`` call or a chain that may
    be an f-string by then, and ``join`` of a display on a text literal."""
    names = rebound(found)
    lines = {node.lineno for node in found.of(ast.BinOp) if _concat(node)}
    joins = [call for call in found.of(ast.Call) if getattr(call.func, "attr", "") == "join"]
    return lines | {call.lineno for call in joins if may_change(call, names)}


def _concat(node: ast.expr) -> bool:
    """A ``+`` with a ``str()`` call, or a ``%`` or such a ``+`` (an f-string by then)."""
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Add):
        return False
    for side in (node.left, node.right):
        call = side if isinstance(side, ast.Call) else None
        if call and isinstance(call.func, ast.Name) and call.func.id == "str" and call.args:
            return True
        if isinstance(side, ast.BinOp) and (isinstance(side.op, ast.Mod) or _concat(side)):
            return True
    return False


def encode_lines(found: AstIndex, to_bytes: frozenset[str]) -> set[int]:
    """Where encode_utf8_default may rewrite: ``.encode`` with a UTF-8 argument, or on a text
    literal (or a call that may become one) with none or one of ``to_bytes``."""
    names = rebound(found)
    lines: set[int] = set()
    for node in found.of(ast.Call):
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "encode":
            continue
        receiver, keywords = func.value, {k.arg: k.value for k in node.keywords}
        encoding = node.args[0] if node.args else keywords.get("encoding")
        text = isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)
        literal = text or (isinstance(receiver, ast.Call) and may_change(receiver, names))
        if encoding is None:
            taken = literal
        elif isinstance(encoding, ast.Constant) and isinstance(encoding.value, str):
            try:
                name = codec(encoding.value)
            except ValueError:  # a surrogate or a NUL in the name: let the codemod tell
                name = "utf-8"
            taken = name == "utf-8" or (literal and name in to_bytes)
        else:
            taken = may_change(encoding, names)
        if taken:
            lines.add(node.lineno)
    return lines
