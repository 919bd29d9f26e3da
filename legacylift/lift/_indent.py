"""Re-indenting files whose indentation mixes tabs and spaces in a way Python 3 rejects.

Python 2 reads a tab as "advance to the next multiple of 8".  Python 3 also measures each
indentation with a tab worth 1 column and raises TabError when the two measures disagree on how
two lines compare.  Only such files are re-indented, and then each line keeps the column that
Python 2 gave it: every line that starts with code or a comment (outside strings) is rewritten in
one style, either spaces only or tabs-then-spaces, whichever changes fewer lines while being
consistent.  Blank lines and the contents of strings are never touched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from legacylift.lift import _tree

_TAB = 8
_TAB_INDENT = re.compile(r"^[ \f]*\t", re.MULTILINE)
_SKIPPED = frozenset({_tree.INDENT, _tree.DEDENT, _tree.NL, _tree.NEWLINE, _tree.ENDMARKER})


def reindent(text: str) -> tuple[str, int]:
    """``text`` re-indented if Python 3 would reject its tabs, and the number of lines changed.

    Raises :class:`legacylift.lift._tree.SourceError` if the text does not tokenize.
    """
    if not _TAB_INDENT.search(text):
        return text, 0  # no line starts with a tab: nothing can be inconsistent
    starts, logical = _line_starts(text)
    lines = io.StringIO(text).readlines()
    current = {row: lines[row - 1][:col] for row, col in starts.items()}
    # Only whitespace can precede a line's first token; anything else is left alone.
    current = {row: ws for row, ws in current.items() if not ws.strip(" \t\f")}
    logical = [row for row in logical if row in current]
    if _consistent([current[row] for row in logical]):
        return text, 0
    best: dict[int, str] | None = None
    for style in (_spaces, _tabs):
        wanted = {row: _restyle(ws, style) for row, ws in current.items()}
        if not _consistent([wanted[row] for row in logical]):
            continue
        changed = {row: ws for row, ws in wanted.items() if ws != current[row]}
        if best is None or len(changed) < len(best):
            best = changed
    assert best is not None, "spaces only is always consistent"
    for row, ws in best.items():
        lines[row - 1] = ws + lines[row - 1][len(current[row]) :]
    return "".join(lines), len(best)


def _line_starts(text: str) -> tuple[dict[int, int], list[int]]:
    """Where the first token of each line starts, and which lines start a logical line.

    Lines that begin inside a multi-line string are left out: their whitespace is data.
    """
    starts: dict[int, int] = {}
    inside: set[int] = set()
    logical: list[int] = []
    at_logical_start = True
    for tok in _tree.tokens(text):
        (row, col), (end_row, _end_col) = tok.start, tok.end
        inside.update(range(row + 1, end_row + 1))
        if tok.type == _tree.NEWLINE:
            at_logical_start = True
        if tok.type in _SKIPPED:
            continue
        if row not in starts and row not in inside:
            starts[row] = col
        if at_logical_start and tok.type != _tree.COMMENT:
            logical.append(row)
            at_logical_start = False
    # A string that started earlier may end on a line that has a token after it.
    starts = {row: col for row, col in starts.items() if row not in inside}
    return starts, [row for row in logical if row in starts]


def _columns(ws: str) -> tuple[int, int]:
    """The column of indentation ``ws`` with a tab worth 8 and with a tab worth 1."""
    col = alt = 0
    for char in ws:
        if char == "\t":
            col = (col // _TAB + 1) * _TAB
            alt += 1
        elif char == "\f":
            col = alt = 0  # a form feed resets the column, in both Pythons
        else:
            col += 1
            alt += 1
    return col, alt


def _consistent(indents: list[str]) -> bool:
    """Whether Python 3's tokenizer accepts these logical-line indentations (no TabError)."""
    stack = [(0, 0)]
    for ws in indents:
        col, alt = _columns(ws)
        top_col, top_alt = stack[-1]
        if col == top_col:
            if alt != top_alt:
                return False
        elif col > top_col:
            if alt <= top_alt:
                return False
            stack.append((col, alt))
        else:
            while len(stack) > 1 and col < stack[-1][0]:
                stack.pop()
            if (col, alt) != stack[-1]:
                return False
    return True


def _spaces(col: int) -> str:
    return " " * col


def _tabs(col: int) -> str:
    return "\t" * (col // _TAB) + " " * (col % _TAB)


def _restyle(ws: str, style: Callable[[int], str]) -> str:
    """``ws`` in another style at the same Python 2 column; form feeds stay where they are."""
    head, feed, tail = ws.rpartition("\f")
    return head + feed + style(_columns(tail)[0])
