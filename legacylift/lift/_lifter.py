"""The Python 2 to Python 3 syntax lift over a fissix tree.

The text is parsed once with fissix's Python 2 grammar, each Python 2 construct is rewritten in
place (children before their parents), and ``str(tree)`` is the result.  fissix trees keep every
byte of the source in the leaves' prefixes, which is checked before anything is rewritten, so
whatever no rewrite touches comes out byte for byte, comments and newlines included.
"""

from __future__ import annotations

import codecs
import io
import keyword
import re
import tokenize
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Union

from legacylift.lift import _literals, _tree
from legacylift.lift._detect import parse_python3, reads_as_python3
from legacylift.lift._indent import reindent
from legacylift.lift._result import LiftError, LiftResult
from legacylift.lift._tree import (
    Leaf,
    SourceError,
    Tree,
    as_leaf,
    detach,
    is_leaf,
    new_leaf,
    new_node,
)

_COMMENT = re.compile(r"#[^\r\n]*")
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_PARAMS_LISTS = (_tree.TYPEDARGSLIST, _tree.VARARGSLIST)
_PARENS_PARAMS = (_tree.TFPDEF, _tree.VFPDEF)
_PARAMS_TUPLES = (_tree.TFPLIST, _tree.VFPLIST)
_LAMBDAS = (_tree.LAMBDEF, _tree.OLD_LAMBDEF)
_COMPREHENSIONS = (_tree.COMP_FOR,)

#: A tuple parameter's shape: a name, or a tuple of shapes.
Shape = Union[str, list["Shape"]]

_SOFTSPACE = (
    'print with a trailing comma became end=" ": Python 2 wrote that space only if more output '
    "followed on the same line (softspace)"
)
_TRACEBACK = (
    "raise E, V, T became raise E(V).with_traceback(T): where V already is an exception, "
    "raise V.with_traceback(T) is closer"
)
_EXEC_LOCALS = "exec in a function can no longer change the function's local variables"
_STAR_IN_FUNCTION = (
    "`import *` in a function runs through exec: the function no longer sees the names it "
    "binds; import the names it uses"
)
_TEXT_ESCAPE = (
    "a \\u, \\U or \\N{} sequence in a Python 2 byte string was text there and is an escape "
    "now; double the backslash if the text was meant"
)


class _Source:
    """The text fissix parses: no BOM, a final newline, Python 3 consistent indentation."""

    def __init__(self, text: str) -> None:
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(self.bom) :]
        # fissix needs a final newline (and would drop whitespace after the last one).
        self.added_newline = "" if body.endswith("\n") else "\n"
        self.features = future_features(body + self.added_newline)
        self.text, self.reindented = reindent(body + self.added_newline)
        self.tree = _tree.parse(self.text, print_statement="print_function" not in self.features)

    def restore(self, code: str) -> str:
        """``code`` (the tree's text) with the BOM and the missing final newline as before."""
        if self.added_newline:
            code = code.removesuffix(self.added_newline)
        return self.bom + code


def parses_as_python2(text: str) -> bool:
    """Whether fissix's Python 2 grammar accepts ``text``."""
    try:
        _Source(text)
    except SourceError:
        return False
    return True


def lift_python2(text: str) -> LiftResult:
    """Lift ``text``, which is not Python 3 (see :func:`legacylift.lift.lift`)."""
    try:
        return _lift(text)
    except RecursionError:
        raise LiftError("too deeply nested to lift") from None


def _lift(text: str) -> LiftResult:
    try:
        source = _Source(text)
    except SourceError as py2:
        raise LiftError(_neither(text, py2)) from None
    if str(source.tree) != source.text:
        line = _first_difference(source.text, str(source.tree))
        raise LiftError(f"line {line}: fissix cannot reproduce this file byte for byte")
    comments = _comments_in_prefixes(source.tree)
    lifter = _Lifter(source)
    for node in reversed(list(source.tree.pre_order())):  # children before their parents
        lifter.visit(node)
    code = source.restore(str(source.tree))
    rewrites = dict(sorted(lifter.rewrites.items()))
    if source.reindented:
        rewrites["indentation"] = source.reindented
    _verify(comments, code)
    return LiftResult(code=code, changed=code != text, rewrites=rewrites, notes=lifter.notes())


