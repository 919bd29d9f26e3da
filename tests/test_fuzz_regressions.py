"""Every failure the fuzzer (legacylift.fuzz) found, reduced to a few lines, with the behaviour
now expected of the whole pipeline (every codemod, as `legacylift modernize` runs them).

Each entry names the campaign that found it and the fix (file, what changed).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from legacylift.doctests import _chunks, _Refuse
from legacylift.engine import TransformError, modernize_text
from legacylift.fuzz import Checker, settings_for
from legacylift.versions import parse_version

REWRITES = [
    # metaclass_type paired module statements with the originals by position, and gave up
    # when collections_abc_imports had split an import line in the same pass: the
    # ``__metaclass__ = type`` line went only on a second run (codemods/metaclass_type.py,
    # _prune: one original setting decides for the block, whatever its length).
    pytest.param(
        "3.8",
        "default",
        """\
        __metaclass__ = type

        from collections import Mapping, OrderedDict
        """,
        """\
        from collections import OrderedDict
        from collections.abc import Mapping
        """,
        id="metaclass-type-beside-a-split-import",
    ),
    # datetime_utcnow wrote datetime.timezone.utc, which datetime_utc_alias (3.11+) rewrites
    # only on the next run: the new call is never visited (codemods/datetime_utcnow.py, _utc).
    pytest.param(
        "3.11",
        "default",
        """\
        import datetime
        now = datetime.datetime.utcnow()
        """,
        """\
        import datetime
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        """,
        id="utcnow-on-3.11-spells-datetime-UTC",
    ),
    pytest.param(
        "3.12",
        "default",
        """\
        from datetime import datetime
        then = datetime.utcfromtimestamp(t)
        """,
        """\
        from datetime import UTC, datetime
        then = datetime.fromtimestamp(t, UTC).replace(tzinfo=None)
        """,
        id="utcfromtimestamp-on-3.12-imports-UTC",
    ),
    pytest.param(
        "3.11",
        "default",
        """\
        from datetime import datetime
        UTC = 'a local name'
        now = datetime.utcnow()
        """,
        """\
        from datetime import timezone, datetime
        UTC = 'a local name'
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        """,
        id="utcnow-on-3.11-with-UTC-taken-keeps-timezone-utc",
    ),
    # py2_builtins turned long(0) into int(0), which native_literals turned into 0 only on
    # the next run: its pre-check did not match ``long(`` and it read the original name
    # (codemods/native_literals.py: PRECHECK and leave_Call).
    pytest.param(
        "3.8",
        "python2",
        """\
        total = reduce(add, xrange(n), long(0))
        name = unicode('x')
        """,
        """\
        import functools

        total = functools.reduce(add, range(n), 0)
        name = 'x'
        """,
        id="py2-builtin-renamed-then-literal",
    ),
    # named_tuple_class_syntax writes a new class that the later codemods of the same pass
    # never visit: pep604_unions (and named_tuple_to_dataclass under --unsafe) rewrote its
    # fields only on a second run (codemods/named_tuple_class_syntax.py: PREPASS = True, so
    # it runs before the others, which then see the class).
    pytest.param(
        "3.10",
        "default",
        """\
        from typing import NamedTuple, List, Optional

        Point = NamedTuple("Point", [("x", List[int]), ("y", Optional[str])])
        """,
        """\
        from typing import NamedTuple

        class Point(NamedTuple):
            x: list[int]
            y: str | None
        """,
        id="functional-named-tuple-then-pep604",
    ),
    pytest.param(
        "3.8",
        "unsafe",
        """\
        from typing import NamedTuple

        Point = NamedTuple("Point", [("x", int), ("y", int)])  # a 2-D point
        """,
        """\
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Point:  # a 2-D point
            x: int
            y: int
        """,
        id="functional-named-tuple-then-dataclass",
    ),
    # A form feed in the first indentation is LibCST's default indent, which its parser
    # config refuses (ValueError) when the import adder parses the new import line: an
    # internal error (legacylift/engine.py, _add_imports: a plain indent meanwhile).
    pytest.param(
        "3.8",
        "default",
        "if x:\n \x0c pass\nimport collections\nok = collections.Sequence\n",
        "import collections.abc\n\nif x:\n \x0c pass\nimport collections\n"
        "ok = collections.abc.Sequence\n",
        id="form-feed-indent-and-an-added-import",
    ),
]


@pytest.mark.parametrize(("target", "mode", "before", "after"), REWRITES)
def test_rewritten_once_and_for_all(target: str, mode: str, before: str, after: str) -> None:
    before, after, version = textwrap.dedent(before), textwrap.dedent(after), parse_version(target)
    chosen = settings_for(version, mode)
    assert modernize_text(before, chosen).code == after
    assert modernize_text(after, chosen).code == after, "a second run changed it"
    assert Checker().check(before, version, mode) == ("rewritten", None)


REFUSALS = [
    # LibCST prints "\x0cdef g():" as "def g():": a byte no codemod meant to change
    # (legacylift/engine.py, _run_codemods: refused when the parse does not print back).
    pytest.param(
        "import pdb\n\ndef f():\n    pdb.set_trace()\n\x0cdef g():\n    pass\n",
        "LibCST would drop a form feed (page break) of this file",
        id="form-feed-before-a-statement",
    ),
]


@pytest.mark.parametrize(("source", "message"), REFUSALS)
def test_refused_with_a_message(source: str, message: str) -> None:
    with pytest.raises(TransformError) as refused:
        modernize_text(source, settings_for((3, 8), "default"))
    assert str(refused.value) == message


def test_a_doctest_import_rewritten_to_another_kind() -> None:
    # mock_to_unittest_mock turns ``>>> import mock`` into ``from unittest import mock``:
    # another kind of statement, but an import prints nothing either way.  _chunks once took
    # the max() of no lines here (ValueError).
    source = 'def documented():\n    r"""Run it.\n    >>> import mock\n    """\n'
    outcome = modernize_text(source, settings_for((3, 8), "default"))
    assert outcome.code == source.replace("import mock", "from unittest import mock")
    assert outcome.notes == []


def test_a_doctest_expression_rewritten_to_another_kind_is_refused() -> None:
    # An expression statement prints its value, an assignment does not: such an example would
    # print differently, so it keeps its old text (no codemod does this today; _chunks guards).
    with pytest.raises(_Refuse, match="would change its statements"):
        _chunks("value\n", "other = value\n")
    assert _chunks("import mock\n", "from unittest import mock\n") == [
        ["from unittest import mock"]
    ]


# LibCST's native parser died of a stack overflow (SIGSEGV: the worker, or the whole run with
# --jobs 1, went down without a word) on these; they now raise TransformError
# (legacylift/engine.py, parse: MAX_NESTING).  Run in a child process, so that a regression
# fails this test instead of killing the test session.
DEEP = {
    "attribute-chain": "'x = ' + 'a.' * 20000 + 'b'",
    "call-chain": "'x = f' + '(1)' * 20000",
    "boolean-operators": "'x = a' + ' and a' * 8000",
}


@pytest.mark.parametrize("expression", list(DEEP.values()), ids=list(DEEP))
def test_deep_nesting_is_a_transform_error(expression: str) -> None:
    code = textwrap.dedent(
        f"""
        from legacylift.engine import TransformError, modernize_text
        from legacylift.fuzz import settings_for
        try:
            modernize_text("import pdb\\npdb.set_trace()\\n" + {expression},
                           settings_for((3, 8), "default"))
        except TransformError as exc:
            print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert (done.returncode, done.stdout) == (
        0,
        "too deeply nested for LibCST (over 2500 levels)\n",
    )
