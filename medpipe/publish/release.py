"""The Hub-ready dataset folder: Parquet shards per split, fine-tuning exports, plots and the dataset card,
written to a temporary folder and swapped in only when complete."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

import medpipe
from medpipe.publish.audit import near_duplicate_pairs
from medpipe.publish.prompts import SYSTEM_PROMPTS, system_prompt
from medpipe.publish.provenance import Provenance
from medpipe.publish.svg import bar_chart, histogram
from medpipe.review.audit import SourceAudit, card_section
from medpipe.sources.catalog import GENERATED_FROM, source_kind
from medpipe.warehouse.rows import FINAL_COLUMNS, content_version

SYSTEM_PROMPT = SYSTEM_PROMPTS["consultation"]  # the app and the adapter's sample answers ask consultation questions
RELEASE_COLUMNS = [c for c in FINAL_COLUMNS if c != "split"]  # the split is the file a row is in
SHARD_ROWS = 100_000


@dataclass(frozen=True)
class SourceInfo:
    name: str
    hub_id: str
    license: str


@dataclass(frozen=True)
class BuildFacts:
    """What this build did, read from the warehouse: the card states these and nothing more."""

    sources: list[SourceInfo]
    excluded: dict[str, str]  # source -> why it is not in the release
    step_configs: dict[str, dict[str, Any]]  # curation step -> the config it ran with
    step_sentences: list[str]  # each curation step's account of what it did (its `describe`), in step order
    eval_sets_loaded: dict[str, int]  # evaluation set -> questions checked against
    eval_sets_skipped: list[str]
    export_reasoning: bool = True  # the chain of thought goes into the exports' assistant turns as a <think> block
    provenance: dict[str, Provenance] = field(default_factory=dict)  # source -> origin and licence of the files read
    skipped: dict[str, str] = field(default_factory=dict)  # source -> why it read nothing in this build
    quarantined: dict[str, int] = field(default_factory=dict)  # "step: reason" -> rows
    audits: list[SourceAudit] = field(default_factory=list)  # per source with labels in force
    judge_agreement: str | None = None  # the judge model's agreement with the labels, when both exist


@dataclass(frozen=True)
class Release:
    folder: Path
    data_version: str
    pipeline_version: str
    rows_by_split: dict[str, int]
    rows_by_source: dict[str, int]
    files: list[str]


def pipeline_version() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
                                cwd=Path(medpipe.__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return f"medpipe {medpipe.__version__} ({commit})"


def with_reasoning(row: dict[str, Any], answer: str, reasoning: bool) -> str:
    """The answer, led by the row's chain of thought in a <think> block, the form reasoning-SFT trainers
    (DeepSeek-R1 style chat templates, TRL) expect inside the assistant turn."""
    return f"<think>\n{row['reasoning']}\n</think>\n\n{answer}" if reasoning and row.get("reasoning") else answer


def chat_messages(row: dict[str, Any], reasoning: bool = True) -> list[dict[str, str]]:
    """System, user and assistant turns for TRL's SFT trainer; dialogues keep all their turns, and a
    single-turn row keeps its context (options, passage) in the user turn."""
    if row["messages"]:
        turns = [{"role": m["role"], "content": m["content"]} for m in row["messages"]]
        if turns and turns[-1]["role"] == "assistant":
            turns[-1]["content"] = with_reasoning(row, turns[-1]["content"], reasoning)
    else:
        user = f"{row['input']}\n\n{row['context']}" if row["context"] else row["input"]
        turns = [{"role": "user", "content": user}, {"role": "assistant", "content": with_reasoning(row, row["output"], reasoning)}]
    return [{"role": "system", "content": system_prompt(row.get("source") or "")}, *turns]


def alpaca_record(row: dict[str, Any], reasoning: bool = True) -> dict[str, str]:
    return {"instruction": row["input"], "input": row["context"] or "", "output": with_reasoning(row, row["output"], reasoning)}


def provenance(row: dict[str, Any]) -> dict[str, str]:
    """What traces an exported row back to `final` and its source: its id and source."""
    return {"id": row["id"], "source": row["source"]}


def chat_record(row: dict[str, Any], reasoning: bool) -> dict[str, Any]:
    """One line of a chat export: the row's id and source, and its messages."""
    return provenance(row) | {"messages": chat_messages(row, reasoning)}


