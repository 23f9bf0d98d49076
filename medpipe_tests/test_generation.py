"""The seed card's generation tasks: verifiers (planted wrong explanations and diagnoses), shards, the per-task share bound, and an
end-to-end run with the bundled model from the samples to `final`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from medpipe.curation.phi_scans import FINDINGS_SCHEMA
from medpipe.publish.gate import GateSettings, row_bounds_from_previous, source_counts, validate_final
from medpipe.settings import Settings
from medpipe.sources.catalog import (EMERGENCY_SOURCE, MCQ_EXPLANATION_SOURCE, SYMPTOM_REASONING_SOURCE, SYNTHETIC_SHARE_BOUNDS, SYNTHETIC_SOURCES,
                                     WIKI_QA_SOURCE)
from medpipe.synthetic import prompts as syn
from medpipe.synthetic.llm import OllamaLLM
from medpipe.synthetic.local_server import local_server
from medpipe.synthetic.tasks import SHARD_KEYS, shard_of
from medpipe.synthetic.verify import (claimed_letters, option_lines, verify_emergency_scenario, verify_mcq_explanation, verify_symptom_reasoning,
                                      verify_wiki_qa)
from medpipe.warehouse.rows import Rejection
from medpipe_tests.helpers import final_frame, materialize, metadata, offline_settings, query, resources_for

OPTIONS = {"A": "Propylthiouracil", "B": "Levothyroxine", "C": "Methimazole", "D": "Radioactive iodine", "E": "Propranolol"}
LABELS = ["migraine", "pneumonia", "psoriasis", "urinary tract infection"]


def explanation(text: str, conclusion: str) -> str:
    return json.dumps({"explanation": text, "conclusion": conclusion})


def test_an_explanation_that_concludes_on_the_gold_option_is_kept() -> None:
    kept = verify_mcq_explanation(explanation("Low free T4 with a high TSH is primary hypothyroidism, treated by replacing thyroid hormone; "
                                              "propylthiouracil and methimazole would lower it further.",
                                              "The answer is B. Levothyroxine"), OPTIONS, "B")
    assert isinstance(kept, str) and kept.endswith("The answer is B. Levothyroxine")


@pytest.mark.parametrize("reply,rule", [
    (explanation("Hyperthyroid drugs block hormone synthesis, which is what this patient needs in the long term here.",
                 "The answer is C. Methimazole"),
     "concludes_other_option"),
    (explanation("Thyroid hormone must be replaced in this patient with hypothyroidism, over the long term.", "The answer is B. Methimazole"),
     "concludes_other_option"),
    (explanation("Levothyroxine replaces the missing hormone, although the correct answer is C for a patient like this one.",
                 "The answer is B. Levothyroxine"), "argues_other_option"),
    (explanation("Replacing thyroid hormone treats primary hypothyroidism and its symptoms over time.", "Levothyroxine"), "conclusion_misses_gold"),
    ('{"explanation": "cut', "malformed_reply"),
])
def test_a_planted_wrong_explanation_is_rejected(reply: str, rule: str) -> None:
    rejected = verify_mcq_explanation(reply, OPTIONS, "B")
    assert isinstance(rejected, Rejection) and rejected.reason == rule


def test_option_claims_and_option_lines() -> None:
    assert claimed_letters("The correct answer is C. Option D is the best choice. Choose (E).") == {"C", "D", "E"}
    assert claimed_letters("Acyclovir and Propranolol are wrong; an answer like this is common.") == set()
    assert option_lines("A. Propylthiouracil\nB. Levothyroxine") == {"A": "Propylthiouracil", "B": "Levothyroxine"}


def reasoning(steps: list[str], diagnosis: str) -> str:
    return json.dumps({"steps": steps, "diagnosis": diagnosis})


def test_reasoning_ending_in_the_gold_diagnosis_is_kept_and_ends_with_it() -> None:
    kept = verify_symptom_reasoning(reasoning(["Fever, chills and a cough with thick yellow mucus point to a chest infection.",
                                               "Pain on deep breathing suggests the lung lining is inflamed."], "pneumonia"), "pneumonia", LABELS)
    assert isinstance(kept, str) and kept.endswith("Final diagnosis: pneumonia.")


@pytest.mark.parametrize("reply,rule", [
    (reasoning(["A throbbing one-sided headache with light sensitivity.", "Nausea comes with the attacks."], "migraine"), "wrong_diagnosis"),
    (reasoning(["Fever and a productive cough point to a chest infection.", "So this is psoriasis of the lungs."], "pneumonia"),
     "names_other_diagnosis"),
    (reasoning(["Fever and cough."], "pneumonia"), "too_few_steps"),
    (reasoning(["Fever and a productive cough point to a chest infection.",
                "The symptoms come back every spring when trees release pollen, a seasonal trigger."], "pneumonia"), "copies_example"),
])
def test_reasoning_that_ends_in_another_diagnosis_is_rejected(reply: str, rule: str) -> None:
    rejected = verify_symptom_reasoning(reply, "pneumonia", LABELS)
    assert isinstance(rejected, Rejection) and rejected.reason == rule


def test_wiki_and_scenario_rules() -> None:
    answer = "Asthma is a long-term inflammatory disease of the airways of the lungs."
    assert verify_wiki_qa(json.dumps({"question": "What kind of disease is asthma?", "answer": answer}), "Asthma").question.endswith("?")
    assert verify_wiki_qa(json.dumps({"question": "Asthma, airways", "answer": answer}), "Asthma").reason == "not_a_question"
    assert verify_wiki_qa(json.dumps({"question": "What is the capital city of France?", "answer": "Paris is the capital of France, on the Seine."}),
                          "Asthma").reason == "off_term"
    steps = ["Move the person away from the fire.", "Cool the burn under running water for twenty minutes.", "Call the emergency number."]
    scene = "A cook's sleeve catches fire in a busy restaurant kitchen and his forearm is badly burned and blistering."
    assert verify_emergency_scenario(json.dumps({"scenario": scene, "steps": steps})).response.startswith("1. Move")
    assert verify_emergency_scenario(json.dumps({"scenario": scene, "steps": steps[:2]})).reason == "too_few_steps"


def test_constrained_schemas_limit_the_answer_to_the_options_and_the_question_to_a_question() -> None:
    options = [f"{k}. {v}" for k, v in OPTIONS.items()]
    assert syn.mcq_explanation_schema(options, True)["properties"]["conclusion"]["enum"][1] == "The answer is B. Levothyroxine"
    assert syn.symptom_reasoning_schema(LABELS, True)["properties"]["diagnosis"]["enum"] == LABELS
    assert syn.wiki_qa_schema(True)["properties"]["question"]["pattern"].endswith(r"\?$")
    assert "pattern" not in json.dumps(syn.wiki_qa_schema(False))


def test_shards_are_stable_and_spread() -> None:
    ids = [f"train/{i}" for i in range(800)]
    counts = Counter(shard_of(i) for i in ids)
    assert set(counts) == set(SHARD_KEYS) and min(counts.values()) > 60
    # pinned: a row's shard must not change across releases, machines or Python versions (sha256 of its source id)
    assert [shard_of(i) for i in ("train/0", "train/1", "train/2", "test/17", "wiki:Asthma")] == ["shard-4", "shard-6",
                                                                                                  "shard-1", "shard-1", "shard-2"]


def gate_rows(sources: list[str]) -> pl.DataFrame:
    return final_frame(sources)


def gate(rows: pl.DataFrame, **bounds: tuple[int, int]) -> list:
    settings = GateSettings(min_chars=10, max_chars=1500, sources=frozenset({"medqa"}), synthetic_sources=SYNTHETIC_SOURCES,
                            max_synthetic_share=SYNTHETIC_SHARE_BOUNDS, row_bounds=bounds)
    return validate_final(rows, settings, pl.DataFrame(schema=FINDINGS_SCHEMA))


def test_each_task_has_its_own_share_bound_in_the_gate() -> None:
    shares = {o.expectation: o.success for o in gate(gate_rows(["medqa"] * 7 + [MCQ_EXPLANATION_SOURCE] * 3)) if o.check == "final_synthetic_share"}
    assert len(shares) == len(SYNTHETIC_SHARE_BOUNDS)  # one expectation per task
    assert [ok for name, ok in shares.items() if MCQ_EXPLANATION_SOURCE in name] == [False]  # 30% > its 20% bound
    assert all(ok for name, ok in shares.items() if MCQ_EXPLANATION_SOURCE not in name)


def test_explained_rows_count_for_the_source_they_enrich() -> None:
    """Since the previous release (10 bare MedQA rows) 3 were explained: their bare rows went as exact duplicates of the explained
    ones, so MedQA's own rows fell by 30% (over the 10% shrink bound) without losing a question. The gate counts them for MedQA."""
    rows = gate_rows(["medqa"] * 7 + [MCQ_EXPLANATION_SOURCE] * 3)
    assert dict(source_counts(rows).iter_rows()) == {"medqa": 10, MCQ_EXPLANATION_SOURCE: 3}
    bounds = row_bounds_from_previous({"medqa": 10}, 0.1, 10.0)
    assert all(o.success for o in gate(rows, **bounds) if o.check == "final_source_counts")
    assert not all(o.success for o in gate(gate_rows(["medqa"] * 7), **bounds) if o.check == "final_source_counts")  # a real loss fails


