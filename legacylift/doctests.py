"""Modernizing the Python inside doctests, as ``2to3 -d`` does, with legacylift's own pipeline.

A doctest example is a ``>>> `` line and the ``... `` lines right after it; the lines that
follow up to a blank line or the next ``>>>`` are its expected output, which is never touched.
Each example's source (the prompts and their indentation stripped) goes through
:func:`legacylift.engine.modernize_text` alone, like a tiny file, and the result is put back
with the same indentation: ``>>> `` on the first line, ``... `` on the others.  Examples of a
Python 2 file are lifted from Python 2; those of a Python 3 file are not.

An example is left as it is (with a note saying why) when it does not parse, when its rewrite
would drop a comment, not compile, or change its statements; imports a codemod adds become
``>>> import x`` examples of their own, right before it.  Examples are found in docstrings
(:func:`modernize_docstrings`, called by the engine) and in the text files a project's tests
run with ``doctest.DocFileSuite`` / ``DocFileTest`` / ``testfile`` (:func:`modernize_doctest_file`).
"""

from __future__ import annotations

import ast
import dataclasses
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from legacylift.astindex import AstIndex
from legacylift.astindex import index as ast_index
from legacylift.engine import Outcome, Settings, TransformError, modernize_text
from legacylift.lift import is_python2, is_python3
from legacylift.sparse import line_starts

_PS1 = re.compile(r"([ \t]*)>>>")
_PS2 = re.compile(r"([ \t]*)\.\.\.")
_IMPORTS = (ast.Import, ast.ImportFrom)
#: Codemods that read what lies next to the file: an example does not run as part of it
#: (a doctest text file has no package; a docstring's module may import absolutely).
_FILE_BOUND = frozenset({"implicit_relative_imports"})


class _Refuse(Exception):
    """This example stays as it is; the message (if any) becomes a note."""


@dataclass(frozen=True)
class _Line:
    text: str  # without its line ending
    eol: str  # "\n", "\r\n", or "" for a last line without one


def _lines(text: str) -> list[_Line]:
    parts = text.split("\n")
    lines = [
        _Line(part[:-1], "\r\n") if part.endswith("\r") else _Line(part, "\n")
        for part in parts[:-1]
    ]
    if parts[-1]:
        lines.append(_Line(parts[-1], ""))
    return lines


@dataclass(frozen=True)
class _Example:
    start: int  # index of the ``>>>`` line
    end: int  # one past its last ``...`` line
    indent: str


def _examples(lines: list[_Line]) -> Iterator[_Example]:
    i = 0
    while i < len(lines):
        match = _PS1.match(lines[i].text)
        if match is None:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and _PS2.match(lines[end].text):
            end += 1
        yield _Example(i, end, match.group(1))
        i = end


def _source(lines: list[_Line], example: _Example, escaped: bool) -> str:
    """The example's code, as doctest compiles it; refuses examples doctest would reject."""
    block = lines[example.start : example.end]
    if "\t" in example.indent:
        raise _Refuse("indented with tabs")
    code = []
    for line in block:
        if not line.text.startswith(example.indent) or line.text[len(example.indent)] in " \t":
            raise _Refuse("its lines are not indented alike")
        if line.text[len(example.indent) + 3 : len(example.indent) + 4] not in ("", " "):
            raise _Refuse("a prompt is not followed by a space")
        code.append(line.text[len(example.indent) + 4 :])
    before = lines[example.start - 1].text if example.start else ""
    if escaped and (any("\\" in line.text for line in block) or before.endswith("\\")):
        raise _Refuse("a backslash in a docstring that is not raw")
    return "\n".join(code) + "\n"


def _kinds(code: str) -> list[type[ast.stmt]]:
    return [type(statement) for statement in ast.parse(code).body]


def _same_output(old: list[type[ast.stmt]], new: list[type[ast.stmt]]) -> bool:
    """Whether statements of kinds ``new`` print what ``old`` printed: the same kinds, or
    imports only (``import mock`` -> ``from unittest import mock`` prints nothing either way)."""
    return old == new or all(issubclass(kind, _IMPORTS) for kind in old + new)


