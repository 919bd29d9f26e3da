from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "legacylift" / "sample"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/report/golden/ from the current output instead of comparing",
    )


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled legacy sample."""
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    return copy
