"""legacylift: modernize legacy Python with LibCST codemods, then measure what it buys."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("legacylift")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
