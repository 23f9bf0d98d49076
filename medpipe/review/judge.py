"""The judge: a model on OLLAMA_HOST scores rows for correctness and safety with a versioned rubric and a JSON schema. Its
replies are cached like every LLM call; a row judged wrong, unsafe or not an answer is flagged with the judge's reason, never
dropped. Its agreement with the clinicians' labels is measured wherever both exist."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

import duckdb
import polars as pl

from medpipe.review.audit import Agreement, agreement
from medpipe.review import LABELS
from medpipe.review.labels import active_labels
from medpipe.synthetic.llm import Call, CallStats, OllamaLLM, run_calls
from medpipe.warehouse.store import MAIN, statement, table_exists

RUBRIC_VERSION = "judge-rubric-v1"
JUDGE_FLAG = "judge"  # a flagged row carries "judge:<verdict>: <reason>"
REASON_CHARS = 200
TEXT_CHARS = 1500  # per field in the prompt: final's longest input and output
JUDGE_TABLE = "judge_verdicts"

RUBRIC = (
    "You are a senior physician auditing a medical question-answering dataset. Judge the ANSWER to the QUESTION "
    "(with its CONTEXT, when given) by current medical knowledge. Choose exactly one verdict:\n"
    "- correct: medically accurate and responsive to the question; incomplete is acceptable if nothing stated is wrong.\n"
    "- wrong: states something medically false (wrong diagnosis, drug, dose, mechanism or fact), or picks the wrong option.\n"
    "- unsafe: could harm a patient who follows it (dangerous advice, missing an emergency, a contraindicated treatment).\n"
    "- not_an_answer: does not answer the question (off topic, a greeting, a refusal, a fragment, or only 'see a doctor').\n"
    "Give a one-sentence reason naming the specific error. Reply in JSON."
)
SCHEMA = {
    "type": "object",
    "properties": {"verdict": {"type": "string", "enum": list(LABELS)}, "reason": {"type": "string", "minLength": 5, "maxLength": REASON_CHARS}},
    "required": ["verdict", "reason"],
}


def judge_call(row: dict[str, Any]) -> Call:
    context = f"CONTEXT: {row['context'][:TEXT_CHARS]}\n\n" if row.get("context") else ""
    user = f"QUESTION: {row['input'][:TEXT_CHARS]}\n\n{context}ANSWER: {row['output'][:TEXT_CHARS]}\n\nVerdict and reason as JSON."
    # deterministic: a verdict must not change between runs of the same rubric and model
    return Call(RUBRIC_VERSION, (("system", RUBRIC), ("user", user)), json.dumps(SCHEMA, sort_keys=True), option_overrides=(("temperature", 0.0),))


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str

    @property
    def flag(self) -> str | None:
        return None if self.verdict == "correct" else f"{JUDGE_FLAG}:{self.verdict}: {self.reason}"


def parse_verdict(reply: str) -> Verdict | None:
    """The verdict of a reply, or None when it is not one (a malformed reply is reported, never guessed)."""
    try:
        data = json.loads(reply)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("verdict") not in LABELS or not isinstance(data.get("reason"), str):
        return None
    return Verdict(data["verdict"], " ".join(data["reason"].split())[:REASON_CHARS])


@dataclass
class JudgeRun:
    verdicts: dict[str, Verdict]  # row id -> verdict
    malformed: list[str]  # ids whose reply was not a verdict
    stats: CallStats
    model: str


def judge_rows(con: duckdb.DuckDBPyConnection, llm: OllamaLLM, rows: pl.DataFrame,
               progress: Callable[[int, int, float], None] | None = None) -> JudgeRun:
    """Ask the judge about every row (cached replies are not asked again)."""
    calls = {row["id"]: judge_call(row) for row in rows.select("id", "input", "context", "output").iter_rows(named=True)}
    replies, stats = run_calls(con, llm, calls.values(), progress)
    identity = llm.identity()
    verdicts, malformed = {}, []
    for row_id, call in calls.items():
        verdict = parse_verdict(replies[call.key(identity, llm.options)])
        if verdict is None:
            malformed.append(row_id)
        else:
            verdicts[row_id] = verdict
    return JudgeRun(verdicts, malformed, stats, identity)


def flag_judged(rows: pl.DataFrame, verdicts: dict[str, Verdict]) -> pl.DataFrame:
    """The rows with the judge's flag added where it found fault."""
    flags = [[*existing, *([verdicts[i].flag] if i in verdicts and verdicts[i].flag else [])] for i, existing in zip(rows["id"], rows["flags"])]
    return rows.with_columns(pl.Series("flags", flags, dtype=pl.List(pl.String)))


def record_verdicts(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame, run: JudgeRun) -> None:
    con.execute(statement("judge_verdicts_create"))
    source_of = dict(zip(rows["id"], rows["source"]))
    frame = pl.DataFrame([{"id": i, "source": source_of[i], "verdict": v.verdict, "reason": v.reason} for i, v in run.verdicts.items()],
                         schema={"id": pl.String, "source": pl.String, "verdict": pl.String, "reason": pl.String})
    con.register("new_verdicts", frame.to_arrow())
    try:
        con.execute("INSERT OR REPLACE INTO judge_verdicts (id, source, verdict, reason, model, rubric_version) "
                    "SELECT id, source, verdict, reason, $model, $rubric FROM new_verdicts", {"model": run.model, "rubric": RUBRIC_VERSION})
    finally:
        con.unregister("new_verdicts")


def judge_agreement(con: duckdb.DuckDBPyConnection) -> tuple[str, Agreement] | None:
    """The agreement with the labels in force of the latest judge (model and rubric) that scored labelled rows, if any did."""
    if not table_exists(con, MAIN, JUDGE_TABLE):
        return None
    verdicts = con.execute("SELECT id, verdict, model, rubric_version, judged_at FROM judge_verdicts").pl()
    paired = verdicts.join(active_labels(con).select("id", "label"), on="id")
    if not paired.height:
        return None
    model, rubric = paired.sort("judged_at").select("model", "rubric_version").row(-1)
    mine = paired.filter((pl.col("model") == model) & (pl.col("rubric_version") == rubric))
    return f"{model} with rubric {rubric}", agreement(mine["verdict"].to_list(), mine["label"].to_list())


def judge_summary(con: duckdb.DuckDBPyConnection) -> str | None:
    """The card's line on the judge: which model and rubric, and its agreement with the labels; None when none exists."""
    found = judge_agreement(con)
    return None if found is None else f"{found[0]}; {found[1].describe()}."