# ---- end to end, with the bundled model ----

TASKS = {"wiki_term_qa": ("wiki_medical_terms", WIKI_QA_SOURCE), "mcq_explanations": ("medqa", MCQ_EXPLANATION_SOURCE),
         "symptom_reasoning": ("symptom_to_diagnosis", SYMPTOM_REASONING_SOURCE)}
DAY = "2026-11-20"
SLOTS = 2


def busiest_shard(settings: Settings, source: str) -> str:
    """The shard holding the most sample rows of a source, so that a run of one partition has work."""
    counts = Counter(shard_of(source_id) for (source_id,) in query(settings, f"SELECT source_id FROM sources.{source}"))
    return counts.most_common(1)[0][0]


def generate_all(settings: Settings, host: str) -> dict[str, dict[str, object]]:
    from medpipe.definitions import defs

    resources = resources_for(settings) | {"llm": OllamaLLM(hosts=host, retries=1, backoff=0.1, timeout=600)}  # no timing assumption on shared cores
    shard_config = {"max_rows_per_shard": SLOTS}
    runs = {asset: (busiest_shard(settings, base), shard_config) for asset, (base, _) in TASKS.items()}
    runs["emergency_scenarios"] = (DAY, {"scenarios_per_partition": SLOTS})
    metas = {}
    for asset, (partition, config) in runs.items():
        result = dg.materialize([*defs.assets], resources=resources, selection=[asset], partition_key=partition,
                                run_config={"ops": {asset: {"config": config}}})
        metas[asset] = metadata(result, asset)
    return metas


