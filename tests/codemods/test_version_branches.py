import ast
import textwrap

import libcst as cst
import pytest

from codemods._branch_collapse import comment_texts, flatten, surviving
from codemods._version_checks import constant, module_flags, version_range
from codemods.version_branches import VersionBranches
from legacylift.astindex import AstIndex
from legacylift.codemod import Refuse
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        """\
        import sys
        if sys.version_info[0] == 2:
            text_type = unicode  # noqa: F821
        else:
            # Python 3
            text_type = str
        name = "py3" if sys.version_info >= (3,) else "py2"
        """,
        """\
        # Python 3
        text_type = str
        name = "py3"
        """,
        id="docstring example",
    ),
    pytest.param(
        "import sys\nif sys.version_info[0] >= 3:\n    a = 1\nelse:\n    a = 2\nprint(sys.argv)\n",
        "import sys\na = 1\nprint(sys.argv)\n",
        id=">= 3 keeps the if body; sys still used",
    ),
    pytest.param(
        "import sys\nif sys.version_info < (3,):\n    a = 1\nb = 2\n",
        "b = 2\n",
        id="< (3,) with no else: the whole if goes",
    ),
    pytest.param(
        "import sys\nif sys.version_info > (3, 0):\n    a = 1\n", "a = 1\n", id="> (3, 0)"
    ),
    pytest.param(
        "import sys\nif sys.version_info >= (3, 6):\n    a = 1\n", "a = 1\n", id="3.6 <= 3.8"
    ),
    pytest.param(
        "import sys\nif sys.version_info < (2, 7):\n    a = 1\nelse:\n    a = 2\n",
        "a = 2\n",
        id="< (2, 7)",
    ),
    pytest.param(
        "import sys\nif sys.version_info.major == 3:\n    a = 1\n", "a = 1\n", id=".major"
    ),
    pytest.param(
        "import sys\nif sys.version_info[:2] >= (3, 3):\n    a = 1\n", "a = 1\n", id="slice"
    ),
    pytest.param(
        "import sys\nif sys.version < '3':\n    a = 1\nelse:\n    a = 2\n",
        "a = 2\n",
        id="sys.version string",
    ),
    pytest.param(
        "import sys\nif (2, 6) <= sys.version_info < (3,):\n    a = 1\nb = 2\n",
        "b = 2\n",
        id="chained comparison",
    ),
    pytest.param(
        "import sys\nif (3,) > sys.version_info:\n    a = 1\nb = 2\n",
        "b = 2\n",
        id="version on the right",
    ),
    pytest.param(
        "from sys import version_info\nif version_info[0] == 2:\n    a = 1\n",
        "from sys import version_info\n",
        id="from sys import version_info (a from-import is not removed)",
    ),
    pytest.param(
        "import sys as _sys\nif _sys.version_info[0] == 3:\n    a = 1\n",
        "import sys as _sys\na = 1\n",
        id="aliased sys resolved (aliased import kept)",
    ),
    pytest.param(
        """\
        import six
        if six.PY2:
            import cPickle as pickle
        else:
            import pickle
        """,
        "import pickle\n",
        id="six.PY2 with import six removed",
    ),
    pytest.param(
        "from six import PY2, PY3\nif not PY3:\n    a = 1\n",
        "from six import PY2, PY3\n",
        id="not six.PY3; a from-import may be a re-export, so it stays",
    ),
    pytest.param(
        """\
        import sys
        PY3 = sys.version_info[0] == 3
        PY2 = not PY3
        def f():
            if PY2:
                return 1
            return 2
        """,
        """\
        import sys
        PY3 = sys.version_info[0] == 3
        PY2 = not PY3
        def f():
            return 2
        """,
        id="flags the module defines from sys.version_info",
    ),
    pytest.param(
        """\
        import sys
        def f():
            if sys.version_info >= (3, 9):
                a = 1
            elif sys.version_info >= (3, 6):  # six
                a = 2
            elif x:
                a = 3
            else:
                a = 4
            return a
        """,
        """\
        import sys
        def f():
            if sys.version_info >= (3, 9):
                a = 1
            else:  # six
                a = 2
            return a
        """,
        id="elif that holds becomes the else; a newer version stays",
    ),
    pytest.param(
        """\
        import sys
        # leading
        if sys.version_info < (3,):  # py2
            a = 1
        # about x
        elif x:
            a = 3
        """,
        """\
        # leading
        # about x
        if x:
            a = 3
        """,
        id="dead if: its elif becomes the if",
    ),
    pytest.param(
        """\
        import sys
        if x:
            a = 1
        elif sys.version_info[0] == 2:
            a = 2
        else:
            a = 3
        """,
        """\
        if x:
            a = 1
        else:
            a = 3
        """,
        id="dead elif dropped from the chain",
    ),
    pytest.param(
        "import six\nif six.PY2: a = 1; b = 2\nelse: a = 3; b = 4  # c\nprint(a)\n",
        "a = 3; b = 4  # c\nprint(a)\n",
        id="one-line branches",
    ),
    pytest.param(
        """\
        import sys
        class C:
            if sys.version_info[0] == 2:  # py2 spelling
                def __nonzero__(self):
                    return True
            else:  # py3 spelling
                def __bool__(self):
                    if sys.version_info >= (3,):
                        return True
        """,
        """\
        class C:
            # py3 spelling
            def __bool__(self):
                return True
        """,
        id="nested blocks dedented, the header comment kept",
    ),
    pytest.param(
        "import sys\ndef f(x):\n    if sys.version_info[0] == 2:\n        return x\n",
        "def f(x):\n    pass\n",
        id="the only statement of a block: pass",
    ),
    pytest.param(
        "import six\nx = (\n    u'a'  # text\n    if six.PY2\n    else 'b'\n)\n",
        "x = (\n    'b'\n)\n",
        id="parenthesized if-expression",
    ),
    pytest.param(
        "import six\nf = str if six.PY3 else lambda s: s.decode()\n"
        "g = (1 if six.PY2 else 2).bit_length()\n",
        "f = str\ng = (2).bit_length()\n",
        id="if-expressions",
    ),
    pytest.param(
        "import sys\nif sys.version_info[0] == 2 or sys.version_info < (3, 3):\n    a = 1\nb = 2\n",
        "b = 2\n",
        id="or of version tests",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(VersionBranches, before, after)


def test_the_target_decides() -> None:
    source = "import sys\nif sys.version_info >= (3, 8):\n    a = 1\nelse:\n    a = 2\n"
    assert_rewrite(VersionBranches, source, "a = 1\n", target="3.8")
    assert_noop(VersionBranches, source, target="3.7")


def test_python2_file() -> None:
    source = "import sys\nif sys.version_info[0] == 2:\n    print 'py2'\nelse:\n    print('py3')\n"
    assert_rewrite(VersionBranches, source, "print('py3')\n")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import sys\nif sys.version_info >= (3, 9):\n    a = 1\n", id="newer than the target"
        ),
        pytest.param(
            "import sys\nif sys.version_info[:2] == (3, 8):\n    a = 1\n",
            id="== the target: false on 3.9",
        ),
        pytest.param(
            "import sys\nif sys.version_info >= (3, 8, 2):\n    a = 1\n", id="a micro version"
        ),
        pytest.param(
            "import sys\nif sys.version >= '3.5':\n    a = 1\n", id="string compare of minors"
        ),
        pytest.param("import sys\nif sys.version_info[1] >= 5:\n    a = 1\n", id="the minor alone"),
        pytest.param(
            "import sys\nif sys.version_info >= (3, 9) and PY3:\n    a = 1\n",
            id="and with an undecided version test",
        ),
        pytest.param("PY3 = True\nPY3 = False\nif PY3:\n    a = 1\n", id="a flag bound twice"),
        pytest.param("PY3 = check()\nif PY3:\n    a = 1\n", id="a flag that is no version test"),
        pytest.param("if PY3:\n    a = 1\n", id="an unbound name"),
        pytest.param(
            "import six\ndef f(six):\n    if six.PY2:\n        a = 1\n",
            id="a parameter named six",
        ),
        pytest.param(
            "class sys:\n    version_info = (2, 7)\nif sys.version_info < (3,):\n    a = 1\n",
            id="a local class named sys",
        ),
        pytest.param(
            "import sys\nif sys.version_info[0] == 3:\n    a = 1\n    # trailing\nb = 2\n",
            id="a comment after the surviving body would be lost",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(VersionBranches, source)


def test_mixed_test_refused_with_a_note() -> None:
    for source in (
        "import six\nif six.PY2 and x:\n    a = 1\n",
        "import sys\nif x or sys.version_info[0] == 2:\n    a = 1\n",
    ):
        outcome = assert_noop(VersionBranches, source)
        assert outcome.notes == ["line 2: a version check mixed with other tests left alone"]


def test_flag_from_another_module_refused_with_a_note() -> None:
    outcome = assert_noop(VersionBranches, "from .compat import PY2\nif PY2:\n    a = 1\n")
    assert outcome.notes == [".compat.PY2 left alone: only six's PY2/PY3 are trusted"]


def test_vendored_six_is_trusted() -> None:
    source = "from django.utils.six import PY3\nx = 1 if PY3 else 2\n"
    assert_rewrite(VersionBranches, source, "from django.utils.six import PY3\nx = 1\n")


def test_dead_comments_are_consumed() -> None:
    source = "import six\nif six.PY2:  # old\n    a = 1  # older\nelse:\n    a = 2  # new\n"
    outcome = run(VersionBranches, source)
    assert outcome.code == "a = 2  # new\n"
    assert sorted(outcome.consumed) == ["# old", "# older"]


def test_version_range() -> None:
    assert version_range("sys.version_info", 8) == ((3, 8, 0, 0, 0), (3, 10**6, 0, 0, 0))
    assert version_range("sys.version_info[:2]", 8) == ((3, 8), (3, 10**6))
    assert version_range("sys.version_info[0:1]", 8) == ((3,), (3,))
    assert version_range("sys.version_info.major", 8) == (3, 3)
    assert version_range("sys.version", 8) == ("3.", "3.")
    assert version_range("sys.version_info[1]", 8) is None  # the minor alone varies
    assert version_range("os.version_info", 8) is None


def test_constant() -> None:
    assert constant(cst.parse_expression("(3, 6)")) == (3, 6)
    assert constant(cst.parse_expression("'3'")) == "3"
    for refused in ("3.6", "(3, 6, 0, 'final')", "(3, 6, 0, 0)", "x", "None"):
        with pytest.raises(Refuse):
            constant(cst.parse_expression(refused))


def test_module_flags_only_top_level_single_targets() -> None:
    module = cst.parse_module("PY3 = a\nX = Y = b\nx.PY2 = c\nif d:\n    PY2 = e\n")
    flags = {cst.ensure_type(n, cst.Name).value: v for n, v in module_flags(module).items()}
    assert {name: cst.Module([]).code_for_node(v) for name, v in flags.items()} == {"PY3": "a"}


def _code(statements: list[cst.BaseStatement]) -> str:
    return "".join(cst.Module([]).code_for_node(statement) for statement in statements)


def test_collapse_helpers() -> None:
    source = "# top\nif a:  # head\n    b = 1\n    c = 2\nelif x:\n    d = 3\n"
    chain = cst.ensure_type(cst.parse_statement(source), cst.If)
    body = "# top\n# head\nb = 1\nc = 2\n"
    assert _code(flatten(chain.body, list(chain.leading_lines))) == body
    assert _code(surviving(chain, [], chain)) == body  # ``a`` holds
    assert surviving(chain, [], None) == []  # no branch can run
    undecided = cst.ensure_type(chain.orelse, cst.If).with_changes(orelse=None)
    assert _code(surviving(chain, [undecided], None)) == "# top\nif x:\n    d = 3\n"
    assert comment_texts([chain]) == {"# top": 1, "# head": 1}


def test_docstring_example() -> None:
    assert_rewrite(VersionBranches, *docstring_example(VersionBranches))


def located(source: str) -> set[int] | None:
    return VersionBranches.locate(AstIndex(ast.parse(textwrap.dedent(source))))


def test_locate_finds_every_test_that_names_a_version() -> None:
    source = """\
        import sys
        PY3 = sys.version_info[0] == 3
        MODERN = PY3
        if MODERN:
            pass
        elif six.PY2:
            pass
        label = "new" if MySQLdb.version_info >= (1, 3) else "old"
        if check(version=2):
            pass
        if x:
            pass
    """
    # The flag through a flag, an elif, any module's version_info, a keyword named version.
    assert located(source) == {4, 6, 8, 9}


def test_locate_skips_files_without_a_version_test() -> None:
    # Django 2.2's: a version kept in a variable, flags imported from elsewhere (not six's).
    source = """\
        import sys
        from django.utils.version import PY36
        CURRENT_PYTHON = sys.version_info[:2]
        if PY36:
            pass
        trailing = "" if PY37 else ","
    """
    assert located(source) == set()
