"""Colours for severities, likelihoods and risk levels, shared by the findings widgets."""

from __future__ import annotations

from schemas.findings import Likelihood, Severity

SEVERITY_STYLE = {
    Severity.low: "green",
    Severity.medium: "yellow",
    Severity.high: "dark_orange",
    Severity.critical: "bold red",
}
STATUS_STYLE = {"open": "red", "mitigating": "yellow", "accepted": "cyan", "closed": "green"}


def risk_level(severity: Severity, likelihood: Likelihood) -> str:
    """low / medium / high / critical from severity rank (1-4) x likelihood rank (1-5)."""
    score = severity.rank * likelihood.rank
    if score >= 15:
        return "critical"
    if score >= 8:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


RISK_BACKGROUND = {"low": "#1f5f3a", "medium": "#7a6a12", "high": "#9a4a10", "critical": "#8b1a1a"}


def label(value: object) -> str:
    """An enum value for display; None as a plain 'not assessed' dash."""
    if value is None:
        return "—"
    return str(getattr(value, "value", value)).replace("_", " ")
