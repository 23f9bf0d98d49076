"""Raw readers: the files a source is published in, and the Hub, turned into keyed raw records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import polars as pl

from medpipe.sources.dialogue import parse_meddialog_text
from medpipe.warehouse.rows import Rejection


@dataclass(frozen=True)
class RawRecord:
    """One record as read, keyed by where it came from; `error` set when it could not even be parsed."""

    source_id: str
    record: dict[str, Any] | None
    error: Rejection | None = None


class SourceUnavailable(RuntimeError):
    """The source cannot be read here (no folder, no file, no network); the message says what to do."""


BOM = "\ufeff"


def read_jsonl(path: Path, split: str) -> Iterator[RawRecord]:
    with path.open(encoding="utf-8-sig") as lines:  # utf-8-sig: a leading byte-order mark is not part of the first record
        for line_no, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            key = f"{split}:{line_no}"
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RawRecord(key, None, Rejection("invalid_json", f"{exc}: {line[:200]}"))
                continue
            yield _as_record(key, value)


def read_json(path: Path, split: str) -> Iterator[RawRecord]:
    """A JSON array of objects; an object wrapping one array (`{"intents": [...]}`); or a title -> text map."""
    value = json.loads(path.read_text(encoding="utf-8-sig"))
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(value) == 1 and len(lists) == 1:
            value = lists[0]
        elif all(isinstance(v, str) for v in value.values()):
            value = [{"key": k, "value": v} for k, v in value.items()]
    if not isinstance(value, list):
        raise SourceUnavailable(f"{path.name}: expected a JSON array of records, found {type(value).__name__}")
    for index, item in enumerate(value):
        yield _as_record(f"{split}:{index}", item)


def read_parquet(path: Path, split: str) -> Iterator[RawRecord]:
    for index, row in enumerate(pl.read_parquet(path).iter_rows(named=True)):
        yield RawRecord(f"{split}:{index}", row)


def read_csv(path: Path, split: str) -> Iterator[RawRecord]:
    frame = pl.read_csv(path, infer_schema=False)
    for index, row in enumerate(frame.iter_rows(named=True), start=2):
        yield RawRecord(f"{split}:line{index}", row)


def read_xlsx(path: Path, split: str) -> Iterator[RawRecord]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(name).strip() if name is not None else "" for name in next(rows)]
        for row_no, values in enumerate(rows, start=2):
            if all(v is None for v in values):
                continue
            yield RawRecord(f"{sheet.title}!{row_no}", dict(zip(header, values)))
    finally:
        workbook.close()


def read_meddialog_txt(path: Path, split: str) -> Iterator[RawRecord]:
    """MedDialog's original text release; a repeated id keeps both dialogues, keyed apart by line."""
    seen: set[str] = set()
    for dialogue in parse_meddialog_text(path.read_text(encoding="utf-8-sig")):
        key = f"{split}:id={dialogue.dialogue_id}"
        if key in seen:
            key = f"{key}@line{dialogue.line_no}"
        seen.add(key)
        record = {
            "dialogue_id": dialogue.dialogue_id,
            "dialogue_url": dialogue.url,
            "description": dialogue.description,
            "dialogue_turns": [{"speaker": s, "utterance": u} for s, u in dialogue.turns],
        }
        yield RawRecord(key, record)


READERS: dict[str, Callable[[Path, str], Iterator[RawRecord]]] = {
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".parquet": read_parquet,
    ".csv": read_csv,
    ".xlsx": read_xlsx,
    ".txt": read_meddialog_txt,
}


def read_file(path: Path, split: str) -> Iterator[RawRecord]:
    """A file's records; a file that cannot be read as a whole raises SourceUnavailable saying what to do."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceUnavailable(f"{path}: no reader for '{path.suffix}' files (known: {', '.join(READERS)})")
    try:
        for raw in reader(path, split):
            yield raw if raw.record is None else RawRecord(raw.source_id, alike(raw.record), raw.error)
    except SourceUnavailable:
        raise
    except Exception as exc:  # json, polars, openpyxl and the OS each raise their own types
        raise SourceUnavailable(
            f"{path} cannot be read as a {path.suffix} file ({type(exc).__name__}: {exc}). "
            "Replace it with an intact copy, or remove the source's folder to skip the source."
        ) from exc


def read_hub(hub_id: str, config: str | None, split: str, revision: str, max_rows: int | None) -> Iterator[RawRecord]:
    """Rows of a Hub dataset through `datasets.load_dataset`; streamed when capped, so a 9 GB source is not downloaded whole."""
    from datasets import load_dataset

    try:
        dataset = load_dataset(hub_id, config, split=split, revision=revision, streaming=max_rows is not None)
        for index, row in enumerate(dataset):
            if max_rows is not None and index >= max_rows:
                break
            yield RawRecord(f"{split}:{index}", dict(row))
    except Exception as exc:  # datasets raises many types for network, auth and missing revisions
        raise SourceUnavailable(
            f"could not load {hub_id} (config={config}, split={split}, revision={revision}): {exc}. "
            "Check the network and HF_TOKEN, or run offline on bundled samples with MEDPIPE_OFFLINE=1, "
            "or point MEDPIPE_RAW_DIR at local copies of the files."
        ) from exc


def alike(value: Any) -> Any:
    """A record as it would read from a file saved without a byte-order mark and with LF line ends, whatever the format
    (a BOM left on the first column name of a CSV exported to xlsx or Parquet; CRLF inside a cell or a JSON string)."""
    if isinstance(value, str):
        return value.removeprefix(BOM).replace("\r\n", "\n") if BOM in value or "\r" in value else value
    if isinstance(value, dict):
        return {(k.removeprefix(BOM) if isinstance(k, str) else k): alike(v) for k, v in value.items()}
    if isinstance(value, list):
        return [alike(v) for v in value]
    return value


def _as_record(key: str, value: Any) -> RawRecord:
    if isinstance(value, dict):
        return RawRecord(key, value)
    return RawRecord(key, None, Rejection("not_an_object", json.dumps(value, ensure_ascii=False)[:200]))
