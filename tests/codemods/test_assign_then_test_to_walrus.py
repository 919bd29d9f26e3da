import ast
import contextlib
import inspect
import io
import re
import textwrap

import pytest

from codemods.assign_then_test_to_walrus import AssignThenTestToWalrus
from legacylift.astindex import AstIndex
from legacylift.engine import eligible
from tests.helpers import assert_noop, assert_rewrite, run

REWRITES = [
    pytest.param("x = f()\nif x:\n    g(x)\n", "if (x := f()):\n    g(x)\n", id="if x"),
    pytest.param("x = f()\nif not x:\n    g()\n", "if not (x := f()):\n    g()\n", id="if not x"),
    pytest.param(
        "x = f()\nif x is None:\n    g()\n", "if (x := f()) is None:\n    g()\n", id="if x is None"
    ),
    pytest.param(
        "x = f()\nif x is not None:\n    g(x)\n",
        "if (x := f()) is not None:\n    g(x)\n",
        id="if x is not None",
    ),
    pytest.param("x = f()\nif x: g(x)\n", "if (x := f()): g(x)\n", id="one-line if body"),
    pytest.param(
        "x = f()\nif (x):\n    g()\n", "if (x := f()):\n    g()\n", id="parenthesized read"
    ),
    pytest.param("x = f()\nif not(x):\n    g()\n", "if not(x := f()):\n    g()\n", id="not(x)"),
    pytest.param(
        "(x) = f()\nif x:\n    g()\n", "if (x := f()):\n    g()\n", id="parenthesized target"
    ),
    pytest.param(
        "x = f();\nif x:\n    g()\n", "if (x := f()):\n    g()\n", id="trailing semicolon"
    ),
    pytest.param(
        "x = 1, 2\nif x:\n    g(x)\n",
        "if (x := (1, 2)):\n    g(x)\n",
        id="bare tuple parenthesized",
    ),
    pytest.param(
        "x = (1, 2)\nif x:\n    g(x)\n",
        "if (x := (1, 2)):\n    g(x)\n",
        id="tuple parens kept as they are",
    ),
    pytest.param(
        """\
        x = f()
        if x:
            a()
        elif y:
            b()
        else:
            c()
        """,
        """\
        if (x := f()):
            a()
        elif y:
            b()
        else:
            c()
        """,
        id="elif and else kept",
    ),
    pytest.param(
        """\
        a()
        # why we ask
        x = f()

        if x:  # got one
            g(x)
        """,
        """\
        a()
        # why we ask

        if (x := f()):  # got one
            g(x)
        """,
        id="comments kept: the assignment's move to the if, the if's own stay",
    ),
    pytest.param(
        """\
        x = f()
        if x:
            g(x)
        y = h()
        if y is None:
            y = 0
        """,
        """\
        if (x := f()):
            g(x)
        if (y := h()) is None:
            y = 0
        """,
        id="two pairs in one block",
    ),
    pytest.param(
        """\
        import re

        def parse(lines, pattern):
            found = []
            for line in lines:
                try:
                    with open(line) as fh:
                        m = re.match(pattern, fh.read())
                        if m is not None:
                            found.append(m.group())
                except OSError:
                    err = last_error()
                    if err:
                        log(err)
            return found
        """,
        """\
        import re

        def parse(lines, pattern):
            found = []
            for line in lines:
                try:
                    with open(line) as fh:
                        if (m := re.match(pattern, fh.read())) is not None:
                            found.append(m.group())
                except OSError:
                    if (err := last_error()):
                        log(err)
            return found
        """,
        id="nested blocks inside a function with other code around",
    ),
    pytest.param(
        """\
        class C:
            def m(self):
                v = self.get()
                if not v:
                    return None
                return v
        """,
        """\
        class C:
            def m(self):
                if not (v := self.get()):
                    return None
                return v
        """,
        id="a method: its body is a function scope",
    ),
    pytest.param(
        """\
        class A:
            pass
        y = f()
        if y:
            g()
        """,
        """\
        class A:
            pass
        if (y := f()):
            g()
        """,
        id="module level after a class body",
    ),
    pytest.param(
        """\
        async def g():
            v = await h()
            if v:
                return v
        """,
        """\
        async def g():
            if (v := await h()):
                return v
        """,
        id="await value",
    ),
    pytest.param(
        """\
        def outer():
            global q
            def inner():
                q = f()
                if q:
                    return q
        """,
        """\
        def outer():
            global q
            def inner():
                if (q := f()):
                    return q
        """,
        id="global of an enclosing function does not reach the inner one",
    ),
    pytest.param(
        """\
        while True:
            chunk = stream.read(1024)
            if not chunk:
                break
            out.write(chunk)
        """,
        """\
        while (chunk := stream.read(1024)):
            out.write(chunk)
        """,
        id="read loop: if not x: break",
    ),
    pytest.param(
        """\
        def drain(q):
            while True:
                item = q.get()
                if item is None: break
                handle(item)
                if done():
                    continue
        """,
        """\
        def drain(q):
            while (item := q.get()) is not None:
                handle(item)
                if done():
                    continue
        """,
        id="read loop: if x is None: break (one-line exit)",
    ),
    pytest.param(
        """\
        x = 0
        # read until empty
        while True:  # the loop
            # ask the stream
            line = stream.readline()

            if not line:
                break

            # a comment of the body
            handle(line)
        """,
        """\
        x = 0
        # read until empty
        # ask the stream
        while (line := stream.readline()):  # the loop
            # a comment of the body
            handle(line)
        """,
        id="read loop comments kept: the assignment's move above the while",
    ),
    pytest.param(
        "while True:\n    x = f()\n    if not x:\n        break\n",
        "while (x := f()):\n    pass\n",
        id="read loop with nothing else in it",
    ),
    pytest.param(
        """\
        while True:
            line = f()
            if not line:
                break
            m = match(line)
            if m:
                g(m)
        """,
        """\
        while (line := f()):
            if (m := match(line)):
                g(m)
        """,
        id="read loop holding a pair of its own",
    ),
    pytest.param(
        "while True:\n    g()\n    x = f()\n    if not x:\n        break\n",
        "while True:\n    g()\n    if not (x := f()):\n        break\n",
        id="read loop whose assignment is not first: only the if folds",
    ),
]

