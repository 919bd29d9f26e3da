"""Cheaper construction of LibCST's own matcher-decoratable visitors.

``AddImportsVisitor``, ``RemoveImportsVisitor`` and the gatherers they start are
``MatcherDecoratable`` visitors: each new instance looks through every attribute of its
class (about 1,700, one ``visit_<Node>_<field>`` per field of every node type) three times,
for methods that carry ``@m.visit``, ``@m.leave`` or ``@m.call_if_inside`` matchers.  That
costs about 8 ms per visitor, and adding one import starts three or four of them: 1.5 s of
CPU over Django 2.2, for 52 files, more than the imports' own work.

No class of LibCST itself carries such matchers, so the answer for a LibCST class is the same
for every instance: empty.  :func:`install` wraps the three scans so that a class of LibCST
found empty once is answered with a new empty dict from then on.  Any other class (a user's
codemod with decorated methods) is scanned as before, every time.  If a LibCST release
renames the scans, nothing is wrapped and visitors are built the slow way.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from libcst.matchers import _visitors

#: The per-instance scans of libcst.matchers._visitors.
SCANS = ("_gather_matchers", "_gather_constructed_visit_funcs", "_gather_constructed_leave_funcs")


def install() -> None:
    """Wrap LibCST's scans (once; a no-op for scans this LibCST does not have)."""
    for name in SCANS:
        scan = getattr(_visitors, name, None)
        if callable(scan) and not getattr(scan, "_legacylift_cached", False):
            setattr(_visitors, name, _cached(scan))


def _cached(scan: Callable[[object], dict[Any, Any]]) -> Callable[[object], dict[Any, Any]]:
    empty: set[type] = set()  # LibCST classes whose scan found nothing

    @functools.wraps(scan)
    def wrapper(obj: object) -> dict[Any, Any]:
        kind = type(obj)
        if kind in empty:
            return {}  # a new dict: the visitors update theirs while they walk
        found = scan(obj)
        if not found and kind.__module__.startswith("libcst."):
            empty.add(kind)
        return found

    wrapper._legacylift_cached = True  # type: ignore[attr-defined]
    return wrapper
