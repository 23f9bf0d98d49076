"""The source catalog: one entry per source. Adding a source is one entry here (plus a normaliser if needed)."""

from __future__ import annotations

from dataclasses import dataclass

from medpipe.sources import normalisers as n
from medpipe.sources.custom import configured_sources
from medpipe.sources.spec import KINDS, SourceSpec  # noqa: F401  (KINDS: the catalog is where the rest of medpipe reads it)


CATALOG: tuple[SourceSpec, ...] = (
    SourceSpec(
        name="medqa",
        kind="exam",
        hub_id="truehealth/medqa",
        license="unknown (MedQA: MIT per jind11/MedQA)",
        normalise=n.medqa,
        description="USMLE-style multiple-choice questions (MedQA, 5 options); the test split is held out for decontamination.",
        splits=("train", "validation"),
        folder="medqa_usmle",
        files={"train": ("train.jsonl",), "validation": ("dev.jsonl", "validation.jsonl")},
    ),
    SourceSpec(
        name="medical_o1_reasoning_sft",
        kind="reasoning",
        hub_id="FreedomIntelligence/medical-o1-reasoning-SFT",
        config="en",
        license="apache-2.0",
        normalise=n.medical_o1_reasoning,
        description="Clinical questions with a chain of thought (kept in `reasoning`) and a final response.",
        folder="medical_o1",
        files={"train": ("medical_o1_sft.json", "demo_data.json")},
    ),
    SourceSpec(
        name="medical_o1_verifiable_problem",
        kind="exam",
        hub_id="FreedomIntelligence/medical-o1-verifiable-problem",
        license="apache-2.0",
        normalise=n.columns(input="Open-ended Verifiable Question", output="Ground-True Answer"),
        description="Open-ended problems rewritten from MedQA/MedMCQA with a short verifiable answer.",
        folder="medical_o1",
        files={"train": ("medical_o1_verifiable_problem.json", "demo_data.json")},
    ),
    SourceSpec(
        name="medicationqa",
        kind="reference",
        hub_id="truehealth/medicationqa",
        license="cc-by-4.0 (upstream README)",
        normalise=n.columns(input="Question", output="Answer", meta=("Focus (Drug)", "Question Type", "Section Title", "URL")),
        description="Consumer questions about medications answered from trusted sources (MedInfo 2019).",
        folder="medicationqa",
        files={"train": ("*.parquet", "*.xlsx")},
    ),
    SourceSpec(
        name="wiki_medical_terms",
        kind="reference",
        hub_id="gamino/wiki_medical_terms",
        license="gpl-3.0",
        normalise=n.wiki_medical_terms,
        description="Wikipedia articles on medical terms: the title asked, the lead paragraph as the answer.",
        folder="wiki_medical_terms",
        files={"train": ("*.parquet", "*.json")},
    ),
    SourceSpec(
        name="symptom_to_diagnosis",
        kind="diagnosis",
        hub_id="gretelai/symptom_to_diagnosis",
        license="apache-2.0",
        normalise=n.symptom_to_diagnosis,
        description="Patient symptom descriptions labelled with one of 22 diagnoses (test split held out).",
        folder="symptom_to_diagnosis",
        files={"train": ("train.jsonl", "*train*.jsonl")},
    ),
    SourceSpec(
        name="diseases_symptoms",
        kind="diagnosis",
        hub_id="QuyenAnhDE/Diseases_Symptoms",
        license="unknown (none tagged)",
        normalise=n.diseases_symptoms,
        description="400 diseases with their symptoms and usual treatments.",
        folder="diseases_symptoms",
        files={"train": ("*.csv",)},
    ),
    SourceSpec(
        name="first_aid_intents",
        kind="consultation",
        hub_id="badri55/First_aid__dataset",
        license="unknown",
        normalise=n.first_aid_intents,
        description="First-aid chatbot intents: every question pattern paired with every response.",
        folder="first_aid_intents",
        files={"train": ("first_aid1.json", "intents.json", "*.json")},
    ),
    SourceSpec(
        name="synthetic_disaster_reports",
        kind="consultation",
        hub_id="paulelliotco/synthetic-disaster-reports",
        license="unknown",
        normalise=n.disaster_reports,
        description="Synthetic disaster situation reports and the resources they need.",
        folder="synthetic_disaster_reports",
        files={"train": ("*.parquet", "*.jsonl", "*.json", "*.csv")},
    ),
    SourceSpec(
        name="ii_medical_reasoning_sft",
        kind="reasoning",
        hub_id="Intelligent-Internet/II-Medical-Reasoning-SFT",
        license="unknown (no license tag)",
        normalise=n.ii_medical_reasoning,
        description="Medical reasoning chats (2.2M rows, 9 GB): streamed and capped by max_rows.",
        folder="ii_medical_reasoning_sft",
        files={"train": ("*.parquet", "*.jsonl")},
        max_rows=20_000,
    ),
    SourceSpec(
        name="know_medical_dialogues",
        kind="consultation",
        hub_id="knowrohit07/know_medical_dialogues",
        license="openrail",
        normalise=n.know_medical_dialogues,
        description="Patient-doctor dialogues (seed 000), turns kept as messages.",
        folder="know_medical_dialogues",
        files={"train": ("*.json", "*.jsonl", "*.parquet")},
    ),
    SourceSpec(
        name="meddialog_en",
        kind="consultation",
        hub_id="lighteval/med_dialog",
        config="healthcaremagic",
        license="unknown (source sites' terms restrict republishing)",
        normalise=n.meddialog,
        not_redistributable="MedDialog's source sites (HealthCareMagic, iCliniq) restrict republishing their consultations.",
        description="MedDialog English patient-doctor consultations (seed 001), turns kept as messages.",
        folder="meddialog_en",
        files={"train": ("*train*.txt", "*.txt", "*.parquet")},
    ),
    SourceSpec(
        name="cameo",
        hub_id="amu-cai/CAMEO",
        license="mixed per sub-corpus",
        normalise=None,
        description="Listed by the seed card as clinical case studies.",
        excluded="Not medical text: CAMEO is multilingual speech-emotion audio (arXiv 2505.11051); upstream's merged data has no CAMEO rows.",
    ),
)


