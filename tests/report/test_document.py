"""The document model's two renderings, number formatting, and memory-tracking runs."""

from __future__ import annotations

import json
from pathlib import Path

from legacylift.report.build import README, render
from legacylift.report.document import (
    Block,
    Bullets,
    Caution,
    Heading,
    Image,
    Paragraph,
    Table,
    escape,
    inline_html,
    to_html,
    to_markdown,
)
from legacylift.report.stats import Comparison, Interval
from legacylift.report.text import format_mean_std, format_value, ratio_cell, summary_cell


def test_escape_round_trips_through_inline_html() -> None:
    text = "py2_ledger: requires-python >=2.7,<3 | *x* `y` [z](w)"
    assert inline_html(escape(text)) == (
        "py2_ledger: requires-python &gt;=2.7,&lt;3 | *x* `y` [z](w)"
    )


def test_inline_markup() -> None:
    assert inline_html("**a** `b<c` [d](e.md)") == (
        '<strong>a</strong> <code>b&lt;c</code> <a href="e.md">d</a>'
    )


def test_both_renderings_carry_the_same_blocks() -> None:
    blocks: list[Block] = [
        Heading(2, "Title"),
        Paragraph("text **bold**"),
        Bullets(("one", "two")),
        Caution(("careful",)),
        Table(("a", "b"), (("1.00", "x\\|y"),), ("left", "right")),
        Image("c.svg", "a chart", '<?xml version="1.0"?>\n<svg width="1"></svg>\n'),
    ]
    markdown = to_markdown(blocks)
    assert "## Title" in markdown and "- two" in markdown and "> **Warning:** careful" in markdown
    assert "| 1.00 " in markdown  # not reformatted as a number
    assert "![a chart](c.svg)" in markdown
    page = to_html(blocks, "t")
    assert '<svg role="img" aria-label="a chart" width="1"></svg>' in page
    assert "<?xml" not in page and '<td class="right">x|y</td>' in page


def test_units() -> None:
    assert format_value(0.0123, "second") == "12.3 ms"
    assert format_value(4.5e-7, "second") == "450 ns"
    assert format_value(2.5 * 1024 * 1024, "byte") == "2.50 MiB"
    assert format_mean_std([0.010, 0.012], "second") == "11.0 ms +- 1.4 ms"
    assert format_mean_std([0.010], "second") == "10.0 ms"


def test_cells_never_show_a_non_significant_speed_up() -> None:
    ns = Comparison(Interval(0.7, 0.5, 0.9), 0.2, False, 3, 3)
    assert ratio_cell(ns) == "~0.70 (n.s.)"
    sig = Comparison(Interval(0.7, 0.65, 0.75), 0.001, True, 9, 9)
    assert ratio_cell(sig) == "0.70 [0.65, 0.75]"
    assert summary_cell(Interval(0.7, 0.6, 0.8, noise_known=False)) == "~0.70 (n.s.)"
    assert summary_cell(None) == "-"


def test_memory_runs_speak_of_memory(fixture_run: Path) -> None:
    for path in fixture_run.glob("*-2026*.json"):
        data = json.loads(path.read_text())
        data["metadata"]["unit"] = "byte"
        path.write_text(json.dumps(data))
    readme = render(fixture_run).files[README].decode()
    assert "before (peak memory)" in readme
    assert "the modernized code takes 0.95x the memory of the original" in readme
