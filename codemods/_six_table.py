"""What the ``six`` (and trivial ``future``/``past``) helpers are on Python 3, plus shared helpers.

The facts come from what ``six`` and ``python-future`` define when they run on Python 3; the
tables are legacylift's own.  Used by ``six_to_builtins`` and ``six_metaclass``.
"""

from __future__ import annotations

import ast
import builtins
import re
import warnings
from collections.abc import Mapping, Sequence

import libcst as cst
import libcst.matchers as m
from libcst.helpers import parse_template_expression
from libcst.metadata import (
    BuiltinAssignment,
    ImportAssignment,
    QualifiedName,
    QualifiedNameProvider,
    QualifiedNameSource,
    Scope,
)

from codemods._py2_builtins import is_module_name, parens
from legacylift.codemod import LiftCodemod, is_builtin
from legacylift.facts import root_name

#: Top-level packages whose names these codemods resolve.
ROOTS = frozenset({"six", "future", "past", "builtins"})
#: Modules whose ``from ... import`` a name can be dropped from (or rebound) in place.
FROM_MODULES = frozenset(
    {"six", "six.moves", "future.utils", "future.builtins", "builtins", "past.builtins"}
)
BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def _same(prefix: str, names: str, new_prefix: str = "") -> dict[str, str]:
    """``{prefix + name: new_prefix + name}`` for each name of ``names``."""
    return {f"{prefix}{name}": f"{new_prefix}{name}" for name in names.split()}


def _moved(prefix: str, pairs: str) -> dict[str, str]:
    """``"old:new old2:new2"`` -> ``{prefix + old: new}``."""
    return {f"{prefix}{old}": new for old, _, new in (p.partition(":") for p in pairs.split())}


_TYPES = "text_type:str binary_type:bytes string_types:(str,) integer_types:(int,)"
_TYPES += " class_types:(type,)"

#: Names whose Python 3 value is a builtin, a module attribute or a tuple of builtins.
VALUES: dict[str, str] = {
    **_moved("six.", _TYPES),
    **_moved("six.", "MAXSIZE:sys.maxsize unichr:chr iterbytes:iter next:next callable:callable"),
    **_moved("six.", "advance_iterator:next print_:print exec_:exec Iterator:object"),
    **_moved("six.", "create_bound_method:types.MethodType wraps:functools.wraps"),
    **_moved("six.", "StringIO:io.StringIO BytesIO:io.BytesIO"),
    **_same("six.moves.", "range filter map zip input"),
    **_moved("six.moves.", "xrange:range intern:sys.intern reduce:functools.reduce"),
    **_moved("six.moves.", "reload_module:importlib.reload shlex_quote:shlex.quote"),
    **_moved("six.moves.", "StringIO:io.StringIO cStringIO:io.StringIO getcwd:os.getcwd"),
    **_moved("six.moves.", "getcwdb:os.getcwdb getoutput:subprocess.getoutput"),
    **_moved("six.moves.", "zip_longest:itertools.zip_longest filterfalse:itertools.filterfalse"),
    **_moved("six.moves.", "UserDict:collections.UserDict UserList:collections.UserList"),
    **_moved("six.moves.", "UserString:collections.UserString"),
    **_moved("future.utils.", _TYPES + " native_str:str native_bytes:bytes"),
    **_moved("past.builtins.", "unicode:str xrange:range raw_input:input intern:sys.intern"),
}

_URLLIB = "parse error request response robotparser"
#: ``six.moves`` modules -> their Python 3 modules (same attributes, so from-imports keep names).
MODULES: dict[str, str] = {
    **_same("six.moves.", "builtins configparser copyreg queue reprlib socketserver _thread"),
    **_same("six.moves.", "tkinter winreg"),
    **_moved("six.moves.", "collections_abc:collections.abc cPickle:pickle dbm_gnu:dbm.gnu"),
    **_moved("six.moves.", "dbm_ndbm:dbm.ndbm http_cookiejar:http.cookiejar"),
    **_moved("six.moves.", "http_cookies:http.cookies html_entities:html.entities"),
    **_moved("six.moves.", "html_parser:html.parser http_client:http.client"),
    **_moved("six.moves.", "BaseHTTPServer:http.server CGIHTTPServer:http.server"),
    **_moved("six.moves.", "SimpleHTTPServer:http.server xmlrpc_client:xmlrpc.client"),
    **_moved("six.moves.", "xmlrpc_server:xmlrpc.server"),
    **_same("six.moves.email_mime_", "base image multipart nonmultipart text", "email.mime."),
    **_same("six.moves.tkinter_", "dialog filedialog ttk font scrolledtext", "tkinter."),
    **_same("six.moves.tkinter_", "simpledialog constants dnd messagebox", "tkinter."),
    **_same("six.moves.tkinter_", "colorchooser commondialog", "tkinter."),
    **_moved("six.moves.", "tkinter_tkfiledialog:tkinter.filedialog"),
    **_moved("six.moves.", "tkinter_tksimpledialog:tkinter.simpledialog"),
    **_same("six.moves.urllib.", _URLLIB, "urllib."),
    **_same("six.moves.urllib_", _URLLIB, "urllib."),
}

