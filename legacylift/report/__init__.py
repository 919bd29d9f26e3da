"""Reports of bench runs: statistics, Markdown and HTML pages, SVG charts, the index.

``legacylift report`` turns a ``legacylift bench`` run folder into ``reports/<run-id>/``
(README.md, charts, stats.json and the raw pyperf files) and keeps ``reports/README.md`` current.
"""

from __future__ import annotations

from legacylift.report.build import build_report
from legacylift.report.cli import main
from legacylift.report.index import stale_reports, update_index
from legacylift.report.load import ReportError

__all__ = ["ReportError", "build_report", "main", "stale_reports", "update_index"]
