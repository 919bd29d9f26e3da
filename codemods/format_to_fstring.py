"""``'{} {x}'.format(a, x=b)`` -> ``f'{a} {b}'``: ``str.format`` on a literal to an f-string."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import libcst as cst
import libcst.matchers as m

from codemods._fstrings import (
    Field,
    Parsed,
    Part,
    accessor,
    body,
    check_uses,
    field,
    fits,
    format_lines,
    lost_comments,
    parse_format,
    pieces,
    rebuild,
    render,
    split_field,
    value,
    verify,
)  # fmt: skip
from legacylift.codemod import LiftCodemod, Refuse, Version, require

FORMAT_CALL = m.Attribute(value=m.SimpleString() | m.ConcatenatedString(), attr=m.Name("format"))
#: A field inside a format spec that is no more than a reference to an argument.
TRIVIAL = re.compile(r"\d*|[A-Za-z_]\w*")


class FormatToFstring(LiftCodemod):
    """Turn ``"...".format(...)`` on a string literal into an f-string.

    **Why.** f-strings (Python 3.6) are shorter, faster and put each value where it is shown.

    **Example.**

        greeting = "Hello, {}! You are {age}.".format(user.name, age=user.age)
        line = '{0:>10} | {1!r} | {0[id]}'.format(row, lookup(row))

    becomes

        greeting = f"Hello, {user.name}! You are {user.age}."
        line = f'{row:>10} | {lookup(row)!r} | {row["id"]}'

    Conversions and format specs are kept, ``{0.x}``/``{0[k]}`` become ``.x``/``["k"]``,
    ``{{``/``}}`` stay doubled, a nested spec field (``{:{width}}``) that only names an argument
    becomes ``{x:{width}}``, implicitly concatenated literals become f-strings piece by piece,
    and arguments that need them get parentheses (lambda, walrus, a lone generator) or spaces
    (a leading ``{``).

    **Refuses** bytes and f-string receivers, ``*args``/``**kwargs``, unused arguments (their
    evaluation would be lost), an argument used twice, or out of the call's order, unless it
    is a name, attribute or literal (``'{1}{0}'.format(f(), g())``), argument code with a
    backslash, a ``#``, a newline or the string's quote (f-strings before 3.12 cannot hold
    them; 3.12 could, but one output for all targets is simpler), lookups ``{0.__x}``
    (name-mangled in a class) and non-ASCII attribute names, keys with quotes, nested spec
    fields beyond a plain reference, ``await``/``async for`` for 3.6, malformed format strings
    and comments in the call (those between concatenated literals stay).

    **Safety.** Safe: each field reads the same argument with the same lookups, conversion
    and spec, and each argument that is not a name, attribute or literal is evaluated once, in
    the call's order.  As with ruff and pyupgrade, names, attributes and literals may be read
    again or in another order, and each value is formatted right after it is evaluated: only a
    property or ``__format__`` with side effects could tell.
    """

    MIN_PYTHON = (3, 6)
    REACH = "statement"
    PRECHECK = re.compile(r"\.format\b")
    locate = staticmethod(format_lines)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(updated_node.func, FORMAT_CALL):
            return updated_node
        try:
            new = _Fields(updated_node, self.target).convert()
        except (Refuse, ValueError):  # ValueError: a malformed format string
            return updated_node
        self.count_rewrite()
        return new


class _Fields:
    """Resolves the fields of one ``.format`` call to its arguments."""

    def __init__(self, call: cst.Call, target: Version) -> None:
        require(all(arg.star == "" for arg in call.args))
        require(fits(call, target))
        self.call = call
        self.args = [arg.value for arg in call.args]
        self.positional = sum(arg.keyword is None for arg in call.args)
        self.keywords = {a.keyword.value: i for i, a in enumerate(call.args) if a.keyword}
        self.numbering = ""  # "auto" or "manual" once a positional field is seen
        self.next = 0
        self.uses: list[int] = []

    def convert(self) -> cst.BaseExpression:
        receiver = cst.ensure_type(self.call.func, cst.Attribute).value
        require(not lost_comments(self.call, receiver))
        texts: list[str] = []
        expected: list[Part] = []
        for piece in pieces(receiver):
            source = parse_format(body(piece))
            meant = parse_format(value(piece))
            require([f[1:] for f in source] == [f[1:] for f in meant])
            fields = [None if name is None else self.field(name, conv, spec or "", piece.quote)
                      for _, name, spec, conv in source]  # fmt: skip
            texts.append(render(piece, list(_parts(source, fields))))
            expected += _parts(meant, fields)
        require(self.uses)
        check_uses(self.args, self.uses)
        new = rebuild(receiver, iter(texts))
        verify(new, expected)
        return new.with_changes(
            lpar=[*self.call.lpar, *new.lpar], rpar=[*new.rpar, *self.call.rpar]
        )

    def field(self, name: str, conversion: str | None, spec: str, quote: str) -> Field:
        first, rest = split_field(name)
        if isinstance(first, int) or first == "":
            numbering = "manual" if isinstance(first, int) else "auto"
            require(self.numbering in ("", numbering))
            self.numbering = numbering
            index = first if isinstance(first, int) else self.next
            self.next += numbering == "auto"
            require(index < self.positional)
        else:
            require(first in self.keywords)
            index = self.keywords[first]
        self.uses.append(index)
        accessors = "".join(accessor(is_attribute, key, quote) for is_attribute, key in rest)
        require(conversion in (None, "s", "r", "a"))
        nested: list[Part] = []
        for text, inner, inner_spec, inner_conversion in parse_format(spec):
            nested.append(text)
            if inner is not None:
                require(TRIVIAL.fullmatch(inner) and not inner_spec and not inner_conversion)
                nested.append(self.field(inner, None, "", quote))
        return field(self.args[index], quote, accessors, conversion or "", tuple(nested))


def _parts(parsed: Parsed, fields: Sequence[Field | None]) -> Iterator[Part]:
    for (text, *_), found in zip(parsed, fields):
        yield text
        if found is not None:
            yield found
