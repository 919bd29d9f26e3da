"""The interpreter of each ``--before``/``--after`` version, from the bench's discovery."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legacylift.bench.interpreters import ConfigError, Interpreter, discover_interpreters
from legacylift.codemod import Version, parse_version


class InterpreterError(Exception):
    """A version that cannot be used; the message is one line."""


def parse_versions(values: Sequence[str]) -> list[Version]:
    """``["3.8,3.11", "3.13"]`` as versions, in order, without duplicates."""
    versions: list[Version] = []
    for part in (part.strip() for value in values for part in value.split(",")):
        if not part:
            continue
        try:
            version = parse_version(part)
        except ValueError as exc:
            raise InterpreterError(str(exc)) from None
        if version not in versions:
            versions.append(version)
    return versions


def spelled(version: Version) -> str:
    """``(3, 11)`` as ``3.11``."""
    return f"{version[0]}.{version[1]}"


def _plain_cpython(interpreter: Interpreter, version: Version) -> bool:
    return (
        interpreter.implementation == "cpython"
        and interpreter.version[:2] == version
        and interpreter.jit is None  # not the pyston-lite variant of a CPython
        and not (interpreter.probe is not None and interpreter.probe.gil_disabled)
    )


def describe(interpreter: Interpreter) -> str:
    """``CPython 3.11.7``."""
    return f"CPython {interpreter.full_version}"


def discover(explicit: Sequence[str] = (), pyproject: Path | None = None) -> list[Interpreter]:
    """The interpreters on PATH, in pyenv or uv, the ``explicit`` paths and those of
    ``[tool.legacylift.bench] interpreters`` in ``pyproject``.
    """
    try:
        return list(discover_interpreters(explicit, pyproject=pyproject).found)
    except ConfigError as exc:
        raise InterpreterError(str(exc)) from None


def plain_cpythons(found: Sequence[Interpreter], version: Version) -> list[Interpreter]:
    """The plain CPythons of ``version`` in ``found``, newest first."""
    matches = [item for item in found if _plain_cpython(item, version)]
    return sorted(matches, key=lambda item: (item.version, item.label), reverse=True)


def resolve(
    versions: Sequence[Version], explicit: Sequence[str] = (), pyproject: Path | None = None,
    found: Sequence[Interpreter] | None = None,
) -> dict[Version, Interpreter]:  # fmt: skip
    """The newest plain CPython of each version among ``found`` (default: :func:`discover`)."""
    if found is None:
        found = discover(explicit, pyproject)
    chosen: dict[Version, Interpreter] = {}
    for version in versions:
        matches = plain_cpythons(found, version)
        if not matches:
            name = spelled(version)
            raise InterpreterError(
                f"no CPython {name} found on PATH, in pyenv or uv "
                f"(pyenv install {name}, or --interpreters PATH)"
            )
        chosen[version] = matches[0]
    return chosen
