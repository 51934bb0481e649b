"""Saved versions of briefs, shared by the terminal workspace and the CLI.

Every generate, regenerate, edit and approval of a brief is written as one
JSON file next to the findings file it came from::

    <findings dir>/.riskbrief/<stem>/<audience>/0001.json

Each file holds the brief, the Markdown text the reader sees, what produced
it (``kind``), when, the SHA-256 of the Markdown, the text of the findings
document it was written from, and per section its source fingerprints and
the approval in force (see engine/section_review.py). A section keeps its
approval across versions while its text and the findings it cites are
unchanged; the brief is approved when every section is. Closing the
workspace and opening it again picks up the latest version; ``riskbrief
diff`` and ``riskbrief export`` read the same files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.casing import CASE_KEPT_START
from engine.errors import RiskbriefError
from engine.files import atomic_write_text, check_out_dir, inside, name_part
from engine.hashing import sha256_text
from engine.render.markdown import EVAL_PREFIX
from engine.render.md_text import md_unescape
from engine.section_review import (
    SectionState,
    approve_state,
    brief_parts,
    change_reasons,
    needing_review,
    review_count,
    review_state,
    unsupported_by_section,
)
from schemas.brief import Approval, Brief, OverriddenClaim, Section, SectionApproval, Sentence
from schemas.evaluation import EvalResult
from schemas.findings import FindingsDocument

Kind = Literal["generate", "regenerate", "edit", "approve"]
WORKSPACE_DIRNAME = ".riskbrief"
_FILE_RE = re.compile(r"^(\d{4,})\.json$")


class VersionError(RiskbriefError):
    """A saved version is missing or unreadable."""


class Override(BaseModel):
    """An approval given over claims the faithfulness check did not support."""

    model_config = ConfigDict(extra="forbid")

    reviewer: str
    approved_at: str = Field(description="ISO 8601 UTC time of the approval.")
    score: float | None = Field(None, description="Faithfulness score of the approved text.")
    claims: list[OverriddenClaim] = Field(description="Each unsupported or contradicted claim, and each missing caveat.")


class Version(BaseModel):
    """One saved state of one audience's brief."""

    model_config = ConfigDict(extra="forbid")

    number: int = Field(description="1, 2, 3 ... per audience, in the order saved.")
    audience: str
    kind: Kind = Field(description="What produced this version: generate, regenerate, edit or approve.")
    created_at: str = Field(description="ISO 8601 UTC time the version was saved.")
    hash: str = Field(description="sha256 of the Markdown text, as 'sha256:<hex>'.")
    markdown: str = Field(description="The brief as the reader sees it, including hand edits.")
    brief: Brief
    reviewer: str | None = Field(None, description="Who approved it (approvals only).")
    section: str | None = Field(None, description="The section rewritten (regenerate only).")
    score: float | None = Field(None, description="Faithfulness score when the version was saved, if known.")
    findings_text: str | None = Field(None, description="The findings document's text the brief was written from.")
    findings_hash: str | None = Field(None, description="sha256 of findings_text, as 'sha256:<hex>'.")
    sections: list[SectionState] = Field(
        default_factory=list, description="Per section (headline first): source fingerprints and the approval in force.",
    )
    override: Override | None = Field(
        None, description="Set on an approval given although the faithfulness check did not support claims "
        "in the sections approved: who, when, and those claims.",
    )

    @property
    def approved(self) -> bool:
        """Every section approved (a version saved before per-section approval: an approve version)."""
        if self.sections:
            return all(s.approved for s in self.sections)
        return self.kind == "approve" and self.brief.approval is not None

    @property
    def needs_review(self) -> list[SectionState]:
        return needing_review(self.sections)

    @property
    def label(self) -> str:
        extra = f" {self.section}" if self.section else ""
        who = f" by {self.reviewer}" if self.reviewer else ""
        return f"v{self.number} ({self.kind}{extra}{who})"


def markdown_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_findings(text: str | None, file: str | Path) -> FindingsDocument | None:
    """The findings document in `text` (None when there is none or it is not valid)."""
    if text is None:
        return None
    from schemas.loading import FindingsError, load_text

    try:
        return load_text(text, str(file))
    except FindingsError:
        return None


