"""The line diff behind the engine's comment check: a shortest edit, or None past its limit."""

from __future__ import annotations

import difflib
import random

import pytest

from legacylift.linediff import removed_and_added


def _edit_count(old: list[str], new: list[str]) -> int:
    """Lines removed plus lines added by a longest common subsequence (dynamic programming)."""
    common = [[0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            common[i][j] = (
                common[i + 1][j + 1] + 1
                if old[i] == new[j]
                else max(common[i + 1][j], common[i][j + 1])
            )
    return len(old) + len(new) - 2 * common[0][0]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(line in rest for line in part)


@pytest.mark.parametrize("seed", range(40))
def test_a_shortest_edit_that_turns_old_into_new(seed: int) -> None:
    rng = random.Random(seed)
    old = [f"line {rng.randrange(8)}\n" for _ in range(rng.randrange(0, 30))]
    new = list(old)
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(len(new) + 1)
        if rng.random() < 0.5 and at < len(new):
            del new[at]
        else:
            new.insert(at, f"line {rng.randrange(12)}\n")
    edits = removed_and_added(old, new)
    assert edits is not None
    removed, added = edits
    assert len(removed) + len(added) == _edit_count(old, new)
    assert _is_subsequence(removed, old) and _is_subsequence(added, new)
    kept = list(old)
    for line in removed:  # what is left of old after the removals is what is left of new
        kept.remove(line)
    rest = list(new)
    for line in added:
        rest.remove(line)
    assert sorted(kept) == sorted(rest)


def test_an_import_added_above_and_a_line_changed_below() -> None:
    old = ["import os\n", "\n", "def f():\n", "    return '%s' % x  # why\n", "\n", "g()\n"]
    new = [old[0], "from typing import Any\n", *old[1:3], "    return f'{x}'  # why\n", *old[4:]]
    assert removed_and_added(old, new) == (
        ["    return '%s' % x  # why\n"],
        ["from typing import Any\n", "    return f'{x}'  # why\n"],
    )
    # difflib agrees here: the engine's check reads the same lines as before.
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag != "equal") == 1


def test_identical_and_empty_inputs() -> None:
    assert removed_and_added([], []) == ([], [])
    assert removed_and_added(["a\n"], ["a\n"]) == ([], [])
    assert removed_and_added([], ["a\n", "b\n"]) == ([], ["a\n", "b\n"])
    assert removed_and_added(["a\n"], []) == (["a\n"], [])


def test_gives_up_past_its_limit() -> None:
    old = [f"{i}\n" for i in range(50)]
    new = [f"{i}!\n" for i in range(50)]
    assert removed_and_added(old, new, limit=99) is None
    assert removed_and_added(old, new, limit=100) == (old, new)
