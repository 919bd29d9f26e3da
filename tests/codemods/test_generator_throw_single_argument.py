import os
import subprocess

import pytest

from codemods.generator_throw_single_argument import GeneratorThrowSingleArgument
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

CODEMOD = GeneratorThrowSingleArgument

REWRITES = [
    pytest.param(
        """\
        if self.exc_info is not None:
            self.had_exception = True
            exc_info = self.exc_info
            self.exc_info = None
            yielded = self.gen.throw(*exc_info)
        else:
            yielded = self.gen.send(next)
        """,
        """\
        if self.exc_info is not None:
            self.had_exception = True
            exc_info = self.exc_info
            self.exc_info = None
            yielded = self.gen.throw(*(exc_info[1:2] or exc_info))
        else:
            yielded = self.gen.send(next)
        """,
        id="tornado's Runner.run",
    ),
    pytest.param(
        "import sys\ntry:\n    f()\nexcept Exception:\n    gen.throw(*sys.exc_info())\n",
        "import sys\ntry:\n    f()\nexcept Exception:\n    gen.throw(sys.exc_info()[1])\n",
        id="sys.exc_info() is called once",
    ),
    pytest.param(
        "from sys import exc_info as info\ncoro.throw(*info())\n",
        "from sys import exc_info as info\ncoro.throw(info()[1])\n",
        id="sys.exc_info resolved through an import alias",
    ),
    pytest.param(
        "self.gen.throw(*self.exc_info)  # type: ignore\n",
        "self.gen.throw(*(self.exc_info[1:2] or self.exc_info))  # type: ignore\n",
        id="attribute receiver and triple",
    ),
    pytest.param(
        "def g():\n    x = yield gens[0].throw(*exc_info)\n",
        "def g():\n    x = yield gens[0].throw(*(exc_info[1:2] or exc_info))\n",
        id="any receiver expression",
    ),
]

UNSAFE_REWRITES = [
    pytest.param(
        "gen.throw(typ, value, tb)\n",
        "gen.throw(value.with_traceback(tb))\n",
        id="three arguments",
    ),
    pytest.param(
        "gen.throw(type(e), e, e.__traceback__)\n",
        "gen.throw(e.with_traceback(e.__traceback__))\n",
        id="type(e) as the type",
    ),
    pytest.param(
        "gen.throw(KeyError, self.error)\n",
        "gen.throw(self.error.with_traceback(None))\n",
        id="two arguments drop the old traceback",
    ),
    pytest.param(
        "gen.throw(*failure)\n",
        "gen.throw(*(failure[1:2] or failure))\n",
        id="starred name not called exc_info",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(CODEMOD, before, after)


@pytest.mark.parametrize(("before", "after"), UNSAFE_REWRITES)
def test_unsafe_rewrite(before: str, after: str) -> None:
    assert_rewrite(CODEMOD, before, after, unsafe=True)
    assert_noop(CODEMOD, before)


def test_kept_calls_are_noted() -> None:
    outcome = assert_noop(CODEMOD, "x = 1\ngen.throw(T, v, tb)\ngen.throw(*failure)\n")
    assert any("kept on line(s) 2, 3" in note for note in outcome.notes)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("gen.throw(exc)\n", id="one argument already"),
        pytest.param("gen.throw(typ, value, tb)\n", id="three arguments need --unsafe"),
        pytest.param("gen.throw(*failure)\n", id="starred name not exc_info needs --unsafe"),
        pytest.param("throw(*exc_info)\n", id="a plain function named throw"),
        pytest.param("gen.throw(*get_exc_info())\n", id="other call would be evaluated twice"),
        pytest.param("sys = S()\ngen.throw(*sys.exc_info())\n", id="sys is not the module"),
        pytest.param("gen.throw(*exc_info, extra)\n", id="more than the starred triple"),
        pytest.param("gen.throw(*(exc_info  # why\n))\n", id="a comment inside"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(CODEMOD, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("gen.throw(T, None, tb)\n", id="value is None"),
        pytest.param("gen.throw(T, None)\n", id="two arguments, value is None"),
        pytest.param("gen.throw(T, make(), tb)\n", id="value is a call"),
        pytest.param("gen.throw(pick(), v, tb)\n", id="dropped type has an effect"),
        pytest.param("def f(type):\n    gen.throw(type(v), v, tb)\n", id="type is not the builtin"),
        pytest.param("gen.throw(*triples[0])\n", id="starred subscript"),
        pytest.param("gen.throw(*load().state.exc_info)\n", id="starred attribute of a call"),
        pytest.param("gen.throw(T, v, tb=tb)\n", id="keyword argument"),
    ],
)
def test_noop_even_unsafe(source: str) -> None:
    assert_noop(CODEMOD, source, unsafe=True)


def test_docstring_example() -> None:
    assert_rewrite(CODEMOD, *docstring_example(CODEMOD))


OLD_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"
NEW_PYTHON = "/root/.pyenv/versions/3.13.0/bin/python"

#: A generator that reports what was thrown into it; THROW is replaced by each case's call.
BEHAVIOUR = """\
import sys
def gen():
    try:
        yield
    except Exception as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        yield repr(e), tb.tb_lineno
def fail():
    raise KeyError("k")
def caught():
    try:
        fail()
    except Exception:
        return sys.exc_info()
g = gen()
next(g)
exc_info = caught()
typ, value, tb = exc_info
try:
    fail()
except Exception:
    print(THROW)
"""


@pytest.mark.skipif(
    not (os.path.exists(OLD_PYTHON) and os.path.exists(NEW_PYTHON)),
    reason="needs pyenv's Python 3.11.7 and 3.13.0",
)
@pytest.mark.parametrize(
    ("throw", "unsafe"),
    [
        pytest.param("g.throw(*exc_info)", False, id="exc_info"),
        pytest.param("g.throw(*sys.exc_info())", False, id="sys.exc_info()"),
        pytest.param("g.throw(typ, value, tb)", True, id="three arguments"),
        pytest.param("g.throw(typ, value)", True, id="two arguments"),
    ],
)
def test_behaviour_is_kept(throw: str, unsafe: bool) -> None:
    before = BEHAVIOUR.replace("THROW", throw)
    after = run(CODEMOD, before, unsafe=unsafe).code
    assert after != before

    def output(python: str, code: str) -> subprocess.CompletedProcess[str]:
        command = [python, "-W", "error", "-c", code]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    old, new = output(OLD_PYTHON, before), output(NEW_PYTHON, after)
    assert old.returncode == 0 and new.returncode == 0, old.stderr + new.stderr
    assert old.stdout == new.stdout
    assert old.stdout.startswith("(\"KeyError('k')\",")
    unchanged = output(NEW_PYTHON, before)  # the warning this codemod is for
    assert "signature of throw() is deprecated" in unchanged.stderr


def test_a_one_item_exc_info_still_throws_its_exception() -> None:
    """tornado's gen.py stores ``(BadYieldError(...),)``: the rewrite must throw that too."""

    def catcher():  # type: ignore[no-untyped-def]
        try:
            yield
        except ValueError as exc:
            yield repr(exc)

    for exc_info in [(ValueError("x"),), (ValueError, ValueError("x"), None)]:
        gen = catcher()
        next(gen)
        assert gen.throw(*(exc_info[1:2] or exc_info)) == "ValueError('x')"
