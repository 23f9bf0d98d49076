from pathlib import Path

import pytest
from openpyxl import Workbook

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
