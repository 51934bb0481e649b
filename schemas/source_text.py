"""Read an input file as text, within a size limit, whatever its encoding mark.

UTF-8 is expected; a UTF-8 byte-order mark is dropped, UTF-16 and UTF-32 with a
byte-order mark are decoded. Anything else that is not UTF-8 is refused with
the line and byte offset of the first bad byte, so the user can find it.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import BinaryIO

from schemas.limits import human_bytes, human_size

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableSource(Exception):
    """The file cannot be read as text; ``line`` is 1-based, or None when no line applies.

    ``reason`` says which kind of problem it is, so a caller can word it for its own
    kind of file: missing, directory, permission, unreadable, too_big or not_text.
    """

    def __init__(self, file: str, line: int | None, message: str, reason: str = "not_text"):
        super().__init__(message)
        self.file, self.line, self.message, self.reason = file, line, message, reason


def read_source(path: str | Path, max_bytes: int, *, limit_var: str) -> str:
    """The file's text; UnreadableSource when it is missing, too big or not text."""
    file = str(path)
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise too_big_error(file, max_bytes, limit_var, info.st_size)  # known without reading it
            # A regular file is read whole (it fits); anything else (a pipe, /dev/zero)
            # is read one byte past the limit, enough to know it is too big.
            data = fh.read() if stat.S_ISREG(info.st_mode) else fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableSource(file, None, "no such file; check the path", "missing") from None
    except IsADirectoryError:
        raise UnreadableSource(file, None, "is a directory, not a file", "directory") from None
    except PermissionError:
        raise UnreadableSource(file, None, "permission denied; check the file's permissions", "permission") from None
    except OSError as e:
        raise UnreadableSource(file, None, f"cannot be read: {e.strerror or e}", "unreadable") from None
    return decode_limited(data, file, max_bytes, limit_var=limit_var)


def read_stream(stream: BinaryIO, file: str, max_bytes: int, *, limit_var: str) -> str:
    """Text from an open binary stream (stdin), read no further than one byte past the limit."""
    return decode_limited(stream.read(max_bytes + 1), file, max_bytes, limit_var=limit_var)


def decode_limited(data: bytes, file: str, max_bytes: int, *, limit_var: str) -> str:
    """`data` as text; too_big when it holds more than `max_bytes` (then it may be only a prefix)."""
    if len(data) > max_bytes:
        raise too_big_error(file, max_bytes, limit_var, None)
    return decode_source(data, file)


def too_big_error(file: str, max_bytes: int, limit_var: str, size: int | None) -> UnreadableSource:
    """The error for input over the limit; `size` is None when only the limit is known to be passed."""
    # A stream's full size is unknown: it was read only to one byte past the limit.
    measured = f"is {human_size(size)} ({size:,} bytes), larger" if size is not None else "is larger"
    return UnreadableSource(file, None, f"{measured} than the {human_bytes(max_bytes)} limit; "
                                        f"raise {limit_var} (in bytes) to read it", "too_big")


def decode_source(data: bytes, file: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                offset = len(bom) + e.start
                raise UnreadableSource(file, None, f"invalid {encoding.upper()} at byte {offset}: {e.reason}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise UnreadableSource(
            file, line, f"not UTF-8 text: byte 0x{data[e.start]:02x} at byte offset {e.start} (column {column}) "
                        f"is {e.reason}; save the file as UTF-8") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UnreadableSource(file, line, "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark; "
                                           "save it as UTF-8")
    return text
