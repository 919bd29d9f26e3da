"""The reports committed under reports/ regenerate byte for byte from their raw JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacylift.report import cli

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def test_committed_reports_and_index_are_current() -> None:
    if not any(REPORTS.glob("*/raw/run.json")):
        pytest.skip("no report is published yet")
    assert cli.main(["--check", "--reports", str(REPORTS)]) == 0
