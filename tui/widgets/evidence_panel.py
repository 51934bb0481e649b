"""The faithfulness result: score, and every claim the findings do not support."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from schemas.evaluation import Claim, ErrorCode, EvalResult, Verdict
from schemas.findings import FindingsDocument


def score_text(result: EvalResult | None, *, pending: bool = False) -> Text:
    if result is None:
        return Text("Checking…" if pending else "No brief checked yet.", style="dim")
    failing = result.failing
    out = Text()
    out.append(f"Faithfulness {result.score:.0%}", style="bold")
    verdict = ("  PASSED", "bold green") if result.passed else ("  FAILED", "bold red")
    out.append(*verdict)
    out.append(f"\n{len(result.claims) - len(failing)} of {len(result.claims)} claims supported")
    if result.missing_caveats:
        out.append(f"\n{len(result.missing_caveats)} required caveat(s) missing:", style="red")
        for c in result.missing_caveats:
            out.append(f"\n• {c}", style="red")
    fit = result.audience_fit
    if fit is not None:
        grade = f"reading grade {fit.reading_grade:.0f}" + (f" (target {fit.target_grade:.0f})" if fit.target_grade else "")
        words = f"{fit.words} words" + (f" (limit {fit.max_words})" if fit.max_words else "")
        out.append(f"\n{grade} · {words}", style="" if fit.fits else "yellow")
        if fit.jargon:
            out.append(f"\njargon for this reader: {', '.join(fit.jargon)}", style="yellow")
    if pending:
        out.append("\nre-checking…", style="dim italic")
    return out


def _folded(text: str) -> str:
    return " ".join(text.lower().rstrip(". ").split())


def caveat_claims(result: EvalResult, doc: FindingsDocument | None) -> list[Claim]:
    """Each required caveat the brief leaves out, as a claim with code `caveat` that points at the
    findings it belongs to and the caveats section, so it is listed and selected like the others."""
    out = []
    for caveat in result.missing_caveats:
        owners = [f.id for f in (doc.findings if doc else []) if any(_folded(c) == _folded(caveat) for c in f.caveats)]
        whose = f" of {', '.join(owners)}" if owners else ""
        out.append(Claim(text=caveat, verdict=Verdict.unsupported, error=ErrorCode.caveat, sources=owners,
                         section="caveats", evidence=f"a required caveat{whose}, which every brief must keep: {caveat}"))
    return out


def claim_prompt(claim: Claim) -> Text:
    out = Text()
    code = claim.error.value if claim.error else claim.verdict.value
    out.append(f"[{code}] ", style="bold red" if claim.verdict.value == "contradicted" else "bold yellow")
    out.append(claim.text if len(claim.text) <= 90 else claim.text[:89] + "…")
    return out


def claim_detail(claim: Claim | None) -> Text:
    if claim is None:
        return Text("Select a claim to see what the findings say.", style="dim")
    out = Text()
    out.append(f"{claim.verdict.value}", style="bold red" if claim.verdict.value == "contradicted" else "bold yellow")
    if claim.error:
        out.append(f" · code {claim.error.value}")
    if claim.section:
        out.append(f" · section {claim.section}", style="dim")
    out.append("\nThe brief says: ", style="bold")
    out.append(claim.text)
    out.append("\nThe findings say: ", style="bold")
    out.append(claim.evidence or "nothing that supports this.")
    if claim.sources:
        out.append(f"\nSources: {', '.join(claim.sources)}", style="dim")
    return out


class EvidencePanel(Vertical):
    """Score, failing claims (selectable) and the evidence of the selected one."""

    class ClaimSelected(Message):
        def __init__(self, claim: Claim, index: int) -> None:
            self.claim = claim
            self.index = index
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.result: EvalResult | None = None
        self.pending = False
        self.claims: list[Claim] = []

    def compose(self) -> ComposeResult:
        yield Static(score_text(None), classes="eval-score")
        yield OptionList(classes="claim-list")
        with VerticalScroll(classes="claim-detail-scroll"):
            yield Static(claim_detail(None), classes="claim-detail")

    @property
    def claim_list(self) -> OptionList:
        return self.query_one(".claim-list", OptionList)

    @property
    def selected(self) -> Claim | None:
        index = self.claim_list.highlighted
        return self.claims[index] if index is not None and 0 <= index < len(self.claims) else None

    def show(self, result: EvalResult | None, *, pending: bool = False, doc: FindingsDocument | None = None) -> None:
        """The check's score and its failing claims, then the required caveats missing (with `doc`,
        each names the finding it belongs to)."""
        self.result, self.pending = result, pending
        self.query_one(".eval-score", Static).update(score_text(result, pending=pending))
        previous = self.selected.text if self.selected else None
        self.claims = [*result.failing, *caveat_claims(result, doc)] if result else []
        options = self.claim_list
        options.clear_options()
        if result is not None and not self.claims:
            options.add_option(Option(Text("Every claim is supported.", style="green"), disabled=True))
        options.add_options([Option(claim_prompt(c), id=f"claim-{i}") for i, c in enumerate(self.claims)])
        again = next((i for i, c in enumerate(self.claims) if c.text == previous), None)
        if again is not None:
            with options.prevent(OptionList.OptionHighlighted):
                options.highlighted = again
        self.query_one(".claim-detail", Static).update(claim_detail(self.selected))

    def set_pending(self) -> None:
        """Say a re-check is coming without rebuilding the claim list (cheap: runs per keystroke)."""
        if not self.pending:
            self.pending = True
            self.query_one(".eval-score", Static).update(score_text(self.result, pending=True))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        claim = self.selected
        self.query_one(".claim-detail", Static).update(claim_detail(claim))
        if claim is not None:
            self.post_message(self.ClaimSelected(claim, self.claims.index(claim)))
