"""Describe the running interpreter as one JSON line on stdout.

The bench harness runs this file's source with every candidate interpreter
(``python -E -s -c SOURCE NONCE``), so it must stay valid on Python 2.7 as well
as on every Python 3: no f-strings, no annotations (type comments instead), no
keyword-only arguments, nothing imported from outside the standard library.
The nonce is echoed back so that an executable which prints canned output
without running this code cannot pass for an interpreter.
"""

import sys

# The cwd (sys.path[0] == "" under -c) may hold a json.py or platform.py that would
# shadow the standard library and turn the probe into something else.
sys.path[:] = [entry for entry in sys.path if entry]

import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import struct  # noqa: E402

MARKER = "LEGACYLIFT-PROBE:"


def _importable(name):
    # type: (str) -> bool
    try:
        from importlib.util import find_spec
    except ImportError:  # Python 2.7
        import imp

        try:
            imp.find_module(name)
        except ImportError:
            return False
        return True
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _version_of(attribute):
    # type: (str) -> object
    info = getattr(sys, attribute, None)
    if info is None:
        return None
    return [int(part) for part in tuple(info)[:3]]


def _base_prefix():
    # type: () -> str
    # real_prefix is set by the pre-venv virtualenv tool, also on Python 3.
    for name in ("real_prefix", "base_prefix"):
        value = getattr(sys, name, None)
        if value:
            return str(value)
    return sys.prefix


def _gil_disabled():
    # type: () -> bool
    try:
        import sysconfig
    except ImportError:
        return False
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def _pyston_lite_active():
    # type: () -> bool
    # pyston_lite_autoload's .pth file imports pyston_lite and calls enable()
    # during startup unless DISABLE_PYSTON is set; the module offers no query.
    return "pyston_lite" in sys.modules and "DISABLE_PYSTON" not in os.environ


def describe():
    # type: () -> dict[str, object]
    """Return the facts the harness needs about this interpreter."""
    info = sys.version_info
    return {
        "implementation": platform.python_implementation(),
        "implementation_name": getattr(getattr(sys, "implementation", None), "name", None),
        "version": [info[0], info[1], info[2]],
        "releaselevel": info[3],
        "serial": info[4],
        "sys_version": sys.version,
        "executable": sys.executable or "",
        "prefix": sys.prefix,
        "base_prefix": _base_prefix(),
        "pointer_bits": struct.calcsize("P") * 8,
        "machine": platform.machine(),
        "platform": sys.platform,
        "gil_disabled": _gil_disabled(),
        "pyston_version": _version_of("pyston_version_info"),
        "pypy_version": _version_of("pypy_version_info"),
        "pypy_jit": _importable("pypyjit"),
        "pyston_lite_importable": _importable("pyston_lite"),
        "pyston_lite_autoload_importable": _importable("pyston_lite_autoload"),
        "pyston_lite_active": _pyston_lite_active(),
    }


def main():
    # type: () -> None
    """Print the marker line; failures are reported in it rather than raised."""
    nonce = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        data = describe()
    except Exception as exc:  # the harness wants a reason, not a traceback
        data = {"error": type(exc).__name__ + ": " + str(exc)}
    data["nonce"] = nonce
    sys.stdout.write(MARKER + json.dumps(data, sort_keys=True) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
