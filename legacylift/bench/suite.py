"""A benchmark suite: pyperformance's layout, or a folder of plain pyperf scripts.

pyperformance's layout is a ``MANIFEST`` whose ``[benchmarks]`` table lists ``name<TAB><local>``
lines, each naming a ``bm_<name>/`` folder with a ``pyproject.toml`` (``requires-python``) and a
``run_benchmark.py``.  A folder without a MANIFEST is taken as plain pyperf scripts: every
``*.py`` file in it is one benchmark that runs on any interpreter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from legacylift.config import ConfigError, load_pyproject


class SuiteError(Exception):
    """A suite folder that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: its name, its script relative to the suite root, what it runs on."""

    name: str
    script: str
    requires_python: str = ""
    kind: str = ""

    def runs_on(self, version: tuple[int, ...]) -> bool:
        """Whether ``requires-python`` admits an interpreter of ``version``."""
        if not self.requires_python:
            return True
        spec = SpecifierSet(self.requires_python)
        return spec.contains(".".join(map(str, version[:3])), prereleases=True)


def _manifest_names(manifest: Path) -> list[str]:
    names, in_table = [], False
    for raw in manifest.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            in_table = line == "[benchmarks]"
        elif in_table and line and not line.startswith("name\t") and line != "name metafile":
            name, _, metafile = line.partition("\t")
            if metafile.strip() not in ("", "<local>"):
                raise SuiteError(f"{manifest}: only <local> benchmarks are supported ({name})")
            names.append(name.strip())
    return names


def _from_folder(root: Path, name: str) -> Benchmark:
    folder = root / f"bm_{name}"
    script = folder / "run_benchmark.py"
    if not script.is_file():
        raise SuiteError(f"{root}: MANIFEST lists {name} but {script} does not exist")
    meta: dict[str, object] = {}
    if (folder / "pyproject.toml").is_file():
        try:
            meta = load_pyproject(folder / "pyproject.toml")
        except ConfigError as exc:
            raise SuiteError(str(exc)) from None
    project = meta.get("project", {})
    tool = meta.get("tool", {})
    requires = project.get("requires-python", "") if isinstance(project, dict) else ""
    ours = tool.get("legacylift", {}) if isinstance(tool, dict) else {}
    try:
        SpecifierSet(requires)
    except InvalidSpecifier:
        raise SuiteError(f"{folder}/pyproject.toml: bad requires-python {requires!r}") from None
    kind = ours.get("kind", "") if isinstance(ours, dict) else ""
    return Benchmark(name, f"bm_{name}/run_benchmark.py", str(requires), str(kind))


def load_suite(root: Path) -> list[Benchmark]:
    """The benchmarks of the suite at ``root``, in MANIFEST (or file name) order."""
    if not root.is_dir():
        raise SuiteError(f"{root}: not a folder")
    manifest = root / "MANIFEST"
    if manifest.is_file():
        benchmarks = [_from_folder(root, name) for name in _manifest_names(manifest)]
    else:
        benchmarks = [Benchmark(p.stem, p.name) for p in sorted(root.glob("*.py"))]
    if not benchmarks:
        raise SuiteError(f"{root}: no benchmarks (no MANIFEST entries, no *.py scripts)")
    return benchmarks


def tree_hash(*roots: Path) -> str:
    """A short content hash of every file under ``roots`` (names and bytes), ignoring caches."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
