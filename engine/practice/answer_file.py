"""Reading an answer to score: a file, stdin, or lines typed in the terminal.

An answer is data from anywhere, like a findings file, so it is read the same
way (schemas/source_text.py): within a size limit, UTF-8 or a text encoding
with a byte-order mark, and refused with the file and line when it is not text.
The limit, RISKBRIEF_MAX_ANSWER_BYTES (256 KiB by default), is over a hundred
times a two-minute answer; it stops a stray log or data file from costing
minutes of scoring.
"""

from __future__ import annotations

import sys
from typing import BinaryIO, Iterable

from engine.errors import InputFileError, UsageError
from schemas.limits import LimitError, Limits
from schemas.source_text import UnreadableSource, decode_source, read_source, read_stream, too_big_error

STDIN = "<stdin>"

# How read_source's problems read for an answer file.
_WORDING = {
    "missing": "no such answer file; check the path",
    "directory": "is a directory, not an answer file",
}


def _limit() -> tuple[int, str]:
    try:
        limits = Limits.from_env()
    except LimitError as e:
        raise UsageError(str(e)) from None
    return limits.max_answer_bytes, limits.env_var("max_answer_bytes")


def _stdin_bytes() -> BinaryIO:
    return sys.stdin.buffer


def read_answer_file(path: str, stdin: BinaryIO | None = None) -> str:
    """The answer in `path` (`-` for stdin); InputFileError naming the file when it cannot be scored."""
    max_bytes, var = _limit()
    name = STDIN if path == "-" else path
    try:
        if path == "-":
            text = read_stream(stdin or _stdin_bytes(), name, max_bytes, limit_var=var)
        else:
            text = read_source(path, max_bytes, limit_var=var)
    except UnreadableSource as e:
        raise InputFileError(e.file, _WORDING.get(e.reason, e.message), line=e.line) from None
    if not text.strip():
        raise InputFileError(name, "the answer is empty; write the answer in it as plain text")
    return _unix_lines(text)


def _unix_lines(text: str) -> str:
    """Line ends as a text-mode read gives them: Windows and old Mac ends become newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_typed_answer(lines: Iterable[bytes] | None = None) -> str:
    """Lines (stdin's by default) until two empty lines in a row or the end of input, within the limit."""
    max_bytes, var = _limit()
    kept: list[bytes] = []
    size = blank = 0
    for raw in lines if lines is not None else _stdin_bytes():
        size += len(raw)
        if size > max_bytes:
            raise InputFileError(STDIN, too_big_error(STDIN, max_bytes, var, None).message)
        if not raw.strip():
            blank += 1
            if blank >= 2:
                break
        else:
            blank = 0
        kept.append(raw)
    try:
        return _unix_lines(decode_source(b"".join(kept), STDIN)).strip()
    except UnreadableSource as e:
        raise InputFileError(e.file, e.message, line=e.line) from None
