import pytest

from codemods.os_error_aliases import OsErrorAliases
from codemods.timeout_error_aliases import TimeoutErrorAliases
from legacylift.engine import Settings, modernize_text
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param(
        "import socket\ntry:\n    s.recv(1)\nexcept socket.timeout:\n    pass\n",
        "try:\n    s.recv(1)\nexcept TimeoutError:\n    pass\n",
        "3.10",
        id="socket.timeout on 3.10",
    ),
    pytest.param(
        "from socket import timeout\nraise timeout('slow')\n",
        "raise TimeoutError('slow')\n",
        "3.10",
        id="from-imported timeout, import dropped once unused",
    ),
    pytest.param(
        "import asyncio\nimport socket\n"
        "try:\n    f()\nexcept (socket.timeout, asyncio.TimeoutError, OSError):\n    pass\n"
        "asyncio.run(main())\n",
        "import asyncio\n"
        "try:\n    f()\nexcept (TimeoutError, OSError):\n    pass\n"
        "asyncio.run(main())\n",
        "3.11",
        id="both on 3.11, repeats folded",
    ),
    pytest.param(
        "from asyncio import TimeoutError\ntry:\n    f()\nexcept TimeoutError:\n    pass\n",
        "try:\n    f()\nexcept TimeoutError:\n    pass\n",
        "3.11",
        id="from asyncio import TimeoutError dropped (the builtin itself)",
    ),
    pytest.param(
        "from asyncio import sleep, TimeoutError\nimport socket\n"
        "try:\n    f()\nexcept socket.timeout:\n    pass\n",
        "from asyncio import sleep\ntry:\n    f()\nexcept TimeoutError:\n    pass\n",
        "3.11",
        id="the builtin's name freed by dropping the redundant import",
    ),
    pytest.param(
        "import asyncio\nok = isinstance(e, asyncio.TimeoutError)  # slow\nasyncio.run(m())\n",
        "import asyncio\nok = isinstance(e, TimeoutError)  # slow\nasyncio.run(m())\n",
        "3.11",
        id="isinstance, comment kept",
    ),
]


@pytest.mark.parametrize(("before", "after", "target"), REWRITES)
def test_rewrite(before: str, after: str, target: str) -> None:
    assert_rewrite(TimeoutErrorAliases, before, after, target=target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param(
            "import asyncio\nraise asyncio.TimeoutError\n",
            "3.10",
            id="asyncio.TimeoutError is a distinct class before 3.11",
        ),
        pytest.param(
            "from asyncio import TimeoutError\nimport socket\nraise socket.timeout\n",
            "3.10",
            id="TimeoutError is asyncio's here on 3.10",
        ),
        pytest.param(
            "from asyncio import TimeoutError\n__all__ = ['TimeoutError']\n",
            "3.11",
            id="a re-exported import is kept",
        ),
        pytest.param(
            "import os\n# compat\nfrom asyncio import TimeoutError\nraise TimeoutError(os.sep)\n",
            "3.11",
            id="the import line carries a comment",
        ),
        pytest.param(
            "from asyncio import TimeoutError  # compat\nraise TimeoutError\n",
            "3.11",
            id="the import line carries a trailing comment",
        ),
        pytest.param(
            "def f():\n    from asyncio import TimeoutError\n    raise TimeoutError\n",
            "3.11",
            id="a local import is kept",
        ),
        pytest.param(
            "import socket\ndef f(TimeoutError):\n    raise socket.timeout\n",
            "3.11",
            id="TimeoutError is a parameter",
        ),
        pytest.param("timeout = 5\nraise timeout\n", "3.11", id="a local named timeout"),
    ],
)
def test_noop(source: str, target: str) -> None:
    assert_noop(TimeoutErrorAliases, source, target=target)


def test_gated_on_the_target() -> None:
    """socket.timeout is only TimeoutError from 3.10 on."""
    assert_noop(TimeoutErrorAliases, "import socket\nraise socket.timeout\n", target="3.9")


def test_docstring_example() -> None:
    before, after = docstring_example(TimeoutErrorAliases)
    assert_rewrite(TimeoutErrorAliases, before, after, target="3.11")


def test_after_os_error_aliases_in_the_same_pass() -> None:
    """The tuple os_error_aliases has just folded is still matched, part by part."""
    source = "import socket\ntry:\n    f()\nexcept (IOError, OSError, socket.timeout):\n    pass\n"
    settings = Settings((3, 10), (OsErrorAliases, TimeoutErrorAliases))
    outcome = modernize_text(source, settings)
    assert outcome.code == "try:\n    f()\nexcept (OSError, TimeoutError):\n    pass\n"
    assert set(outcome.rewrites) == {"os_error_aliases", "timeout_error_aliases"}
