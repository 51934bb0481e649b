"""Load and validate findings files, reporting every problem with its line.

A valid file is read once by PyYAML's C loader (or the json module) and
validated. Anything that fails is re-read with ruamel.yaml's round-trip
loader, which keeps the line of every key and item, so a pydantic error
location can be turned into ``FILE:LINE: field.path: message``. Both paths
enforce the input limits in schemas/limits.py (size, nesting, list length,
alias expansion, object tags) before the data reaches pydantic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import re

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from schemas.brief import Brief
from schemas.findings import FindingsDocument, document_issues, format_loc, strict_issues
from schemas.limits import LimitError, Limits, check_tree
from schemas.source_text import UnreadableSource, read_source


@dataclass(frozen=True)
class Problem:
    """One problem in one input file."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        # One problem, one line, nothing a terminal acts on: a message quoting a value (or a file
        # name, found by searching a directory) with a newline, a record separator or an escape
        # sequence shows those as escapes.
        return f"{_one_line(self.file)}:{self.line}: {_one_line(self.path)}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class FindingsError(Exception):
    """A findings file could not be read or is invalid; carries every problem."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _plain(node: Any) -> Any:
    """Round-trip containers to plain dicts/lists (pydantic wants plain types)."""
    if isinstance(node, TaggedScalar):  # an explicit plain tag such as !!str (others are refused first)
        return node.value
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _line_of(root: Any, loc: tuple) -> int:
    """1-based line of the deepest node along loc that exists."""
    node, line = root, 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            try:
                line = node.lc.key(part)[0] + 1
            except (KeyError, TypeError, AttributeError):
                pass
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            try:
                line = node.lc.item(part)[0] + 1
            except (KeyError, TypeError, AttributeError):
                pass
            node = node[part]
        else:
            # Missing key: point at the mapping that should hold it.
            if isinstance(node, (CommentedMap, CommentedSeq)) and getattr(node, "lc", None) is not None:
                if node.lc.line is not None and line <= node.lc.line + 1:
                    line = node.lc.line + 1
            break
    return line


def _pydantic_message(err: dict) -> str:
    kind, msg = err.get("type", ""), err.get("msg", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see `riskbrief schema`)"
    if kind == "enum":
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"{err.get('input')!r} is not one of {expected}"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg


def _clean_loc(loc: tuple) -> tuple:
    # pydantic inserts union/function tags into locations; keep real fields only.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))


def parse_text(text: str, file: str, *, is_json: bool | None = None) -> Any:
    """Parse YAML or JSON text into round-trip nodes; syntax errors carry their line."""
    if is_json is None:
        is_json = file.lower().endswith(".json")
    if is_json:
        try:
            json.loads(text)
        except RecursionError:
            raise FindingsError([_too_deep(text, file)]) from None
        except json.JSONDecodeError as e:
            raise FindingsError([Problem(file, e.lineno, "(syntax)", f"invalid JSON: {e.msg} (column {e.colno})")])
    # ruamel's scanner slows quadratically with depth (seconds at a few hundred levels): refuse
    # a far too deep document from libyaml's event stream before handing it over. Up to
    # _RUAMEL_SAFE_DEPTH levels ruamel reads it, and the limit check names the field.
    if _deep_line(text, max(_limits(file).max_depth, _RUAMEL_SAFE_DEPTH)) is not None:
        raise FindingsError([_too_deep(text, file)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except RecursionError:
        raise FindingsError([_too_deep(text, file)]) from None
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = (e.problem or e.context or "syntax error").strip()
        ctx = e.context_mark
        if ctx is not None and e.problem_mark is not None and ctx.line != e.problem_mark.line:
            what += f" ({(e.context or 'the construct').strip()} started on line {ctx.line + 1})"
        raise FindingsError([Problem(file, line, "(syntax)", f"invalid {'JSON' if is_json else 'YAML'}: {what}")])
    except ReaderError as e:
        # A character YAML forbids in a stream (a control character): name its line, not its offset.
        if is_json:
            return json.loads(text)
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else 1
        char = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
        raise FindingsError([Problem(file, line, "(syntax)", f"invalid YAML: character {char} is not allowed "
                                     "(control characters must be written as escapes in a double-quoted string)")])
    except Exception as e:  # ruamel raises a few non-marked errors (e.g. duplicate keys in odd places)
        if is_json:
            # JSON that ruamel cannot read (tabs in odd places): no line numbers, but still valid.
            try:
                return json.loads(text)
            except RecursionError:
                raise FindingsError([_too_deep(text, file)]) from None
        raise FindingsError([Problem(file, 1, "(syntax)", f"invalid YAML: {e}")])


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, except that a date-like scalar that is no date ("2027-13-15")
    stays text: validation then names its line and field, and every other problem is still reported."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Yaml12Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's C loader with YAML 1.2 core-schema scalars and duplicate-key detection.

    It reads a valid document ~20x faster than the round-trip loader; any
    document it cannot read, or that fails validation, is re-read with
    ruamel.yaml so every problem gets its line.
    """


