import ast
import subprocess

import pytest

from codemods.datetime_utcnow import DatetimeUtcnow
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_python

REWRITES = [
    pytest.param(
        "import datetime\nexpires = datetime.datetime.utcnow() + datetime.timedelta(days=365)\n",
        "import datetime\nexpires = datetime.datetime.now(datetime.timezone.utc)"
        ".replace(tzinfo=None) + datetime.timedelta(days=365)\n",
        id="tornado's cookie expiry",
    ),
    pytest.param(
        "from datetime import datetime\nnow = datetime.utcnow()\n",
        "from datetime import timezone, datetime\n"
        "now = datetime.now(timezone.utc).replace(tzinfo=None)\n",
        id="from datetime import datetime: timezone imported",
    ),
    pytest.param(
        "import datetime as dt\nd = dt.datetime.utcfromtimestamp(t)\n",
        "import datetime as dt\nd = dt.datetime.fromtimestamp(t, dt.timezone.utc)"
        ".replace(tzinfo=None)\n",
        id="module alias kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DatetimeUtcnow, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import datetime\nn = datetime.datetime.utcnow(tz)\n", id="an argument"),
        pytest.param("n = clock.utcnow()\n", id="not the stdlib datetime"),
        pytest.param(
            "from datetime import datetime\nfrom pytz import timezone\nn = datetime.utcnow()\n",
            id="timezone is pytz's",
        ),
        pytest.param("import datetime\nn = datetime.datetime.now()\n", id="local time"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DatetimeUtcnow, source)


def test_same_value_without_the_warning() -> None:
    """The rewrite gives the same naive UTC value, and 3.12+ no longer warns."""
    python = pyenv_python("3.13") or pyenv_python("3.12")
    if python is None:
        pytest.skip("needs pyenv Python 3.12 or 3.13")
    code = (
        "import datetime\n"
        "a = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)\n"
        "b = datetime.datetime.fromtimestamp(86400, datetime.timezone.utc).replace(tzinfo=None)\n"
        "print(a.tzinfo, b)\n"
    )
    done = subprocess.run(
        [python, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "None 1970-01-02 00:00:00\n"


def test_docstring_example() -> None:
    assert_rewrite(DatetimeUtcnow, *docstring_example(DatetimeUtcnow))


def located(source: str) -> set[int] | None:
    return DatetimeUtcnow.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_utcnow_functions() -> None:
    # This utcnow is not datetime's.
    source = "from django.utils import timezone\n\nnow = timezone.utcnow()\n"
    assert DatetimeUtcnow.wants(source)
    assert located(source) == set()


def test_locate_finds_the_datetime_class_method() -> None:
    source = "from datetime import datetime\n\ndef f():\n    return datetime.utcnow()\n"
    assert located(source) == {4}