_VIEWS = {"items": "{a}.items()", "keys": "{a}.keys()", "values": "{a}.values()"}
#: Calls -> a template over their positional arguments ``{a}``, ``{b}``.
CALLS: dict[str, str] = {
    **{f"six.{prefix}{kind}": t for kind, t in _VIEWS.items() for prefix in ("iter", "view")},
    **{f"future.utils.{p}{kind}": t for kind, t in _VIEWS.items() for p in ("iter", "view")},
    "six.get_unbound_function": "{a}",
    "six.get_method_function": "{a}.__func__",
    "six.get_method_self": "{a}.__self__",
    **_moved("six.get_function_", "closure:{a}.__closure__ code:{a}.__code__"),
    **_moved("six.get_function_", "defaults:{a}.__defaults__ globals:{a}.__globals__"),
    "six.int2byte": "bytes(({a},))",
    "six.byte2int": "{a}[0]",
    "six.indexbytes": "{a}[{b}]",
    "six.u": "",  # a string literal: itself
    "six.b": "",  # an ASCII string literal: the bytes literal
}
#: Calls that return an iterator: the plain view only serves where it is just iterated over.
ITERATORS = frozenset({"six.iteritems", "six.iterkeys", "six.itervalues"})
#: Builtins that only iterate over their first argument.
ITERATING = frozenset(
    {"list", "tuple", "sorted", "set", "frozenset", "dict", "enumerate", "any", "all", "sum"}
)


def target(qname: str) -> str | None:
    """The Python 3 spelling of the six/future/past name ``qname``, if it has one."""
    module, _, name = qname.rpartition(".")
    if module in ("builtins", "future.builtins") and name in BUILTIN_NAMES:
        return name
    return VALUES.get(qname) or MODULES.get(qname)


def rebinding(qname: str, local: str) -> tuple[str, str | None] | None:
    """How to bind ``local`` to the same object as ``from <module> import <name> as <local>``.

    ``(module, name)`` for ``from module import name``, ``(module, None)`` for ``import
    module``, ``("", None)`` when ``local`` is the builtin; None when the uses must be renamed.
    """
    new = target(qname)
    if new is None or new.startswith("("):
        return None
    if qname in MODULES or "." not in new:
        return (new if qname in MODULES else "", None) if new == local else None
    module, _, name = new.rpartition(".")
    return module, name


def six_name(codemod: LiftCodemod, node: cst.CSTNode) -> str | None:
    """The six/future/past name ``node`` (an original node) reads, if that is all it can be."""
    modules = codemod.facts.import_bound.get(root_name(node) or "", ())
    if not any(module.partition(".")[0] in ROOTS for module in modules):
        return None  # not bound by an import of six & co: no need for the file's scopes
    names = codemod.get_metadata(QualifiedNameProvider, node, set())
    if len(names) != 1:
        return None
    (name,) = names
    imported = name.source is QualifiedNameSource.IMPORT
    return name.name if imported and name.name.partition(".")[0] in ROOTS else None


def free(scope: Scope | None, new: str) -> bool:
    """Whether ``new``'s first name means that builtin or module in ``scope`` (is not bound
    to anything else there); ``from builtins import str`` (python-future) is the builtin."""
    head = new.lstrip("(").partition(".")[0].rstrip(",)")
    if scope is None or "." in new:
        return is_module_name(scope, head)
    builtin = {f"builtins.{head}", f"future.builtins.{head}"}
    return all(
        isinstance(a, BuiltinAssignment)
        or (
            isinstance(a, ImportAssignment)
            and {q.name for q in a.get_qualified_names_for(head)} <= builtin
        )
        for a in scope[head]
    )


# Expressions.

#: Expressions that take ``.attr`` or ``[i]`` as they are.
_PRIMARY = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.List, cst.Dict)
ARG = m.Arg(keyword=None, star="")
ISINSTANCE = m.Call(m.Name("isinstance") | m.Name("issubclass"), [ARG, ARG])


def keep_parens(old: cst.BaseExpression, new: cst.BaseExpression) -> cst.BaseExpression:
    """``new`` inside the parentheses that were around ``old`` (which serve a tuple's too)."""
    if not old.lpar:
        return new
    return new.with_changes(lpar=[*old.lpar, *new.lpar[1:]], rpar=[*new.rpar[1:], *old.rpar])


def bytes_literal(node: cst.SimpleString) -> cst.SimpleString | None:
    """``node`` (the argument of ``six.b``) as the bytes literal of the same ASCII text."""
    prefix = node.prefix.replace("u", "").replace("U", "")
    if "b" in prefix.lower():
        return None
    text = prefix + "b" + node.value[len(node.prefix) :]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes: the input's, kept as they are
            value = ast.literal_eval(node.value)
            same = value.isascii() and ast.literal_eval(text) == value.encode("ascii")
    except (SyntaxError, ValueError):
        return None
    return node.with_changes(value=text) if same else None