SOURCES: dict[str, SourceSpec] = {spec.name: spec for spec in CATALOG}
INCLUDED: tuple[SourceSpec, ...] = tuple(spec for spec in CATALOG if not spec.excluded) + configured_sources(taken=frozenset(SOURCES))
# Rows generated by medpipe itself (the synthetic stage), each task in its own table; each bounded in share of `final` by the release gate.
SYNTHETIC_SOURCE = "synthetic_rag"  # RAG Q&A over the guideline corpus
WIKI_QA_SOURCE = "synthetic_wiki_qa"  # learner questions about a wiki term, answered from its article
MCQ_EXPLANATION_SOURCE = "synthetic_mcq_explanation"  # MedQA rows with an explanation of the gold option in `reasoning`
SYMPTOM_REASONING_SOURCE = "synthetic_symptom_reasoning"  # symptom rows with reasoning that ends in the gold diagnosis
EMERGENCY_SOURCE = "synthetic_emergency_scenarios"  # the seed card's "extreme first-aid" scenarios, RAG over the guideline corpus
SYNTHETIC_SHARE_BOUNDS: dict[str, float] = {SYNTHETIC_SOURCE: 0.3, WIKI_QA_SOURCE: 0.15, MCQ_EXPLANATION_SOURCE: 0.2,
                                            SYMPTOM_REASONING_SOURCE: 0.1, EMERGENCY_SOURCE: 0.1}
SYNTHETIC_SOURCES: frozenset[str] = frozenset(SYNTHETIC_SHARE_BOUNDS)
SYNTHETIC_KINDS: dict[str, str] = {SYNTHETIC_SOURCE: "consultation", WIKI_QA_SOURCE: "reference", MCQ_EXPLANATION_SOURCE: "exam",
                                   SYMPTOM_REASONING_SOURCE: "diagnosis", EMERGENCY_SOURCE: "consultation"}
# A generated row that copies a source row and adds only `reasoning` ranks with that source: as an exact duplicate of its base row
# it wins the cluster by its longer reasoning (keep_one_per_cluster), and the base row is quarantined naming it.
ENRICHES: dict[str, str] = {MCQ_EXPLANATION_SOURCE: "medqa", SYMPTOM_REASONING_SOURCE: "symptom_to_diagnosis"}
# Generated from a source's rows (their licence applies); the other generated sources come from the guideline PDFs.
GENERATED_FROM: dict[str, str] = {WIKI_QA_SOURCE: "wiki_medical_terms", **ENRICHES}
# Which copy of a duplicate stays: catalog order, generated rows last (enriched copies with their base source).
_RANKED = [spec.name for spec in INCLUDED] + sorted(SYNTHETIC_SOURCES - set(ENRICHES))
PRIORITY: dict[str, int] = {name: rank for rank, name in enumerate(_RANKED)} | {name: _RANKED.index(base) for name, base in ENRICHES.items()}


@dataclass(frozen=True)
class EvalSetSpec:
    """An evaluation set whose questions must not appear in the training data (read like a source)."""

    name: str
    hub_id: str
    split: str
    question_field: str
    folder: str
    file_patterns: tuple[str, ...]
    config: str | None = None
    revision: str = "main"
    max_rows: int | None = None

    @property
    def splits(self) -> tuple[str, ...]:
        return (self.split,)

    @property
    def files(self) -> dict[str, tuple[str, ...]]:
        return {self.split: self.file_patterns}


MMLU_MEDICAL = ("anatomy", "clinical_knowledge", "college_medicine", "college_biology", "medical_genetics", "professional_medicine")

EVAL_SETS: tuple[EvalSetSpec, ...] = (
    EvalSetSpec("medqa_test", "truehealth/medqa", "test", "question", "medqa_usmle", ("test.jsonl",)),
    EvalSetSpec("medmcqa_dev", "openlifescienceai/medmcqa", "validation", "question", "medmcqa",
                ("validation*.parquet", "validation*.jsonl", "dev.json*")),
    EvalSetSpec("pubmedqa_labeled", "qiaojin/PubMedQA", "train", "question", "pubmedqa",
                ("pqa_labeled*.parquet", "pqa_labeled*.jsonl", "ori_pqal.json"), config="pqa_labeled"),
    *(EvalSetSpec(f"mmlu_{subject}", "cais/mmlu", "test", "question", "mmlu", (f"{subject}/test-*.parquet", f"{subject}_test.*"), config=subject)
      for subject in MMLU_MEDICAL),
)


def source_kind(name: str) -> str:
    """The kind of row a source gives (KINDS); a source medpipe does not know is a consultation."""
    spec = next((spec for spec in INCLUDED if spec.name == name), None)
    return spec.kind if spec is not None else SYNTHETIC_KINDS.get(name, "consultation")
