import ast

import pytest

from codemods.os_error_aliases import OsErrorAliases
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, run

REWRITES = [
    pytest.param(
        "try:\n    f()\nexcept IOError:\n    pass\n",
        "try:\n    f()\nexcept OSError:\n    pass\n",
        id="bare except clause",
    ),
    pytest.param(
        "try:\n    f()\nexcept (OSError, IOError):\n    pass\n",
        "try:\n    f()\nexcept OSError:\n    pass\n",
        id="tuple folds to the one name",
    ),
    pytest.param(
        "try:\n    f()\nexcept (IOError, EnvironmentError, ValueError) as e:\n    pass\n",
        "try:\n    f()\nexcept (OSError, ValueError) as e:\n    pass\n",
        id="repeats folded, others kept",
    ),
    pytest.param(
        "try:\n    f()\nexcept (KeyError, IOError, OSError):\n    pass\n",
        "try:\n    f()\nexcept (KeyError, OSError):\n    pass\n",
        id="a later repeat goes, with its comma",
    ),
    pytest.param(
        "try:\n    f()\nexcept(IOError,):\n    pass\n",
        "try:\n    f()\nexcept OSError:\n    pass\n",
        id="one-name tuple without a space after except",
    ),
    pytest.param(
        "import socket, select, mmap, os\n"
        "try:\n    f()\nexcept (socket.error, select.error, mmap.error, os.error):\n    pass\n"
        "os.remove(p)\n",
        "import os\ntry:\n    f()\nexcept OSError:\n    pass\nos.remove(p)\n",
        id="module aliases; imports left unused go",
    ),
    pytest.param(
        "from socket import error\ntry:\n    f()\nexcept error:\n    pass\n",
        "try:\n    f()\nexcept OSError:\n    pass\n",
        id="from-imported alias",
    ),
    pytest.param(
        "import socket as s\nraise s.error('x') from exc\n",
        "raise OSError('x') from exc\n",
        id="raise of an aliased module's call",
    ),
    pytest.param("raise EnvironmentError\n", "raise OSError\n", id="raise without a call"),
    pytest.param(
        "ok = isinstance(e, (IOError, OSError)) or issubclass(t, IOError)\n",
        "ok = isinstance(e, OSError) or issubclass(t, OSError)\n",
        id="isinstance and issubclass",
    ),
    pytest.param(
        "try:\n    f()\nexcept* IOError:\n    pass\n",
        "try:\n    f()\nexcept* OSError:\n    pass\n",
        id="except star",
    ),
    pytest.param(
        "try:\n    f()\nexcept (\n    IOError,  # disk\n    KeyError,\n):\n    pass\n",
        "try:\n    f()\nexcept (\n    OSError,  # disk\n    KeyError,\n):\n    pass\n",
        id="comments in the tuple survive",
    ),
    pytest.param(
        "try:\n    f()\nexcept (IOError,  # disk\n        ):\n    pass\n",
        "try:\n    f()\nexcept (OSError,  # disk\n        ):\n    pass\n",
        id="a one-name tuple with a comment stays a tuple",
    ),
    pytest.param(
        "try:\n    f()\nexcept (IOError,  # disk\n        OSError):\n    pass\n",
        "try:\n    f()\nexcept (OSError,  # disk\n        OSError):\n    pass\n",
        id="a repeat stays when folding it would move a comment",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    target = "3.11" if "except*" in before else "3.8"
    assert_rewrite(OsErrorAliases, before, after, target=target)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(IOError):\n    raise IOError\n", id="a parameter named IOError"),
        pytest.param(
            "try:\n    WindowsError\nexcept NameError:\n    WindowsError = OSError\n"
            "try:\n    f()\nexcept WindowsError:\n    pass\n",
            id="the name is rebound by a shim",
        ),
        pytest.param(
            "class OSError(Exception): pass\ntry:\n    f()\nexcept IOError:\n    pass\n",
            id="OSError itself is rebound",
        ),
        pytest.param(
            "from os import *\ntry:\n    f()\nexcept IOError:\n    pass\n", id="star import"
        ),
        pytest.param("errors = (IOError, ValueError)\n", id="other uses are left as tools do"),
        pytest.param(
            "try:\n    f()\nexcept (ValueError, (IOError, KeyError)):\n    pass\n",
            id="nested tuples are left as tools do",
        ),
        pytest.param("raise error\n", id="an unknown error is not socket.error"),
        pytest.param("import os\nraise os.OSError\n", id="already the builtin's name"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(OsErrorAliases, source)


def test_windows_error_is_noted() -> None:
    """WindowsError only exists on Windows: the rewrite is made, and a note says where."""
    source = "try:\n    f()\nexcept WindowsError:\n    pass\n"
    outcome = run(OsErrorAliases, source)
    assert outcome.code == "try:\n    f()\nexcept OSError:\n    pass\n"
    assert any("line(s) 3: WindowsError -> OSError" in note for note in outcome.notes)


def test_gated_on_the_target() -> None:
    """Before 3.3 the aliases were distinct classes: nothing happens for such a target."""
    assert_noop(OsErrorAliases, "raise IOError\n", target="3.2")


def test_docstring_example() -> None:
    assert_rewrite(OsErrorAliases, *docstring_example(OsErrorAliases))


def located(source: str) -> set[int] | None:
    return OsErrorAliases.locate(AstIndex(ast.parse(source)))


def test_locate_skips_aliases_outside_except_raise_and_isinstance() -> None:
    # A tuple of names is left as it is, and logging.error is no alias.
    source = "import logging\n\ndef f(e):\n    logging.error(e)\n    return (IOError,)\n"
    assert OsErrorAliases.wants(source)
    assert located(source) == set()


def test_locate_finds_an_imported_alias_where_it_is_caught() -> None:
    source = "from socket import error as E\n\ntry:\n    pass\nexcept (E, ValueError):\n    raise\n"
    assert located(source) == {5}
