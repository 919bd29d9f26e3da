"""Call a function on the first module of a given name that is imported (Python 2.7 and 3.x).

The recorder must patch the ``unittest`` the project really uses: the standard library's, or
a copy the project bundles and puts first on sys.path (mechanize ships ``test-tools/unittest``).
Importing ``unittest`` at start-up would shadow such a copy, so instead a finder placed first
on sys.meta_path waits for the first import of the name. It finds nothing itself:

* Python 3.4+ (``find_spec``): the other finders find the module; its loader is wrapped so that
  the function runs right after the module's code, and the module keeps the real loader.
  Everything else a loader offers (is_package, get_code, for runpy) goes to the real one.
* Python 2 (``find_module``): pkgutil finds the loader the usual import would use, and its
  ``load_module`` is wrapped the same way.

The finder leaves sys.meta_path once the function has run. A module that fails to import is
not "the first": the finder waits for the next attempt.
"""
import sys


def _report(exc):
    sys.stderr.write("legacylift verify: the test recorder is off: %r\n" % (exc,))


class FirstImport(object):
    """A meta-path finder that calls ``callback(module)`` once, on module ``name``."""

    def __init__(self, name, callback):
        self.name = name
        self.callback = callback
        self.busy = False

    def imported(self, module):
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        try:
            self.callback(sys.modules.get(self.name, module))
        except Exception as exc:  # noqa: BLE001  # never break the project's import
            _report(exc)

    def _others(self, find, fullname):
        # What the import machinery would find with this finder out of the way.
        self.busy = True
        try:
            return find(fullname)
        finally:
            self.busy = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name or self.busy:
            return None
        import importlib.util

        spec = self._others(importlib.util.find_spec, fullname)
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader, self)
        return spec

    def find_module(self, fullname, path=None):
        if fullname != self.name or self.busy or path is not None or sys.version_info >= (3, 4):
            return None
        import pkgutil

        loader = self._others(pkgutil.find_loader, fullname)
        return None if loader is None else _Loader(loader, self)


class _Loader(object):
    """The real loader of the module, plus a call of the finder once the module has run."""

    def __init__(self, loader, finder):
        self.loader = loader
        self.finder = finder

    def create_module(self, spec):
        create = getattr(self.loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module):
        # From here on the module only knows its real loader.
        module.__loader__ = self.loader
        spec = getattr(module, "__spec__", None)
        if spec is not None and spec.loader is self:
            spec.loader = self.loader
        self.loader.exec_module(module)
        self.finder.imported(module)

    def load_module(self, fullname):  # Python 2
        module = self.loader.load_module(fullname)
        self.finder.imported(module)
        return module

    def __getattr__(self, name):
        return getattr(self.loader, name)


def on_first_import(name, callback):
    """Run ``callback`` on module ``name`` now if it is imported, else on its first import."""
    module = sys.modules.get(name)
    if module is not None:
        callback(module)
        return
    sys.meta_path.insert(0, FirstImport(name, callback))
