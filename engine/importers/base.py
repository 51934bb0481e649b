"""What every importer shares: the result type, source errors and line lookups.

An importer maps what its source says into a findings document and nothing
more. What the source does not say is left out and named in ``review``; what
the source gets wrong is named in ``warnings`` (shown on stderr) and also in
``review`` so it stays next to the data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from engine.errors import RiskbriefError
from schemas.findings import format_loc
from schemas.limits import LimitError, Limits, check_tree
from schemas.loading import FindingsError, parse_text
from schemas.source_text import UnreadableSource, read_source


class SourceError(RiskbriefError):
    """The file to import is unreadable, malformed or of the wrong kind."""

    def __init__(self, file: str, line: int | None, field_path: str, message: str):
        self.file, self.line, self.field_path = file, line, field_path
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {field_path}: {message}")

    def __str__(self) -> str:  # the CLI prefixes "riskbrief: "; keep FILE:LINE first anyway
        return self.args[0]


@dataclass
class Imported:
    """A findings document built from another tool's output."""

    kind: str
    source: str
    data: dict[str, Any]
    review: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """An inconsistency in the source: shown on stderr and kept in the review list."""
        self.warnings.append(message)
        self.review.append(message)


def _limits(file: str) -> Limits:
    try:
        return Limits.from_env()
    except LimitError as e:
        raise SourceError(file, None, "(settings)", str(e)) from None


def read_text(path: str | Path) -> str:
    """The source's text within the import size limit (scanner logs run larger than findings files)."""
    limits = _limits(str(path))
    try:
        text = read_source(path, limits.max_import_bytes, limit_var=limits.env_var("max_import_bytes"))
    except UnreadableSource as e:
        raise SourceError(e.file, e.line, "(file)", e.message) from None
    if not text.strip():
        raise SourceError(str(path), None, "(file)", "empty file; there is nothing to import")
    return text


def check_findings_count(file: str, count: int, where: str) -> None:
    """SourceError as soon as a source yields more findings than a findings document may hold.

    Checked while mapping, so a scanner log with a million results fails in
    moments with the setting to raise, not after building a document that
    cannot validate.
    """
    limits = _limits(file)
    if count > limits.max_items:
        raise SourceError(file, None, where, f"more than {limits.max_items} findings to import; a findings document "
                          f"holds at most {limits.max_items} (raise {limits.env_var('max_items')} to import them all)")


def parse_source(text: str, file: str, *, is_json: bool) -> Any:
    """Parse JSON or YAML; syntax errors become SourceError with their line.

    YAML keeps line numbers (ruamel round-trip). JSON is read with the json
    module: scanner logs run to tens of megabytes, and the round-trip loader
    takes seconds per megabyte. Lines for JSON errors are found afterwards by
    :func:`locate`, only when there is an error to report. Either way the
    result is checked against the nesting, alias and tag limits before any
    importer walks it.
    """
    if is_json:
        try:
            root = json.loads(text)
        except RecursionError:
            raise SourceError(file, None, "(document)", f"nested more than {_limits(file).max_depth} levels deep") from None
        except json.JSONDecodeError as e:
            hint = " (is KIND right for this file?)" if e.lineno == 1 and e.colno == 1 else ""
            raise SourceError(file, e.lineno, "(syntax)", f"invalid JSON: {e.msg} (column {e.colno}){hint}") from None
    else:
        try:
            root = parse_text(text, file, is_json=False)
        except FindingsError as e:
            p = e.problems[0]
            raise SourceError(file, p.line, p.path, p.message) from None
    check_limits(root, file)
    return root


def check_limits(root: Any, file: str, line: int | None = None) -> None:
    """SourceError when parsed data nests too deeply, expands through aliases or carries an object tag.

    List lengths are not limited here: a scanner log may hold many results;
    the findings document built from it is checked when it is validated.
    """
    try:
        check_tree(root, _limits(file), check_items=False)
    except LimitError as e:
        where = format_loc(e.loc)
        found = line
        node = root
        for part in e.loc:  # the line of the deepest node the parser kept it for
            at = line_of(node, part)
            found, node = at or found, node[part]
        raise locate(SourceError(file, found, where, str(e))) from None


