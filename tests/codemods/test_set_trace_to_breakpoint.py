import pytest

from codemods.set_trace_to_breakpoint import SetTraceToBreakpoint
from legacylift.engine import eligible
from tests.helpers import assert_noop, assert_rewrite

REWRITES = [
    pytest.param(
        """\
        import pdb
        def f(x):
            pdb.set_trace()
            return x
        """,
        """\
        def f(x):
            breakpoint()
            return x
        """,
        id="docstring example: import removed when unused",
    ),
    pytest.param("import pdb; pdb.set_trace()\n", "breakpoint()\n", id="one-liner"),
    pytest.param("import pdb as p\np.set_trace()\n", "breakpoint()\n", id="aliased module"),
    pytest.param(
        "from pdb import set_trace\nset_trace()\n", "breakpoint()\n", id="imported function"
    ),
    pytest.param(
        "from pdb import set_trace as st\nst()\n", "breakpoint()\n", id="aliased function"
    ),
    pytest.param(
        "import pdb\npdb.set_trace()\npdb.post_mortem()\n",
        "import pdb\nbreakpoint()\npdb.post_mortem()\n",
        id="import kept while still used",
    ),
    pytest.param(
        "import os, pdb\npdb.set_trace()  # stop here\nos.getcwd()\n",
        "import os\nbreakpoint()  # stop here\nos.getcwd()\n",
        id="only pdb leaves a multi-import; comment kept",
    ),
    pytest.param(
        "import pdb  # debugging aid\npdb.set_trace()\n",
        "import pdb  # debugging aid\nbreakpoint()\n",
        id="import with a comment kept rather than losing the comment",
    ),
    pytest.param(
        """\
        def g():
            import pdb
            if True: pdb.set_trace()
        """,
        """\
        def g():
            if True: breakpoint()
        """,
        id="function-local import",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SetTraceToBreakpoint, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("import ipdb\nipdb.set_trace()\n", "breakpoint()\n", id="ipdb"),
        pytest.param("from pudb import set_trace\nset_trace()\n", "breakpoint()\n", id="pudb"),
    ],
)
def test_rewrite_other_debuggers_when_unsafe(before: str, after: str) -> None:
    assert_rewrite(SetTraceToBreakpoint, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def set_trace(): pass\nset_trace()\n", id="a local function named set_trace"),
        pytest.param("pdb = object()\npdb.set_trace()\n", id="pdb is a variable, not the module"),
        pytest.param(
            "import pdb\npdb.set_trace(header='x')\n", id="arguments would reach the hook"
        ),
        pytest.param(
            "import pdb\nbreakpoint = print\npdb.set_trace()\n", id="breakpoint is shadowed"
        ),
        pytest.param(
            "import pdb\ndef f(breakpoint):\n    pdb.set_trace()\n",
            id="breakpoint is a parameter here",
        ),
        pytest.param("import pdb\nhook = pdb.set_trace\n", id="referenced, not called"),
        pytest.param("import pdb\npdb.Pdb().set_trace()\n", id="a Pdb instance method"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(SetTraceToBreakpoint, source)


def test_noop_ipdb_in_safe_mode_says_why() -> None:
    outcome = assert_noop(SetTraceToBreakpoint, "import ipdb\nipdb.set_trace()\n")
    assert any("--unsafe" in note for note in outcome.notes)


def test_not_eligible_below_3_7() -> None:
    assert eligible((SetTraceToBreakpoint,), (3, 6), unsafe=True) == ()
    assert eligible((SetTraceToBreakpoint,), (3, 7), unsafe=False) == (SetTraceToBreakpoint,)
