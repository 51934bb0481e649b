"""Small, faithful views of a findings document shared by the model card and the datasheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.findings import Finding, FindingsDocument, Metric, Mitigation

UNIT_SUFFIX = {"percent": "%", "pp": " pp", "ms": " ms", "s": " s", "usd": " USD", "x": "x", "count": "", "ratio": ""}


def format_value(value: float, unit: str) -> str:
    """A number as the findings state it: 65 percent -> '65%', 0.71 ratio -> '0.71'."""
    text = f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"
    return text + UNIT_SUFFIX.get(unit, f" {unit}")


def metric_value(m: Metric) -> str:
    return format_value(m.value, m.unit.value)


def mitigation_text(m: Mitigation) -> str:
    extra = [m.status.value.replace("_", " ") if m.status else None,
             f"owner {m.owner}" if m.owner else None,
             f"due {m.due.isoformat()}" if m.due else None]
    extra = [e for e in extra if e]
    return m.action + (f" ({', '.join(extra)})" if extra else "")


@dataclass
class Dataset:
    """A population named by the findings' metrics: the nearest thing to a dataset they describe."""

    name: str
    uses: list[tuple[Finding, Metric]] = field(default_factory=list)

    @property
    def sizes(self) -> list[int]:
        return sorted({m.n for _, m in self.uses if m.n})

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for _, m in self.uses if m.source})

    @property
    def refs(self) -> list[str]:
        return [f"{f.id}.{m.id}" for f, m in self.uses]

    @property
    def findings(self) -> list[Finding]:
        seen: dict[str, Finding] = {}
        for f, _ in self.uses:
            seen.setdefault(f.id, f)
        return list(seen.values())


def datasets(doc: FindingsDocument) -> list[Dataset]:
    """Populations in the order the findings first name them (metrics without one are skipped)."""
    out: dict[str, Dataset] = {}
    for f in doc.findings:
        for m in f.metrics:
            if m.population:
                out.setdefault(m.population, Dataset(m.population)).uses.append((f, m))
    return list(out.values())


def unnamed_population_metrics(doc: FindingsDocument) -> list[str]:
    return [f"{f.id}.{m.id}" for f in doc.findings for m in f.metrics if not m.population]