def _path_parts(field_path: str) -> list[str | int] | None:
    """'runs[0].results[2].message' -> ['runs', 0, 'results', 2, 'message']; None if not a path."""
    if not re.fullmatch(r"[A-Za-z_][\w\-]*(\[\d+\]|\.[A-Za-z_][\w\-]*)*", field_path):
        return None
    return [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[A-Za-z_][\w\-]*", field_path)]


def locate(error: SourceError) -> SourceError:
    """The error with the line of its field path filled in, read from the file again."""
    parts = _path_parts(error.field_path)
    if error.line or not parts:
        return error
    try:
        node = parse_text(read_text(error.file), error.file, is_json=True)
    except Exception:  # the file was readable a moment ago; if not, report without a line
        return error
    line = None
    for part in parts:
        found = line_of(node, part)
        if found is None:
            break
        line, node = found, node[part]
    if line is None:
        return error
    message = str(error).split(": ", 2)[-1]
    return SourceError(error.file, line, error.field_path, message)


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of ``node[key]`` (or of the node itself) when the parser kept it."""
    try:
        if key is None:
            return node.lc.line + 1
        if isinstance(node, CommentedMap):
            return node.lc.key(key)[0] + 1
        if isinstance(node, CommentedSeq):
            return node.lc.item(key)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return None


def clean(text: Any) -> str:
    """Collapse runs of whitespace (sources wrap lines arbitrarily)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def short_title(text: str, limit: int = 100) -> str:
    """A one-line title: the text itself, or its first words up to limit, marked as cut."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def slug(text: str) -> str:
    s = re.sub(r"[^0-9a-z]+", "_", str(text).lower()).strip("_")
    return s or "metric"


def unique_id(base: str, taken: set[str]) -> str:
    """base, or base_2, base_3... so metric ids stay unique within a finding."""
    candidate, i = base, 2
    while candidate in taken:
        candidate = f"{base}_{i}"
        i += 1
    taken.add(candidate)
    return candidate


def as_number(value: Any) -> float | None:
    """A float from a number or numeric string; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def tidy_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


# Metric names that are proportions, so a value in 0..1 is a ratio (and, for
# the same names, a value in 1..100 a percent). Any other metric has no unit
# riskbrief can state without guessing. Error rates that can pass 100% (WER,
# CER) are left out on purpose: 1.2 could be a ratio or a percent.
PROPORTION_WORDS = (
    "accuracy", "acc", "precision", "recall", "f1", "fscore", "f score", "auc", "roc auc",
    "specificity", "sensitivity", "tpr", "fpr", "tnr", "fnr", "true positive rate",
    "false positive rate", "true negative rate", "false negative rate", "error rate",
    "exact match", "em", "pass rate", "pass", "hit rate", "top 1", "top 5", "map", "iou",
    "dice", "jaccard", "mcc", "coverage", "miss rate", "success rate",
)


def is_proportion(name: str) -> bool:
    norm = " " + " ".join(re.findall(r"[a-z0-9]+", name.lower())) + " "
    return any(f" {w} " in norm for w in PROPORTION_WORDS)


def proportion_unit(name: str, value: float) -> tuple[str | None, str | None]:
    """(unit, note) for a metric value; unit None when no unit can be stated honestly."""
    if not is_proportion(name):
        return None, f"'{name}' is not a metric riskbrief knows the unit of"
    if 0 <= value <= 1:
        return "ratio", None
    if 1 < value <= 100:
        return "percent", f"'{name}' = {value:g} read as a percent because it is above 1"
    return None, f"'{name}' = {value:g} is outside 0-1 and 0-100, so its unit is unclear"


# Shapes: what each part of a source must be, checked before mapping so a
# wrong type is reported with its field path (and line) instead of crashing.
# A dict spec means "an object, check these keys" ("*" = every key), a one-item
# list "a list of these", a type or tuple of types "a value of this type".
# Missing keys and nulls are allowed here; importers say what they require.
Shape = Any
TEXT = (str, int, float)
NUMBER = (int, float, str)  # numbers arrive as strings in some tools (MCT)

_KIND_NAMES = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number", bool: "true or false"}


def _describe(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def check_shape(node: Any, shape: Shape, file: str, path: str = "", *, line: int | None = None, offset: int = 0) -> None:
    """Raise SourceError at the first part of node that does not have the expected shape.

    ``line`` is the node's line when the parser kept it (YAML); JSON errors get
    theirs from :func:`locate`. ``offset`` shifts lines for YAML embedded in a
    larger file (a model card's front matter).
    """
    if node is None:
        return

    def fail(message: str) -> SourceError:
        return SourceError(file, line + offset if line else None, path or "(document)", message)

    if isinstance(shape, dict):
        if not isinstance(node, dict):
            raise fail(f"expected an object, found {_describe(node)}")
        for key, value in node.items():
            sub = shape.get(key, shape.get("*"))
            if sub is not None:
                check_shape(value, sub, file, f"{path}.{key}" if path else str(key),
                            line=line_of(node, key) or line, offset=offset)
    elif isinstance(shape, list):
        if not isinstance(node, list):
            raise fail(f"expected a list, found {_describe(node)}")
        for i, item in enumerate(node):
            if item is None:  # a null inside a list is never meant
                raise SourceError(file, (line_of(node, i) or line or 0) + offset or None, f"{path}[{i}]",
                                  "expected a value, found null")
            check_shape(item, shape[0], file, f"{path}[{i}]", line=line_of(node, i) or line, offset=offset)
    else:
        types = shape if isinstance(shape, tuple) else (shape,)
        if (isinstance(node, bool) and bool not in types) or not isinstance(node, types):
            wanted = " or ".join(dict.fromkeys(_KIND_NAMES.get(t, t.__name__) for t in types))
            raise fail(f"expected {wanted}, found {_describe(node)}")
