import pytest

from codemods.datetime_utc_alias import DatetimeUtcAlias
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param(
        "import datetime\nnow = datetime.datetime.now(datetime.timezone.utc)\n",
        "import datetime\nnow = datetime.datetime.now(datetime.UTC)\n",
        id="module spelling",
    ),
    pytest.param(
        "import datetime as dt\nz = dt.timezone.utc\n",
        "import datetime as dt\nz = dt.UTC\n",
        id="module alias kept",
    ),
    pytest.param(
        "from datetime import timezone\nz = timezone.utc\n",
        "from datetime import UTC\nz = UTC\n",
        id="from-import: UTC imported, timezone dropped once unused (ruff's spelling)",
    ),
    pytest.param(
        "from datetime import timedelta, timezone\n"
        "z = timezone.utc\nparis = timezone(timedelta(hours=1))\n",
        "from datetime import UTC, timedelta, timezone\n"
        "z = UTC\nparis = timezone(timedelta(hours=1))\n",
        id="timezone kept while still used",
    ),
    pytest.param(
        "from datetime import timezone as tz\nz = tz.utc\n",
        "from datetime import UTC\nz = UTC\n",
        id="aliased timezone",
    ),
    pytest.param(
        "from datetime import UTC, timezone\na = timezone.utc\nb = UTC\n",
        "from datetime import UTC\na = UTC\nb = UTC\n",
        id="UTC already imported",
    ),
    pytest.param(
        "import datetime\nz = datetime.timezone.utc  # naive is wrong\n",
        "import datetime\nz = datetime.UTC  # naive is wrong\n",
        id="comment after the expression kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(DatetimeUtcAlias, before, after, target="3.11")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "from datetime import timezone\nUTC = 'utc'\nz = timezone.utc\n",
            id="UTC is bound to something else",
        ),
        pytest.param(
            "from datetime import timezone\ndef f(UTC):\n    return timezone.utc\n",
            id="UTC is a parameter in that scope",
        ),
        pytest.param("from pytz import timezone\nz = timezone.utc\n", id="not datetime's"),
        pytest.param(
            "from datetime import datetime\nz = datetime.timezone.utc\n",
            id="datetime is the class here",
        ),
        pytest.param("import datetime\ndatetime.timezone.utc = None\n", id="an assignment"),
        pytest.param(
            "import datetime\nz = (datetime.timezone  # the class\n     .utc)\n",
            id="a comment inside the expression",
        ),
        pytest.param("from datetime import *\nz = timezone.utc\n", id="star import"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(DatetimeUtcAlias, source, target="3.11")


def test_gated_on_the_target() -> None:
    """datetime.UTC only exists from 3.11 on."""
    assert_noop(DatetimeUtcAlias, "import datetime\nz = datetime.timezone.utc\n", target="3.10")


def test_same_object() -> None:
    code = "import datetime\nprint(datetime.UTC is datetime.timezone.utc)"
    assert pyenv_output("3.11", code) == "True\n"


def test_docstring_example() -> None:
    assert_rewrite(DatetimeUtcAlias, *docstring_example(DatetimeUtcAlias), target="3.11")
