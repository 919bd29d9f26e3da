"""``reports/README.md``: the index of published reports, and staleness checks for all of them.

Each published report keeps the data it was made from in ``raw/``; a report is stale when
regenerating it from there does not give its committed README.md and stats.json byte for
byte (the code changed, or someone edited the page by hand).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from legacylift.report.build import README, STATS, render
from legacylift.report.document import Table, escape, to_markdown
from legacylift.report.load import RAW, ReportError

START, END = "<!-- START reports -->", "<!-- END reports -->"
INDEX_TEMPLATE = f"""# Benchmark reports

One folder per `legacylift bench` run, published with `legacylift report RUN_DIR`. Each keeps
the pyperf files it was made from in `raw/`; `legacylift report --check` verifies that every page
still regenerates from them byte for byte, and that this index is current. The table between the
markers is generated: edit only outside it.

{START}
{END}
"""
_CHECKED = (README, STATS)


def _row(folder: Path) -> tuple[str, ...]:
    link = f"[{escape(folder.name)}]({folder.name}/{README})"
    try:
        data: dict[str, Any] = json.loads((folder / STATS).read_text(encoding="utf-8"))
        info: dict[str, Any] = data["overview"]
    except (OSError, ValueError, KeyError):
        return ("?", "?", "?", f"no readable {STATS}", "?", link)
    effects = "; ".join(
        f"{escape(label)} {value}" for label, value in info.get("modernization", {}).items()
    )
    claim = "; ".join(
        f"{escape(label)}: {verdict}" for label, verdict in info.get("pyston_claim", {}).items()
    )
    return (
        str(info.get("date", "?")),
        f"{escape(str(info.get('cpu', '?')))}; preset {escape(str(info.get('preset', '?')))}",
        escape(", ".join(info.get("interpreters", []))),
        effects or "-",
        claim or "no pyston-lite in the run",
        link,
    )


def published(reports_dir: Path) -> list[Path]:
    """Report folders under ``reports_dir`` (those with a README.md or a raw/), newest first."""
    if not reports_dir.is_dir():
        return []
    found = [
        p
        for p in reports_dir.iterdir()
        if p.is_dir() and ((p / README).exists() or (p / RAW).is_dir())
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def index_table(reports_dir: Path) -> str:
    """The generated part of the index: one row per published report."""
    rows = tuple(_row(folder) for folder in published(reports_dir))
    if not rows:
        return "No report published yet.\n"
    headers = (
        "date",
        "machine",
        "interpreters",
        "modernization: after/before time [95% CI]",
        "Pyston claim (20% faster)",
        "report",
    )
    return to_markdown([Table(headers, rows)])


def _updated(text: str, table: str) -> str:
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}{END}{tail}"


def update_index(reports_dir: Path, *, check: bool = False) -> bool:
    """Regenerate the table of ``reports_dir/README.md`` between the markers.

    Returns whether the file changed.  With ``check``, nothing is written and the result says
    whether the index is current: False when it is stale.
    """
    index = reports_dir / README
    if check and not index.exists() and not published(reports_dir):
        return True  # nothing published, nothing to index: not stale
    text = index.read_text(encoding="utf-8") if index.exists() else INDEX_TEMPLATE
    updated = _updated(text, index_table(reports_dir))
    current = index.exists() and updated == text
    if check:
        return current
    if current:
        return False
    reports_dir.mkdir(parents=True, exist_ok=True)
    index.write_text(updated, encoding="utf-8")
    return True


def stale_reports(reports_dir: Path) -> list[str]:
    """One line per committed file that its ``raw/`` data no longer regenerates (in memory)."""
    problems = []
    for folder in sorted(published(reports_dir)):
        raw = folder / RAW
        if not raw.is_dir():
            problems.append(f"{folder}: no {RAW}/ folder to regenerate it from")
            continue
        try:
            files = render(raw).files
        except ReportError as exc:
            problems.append(f"{folder}: cannot regenerate: {exc}")
            continue
        for name in _CHECKED:
            path = folder / name
            if not path.exists() or path.read_bytes() != files[name]:
                problems.append(f"{path} is stale (regenerate: legacylift report {raw})")
    return problems
