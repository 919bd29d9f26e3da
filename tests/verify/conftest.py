"""Interpreters for the verify tests, and the recorder run by hand."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from legacylift.verify.testrun import RECORD_VARIABLE, RECORDER, TEST_TIMEOUT_VARIABLE
from tests.helpers import pyenv_python


def newest_python3() -> str | None:
    """The newest pyenv CPython 3 as ``3.N``, or None."""
    return next((f"3.{n}" for n in range(20, 7, -1) if pyenv_python(f"3.{n}")), None)


def recorded(
    python: str, args: list[str], cwd: Path, test_timeout: float = 0
) -> list[dict[str, str]]:
    """Run ``python args`` in ``cwd`` with the recorder on; the records, in order."""
    record = cwd / "record.jsonl"
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    env.pop("PYTEST_ADDOPTS", None)
    env.update(PYTHONPATH=str(RECORDER), PYTHONDONTWRITEBYTECODE="1")
    env[RECORD_VARIABLE] = str(record)
    if test_timeout:
        env[TEST_TIMEOUT_VARIABLE] = f"{test_timeout:g}"
    subprocess.run(
        [python, "-s", *args], cwd=cwd, env=env, capture_output=True, timeout=120, check=False
    )
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text().splitlines()]