def _chunks(old: str, new: str) -> list[list[str]]:
    """The examples ``new`` makes: one per import a codemod added, then the rewritten one.

    ``new`` must hold the statements of ``old``, after any imports a codemod added (which
    print nothing, so the expected output still follows the statement it belongs to).
    """
    before, after = ast.parse(old).body, ast.parse(new).body
    if len({statement.lineno for statement in before}) > 1:
        raise _Refuse("it holds more than one statement")
    added = len(after) - len(before)
    lines = new.removesuffix("\n").split("\n")
    if added == 0 and _same_output(_kinds(old), _kinds(new)):
        return [lines]
    # No import added, yet the statement changed kind (``import mock`` became ``from unittest
    # import mock``): the example would print differently, or not at all.
    if added <= 0 or not all(isinstance(statement, _IMPORTS) for statement in after[:added]):
        raise _Refuse("its rewrite would change its statements")
    chunks: list[list[str]] = []
    taken: set[int] = set()
    for statement in after[:added]:
        assert statement.end_lineno is not None
        span = range(statement.lineno - 1, statement.end_lineno)
        chunks.append([lines[index] for index in span])
        taken.update(span)
    index = max(taken) + 1
    while index < len(lines) and not lines[index].strip():  # the blank line after the imports
        taken.add(index)
        index += 1
    chunks.append([line for index, line in enumerate(lines) if index not in taken])
    expected = [[type(statement)] for statement in after[:added]] + [_kinds(old)]
    if [_kinds("\n".join(chunk)) for chunk in chunks] != expected:
        raise _Refuse("its rewrite would change its statements")
    return chunks


def _render(lines: list[_Line], example: _Example, old: str, new: str) -> list[_Line]:
    chunks = _chunks(old, new)
    block = lines[example.start : example.end]
    default_eol = block[0].eol or "\n"
    rendered = []
    for chunk in chunks:
        for index, text in enumerate(chunk):
            prompt = "..." if index else ">>>"
            if text:
                prompt += " "
            # Without added imports, line i is where line i was: keep its line ending, and the
            # prompt of a blank line (with or without its space).
            same = len(chunks) == 1 and index < len(block)
            if same and not text and block[index].text[len(example.indent) + 3 :].isspace():
                prompt = block[index].text[len(example.indent) :]
            eol = block[index].eol if same and block[index].eol else default_eol
            rendered.append(_Line(example.indent + prompt + text, eol))
    rendered[-1] = dataclasses.replace(rendered[-1], eol=block[-1].eol)
    return rendered


def modernize_examples(
    text: str,
    settings: Settings,
    python2: bool,
    *,
    escaped: bool = False,
    first_line: int = 1,
    filename: str = "<doctest>",
) -> tuple[str, dict[str, int], list[str]]:
    """``text`` with its doctest examples modernized, the rewrite counts, and notes.

    ``python2``: the examples are Python 2 (lift them, and run the Python 2 codemods); else an
    example that is not Python 3 is left alone.  ``escaped``: ``text`` is the body of a
    docstring that is not raw, where a backslash would mean something else than in the code.
    ``first_line`` is the line number of ``text``'s first line, for the notes.
    """
    lines = _lines(text)
    codemods = tuple(c for c in settings.codemods if c.name() not in _FILE_BOUND)
    settings = dataclasses.replace(settings, codemods=codemods, python2=settings.python2 or python2)
    rewrites: dict[str, int] = {}
    notes: list[str] = []
    out: list[_Line] = []
    done = 0
    for example in _examples(lines):
        out.extend(lines[done : example.start])
        done = example.end
        where = f"doctest line {first_line + example.start}"
        try:
            rendered, outcome = _rewrite(lines, example, settings, escaped, f"{filename}:{where}")
        except _Refuse as refusal:
            notes.append(f"{where}: example left unchanged: {refusal}")
            out.extend(lines[example.start : example.end])
            continue
        out.extend(rendered)
        notes.extend(f"{where}: {note}" for note in outcome.notes)
        for name, count in outcome.rewrites.items():
            rewrites[f"doctest:{name}"] = rewrites.get(f"doctest:{name}", 0) + count
    out.extend(lines[done:])
    return "".join(line.text + line.eol for line in out), rewrites, notes


def _rewrite(
    lines: list[_Line], example: _Example, settings: Settings, escaped: bool, filename: str
) -> tuple[list[_Line], Outcome]:
    """The example's lines after the rewrite, and what the engine did; or _Refuse."""
    source = _source(lines, example, escaped)
    if not settings.python2 and not is_python3(source):
        python2 = is_python2(source)
        raise _Refuse("it is not Python 3 (--python2 lifts it)" if python2 else "cannot parse")
    try:
        outcome = modernize_text(source, settings, filename, doctests=False)
    except TransformError as exc:
        raise _Refuse(str(exc)) from None
    if outcome.code == source:
        return lines[example.start : example.end], outcome
    if escaped and "\\" in outcome.code:
        raise _Refuse("its rewrite has a backslash, in a docstring that is not raw")
    return _render(lines, example, outcome.source, outcome.code), outcome


