"""Parse only what the codemods may touch: function and class bodies with no candidate stand
aside while LibCST runs.

LibCST parses about a tenth as fast as ``ast`` and walks as slowly again, while the candidates
of most codemods are a few lines of a large file (a ``%`` format in one method of a 2,000-line
module).  A codemod whose rewrites stay in the function or class where its pre-check matched
declares ``REACH = "local"`` (or ``"class"``: the whole class around the match).  For a file
whose wanted codemods are all such, every function or class body that holds no match becomes
one placeholder line followed by blank lines, so that LibCST parses a small module whose lines
keep their numbers; the original bodies go back into the printed result.

A codemod whose rewrites read only the statement where its match is, and no name's binding,
and add or remove no import (``"%s" % x`` -> an f-string), declares ``REACH = "statement"``:
inside a function, each run of statements with no such match becomes one placeholder
statement, whatever block it is in (the headers of the blocks around a match stay).  When
every wanted codemod is such, the module's and classes' own statements go the same way,
imports included (the engine runs the file whole if a codemod asked for an import anyway).

Otherwise imports, module-level code and the headers of every definition stay, so the
codemods still see every module-level binding; a body (or run) with ``global`` or ``nonlocal``
stays too, since it binds names outside itself.  A codemod may name more places than its
pre-check finds (LOCATIONS, such as ``c.Mapping`` after ``import collections as c``) and follow
what some imports bind (FOLLOW: each use of ``E`` after ``from socket import error as E``).  An
import a codemod schedules for removal is removed only when the whole text no longer uses its
name (engine), so uses in bodies that stood aside are never missed.  When the placeholders do
not come back intact (a codemod removed the statement after one, with the blank lines it
carried), the caller runs on the whole file.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from legacylift.codemod import LiftCodemod
from legacylift.lift._detect import parse_python3

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_PLACEHOLDER = "__legacylift_elided_{}__"
_PLACED = re.compile(r"^([ \t\f]*)__legacylift_elided_(\d+)__[ \t]*(?:\r\n|\r|\n)?\Z")
Span = tuple[int, int]
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BINDS_OUTSIDE = re.compile(r"\b(?:global|nonlocal)\b")
#: Files smaller than this are parsed whole: the planning would cost more than it saves.
MIN_SIZE = 2000


@dataclass
class Sparse:
    """The text LibCST parses, and the bodies that stood aside (by placeholder number)."""

    text: str
    #: For each placeholder: its indentation, the original lines it stands for, and how many
    #: blank lines follow them in ``text`` (so that a lost line of ours is noticed).
    bodies: list[tuple[str, list[str], int]] = field(default_factory=list)

    def restore(self, code: str) -> str | None:
        """``code`` (printed from the sparse text) with the bodies back; None if a
        placeholder, or one of the blank lines after it, did not survive the codemods."""
        lines = split_lines(code)
        out: list[str] = []
        index, expected = 0, 0
        while index < len(lines):
            found = _PLACED.match(lines[index]) if "__legacylift_elided_" in lines[index] else None
            if found is None:
                out.append(lines[index])
                index += 1
                continue
            if expected >= len(self.bodies) or int(found[2]) != expected:
                return None
            indent, original, after = self.bodies[expected]
            if found[1] != indent or _blank_run(lines, index + 1) != len(original) - 1 + after:
                return None
            out.extend(original)
            index += len(original)
            expected += 1
        return "".join(out) if expected == len(self.bodies) else None


def _blank_run(lines: list[str], start: int) -> int:
    """How many lines from ``start`` on hold only whitespace."""
    end = start
    while end < len(lines) and not lines[end].strip():
        end += 1
    return end - start


def plan(
    source: str,
    codemods: Sequence[type[LiftCodemod]],
    located: Mapping[type[LiftCodemod], set[int]] | None = None,
) -> Sparse | None:
    """The sparse text for running ``codemods`` on ``source``, or None to parse it whole
    (a codemod that may reach beyond its match, a small file, or nothing to leave out).

    ``located``: the lines a codemod's ``ast`` locator found, in place of its regexes."""
    if len(source) < MIN_SIZE or any(c.REACH == "file" or c.PRECHECK is None for c in codemods):
        return None
    starts = line_starts(source)
    hits: set[int] = set()
    whole: set[int] = set()  # lines whose class stays whole
    near: set[int] = set()  # lines whose statement alone stays
    located = located or {}
    for codemod in codemods:
        assert codemod.PRECHECK is not None
        if codemod in located:
            lines = located[codemod]
        else:
            lines = _lines(starts, codemod.PRECHECK.finditer(source))
            if codemod.LOCATIONS is not None:
                lines |= _lines(starts, codemod.LOCATIONS.finditer(source))
        {"class": whole, "statement": near}.get(codemod.REACH, hits).update(lines)
    try:
        tree = parse_python3(source)  # the lift's tree, most often
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    text = split_lines(source)
    follow = [c.FOLLOW for c in codemods if c.FOLLOW is not None and c not in located]
    names = _followed(tree.body, text, follow) if follow else set()
    if names:
        uses = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(names)))})\b")
        hits.update(_lines(starts, uses.finditer(source)))
    spans: list[tuple[int, int]] = []
    if all(codemod.REACH == "statement" for codemod in codemods):
        _statements(tree.body, sorted(near), text, spans, module=True)
    else:
        _collect(tree.body, _Hits(sorted(hits | whole), sorted(whole), sorted(near)), text, spans)
    if not spans:
        return None
    return _build(text, spans)


