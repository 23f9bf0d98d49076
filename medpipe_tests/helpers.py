from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from medpipe.definitions import defs, stage_resources
from medpipe.settings import PROJECT_ROOT, Settings


def offline_settings(duckdb_path: Path, **overrides: Any) -> Settings:
    """Settings of a test: its own DuckDB file, the bundled samples (offline), and whatever the test changes."""
    return Settings(duckdb_path=duckdb_path, offline=True, **overrides)


def dagster_home(folder: Path) -> Path:
    """A DAGSTER_HOME of a test's own with the project's dagster.yaml (storage at Dagster's defaults under it)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "dagster.yaml", folder / "dagster.yaml")
    return folder


def final_frame(sources: list[str], outputs: list[str] | None = None) -> pl.DataFrame:
    """Rows in `final`'s schema, one per source name given: distinct questions, and answers (`outputs`, or a distinct one each)."""
    n = len(sources)
    return pl.DataFrame({"split": "train", "id": [f"id{i}" for i in range(n)], "source": sources, "source_id": [f"s{i}" for i in range(n)],
                         "input": [f"Which drug treats condition number {i}?" for i in range(n)], "context": "",
                         "output": outputs if outputs is not None else [f"The drug for condition {i}." for i in range(n)], "reasoning": None,
                         "messages": [[]] * n, "license": "x", "meta": "{}", "flags": [[]] * n},
                        schema_overrides={"reasoning": pl.String, "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String})),
                                          "flags": pl.List(pl.String)})


def resources_for(settings: Settings) -> dict[str, object]:
    return stage_resources(settings)


NOT_SYNTHETIC = dg.AssetSelection.all() - dg.AssetSelection.groups("synthetic")  # partitioned: generated in their own tests
FINAL = dg.AssetSelection.assets("final").upstream() & NOT_SYNTHETIC
RELEASE = dg.AssetSelection.assets("hub_release").upstream() & NOT_SYNTHETIC


def materialize(settings: Settings, selection: str | dg.AssetSelection = FINAL, raise_on_error: bool = True,
                instance: dg.DagsterInstance | None = None, **resources: object) -> dg.ExecuteInProcessResult:
    """Materialise a selection of the project's assets (and their checks) against the settings' DuckDB file."""
    return dg.materialize([*defs.assets, *defs.asset_checks], resources=resources_for(settings) | resources, selection=selection,
                          raise_on_error=raise_on_error, instance=instance)


def metadata(result: dg.ExecuteInProcessResult, node: str) -> dict[str, object]:
    return {key: value.value for key, value in result.asset_materializations_for_node(node)[0].metadata.items()}


def check_results(result: dg.ExecuteInProcessResult) -> dict[str, tuple[bool, dict[str, object]]]:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    return {e.check_name: (e.passed, {k: v.value for k, v in e.metadata.items()}) for e in evaluations}


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.execute(sql).fetchall()


# ---- a scan of published text for identifiers, independent of the scrubber's rules (issue 12's real-file check) ----

# words the real files put after "doctor"/"dr" that are not names (verbs, adverbs, typos); any other word fails the scan
NOT_NAMES_AFTER_DOCTOR = frozenset("advised advises asap clarified consultation hears pneumonia preferably prescribed rang refered wishing".split())
_DOCTOR = re.compile(r"(?:\b|(?<=regards)|(?<=rgds)|(?<=care)|(?<=wishes)|(?<=thanks))(?:dr|doctor)\b\.?[ \t]*(\[NAME\][ \t]*)?"
                     r"([^\W\d_][\w'’-]*)(?:[ \t]+([^\W\d_][\w'’-]*))?", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|\b[\w.+-]+[ \t]*(?:\(at\)|\[at\]|[ \t]at[ \t])[ \t]*[\w-]+"
                    r"(?:\.|[ \t]?\(dot\)[ \t]?|[ \t]?\[dot\][ \t]?|[ \t]dot[ \t])(?:com|org|net|co|in|edu)\b")
