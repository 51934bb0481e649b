"""`riskbrief import atlas`: a case study becomes one security finding; references resolved when possible."""

from __future__ import annotations

import pytest

from tests.conftest import write
from tests.import_support import DATA, imported, review_block

CASES = ["AML.CS0000", "AML.CS0009", "AML.CS0016", "AML.CS0022", "AML.CS0035"]


@pytest.mark.parametrize("case", CASES)
def test_real_case_studies_resolve_every_reference(realdata, case):
    doc, text, warnings = imported("atlas", realdata / f"atlas-{case}.yaml",
                                   tactics=realdata / "atlas-tactics.yaml", techniques=realdata / "atlas-techniques.yaml")
    (f,) = doc.findings
    assert f.category.value == "security" and f.severity is None and f.likelihood is None
    steps = [e for e in f.evidence if e.startswith("procedure step")]
    assert steps and all("AML.TA" in s and "(unresolved)" not in s for s in steps)
    assert warnings == []
    assert f"MITRE ATLAS case study {case}" in f.evidence


def test_tay_is_an_incident_and_package_hallucination_an_exercise(realdata):
    tay, _, _ = imported("atlas", realdata / "atlas-AML.CS0009.yaml")
    assert tay.findings[0].caveats[0].startswith("MITRE ATLAS records case study AML.CS0009 (2016-03-23) as an incident")
    pkg, _, _ = imported("atlas", realdata / "atlas-AML.CS0022.yaml",
                         tactics=realdata / "atlas-tactics.yaml", techniques=realdata / "atlas-techniques.yaml")
    f = pkg.findings[0]
    assert "(June 2024) as an exercise" in f.caveats[0]
    assert any(e.startswith("procedure step 4: tactic AML.TA0004 Initial Access; technique AML.T0010.001 AI Supply Chain Compromise: AI Software:")
               for e in f.evidence)
    assert f.affected == ["ChatGPT users"]


def test_without_catalogues_raw_ids_are_kept_and_flagged(realdata):
    doc, text, _ = imported("atlas", realdata / "atlas-AML.CS0022.yaml")
    assert any("tactic ml_model_access (unresolved); technique inference_api (unresolved)" in e for e in doc.findings[0].evidence)
    review = "\n".join(review_block(text))
    assert "pass --tactics" in review and "pass --techniques" in review
    assert "F1: not in the source: severity, likelihood, impact, owner, status, mitigations" in review_block(text)


def test_hand_written_case_links_and_missing_anchor(cli, tmp_path):
    out = tmp_path / "case.yaml"
    r = cli("import", "atlas", DATA / "case_study.yaml", "--tactics", DATA / "tactics.yaml",
            "--techniques", DATA / "techniques.yaml", "--system", "Acme support chatbot v3", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert "technique 'llm_data_leakage' is not in the techniques file given" in r.stderr
    doc, text, _ = imported("atlas", DATA / "case_study.yaml", tactics=DATA / "tactics.yaml",
                            techniques=DATA / "techniques.yaml", system="Acme support chatbot v3")
    f = doc.findings[0]
    assert "see Indirect (AML.T0051.001)." in f.evidence[1]
    assert "technique llm_data_leakage (unresolved)" in f.evidence[2]
    assert "The case study concerns Acme support chatbot, not Acme support chatbot v3 itself." in f.caveats
    assert "llm_data_leakage" in "\n".join(review_block(out.read_text()))


def test_swapped_or_wrong_files(cli, tmp_path):
    r = cli("import", "atlas", DATA / "case_study.yaml", "--tactics", DATA / "techniques.yaml")
    assert r.exit_code == 2 and "swap --tactics and --techniques" in r.stderr
    r = cli("import", "atlas", DATA / "tactics.yaml")
    assert r.exit_code == 2 and "not an ATLAS case study" in r.stderr
    r = cli("import", "sarif", DATA / "scan.sarif", "--tactics", DATA / "tactics.yaml")
    assert r.exit_code == 2 and "apply to `import atlas` only" in r.stderr
    bad = write(tmp_path, "bad.yaml", "id: AML.CS1\nname: x\nsummary: y\nprocedure:\n- tactic: a\n  technique: [\n")
    r = cli("import", "atlas", bad)
    assert r.exit_code == 2 and f"{bad}:" in r.stderr and "invalid YAML" in r.stderr
