"""Assertions shared by the codemod tests.

Every rewrite case also checks that the output is a fixed point (a second run changes nothing),
that a sparse parse gives it too (as for a large file), and that it compiles on the real
interpreter of the target version when pyenv has it (one long-lived compile process per
version), else with ``ast.parse(feature_version=...)``.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import inspect
import json
import os
import re
import subprocess
import textwrap
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from libcst.metadata import MetadataWrapper

from legacylift import sparse
from legacylift.codemod import LiftCodemod, parse_version
from legacylift.engine import Outcome, Settings, eligible, modernize_text, verify

_SERVER = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    try:
        compile(json.loads(line), "<codemod output>", "exec", dont_inherit=True)
        answer = None
    except SyntaxError as exc:
        answer = "%s (line %s)" % (exc.msg, exc.lineno)
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
"""


def pyenv_python(version: str) -> str | None:
    """The newest pyenv interpreter of ``version`` (e.g. "3.8"), or None."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found = sorted(glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", "python")))
    return found[-1] if found else None


@cache
def _compiler(version: str) -> subprocess.Popen[str] | None:
    python = pyenv_python(version)
    if python is None:
        return None
    proc = subprocess.Popen(
        [python, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    atexit.register(proc.kill)
    return proc


def compile_error(code: str, target: str) -> str | None:
    """Why ``code`` does not compile on Python ``target``, or None."""
    proc = _compiler(target)
    if proc is None or proc.stdin is None or proc.stdout is None:
        return verify(code, parse_version(target), "<codemod output>")
    proc.stdin.write(json.dumps(code) + "\n")
    proc.stdin.flush()
    answer: str | None = json.loads(proc.stdout.readline())
    return answer


def run(
    codemod: type[LiftCodemod], source: str, target: str = "3.8", unsafe: bool = False
) -> Outcome:
    """Run one codemod through the real engine (gates, pre-check, single pass, imports, verify).

    Sources are treated as Python 2 for PYTHON2_ONLY codemods (``--python2``): many Python 2
    snippets are valid Python 3 syntax; the gate itself is tested in tests/test_engine.py.
    """
    version = parse_version(target)
    codemods = eligible((codemod,), version, unsafe)
    settings = Settings(version, codemods, unsafe=unsafe, python2=codemod.PYTHON2_ONLY)
    return modernize_text(source, settings)


def assert_rewrite(
    codemod: type[LiftCodemod], before: str, after: str, target: str = "3.8", unsafe: bool = False
) -> None:
    """``before`` becomes exactly ``after``; the result is a fixed point and compiles."""
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    outcome = run(codemod, before, target, unsafe)
    assert outcome.code == after
    assert outcome.rewrites.get(codemod.name(), 0) > 0, "a rewrite that was not counted"
    with all_sparse():  # the codemod's REACH, LOCATIONS and locator cover the rewrite
        assert run(codemod, before, target, unsafe).code == after, "not so when parsed sparse"
    assert run(codemod, after, target, unsafe).code == after, "second run changed the output"
    assert compile_error(after, target) is None


def assert_noop(
    codemod: type[LiftCodemod], source: str, target: str = "3.8", unsafe: bool = False
) -> Outcome:
    """``source`` is left exactly as it is; returns the outcome so notes can be checked."""
    source = textwrap.dedent(source)
    outcome = run(codemod, source, target, unsafe)
    assert outcome.code == source
    assert not outcome.rewrites
    return outcome


@contextlib.contextmanager
def all_sparse() -> Iterator[None]:
    """Within: even a small file is parsed sparse (bodies out of the codemods' reach stand
    aside), as only large files are in a real run."""
    saved, sparse.MIN_SIZE = sparse.MIN_SIZE, 0
    try:
        yield
    finally:
        sparse.MIN_SIZE = saved


def _indented_block(text: str) -> str:
    lines = re.match(r"((?:    .*\n|\n)*)", text)
    assert lines is not None
    return textwrap.dedent(lines[1]).strip("\n") + "\n"


def docstring_example(codemod: type[LiftCodemod], between: str = "becomes") -> tuple[str, str]:
    """The two indented blocks of a codemod docstring's **Example.** section (code, then the
    code it becomes, or the notes it gets), around the line ``between``."""
    doc = inspect.cleandoc(codemod.__doc__ or "") + "\n"
    before = doc.split("**Example.**\n\n", 1)[1]
    after = before.split(f"\n{between}\n\n", 1)[1]
    return _indented_block(before), _indented_block(after)


def pyenv_output(version: str, code: str) -> str:
    """What ``code`` prints on pyenv's Python ``version`` (the test is skipped without it)."""
    import pytest

    python = pyenv_python(version)
    if python is None:
        pytest.skip(f"no Python {version} under pyenv")
    command = [python, "-W", "ignore", "-c", code]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def record_metadata(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The metadata providers that get resolved from now on (one entry per request)."""
    resolved: list[object] = []
    original = MetadataWrapper.resolve

    def resolve(self: MetadataWrapper, provider: Any) -> Any:
        resolved.append(provider)
        return original(self, provider)

    monkeypatch.setattr(MetadataWrapper, "resolve", resolve)
    return resolved
