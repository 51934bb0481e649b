"""The workspace's state, apart from any widget: the open findings file, each
audience's brief and its saved versions.

Slow calls (`generate`, `regenerate`, `evaluate`) change nothing and are safe
to run in a worker thread; the `apply_*` and `save_*` methods change state and
run on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import RiskbriefError, UsageError
from engine.options import GenerateOptions
from engine.render.markdown import eval_line
from engine.section_review import SectionState
from engine.versions import (
    Version,
    VersionStore,
    brief_from_markdown,
    diff_text,
    export_version,
    markdown_hash,
    split_footer,
)
from schemas.brief import Brief
from schemas.evaluation import EvalResult
from schemas.findings import FindingsDocument
from schemas.loading import FindingsError, Problem, load_findings, load_text
from tui.backend import Backend, findings_files
from tui.findings_watch import FindingsWatch
from tui.sections import replace_section, section_block


class NoDocumentError(RiskbriefError):
    """The action needs a valid findings file."""


def with_footer(body: str, brief: Brief) -> str:
    """The body with the check line the renderer puts under a checked brief."""
    line = eval_line(brief)
    return body if not line else body.rstrip("\n") + "\n\n---\n\n" + line + "\n"


@dataclass
class BriefState:
    """One audience's brief as the workspace holds it."""

    audience: str
    brief: Brief | None = None
    markdown: str = ""
    saved_body: str | None = None
    version: Version | None = None
    eval: EvalResult | None = None
    eval_hash: str | None = None
    # Bumped when a new version comes in with its own check: a check started before then is of an
    # older version (even when the text is the same) and must not replace the new one's.
    epoch: int = 0

    @property
    def dirty(self) -> bool:
        return self.brief is not None and self.markdown != self.saved_body

    @property
    def approved(self) -> bool:
        """Every section approved (hand edits not yet saved are not)."""
        return not self.dirty and self.version is not None and self.version.approved

    @property
    def review(self) -> list[SectionState]:
        """Per section of the saved version: the approval it has, or why it needs review."""
        return list(self.version.sections) if self.version is not None else []