def whole_approval(states: list[SectionState], markdown: str) -> Approval | None:
    """The brief's approval when every section is approved, else None."""
    approvals = [s.approval for s in states]
    if not states or any(a is None for a in approvals):
        return None
    return Approval(
        reviewer=", ".join(dict.fromkeys(a.reviewer for a in approvals)),
        approved_at=max(a.approved_at for a in approvals), brief_hash=markdown_hash(markdown), sections=approvals,
        override=any(a.overridden for a in approvals),
    )


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def resolve_reviewer(explicit: str | None = None) -> str:
    """The reviewer's name: explicit, else the `reviewer` setting, else $USER."""
    if explicit and explicit.strip():
        return explicit.strip()
    try:
        from engine.config import load_settings  # optional until configuration lands

        configured = getattr(load_settings(), "reviewer", None)
    except (ImportError, RiskbriefError, TypeError):
        configured = None
    if configured and str(configured).strip():
        return str(configured).strip()
    for var in ("USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var, "").strip():
            return os.environ[var].strip()
    try:
        return getpass.getuser()
    except Exception as e:  # no passwd entry in some containers
        raise VersionError("cannot tell who is approving: set `reviewer` in riskbrief.toml or $USER") from e


def workspace_for(findings_file: str | Path) -> Path:
    """The directory holding the saved versions of one findings file."""
    p = Path(findings_file).resolve()
    return p.parent / WORKSPACE_DIRNAME / p.stem


class VersionStore:
    """Versions of every audience's brief for one findings file."""

    def __init__(self, findings_file: str | Path, *, root: str | Path | None = None):
        self.findings_file = Path(findings_file)
        self.root = Path(root) if root is not None else workspace_for(findings_file)
        self._cache: dict[Path, tuple[tuple[int, int], Version]] = {}

    def _dir(self, audience: str) -> Path:
        if not audience or "/" in audience or "\\" in audience or audience.startswith("."):
            raise VersionError(f"'{audience}' is not an audience name")
        return self.root / audience

    def _paths(self, audience: str) -> list[tuple[int, Path]]:
        d = self._dir(audience)
        if not d.is_dir():
            return []
        out = [(int(m.group(1)), p) for p in d.iterdir() if (m := _FILE_RE.match(p.name))]
        return sorted(out)

    def audiences(self) -> list[str]:
        """Audiences that have at least one saved version."""
        if not self.root.is_dir():
            return []
        return sorted(d.name for d in self.root.iterdir() if d.is_dir() and self._paths(d.name))

    def numbers(self, audience: str) -> list[int]:
        return [n for n, _ in self._paths(audience)]

    def _read(self, path: Path) -> Version:
        # Saved versions are never rewritten, so a file seen before is read from memory.
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size)
            cached = self._cache.get(path)
            if cached is not None and cached[0] == key:
                return cached[1]
            version = Version.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, ValidationError) as e:
            raise VersionError(f"{path}: unreadable saved version ({str(e).splitlines()[0]}); move it aside") from e
        self._cache[path] = (key, version)
        return version

    def list(self, audience: str) -> list[Version]:
        return [self._read(p) for _, p in self._paths(audience)]

    def load(self, audience: str, number: int) -> Version:
        for n, p in self._paths(audience):
            if n == number:
                return self._read(p)
        have = ", ".join(str(n) for n in self.numbers(audience)) or "none"
        raise VersionError(f"no version {number} of the {audience} brief for {self.findings_file.name} (saved: {have})")

    def latest(self, audience: str, *, approved_only: bool = False) -> Version | None:
        """The latest version (with approved_only, the latest with every section approved)."""
        for _, p in reversed(self._paths(audience)):
            v = self._read(p)
            if not approved_only or v.approved:
                return v
        return None

    def findings_text(self, audience: str, number: int) -> str | None:
        """The findings document's text a saved version was written from (None for older versions)."""
        return self.load(audience, number).findings_text

    def saved_findings(self, number: int, prefer: Iterable[str] = ()) -> tuple[Version, str]:
        """The findings text saved with version `number` of this file's brief, and that version.

        Version numbers are per audience: the audiences in `prefer` are tried
        first, in order, then every other audience alphabetically; the first
        whose version `number` holds the findings text is taken.
        """
        audiences = self.audiences()
        order = [a for a in dict.fromkeys(prefer) if a in audiences] + [a for a in audiences if a not in prefer]
        found = [self.load(a, number) for a in order if number in self.numbers(a)]
        for version in found:
            if version.findings_text is not None:
                return version, version.findings_text
        name = self.findings_file.name
        if found:
            which = ", ".join(f"{v.audience} v{v.number}" for v in found)
            raise VersionError(f"{name}@v{number}: {which} was saved without the findings text it was written "
                               "from (saved before riskbrief recorded it); pick a later version")
        saved = "; ".join(f"{a} v{', v'.join(map(str, self.numbers(a)))}" for a in audiences)
        raise VersionError(f"{name}@v{number}: no saved brief version {number} for {name} "
                           f"(saved: {saved or 'none; save one in `riskbrief tui`'})")

    def _current_findings_text(self) -> str | None:
        try:
            return self.findings_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def last_approvals(self, audience: str) -> dict[str, SectionApproval]:
        """Per section id, the most recent approval given to it in any saved version."""
        out: dict[str, SectionApproval] = {}
        for _, p in reversed(self._paths(audience)):
            try:
                version = self._read(p)
            except VersionError:
                continue  # an unreadable version carries nothing over: its sections are reviewed again
            for state in version.sections:
                if state.approval is not None:
                    out.setdefault(state.section, state.approval)
        return out

    def review(self, audience: str, brief: Brief, markdown: str, findings_text: str | None) -> list[SectionState]:
        """Per section of a brief, the approval it keeps from the saved versions, or why it needs review."""
        doc = parse_findings(findings_text, self.findings_file)
        last = self.last_approvals(audience)
        return [review_state(part, last.get(part.id), any_approved=bool(last))
                for part in brief_parts(brief, split_footer(markdown)[0], doc)]

    def save(
        self,
        audience: str,
        brief: Brief,
        markdown: str,
        kind: Kind,
        *,
        reviewer: str | None = None,
        section: str | None = None,
        score: float | None = None,
        findings_text: str | None = None,
    ) -> Version:
        """Write the next version; never overwrites one already saved.

        `findings_text` is the findings document the brief was written from;
        when not given, an edit or approval keeps that of the version before
        it, and anything else takes the findings file as it is now. Sections
        whose text and cited findings match their last approval keep it.
        """
        if findings_text is None:
            before = self.latest(audience) if kind in ("edit", "approve") else None
            findings_text = before.findings_text if before is not None else None
        if findings_text is None:
            findings_text = self._current_findings_text()
        states = self.review(audience, brief, markdown, findings_text)
        return self._write(audience, lambda number: self._version(
            number, audience, brief, markdown, kind, states, findings_text,
            reviewer=reviewer, section=section, score=score))

    def _version(self, number: int, audience: str, brief: Brief, markdown: str, kind: Kind,
                 states: list[SectionState], findings_text: str | None, **extra) -> Version:
        brief = brief.model_copy(update={"approval": whole_approval(states, markdown)})
        return Version(
            number=number, audience=audience, kind=kind, created_at=utc_now(), hash=markdown_hash(markdown),
            markdown=markdown, brief=brief, findings_text=findings_text, sections=states,
            findings_hash=None if findings_text is None else "sha256:" + sha256_text(findings_text), **extra,
        )

    def _write(self, audience: str, build: Callable[[int], Version]) -> Version:
        d = self._dir(audience)
        d.mkdir(parents=True, exist_ok=True)
        number = (self.numbers(audience) or [0])[-1] + 1
        while True:
            version = build(number)
            if _create_exclusive(d / f"{number:04d}.json", version.model_dump_json(indent=2)):
                return version
            number += 1  # another process saved this number first

    def approve(self, audience: str, *, reviewer: str | None = None, score: float | None = None,
                sections: Iterable[str] | None = None, check: EvalResult | None = None) -> Version:
        """Approve sections of the latest version, as a new version.

        By default every section that needs review is approved (with the
        ones that kept their approval, the whole brief); `sections` names
        section ids ('headline' for the headline) to approve just those.
        `check` is the faithfulness result of the latest version's text: claims
        it does not support in the approved sections are recorded as an override.
        """
        latest = self.latest(audience)
        if latest is None:
            raise VersionError(f"nothing to approve: no saved {audience} brief for {self.findings_file.name}")
        who = resolve_reviewer(reviewer)
        findings_text = latest.findings_text if latest.findings_text is not None else self._current_findings_text()
        states = self.review(audience, latest.brief, latest.markdown, findings_text)
        wanted = list(dict.fromkeys(sections)) if sections is not None else [s.section for s in needing_review(states)]
        unknown = [w for w in wanted if w not in {s.section for s in states}]
        if unknown:
            have = ", ".join(s.section for s in states)
            raise VersionError(f"the {audience} brief has no section {', '.join(unknown)} (sections: {have})")
        now = utc_now()
        unsupported = unsupported_by_section(states, check) if check is not None else {}
        overridden = [c for s in states if s.section in wanted for c in unsupported.get(s.section, [])]
        score = score if score is not None else (check.score if check is not None else latest.score)
        override = Override(reviewer=who, approved_at=now, score=score, claims=overridden) if overridden else None

        def build(number: int) -> Version:
            new = [approve_state(s, reviewer=who, approved_at=now, number=number,
                                 overridden=unsupported.get(s.section, ())) if s.section in wanted else s
                   for s in states]
            return self._version(number, audience, latest.brief, latest.markdown, "approve", new, findings_text,
                                 reviewer=who, section=wanted[0] if sections is not None and len(wanted) == 1 else None,
                                 score=score, override=override)

        return self._write(audience, build)

    def approved_version(self, audience: str) -> Version:
        """The latest approved version, if its approval still holds for the findings file as it is now.

        Refuses (naming the sections and why) when sections need review: the
        brief was approved in part only, or the findings it cites changed.
        """
        approved, latest = self.latest(audience, approved_only=True), self.latest(audience)
        current = self._current_findings_text()
        if approved is None:
            if latest is not None and any(s.approved for s in latest.sections):
                raise self._needs_review_error(latest, latest.needs_review)
            raise VersionError(f"no approved version of the {audience} brief for {self.findings_file.name}; "
                               "approve one in `riskbrief tui` (key a)")
        stale = self._stale(approved, current)
        if stale:
            if latest is not approved and latest.findings_text == current and latest.needs_review:
                # Name what the workspace shows for the brief written from these findings.
                raise self._needs_review_error(latest, latest.needs_review, since="the findings changed")
            raise self._needs_review_error(approved, stale, since="the findings changed")
        return approved

    def _stale(self, version: Version, current: str | None) -> list[SectionState]:
        """Sections of an approved version whose cited findings differ in `current`."""
        if current is None or version.findings_text is None or current == version.findings_text:
            return []
        from schemas.loading import load_text

        doc = load_text(current, str(self.findings_file))  # a broken file is reported as such
        by_id = {s.section: s for s in version.sections}
        out = []
        for part in brief_parts(version.brief, split_footer(version.markdown)[0], doc):
            state = by_id.get(part.id)
            if state is not None and state.approval is not None and (reasons := change_reasons(part, state.approval)):
                out.append(state.model_copy(update={"approval": None, "reasons": reasons}))
        return out

    def _needs_review_error(self, version: Version, todo: list[SectionState], since: str = "") -> VersionError:
        count = review_count([*todo, *(s for s in version.sections if s.section not in {t.section for t in todo})])
        why = f" since {since}" if since else ""
        return VersionError(
            f"the {version.audience} brief for {self.findings_file.name} ({version.label}): {count}{why}: "
            + "; ".join(s.summary for s in todo) + "; review and approve them in `riskbrief tui` (key a)"
        )

    def diff(self, audience: str, from_number: int | None = None, to_number: int | None = None) -> str:
        """Unified diff of the Markdown of two versions (default: the latest two)."""
        numbers = self.numbers(audience)
        if not numbers:
            raise VersionError(f"no saved {audience} brief for {self.findings_file.name}")
        if to_number is None:
            to_number = numbers[-1]
        if from_number is None:
            earlier = [n for n in numbers if n < to_number]
            if not earlier:
                raise VersionError(f"v{to_number} is the first {audience} version; there is nothing to compare it with")
            from_number = earlier[-1]
        return diff_versions(self.load(audience, from_number), self.load(audience, to_number))


