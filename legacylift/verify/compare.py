"""Matching the tests that passed before with those that pass after.

Test ids are compared as multisets (a suite may run a test twice) after normalisation: the
``outer.<locals>.`` parts Python 3 puts in qualified names are dropped. An expected failure
counts as a pass; an unexpected success counts as a failure.

* **retained**: passed before and pass after;
* **lost**: passed before and do not pass after (failed, errored, skipped, or did not run);
* **new failures**: fail after, and did not run at all before.

Each lost test and new failure gets the place of its failure in the modernized code where the
traceback tells (see :mod:`legacylift.verify.locate`).

Tests whose id (as recorded, or normalised) matches an ``--ignore-tests`` pattern (fnmatch,
case-sensitive) are left out on both sides. A baseline (``--baseline 2to3``) adds the number of
tests it retained to each row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from tabulate import tabulate

from legacylift.verify.locate import Changes, locate
from legacylift.verify.testrun import Outcome

PASSED = frozenset({"pass", "xfail"})
FAILED = frozenset({"fail", "error", "xpass"})
_LOCALS = re.compile(r"[^.\s:]+\.<locals>\.")
HEADERS = ("interpreter", "passed before", "passed after", "retained", "lost", "new failures")
BASELINE_HEADER = "2to3 retained"


def normalise(test_id: str) -> str:
    """``mod.outer.<locals>.Case.test`` as ``mod.Case.test``."""
    return _LOCALS.sub("", test_id)


def ignored(test_id: str, patterns: Sequence[str]) -> bool:
    """Whether ``test_id`` matches one of the ``--ignore-tests`` patterns."""
    names = {test_id, normalise(test_id)}
    return any(fnmatchcase(name, pattern) for name in names for pattern in patterns)


def kept(outcomes: Iterable[Outcome], patterns: Sequence[str]) -> list[Outcome]:
    """The outcomes of the tests that are not ignored."""
    return [item for item in outcomes if not ignored(item.id, patterns)]


def passed(outcomes: Iterable[Outcome]) -> Counter[str]:
    """The ids that passed, counted."""
    return Counter(normalise(item.id) for item in outcomes if item.outcome in PASSED)


@dataclass
class Comparison:
    """The before run of a project against one after run."""

    interpreter: str
    passed_before: int
    passed_after: int
    retained: int
    lost: list[tuple[str, str]] = field(default_factory=list)  # (id, why), sorted
    new_failures: list[tuple[str, str]] = field(default_factory=list)
    baseline_retained: int | None = None  # retained by the 2to3 copy on the same interpreter
    places: dict[str, str] = field(default_factory=dict)  # test id -> "path:line (why)"

    def row(self) -> tuple[str | int, ...]:
        """This comparison as a row of :data:`HEADERS` (and the baseline's column)."""
        row: tuple[str | int, ...] = (
            self.interpreter, self.passed_before, self.passed_after, self.retained,
            len(self.lost), len(self.new_failures),
        )  # fmt: skip
        return row if self.baseline_retained is None else (*row, self.baseline_retained)


def _why(outcomes: Sequence[Outcome]) -> str:
    """Why a test that passed before does not pass after, from its after outcomes."""
    for item in outcomes:
        if item.outcome not in PASSED:
            detail = f": {item.message}" if item.message else ""
            return f"{item.outcome}{detail}"
    return "did not run" if not outcomes else "passed fewer times than before"


def compare(
    interpreter: str, before: Sequence[Outcome], after: Sequence[Outcome],
    ignore: Sequence[str] = (), written: Changes | None = None,
) -> Comparison:  # fmt: skip
    """Compare the outcomes of the before run with those of one after run; ``written`` (the
    lines modernize wrote) places the failures."""
    before, after = kept(before, ignore), kept(after, ignore)
    passed_before, passed_after = passed(before), passed(after)
    by_id: dict[str, list[Outcome]] = {}
    for item in after:
        by_id.setdefault(normalise(item.id), []).append(item)
    missing = passed_before - passed_after
    lost = [(test, _why(by_id.get(test, []))) for test in sorted(missing.elements())]
    ran_before = {normalise(item.id) for item in before}
    new_failures = sorted(
        {
            (test, _why(outcomes))
            for test, outcomes in by_id.items()
            if test not in ran_before and any(item.outcome in FAILED for item in outcomes)
        }
    )
    places = {
        test: place
        for test, _ in lost + new_failures
        if (place := locate(by_id.get(test, []), written or {}))
    }
    return Comparison(
        interpreter,
        passed_before=sum(passed_before.values()),
        passed_after=sum(passed_after.values()),
        retained=sum((passed_before & passed_after).values()),
        lost=lost,
        new_failures=new_failures,
        places=places,
    )


def table(comparisons: Sequence[Comparison], tablefmt: str = "simple") -> str:
    """One row per after interpreter; the baseline's column when there is one."""
    headers: tuple[str, ...] = HEADERS
    if any(item.baseline_retained is not None for item in comparisons):
        headers = (*HEADERS, BASELINE_HEADER)
    return tabulate([item.row() for item in comparisons], headers=headers, tablefmt=tablefmt)


def line(test: str, why: str, places: dict[str, str]) -> str:
    """``id: why``, and ``[at path:line (why)]`` when the failure has a place."""
    place = places.get(test)
    return f"{test}: {why} [at {place}]" if place else f"{test}: {why}"


def write_list(
    path: Path, tests: Sequence[tuple[str, str]], places: dict[str, str] | None = None
) -> None:
    """A :func:`line` per test (an empty file when there is none)."""
    text = "".join(line(test, why, places or {}) + "\n" for test, why in tests)
    path.write_text(text, encoding="utf-8")