@dataclass
class Session:
    target: Path | None
    options: GenerateOptions = field(default_factory=GenerateOptions)
    backend: Backend = field(default_factory=Backend)
    audiences: list[str] = field(default_factory=list)
    workspace_root: Path | None = None
    reviewer: str | None = None
    files: list[Path] = field(default_factory=list)
    path: Path | None = None
    doc: FindingsDocument | None = None
    findings_text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    store: VersionStore | None = None
    states: dict[str, BriefState] = field(default_factory=dict)
    # Whether the file on disk still holds the findings above (polled by the workspace).
    watch: FindingsWatch | None = None

    def __post_init__(self) -> None:
        if not self.audiences:
            self.audiences = self.backend.audiences()
        if self.target is None:
            return
        target = Path(self.target)
        if target.is_dir():
            self.files = findings_files(target)
            if not self.files:
                raise UsageError(f"{target}: no findings files (*.yaml, *.yml, *.json) in this directory")
            self.open(self.files[0])
        else:
            self.files = findings_files(target.parent) if target.parent.is_dir() else [target]
            if target not in self.files:
                self.files.append(target)
            self.open(target)

    # --- opening ------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a findings file and the latest saved version of every audience."""
        self.path = Path(path)
        self.states = {a: BriefState(a) for a in self.audiences}
        self._read_findings()
        if self.doc is None:
            self.store = None
            return
        root = self.workspace_root / Path(path).stem if self.workspace_root else None
        self.store = VersionStore(path, root=root)
        for audience in self.audiences:
            latest = self.store.latest(audience)
            if latest is not None:
                self._set_version(self.states[audience], latest)

    def _read_findings(self) -> None:
        """Load the findings file, keeping its text: versions record what they were written from."""
        assert self.path is not None
        self.doc, self.problems = None, []
        try:
            self.findings_text = self.path.read_text(encoding="utf-8")
            self.doc = load_text(self.findings_text, str(self.path))
        except (OSError, UnicodeDecodeError):
            self.findings_text = None
            try:
                self.doc = load_findings(self.path)  # reports the file problem with its name
            except FindingsError as e:
                self.problems = list(e.problems)
        except FindingsError as e:
            self.problems = list(e.problems)
        self.watch = FindingsWatch(self.path, self.findings_text)

    @property
    def findings_changed(self) -> bool:
        """The findings file changed on disk since it was read (the briefs and checks are of the old one)."""
        return self.watch is not None and self.watch.changed

    def check_findings_on_disk(self) -> bool:
        """Look at the findings file again; True when `findings_changed` has just flipped."""
        return self.watch.check() if self.watch is not None else False

    def refresh_findings(self) -> bool:
        """Re-read the findings file if it changed on disk; True when it did.

        Briefs stay as saved; their checks are dropped, to be redone against
        the new findings.
        """
        if self.path is None:
            return False
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None and text == self.findings_text:
            return False
        self._read_findings()
        if self.doc is not None and self.store is None:
            self.open(self.path)
            return True
        for state in self.states.values():
            state.eval = state.eval_hash = None
        return True

    def reload(self) -> None:
        if self.path is not None:
            self.open(self.path)

    def require_doc(self) -> FindingsDocument:
        if self.doc is None:
            if self.path is None:
                raise NoDocumentError("no findings file is open: press o to open one")
            shown = "\n".join(str(p) for p in self.problems[:3])
            more = f"\n(and {len(self.problems) - 3} more, listed in the Findings pane)" if len(self.problems) > 3 else ""
            raise NoDocumentError(f"{self.path.name} has {len(self.problems)} problem(s); fix them, then press g "
                                  f"to read it again (or o to open another file):\n{shown}{more}")
        return self.doc

    def _set_version(self, state: BriefState, version: Version) -> None:
        state.version = version
        state.brief = version.brief
        state.markdown = state.saved_body = split_footer(version.markdown)[0]
        if version.brief.eval is not None and state.eval is None:
            state.eval, state.eval_hash = version.brief.eval, markdown_hash(state.markdown)

    # --- slow work (worker threads) -------------------------------------------
    def generate(self, audience: str) -> tuple[Brief, str]:
        doc = self.require_doc()
        brief = self.backend.generate(doc, audience, options=self.options, input_file=str(self.path))
        return brief, self.backend.render_markdown(brief)

    def regenerate(self, audience: str, section_title: str) -> tuple[Brief, str, str]:
        """(new brief, new text, section id) with only that section rewritten."""
        doc = self.require_doc()
        state = self.states[audience]
        if state.brief is None:
            raise UsageError(f"there is no {audience} brief yet: press g to generate one")
        base = brief_from_markdown(state.markdown, state.brief) if state.dirty else state.brief
        section = next((s for s in base.sections if s.title.strip().lower() == section_title.strip().lower()), None)
        if section is None:
            raise UsageError(f"the brief has no section called '{section_title}'")
        new = self.backend.regenerate_section(doc, base, section.id, options=self.options)
        rendered = self.backend.render_markdown(new)
        new_section = new.section(section.id)
        block = section_block(split_footer(rendered)[0], new_section.title if new_section else section.title)
        if not state.dirty or block is None:
            return new, rendered, section.id
        text = replace_section(state.markdown, section.title, block)
        return brief_from_markdown(text, new), text, section.id

    def evaluate(self, audience: str, text: str) -> EvalResult | None:
        """Faithfulness of the text, with how well it fits the audience."""
        result = self.backend.check(self.require_doc(), text)
        if result is not None and result.audience_fit is None:
            result.audience_fit = self.backend.fit(text, audience)
        return result

    # --- state changes (UI thread) ----------------------------------------------
    def apply_generated(self, audience: str, brief: Brief, markdown: str, *, section: str | None = None) -> Version:
        state = self.states[audience]
        if state.dirty:
            self.save_edit(audience)
        assert self.store is not None
        kind = "regenerate" if section else "generate"
        version = self.store.save(audience, brief, markdown, kind, section=section,
                                  score=brief.eval.score if brief.eval else None, findings_text=self.findings_text)
        state.eval = None
        state.epoch += 1
        self._set_version(state, version)
        return version

    def set_text(self, audience: str, text: str) -> None:
        self.states[audience].markdown = text

    def apply_eval(self, audience: str, text: str, result: EvalResult | None, epoch: int | None = None) -> bool:
        """Attach an eval result if the text has not changed since (nor the version, given the `epoch`
        the check started in); True when attached."""
        state = self.states[audience]
        if state.markdown != text or (epoch is not None and epoch != state.epoch):
            return False
        state.eval, state.eval_hash = result, markdown_hash(text)
        return True

    def save_edit(self, audience: str) -> Version | None:
        state = self.states[audience]
        if not state.dirty or self.store is None or state.brief is None:
            return None
        brief = brief_from_markdown(state.markdown, state.brief)
        current = state.eval if state.eval and state.eval_hash == markdown_hash(state.markdown) else None
        if current is not None:
            brief = brief.model_copy(update={"eval": current})
        text = with_footer(state.markdown, brief)
        version = self.store.save(audience, brief, text, "edit", score=current.score if current else None)
        self._set_version(state, version)
        return version

    def save_all_edits(self) -> list[Version]:
        return [v for a in self.states if (v := self.save_edit(a)) is not None]

    def approve(self, audience: str, section_title: str | None = None) -> Version:
        """Approve every section that needs review, or only the one titled `section_title`."""
        self.require_doc()
        state = self.states[audience]
        if state.brief is None or self.store is None:
            raise UsageError(f"there is no {audience} brief to approve: press g to generate one")
        self.save_edit(audience)
        sections = None
        if section_title is not None:
            wanted = section_title.strip().lower()
            v = state.version
            review = state.review or (self.store.review(audience, v.brief, v.markdown, v.findings_text) if v else [])
            found = next((s for s in review if s.title.strip().lower() == wanted), None)
            if found is None:
                raise UsageError(f"the brief has no section called '{section_title}'")
            sections = [found.section]
        version = self.store.approve(audience, reviewer=self.reviewer, sections=sections,
                                     check=self.current_check(audience))
        self._set_version(state, version)
        return version

    def current_check(self, audience: str) -> EvalResult | None:
        """The check of the brief's text as it stands; run now when the last one is of an older
        text (an approval records what it was given over, so it never goes on a pending check)."""
        state = self.states[audience]
        if state.eval is None or state.eval_hash != markdown_hash(state.markdown):
            state.eval, state.eval_hash = self.evaluate(audience, state.markdown), markdown_hash(state.markdown)
        return state.eval

    def export(self, audience: str, out_dir: Path, formats: list[str]) -> list[Path]:
        self.require_doc()
        state = self.states[audience]
        if state.brief is None or self.store is None:
            raise UsageError(f"there is no {audience} brief to export: press g to generate one")
        self.save_edit(audience)
        assert state.version is not None and self.path is not None
        return export_version(state.version, self.path, out_dir, formats)

    def diff(self, audience: str) -> tuple[str, str]:
        """(title, unified diff) of the current text against the version before it."""
        self.require_doc()
        state = self.states[audience]
        if state.version is None or self.store is None:
            raise UsageError(f"there is no saved {audience} brief yet: press g to generate one")
        if state.dirty:
            title = f"{state.version.label} → unsaved edits"
            return title, diff_text(state.saved_body or "", state.markdown, state.version.label, "unsaved edits")
        earlier = [n for n in self.store.numbers(audience) if n < state.version.number]
        if not earlier:
            raise UsageError(f"{state.version.label} is the first {audience} version; there is nothing to compare yet")
        old = self.store.load(audience, earlier[-1])
        return f"{old.label} → {state.version.label}", diff_text(
            split_footer(old.markdown)[0], state.markdown, old.label, state.version.label)
