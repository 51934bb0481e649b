"""Pydantic models for riskbrief's inputs and outputs, and their JSON Schemas."""

from schemas.brief import Brief, Provenance, Section, Sentence
from schemas.evaluation import AudienceFit, Claim, ErrorCode, EvalResult, Verdict
from schemas.findings import (
    Category,
    Context,
    Finding,
    FindingsDocument,
    Likelihood,
    Metric,
    Mitigation,
    MitigationStatus,
    Option,
    Severity,
    Status,
    System,
    Tradeoff,
    Unit,
)
from schemas.loading import FindingsError, Problem, load_findings, load_text

__all__ = [
    "AudienceFit", "Brief", "Category", "Claim", "Context", "ErrorCode", "EvalResult", "Finding",
    "FindingsDocument", "FindingsError", "Likelihood", "Metric", "Mitigation", "MitigationStatus",
    "Option", "Problem", "Provenance", "Section", "Sentence", "Severity", "Status", "System",
    "Tradeoff", "Unit", "Verdict", "load_findings", "load_text",
]