def write_release(final: pl.DataFrame, target: Path, facts: BuildFacts) -> Release:
    """Write the whole release into a folder beside `target` (the returned Release's folder); `swap_in` makes it the release."""
    partial = target.parent / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "data").mkdir(parents=True)
    (partial / "exports").mkdir()
    (partial / "plots").mkdir()
    splits = {split: final.filter(pl.col("split") == split).select(RELEASE_COLUMNS) for split in sorted(final["split"].unique().to_list())}
    files = []
    for split, rows in splits.items():
        shards = max(1, -(-rows.height // SHARD_ROWS))
        for shard in range(shards):
            name = f"data/{split}-{shard:05d}-of-{shards:05d}.parquet"
            # plain (not large) Arrow strings: what `datasets` and the Hub viewer expect
            pq.write_table(rows.slice(shard * SHARD_ROWS, SHARD_ROWS).to_arrow(compat_level=pl.CompatLevel.oldest()), partial / name)
            files.append(name)
        for kind, make in (("chat", lambda r: chat_record(r, facts.export_reasoning)),
                           ("alpaca", lambda r: provenance(r) | alpaca_record(r, facts.export_reasoning))):
            name = f"exports/{kind}_{split}.jsonl"
            with (partial / name).open("w", encoding="utf-8") as out:
                for row in rows.iter_rows(named=True):
                    out.write(json.dumps(make(row), ensure_ascii=False) + "\n")
            files.append(name)
    by_source = dict(sorted(final.group_by("source").len().iter_rows()))
    (partial / "plots" / "rows_per_source.svg").write_text(bar_chart(by_source, "Rows per source"), encoding="utf-8")
    (partial / "plots" / "lengths.svg").write_text(
        histogram({"input": final["input"].str.len_chars().to_list(), "output": final["output"].str.len_chars().to_list()},
                  "Length of input and output (characters)"),
        encoding="utf-8")
    files += ["plots/rows_per_source.svg", "plots/lengths.svg"]
    release = Release(target, content_version(final), pipeline_version(), {s: r.height for s, r in splits.items()}, by_source,
                      files + ["README.md", "LICENSE", "manifest.json"])
    (partial / "README.md").write_text(dataset_card(release, facts, final), encoding="utf-8")
    (partial / "LICENSE").write_text(licence_file(release, facts), encoding="utf-8")
    (partial / "manifest.json").write_text(json.dumps({"data_version": release.data_version, "pipeline_version": release.pipeline_version,
                                                       "rows_by_split": release.rows_by_split, "rows_by_source": release.rows_by_source,
                                                           "files": release.files}, indent=2), encoding="utf-8")
    return replace(release, folder=partial)


def local_exports(data_dir: Path) -> Path:
    """Where the chat export of the rows kept for local training only is written: beside the release folder, never pushed."""
    return data_dir / "local_training"


def write_local_exports(withheld_rows: pl.DataFrame, folder: Path, reasoning: bool) -> dict[str, int]:
    """The chat export of the rows `final` keeps for local training only (sources whose licence forbids republishing, such as
    MedDialog), one file per split, in a folder that is never pushed; replaced whole, so a kill leaves the previous one."""
    partial = folder.parent / f".{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    counts = {}
    for split in sorted(withheld_rows["split"].unique().to_list()):
        rows = withheld_rows.filter(pl.col("split") == split)
        with (partial / f"chat_{split}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows.iter_rows(named=True):
                out.write(json.dumps(chat_record(row, reasoning), ensure_ascii=False) + "\n")
        counts[split] = rows.height
    replace_folder(partial, folder)
    return counts


def replace_folder(written: Path, target: Path) -> None:
    """Make a written folder `target`; until this returns, the previous folder stays whole."""
    previous = target.parent / f".{target.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    written.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def swap_in(release: Release, target: Path) -> Release:
    """Make a written release the current one; until this returns, the previous folder stays whole."""
    replace_folder(release.folder, target)
    return replace(release, folder=target)


def size_category(n: int) -> str:
    for bound, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < bound:
            return label
    return "1M<n<10M"


def licence_file(release: Release, facts: BuildFacts) -> str:
    """The card's `license_link`: each source's licence, as its catalog entry states it."""
    licences = {s.name: s for s in facts.sources}
    lines = [f"- {name} ({licences[name].hub_id}): {licences[name].license}" if name in licences else f"- {name}: {generated_origin(name, licences)}"
             for name in release.rows_by_source]
    return ("This dataset mixes sources under different licences. Each row's `license` column names its source's licence:\n\n"
            + "\n".join(lines) + "\n\nUse of a row is governed by its source's licence and terms.\n")


def generated_origin(name: str, licences: dict[str, SourceInfo]) -> str:
    base = GENERATED_FROM.get(name)
    if base in licences:
        return f"generated by medpipe from {base} rows ({licences[base].hub_id}); their licence applies: {licences[base].license}"
    return "generated by medpipe from the guideline PDFs; see their licences"


def dataset_card(release: Release, facts: BuildFacts, final: pl.DataFrame) -> str:
    total = sum(release.rows_by_split.values())
    licenses = {s.name: s for s in facts.sources}
    split_files = "\n".join(f"  - split: {split}\n    path: data/{split}-*.parquet" for split in release.rows_by_split)
    table = "\n".join(source_line(name, n, licenses, facts) for name, n in release.rows_by_source.items())
    privacy_flagged = final.filter(pl.col("flags").list.eval(pl.element().str.starts_with("phi_redacted:")).list.any()).height
    # a source withheld from republishing that read nothing in this build is listed as skipped, not as present
    excluded_lines = "\n".join(f"- `{name}`: {reason}" for name, reason in facts.excluded.items() if name not in facts.skipped) or "- none"
    skipped_lines = "\n".join(f"- `{name}`: {why}" for name, why in facts.skipped.items() if name not in release.rows_by_source) or "- none"
    built = how_it_was_built(facts)
    return f"""---
license: other
license_name: mixed-per-source
license_link: LICENSE
task_categories:
- question-answering
- text-generation
language:
- en
tags:
- medical
- healthcare
- first-aid
- medical-qa
- dialogue
size_categories:
- {size_category(total)}
pretty_name: medpipe medical Q&A and dialogue
configs:
- config_name: default
  data_files:
{split_files}
---

# medpipe medical Q&A and dialogue dataset

**{total:,} rows** ({", ".join(f"{split}: {n:,}" for split, n in release.rows_by_split.items())}) of medical questions, answers and patient-doctor
dialogues, built reproducibly by {release.pipeline_version}. Data version `{release.data_version}`.

> **Medical disclaimer.** This dataset is for education and research. It is not medical advice, and a model trained on it must not
> replace a qualified health professional. In an emergency, contact your local emergency services.

## Fields

| field | meaning |
|---|---|
| `id` | hash of the normalised input, context and output |
| `source`, `source_id` | the source and the row's key in it |
| `input`, `context`, `output` | question or patient turn; options, passage or earlier turns; the gold answer |
| `reasoning` | chain of thought, where the source has one, kept apart from the answer |
| `messages` | dialogue turns (`role`, `content`); empty for single-turn rows |
| `license` | the source's licence |
| `meta` | JSON of source-specific fields |
| `flags` | quality flags: PHI redacted (`phi_redacted:NAME`, ...), MCQ answer leaks, \
and a judge model's finding (`judge:<verdict>: <reason>`) when one ran |

## Sources

| source | kind | origin of the files read | rows | licence of the files read |
|---|---|---|---|---|
{table}

A licence of `unknown` means the files read carry no licence of their own; such a source is not pushed to the Hub unless its
licence is configured. Not in this release:
{excluded_lines}

Skipped in this build (no rows read), with why:
{skipped_lines}

## Quality flags

{flag_table(final)}

## System prompts

The chat exports give each row the system prompt of its kind, so no prompt contradicts its answer:

{prompt_table()}

![Rows per source](plots/rows_per_source.svg)

![Length distributions](plots/lengths.svg)

## How it was built

{built}

Exports for fine-tuning: `exports/chat_<split>.jsonl` (`messages` with system, user and assistant turns, as TRL's SFT trainer reads them)
and `exports/alpaca_<split>.jsonl` (`instruction`, `input`, `output`). {
("Where a row has a chain of thought (`reasoning`), the assistant turn and the Alpaca output start with it in a `<think>...</think>` block, "
 "the form reasoning-SFT chat templates expect; the `reasoning` column keeps it apart in the Parquet files.") if facts.export_reasoning else
"The chain of thought (`reasoning`) is left out of the exports (config `export_reasoning: false`); the Parquet files keep it."}

## Clinician audit

{card_section(facts.audits, release.rows_by_source, facts.judge_agreement)}

## Limitations

- Licences differ per source (see the table); some sources publish no licence, and MedDialog's source sites restrict \
republishing. Check them before use.
- PHI redaction is rule-based: names written in lower case or without a cue (title, sign-off, "my name is") can remain. \
{privacy_flagged:,} rows carry a privacy flag (`phi_redacted:*`).
- Answers come from their sources; only the audited samples above were reviewed by clinicians. Guidance may be outdated or region-specific.
- Near and semantic duplicates must match in the answer as well as the question; the same question with a different answer is kept and flagged \
`same_question_other_answer`.
  Measured on this release: {near_duplicate_pairs(final):,} pairs of rows whose question+answer word 5-gram Jaccard is >= 0.8 \
({release_share(final):.2%} of the rows).
"""


def source_line(name: str, n: int, licences: dict[str, SourceInfo], facts: BuildFacts) -> str:
    if name in facts.provenance:
        found = facts.provenance[name]
        return f"| {name} | {source_kind(name)} | {found.origin} | {n:,} | {found.licence} |"
    if name in licences:
        return f"| {name} | {source_kind(name)} | {licences[name].hub_id} | {n:,} | {licences[name].license} |"
    return f"| {name} | {source_kind(name)} | generated by medpipe | {n:,} | {generated_origin(name, licences)} |"


def flag_table(final: pl.DataFrame) -> str:
    """Rows per flag kind (a flag's text before ':'), and per flag."""
    flags = final.select(pl.col("flags").list.unique()).explode("flags").drop_nulls()
    if flags.is_empty():
        return "No row carries a flag."
    counts = flags.group_by("flags").len().sort("flags")
    lines = [f"| `{flag}` | {n:,} |" for flag, n in counts.iter_rows()]
    return "Rows carrying each flag (a row lists each flag once):\n\n| flag | rows |\n|---|---|\n" + "\n".join(lines)


def prompt_table() -> str:
    return "| kind | system prompt |\n|---|---|\n" + "\n".join(f"| {kind} | {prompt} |" for kind, prompt in SYSTEM_PROMPTS.items())


def release_share(final: pl.DataFrame) -> float:
    return near_duplicate_pairs(final) / final.height if final.height else 0.0


def how_it_was_built(facts: BuildFacts) -> str:
    """The curation as this build ran it: each step's own account of itself (its `describe`, from the config it ran with), and what
    only the build's counts can say."""
    parts = ["Every source is normalised into one schema; malformed rows, empty or placeholder answers and templates with an empty slot are "
             "quarantined with their reason.", *facts.step_sentences]
    if "filter_language" in facts.step_configs:
        dropped = sum(n for k, n in facts.quarantined.items() if k.startswith("filter_language:"))
        parts.append(f"The language step quarantined {dropped:,} rows in this build.")
    if "decontaminate" in facts.step_configs:
        loaded = ", ".join(f"{name} ({n:,} questions)" for name, n in facts.eval_sets_loaded.items()) or "none (no evaluation set could be read)"
        parts.append(f"Evaluation sets checked for contamination: {loaded}."
                     + (f" Not checked (not available to this build): {', '.join(facts.eval_sets_skipped)}." if facts.eval_sets_skipped else ""))
    parts.append("The split is a hash of each row's split group: rows sharing a normalised question, an answer of 40+ characters or a "
                 "near-duplicate question (word 5-gram Jaccard >= 0.8) share a split, so no test question or answer is in train. "
                 "A Great Expectations suite gates every release.")
    return "\n".join(parts)
