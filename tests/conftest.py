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


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The modernize cache of the test session: never the user's ~/.cache/legacylift."""
    import os

    from legacylift.cache import CACHE_VARIABLE

    os.environ[CACHE_VARIABLE] = str(tmp_path_factory.mktemp("legacylift-cache"))
