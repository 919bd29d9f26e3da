"""``legacylift report`` / ``nox -s report``: publish a bench run, or check the published ones."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from legacylift.report.build import build_report
from legacylift.report.index import stale_reports, update_index
from legacylift.report.load import RUN_FILE, ReportError, run_id_of

RUNS = Path(".bench") / "runs"
REPORTS = Path("reports")


def build_parser() -> argparse.ArgumentParser:
    """Options of ``legacylift report``."""
    parser = argparse.ArgumentParser(
        prog="legacylift report",
        description="Turn a `legacylift bench` run into a Markdown report with SVG charts "
        "under reports/<run-id>/, and update reports/README.md.",
        epilog="Exit status: 0 done; 1 --check found something stale; 2 the run cannot be "
        "reported on.",
    )
    parser.add_argument(
        "run",
        nargs="?",
        type=Path,
        metavar="RUN_DIR",
        help=f"bench run folder, or a report's raw/ folder (default: the newest run under {RUNS}/)",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="report folder (default: REPORTS/<run-id>/)"
    )
    parser.add_argument(
        "--baseline",
        metavar="LABEL",
        help="interpreter the others are compared with, e.g. cpython-3.11 or "
        "cpython-3.11/after (default: the newest CPython, before)",
    )
    parser.add_argument(
        "--html", action="store_true", help="also write report.html, one self-contained page"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a published report or the index is stale",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=REPORTS,
        metavar="DIR",
        help="published reports and their index (default: %(default)s)",
    )
    parser.add_argument(
        "--runs",
        type=Path,
        default=RUNS,
        metavar="DIR",
        help="where bench runs are looked for (default: %(default)s)",
    )
    return parser


def newest_run(runs: Path) -> Path:
    """The newest run folder (run ids start with a UTC timestamp) that has a run.json."""
    found = sorted(p for p in runs.glob("*") if (p / RUN_FILE).exists()) if runs.is_dir() else []
    if not found:
        raise ReportError(f"no bench run under {runs}/: run `legacylift bench` first")
    return found[-1]


def _check(reports: Path) -> int:
    problems = stale_reports(reports)
    if not update_index(reports, check=True):
        problems.append(
            f"{reports / 'README.md'} is stale (regenerate: legacylift report --check "
            "is read-only; run `legacylift report RUN_DIR` or rebuild one report)"
        )
    for problem in problems:
        print(f"legacylift report: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``legacylift report``."""
    args = build_parser().parse_args(argv)
    try:
        if args.check:
            return _check(args.reports)
        run = args.run or newest_run(args.runs)
        out = args.out or args.reports / run_id_of(run)
        readme = build_report(run, out, baseline=args.baseline, html=args.html)
    except ReportError as exc:
        print(f"legacylift report: {exc}", file=sys.stderr)
        return 2
    if out.resolve().parent == args.reports.resolve():
        update_index(args.reports)
    print(readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
