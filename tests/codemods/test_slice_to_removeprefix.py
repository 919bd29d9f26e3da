import pytest

from codemods.slice_to_removeprefix import SliceToRemoveprefix
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        def clean(name: str, tag: str) -> str:
            if name.startswith("db_"):
                name = name[3:]
            if name.endswith(".tmp"):
                name = name[:-len(".tmp")]
            return name[len(tag):] if name.startswith(tag) else name
        """,
        """\
        def clean(name: str, tag: str) -> str:
            name = name.removeprefix("db_")
            name = name.removesuffix(".tmp")
            return name.removeprefix(tag)
        """,
        id="docstring example",
    ),
    pytest.param(
        "s = 'db_users'\nif s.startswith('db_'):\n    s = s[len('db_'):]\n",
        "s = 'db_users'\ns = s.removeprefix('db_')\n",
        id="str literal binding, len of the literal",
    ),
    pytest.param(
        "s = input()\nif s.endswith('.py'): s = s[:-3]  # no suffix\n",
        "s = input()\ns = s.removesuffix('.py')  # no suffix\n",
        id="one-line if, numeric suffix slice, comment kept",
    ),
    pytest.param(
        "def f(s: str):\n    # above\n    if s.startswith('x'):  # why\n        # inside\n"
        "        s = s[1:]\n    return s\n",
        "def f(s: str):\n    # above\n    # inside\n    s = s.removeprefix('x')  # why\n"
        "    return s\n",
        id="comments above, on the header and inside all kept",
    ),
    pytest.param(
        "def f(n):\n    s = f'{n}'\n    s += 'x'\n    return s[1:] if s.startswith('-') else s\n",
        "def f(n):\n    s = f'{n}'\n    s += 'x'\n    return s.removeprefix('-')\n",
        id="f-string and += str: conditional expression",
    ),
    pytest.param(
        "p = 'v'\ns = str(x).strip()\nif s.startswith(p):\n    s = s[len(p):]\n",
        "p = 'v'\ns = str(x).strip()\ns = s.removeprefix(p)\n",
        id="prefix name bound to a str, str() and a str method",
    ),
    pytest.param(
        "s = 'a' if x else 'b' + repr(y)\nt = (s[len('a'):] if s.startswith('a') else s)\n",
        "s = 'a' if x else 'b' + repr(y)\nt = (s.removeprefix('a'))\n",
        id="str conditional binding; parentheses kept",
    ),
]

UNSAFE = [
    pytest.param(
        "def f(s, p):\n    if s.startswith(p):\n        s = s[len(p):]\n    return s\n",
        "def f(s, p):\n    s = s.removeprefix(p)\n    return s\n",
        id="untyped parameters",
    ),
    pytest.param(
        "if self.name.endswith(sep):\n    self.name = self.name[:-len(sep)]\n",
        "self.name = self.name.removesuffix(sep)\n",
        id="attribute, non-literal suffix",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SliceToRemoveprefix, before, after, target="3.9")


@pytest.mark.parametrize(("before", "after"), UNSAFE)
def test_unsafe_rewrite(before: str, after: str) -> None:
    assert_noop(SliceToRemoveprefix, before, target="3.9")
    assert_rewrite(SliceToRemoveprefix, before, after, target="3.9", unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("if s.startswith('x'):\n    s = s[1:]\n", id="s is unbound: not a str"),
        pytest.param("for s in xs:\n    if s.startswith('x'): s = s[1:]\n", id="s a loop target"),
        pytest.param("s = 'ab'\ns = g()\nif s.startswith('a'): s = s[1:]\n", id="s rebound"),
        pytest.param("s += 'a'\nif s.startswith('a'): s = s[1:]\n", id="s only from itself"),
        pytest.param(
            "p = 'a'\np = q\ns = ''\nif s.startswith(p): s = s[len(p):]\n", id="p rebound"
        ),
        pytest.param(
            "p = 'x'\ns = ''\nif s.endswith(p): s = s[:-len(p)]\n", id="name suffix may be empty"
        ),
        pytest.param("s = ''\nif s.startswith('x'): s = s[1:]\nelse: s = 'y'\n", id="else"),
        pytest.param(
            "s = ''\nif a: pass\nelif s.startswith('x'): s = s[1:]\n", id="elif cannot go"
        ),
        pytest.param(
            "s = ''\nif s.startswith('x'):\n    s = s[1:]\n    f()\n", id="two statements"
        ),
        pytest.param("s = ''\nif s.startswith('x', 2): s = s[1:]\n", id="start argument"),
        pytest.param("s = ''\nif s.startswith('ab'): s = s[1:]\n", id="length mismatch"),
        pytest.param("s = ''\nif s.endswith(''): s = s[:-0]\n", id="empty literal suffix"),
        pytest.param("s = ''\nif s.startswith('x'): t = s[1:]\n", id="another target"),
        pytest.param("s = ''\nif s.startswith('x'): s = s[1:-1]\n", id="both bounds"),
        pytest.param("s = b''\nif s.startswith(b'x'): s = s[1:]\n", id="bytes"),
        pytest.param("s = ''\nif s.startswith(('a', 'b')): s = s[1:]\n", id="tuple of prefixes"),
        pytest.param("s = ''\nt = g()[1:] if g().startswith('x') else g()\n", id="call twice"),
        pytest.param(
            "len = f\ns = ''\np = ''\nif s.startswith(p): s = s[len(p):]\n", id="len shadowed"
        ),
        pytest.param(
            "s = ''\nif s.startswith('x'):  # one\n    s = s[1:]  # two\n",
            id="two trailing comments cannot share one line",
        ),
        pytest.param(
            "from m import *\ns = ''\np = ''\nif s.startswith(p): s = s[len(p):]\n",
            id="star import may rebind p",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(SliceToRemoveprefix, source, target="3.9")


def test_unproven_lines_are_noted() -> None:
    source = "x = 1\nif s.startswith(p):\n    s = s[len(p):]\n"
    outcome = assert_noop(SliceToRemoveprefix, source, target="3.9")
    assert outcome.notes == ["line(s) 2: slice kept, not provably str or maybe empty (--unsafe)"]


def test_target_before_3_9_is_a_noop() -> None:
    before, _ = docstring_example(SliceToRemoveprefix)
    assert_noop(SliceToRemoveprefix, before, target="3.8")


BEHAVIOUR = """\
def trim(s: str, p: str) -> str:
    if s.startswith(p):
        s = s[len(p):]
    if s.endswith("/"):
        s = s[:-1]
    s += "."
    return s[:-len("x.")] if s.endswith("x.") else s

for args in [("abcx/", "ab"), ("abc", ""), ("ab", "ab"), ("", "a"), ("/x/", "/"), ("x.", "")]:
    print(repr(trim(*args)))
"""


def test_same_output_on_a_real_interpreter() -> None:
    after = run(SliceToRemoveprefix, BEHAVIOUR, target="3.9").code
    assert after.count("remove") == 3
    assert pyenv_output("3.11", BEHAVIOUR) == pyenv_output("3.11", after)


def test_empty_suffix_is_why_a_name_suffix_is_unsafe() -> None:
    before = "s, p = 'abc', ''\nif s.endswith(p):\n    s = s[:-len(p)]\nprint(repr(s))\n"
    after = run(SliceToRemoveprefix, before, target="3.9", unsafe=True).code
    assert "removesuffix" in after
    assert pyenv_output("3.11", before) == "''\n"
    assert pyenv_output("3.11", after) == "'abc'\n"


def test_docstring_example() -> None:
    assert_rewrite(SliceToRemoveprefix, *docstring_example(SliceToRemoveprefix), target="3.9")
