"""What :func:`legacylift.lift.lift` returns or raises."""

from __future__ import annotations

from dataclasses import dataclass, field


class LiftError(Exception):
    """The text is neither Python 3 nor liftable Python 2; the message is one line."""


@dataclass(frozen=True)
class LiftResult:
    """The outcome of a lift: ``code`` equals the input when ``changed`` is False."""

    code: str
    changed: bool
    #: How many rewrites of each kind ("print", "except", ...) were made.
    rewrites: dict[str, int] = field(default_factory=dict)
    #: Things a person should check, e.g. where Python 3 behaves slightly differently.
    notes: list[str] = field(default_factory=list)