def future_features(text: str) -> frozenset[str]:
    """The ``from __future__ import`` names at the top of ``text`` (tokens, not a parse)."""
    found: set[str] = set()
    significant = (t for t in _tree.tokens(text) if t.type not in (_tree.COMMENT, _tree.NL))
    try:
        tok = next(significant)
        if tok.type == _tree.STRING:  # the docstring
            while tok.type == _tree.STRING:
                tok = next(significant)
            if tok.type != _tree.NEWLINE:
                return frozenset()
            tok = next(significant)
        while tok.string == "from":
            if next(significant).string != "__future__" or next(significant).string != "import":
                break
            previous = ""
            tok = next(significant)
            while tok.type != _tree.NEWLINE and tok.string != ";":
                if tok.type == _tree.NAME and tok.string != "as" and previous != "as":
                    found.add(tok.string)
                previous = tok.string
                tok = next(significant)
            tok = next(significant)
    except (StopIteration, SourceError):
        pass
    return frozenset(found)


def _neither(text: str, py2: SourceError) -> str:
    """The message for text that neither grammar accepts.

    The parser that got further is the better guess of what the file was meant to be, except
    that running into the end of the file says little (an unclosed bracket, usually).
    """
    try:
        parse_python3(text)
    except SyntaxError as py3:
        if (py3.lineno or 0) >= py2.line or py2.message.startswith("EOF"):
            return f"line {py3.lineno}: neither Python 3 nor Python 2: {py3.msg}"
    except ValueError as py3:
        return f"line {py2.line}: neither Python 3 nor Python 2: {py3}"
    return f"line {py2.line}: neither Python 3 nor Python 2: {py2.message}"


def _first_difference(expected: str, got: str) -> int:
    for number, (left, right) in enumerate(zip(expected.split("\n"), got.split("\n")), 1):
        if left != right:
            return number
    return min(expected.count("\n"), got.count("\n")) + 1


def _verify(before: Counter[str], code: str) -> None:
    """Refuse a result that does not parse as Python 3, or that lost one of the comments."""
    try:
        tree = parse_python3(code)
    except SyntaxError as exc:
        raise LiftError(
            f"line {exc.lineno}: still not Python 3 after the lift: {exc.msg}"
        ) from None
    if not reads_as_python3(tree, code):
        raise LiftError("the lifted code still reads as Python 2")  # a lift bug: be safe
    lost = before - _comments_py3(code)
    if lost:
        raise LiftError(f"the lift would drop the comment {next(iter(lost))!r}")


def _comments_in_prefixes(tree: Tree) -> Counter[str]:
    """The comments of a parsed text: prefixes hold only whitespace, continuations, comments."""
    found: Counter[str] = Counter()
    for leaf in tree.leaves():
        if "#" in leaf.prefix:
            found.update(comment.rstrip() for comment in _COMMENT.findall(leaf.prefix))
    return found


