"""``legacylift pipeline``: the main job, end to end on the bundled suite (or yours).

Modernize a copy of the suite, bench it before and after on every interpreter found, publish
the comparison under ``reports/<run>/``, and say where it is.  It takes every option of
``legacylift bench`` and defaults to ``--fast``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from legacylift.bench import cli as bench_cli

REPORTS = Path("reports")


def main(argv: Sequence[str] | None = None) -> int:
    """Bench, then report; the exit status is the bench's unless the report fails."""
    parser = bench_cli.build_parser()
    parser.prog = "legacylift pipeline"
    parser.set_defaults(preset="fast")
    parser.add_argument("--html", action="store_true", help="also write report.html")
    args = parser.parse_args(argv)
    started = time.monotonic()
    status, folder = bench_cli.run_bench(args)
    if folder is None:
        return status
    from legacylift.report import cli as report_cli

    out = REPORTS / folder.name
    report_args = [str(folder), "--out", str(out), *(["--html"] if args.html else [])]
    if report_cli.main(report_args) != 0:
        return 2
    minutes = (time.monotonic() - started) / 60
    print(f"\nreport: {out / 'README.md'}  ({minutes:.1f} min in all)", file=sys.stderr)
    return status
