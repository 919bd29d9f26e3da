"""Reading and writing source files without losing a byte we did not mean to change.

The decoded text keeps its newlines as they are (``bytes.decode`` never translates them), the
PEP 263 coding cookie decides the codec, a UTF-8 BOM is remembered through the ``utf-8-sig``
codec, and a write goes to a temporary file in the same folder that then replaces the original,
so a crash leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A file that cannot be read, decoded, encoded or written; the message is one line."""


@dataclass(frozen=True)
class Source:
    """A decoded source file and what is needed to write it back the same way."""

    text: str
    encoding: str
    raw: bytes
    mtime_ns: int

    def encode(self, text: str) -> bytes:
        """Encode new text with the file's own codec (and its BOM, if it had one)."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise SourceError(
                f"the rewritten text cannot be encoded as {self.encoding}: {exc.reason}"
            ) from None


def decode(raw: bytes) -> tuple[str, str]:
    """Decode source bytes as Python would: BOM, then coding cookie, then UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        raise SourceError(str(exc)) from None
    if encoding == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"cannot decode as {encoding}: byte {exc.object[exc.start]:#04x} at offset {exc.start}"
        ) from None


def read_source(path: Path) -> Source:
    """Read and decode a Python source file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
            mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(raw)
    return Source(text=text, encoding=encoding, raw=raw, mtime_ns=mtime_ns)


def write_atomic(path: Path, data: bytes, expect_mtime_ns: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically, keeping its permission bits and owner.

    ``expect_mtime_ns`` guards against a concurrent edit: if the file changed since it was read,
    nothing is written.  A read-only file (no write permission for us, or no write bit at all,
    which root would otherwise ignore) is not replaced either, though its folder would allow it.
    The temporary file (``.NAME.XXXXXXXX.legacylift``, never taken for a source) goes away on
    any error or interruption; only a kill (SIGKILL) between its creation and the replace can
    leave it behind.
    """
    try:
        before = os.stat(path)
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    if expect_mtime_ns is not None and before.st_mtime_ns != expect_mtime_ns:
        raise SourceError("changed on disk while being modernized; left as it is")
    if not stat.S_IMODE(before.st_mode) & 0o222 or not os.access(path, os.W_OK):
        raise SourceError("read-only file; left as it is")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".legacylift", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(before.st_mode))
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(tmp, before.st_uid, before.st_gid)
        os.replace(tmp, path)
    except BaseException as exc:  # KeyboardInterrupt, SystemExit (SIGTERM) too: no stray file
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SourceError(f"cannot write: {exc.strerror or exc}") from None
        raise
