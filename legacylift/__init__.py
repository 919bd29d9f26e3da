"""legacylift: modernize legacy Python with LibCST codemods, then measure what it buys."""

#: Kept equal to pyproject.toml's version by a test; read here without importlib.metadata,
#: which costs a fifth of the start-up of a run the cache answers.
__version__ = "0.1.0"
