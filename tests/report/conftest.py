"""Fixtures of the report tests, and ``--update-golden`` to rewrite the golden files.

The option itself is declared in ``tests/conftest.py`` so that it works from the repo root;
``LEGACYLIFT_UPDATE_GOLDEN=1`` works too.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURE_RUN = HERE / "fixtures" / "20260102-030405-abc123def456"
GOLDEN = HERE / "golden"


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are rewritten rather than compared."""
    option = bool(request.config.getoption("--update-golden", default=False))
    return option or os.environ.get("LEGACYLIFT_UPDATE_GOLDEN") == "1"


@pytest.fixture
def fixture_run(tmp_path: Path) -> Path:
    """A writable copy of the fixed bench run (same folder name: it is the run id)."""
    copy = tmp_path / "runs" / FIXTURE_RUN.name
    shutil.copytree(FIXTURE_RUN, copy)
    return copy
