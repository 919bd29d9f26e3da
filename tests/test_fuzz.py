"""The fuzz properties on a small, derandomized budget (`nox -s fuzz` runs the large one).

hypothesmith's programs go through the whole pipeline for every target 3.8-3.13 and every mode
(default, --unsafe, --unsafe --python2): no exception but TransformError, the output compiles
for the target, a second run changes nothing.  Also tests of the harness itself, so that a
fuzzer that cannot fail does not pass for one that finds nothing.
"""

from __future__ import annotations

import pytest

from legacylift import fuzz
from legacylift.fuzz import Checker, Failure, FuzzFailure, check_strategy

#: Programs per strategy: a few seconds in all on two cores (each program runs 36 times).
BUDGET = {"grammar": 10, "node": 5, "idioms": 2}


@pytest.mark.parametrize("strategy", list(BUDGET))
def test_random_programs_keep_the_properties(strategy: str) -> None:
    assert check_strategy(strategy, BUDGET[strategy]) >= BUDGET[strategy]


def test_the_idioms_are_the_codemods_docstring_examples() -> None:
    examples = fuzz.idiom_examples()
    assert len(examples) > 60
    assert "import pdb\npdb.set_trace()\n" in examples or any(
        "pdb.set_trace()" in example for example in examples
    )


class Exploding(Exception):
    pass


def test_a_crash_is_a_failure_with_its_site(monkeypatch: pytest.MonkeyPatch) -> None:
    from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint

    def explode(self: object, original: object, updated: object) -> object:
        raise Exploding("boom")

    monkeypatch.setattr(SetTraceToBreakpoint, "leave_Call", explode)
    source = "import os\nimport pdb\npdb.set_trace()\nos.sep\n"
    what, failure = Checker().check(source, (3, 8), "default")
    assert what == "failed" and failure is not None
    assert failure.kind == "crash"
    # The deepest frame in legacylift/ or codemods/ (this test's own frame does not count).
    assert failure.where.startswith("legacylift/codemod.py:")
    assert failure.where.endswith(" Exploding") and failure.detail == "Exploding: boom"
    small = Checker().minimize(failure)
    assert small.source == "pdb.set_trace()\n", "reduced to the line that crashes"


def test_a_rewrite_that_is_not_a_fixed_point_is_a_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint

    original = SetTraceToBreakpoint.leave_Call
    monkeypatch.setattr(SetTraceToBreakpoint, "PRECHECK", None)

    def again_and_again(self: SetTraceToBreakpoint, old: object, new: object) -> object:
        import libcst as cst

        result = original(self, old, new)  # type: ignore[arg-type]
        if isinstance(result, cst.Call) and getattr(result.func, "value", "") == "breakpoint":
            self.count_rewrite()
            return result.with_changes(args=[*result.args, cst.Arg(cst.Integer("1"))])
        return result

    monkeypatch.setattr(SetTraceToBreakpoint, "leave_Call", again_and_again)
    _, failure = Checker().check("breakpoint()\n", (3, 8), "default")
    assert failure is not None and failure.kind == "not-fixed-point"
    assert failure.where == "set_trace_to_breakpoint"


def test_hypothesis_reports_the_failing_program(monkeypatch: pytest.MonkeyPatch) -> None:
    def always(self: Checker, source: str, target: tuple[int, int], mode: str) -> object:
        return "failed", Failure("crash", "here", target, mode, source, "boom")

    monkeypatch.setattr(Checker, "check", always)
    with pytest.raises(FuzzFailure, match="crash at here"):
        check_strategy("grammar", 2, targets=[(3, 8)], modes=["default"])


def test_the_command_line_reports_programs_per_target(capsys: pytest.CaptureFixture[str]) -> None:
    status = fuzz.main(
        ["--examples", "3", "--strategy", "grammar", "--target", "3.8", "--target", "3.13",
         "--mode", "default", "--seed", "1"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0, out
    assert "  3.8: 3 programs;" in out and "  3.13: 3 programs;" in out
    assert out.rstrip().endswith("0 distinct failures")


def test_a_sparse_parse_that_differs_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # The checker parses every program sparsely too (small ones included) and compares.
    from legacylift.sparse import Sparse

    source = 'def f():\n    a = 1\n    b = 2\n    return a + b\n\n\nx = "%s" % (1,)\n'
    assert Checker().check(source, (3, 8), "default") == ("rewritten", None)
    monkeypatch.setattr(Sparse, "restore", lambda self, code: code)  # bodies not put back
    _, failure = Checker().check(source, (3, 8), "default")
    assert failure is not None and failure.kind == "sparse-differs"