def modernize_docstrings(
    code: str, settings: Settings, python2: bool, filename: str = "<string>"
) -> tuple[str, dict[str, int], list[str]]:
    """``code`` with the doctest examples of its docstrings modernized; counts and notes.

    A docstring is the first statement of the module, a class or a function, one string
    literal (not concatenated) holding ``>>>``.  The file's ``ast`` finds them and each is
    rewritten in the text: LibCST's parse of the file, with positions, cost more than all the
    rest of its run (1.5 s over Django's 25 files with such docstrings, one of them changed).
    """
    try:
        found = ast_index(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code, {}, ["doctests left unchanged: the file does not parse"]
    rewrites: dict[str, int] = {}
    notes: list[str] = []
    edits: list[tuple[int, int, str]] = []
    starts = line_starts(code)
    for literal in sorted(_docstrings(found), key=lambda node: (node.lineno, node.col_offset)):
        start, end = (
            _offset(code, starts, literal.lineno, literal.col_offset),
            _offset(
                code, starts, literal.end_lineno or literal.lineno, literal.end_col_offset or 0
            ),
        )
        new = _rewrite_docstring(code[start:end], literal.lineno, settings, python2, filename)
        if new is None:
            continue
        value, found_rewrites, found_notes = new
        notes.extend(found_notes)
        if value != code[start:end]:
            edits.append((start, end, value))
            for name, count in found_rewrites.items():
                rewrites[name] = rewrites.get(name, 0) + count
    for start, end, value in reversed(edits):
        code = code[:start] + value + code[end:]
    return code, rewrites, notes


def _docstrings(found: AstIndex) -> Iterator[ast.Constant]:
    """The docstring literals of the module, its classes and functions (ast's, unchecked)."""
    owners: list[ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef] = [found.tree]
    owners += found.of(ast.ClassDef)
    owners += found.of(ast.FunctionDef)
    owners += found.of(ast.AsyncFunctionDef)
    for owner in owners:
        first = owner.body[0] if owner.body else None
        literal = first.value if isinstance(first, ast.Expr) else None
        if isinstance(literal, ast.Constant) and ">>>" in str(literal.value):
            yield literal


def _offset(code: str, starts: list[int], line: int, column: int) -> int:
    """The offset in ``code`` of ``ast``'s (line, column), whose column counts UTF-8 bytes
    (of the text without its byte-order mark)."""
    begin = starts[line - 1] + (line == 1 and code.startswith("\ufeff"))
    if code[begin : begin + column].isascii():
        return begin + column
    end = starts[line] if line < len(starts) else len(code)  # the line alone is encoded
    return begin + len(code[begin:end].encode("utf-8")[:column].decode("utf-8", errors="ignore"))


def _rewrite_docstring(
    token: str, line: int, settings: Settings, python2: bool, filename: str
) -> tuple[str, dict[str, int], list[str]] | None:
    """The docstring literal ``token`` with its examples modernized, the rewrite counts and the
    notes; None when it is not one plain or raw text literal (concatenated, bytes, ...)."""
    prefix = _PREFIX.match(token)
    if prefix is None or ">>>" not in token or not _one_literal(token):
        return None
    quote = prefix[2]
    head = len(prefix[1]) + len(quote)
    body = token[head : -len(quote)]
    new, rewrites, notes = modernize_examples(
        body, settings, python2, escaped="r" not in prefix[1].lower(), first_line=line,
        filename=filename,
    )  # fmt: skip
    if new == body:
        return token, {}, notes
    value = token[:head] + new + quote
    if new.count(quote) != body.count(quote) or not _is_str_literal(value):
        return token, {}, [*notes, f"doctest line {line}: docstring left unchanged: its quotes"]
    return value, rewrites, notes


#: The prefix (no ``b``, ``f``) and quotes of a text literal.
_PREFIX = re.compile(r"""([rRuU]?)('{3}|"{3}|'|")""")


def _one_literal(token: str) -> bool:
    """Whether ``token`` is a single string literal (``"a" "b"`` is one constant to ``ast``)."""
    try:
        kinds = [t.type for t in tokenize.generate_tokens(io.StringIO(token).readline)]
    except (tokenize.TokenError, SyntaxError):
        return False
    return kinds.count(tokenize.STRING) == 1


def _is_str_literal(value: str) -> bool:
    try:
        return isinstance(ast.literal_eval(value), str)
    except (SyntaxError, ValueError):
        return False


def is_python2_doctest(text: str) -> bool:
    """Whether some example of a doctest text file is Python 2 (so the file is)."""
    lines = _lines(text)
    for example in _examples(lines):
        try:
            source = _source(lines, example, escaped=False)
        except _Refuse:
            continue
        if is_python2(source):
            return True
    return False


def modernize_doctest_file(text: str, settings: Settings, filename: str = "<doctest>") -> Outcome:
    """A doctest text file's examples modernized; Python 2 if one example is (or --python2)."""
    python2 = settings.python2 or is_python2_doctest(text)
    code, rewrites, notes = modernize_examples(text, settings, python2, filename=filename)
    return Outcome(code=code, rewrites=rewrites, notes=notes, source=text)
