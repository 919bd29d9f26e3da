"""Python versions as ``(major, minor)`` tuples (no LibCST here: the CLI imports it first)."""

from __future__ import annotations

import re

Version = tuple[int, int]


def parse_version(text: str) -> Version:
    """Parse ``"3.8"`` (or ``"py38"``) into ``(3, 8)``; raise ValueError on anything else."""
    match = re.fullmatch(r"(?:py)?(\d)\.?(\d{1,2})", text.strip())
    if not match:
        raise ValueError(f"not a Python version: {text!r} (expected X.Y, e.g. 3.8)")
    return int(match.group(1)), int(match.group(2))
