"""Where Python 2 stdlib modules, names and attributes went in Python 3 (data only).

Facts from the Python 3 "What's New" pages and PEP 3108; the tables are legacylift's own.
"""

from __future__ import annotations

#: Modules renamed as a whole: every attribute keeps its name under the new module.
RENAMED_MODULES: dict[str, str] = {
    "BaseHTTPServer": "http.server",
    "CGIHTTPServer": "http.server",
    "ConfigParser": "configparser",
    "Cookie": "http.cookies",
    "Dialog": "tkinter.dialog",
    "DocXMLRPCServer": "xmlrpc.server",
    "FileDialog": "tkinter.filedialog",
    "HTMLParser": "html.parser",
    "Queue": "queue",
    "ScrolledText": "tkinter.scrolledtext",
    "SimpleDialog": "tkinter.simpledialog",
    "SimpleHTTPServer": "http.server",
    "SimpleXMLRPCServer": "xmlrpc.server",
    "SocketServer": "socketserver",
    "Tix": "tkinter.tix",
    "Tkconstants": "tkinter.constants",
    "Tkdnd": "tkinter.dnd",
    "Tkinter": "tkinter",
    "__builtin__": "builtins",
    "_winreg": "winreg",
    "anydbm": "dbm",
    "cPickle": "pickle",
    "cookielib": "http.cookiejar",
    "copy_reg": "copyreg",
    "dummy_thread": "_dummy_thread",
    "dumbdbm": "dbm.dumb",
    "gdbm": "dbm.gnu",
    "htmlentitydefs": "html.entities",
    "httplib": "http.client",
    "markupbase": "_markupbase",
    "repr": "reprlib",
    "robotparser": "urllib.robotparser",
    "thread": "_thread",
    "tkColorChooser": "tkinter.colorchooser",
    "tkCommonDialog": "tkinter.commondialog",
    "tkFileDialog": "tkinter.filedialog",
    "tkFont": "tkinter.font",
    "tkMessageBox": "tkinter.messagebox",
    "tkSimpleDialog": "tkinter.simpledialog",
    "ttk": "tkinter.ttk",
    "urlparse": "urllib.parse",
    "whichdb": "dbm",
    "xmlrpclib": "xmlrpc.client",
}

#: New modules that later Python 3 versions dropped: (module, first version without it).
REMOVED_IN: dict[str, tuple[int, int]] = {"_dummy_thread": (3, 9), "tkinter.tix": (3, 13)}

_REQUEST = (
    "urlopen install_opener build_opener Request OpenerDirector BaseHandler"
    " HTTPDefaultErrorHandler HTTPRedirectHandler HTTPCookieProcessor ProxyHandler"
    " HTTPPasswordMgr HTTPPasswordMgrWithDefaultRealm AbstractBasicAuthHandler"
    " HTTPBasicAuthHandler ProxyBasicAuthHandler AbstractDigestAuthHandler"
    " HTTPDigestAuthHandler ProxyDigestAuthHandler AbstractHTTPHandler HTTPHandler"
    " HTTPSHandler FileHandler FTPHandler CacheFTPHandler UnknownHandler HTTPErrorProcessor"
    " parse_http_list parse_keqv_list getproxies proxy_bypass url2pathname pathname2url"
)
_URLLIB_REQUEST = "urlopen urlretrieve urlcleanup URLopener FancyURLopener getproxies"
_URLLIB_REQUEST += " proxy_bypass url2pathname pathname2url"
_PARSE = "quote quote_plus unquote unquote_plus splitattr splithost splitnport splitpasswd"
_PARSE += " splitport splitquery splittag splittype splituser splitvalue"


def _names(module: str, names: str) -> dict[str, tuple[str, str]]:
    return {name: (module, name) for name in names.split()}


#: Modules split (or emptied) by name: old module -> {old name: (new module, new name)}.
#: A name missing here has no Python 3 home (or not an equivalent one): it is left alone.
MOVED_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "urllib2": {
        **_names("urllib.request", _REQUEST),
        **_names("urllib.error", "URLError HTTPError"),
        **_names("urllib.parse", "quote unquote splittype splithost splituser splitpasswd"),
        **_names("urllib.parse", "splitport splitattr splitquery splitvalue splittag"),
    },
    "urllib": {
        **_names("urllib.request", _URLLIB_REQUEST),
        **_names("urllib.parse", _PARSE + " urlencode"),
        **_names("urllib.error", "ContentTooShortError"),
    },
    "StringIO": _names("io", "StringIO"),
    # cStringIO's two object types (reading, writing) are both what StringIO() now makes
    "cStringIO": {
        **_names("io", "StringIO"),
        "InputType": ("io", "StringIO"),
        "OutputType": ("io", "StringIO"),
    },
    "UserDict": {
        "UserDict": ("collections", "UserDict"),
        "IterableUserDict": ("collections", "UserDict"),
    },
    "UserList": _names("collections", "UserList"),
    "UserString": _names("collections", "UserString"),
    "commands": _names("subprocess", "getoutput getstatusoutput"),
    "md5": {"new": ("hashlib", "md5"), "md5": ("hashlib", "md5")},
    "sha": {"new": ("hashlib", "sha1"), "sha": ("hashlib", "sha1")},
}

#: What to tell the user when a rewrite keeps Python 2 behaviour only for some inputs.
MOVE_NOTES: dict[str, str] = {
    "io.StringIO": "io.StringIO takes str only: use io.BytesIO where bytes are written",
    "hashlib.md5": "hashlib.md5() takes bytes only: encode text before hashing",
    "hashlib.sha1": "hashlib.sha1() takes bytes only: encode text before hashing",
}

#: Python 2 modules with no Python 3 equivalent to rename to: left alone with this note.
NO_EQUIVALENT: dict[str, str] = {
    "dbhash": "dbhash (bsddb) has no Python 3 module; port to dbm by hand",
    "bsddb": "bsddb has no Python 3 module; port to dbm by hand",
}

#: Every Python 2 module name the tables above know.
PY2_MODULES = frozenset(RENAMED_MODULES) | frozenset(MOVED_NAMES) | frozenset(NO_EQUIVALENT)
#: Every name some split module moved (a cheap pre-filter for attribute uses).
MOVED_ATTRS = frozenset(name for names in MOVED_NAMES.values() for name in names)