#: Loops the codemod does not take over; the ``if`` right after the assignment still folds.
LOOPS_KEPT = [
    pytest.param("while True:\n{}\nelse:\n    done()\n", id="while-else: else would run at EOF"),
    pytest.param("while 1:\n{}\n", id="while test is not exactly True"),
    pytest.param("while more():\n{}\n", id="while test is a call"),
]
EXIT = "    x = f()\n    if not x:\n        break\n    g(x)"
FOLDED = "    if not (x := f()):\n        break\n    g(x)"

#: Exits that are not a lone ``break``, or would lose a comment: only the ``if`` is folded.
EXITS_KEPT = [
    pytest.param("if not x:\n        break  # EOF", id="comment on the break"),
    pytest.param("if not x:  # EOF\n        break", id="comment on the exit's header"),
    pytest.param("if not x:\n        # EOF\n        break", id="comment inside the exit"),
    pytest.param("if not x:\n        log()\n        break", id="exit does more than break"),
    pytest.param("if not x:\n        break\n    else:\n        g()", id="exit has an else"),
    pytest.param("if not x:\n        break\n    elif y:\n        g()", id="exit has an elif"),
    pytest.param("if x:\n        break", id="if x: break is no read loop"),
    pytest.param("if x is not None:\n        break", id="if x is not None: break"),
]

