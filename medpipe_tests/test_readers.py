from pathlib import Path

import polars as pl
import pytest
from openpyxl import Workbook

from medpipe.settings import PROJECT_ROOT
from medpipe.sources.readers import SourceUnavailable, read_file, read_json, read_jsonl, read_xlsx


def test_jsonl_quarantines_a_broken_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_text('{"a": 1}\n{"a": \n\n[1, 2]\n', encoding="utf-8")
    records = list(read_jsonl(path, "train"))
    assert [r.source_id for r in records] == ["train:1", "train:2", "train:4"]
    assert records[0].record == {"a": 1}
    assert records[1].error.reason == "invalid_json"
    assert records[2].error.reason == "not_an_object"


def test_json_layouts(tmp_path: Path) -> None:
    wrapped = tmp_path / "intents.json"
    wrapped.write_text('{"intents": [{"tag": "x"}]}', encoding="utf-8")
    assert [r.record for r in read_json(wrapped, "train")] == [{"tag": "x"}]
    mapping = tmp_path / "wiki.json"
    mapping.write_text('{"Asthma": "A disease."}', encoding="utf-8")
    assert [r.record for r in read_json(mapping, "train")] == [{"key": "Asthma", "value": "A disease."}]
    scalar = tmp_path / "bad.json"
    scalar.write_text('"text"', encoding="utf-8")
    with pytest.raises(SourceUnavailable, match="expected a JSON array"):
        list(read_json(scalar, "train"))


def test_xlsx_rows_are_keyed_by_sheet_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "DrugQA"
    sheet.append(["Question", "Answer"])
    sheet.append(["how to take it", "with food"])
    sheet.append([None, None])
    sheet.append(["q2", None])
    path = tmp_path / "qa.xlsx"
    book.save(path)
    records = list(read_xlsx(path, "train"))
    assert [(r.source_id, r.record) for r in records] == [
        ("DrugQA!2", {"Question": "how to take it", "Answer": "with food"}),
        ("DrugQA!4", {"Question": "q2", "Answer": None}),
    ]


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<x/>", encoding="utf-8")
    with pytest.raises(SourceUnavailable, match=r"no reader for '\.xml'"):
        list(read_file(path, "train"))


def test_a_truncated_file_fails_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "demo_data.json"
    path.write_text('[{"Question": "q", "Response"', encoding="utf-8")
    with pytest.raises(SourceUnavailable, match=r"cannot be read as a \.json file .*Replace it with an intact copy"):
        list(read_file(path, "train"))


# ---- a byte-order mark and CRLF line ends read as a file without them, in every format ----

def _bom_crlf_pair(tmp_path: Path, suffix: str, text: str) -> tuple[Path, Path]:
    plain, marked = tmp_path / f"plain{suffix}", tmp_path / f"marked{suffix}"
    plain.write_bytes(text.encode("utf-8"))
    marked.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return plain, marked


def _records(path: Path) -> list[tuple[str, object, object]]:
    return [(r.source_id, r.record, r.error) for r in read_file(path, "train")]


@pytest.mark.parametrize("suffix, text", [
    (".jsonl", '{"question": "q1", "answer": "a1"}\n{"question": "q2", "answer": "line one\\nline two"}\n'),
    (".json", '[\n  {"question": "q1", "answer": "a1"},\n  {"question": "q2", "answer": "a2"}\n]\n'),
    (".csv", 'question,answer\nq1,a1\nq2,"line one\nline two"\n'),
    (".txt", (PROJECT_ROOT / "medpipe/samples/meddialog_en/english-train.txt").read_text(encoding="utf-8")[:3000].rsplit("\nid=", 1)[0] + "\n"),
])
def test_a_text_file_with_a_bom_and_crlf_reads_as_the_same_records(suffix: str, text: str, tmp_path: Path) -> None:
    plain, marked = _bom_crlf_pair(tmp_path, suffix, text)
    expected = _records(plain)
    assert expected and all(error is None for _, _, error in expected)
    assert _records(marked) == expected


def test_an_xlsx_with_a_bom_on_its_first_header_and_crlf_in_a_cell_reads_as_a_clean_one(tmp_path: Path) -> None:
    def save(name: str, header: str, answer: str) -> Path:
        book = Workbook()
        book.active.append([header, "Answer"])
        book.active.append(["q1", answer])
        book.save(tmp_path / name)
        return tmp_path / name

    assert _records(save("marked.xlsx", "\ufeffQuestion", "line one\r\nline two")) == _records(save("plain.xlsx", "Question", "line one\nline two"))


def test_a_parquet_with_a_bom_on_its_first_column_and_crlf_in_a_value_reads_as_a_clean_one(tmp_path: Path) -> None:
    pl.DataFrame({"\ufeffquestion": ["q1"], "answer": ["line one\r\nline two"]}).write_parquet(tmp_path / "marked.parquet")
    pl.DataFrame({"question": ["q1"], "answer": ["line one\nline two"]}).write_parquet(tmp_path / "plain.parquet")
    assert _records(tmp_path / "marked.parquet") == _records(tmp_path / "plain.parquet")