_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))


class _DuplicateKey(Exception):
    pass


def _construct_mapping(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise _DuplicateKey(key)
        keys.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:map", lambda l, n: _construct_mapping(l, n, deep=True))
_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _fast_parse(text: str, is_json: bool) -> Any:
    """Plain data, or None when the fast reader cannot be trusted with this text."""
    try:
        if is_json:
            return json.loads(text)
        return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a safe loader subclass
    except Exception:
        return None


_REQUIRED_TOP = {"schema_version", "system", "findings"}


def validate_data(root: Any, file: str, *, strict: bool = False) -> FindingsDocument:
    """Validate parsed data; raise FindingsError listing every problem."""
    # Limits first: _plain copies, and would expand every alias of a billion-laughs document.
    try:
        check_tree(root, _limits(file))
    except LimitError as e:
        raise FindingsError([Problem(file, _line_of(root, e.loc), format_loc(e.loc), str(e))]) from None
    data = _plain(root)
    problems: list[Problem] = []
    if data is None:  # an empty file, or one holding only comments
        raise FindingsError([Problem(file, 1, "(document)", "the file is empty; a findings document needs "
                                                           "schema_version, system and findings")])
    if not isinstance(data, dict):
        raise FindingsError([Problem(file, 1, "(document)", "expected a mapping with schema_version, system and findings")])
    if data and not _REQUIRED_TOP & set(data):
        # Some other YAML or JSON (a CI workflow, a config file): one line says so, not one per key.
        keys = ", ".join(sorted(str(k) for k in data)[:6]) + (", ..." if len(data) > 6 else "")
        raise FindingsError([Problem(file, 1, "(document)", "not a findings document: it has no schema_version, "
                                                           f"system or findings (its keys: {keys})")])
    seen: set[tuple[str, str]] = set()

    def add(loc: tuple, message: str) -> None:
        path = format_loc(loc)
        if (path, message) in seen:
            return
        seen.add((path, message))
        problems.append(Problem(file, _line_of(root, loc), path, message))

    doc: FindingsDocument | None = None
    try:
        doc = FindingsDocument.model_validate(data, context={"cross_field_checked": True})
    except ValidationError as e:
        for err in e.errors():
            add(_clean_loc(tuple(err["loc"])), _pydantic_message(err))
    for loc, message in document_issues(data):
        add(loc, message)
    if doc is not None and strict:
        for loc, message in strict_issues(doc):
            add(loc, message)
    if problems:
        problems.sort(key=lambda p: p.line)
        raise FindingsError(problems)
    assert doc is not None
    return doc


def _limits(file: str) -> Limits:
    try:
        return Limits.from_env()
    except LimitError as e:
        raise FindingsError([Problem(file, 1, "(settings)", str(e))]) from None


_RUAMEL_SAFE_DEPTH = 100


def _too_deep(text: str, file: str) -> Problem:
    """The problem for a document nested past the depth limit, at the line where it passes it."""
    limit = _limits(file).max_depth
    found = _deep_line(text, limit)
    return Problem(file, found or 1, "(document)", f"nested more than {limit} levels deep; flatten it or raise "
                                                   f"{_limits(file).env_var('max_depth')}")


def _deep_line(text: str, limit: int) -> int | None:
    """Line where nesting first passes ``limit``, from libyaml's event stream (C speed, no tree
    built); None when it never does or the text is not YAML that libyaml reads."""
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for event in yaml.parse(text, Loader=_Yaml12Loader):
            if isinstance(event, starts):
                depth += 1
                if depth > limit + 1:  # the document's own mapping is level 0
                    return event.start_mark.line + 1
            elif isinstance(event, ends):
                depth -= 1
    except yaml.MarkedYAMLError as e:
        # libyaml stops at its own depth limit (1000) while scanning ahead for keys.
        if "nesting depth" in str(e.problem) and e.problem_mark is not None:
            return e.problem_mark.line + 1
        return None
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def line_at(text: str, loc: tuple) -> int | None:
    """Line of the node at ``loc``, found in libyaml's event stream without building a tree.

    A file over a limit may be large; the round-trip loader would take seconds
    per megabyte just to find one line.
    """
    target = [str(p) for p in loc]
    # One frame per open container: [is_mapping, current key or index, expecting a key]
    stack: list[list] = []

    def advance() -> None:
        if stack:
            top = stack[-1]
            if top[0]:
                top[2] = True
            else:
                top[1] += 1

    try:
        for event in yaml.parse(text, Loader=_Yaml12Loader):
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                advance()
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            opens = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            if stack and stack[-1][0] and stack[-1][2]:  # a mapping key
                stack[-1][1] = event.value if isinstance(event, yaml.ScalarEvent) else None
                stack[-1][2] = False
                if opens:  # a complex key: its insides are never on a field path
                    stack.append([isinstance(event, yaml.MappingStartEvent), None if isinstance(event, yaml.MappingStartEvent) else 0, True])
                continue
            if [str(f[1]) for f in stack] == target:
                return event.start_mark.line + 1
            if opens:
                is_map = isinstance(event, yaml.MappingStartEvent)
                stack.append([is_map, None if is_map else 0, is_map])
            else:
                advance()
    except (yaml.YAMLError, RecursionError, IndexError):
        return None
    return None


def load_brief(path: str | Path) -> Brief:
    """Read and validate a brief JSON (as written by generate, batch or diff); errors carry their line."""
    text = read_findings_text(path)
    try:
        return Brief.model_validate_json(text)
    except ValidationError:
        pass
    # Slow path: re-read with line numbers and report every problem.
    root = parse_text(text, str(path), is_json=True)
    if not isinstance(root, dict):
        raise FindingsError([Problem(str(path), 1, "(document)", "expected a brief: an object with audience, headline and sections")])
    try:
        return Brief.model_validate(_plain(root))
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = _clean_loc(tuple(err["loc"]))
            problems.append(Problem(str(path), _line_of(root, loc), format_loc(loc), _pydantic_message(err)))
        problems.sort(key=lambda p: p.line)
        raise FindingsError(problems) from None


def load_text(text: str, file: str = "<text>", *, strict: bool = False, is_json: bool | None = None) -> FindingsDocument:
    if is_json is None:
        is_json = file.lower().endswith(".json")
    data = _fast_parse(text, is_json)
    if isinstance(data, dict):
        try:
            check_tree(data, _limits(file))
        except LimitError as e:
            # Reported from here: re-reading a file over a limit with line numbers could take minutes.
            raise FindingsError([Problem(file, line_at(text, e.loc) or 1, format_loc(e.loc), str(e))]) from None
        try:
            doc = FindingsDocument.model_validate(data, context={"cross_field_checked": True})
            if not any(True for _ in document_issues(data)) and not (strict and any(True for _ in strict_issues(doc))):
                return doc
        except ValidationError:
            pass  # the slow path below reports it with its line
    # Slow path: re-read with line numbers and report every problem.
    return validate_data(parse_text(text, file, is_json=is_json), file, strict=strict)


def read_findings_text(path: str | Path) -> str:
    """A findings file's text, within the size limit; FindingsError when it cannot be read as text."""
    limits = _limits(str(path))
    try:
        return read_source(path, limits.max_bytes, limit_var=limits.env_var("max_bytes"))
    except UnreadableSource as e:
        raise FindingsError([Problem(e.file, e.line or 1, "(file)", e.message)]) from None


def load_findings(path: str | Path, *, strict: bool = False) -> FindingsDocument:
    """Read and validate one findings file (YAML or JSON)."""
    return load_text(read_findings_text(path), str(path), strict=strict)


def validate_files(paths: Iterable[str | Path], *, strict: bool = False) -> list[Problem]:
    """Every problem in every file (empty when all are valid)."""
    problems: list[Problem] = []
    for path in paths:
        try:
            load_findings(path, strict=strict)
        except FindingsError as e:
            problems.extend(e.problems)
    return problems
