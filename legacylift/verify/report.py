"""What ``legacylift verify`` prints, and its report (``verify.md``, ``.html`` and ``.json``).

The page is built from the same blocks as the bench reports (:mod:`legacylift.report.document`),
so it reads the same: a headline per interpreter, tabulate tables, then the details (where the
lost tests failed, their most common errors, every lost test, the interpreters, the settings).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from legacylift.bench.interpreters import Interpreter
from legacylift.codemod import Version
from legacylift.report.document import (
    Block,
    Bullets,
    Heading,
    Paragraph,
    Table,
    escape,
    to_html,
    to_markdown,
)
from legacylift.verify.compare import BASELINE_HEADER, HEADERS, Comparison, line
from legacylift.verify.interpreters import describe, spelled
from legacylift.verify.workspace import Modernized, Workspace

#: Lost tests printed per interpreter; the lost-X.Y.txt file (and the page) has them all.
SHOWN = 10
#: Rows of the "where" and "errors" tables.
TOP = 20


def modernized_line(done: Modernized, workspace: Workspace, target: Version) -> str:
    """The one-line summary of the modernization of the after tree."""
    python2 = f"; Python 2 code base ({done.python2})" if done.python2 else ""
    return (
        f"modernized {workspace.after} for Python {spelled(target)}: {done.changed} files "
        f"changed, {done.rewrites} rewrites{python2}"
    )


def lost_file(root: Path, version: Version) -> Path:
    """Where the lost tests of one after interpreter are listed."""
    return root / f"lost-{spelled(version)}.txt"


def print_lost(comparisons: Sequence[Comparison], versions: Sequence[Version], root: Path) -> None:
    """The lost tests of each after interpreter, the first :data:`SHOWN` of them."""
    for item, version in zip(comparisons, versions):
        if item.lost:
            print(f"lost on {item.interpreter}: {len(item.lost)} (the list: "
                  f"{lost_file(root, version)})")  # fmt: skip
            shown = item.lost[:SHOWN]
            print("".join(f"  {line(test, why, item.places)}\n" for test, why in shown), end="")
            if len(item.lost) > SHOWN:
                print(f"  ... and {len(item.lost) - SHOWN} more")


@dataclass
class Page:
    """Everything the report shows."""

    name: str
    command: str  # the `legacylift verify` command line
    tests: str  # the project's test command
    before: Interpreter
    comparisons: Sequence[Comparison]
    interpreters: list[tuple[str, Interpreter]]  # (role, interpreter), in order
    summary: list[str]  # the modernization's line, and the baseline's
    ignored: Sequence[str] = field(default_factory=list)
    date: str = field(
        default_factory=lambda: datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    )


def _code(text: str) -> str:
    """``text`` as inline code, or escaped when it holds what a code span or a table cell
    cannot (a backtick, a pipe)."""
    return escape(text) if "`" in text or "|" in text else f"`{text}`"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _headline(page: Page) -> list[Block]:
    items = []
    for item in page.comparisons:
        kept = _percent(item.retained, item.passed_before)
        text = (f"**{escape(item.interpreter)}**: {item.retained} of the {item.passed_before} "
                f"tests that passed before still pass ({kept}); {len(item.lost)} lost, "
                f"{len(item.new_failures)} new failures")  # fmt: skip
        if item.baseline_retained is not None:
            text += f"; the 2to3 copy keeps {item.baseline_retained}"
        items.append(text + ".")
    verdict = (
        "No test was lost: the migration keeps every test that passed before."
        if not any(item.lost for item in page.comparisons)
        else "Some tests were lost: `legacylift verify` exits with status 1."
    )
    return [Heading(2, "Headline"), Paragraph(verdict), Bullets(tuple(items))]


def _results(page: Page) -> list[Block]:
    baseline = any(item.baseline_retained is not None for item in page.comparisons)
    headers = (*HEADERS, BASELINE_HEADER) if baseline else HEADERS
    rows = tuple(tuple(escape(str(cell)) for cell in item.row()) for item in page.comparisons)
    text = (f"Tests passed on {escape(describe(page.before))} before modernization, and on each "
            "interpreter below after it. Retained: passed before and after; lost: passed "
            "before, not after; new failures: fail after and did not run before.")  # fmt: skip
    if baseline:
        text += " 2to3 retained: those that pass on the copy converted by lib2to3 instead."
    align = ("left", *("right",) * (len(headers) - 1))
    return [Heading(2, "Results"), Paragraph(text), Table(headers, rows, align)]


def _grouped(page: Page, key: str) -> list[Block]:
    """The most frequent places (``key="place"``) or errors of the lost tests."""
    counts: Counter[tuple[str, str]] = Counter()
    for item in page.comparisons:
        for test, why in item.lost:
            value = item.places.get(test, "") if key == "place" else why
            counts[(item.interpreter, value or "(none)")] += 1
    if not counts:
        return []
    title = "Where the lost tests failed" if key == "place" else "Why the lost tests failed"
    about = (
        "The innermost traceback frame on a line the modernization wrote, else in a file it "
        "changed, else anywhere in the project (none: the test did not run, or failed outside "
        "the project)."
        if key == "place"
        else "The first line of each lost test's error."
    )
    header = "place" if key == "place" else "error"
    rows = tuple(
        (escape(interpreter), _code(value), str(count))
        for (interpreter, value), count in counts.most_common(TOP)
    )
    table = Table(("interpreter", header, "lost tests"), rows, ("left", "left", "right"))
    return [Heading(2, title), Paragraph(about), table]


def _lost(page: Page) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Lost tests")]
    for item in page.comparisons:
        if not item.lost:
            blocks.append(Paragraph(f"No test lost on {escape(item.interpreter)}."))
            continue
        blocks.append(Heading(3, f"{escape(item.interpreter)}: {len(item.lost)} lost"))
        rows = tuple(
            (_code(test), _code(why), _code(item.places[test]) if test in item.places else "")
            for test, why in item.lost
        )
        blocks.append(Table(("test", "error", "place"), rows))
    return blocks


def _settings(page: Page) -> list[Block]:
    rows = tuple(
        (role, escape(describe(item)), _code(item.path)) for role, item in page.interpreters
    )
    bullets = [f"command: {_code(page.command)}", f"tests: {_code(page.tests)}"]
    bullets += [escape(text) for text in page.summary]
    if page.ignored:
        bullets.append("ignored tests: " + ", ".join(_code(item) for item in page.ignored))
    return [
        Heading(2, "Interpreters"),
        Table(("role", "interpreter", "path"), rows),
        Heading(2, "Settings"),
        Bullets(tuple(bullets)),
    ]


def blocks(page: Page) -> list[Block]:
    """The report as document blocks."""
    count = len(page.comparisons)
    after = f"{count} interpreter{'s' * (count != 1)}"
    intro = (f"`legacylift verify` run on {page.date}: the tests of {_code(page.name)} on "
             f"{escape(describe(page.before))} before modernization and on {after} after it. "
             "The records of every run are in `records/`, their output in `logs/`, the lost "
             "tests in `lost-X.Y.txt`.")  # fmt: skip
    return [
        Heading(1, f"Verify report: {escape(page.name)}"),
        Paragraph(intro),
        *_headline(page),
        *_results(page),
        *_grouped(page, "place"),
        *_grouped(page, "error"),
        *_lost(page),
        *_settings(page),
    ]


def _tests(tests: Sequence[tuple[str, str]], places: dict[str, str]) -> list[dict[str, Any]]:
    return [{"test": test, "error": why, "place": places.get(test)} for test, why in tests]


def to_json(page: Page) -> dict[str, Any]:
    """The figures of the report, for other tools."""
    return {
        "project": page.name,
        "date": page.date,
        "command": page.command,
        "tests": page.tests,
        "before": describe(page.before),
        "summary": page.summary,
        "ignored": list(page.ignored),
        "results": [
            {
                "interpreter": item.interpreter,
                "passed_before": item.passed_before,
                "passed_after": item.passed_after,
                "retained": item.retained,
                "baseline_retained": item.baseline_retained,
                "lost": _tests(item.lost, item.places),
                "new_failures": _tests(item.new_failures, item.places),
            }
            for item in page.comparisons
        ],
    }


def write_page(folder: Path, page: Page) -> Path:
    """Write verify.md, verify.html and verify.json into ``folder``; the Markdown's path."""
    document = blocks(page)
    markdown = folder / "verify.md"
    markdown.write_text(to_markdown(document), encoding="utf-8")
    (folder / "verify.html").write_text(
        to_html(document, f"Verify report: {page.name}"), encoding="utf-8"
    )
    (folder / "verify.json").write_text(json.dumps(to_json(page), indent=1) + "\n", "utf-8")
    return markdown