NOOPS = [
    pytest.param("a, b = f()\nif a:\n    g()\n", id="tuple target"),
    pytest.param("[a] = f()\nif a:\n    g()\n", id="list target"),
    pytest.param("o.a = f()\nif o.a:\n    g()\n", id="attribute target"),
    pytest.param("d[k] = f()\nif d[k]:\n    g()\n", id="subscript target"),
    pytest.param("a = b = f()\nif a:\n    g()\n", id="chained assignment"),
    pytest.param("x: int = f()\nif x:\n    g()\n", id="annotated assignment"),
    pytest.param("x += f()\nif x:\n    g()\n", id="augmented assignment"),
    pytest.param("def h():\n    global x\n    x = f()\n    if x:\n        g()\n", id="global"),
    pytest.param(
        "def h():\n    x = 0\n    def i():\n        nonlocal x\n        x = f()\n        if x:\n"
        "            g()\n",
        id="nonlocal",
    ),
    pytest.param("global x\nx = f()\nif x:\n    g()\n", id="module-level global statement"),
    pytest.param("class C:\n    x = f()\n    if x:\n        g()\n", id="class body"),
    pytest.param(
        "class C:\n    if c:\n        x = f()\n        if x:\n            g()\n",
        id="class body, nested block",
    ),
    pytest.param("x = f()\nif x and g():\n    h()\n", id="compound test"),
    pytest.param("x = f()\nif g() and x:\n    h()\n", id="g() would run after f() no more"),
    pytest.param("x = f()\nif x == 0:\n    h()\n", id="other comparison"),
    pytest.param("x = f()\nif x is y:\n    h()\n", id="is something else than None"),
    pytest.param("x = f()\nif x.ok:\n    h()\n", id="reads an attribute of x"),
    pytest.param("x = f()\nif y:\n    h()\n", id="tests another name"),
    pytest.param("x = f()\nif not not x:\n    h()\n", id="double negation"),
    pytest.param("def h():\n    x = yield\n    if x:\n        g()\n", id="yield value"),
    pytest.param(
        "def h():\n    x = yield from it\n    if x:\n        g()\n", id="yield from value"
    ),
    pytest.param("def h():\n    x = (yield)\n    if x:\n        g()\n", id="parenthesized yield"),
    pytest.param("x = lambda: 0\nif x:\n    g()\n", id="lambda value"),
    pytest.param("x = f()  # why\nif x:\n    g()\n", id="trailing comment on the assignment"),
    pytest.param("x = f()\n# why\nif x:\n    g()\n", id="comment between assignment and if"),
    pytest.param("y = 1; x = f()\nif x:\n    g()\n", id="semicolon-separated statements"),
    pytest.param("x = f(); g()\nif x:\n    h()\n", id="a statement after the assignment"),
    pytest.param("x = f()\n", id="nothing follows"),
    pytest.param("x = f()\nprint(x)\nif x:\n    g()\n", id="something else follows"),
    pytest.param("x = f()\nwhile x:\n    x = g()\n", id="while x is not an if"),
    pytest.param("if (x := f()):\n    g()\n", id="already a walrus"),
    pytest.param(
        "while True:\n    if not (x := f()):\n        break\n    g(x)\n",
        id="a walrus exit written by hand is left alone",
    ),
    pytest.param(
        "while True:\n    x = f()  # read\n    if not x:\n        break\n    g(x)\n",
        id="read loop: trailing comment on the assignment",
    ),
    pytest.param(
        "while True:\n    x = f()\n    # done?\n    if not x:\n        break\n    g(x)\n",
        id="read loop: comment between assignment and exit",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(AssignThenTestToWalrus, before, after)


@pytest.mark.parametrize("loop", LOOPS_KEPT)
def test_loop_kept_but_if_folded(loop: str) -> None:
    assert_rewrite(AssignThenTestToWalrus, loop.format(EXIT), loop.format(FOLDED))


@pytest.mark.parametrize("exit_", EXITS_KEPT)
def test_exit_kept_but_if_folded(exit_: str) -> None:
    before = f"while True:\n    x = f()\n    {exit_}\n    g(x)\n"
    after = f"while True:\n    {exit_.replace('x', '(x := f())', 1)}\n    g(x)\n"
    assert_rewrite(AssignThenTestToWalrus, before, after)


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(AssignThenTestToWalrus, source)


def test_noop_below_3_8() -> None:
    assert eligible((AssignThenTestToWalrus,), (3, 7), unsafe=True) == ()
    assert eligible((AssignThenTestToWalrus,), (3, 8), unsafe=False) == (AssignThenTestToWalrus,)
    # tests.helpers.run skips eligible(): the codemod guards its target itself too.
    assert_noop(AssignThenTestToWalrus, "x = f()\nif x:\n    g()\n", target="3.7")


def _docstring_example() -> tuple[str, str]:
    doc = inspect.cleandoc(AssignThenTestToWalrus.__doc__ or "")
    blocks = re.search(r"\*\*Example\.\*\*\n\n(.*?)\n\nbecomes\n\n(.*?)\n\n", doc, re.S)
    assert blocks is not None
    return textwrap.dedent(blocks[1]) + "\n", textwrap.dedent(blocks[2]) + "\n"


def test_docstring_example() -> None:
    before, after = _docstring_example()
    assert_rewrite(AssignThenTestToWalrus, before, after)


def test_rewritten_program_behaves_the_same() -> None:
    program = textwrap.dedent(
        """\
        import io
        import re

        def calls(log, value):
            log.append(value)
            return value

        stream = io.StringIO("a1\\nb\\n\\nc3\\n")
        while True:
            line = stream.readline()
            if not line:
                break
            match = re.search(r"\\d", line)
            if match is not None:
                print("digit", match.group())
            elif line.strip():
                print("word", line.strip())
            else:
                print("blank")
        items = iter([3, 0, None, 5])
        while True:
            item = next(items)
            if item is None:
                break
            print("item", item)
        log = []
        pair = calls(log, 1), calls(log, 2)
        if pair:
            print(pair, log, pair)
        empty = calls(log, "")
        if not empty:
            print("empty", log)
        """
    )
    outcome = run(AssignThenTestToWalrus, program)
    assert outcome.rewrites == {"assign_then_test_to_walrus": 5}

    def output(code: str) -> str:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "<program>", "exec"), {})
        return buffer.getvalue()

    assert output(outcome.code) == output(program)
    assert "digit 1" in output(program)


def located(source: str) -> set[int] | None:
    return AssignThenTestToWalrus.locate(AstIndex(ast.parse(source)))


def test_locate_skips_what_cannot_fold() -> None:
    # The regex sees ``x = ...`` then ``if x`` at that indent, but a statement that stays
    # comes between, the test reads more than ``x``, or the assignment is in a class body.
    source = """\
x = f()
print(x)
if x:
    pass
y = f()
if y > 1:
    pass
class A:
    x = 1
    if x:
        pass
"""
    assert AssignThenTestToWalrus.wants(source)
    assert located(source) == set()


def test_locate_finds_the_assignment_to_the_if() -> None:
    # ``del`` and the import may be removed in the same pass: the ``if`` may follow ``x = ...``.
    # The fold reads every statement from the assignment to the test, not the if's body.
    source = "def g():\n    x = f()\n    del i\n    import os\n    if x is None:\n        pass\n"
    assert located(source) == {2, 3, 4, 5}


def test_locate_takes_in_the_break_of_a_loops_exit() -> None:
    # The loop's rewrite matches ``if not x: break`` whole: the break must be parsed too.
    source = "def g():\n    while True:\n        x = f()\n        if not x:\n            break\n"
    assert located(source) == {3, 4, 5}
