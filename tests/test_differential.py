"""The differential check (legacylift.differential) and its corpora (legacylift.corpora), run
for real on a three-file corpus; no network."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

from legacylift import corpora, differential
from legacylift.corpora import CorpusError, Sdist
from legacylift.differential import ToolError, Tools

OLD = {
    "shapes.py": (
        "# -*- coding: utf-8 -*-\n"
        "import io\n"
        "\n"
        "\n"
        "class Base(object):\n"
        "    def greet(self, name):\n"
        '        return u"hello %s" % name\n'
        "\n"
        "\n"
        "class Child(Base):\n"
        "    def greet(self, name):\n"
        "        return super(Child, self).greet(name)  # keep me\n"
        "\n"
        "\n"
        "def read(path):\n"
        '    with io.open(path, "r") as handle:\n'
        "        return handle.read()\n"
    ),
    "tables.py": (
        "def names(items):\n"
        "    for item in items:\n"
        "        yield item\n"
        "\n"
        "\n"
        "def table(rows):\n"
        "    return dict([(str(row), row) for row in rows])\n"
        "\n"
        "\n"
        "def label(x):\n"
        '    return "{0} and {1}".format(x, x)\n'
    ),
    "net.py": (
        "import socket\n"
        "\n"
        "\n"
        "def fetch(sock):\n"
        "    try:\n"
        "        return sock.recv(10)\n"
        "    except (IOError, socket.error):\n"
        "        return set([1, 2, 3])\n"
    ),
}
#: The same code as pyupgrade --py38-plus and ruff would leave it.
MODERN = {
    "shapes.py": (
        "class Base:\n"
        "    def greet(self, name):\n"
        '        return "hello %s" % name\n'
        "\n"
        "\n"
        "class Child(Base):\n"
        "    def greet(self, name):\n"
        "        return super().greet(name)  # keep me\n"
    ),
    "tables.py": (
        'def names(items):\n    yield from items\n\n\ndef label(x):\n    return f"{x} and {x}"\n'
    ),
    "net.py": (
        "def fetch(sock):\n"
        "    try:\n"
        "        return sock.recv(10)\n"
        "    except OSError:\n"
        "        return {1, 2, 3}\n"
    ),
}
#: ruff 0.17 (requirements/compare.txt) --select UP --target-version py38 on OLD:
#: rule -> (safe, unsafe) diagnostics.
RUFF_ON_OLD = {
    "UP004": (1, 0),  # class Base(object)
    "UP008": (1, 0),  # super(Child, self)
    "UP009": (1, 0),  # the coding cookie
    "UP020": (1, 0),  # io.open
    "UP024": (1, 0),  # IOError, socket.error
    "UP025": (1, 0),  # u"..."
    "UP028": (0, 1),  # for/yield: unsafe in ruff
    "UP030": (0, 1),  # "{0}": unsafe in ruff
    "UP031": (0, 1),  # "%s" % name: unsafe in ruff
    "UP032": (1, 0),  # .format() -> f-string
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def tools() -> Tools:
    try:
        return Tools.find()
    except ToolError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def old_corpus(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "old", OLD)


# --------------------------------------------------------------------------- the tools


def test_ruff_counts_by_rule_and_fix_safety(tools: Tools, old_corpus: Path, tmp_path: Path) -> None:
    files = corpora.source_files(old_corpus)
    found = differential.by_rule(differential.ruff_diagnostics(tools.ruff, (3, 8), files))
    assert {code: (count.safe, count.unsafe) for code, count in found.rules.items()} == RUFF_ON_OLD
    assert found.safe == 7 and found.others == 3 and found.files == 3

    modern = write_tree(tmp_path / "modern", MODERN)
    after = differential.by_rule(
        differential.ruff_diagnostics(tools.ruff, (3, 8), corpora.source_files(modern))
    )
    # Only "hello %s" % name is left, and ruff's fix for it is not safe (name may be a tuple).
    assert {code: (c.safe, c.unsafe) for code, c in after.rules.items()} == {"UP031": (0, 1)}
    assert after.safe == 0 and after.files == 0


def test_ruff_reach_depends_on_the_target(tools: Tools, tmp_path: Path) -> None:
    tree = write_tree(tmp_path / "typing", {"t.py": "from typing import List\nx: List[int] = []\n"})
    files = corpora.source_files(tree)
    old = differential.by_rule(differential.ruff_diagnostics(tools.ruff, (3, 8), files))
    new = differential.by_rule(differential.ruff_diagnostics(tools.ruff, (3, 9), files))
    assert "UP006" not in old.rules
    assert new.rules["UP006"].name == "non-pep585-annotation"
    assert new.rules["UP006"].safe + new.rules["UP006"].unsafe == 1


def test_pyupgrade_rewrites_classified(tools: Tools, old_corpus: Path, tmp_path: Path) -> None:
    before = {name: (old_corpus / name).read_bytes() for name in OLD}
    result = differential.pyupgrade_rewrites(tools.pyupgrade, old_corpus, (3, 8), tmp_path / "c", 1)
    assert {name: (old_corpus / name).read_bytes() for name in OLD} == before, "original kept"
    assert result.files == 3
    assert result.kinds == {
        "coding cookie": 1, "class X(object)": 1, "u'' prefix": 1, "super()": 1,
        "io.open -> open": 1, "yield from": 1, "dict comprehension": 1, "f-string": 1,
        "OSError alias": 1, "set literal/comprehension": 1,
    }  # fmt: skip
    assert result.blocks == 10
    assert any("super().greet(name)  # keep me" in text for text in result.samples["super()"])

    modern = write_tree(tmp_path / "modern", MODERN)
    after = differential.pyupgrade_rewrites(tools.pyupgrade, modern, (3, 8), tmp_path / "d", 2)
    assert (after.files, after.blocks, after.kinds) == (0, 0, {})


@pytest.mark.parametrize(
    ("removed", "added", "kind"),
    [
        (["        super(A, self).f()"], ["        super().f()"], "super()"),
        (["class A(object):"], ["class A:"], "class X(object)"),
        (["x = '{}'.format(y)"], ["x = f'{y}'"], "f-string"),
        (["x = '%s' % (y,)"], ["x = '{}'.format(y)"], "printf % -> .format()"),
        (["from typing import List", "x: List[int]"], ["x: list[int]"], "PEP 585/604 annotation"),
        (["x = frobnicate(1)"], ["x = frobnicate(2)"], differential.OTHER),
    ],
)
def test_classify(removed: list[str], added: list[str], kind: str) -> None:
    assert differential.classify(removed, added) == kind


def test_changed_blocks_split_line_for_line() -> None:
    before = "a = 1\nb = IOError\nc = set([1])\nd = 4\n"
    after = "a = 1\nb = OSError\nc = {1}\nd = 4\n"
    blocks = differential.changed_blocks(before, after, "x.py")
    assert [(block.line, block.kind) for block in blocks] == [
        (2, "OSError alias"), (3, "set literal/comprehension"),
    ]  # fmt: skip
    grown = differential.changed_blocks("for x in y:\n    yield x\n", "yield from y\n", "g.py")
    assert [(block.line, block.lines, block.kind) for block in grown] == [(1, 2, "yield from")]


def test_changed_blocks_keep_a_multi_line_rewrite_together() -> None:
    before = "x = '%(a)s %(b)s' % {\n    'a': 1,\n    'b': 2,\n}\ny = IOError\n"
    after = "x = '{a} {b}'.format(\n    a=1,\n    b=2,\n)\ny = OSError\n"
    blocks = differential.changed_blocks(before, after, "x.py")
    assert [(block.line, block.lines, block.kind) for block in blocks] == [
        (1, 4, "printf % -> .format()"), (5, 1, "OSError alias"),
    ]  # fmt: skip


# --------------------------------------------------------------------------- a whole target


def test_measure_target_on_a_small_corpus(tools: Tools, old_corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    figures = differential.measure_target(old_corpus, (3, 8), work, tools, 1)
    # Each tool alone on the original: exact figures.
    assert figures.alone_pyupgrade.files == 3 and figures.alone_pyupgrade.blocks == 10
    assert figures.alone_ruff.safe == 7
    # Our run: stable, compiling, and whatever it left is what the tools find in its result.
    assert figures.second_run_changes == []
    assert figures.compiled.before == {} and figures.compiled.broken == []
    assert figures.ours_skipped == {}
    result = work / "3.8-legacylift"
    changed = differential.changed_files(old_corpus, result, sorted(OLD))
    assert figures.ours_files == len(changed)
    assert (sum(figures.ours_rewrites.values()) > 0) == bool(changed)
    left = differential.by_rule(
        differential.ruff_diagnostics(tools.ruff, (3, 8), corpora.source_files(result))
    )
    assert left == figures.residual_ruff
    assert figures.residual_ruff.safe <= figures.alone_ruff.safe
    assert figures.residual_pyupgrade.files <= 3
    assert figures.goal_met == (
        figures.residual_pyupgrade.files == 0 and figures.residual_ruff.safe == 0
    )
    assert "# keep me" in (result / "shapes.py").read_text(encoding="utf-8")


def test_main_prints_tables_and_writes_json(
    tools: Tools, old_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures.json"
    code = differential.main(
        ["--corpus", str(old_corpus), "--targets", "3.8,3.9", "--jobs", "1", "--json", str(out)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    for title in ("After legacylift modernize", "Each tool alone on the original corpus",
                  "legacylift rewrites by codemod", "pyupgrade --py39-plus"):  # fmt: skip
        assert title in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["files"] == 3 and data["lines"] == sum(text.count("\n") for text in OLD.values())
    assert [item["target"] for item in data["targets"]] == ["3.8", "3.9"]
    assert data["targets"][0]["alone_ruff"]["rules"]["UP008"]["safe"] == 1
    assert data["targets"][0]["alone_ruff"]["safe"] == 7
    assert set(data["tools"]) == {"pyupgrade", "ruff"}


def test_main_rejects_an_unknown_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert differential.main(["--corpus", "no-such-corpus"]) == 2
    assert "not a corpus name" in capsys.readouterr().err


# --------------------------------------------------------------------------- corpora


def fake_sdist(folder: Path, members: dict[str, bytes], name: str = "Django-2.2.28") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


def test_django_refuses_an_archive_with_the_wrong_hash(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fake_sdist(cache, {"Django-2.2.28/setup.py": b"print('not the real Django')\n"})
    with pytest.raises(CorpusError, match="is not the pinned 0200b657"):
        corpora.django(cache)
    assert not (cache / "Django-2.2.28").exists(), "nothing unpacked"


def test_sdist_with_the_pinned_hash_unpacks_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    archive = fake_sdist(cache, {"Tiny-1.0/tiny/__init__.py": b"x = 1\n"}, name="Tiny-1.0")
    sdist = Sdist("Tiny", "1.0", corpora.sha256_of(archive))
    tree = corpora.django(cache, sdist)
    assert tree == cache / "Tiny-1.0"
    assert (tree / "tiny" / "__init__.py").read_bytes() == b"x = 1\n"
    archive.write_bytes(b"changed after unpacking")
    assert corpora.django(cache, sdist) == tree, "a prepared tree is reused"
    copy = corpora.fresh_copy(tree, tmp_path / "copy")
    assert sorted(p.name for p in copy.rglob("*")) == ["__init__.py", "tiny"]


@pytest.mark.parametrize("member", ["../evil.py", "/tmp/evil.py", "Tiny-1.0/../../evil.py"])
def test_unpack_refuses_members_outside_the_folder(tmp_path: Path, member: str) -> None:
    archive = fake_sdist(tmp_path / "cache", {member: b"boom\n"}, name="Tiny-1.0")
    sdist = Sdist("Tiny", "1.0", corpora.sha256_of(archive))
    with pytest.raises(CorpusError, match="outside the folder"):
        corpora.django(tmp_path / "cache", sdist)
    assert not (tmp_path / "evil.py").exists()
    assert not (tmp_path / "cache" / "Tiny-1.0").exists()


def test_stdlib_sources_leave_out_site_packages_and_2to3_data(tmp_path: Path) -> None:
    lib = write_tree(tmp_path / "lib", {"os.py": "", "README.txt": ""})
    write_tree(lib / "site-packages" / "pkg", {"mod.py": ""})
    write_tree(lib / "lib2to3" / "tests" / "data", {"py2_test_grammar.py": "print 1\n"})
    write_tree(lib / "lib2to3" / "tests", {"test_all.py": ""})
    assert corpora._stdlib_sources(lib) == [
        Path("os.py"), Path("lib2to3/tests/test_all.py"),
    ]  # fmt: skip


def test_compile_failures_on_the_running_interpreter(tmp_path: Path) -> None:
    tree = write_tree(tmp_path / "t", {"good.py": "x = 1\n", "bad.py": "def f(:\n"})
    failed = corpora.compile_failures(sys.executable, sorted(tree.glob("*.py")))
    assert list(failed) == [str(tree / "bad.py")]
    assert failed[str(tree / "bad.py")].startswith("SyntaxError")
