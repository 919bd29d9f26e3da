"""Which lines a rewrite removed and added: a shortest line diff for small changes.

The engine's comment check (:func:`legacylift.engine.lost_comments`) needs the lines a rewrite
took out and put in, not a readable diff.  ``difflib.SequenceMatcher`` finds them by searching
the longest matching block again and again, which cost 1.6 s over the 296 Django files whose
rewrite changed their line count.  A rewrite changes a few lines of a long file, so the
common start and end are cut off first, and what is left goes through Myers' O(ND) diff
("An O(ND) Difference Algorithm and Its Variations", 1986): with D edits in N lines its
work is about N * D steps, and it gives up past ``limit`` edits.
"""

from __future__ import annotations

from collections.abc import Sequence


def removed_and_added(
    old: Sequence[str], new: Sequence[str], limit: int = 200
) -> tuple[list[str], list[str]] | None:
    """The lines of ``old`` that ``new`` does not keep and the lines ``new`` brings, each in
    order, for a shortest edit; None when it takes more than ``limit`` line edits."""
    start = 0
    while start < len(old) and start < len(new) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    a, b = old[start:end_old], new[start:end_new]
    trace = _forward(a, b, limit)
    if trace is None:
        return None
    removed, added = _backward(trace, a, b)
    return [a[i] for i in reversed(removed)], [b[j] for j in reversed(added)]


def _forward(a: Sequence[str], b: Sequence[str], limit: int) -> list[dict[int, int]] | None:
    """For each edit count d, the furthest x reached on each diagonal k = x - y before step d
    (the snapshots that the walk back reads); None past ``limit`` edits."""
    n, m = len(a), len(b)
    furthest: dict[int, int] = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(min(limit, n + m) + 1):
        trace.append(dict(furthest))
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and furthest[k - 1] < furthest[k + 1]):
                x = furthest[k + 1]  # down: a line of b added
            else:
                x = furthest[k - 1] + 1  # right: a line of a removed
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            furthest[k] = x
            if x >= n and y >= m:
                return trace
    return None


def _backward(
    trace: list[dict[int, int]], a: Sequence[str], b: Sequence[str]
) -> tuple[list[int], list[int]]:
    """The indexes of the removed lines of ``a`` and added lines of ``b``, last first."""
    x, y = len(a), len(b)
    removed: list[int] = []
    added: list[int] = []
    for d in range(len(trace) - 1, 0, -1):
        furthest = trace[d]
        k = x - y
        down = k == -d or (k != d and furthest[k - 1] < furthest[k + 1])
        previous_k = k + 1 if down else k - 1
        previous_x = furthest[previous_k]
        previous_y = previous_x - previous_k
        # Back along the matching lines, then across the one edit of step d.
        if down:
            added.append(previous_y)
        else:
            removed.append(previous_x)
        x, y = previous_x, previous_y
    return removed, added