def split_lines(text: str) -> list[str]:
    """``text``'s lines with their endings, split where Python's tokenizer splits them (not
    at form feeds or the other breaks ``str.splitlines`` knows)."""
    return _LINE.findall(text)


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (line N at index N - 1)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def line_of(starts: list[int], offset: int) -> int:
    """The (1-based) line that holds ``offset``, given :func:`line_starts`."""
    return bisect.bisect_right(starts, offset)


def _lines(starts: list[int], matches: Iterable[re.Match[str]]) -> set[int]:
    """The (1-based) line numbers each match covers."""
    found: set[int] = set()
    for match in matches:
        first = line_of(starts, match.start())
        last = line_of(starts, max(match.end() - 1, match.start()))
        found.update(range(first, last + 1))
    return found


@dataclass(frozen=True)
class _Hits:
    """The lines, sorted, whose function stays whole (``local``, which includes ``class``),
    whose class stays whole, and whose statement alone stays (``near``)."""

    local: list[int]
    whole: list[int]
    near: list[int]


def _touches(lines: list[int], node: ast.stmt) -> bool:
    """Whether one of the sorted ``lines`` is within ``node``."""
    index = bisect.bisect_left(lines, _first_line(node))
    return index < len(lines) and lines[index] <= (node.end_lineno or node.lineno)


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno] + [d.lineno for d in decorators])


def _collect(body: list[ast.stmt], hits: _Hits, text: list[str], spans: list[Span]) -> None:
    """Add the (first, last) lines of each body under ``body`` that may stand aside."""
    for node in body:
        touched = _touches(hits.local, node)
        if isinstance(node, _DEFINITIONS) and not touched and not _touches(hits.near, node):
            span = _body_span(node, text)
            if span is not None:
                spans.append(span)
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not touched:  # only statement-near lines: the other statements stand aside
                _statements(node.body, hits.near, text, spans)
            continue  # a function with a local match stays whole
        if isinstance(node, ast.ClassDef) and _touches(hits.whole, node):
            continue
        for part in _blocks(node):
            _collect(part, hits, text, spans)


def _statements(
    body: list[ast.stmt], near: list[int], text: list[str], spans: list[Span], module: bool = False
) -> None:
    """Add the runs of statements under ``body`` that hold no line of ``near``: a run stands
    aside as one placeholder statement (outside functions, ``module``, whatever it binds)."""
    run: list[ast.stmt] = []
    for node in body:
        touched = _touches(near, node)
        if not touched:
            run.append(node)
            continue
        _run_span(run, _first_line(node), text, spans, module)
        run = []
        if touched:
            inner = module and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            for part in _blocks(node):
                _statements(part, near, text, spans, inner)
    _run_span(run, None, text, spans, module)


def _run_span(
    run: list[ast.stmt], after: int | None, text: list[str], spans: list[Span], module: bool
) -> None:
    """Add ``run``'s lines as a span when they hold it alone: it starts its line, the
    statement ``after`` it starts a later one, and, in a function, it binds nothing outside
    the function (outside functions, a whole function with ``global`` goes as well)."""
    if not run:
        return
    first, last = _first_line(run[0]), run[-1].end_lineno or run[-1].lineno
    if (after is not None and after <= last) or not _alone(run[0], text[first - 1]):
        return
    if module or not _BINDS_OUTSIDE.search("".join(text[first - 1 : last])):
        spans.append((first, last))


def _followed(body: list[ast.stmt], text: list[str], follow: list[re.Pattern[str]]) -> set[str]:
    """The names bound by the imports under ``body`` whose text a ``follow`` pattern matches."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            statement = "".join(text[node.lineno - 1 : node.end_lineno or node.lineno])
            if any(pattern.search(statement) for pattern in follow):
                for alias in node.names:
                    bound = alias.asname or alias.name.partition(".")[0]
                    if bound != "*":
                        names.add(bound)
        else:
            for part in _blocks(node):
                names |= _followed(part, text, follow)
    return names


def _blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists directly inside a statement (bodies, branches, handlers, cases)."""
    parts = [getattr(node, name, None) for name in ("body", "orelse", "finalbody")]
    parts += [handler.body for handler in getattr(node, "handlers", ())]
    parts += [case.body for case in getattr(node, "cases", ())]
    return [part for part in parts if isinstance(part, list)]


def _body_span(node: ast.stmt, text: list[str]) -> tuple[int, int] | None:
    """The lines of a definition's body, if it starts on a line of its own and binds
    nothing outside itself."""
    head = getattr(node, "body", [])[0]
    first, last = _first_line(head), node.end_lineno or 0
    alone = _alone(head, text[first - 1])
    if not alone or last - first < 2:
        return None  # ``def f(): return 1``, or too short to be worth a placeholder
    if _BINDS_OUTSIDE.search("".join(text[first - 1 : last])):
        return None
    return first, last


def _alone(node: ast.stmt, line: str) -> bool:
    """Whether ``node`` starts ``line`` (its first decorator's line, if it has any)."""
    if getattr(node, "decorator_list", None):
        return line.lstrip().startswith("@")
    return not line[: node.col_offset].strip()


def _build(text: list[str], spans: list[tuple[int, int]]) -> Sparse:
    """``text`` with each span's first line a numbered placeholder, its other lines blank."""
    out = list(text)
    sparse = Sparse("")
    for first, last in sorted(spans):
        original = text[first - 1 : last]
        indent = original[0][: len(original[0]) - len(original[0].lstrip(" \t\f"))]
        out[first - 1] = indent + _PLACEHOLDER.format(len(sparse.bodies)) + _eol(original[0])
        for index in range(first, last):
            out[index] = _eol(text[index])
        sparse.bodies.append((indent, original, _blank_run(text, last)))
    sparse.text = "".join(out)
    return sparse


def _eol(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]
