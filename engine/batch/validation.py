"""Validate every input before anything is written; bad files are reported and left out."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Callable

from schemas.findings import FindingsDocument
from schemas.loading import FindingsError, Problem, load_findings

from engine.batch.discovery import InputFile
from engine.hashing import input_hash

PARALLEL_FROM = 48  # fewer files than this are validated in-process (no pickling round trip)


@dataclass
class Valid:
    input: InputFile
    doc: FindingsDocument
    input_hash: str


def check_file(path: str, strict: bool = False) -> tuple[FindingsDocument | None, str | None, list[Problem]]:
    """(document, input hash, []) for a valid file, (None, None, problems) otherwise."""
    try:
        doc = load_findings(path, strict=strict)
    except FindingsError as e:
        return None, None, list(e.problems)
    return doc, input_hash(doc), []


def validate_all(inputs: list[InputFile], *, strict: bool = False, executor: Executor | None = None,
                 meanwhile: Callable[[], None] | None = None) -> tuple[list[Valid], list[Problem], list[str]]:
    """The valid inputs, every problem of the invalid ones (file order), and the invalid files.

    `meanwhile` runs in this process while the executor's workers validate (or first, without them).
    """
    paths = [str(i.path) for i in inputs]
    if executor is not None and len(paths) >= PARALLEL_FROM:
        chunk = max(1, len(paths) // 64)
        pending = executor.map(check_file, paths, [strict] * len(paths), chunksize=chunk)
        if meanwhile is not None:
            meanwhile()
        results = list(pending)
    else:
        if meanwhile is not None:
            meanwhile()
        results = [check_file(p, strict) for p in paths]
    valid, problems, bad = [], [], []
    for item, (doc, ihash, probs) in zip(inputs, results):
        if doc is None:
            problems.extend(probs)
            bad.append(item.display)
        else:
            valid.append(Valid(item, doc, ihash or ""))
    return valid, problems, bad