def test_the_four_tasks_reach_final_with_provenance_and_a_rerun_makes_no_call(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "gen.duckdb")
    assert materialize(settings).success  # sources, corpus and a final without generated rows
    with local_server(log=tmp_path / "server.log") as host:
        first = generate_all(settings, host)
        again = generate_all(settings, host)
    for asset, meta in first.items():
        assert meta["kept"] + meta["quarantined"] == SLOTS, asset  # every slot is a row or in quarantine with its reason
        assert meta["llm_calls"] > 0
        # a rerun asks again only the calls whose replies failed their schema (never cached, issue 28), and loses nothing
        assert again[asset]["llm_calls"] <= meta.get("llm_invalid_replies", 0) and again[asset]["kept"] >= meta["kept"], (asset, meta, again[asset])
    assert materialize(settings).success

    sources = [source for _, source in TASKS.values()] + [EMERGENCY_SOURCE]
    in_final = dict(query(settings, f"SELECT source, count(*) FROM final WHERE source IN {tuple(sources)} GROUP BY source"))
    assert len(in_final) >= 3, (in_final, {a: m["rejected_by_rule"] for a, m in first.items()})
    for meta_json, in query(settings, f"SELECT meta FROM final WHERE source IN {tuple(sources)}"):
        meta = json.loads(meta_json)
        assert meta["model"].startswith("smollm2") and meta["prompt_version"] and meta["attempts"] >= 1
    # an explained row keeps its gold answer and id, and supersedes the bare row, which is quarantined naming it
    for source, base in ((MCQ_EXPLANATION_SOURCE, "medqa"), (SYMPTOM_REASONING_SOURCE, "symptom_to_diagnosis")):
        for row_id, output, reasoning, meta_json in query(settings, f"SELECT id, output, reasoning, meta FROM final WHERE source = '{source}'"):
            base_id = json.loads(meta_json)["base_source_id"]
            assert query(settings, f"SELECT id, output FROM sources.{base} WHERE source_id = '{base_id}'") == [(row_id, output)]
            assert reasoning and query(settings,
                                       f"SELECT reason FROM quarantine WHERE source = '{base}' AND source_id = '{base_id}'") == [("exact_duplicate",)]
    rejected = query(settings, f"SELECT reason, payload FROM quarantine WHERE step = 'synthetic' AND source IN {tuple(sources)}")
    assert all("raw" in json.loads(payload) for _, payload in rejected)
