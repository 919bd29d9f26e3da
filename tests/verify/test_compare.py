"""Matching the tests that passed before with those that pass after."""

from __future__ import annotations

from pathlib import Path

from legacylift.verify.compare import compare, ignored, normalise, table, write_list
from legacylift.verify.locate import locate, written_lines
from legacylift.verify.testrun import Outcome, read_outcomes


def outcomes(*pairs: str) -> list[Outcome]:
    return [Outcome(*pair.split(" ", 2)) for pair in pairs]


def test_locals_parts_of_qualified_names_are_dropped() -> None:
    assert normalise("t.make.<locals>.Case.test_a") == "t.Case.test_a"
    assert normalise("t.f.<locals>.g.<locals>.Case.test_a") == "t.Case.test_a"
    assert normalise("tests/test_a.py::test_b[x-1]") == "tests/test_a.py::test_b[x-1]"


def test_retained_lost_and_new_failures() -> None:
    before = outcomes("a pass", "b pass", "c xfail", "d fail", "e pass", "f skip")
    after = outcomes(
        "a pass", "b fail AssertionError: 1 != 2", "c pass", "d fail", "f pass", "g error Boom"
    )
    result = compare("CPython 3.13.0", before, after)
    assert (result.passed_before, result.passed_after, result.retained) == (4, 3, 2)
    # b failed, e did not run at all; d failed on both sides; f only passes after.
    assert result.lost == [("b", "fail: AssertionError: 1 != 2"), ("e", "did not run")]
    # g did not exist before; d failed before too, so it is not new.
    assert result.new_failures == [("g", "error: Boom")]
    assert result.row() == ("CPython 3.13.0", 4, 3, 2, 2, 1)


def test_ids_are_multisets_and_locals_are_matched() -> None:
    before = outcomes("t.make.<locals>.C.test pass", "r pass", "r pass")
    after = outcomes("t.C.test pass", "r pass", "r skip not on this Python")
    result = compare("x", before, after)
    assert result.retained == 2
    assert result.lost == [("r", "skip: not on this Python")]


def test_an_unexpected_success_is_a_failure() -> None:
    result = compare("x", outcomes("a xfail"), outcomes("a xpass"))
    assert result.lost == [("a", "xpass")]


def test_table_and_lost_file(tmp_path: Path) -> None:
    result = compare("CPython 3.8.18", outcomes("a pass", "b pass"), outcomes("a pass"))
    lines = table([result]).splitlines()
    assert lines[0].split() == [
        "interpreter", "passed", "before", "passed", "after", "retained", "lost", "new",
        "failures",
    ]  # fmt: skip
    assert lines[2].split() == ["CPython", "3.8.18", "2", "1", "1", "1", "0"]
    write_list(tmp_path / "lost.txt", result.lost)
    assert (tmp_path / "lost.txt").read_text() == "b: did not run\n"


def test_record_lines_cut_short_are_skipped(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    record.write_text('{"id": "a", "o": "pass"}\n{"id": "b", "o": "fail", "m": "Boom"}\n{"id": "c')
    assert read_outcomes(record) == [Outcome("a", "pass"), Outcome("b", "fail", "Boom")]
    assert read_outcomes(tmp_path / "missing.jsonl") == []


def test_ignored_tests_are_left_out_on_both_sides() -> None:
    before = outcomes(
        "t.SSLTest.test_handshake pass", "t.make.<locals>.SSLTest.test_sni pass",
        "t.DNSTest.test_live pass", "t.Core.test_a pass", "t.Core.test_b pass",
    )  # fmt: skip
    after = outcomes(
        "t.SSLTest.test_handshake error ssl.SSLError: bad", "t.SSLTest.test_sni fail x",
        "t.SSLTest.test_new error y", "t.Core.test_a pass", "t.Core.test_b fail z",
    )  # fmt: skip
    # The normalised id matches too; a pattern is case-sensitive.
    result = compare("x", before, after, ["t.SSLTest.*", "*.test_LIVE", "*.DNSTest.test_live"])
    assert (result.passed_before, result.passed_after, result.retained) == (2, 1, 1)
    assert result.lost == [("t.Core.test_b", "fail: z")]
    assert result.new_failures == []
    assert ignored("t.SSLTest.test_x", ["t.SSL*"])
    assert not ignored("t.Core.test_a", ["t.SSL*", "Core.*", "t.core.*"])


def test_the_baseline_column() -> None:
    result = compare("CPython 3.12.1", outcomes("a pass", "b pass"), outcomes("a pass"))
    result.baseline_retained = 0
    assert result.row() == ("CPython 3.12.1", 2, 1, 1, 1, 0, 0)
    lines = table([result], tablefmt="github").splitlines()
    assert lines[0].split("|")[-2].strip() == "2to3 retained"
    assert [cell.strip() for cell in lines[2].split("|")[1:-1]] == [
        "CPython 3.12.1", "2", "1", "1", "1", "0", "0",
    ]  # fmt: skip


def test_written_lines_mark_changes_and_deletions() -> None:
    before = ["a", "b", "c", "d", "e"]
    after = ["a", "B", "c", "e", "f"]  # b changed, d deleted, f added
    assert written_lines(before, after) == frozenset({2, 4, 5})
    assert written_lines(before, before) == frozenset()


def test_lost_tests_are_placed_on_the_modernized_line_first() -> None:
    written = {"pkg/mod.py": frozenset({12}), "pkg/other.py": frozenset({3})}

    def place(*frames: str) -> str:
        return locate([Outcome("t", "error", "E", frames)], written)

    # Innermost frame first, but a modernized line anywhere in the traceback wins.
    assert place("tests/t.py:5", "pkg/mod.py:12", "pkg/util.py:40") == (
        "pkg/mod.py:12 (modernized line)"
    )
    assert place("tests/t.py:5", "pkg/other.py:9", "pkg/util.py:40") == (
        "pkg/other.py:9 (modernized file)"
    )
    assert place("tests/t.py:5", "pkg/util.py:40") == "pkg/util.py:40"
    assert place() == ""  # a test that did not run, or failed outside the project


def test_lost_list_gives_the_place(tmp_path: Path) -> None:
    before = outcomes("a pass", "b pass")
    after = [Outcome("a", "pass"), Outcome("b", "fail", "AssertionError", ("m.py:3",))]
    result = compare("x", before, after, written={"m.py": frozenset({3})})
    assert result.places == {"b": "m.py:3 (modernized line)"}
    write_list(tmp_path / "lost.txt", result.lost, result.places)
    assert (tmp_path / "lost.txt").read_text() == (
        "b: fail: AssertionError [at m.py:3 (modernized line)]\n"
    )
