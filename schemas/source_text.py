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

from schemas.limits import human_bytes

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableSource(Exception):
    """The file cannot be read as text; ``line`` is 1-based, or None when no line applies."""

    def __init__(self, file: str, line: int | None, message: str):
        super().__init__(message)
        self.file, self.line, self.message = file, line, message


def read_source(path: str | Path, max_bytes: int, *, limit_var: str) -> str:
    """The file's text; UnreadableSource when it is missing, too big or not text."""
    file = str(path)
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                data, too_big = b"", True  # known without reading it
            else:
                # A regular file is read whole (it fits); anything else (a pipe, /dev/zero)
                # is read one byte past the limit, enough to know it is too big.
                data = fh.read() if stat.S_ISREG(info.st_mode) else fh.read(max_bytes + 1)
                too_big = len(data) > max_bytes
    except FileNotFoundError:
        raise UnreadableSource(file, None, "no such file; check the path") from None
    except IsADirectoryError:
        raise UnreadableSource(file, None, "is a directory, not a file") from None
    except PermissionError:
        raise UnreadableSource(file, None, "permission denied; check the file's permissions") from None
    except OSError as e:
        raise UnreadableSource(file, None, f"cannot be read: {e.strerror or e}") from None
    if too_big:
        raise UnreadableSource(file, None, f"is larger than the {human_bytes(max_bytes)} limit; "
                                           f"raise {limit_var} (in bytes) to read it")
    return decode_source(data, file)


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
