from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "legacylift" / "sample"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled legacy sample."""
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    return copy
