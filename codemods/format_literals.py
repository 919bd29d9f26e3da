"""``'{0} {1}'.format(a, b)`` -> ``'{} {}'.format(a, b)``: automatic field numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst
import libcst.matchers as m

from codemods._fstrings import (
    Parsed,
    body,
    format_lines,
    parse_format,
    pieces,
    rebuild,
    restore,
    split_field,
    value,
)
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require

FORMAT_CALL = m.Attribute(value=m.SimpleString() | m.ConcatenatedString(), attr=m.Name("format"))
DIGITS = re.compile(r"\d+")


class FormatLiterals(LiftCodemod):
    """Drop the numbers of ``str.format`` fields that count 0, 1, 2... in order.

    **Why.** ``{}`` numbers itself (Python 2.7 and 3.1); explicit numbers are noise that must
    be kept in step by hand.

    **Example.**

        print('{0} + {1} = {2:>4}'.format(a, b, a + b))
        row = ('{0.name}: '
               '{1[total]:{2}}').format(user, counts, width)

    becomes

        print('{} + {} = {:>4}'.format(a, b, a + b))
        row = ('{.name}: '
               '{[total]:{}}').format(user, counts, width)

    The count runs on across implicitly concatenated literals and into nested spec fields (the
    outer field counts first); named fields are left alone.

    **Refuses** numbers out of order, repeated or skipped (``{1} {0}``, ``{0} {0}``), strings
    that already have automatic fields, ``*args`` in the call, bytes, f-strings and malformed
    format strings.

    **Safety.** Safe: the new literal must format a set of probe values (tracing every lookup,
    conversion and spec) exactly as the old one did.
    """

    MIN_PYTHON = (3, 1)
    REACH = "statement"
    PRECHECK = re.compile(r"\{\d")

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return format_lines(found, renumbering=True)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(updated_node.func, FORMAT_CALL):
            return updated_node
        attribute = cst.ensure_type(updated_node.func, cst.Attribute)
        try:
            require(all(arg.star != "*" for arg in updated_node.args))
            receiver = _Renumbering().convert(attribute.value)
        except (Refuse, ValueError):  # ValueError: a malformed format string
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(func=attribute.with_changes(value=receiver))


class _Renumbering:
    def __init__(self) -> None:
        self.next = 0
        self.names: set[str] = set()

    def convert(self, receiver: cst.BaseExpression) -> cst.BaseExpression:
        texts: list[str] = []
        before = after = ""
        for piece in pieces(receiver):
            source = parse_format(body(piece))
            meant = parse_format(value(piece))
            require([f[1:] for f in source] == [f[1:] for f in meant])
            new = "".join(self.unparse(source))
            prefix = piece.value[: len(piece.prefix)]
            texts.append(f"{prefix}{piece.quote}{restore(piece, new)}{piece.quote}")
            before += value(piece)
            after += value(cst.SimpleString(texts[-1]))
        expected = self.probe(before)
        require(self.next > 0 and expected is not None and expected == self.probe(after))
        return rebuild(receiver, iter(texts))

    def unparse(self, parsed: Parsed) -> Iterator[str]:
        for text, name, spec, conversion in parsed:
            yield text.replace("{", "{{").replace("}", "}}")
            if name is not None:
                yield "{" + self.rename(name) + (f"!{conversion}" if conversion else "")
                yield (":" + "".join(self.unparse(parse_format(spec)))) if spec else ""
                yield "}"

    def rename(self, name: str) -> str:
        first, _ = split_field(name)  # a malformed lookup raises ValueError
        if isinstance(first, str):
            require(first != "")  # automatic numbering is there already
            self.names.add(first)
            return name
        require(first == self.next)
        self.next += 1
        digits = DIGITS.match(name)
        assert digits is not None
        return name[digits.end() :]

    def probe(self, text: str) -> str | None:
        """``text`` formatted with probes for arguments; None if that fails."""
        try:
            names = {name: _Probe(name) for name in self.names}
            return text.format(*(_Probe(str(i)) for i in range(self.next)), **names)
        except Exception:
            return None


class _Probe:
    """Stands for an argument: formatting it shows every lookup, conversion and spec used."""

    def __init__(self, trace: str) -> None:
        self.trace = trace

    def __format__(self, spec: str) -> str:
        return f"<{self.trace}:{spec}>"

    def __str__(self) -> str:
        return f"<{self.trace}!s>"

    def __repr__(self) -> str:
        return f"<{self.trace}!r>"

    def __getattr__(self, name: str) -> _Probe:
        return _Probe(f"{self.trace}.{name}")

    def __getitem__(self, key: object) -> _Probe:
        return _Probe(f"{self.trace}[{key!r}]")