def export_version(version: Version, findings_file: str | Path, out_dir: str | Path, formats: list[str]) -> list[Path]:
    """Write one saved version as <stem>.<audience>.<ext>.

    The Markdown file is the saved text byte for byte (hand edits included);
    HTML, JSON, PDF and Word are rendered from the version's brief by the pipeline, with
    the faithfulness result of the saved text, against the findings the version was
    written from (the file as it is now only for a version saved without them): a
    findings file changed or broken since cannot make the export disagree with the brief.
    """
    stem, out = Path(findings_file).stem, check_out_dir(out_dir)
    written: list[Path] = []
    if "md" in formats:
        path = inside(out, f"{stem}.{name_part(version.audience)}.md")
        atomic_write_text(path, version.markdown)
        written.append(path)
    others = [f for f in formats if f != "md"]
    if others:
        from engine.pipeline import write_outputs
        from schemas.loading import load_findings

        doc = parse_findings(version.findings_text, findings_file) or load_findings(findings_file)
        brief = version.brief
        if brief.eval is None:  # an edit saved before its re-check finished: check the text now
            from evals.faithfulness import check_brief

            brief = brief.model_copy(update={"eval": check_brief(doc, split_footer(version.markdown)[0])})
        written.extend(write_outputs(brief, doc, out, stem, others))
    return written