def _comments_py3(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for tok in tokenize.generate_tokens(io.StringIO(text.removeprefix("\ufeff")).readline):
        if tok.type == tokenize.COMMENT:
            found[tok.string.rstrip()] += 1
    return found


def _encoding(text: str) -> str:
    """The file's declared source encoding (a coding comment on line 1 or 2), else UTF-8."""
    for line in text.split("\n", 2)[:2]:
        match = _CODING.match(line)
        if match:
            try:
                return codecs.lookup(match.group(1)).name
            except LookupError:
                break
    return "utf-8"


class _Lifter:
    """The rewrites, one method per construct; :meth:`visit` dispatches."""

    def __init__(self, source: _Source) -> None:
        self.tree = source.tree
        self.print_statement = "print_function" not in source.features
        self.unicode_literals = "unicode_literals" in source.features
        self.encoding = _encoding(source.text)
        self.rewrites: Counter[str] = Counter()
        self._notes: dict[str, set[int]] = {}
        self._names: set[str] | None = None
        self._made: dict[str, str] = {}  # new name -> the base it was made from

    # -- bookkeeping ---------------------------------------------------------------------------

    def note(self, message: str, tree: Tree) -> None:
        """Report ``message`` for the line of ``tree``."""
        self._notes.setdefault(message, set()).add(tree.get_lineno() or 0)

    def notes(self) -> list[str]:
        """The notes, one per message, with their lines, in order of their first line."""
        ordered = sorted(self._notes.items(), key=lambda item: min(item[1]))
        rendered = []
        for message, lines in ordered:
            where = ", ".join(str(line) for line in sorted(lines))
            rendered.append(f"line{'s' if len(lines) > 1 else ''} {where}: {message}")
        return rendered

    def fresh_name(self, parts: list[str]) -> str:
        """A readable new name from ``parts`` (``b_c`` for ``(b, c)``) that the file never uses.

        Two new names for the same names may be equal (``b_c`` in two functions): they only
        hold values that the original code never referred to, and a nested one stands for the
        same names as the outer one, which it hides.  New names for other names always differ.
        """
        if self._names is None:
            self._names = {leaf.value for leaf in self.tree.leaves() if leaf.type == _tree.NAME}
        base = "_".join(parts)
        name, number = base, 2
        while (
            name in self._names
            or keyword.iskeyword(name)
            or self._made.setdefault(name, base) != base
        ):
            name, number = f"{base}_{number}", number + 1
        return name

    # -- dispatch ------------------------------------------------------------------------------

    def visit(self, node: Tree) -> None:
        """Rewrite ``node`` if it is a Python 2 construct (its children are done already)."""
        leaf = as_leaf(node)
        if leaf is not None:
            self.visit_leaf(leaf)
        elif node.type == _tree.PRINT_STMT:
            self.print_stmt(node)
        elif node.type == _tree.EXEC_STMT:
            self.exec_statement(node)
        elif node.type == _tree.RAISE_STMT:
            self.raise_statement(node)
        elif node.type == _tree.EXCEPT_CLAUSE:
            self.except_clause(node)
        elif node.type == _tree.ATOM and is_leaf(node.children[0], _tree.BACKQUOTE):
            self.backticks(node)
        elif node.type == _tree.FUNCDEF:
            self.def_parameters(node)
            self.keyword_names(node)
        elif node.type in _LAMBDAS:
            self.lambda_parameters(node)
        elif node.type in _COMPREHENSIONS:
            self.comprehension_tuple(node)
        elif node.type == _tree.EXPR_STMT:
            self.constant_shim(node)
            self.class_keyword_attribute(node)
        elif node.type == _tree.TRAILER and _keyword_attribute(node):
            self.keyword_attribute(node)
        elif node.type == _tree.IMPORT_FROM and _inside_function(node):
            self.star_import_in_function(node)

    def visit_leaf(self, leaf: Leaf) -> None:
        """Literals, ``<>`` and the bare ``print`` statement."""
        if leaf.type == _tree.NUMBER:
            self.number(leaf)
        elif leaf.type == _tree.STRING:
            self.string(leaf)
        elif leaf.type == _tree.NOTEQUAL and leaf.value == "<>":
            leaf.value = "!="
            self.rewrites["ne"] += 1
        elif (
            self.print_statement
            and is_leaf(leaf, _tree.NAME, "print")
            and (leaf.parent is None or leaf.parent.type != _tree.PRINT_STMT)
        ):
            # With the print statement grammar "print" is a keyword: alone, it is a statement.
            leaf.replace(_call(new_leaf(_tree.NAME, "print", leaf.prefix), []))
            self.rewrites["print"] += 1

    # -- literals ------------------------------------------------------------------------------

    def number(self, leaf: Leaf) -> None:
        """``0777`` -> ``0o777``, ``10L`` -> ``10`` (``7L.real`` -> ``(7).real``)."""
        value, kinds = _literals.number(leaf.value)
        if not kinds:
            return
        self.rewrites.update(kinds)
        leaf.value = value
        trailer = leaf.next_sibling
        if (
            value.isdigit()
            and trailer is not None
            and trailer.type == _tree.TRAILER
            and is_leaf(trailer.children[0], _tree.DOT)
        ):
            # 7.real would read as the float "7." followed by a name
            placeholder = new_leaf(_tree.NAME, "")
            leaf.replace(placeholder)
            prefix, leaf.prefix = leaf.prefix, ""
            placeholder.replace(_parenthesize_with(leaf, prefix))

    def string(self, leaf: Leaf) -> None:
        """``ur''`` prefixes, non-ASCII bytes, escapes Python 3 rejects (see _literals)."""
        value, kind = _literals.string(leaf.value, self.unicode_literals, self.encoding)
        if kind is not None:
            leaf.value = value
            self.rewrites[kind] += 1
        elif _literals.has_text_escape(leaf.value, self.unicode_literals):
            self.note(_TEXT_ESCAPE, leaf)

    def backticks(self, atom: Tree) -> None:
        """```x``` -> ``repr(x)``."""
        _open, inner, close = atom.children
        detach(inner)
        if inner.type == _tree.TESTLIST1:  # `a, b` is the repr of a tuple
            inner = _parenthesize(inner)
        call = _call(new_leaf(_tree.NAME, "repr", atom.prefix), [inner], close.prefix)
        atom.replace(call)
        self.rewrites["backticks"] += 1

    # -- statements ----------------------------------------------------------------------------

    def print_stmt(self, stmt: Tree) -> None:
        """``print x, y,`` / ``print >>f, x`` -> ``print(x, y, end=" ")`` / ``print(x, file=f)``."""
        rest = list(stmt.children[1:])
        dest: Tree | None = None
        if rest and is_leaf(rest[0], _tree.RIGHTSHIFT):
            dest = rest[1]
            _carry(rest[0], dest)
            if len(rest) > 2:
                _carry(rest[2], rest[3])
            rest = rest[3:]
        trailing = rest.pop() if rest and is_leaf(rest[-1], _tree.COMMA) else None
        if dest is None and trailing is None and len(rest) == 1 and _parenthesized(rest[0]):
            return  # print(x) means the same in both
        for child in stmt.children[1:]:
            detach(child)
        arguments: list[Tree] = list(rest)
        if arguments:
            _tidy(arguments[0])
        if dest is not None:
            _tidy(dest)
            _add_keyword(arguments, "file", dest)
        if trailing is not None:
            _add_keyword(arguments, "end", new_leaf(_tree.STRING, '" "'))
            self.note(_SOFTSPACE, stmt)
        stmt.replace(_call(new_leaf(_tree.NAME, "print", stmt.prefix), arguments))
        self.rewrites["print"] += 1

    def exec_statement(self, stmt: Tree) -> None:
        """``exec code in g, l`` -> ``exec(code, g, l)``."""
        children = list(stmt.children)
        code = children[1]
        if len(children) == 2 and _parenthesized(code, tuples=True):
            return  # exec(code) and exec(code, ns) mean the same in both
        for child in children[1:]:
            detach(child)
        _tidy(code)
        arguments: list[Tree] = [code]
        for namespace in children[3:]:  # after "in": g [, l]
            if is_leaf(namespace, _tree.COMMA):
                continue
            if not namespace.prefix:
                namespace.prefix = " "
            arguments += [new_leaf(_tree.COMMA, ","), namespace]
        if len(children) == 2 and _inside_function(stmt):
            self.note(_EXEC_LOCALS, stmt)
        stmt.replace(_call(new_leaf(_tree.NAME, "exec", stmt.prefix), arguments))
        self.rewrites["exec"] += 1

    def raise_statement(self, stmt: Tree) -> None:
        """``raise E, V`` -> ``raise E(V)``; ``raise E, V, T`` -> ``... .with_traceback(T)``."""
        children = list(stmt.children)
        if len(children) < 4 or not is_leaf(children[2], _tree.COMMA):
            return
        for child in children[1:]:
            detach(child)
        kind, value = children[1], children[3]
        traceback = children[5] if len(children) > 5 else None
        if kind.type not in (_tree.NAME, _tree.POWER, _tree.ATOM):
            prefix, kind.prefix = kind.prefix, ""
            kind = _parenthesize(kind)
            kind.prefix = prefix
        parts: list[Tree] = [kind]
        arguments = _exception_arguments(value)
        # `raise X, None, tb` re-raises an instance (a class would have had a value)
        if arguments is not None:
            parts.append(_trailer(arguments))
        if traceback is not None:
            _tidy(traceback)
            parts.append(
                new_node(_tree.TRAILER, [new_leaf(_tree.DOT, "."), _name("with_traceback")])
            )
            parts.append(_trailer([traceback]))
            self.note(_TRACEBACK, stmt)
        stmt.append_child(new_node(_tree.POWER, parts) if len(parts) > 1 else kind)
        self.rewrites["raise"] += 1

    def except_clause(self, clause: Tree) -> None:
        """``except E, e:`` -> ``except E as e:`` (other targets: through a new name)."""
        children = clause.children
        if len(children) != 4 or not is_leaf(children[2], _tree.COMMA):
            return
        comma, target = children[2], children[3]
        comma.replace(new_leaf(_tree.NAME, "as", comma.prefix or " "))
        self.rewrites["except"] += 1
        if target.type == _tree.NAME:
            if not target.prefix:
                target.prefix = " "
            return
        # except E, (a, b):  or  except E, self.error:  Python 3 only binds a plain name.
        name = self.fresh_name(_names_in(target))
        unpack = ".args" if target.type == _tree.ATOM else ""  # Python 2 unpacked the args
        assignment = f"{_text(target)} = {name}{unpack}"
        target.replace(new_leaf(_tree.NAME, name, " "))
        colon = clause.next_sibling
        body = colon.next_sibling if colon is not None else None
        if body is not None:
            _insert_first(body, [assignment], after_docstring=False)

    def star_import_in_function(self, stmt: Tree) -> None:
        """``from m import *`` in a function -> ``exec("from m import *")`` (still imports m)."""
        if not any(is_leaf(child, _tree.STAR) for child in stmt.children):
            return
        text = " ".join(_text(stmt).split())
        statement = new_leaf(_tree.STRING, repr(text))
        stmt.replace(_call(new_leaf(_tree.NAME, "exec", stmt.prefix), [statement]))
        self.note(_STAR_IN_FUNCTION, stmt)
        self.rewrites["import-star"] += 1

    def keyword_attribute(self, trailer: Tree) -> None:
        """``xmlrpclib.False`` -> ``getattr(xmlrpclib, 'False')`` (a keyword in Python 3)."""
        power = trailer.parent
        assert power is not None
        siblings = power.children
        at = siblings.index(trailer)
        following = power.next_sibling
        if is_leaf(following, _tree.EQUAL) or is_leaf(following, _tree.OP):
            return  # an assignment target: setattr would be needed; the lift then fails
        head = [detach(child) for child in siblings[:at]]
        name = as_leaf(trailer.children[1])
        assert name is not None
        detach(trailer)
        prefix, head[0].prefix = head[0].prefix, ""
        obj = head[0] if len(head) == 1 else new_node(_tree.POWER, head)
        text = new_leaf(_tree.STRING, repr(name.value), " ")
        call = _call(_name("getattr", prefix), [obj, new_leaf(_tree.COMMA, ","), text])
        power.insert_child(0, call)
        self.rewrites["keyword-attribute"] += 1

    def keyword_names(self, funcdef: Tree) -> None:
        """A parameter called ``async``/``await`` (keywords in 3.7) -> ``async_``, in the def."""
        params = {leaf.value for leaf in funcdef.children[2].leaves() if leaf.type == _tree.NAME}
        for word in sorted(params & _KEYWORD_NAMES):
            for leaf in funcdef.leaves():
                if leaf.value == word and leaf.type == _tree.NAME and _is_reference(leaf):
                    leaf.value = f"{word}_"
            self.rewrites["keyword-name"] += 1

    def class_keyword_attribute(self, stmt: Tree) -> None:
        """``async = False`` in a class body -> ``locals()['async'] = False`` (same attribute)."""
        target = as_leaf(stmt.children[0])
        suite = stmt.parent.parent if stmt.parent is not None else None
        owner = suite.parent if suite is not None else None
        if target is None or target.value not in _KEYWORD_NAMES or owner is None:
            return
        if owner.type != _tree.CLASSDEF or not is_leaf(stmt.children[1], _tree.EQUAL):
            return
        key = new_node(_tree.TRAILER, [new_leaf(_tree.LSQB, "["),
                                       new_leaf(_tree.STRING, repr(target.value)),
                                       new_leaf(_tree.RSQB, "]")])  # fmt: skip
        call = _trailer([])
        target.replace(new_node(_tree.POWER, [_name("locals", target.prefix), call, key]))
        self.rewrites["keyword-name"] += 1

    def constant_shim(self, stmt: Tree) -> None:
        """``try: True`` / ``except NameError: True = 1`` (Python < 2.3): the handler never runs.

        Python 3 rejects assigning to ``True``/``False``/``None``; the assignment becomes
        ``pass``, which is what the handler does on every Python since 2.3.
        """
        target = as_leaf(stmt.children[0])
        if target is None or target.value not in ("True", "False", "None"):
            return
        if not _in_name_error_handler(stmt):
            return
        stmt.replace(new_leaf(_tree.NAME, "pass", stmt.prefix))
        self.rewrites["constant-shim"] += 1

    # -- parameters ----------------------------------------------------------------------------

    def def_parameters(self, funcdef: Tree) -> None:
        """``def f(a, (b, c)):`` -> ``def f(a, b_c):`` and ``b, c = b_c`` first in the body."""
        parameters = funcdef.children[2]
        unpacking = []
        for param in _tuple_parameters(parameters):
            shape = _shape(param)
            if isinstance(shape, str):  # def f((a)): is just a parenthesized name
                param.replace(new_leaf(_tree.NAME, shape, param.prefix))
            else:
                name = self.fresh_name(_flatten(shape))
                unpacking.append(f"{_unpack_target(param)} = {name}")
                param.replace(new_leaf(_tree.NAME, name, param.prefix))
            self.rewrites["tuple-params"] += 1
        if unpacking:
            _insert_first(funcdef.children[-1], unpacking, after_docstring=True)

    def lambda_parameters(self, lambdef: Tree) -> None:
        """``lambda (x, y): x + y`` -> ``lambda x_y: x_y[0] + x_y[1]``."""
        if len(lambdef.children) < 4:
            return  # lambda: body
        paths: dict[str, tuple[str, list[int]]] = {}
        for param in _tuple_parameters(lambdef):
            shape = _shape(param)
            # `lambda(x):` needs a space once the parentheses are gone
            prefix = param.prefix or (" " if param.prev_sibling is lambdef.children[0] else "")
            if isinstance(shape, str):
                param.replace(new_leaf(_tree.NAME, shape, prefix))
            else:
                name = self.fresh_name(_flatten(shape))
                paths.update({inner: (name, path) for inner, path in _paths(shape)})
                param.replace(new_leaf(_tree.NAME, name, prefix))
            self.rewrites["tuple-params"] += 1
        if not paths:
            return
        body = lambdef.children[-1]
        if _rebinds(body, set(paths)):
            placeholder = new_leaf(_tree.NAME, "")
            body.replace(placeholder)
            placeholder.replace(_lambda_call(body, paths))
            return
        for leaf in list(body.leaves()):
            if leaf.type == _tree.NAME and leaf.value in paths and _is_reference(leaf):
                name, path = paths[leaf.value]
                leaf.replace(_subscripted(new_leaf(_tree.NAME, name, leaf.prefix), path))

    def comprehension_tuple(self, comp: Tree) -> None:
        """``[x for x in 1, 2]`` -> ``[x for x in (1, 2)]``."""
        iterable = comp.children[3] if len(comp.children) > 3 else None
        if iterable is None or iterable.type != _tree.TESTLIST_SAFE:
            return
        prefix, iterable.prefix = iterable.prefix, ""
        placeholder = new_leaf(_tree.NAME, "")
        iterable.replace(placeholder)
        wrapped = _parenthesize(iterable)
        wrapped.prefix = prefix
        placeholder.replace(wrapped)
        self.rewrites["comprehension-tuple"] += 1


# -- tree helpers ------------------------------------------------------------------------------


def _blank(prefix: str) -> bool:
    return not prefix.strip(" \t")


def _tidy(tree: Tree) -> None:
    """Drop plain spaces before ``tree`` (it now follows an opening parenthesis)."""
    if _blank(tree.prefix):
        tree.prefix = ""


def _carry(dropped: Tree, onto: Tree) -> None:
    """Keep a dropped token's prefix if it holds more than spaces (a line continuation)."""
    if not _blank(dropped.prefix):
        onto.prefix = dropped.prefix + onto.prefix


def _name(value: str, prefix: str = "") -> Leaf:
    return new_leaf(_tree.NAME, value, prefix)


def _trailer(arguments: Sequence[Tree], close_prefix: str = "") -> Tree:
    return new_node(
        _tree.TRAILER,
        [new_leaf(_tree.LPAR, "("), *arguments, new_leaf(_tree.RPAR, ")", close_prefix)],
    )


def _call(function: Leaf, arguments: Sequence[Tree], close_prefix: str = "") -> Tree:
    """``function(arguments)``; the arguments must be detached and carry their commas."""
    return new_node(_tree.POWER, [function, _trailer(arguments, close_prefix)])


def _parenthesize(tree: Tree) -> Tree:
    """``(tree)``; ``tree`` must be detached."""
    return new_node(_tree.ATOM, [new_leaf(_tree.LPAR, "("), tree, new_leaf(_tree.RPAR, ")")])


def _add_keyword(arguments: list[Tree], keyword_: str, value: Tree) -> None:
    if arguments:
        arguments.append(new_leaf(_tree.COMMA, ","))
    name = _name(keyword_, " " if arguments else "")
    arguments.append(new_node(_tree.ARGUMENT, [name, new_leaf(_tree.EQUAL, "="), value]))


#: Names that Python 3.7 made keywords and Python 2 code used as identifiers.
_KEYWORD_NAMES = frozenset({"async", "await"})


def _keyword_attribute(trailer: Tree) -> bool:
    """Whether ``trailer`` is ``.name`` with a name that Python 3 made a keyword."""
    children = trailer.children
    name = as_leaf(children[1]) if len(children) == 2 else None
    return (
        is_leaf(children[0], _tree.DOT)
        and name is not None
        and name.value in ("True", "False", "None", "async", "await", "nonlocal")
        and trailer.parent is not None
        and trailer.parent.type == _tree.POWER
    )


def _in_name_error_handler(stmt: Tree) -> bool:
    """Whether ``stmt`` is directly in the body of an ``except NameError`` clause."""
    suite = stmt.parent.parent if stmt.parent is not None else None
    if suite is not None and suite.type != _tree.SUITE:
        suite = stmt.parent  # `except NameError: True = 1` on one line
    colon = suite.prev_sibling if suite is not None else None
    clause = colon.prev_sibling if colon is not None else None
    if clause is None or clause.type != _tree.EXCEPT_CLAUSE:
        return False
    return any(is_leaf(leaf, _tree.NAME, "NameError") for leaf in clause.leaves())


def _is_tuple(inner: Tree) -> bool:
    """Whether the contents of a parenthesized atom make a tuple (a comma at the top)."""
    return inner.type == _tree.TESTLIST_GEXP and any(
        is_leaf(child, _tree.COMMA) for child in inner.children
    )


def _parenthesized(tree: Tree, tuples: bool = False) -> bool:
    """Whether ``tree`` is ``(expression)`` (or ``(a, b)`` too when ``tuples``), not ``()``."""
    if tree.type != _tree.ATOM or not is_leaf(tree.children[0], _tree.LPAR):
        return False
    return len(tree.children) == 3 and (tuples or not _is_tuple(tree.children[1]))


def _exception_arguments(value: Tree) -> list[Tree] | None:
    """The call arguments ``raise E, V`` meant: V's items if V is a tuple display, else V.

    ``raise E, None`` is ``raise E``: None (no call).
    """
    _tidy(value)
    if is_leaf(value, _tree.NAME, "None"):
        return None
    if value.type == _tree.ATOM and is_leaf(value.children[0], _tree.LPAR):
        if len(value.children) == 2:
            return []  # raise E, ()
        inner = value.children[1]
        if _is_tuple(inner):
            detach(inner)
            _tidy(inner)
            return [inner]
    return [value]


def _inside_function(tree: Tree) -> bool:
    parent = tree.parent
    while parent is not None:
        if parent.type == _tree.FUNCDEF:
            return True
        parent = parent.parent
    return False


def _text(tree: Tree) -> str:
    """The source text of ``tree`` without its prefix."""
    return str(tree)[len(tree.prefix) :]


def _names_in(tree: Tree) -> list[str]:
    return [leaf.value for leaf in tree.leaves() if leaf.type == _tree.NAME]


def _tuple_parameters(holder: Tree) -> list[Tree]:
    """The parenthesized parameters among the direct parameters of a def or lambda."""
    found: list[Tree] = []
    for child in holder.children:
        if child.type in _PARENS_PARAMS:
            found.append(child)
        elif child.type in _PARAMS_LISTS:
            found += [param for param in child.children if param.type in _PARENS_PARAMS]
    return found


def _shape(param: Tree) -> Shape:
    """The names a parameter binds: ``(a, (b, c))`` -> ``["a", ["b", "c"]]``; ``(a)`` -> "a"."""
    leaf = as_leaf(param)
    if leaf is not None:
        return leaf.value
    inner = param.children[1]  # ( inner )
    if inner.type in _PARAMS_TUPLES:
        return [_shape(child) for child in inner.children if not is_leaf(child, _tree.COMMA)]
    return _shape(inner)


def _flatten(shape: Shape) -> list[str]:
    if isinstance(shape, str):
        return [shape]
    return [name for part in shape for name in _flatten(part)]


def _paths(shape: Shape, path: tuple[int, ...] = ()) -> Iterator[tuple[str, list[int]]]:
    """Each name of a tuple parameter with its index path: ``(a, (b, c))`` -> b: [1, 0]."""
    if isinstance(shape, str):
        yield shape, list(path)
        return
    for index, part in enumerate(shape):
        yield from _paths(part, (*path, index))


def _unpack_target(param: Tree) -> str:
    """``(b, c)`` as an assignment target: ``b, c`` (kept in parentheses across lines)."""
    text = _text(param)
    if "\n" in text:
        return text
    return _text(param.children[1]).rstrip()


def _subscripted(name: Leaf, path: list[int]) -> Tree:
    trailers = [
        new_node(
            _tree.TRAILER,
            [new_leaf(_tree.LSQB, "["), new_leaf(_tree.NUMBER, str(i)), new_leaf(_tree.RSQB, "]")],
        )
        for i in path
    ]
    return new_node(_tree.POWER, [name, *trailers])


def _is_reference(leaf: Leaf) -> bool:
    """Whether a NAME leaf reads a variable (not ``.attr``, not a ``keyword=`` argument)."""
    parent = leaf.parent
    if parent is None:
        return True
    if parent.type == _tree.TRAILER and is_leaf(leaf.prev_sibling, _tree.DOT):
        return False
    return not (parent.type == _tree.ARGUMENT and is_leaf(leaf.next_sibling, _tree.EQUAL))


def _rebinds(body: Tree, names: set[str]) -> bool:
    """Whether a nested lambda or comprehension in ``body`` binds one of ``names`` again."""
    for node in body.pre_order():
        if node.type in _LAMBDAS and len(node.children) > 3:
            if names & set(_names_in(node.children[1])):
                return True
        elif node.type in _COMPREHENSIONS and names & set(_names_in(node.children[1])):
            return True
    return False


def _lambda_call(body: Tree, paths: dict[str, tuple[str, list[int]]]) -> Tree:
    """``(lambda a, b: body)(a_b[0], a_b[1])``: for bodies that bind the names again."""
    prefix, body.prefix = body.prefix, " "
    params = ", ".join(paths)
    arguments: list[Tree] = []
    for holder, path in paths.values():
        if arguments:
            arguments.append(new_leaf(_tree.COMMA, ","))
        arguments.append(_subscripted(_name(holder, " " if arguments else ""), path))
    inner = new_node(
        _tree.LAMBDEF, [_name("lambda"), _name(params, " "), new_leaf(_tree.COLON, ":"), body]
    )
    return new_node(_tree.POWER, [_parenthesize_with(inner, prefix), _trailer(arguments)])


def _parenthesize_with(tree: Tree, prefix: str) -> Tree:
    atom = _parenthesize(tree)
    atom.prefix = prefix
    return atom


def _is_docstring(stmt: Tree) -> bool:
    first = stmt.children[0] if stmt.type == _tree.SIMPLE_STMT else stmt
    if first.type == _tree.ATOM:
        return all(child.type == _tree.STRING for child in first.children)
    return first.type == _tree.STRING


def _insert_first(body: Tree, statements: list[str], after_docstring: bool) -> None:
    """Put ``statements`` first in a block (after its docstring when ``after_docstring``)."""
    kids = list(body.children)
    if body.type != _tree.SUITE:  # one line: def f((a, b)): return a
        at = 1 if after_docstring and _is_docstring(kids[0]) else 0
        leaves: list[Tree] = []
        for statement in statements:
            if at == 0 and not leaves:
                leaves += [_name(statement, kids[0].prefix), new_leaf(_tree.SEMI, ";")]
                kids[0].prefix = " "
            elif at == 0:
                leaves += [_name(statement, " "), new_leaf(_tree.SEMI, ";")]
            else:
                leaves += [new_leaf(_tree.SEMI, ";"), _name(statement, " ")]
        for offset, leaf in enumerate(leaves):
            body.insert_child(at + offset, leaf)
        return
    newline, indent = as_leaf(kids[0]), as_leaf(kids[1])
    assert newline is not None and indent is not None  # a suite is NEWLINE INDENT stmt+ DEDENT
    line_end = newline.value if newline.value.endswith("\n") else "\n"
    at = 3 if after_docstring and _is_docstring(kids[2]) else 2
    new = [
        new_node(_tree.SIMPLE_STMT, [_name(statement), new_leaf(_tree.NEWLINE, line_end)])
        for statement in statements
    ]
    for stmt in new[1:] if at == 2 else new:
        stmt.prefix = indent.value
    if at == 2:
        # The new lines go right under the def; blank lines and comments that led to the
        # first statement stay with it.
        first = kids[2]
        first.prefix = indent.prefix + indent.value + first.prefix
        indent.prefix = ""
    for offset, stmt in enumerate(new):
        body.insert_child(at + offset, stmt)
