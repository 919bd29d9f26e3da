"""required_literals: the substrings a pre-check cannot match without."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods import CODEMODS
from legacylift.prefilter import required_literals, searcher


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        pytest.param(r"\bset_trace\b", {"set_trace"}, id="a-word"),
        pytest.param(r"\bopen\(|\bfrom\s+io\s+import\b", {"open(", "io"}, id="one-per-branch"),
        pytest.param(r"\b(?:mock|unittest)\.(?:patch)", {".patch"}, id="longest-run-wins"),
        pytest.param(r"\bimport\s+(?:\w+,\s*)*mock\b", {"mock"}, id="common-words-lose"),
        pytest.param(r"(?:ab)+c?", {"ab"}, id="a-required-repeat"),
    ],
)
def test_requirements(pattern: str, needs: set[str]) -> None:
    assert required_literals(re.compile(pattern)) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"\w+\s*\d", id="no-literal-at-all"),
        pytest.param(r"(?:abc)?\d", id="the-literal-is-optional"),
        pytest.param(r"abc|\d", id="a-branch-without-one"),
        pytest.param(r"(?i)open", id="ignorecase-spellings-are-many"),
        pytest.param(r"a(?i:bc)", id="...even-in-a-group"),  # only "a" would be safe; no shortcut
    ],
)
def test_no_requirement(pattern: str) -> None:
    found = required_literals(re.compile(pattern))
    assert found is None or found == {"a"}


PATTERNS = [
    c.PRECHECK for c in CODEMODS if c.PRECHECK is not None and required_literals(c.PRECHECK)
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.pattern[:40] for p in PATTERNS])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_precheck_holds_a_required_literal(
    pattern: re.Pattern[str], data: st.DataObject
) -> None:
    # The shortcut may only skip files the regex itself would reject.
    try:
        text = data.draw(st.from_regex(pattern))
    except Exception:  # a construct hypothesis cannot generate
        pytest.skip("hypothesis cannot generate this pattern")
    needs = required_literals(pattern)
    assert needs is not None
    assert any(literal in text for literal in needs), (text, needs)


ALL_PATTERNS = [c.PRECHECK for c in CODEMODS if c.PRECHECK is not None]
#: Text that puts anchors to the test: words, dots, quotes, brackets and line breaks.
NOISE = st.lists(st.sampled_from([*"ab_é1 .,'\"()[]{}:=#\\\n\t", "import", "in"])).map("".join)


@pytest.mark.parametrize("pattern", ALL_PATTERNS, ids=[p.pattern[:40] for p in ALL_PATTERNS])
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_searcher_agrees_with_the_regex(pattern: re.Pattern[str], data: st.DataObject) -> None:
    try:
        match = data.draw(st.from_regex(pattern))
    except Exception:  # a construct hypothesis cannot generate
        match = ""
    text = data.draw(NOISE) + match + data.draw(NOISE)
    assert searcher(pattern)(text) == (pattern.search(text) is not None), text


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        pytest.param(r"\bab", "xab ab", True, id="a later match after a failed anchor"),
        pytest.param(r"\bab", "xab", False, id="inside a word"),
        pytest.param(r"\b\.x", "a.x", True, id="a match that starts with a non-word"),
        pytest.param(r"\b\.x", " .x", False, id="...needs a word before it"),
        pytest.param(r"\bfoo|bar", "xbar", True, id="only the first branch is anchored"),
        pytest.param(r"\b(?:é)", "aé é", True, id="unicode word characters"),
        pytest.param(r"(?m)^\bx", "y\nx", True, id="inline flags: searched as is"),
    ],
)
def test_searcher_cases(pattern: str, text: str, found: bool) -> None:
    compiled = re.compile(pattern)
    assert searcher(compiled)(text) == found == (compiled.search(text) is not None)


#: Runs every codemod's regexes on texts where a regex that may split a run of ``#`` between
#: two comment matches (``#[^\n]*`` repeated) backtracks exponentially: ``(`` then 40
#: comment lines starting ``##`` took hours (mechanize 0.2.5's _mechanize.py hung a run).
_BACKTRACKING = """
import sys
from codemods import CODEMODS
from codemods._parens_scan import _OPEN_OPEN, may_have_doubled_parentheses
patterns = [_OPEN_OPEN] + [
    p for c in CODEMODS for p in (c.PRECHECK, c.LOCATIONS, c.FOLLOW) if p is not None
]
for head in ("(", "[", "{", "x = (", "defaultdict(", "set(", "f(a, ", "= ["):
    for line in ("## x\\n", "#\\n", "# #  \\n", "  ## (\\n"):
        text = head + line * 40
        for pattern in patterns:
            pattern.search(text)
        may_have_doubled_parentheses(text)
print("done")
"""


def test_no_precheck_backtracks_exponentially_over_comment_lines() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BACKTRACKING],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout == "done\n", done.stderr