def fill(name: str, args: Sequence[cst.Arg], iterated: bool) -> cst.BaseExpression | None:
    """The Python 3 expression for the call ``name(args)`` (positional), if it has one."""
    values = [arg.value for arg in args]
    if name in ("six.u", "six.b"):
        literal = values[0] if len(values) == 1 else None
        if not isinstance(literal, cst.SimpleString):
            return None
        return literal if name == "six.u" else bytes_literal(literal)
    template = CALLS[name] if iterated or name not in ITERATORS else f"iter({CALLS[name]})"
    if len(values) != template.count("{"):
        return None
    if re.match(r"(?:iter\()?\{a\}", template) and not isinstance(values[0], _PRIMARY):
        values[0] = parens(values[0])
    config, used = cst.PartialParserConfig(), dict(zip("ab", values))
    return parse_template_expression(template, config, **used)


def stray_comments(call: cst.Call) -> bool:
    """Whether ``call`` holds comments outside its arguments' values (a rewrite would lose them)."""
    inside = sum(len(m.findall(arg.value, m.Comment())) for arg in call.args)
    return len(m.findall(call, m.Comment())) > inside


def unwrap(kind: str, call: cst.Call, scope: Scope | None) -> cst.Call:
    """``isinstance(x, (str,))`` -> ``isinstance(x, str)`` when the tuple was six's ``kind``."""
    obj, types = call.args
    single = m.matches(types.value, m.Tuple([m.Element()], lpar=[m.LeftParen()]))
    builtin = is_builtin(scope, cst.ensure_type(call.func, cst.Name).value)
    if not (VALUES.get(kind, "").startswith("(") and single and builtin):
        return call
    element = cst.ensure_type(types.value, cst.Tuple).elements[0].value
    return call.with_changes(args=[obj, types.with_changes(value=element)])


# Where a node sits (the mappings are the resolved ParentNodeProvider / ScopeProvider).

Metadata = Mapping[cst.CSTNode, object]
EXC_INFO = {QualifiedName("sys.exc_info", QualifiedNameSource.IMPORT)}
_RERAISE = m.Call(args=[m.Arg(m.Call(args=[]), star="*")])
_SCOPES = (cst.ExceptHandler, cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Module)


def iterated(call: cst.Call, parents: Metadata, scopes: Metadata) -> bool:
    """Whether ``call`` is only iterated over (so a view serves as well as an iterator)."""
    parent = parents[call]
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.iter is call
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, (cst.In, cst.NotIn))
    user = parents.get(parent) if isinstance(parent, cst.Arg) and not parent.star else None
    if not isinstance(user, cst.Call) or user.args[0] is not parent:
        return False
    func = user.func.value if isinstance(user.func, cst.Name) else ""
    scope = scopes.get(user)
    return func in ITERATING and is_builtin(scope if isinstance(scope, Scope) else None, func)


def reraise(call: cst.Call, parents: Metadata) -> tuple[cst.Expr, cst.BaseExpression] | None:
    """``(statement, sys.exc_info)`` if ``call`` is ``six.reraise(*sys.exc_info())`` as a whole
    statement in an ``except`` block (where a bare ``raise`` re-raises the same exception)."""
    statement = node = parents[call]
    while isinstance(node, cst.CSTNode) and not isinstance(node, _SCOPES):
        node = parents[node]
    if not (isinstance(statement, cst.Expr) and isinstance(node, cst.ExceptHandler)):
        return None
    if not m.matches(call, _RERAISE) or m.findall(call, m.Comment()):
        return None
    return statement, cst.ensure_type(call.args[0].value, cst.Call).func


# Imports.

Binding = tuple[str, "str | None", "str | None"]


def sole(scope: Scope | None, name: str) -> bool:
    """Whether ``name`` is bound once in ``scope`` and, in a function, not at module level."""
    if scope is None or len(scope.assignments[name]) != 1:
        return False
    return scope is scope.globals or not scope.globals.assignments[name]


def split(
    module: str, names: Sequence[cst.ImportAlias], scope: Scope | None
) -> tuple[list[cst.ImportAlias], list[Binding]]:
    """The aliases of ``from module import names`` to keep, and the imports replacing the rest.

    A replacement is ``(module, name, asname)`` for AddImportsVisitor, or ``("", None, None)``
    when the builtin of the same name takes over.
    """
    keep: list[cst.ImportAlias] = []
    binds: list[Binding] = []
    for alias in names:
        local = alias.evaluated_alias or alias.evaluated_name
        bind = rebinding(f"{module}.{alias.evaluated_name}", local)
        if module not in FROM_MODULES or bind is None or not sole(scope, local):
            keep.append(alias)
        else:
            binds.append((*bind, None if local in bind else local))
    return keep, binds
