import ast

import pytest

from codemods.subprocess_run_arguments import SubprocessRunArguments
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output

REWRITES = [
    pytest.param(
        "import subprocess\n"
        "r = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n",
        "import subprocess\nr = subprocess.run(c, capture_output=True)\n",
        id="capture_output",
    ),
    pytest.param(
        "from subprocess import run, PIPE\nr = run(c, stderr=PIPE, check=True, stdout=PIPE)\n",
        "from subprocess import run\nr = run(c, capture_output=True, check=True)\n",
        id="from-imports; PIPE dropped once unused; first place kept",
    ),
    pytest.param(
        "import subprocess\nr = subprocess.run(c, universal_newlines=True)\n",
        "import subprocess\nr = subprocess.run(c, text=True)\n",
        id="text",
    ),
    pytest.param(
        "import subprocess\nr = subprocess.run(c, universal_newlines=False)\n",
        "import subprocess\nr = subprocess.run(c, text=False)\n",
        id="text=False",
    ),
    pytest.param(
        "import subprocess as sp\nout = sp.check_output(c, universal_newlines=flag)\n",
        "import subprocess as sp\nout = sp.check_output(c, text=flag)\n",
        id="check_output, any value",
    ),
    pytest.param(
        "import subprocess\n"
        "p = subprocess.Popen(c, stdout=subprocess.PIPE, universal_newlines=True)\n"
        "subprocess.call(c, universal_newlines=True)\n"
        "subprocess.check_call(c, universal_newlines=True)\n",
        "import subprocess\np = subprocess.Popen(c, stdout=subprocess.PIPE, text=True)\n"
        "subprocess.call(c, text=True)\n"
        "subprocess.check_call(c, text=True)\n",
        id="Popen, call, check_call take text too",
    ),
    pytest.param(
        "import subprocess\nr = subprocess.run(c, universal_newlines=True, text=True)\n",
        "import subprocess\nr = subprocess.run(c, text=True)\n",
        id="both given, the same literal",
    ),
    pytest.param(
        "import subprocess\nr = subprocess.run(\n    c,\n    stdout=subprocess.PIPE,\n"
        "    stderr=subprocess.PIPE,\n    universal_newlines=True,  # str out\n)\n",
        "import subprocess\nr = subprocess.run(\n    c,\n    capture_output=True,\n"
        "    text=True,  # str out\n)\n",
        id="both rewrites, layout and comment kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SubprocessRunArguments, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import subprocess\nout = subprocess.check_output(c, stdout=subprocess.PIPE, "
            "stderr=subprocess.PIPE)\n",
            id="check_output has no capture_output (stdout= is an error either way)",
        ),
        pytest.param(
            "import subprocess\np = subprocess.Popen(c, stdout=subprocess.PIPE, "
            "stderr=subprocess.PIPE)\n",
            id="Popen has no capture_output",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(c, stdout=subprocess.PIPE, "
            "stderr=subprocess.STDOUT)\n",
            id="stderr not piped on its own",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(c, stdout=subprocess.PIPE, "
            "stderr=subprocess.PIPE, capture_output=False)\n",
            id="capture_output already given",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(c, universal_newlines=True, **kw)\n",
            id="**kwargs may hold text",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(c, universal_newlines=False, text=True)\n",
            id="text and universal_newlines disagree (an error either way)",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(c, universal_newlines=u, text=t)\n",
            id="text and universal_newlines not literals",
        ),
        pytest.param(
            "import subprocess\nr = subprocess.run(\n    c,\n    stdout=subprocess.PIPE,"
            "  # out\n    stderr=subprocess.PIPE,\n)\n",
            id="a comment that would go",
        ),
        pytest.param(
            "import subprocess\nPIPE = 1\nr = subprocess.run(c, stdout=PIPE, stderr=PIPE)\n",
            id="a PIPE that is not subprocess's",
        ),
        pytest.param("r = run(c, universal_newlines=True)\n", id="a run that is not subprocess's"),
        pytest.param(
            "import subprocess\nsubprocess.getoutput(c, universal_newlines=True)\n",
            id="a function that does not reach Popen's text",
        ),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(SubprocessRunArguments, source)


def test_gated_on_the_target() -> None:
    """capture_output and text arrived in 3.7."""
    assert_noop(SubprocessRunArguments, str(REWRITES[0].values[0]), target="3.6")


def test_same_result() -> None:
    code = (
        "import subprocess, sys\ncmd = [sys.executable, '-c', 'import sys; print(1); "
        "print(2, file=sys.stderr)']\n"
        "a = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, "
        "universal_newlines=True)\nb = subprocess.run(cmd, capture_output=True, text=True)\n"
        "print((a.stdout, a.stderr) == (b.stdout, b.stderr) == ('1\\n', '2\\n'))\n"
    )
    assert pyenv_output("3.8", code) == "True\n"


def test_docstring_example() -> None:
    assert_rewrite(SubprocessRunArguments, *docstring_example(SubprocessRunArguments))


def located(source: str) -> set[int] | None:
    return SubprocessRunArguments.locate(AstIndex(ast.parse(source)))


def test_locate_skips_calls_without_the_keywords() -> None:
    # PIPE is only stdin here: nothing to capture, no universal_newlines.
    source = "from subprocess import PIPE, Popen\n\ndef f(c):\n    return Popen(c, stdin=PIPE)\n"
    assert SubprocessRunArguments.wants(source)
    assert located(source) == set()


def test_locate_finds_the_call() -> None:
    source = "import subprocess as sp\n\ndef f(c):\n    return sp.run(c, universal_newlines=True)\n"
    assert located(source) == {4}
