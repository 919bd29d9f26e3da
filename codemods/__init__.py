"""The legacylift codemods, in the order they run.

Order matters: each codemod sees the tree as the ones before it left it.  Adding a codemod is
its file, one line here, and its test file.
"""

from __future__ import annotations

from codemods.assign_then_test_to_walrus import AssignThenTestToWalrus
from codemods.init_to_dataclass import InitToDataclass
from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from legacylift.codemod import LiftCodemod

CODEMODS: tuple[type[LiftCodemod], ...] = (
    SetTraceToBreakpoint,
    AssignThenTestToWalrus,
    InitToDataclass,
)

__all__ = ["CODEMODS"]
