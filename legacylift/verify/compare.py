"""Matching the tests that passed before with those that pass after.

Test ids are compared as multisets (a suite may run a test twice) after normalisation: the
``outer.<locals>.`` parts Python 3 puts in qualified names are dropped. An expected failure
counts as a pass; an unexpected success counts as a failure.

* **retained**: passed before and pass after;
* **lost**: passed before and do not pass after (failed, errored, skipped, or did not run);
* **new failures**: fail after, and did not run at all before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

from legacylift.verify.testrun import Outcome

PASSED = frozenset({"pass", "xfail"})
FAILED = frozenset({"fail", "error", "xpass"})
_LOCALS = re.compile(r"[^.\s:]+\.<locals>\.")
HEADERS = ("interpreter", "passed before", "passed after", "retained", "lost", "new failures")


def normalise(test_id: str) -> str:
    """``mod.outer.<locals>.Case.test`` as ``mod.Case.test``."""
    return _LOCALS.sub("", test_id)


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

    def row(self) -> tuple[str, int, int, int, int, int]:
        """This comparison as a row of :data:`HEADERS`."""
        return (
            self.interpreter, self.passed_before, self.passed_after, self.retained,
            len(self.lost), len(self.new_failures),
        )  # fmt: skip


def _why(outcomes: Sequence[Outcome]) -> str:
    """Why a test that passed before does not pass after, from its after outcomes."""
    for item in outcomes:
        if item.outcome not in PASSED:
            detail = f": {item.message}" if item.message else ""
            return f"{item.outcome}{detail}"
    return "did not run" if not outcomes else "passed fewer times than before"


def compare(interpreter: str, before: Sequence[Outcome], after: Sequence[Outcome]) -> Comparison:
    """Compare the outcomes of the before run with those of one after run."""
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
    return Comparison(
        interpreter,
        passed_before=sum(passed_before.values()),
        passed_after=sum(passed_after.values()),
        retained=sum((passed_before & passed_after).values()),
        lost=lost,
        new_failures=new_failures,
    )


def table(comparisons: Sequence[Comparison]) -> str:
    """One row per after interpreter."""
    return tabulate([item.row() for item in comparisons], headers=HEADERS)


def write_list(path: Path, tests: Sequence[tuple[str, str]]) -> None:
    """``id: why`` per line (an empty file when there is none)."""
    path.write_text("".join(f"{test}: {why}\n" for test, why in tests), encoding="utf-8")
