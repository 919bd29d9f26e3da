"""Tables and matchers of removed_stdlib_functions and removed_stdlib_methods."""

from __future__ import annotations

import re
from typing import Union

import libcst as cst
import libcst.matchers as m

from codemods._removed_stdlib import names
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod

ARG = m.Arg(keyword=None, star="")

# removed_stdlib_functions

#: Same module, same arguments: qualified name -> new attribute name.
RENAMED_FUNCTIONS = {"base64.encodestring": "encodebytes", "base64.decodestring": "decodebytes",
                     "time.clock": "perf_counter"}  # fmt: skip
MOVED = {"imp.reload": "importlib.reload", "os.errno": "errno"}
CLOCK = "time.clock became time.perf_counter: on Unix clock() was CPU time (process_time)"
KEPT = dict.fromkeys(("platform.linux_distribution", "platform.dist"), "use the distro package")
ESCAPE = m.Call(args=[ARG]) | m.Call(args=[ARG, ARG | m.Arg(keyword=m.Name("quote"), star="")])
FALSE = m.Name("False") | m.Integer("0")
INTEGERS = m.Call(args=[m.Arg(m.Integer())] * 2)
ESCAPE_NOTE = "cgi.escape(s, quote) kept: html.escape also escapes ' (see --unsafe)"
GCD_NOTE = "fractions.gcd kept: math.gcd is never negative, takes only ints (see --unsafe)"
QUOTE_FALSE = cst.ensure_type(cst.parse_expression("f(quote=False)"), cst.Call).args[0]
#: ``HTMLParser().unescape``, the class saved as "cls".
UNESCAPE = m.Attribute(m.Call(m.SaveMatchedNode(m.DoNotCare(), "cls"), args=[]), m.Name("unescape"))
PARSERS = ("html.parser.HTMLParser", "HTMLParser.HTMLParser")
#: ``RemovedStdlibFunctions.LOCATED``: the names it rewrites or notes (the module imp: any
#: imp.x, for the notes on the rest of imp; ``HTMLParser().unescape`` as LibCST names it),
#: and ``MODULES``: their modules.
LOCATED = frozenset((
    *RENAMED_FUNCTIONS, *MOVED, *KEPT, *(f"{parser}.unescape" for parser in PARSERS),
    "cgi.escape", "fractions.gcd", "imp",
))  # fmt: skip
MODULES = frozenset(name.partition(".")[0] for name in LOCATED)
Expr = Union[cst.Attribute, cst.Name]

# removed_stdlib_methods

RENAMED_METHODS = {"getiterator": "iter", "readfp": "read_file", "isAlive": "is_alive",
                   "tostring": "tobytes", "fromstring": "frombytes"}  # fmt: skip
#: The module a file must import for the method to be taken as that module's (see the docs).
NEEDS = {"getchildren": "xml", "getiterator": "xml", "readfp": "configparser",
         "isAlive": "threading"}  # fmt: skip
ARGS = {"getchildren": m.Call(args=[]), "isAlive": m.Call(args=[]), "tostring": m.Call(args=[]),
        "getiterator": m.Call(args=[]) | m.Call(args=[ARG | m.Arg(keyword=m.Name("tag"))]),
        "readfp": m.Call(args=[ARG]) | m.Call(args=[ARG, ARG | m.Arg(keyword=m.Name("filename"))]),
        "fromstring": m.Call(args=[ARG])}  # fmt: skip
BYTES = m.SimpleString(m.MatchIfTrue(lambda text: "b" in text.lower().split(text[-1])[0]))
#: What changes an element tree while a loop iterates over it.
CHANGES = m.Name(m.MatchIfTrue(lambda n: n in ("remove", "append", "insert", "extend", "clear")))
TREE_CHANGE = m.Del() | m.Call(
    m.Attribute(attr=CHANGES | m.Name("SubElement")) | m.Name("SubElement")
)
ITERATING = m.Call(m.Name(m.MatchIfTrue(lambda n: n in ("list", "tuple", "sorted", "set"))), [ARG])
ITERATED = "getiterator() kept: its result is not only iterated, or the loop changes the tree"
FROMSTRING = "array.fromstring() kept: it also took str, frombytes() does not"

#: The module each pre-check word matters in (``errno`` only as ``os.errno``).
OWNER = {"encodestring": "base64", "decodestring": "base64", "clock": "time", "escape": "cgi",
         "gcd": "fractions", "dist": "platform", "linux_distribution": "platform", "errno": "os",
         "unescape": "(?:html|HTMLParser)", "imp": "imp"}  # fmt: skip
IMPORTS = {
    module: re.compile(rf"\b(?:from[ \t]+{module}\b|import[ \t]+[^\n#]*\b{module}\b)")
    for module in set(OWNER.values())
}

#: The names collections re-exported from collections.abc until Python 3.10.
_NAMES = """Awaitable Coroutine AsyncIterable AsyncIterator AsyncGenerator Hashable Iterable
    Iterator Generator Reversible Sized Container Callable Collection Set MutableSet Mapping
    MutableMapping MappingView KeysView ItemsView ValuesView Sequence MutableSequence ByteString"""
ABCS = frozenset(_NAMES.split())
COLLECTIONS_ABCS = frozenset(f"collections.{name}" for name in ABCS)


def abc_lines(codemod: type[LiftCodemod], found: AstIndex) -> set[int]:
    """collections_abc_imports' locator: each ``<collections module>.<ABC>``, and each
    ``from collections import <ABC>`` (its ``locate``)."""
    return names(found).lines(COLLECTIONS_ABCS, bare=False)