_PHONE = re.compile(r"(?<![\w./-])\+?\(?\d[\d \t().-]{7,18}\d(?![\w./]|-\w)")
_PUBLIC_NUMBER = re.compile(r"hot[ \t]?line|help[ \t]?line|toll.?free|poison|\bndc\b|\blot\b|medwatch|whats[ \t]?app|public|\bfda\b", re.IGNORECASE)
_TOLL_FREE = re.compile(r"\(?(?:\+\d{1,3}[ \t]?)?(?:0800|0600|1-?800|800)")
_NAME_ON_EPONYM = re.compile(r"\[NAME\](?:['’]s?)?[ \t]+(?:disease|syndrome|sign|lymphoma|angina|palsy|reflex|test|tumou?r|ulcer|fracture)\b"
                             r"|[–—]\[NAME\]|\[NAME\][–—]", re.IGNORECASE)
_NAME_ON_DRUG = re.compile(r"(?:brand|generic|trade)[ \t]+name[ \t]*:?[ \t]*\[NAME\]|(?:vaccine|drug|medicine|medication|tablet|injection)s?\W+"
                           r"(?:\w+\W+){0,2}(?:called|named)[ \t]+\[NAME\]|[^\W\d_][·\u00ad\u200b-\u200d\u2060]*\[NAME\]", re.IGNORECASE)


def published_strings(settings: Settings, table: str = "final") -> list[tuple[str, str, str]]:
    """(source, column, text) of every published text of a table: the text columns, each message turn, each string of meta."""

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    out = []
    for source, *texts, messages, meta in query(settings, f"SELECT source, input, context, output, reasoning, messages, meta FROM {table}"):
        out += [(source, column, text) for column, text in zip(("input", "context", "output", "reasoning"), texts) if text]
        out += [(source, "messages", turn["content"]) for turn in messages or [] if turn["content"]]
        if meta:
            try:
                out += [(source, "meta", text) for text in strings(json.loads(meta))]
            except ValueError:
                out.append((source, "meta", meta))
    return out


def phi_suspects(settings: Settings, table: str = "final") -> dict[str, list[str]]:
    """What an independent scan finds in the published texts: doctor names ("dr"/"doctor" then a word that is neither a
    placeholder, a common word, a role nor a known non-name), e-mail addresses (plain and obfuscated), personal phone numbers
    (9+ digits outside a URL, no toll-free prefix, no hotline/product-code context), and [NAME] on an eponym or a drug."""
    from medpipe.curation.phi import FUNCTION_WORDS, ROLES, lexicon

    common = lexicon()[3] | FUNCTION_WORDS | ROLES | NOT_NAMES_AFTER_DOCTOR
    found: dict[str, list[str]] = {"doctor_name": [], "email": [], "personal_phone": [], "name_on_eponym": [], "name_on_drug": []}
    for source, column, text in published_strings(settings, table):
        where = lambda m: f"{source} {column}: {text[max(0, m.start() - 40):m.end() + 20]!r}"  # noqa: E731
        for m in _DOCTOR.finditer(text):
            words = [m.group(2), *([m.group(3)] if m.group(1) and m.group(3) else [])]
            lows = [w.lower().rstrip("'’-.") for w in words]
            if any(len(w) > 2 and w.removesuffix("'s").removesuffix("’s") not in common for w in lows):
                found["doctor_name"].append(where(m))
        found["email"] += [where(m) for m in _EMAIL.finditer(text)]
        for m in _PHONE.finditer(text):
            token = next((t for t in text.split() if m.group(0).split()[0] in t), "")
            if sum(c.isdigit() for c in m.group(0)) < 9 or "/" in token or "=" in token or _TOLL_FREE.match(m.group(0)):
                continue
            if not _PUBLIC_NUMBER.search(text, max(0, m.start() - 80), min(len(text), m.end() + 40)):
                found["personal_phone"].append(where(m))
        found["name_on_eponym"] += [where(m) for m in _NAME_ON_EPONYM.finditer(text)]
        found["name_on_drug"] += [where(m) for m in _NAME_ON_DRUG.finditer(text)]
    return found
