"""required_literals: the substrings a pre-check cannot match without."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods import CODEMODS
from legacylift.prefilter import required_literals


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
