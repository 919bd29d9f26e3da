"""Reading a project's own settings from its nearest ``pyproject.toml``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from legacylift.versions import Version, parse_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

DEFAULT_TARGET: Version = (3, 10)
#: The Python 3 minor versions a requires-python specifier is tested against.
_MINORS = range(20)


class ConfigError(Exception):
    """A pyproject.toml we cannot use; the message is one line."""


def find_pyproject(start: Path) -> Path | None:
    """The ``pyproject.toml`` in ``start`` or the nearest folder above it."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


def load_pyproject(path: Path) -> dict[str, Any]:
    """Parse a pyproject.toml, turning TOML errors into a one-line ConfigError."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def oldest_python3(requires_python: str) -> Version | None:
    """The oldest Python 3 minor version that a ``requires-python`` specifier admits."""
    try:
        spec = SpecifierSet(requires_python)
    except InvalidSpecifier:
        return None
    for minor in _MINORS:
        # ".99" so that ">=3.8.1" still admits the 3.8 series.
        if spec.contains(f"3.{minor}.99", prereleases=True):
            return (3, minor)
    return None


def default_target(paths: list[str]) -> tuple[Version, str]:
    """The target version for ``paths`` and where it came from (for the run's header)."""
    start = Path(paths[0]) if paths else Path.cwd()
    pyproject = find_pyproject(start)
    if pyproject is None:
        return DEFAULT_TARGET, "default"
    data = load_pyproject(pyproject)
    explicit = data.get("tool", {}).get("legacylift", {}).get("target")
    if isinstance(explicit, str):
        try:
            return parse_version(explicit), f"{pyproject} [tool.legacylift] target"
        except ValueError as exc:
            raise ConfigError(f"{pyproject}: {exc}") from None
    requires = data.get("project", {}).get("requires-python")
    if isinstance(requires, str):
        version = oldest_python3(requires)
        if version is not None:
            return version, f"{pyproject} requires-python"
    return DEFAULT_TARGET, "default"
