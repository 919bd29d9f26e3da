"""What ``legacylift verify`` prints, and its report page ``<workdir>/verify.md``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

from legacylift.bench.interpreters import Interpreter
from legacylift.codemod import Version
from legacylift.verify.compare import Comparison, table
from legacylift.verify.interpreters import describe, spelled
from legacylift.verify.workspace import Modernized, Workspace

#: Lost tests printed per interpreter; the lost-X.Y.txt file (and the page) has them all.
SHOWN = 10


def modernized_line(done: Modernized, workspace: Workspace, target: Version) -> str:
    """The one-line summary of the modernization of the after copy."""
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
            print("".join(f"  {test}: {why}\n" for test, why in item.lost[:SHOWN]), end="")
            if len(item.lost) > SHOWN:
                print(f"  ... and {len(item.lost) - SHOWN} more")


def _code(text: str) -> str:
    """``text`` as Markdown inline code, whatever backticks it holds."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


@dataclass
class Page:
    """Everything the report page shows."""

    name: str
    command: str  # the `legacylift verify` command line
    tests: str  # the project's test command
    before: Interpreter
    comparisons: Sequence[Comparison]
    interpreters: list[tuple[str, Interpreter]]  # (role, interpreter), in order
    summary: list[str]  # the modernization's line, and the baseline's
    ignored: Sequence[str] = field(default_factory=list)


def render(page: Page) -> str:
    """The page as Markdown."""
    lines = [f"# legacylift verify: {page.name}", ""]
    lines.append(f"- command: {_code(page.command)}")
    lines.append(f"- tests: {_code(page.tests)}")
    lines += [f"- {line}" for line in page.summary]
    if page.ignored:
        lines.append(f"- ignored tests: {', '.join(_code(item) for item in page.ignored)}")
    lines += ["", "## Results", ""]
    lines.append(f"Tests passed on {describe(page.before)} before modernization, and on each "
                 "interpreter below after it.")  # fmt: skip
    if any(item.baseline_retained is not None for item in page.comparisons):
        lines.append("2to3 retained: those that also pass on the copy converted by lib2to3 "
                     "instead (for comparison only).")  # fmt: skip
    lines += ["", table(page.comparisons, tablefmt="github"), "", "## Interpreters", ""]
    rows = [(role, describe(item), _code(item.path)) for role, item in page.interpreters]
    lines += [tabulate(rows, headers=("role", "interpreter", "path"), tablefmt="github"), ""]
    lines += ["## Lost tests", ""]
    for item in page.comparisons:
        if not item.lost:
            lines += [f"No test lost on {item.interpreter}.", ""]
            continue
        lines += [f"### {item.interpreter}: {len(item.lost)} lost", ""]
        lines += [f"- {_code(test)}: {_code(why)}" for test, why in item.lost]
        lines.append("")
    return "\n".join(lines)


def write_page(path: Path, page: Page) -> None:
    """Write the report page."""
    path.write_text(render(page), encoding="utf-8")
