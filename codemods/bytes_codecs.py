"""``s.decode('hex')`` -> ``codecs.decode(s, 'hex')``: Python 2's bytes-to-bytes codecs."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import ScopeProvider

from codemods._py2_builtins import is_module_name
from legacylift.codemod import LiftCodemod

#: Codecs that map bytes to bytes (and rot13, str to str): ``str.encode`` no longer takes them.
CODECS = frozenset(
    {"hex", "hex_codec", "base64", "base64_codec", "base_64", "zip", "zlib", "zlib_codec",
     "bz2", "bz2_codec", "quopri", "quopri_codec", "quotedprintable", "quoted_printable", "uu",
     "uu_codec", "rot13", "rot_13"}
)  # fmt: skip
CODEC_CALL = m.Call(
    func=m.Attribute(attr=m.Name("encode") | m.Name("decode")),
    args=[m.Arg(m.SimpleString(), keyword=None)],
)


def _bytes_literal(node: cst.BaseExpression) -> cst.BaseExpression:
    """A Python 2 byte-string literal (no prefix, ASCII) as a ``b''`` literal; else ``node``."""
    if not isinstance(node, cst.SimpleString) or node.prefix or not node.value.isascii():
        return node
    return node.with_changes(value="b" + node.value)


class BytesCodecs(LiftCodemod):
    """Call ``codecs`` for Python 2's ``hex``/``base64``/``zlib``... string codecs.

    **Why.** Python 2 byte strings had ``.encode('hex')`` and ``.decode('base64')``; Python 3
    ``str`` and ``bytes`` only take text encodings there (AttributeError or LookupError),
    while ``codecs.encode``/``codecs.decode`` still run those codecs on bytes.

    **Example.**

        digest = data.encode('hex')
        logo = '''iVBORw0KGgo='''.decode('base64')

    becomes

        import codecs

        digest = codecs.encode(data, 'hex')
        logo = codecs.decode(b'''iVBORw0KGgo=''', 'base64')

    A plain ASCII literal receiver becomes a ``b''`` literal (it was bytes in Python 2).

    **Refuses** text encodings (``'utf-8'``...: a Python 2 ``.decode('utf-8')`` on what is now
    text is ``py2_bytes_text``'s to report), codec names that are not literals, extra
    arguments, and a file where ``codecs`` is bound to something other than the module.

    **Safety.** Safe for bytes: the codecs are the same. A receiver that Python 3 makes text
    (``str``) now raises TypeError instead of AttributeError.
    """

    PYTHON2_ONLY = True
    PRECHECK = re.compile(r"\.(?:en|de)code\(\s*['\"]")
    METADATA_DEPENDENCIES: ClassVar = (ScopeProvider,)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not m.matches(updated_node, CODEC_CALL):
            return updated_node
        codec = cst.ensure_type(updated_node.args[0].value, cst.SimpleString)
        if codec.evaluated_value not in CODECS:
            return updated_node
        if not is_module_name(self.get_metadata(ScopeProvider, original_node, None), "codecs"):
            return updated_node
        method = cst.ensure_type(updated_node.func, cst.Attribute)
        AddImportsVisitor.add_needed_import(self.context, "codecs")
        self.count_rewrite()
        receiver = _bytes_literal(method.value)
        return updated_node.with_changes(
            func=cst.Attribute(cst.Name("codecs"), method.attr),
            args=[cst.Arg(receiver, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                  updated_node.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)],
        )  # fmt: skip
