import pytest

from codemods.try_except_pass_to_suppress import TryExceptPassToSuppress
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        try:
            os.remove(path)  # may be gone already
        except (FileNotFoundError, NotADirectoryError):
            pass
        """,
        """\
        import contextlib

        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            os.remove(path)  # may be gone already
        """,
        id="docstring example",
    ),
    pytest.param(
        "try: del d[k]\nexcept KeyError: pass\n",
        "import contextlib\n\nwith contextlib.suppress(KeyError): del d[k]\n",
        id="one-line try",
    ),
    pytest.param(
        "from contextlib import suppress\ntry:\n    x()\nexcept (KeyError):\n    pass\n",
        "from contextlib import suppress\nwith suppress(KeyError):\n    x()\n",
        id="suppress already imported; parentheses dropped",
    ),
    pytest.param(
        "import contextlib\nimport os\ntry:\n    os.rmdir(p)\nexcept os.error:\n    pass\n",
        "import contextlib\nimport os\nwith contextlib.suppress(os.error):\n    os.rmdir(p)\n",
        id="contextlib already imported; attribute exception",
    ),
    pytest.param(
        """\
        def f():
            # above
            try:  # on the header
                a()
                # between
                b()
            except Exception: pass
            return 1
        """,
        """\
        import contextlib

        def f():
            # above
            with contextlib.suppress(Exception):  # on the header
                a()
                # between
                b()
            return 1
        """,
        id="comments kept; except Exception; in a function",
    ),
    pytest.param(
        "for i in xs:\n    try:\n        f(i)\n        break\n    except ValueError: pass\n",
        "import contextlib\n\nfor i in xs:\n    with contextlib.suppress(ValueError):\n"
        "        f(i)\n        break\n",
        id="break in a loop",
    ),
    pytest.param(
        "try:\n    x()\n    # after x\nexcept OSError:\n    pass\ny()\n",
        "import contextlib\n\nwith contextlib.suppress(OSError):\n    x()\n    # after x\ny()\n",
        id="comment closing the try body kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(TryExceptPassToSuppress, before, after, unsafe=True)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("try:\n    x()\nexcept:\n    pass\n", id="bare except"),
        pytest.param("try:\n    x()\nexcept OSError as e:\n    pass\n", id="except as binds e"),
        pytest.param(
            "try:\n    x()\nexcept OSError:\n    pass\nexcept KeyError:\n    pass\n",
            id="two handlers",
        ),
        pytest.param("try:\n    x()\nexcept OSError:\n    pass\nelse:\n    y()\n", id="else"),
        pytest.param("try:\n    x()\nexcept OSError:\n    pass\nfinally:\n    y()\n", id="finally"),
        pytest.param("try:\n    x()\nexcept OSError:\n    log()\n", id="handler does something"),
        pytest.param("try:\n    x()\nexcept OSError:\n    ...\n", id="ellipsis is not pass"),
        pytest.param("try:\n    x()\nexcept OSError:  # why\n    pass\n", id="comment on except"),
        pytest.param(
            "try:\n    x()\nexcept OSError:\n    pass  # ok\n", id="comment on pass would go"
        ),
        pytest.param(
            "try:\n    x()\n# gone?\nexcept OSError:\n    pass\n", id="comment above except"
        ),
        pytest.param(
            "try:\n    if a:\n        x()\nexcept OSError:\n    pass\n", id="compound statement"
        ),
        pytest.param(
            "try:\n    a()\n    b()\n    c()\n    d()\nexcept E:\n    pass\n", id="4 lines"
        ),
        pytest.param("try:\n    x()\nexcept WindowsError:\n    pass\n", id="unbound off Windows"),
        pytest.param(
            "try:\n    from m import Err\n    x()\nexcept Err:\n    pass\n",
            id="exception bound in the try itself",
        ),
        pytest.param("try:\n    x()\nexcept errors():\n    pass\n", id="exception from a call"),
        pytest.param("try:\n    x()\nexcept (*errs,):\n    pass\n", id="starred exceptions"),
        pytest.param(
            "contextlib = None\ntry:\n    x()\nexcept OSError:\n    pass\n",
            id="contextlib is a variable",
        ),
        pytest.param(
            "from compat import contextlib\ntry:\n    x()\nexcept OSError:\n    pass\n",
            id="contextlib is another module's attribute",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(TryExceptPassToSuppress, source, unsafe=True)


def test_target_without_suppress_is_a_noop() -> None:
    before, _ = docstring_example(TryExceptPassToSuppress)
    assert_noop(TryExceptPassToSuppress, before, target="3.3", unsafe=True)


BEHAVIOUR = """\
def step(kind, i):
    if kind == i:
        raise KeyError(i)
    if kind == -i:
        raise IndexError(i)

def brk(kind):
    for i in range(4):
        try:
            step(kind, i)
            print("body", i)
            break
        except (KeyError, IndexError):
            pass
        print("after", i)
    return "done"

def cont(kind):
    for i in range(3):
        try:
            step(kind, i)
            continue
        except KeyError:
            pass
        print("not continued", i)

def ret(kind):
    try:
        step(kind, 1)
        return "returned"
    except IndexError:
        pass
    return "fell through"

for kind in (0, 1, -1, 2, 5):
    for f in (brk, cont, ret):
        try:
            print(kind, f.__name__, f(kind))
        except Exception as e:
            print(kind, f.__name__, "raised", repr(e))
"""


def test_same_output_on_a_real_interpreter() -> None:
    after = run(TryExceptPassToSuppress, BEHAVIOUR, unsafe=True).code
    assert after.count("contextlib.suppress") == 3
    assert pyenv_output("3.11", BEHAVIOUR) == pyenv_output("3.11", after)


def test_exception_groups_differ_from_3_12_on() -> None:
    before = (
        "try:\n"
        "    try:\n"
        "        raise ExceptionGroup('g', [KeyError(1)])\n"
        "    except KeyError:\n"
        "        pass\n"
        "except ExceptionGroup:\n"
        "    print('through')\n"
        "print('end')\n"
    )
    after = run(TryExceptPassToSuppress, before, unsafe=True).code
    assert "contextlib.suppress(KeyError)" in after
    assert pyenv_output("3.12", before) == "through\nend\n"
    assert pyenv_output("3.12", after) == "end\n"  # the documented difference
    assert pyenv_output("3.11", after) == "through\nend\n"


def test_docstring_example() -> None:
    before, after = docstring_example(TryExceptPassToSuppress)
    assert_rewrite(TryExceptPassToSuppress, before, after, unsafe=True)


def test_off_without_unsafe() -> None:
    """Exception groups make the rewrite a behaviour change on 3.12+: never applied silently."""
    assert_noop(TryExceptPassToSuppress, docstring_example(TryExceptPassToSuppress)[0])