def diff_text(old: str, new: str, old_label: str, new_label: str) -> str:
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=old_label, tofile=new_label,
    ))


def diff_versions(old: Version, new: Version) -> str:
    return diff_text(old.markdown, new.markdown, old.label, new.label)


def _create_exclusive(path: Path, text: str) -> bool:
    """Write text to path atomically; False when path already exists."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if the name is taken: no overwrite, no half file
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(tmp)


# --- Hand edits -------------------------------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_RE = re.compile(rf"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(*_]|{CASE_KEPT_START})")
_MD_DECOR_RE = re.compile(r"(\*\*|__|\*|_|`)")


def _plain(text: str) -> str:
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text)
    text = re.sub(r"^\s*>\s?", "", text)
    return md_unescape(_MD_DECOR_RE.sub("", text)).strip()


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]


def split_footer(markdown: str) -> tuple[str, str]:
    """(body, footer): the rendered check line at the end, and the rule above it, split off."""
    lines = markdown.splitlines(keepends=True)
    idx = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith(EVAL_PREFIX)), None)
    if idx is None or any(line.strip() for line in lines[idx + 1:]):
        return markdown, ""
    cut = idx
    while cut > 0 and not lines[cut - 1].strip():
        cut -= 1
    if cut > 0 and lines[cut - 1].strip() == "---":
        cut -= 1
        while cut > 0 and not lines[cut - 1].strip():
            cut -= 1
    body = "".join(lines[:cut]).rstrip("\n") + "\n"
    return body, "".join(lines[cut:])


def brief_from_markdown(markdown: str, base: Brief) -> Brief:
    """The brief as hand-edited Markdown now says it, traced as far as possible.

    Sections are found by their `##` headings (matched to the base brief's
    section titles); the first paragraph before them is the headline. A
    sentence keeps the sources of the base sentence with the same text, and
    otherwise takes the sources of its section in the base brief, so the
    faithfulness checker, not this function, decides what it supports.
    """
    body, _ = split_footer(markdown)
    by_title = {s.title.strip().lower(): s for s in base.sections}
    known = {_plain(s.text): s.sources for _, s in base.sentences()}
    preamble: list[str] = []
    sections: list[Section] = []
    current: Section | None = None
    buffer: list[str] = []

    def flush() -> None:
        if current is not None and buffer:
            base_sec = base.section(current.id)
            fallback = sorted({src for s in (base_sec.sentences if base_sec else []) for src in s.sources})
            for para in "\n".join(buffer).split("\n\n"):
                lines = [_plain(line) for line in para.splitlines() if line.strip() and line.strip() != "---"]
                for sentence in split_sentences(" ".join(lines)):
                    sources = known.get(sentence) or fallback or ["system"]
                    current.sentences.append(Sentence(text=sentence, sources=sources))
        buffer.clear()

    for line in body.splitlines():
        m = _HEADING_RE.match(line)
        if m and len(m.group(1)) == 1 and current is None:
            continue  # the document title
        if m:
            flush()
            title = m.group(2).strip()
            base_sec = by_title.get(title.lower())
            sec_id = base_sec.id if base_sec else re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "section"
            current = Section(id=sec_id, title=title, sentences=[])
            sections.append(current)
        elif current is None:
            preamble.append(line)
        else:
            buffer.append(line)
    flush()
    first_para = "\n".join(preamble).strip().split("\n\n")[0] if "".join(preamble).strip() else ""
    headline = " ".join(_plain(line) for line in first_para.splitlines()).strip() or base.headline
    caveat_sec = next((s for s in sections if s.id == "caveats"), None)
    caveats = [s.text for s in caveat_sec.sentences] if caveat_sec else list(base.caveats)
    return base.model_copy(update={
        "headline": headline, "headline_sources": known.get(headline, base.headline_sources),
        "sections": sections, "caveats": caveats, "eval": None, "approval": None,
    })
