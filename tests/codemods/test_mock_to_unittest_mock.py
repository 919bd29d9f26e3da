import pytest

from codemods.mock_to_unittest_mock import MockToUnittestMock
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param("import mock\n", "from unittest import mock\n", id="import mock"),
    pytest.param(
        "import mock as m\nm.patch\n", "from unittest import mock as m\nm.patch\n", id="alias"
    ),
    pytest.param(
        "from mock import patch, MagicMock  # test doubles\n",
        "from unittest.mock import patch, MagicMock  # test doubles\n",
        id="from mock import names, comment kept",
    ),
    pytest.param(
        "from mock.mock import call\n", "from unittest.mock import call\n", id="from mock.mock"
    ),
    pytest.param("from mock import *\n", "from unittest.mock import *\n", id="star import"),
    pytest.param(
        "from mock import mock\n", "from unittest import mock\n", id="from mock import mock"
    ),
    pytest.param(
        "from mock import patch, mock\n",
        "from unittest.mock import patch\nfrom unittest import mock\n",
        id="the submodule and names: split",
    ),
    pytest.param(
        "import os, mock\nos.sep\n",
        "import os\nfrom unittest import mock\nos.sep\n",
        id="import line with another module: split",
    ),
    pytest.param(
        "import mock.mock\nm = mock.mock.Mock()\n",
        "from unittest import mock\nm = mock.Mock()\n",
        id="import mock.mock, the submodule spelled out",
    ),
    pytest.param(
        "import mock\nm = mock.mock.Mock()\n",
        "from unittest import mock\nm = mock.Mock()\n",
        id="mock.mock attribute",
    ),
    pytest.param(
        "import mock; x = 1\n", "from unittest import mock; x = 1\n", id="one of two statements"
    ),
    pytest.param(
        "try:\n    from unittest import mock\nexcept ImportError:\n    import mock\n",
        "try:\n    from unittest import mock\nexcept ImportError:\n    from unittest import mock\n",
        id="fallback import (pyupgrade and ruff do the same)",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(MockToUnittestMock, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from .mock import helper\n", id="a relative import is the project's"),
        pytest.param("import mocker\nfrom mockito import when\n", id="other packages"),
        pytest.param("import os, mock; x = 1\n", id="a split of one of several statements"),
        pytest.param(
            "from mock import (patch,  # p\n    mock)\n", id="a comment in an import to split"
        ),
        pytest.param("def f(mock):\n    return mock.mock\n", id="mock is a parameter"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(MockToUnittestMock, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import mock\nm = mock.ThreadingMock()\n", id="attribute"),
        pytest.param("from mock import ThreadingMock\n", id="from-import"),
        pytest.param("import mock\nprint(mock.__version__)\n", id="the backport's version"),
    ],
)
def test_backport_only_names_refuse_the_file(source: str) -> None:
    outcome = assert_noop(MockToUnittestMock, source)
    assert any("unittest.mock of the target lacks" in note for note in outcome.notes)


def test_threading_mock_on_3_13() -> None:
    """unittest.mock has ThreadingMock from 3.13 on."""
    outcome = run(MockToUnittestMock, "from mock import ThreadingMock\n", target="3.13")
    assert outcome.code == "from unittest.mock import ThreadingMock\n"
    assert pyenv_output("3.13", outcome.code + "print(ThreadingMock.__name__)") == "ThreadingMock\n"


def test_gated_on_the_target() -> None:
    """unittest.mock arrived in 3.3."""
    assert_noop(MockToUnittestMock, "import mock\n", target="3.2")


def test_docstring_example() -> None:
    assert_rewrite(MockToUnittestMock, *docstring_example(MockToUnittestMock))


@pytest.mark.parametrize(
    "source",
    ["import mock\n", "    import os, mock\n", "import os as o, \\\n    mock\n",
     "try: import mock\nexcept ImportError: pass\n", "x = 1; import mock.mock as m\n",
     "from mock import patch\n"],
)  # fmt: skip
def test_precheck_finds(source: str) -> None:
    assert MockToUnittestMock.wants(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from unittest import mock\n", id="already the standard library's"),
        pytest.param("import mockery\n", id="another module"),
        pytest.param("x = mock.patch\n", id="no import of the backport"),
    ],
)
def test_precheck_skips(source: str) -> None:
    assert not MockToUnittestMock.wants(source)
