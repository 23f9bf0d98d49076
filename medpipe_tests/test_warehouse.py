import duckdb
import polars as pl
import pytest

from medpipe.warehouse.rows import quarantine_frame, quarantine_row, rows_frame, Rejection
from medpipe.warehouse.store import read_table, write_step


def test_a_failed_write_leaves_the_previous_table_and_quarantine(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    good = rows_frame([{"id": "1", "source": "s", "source_id": "a", "input": "q", "context": "", "output": "o", "messages": [], "license": "x", "meta": "{}"}])
    quarantined = quarantine_frame([quarantine_row("normalise", "s", "b", Rejection("missing_field", "Answer"), {"Question": "q"})])
    write_step(con, schema="sources", tables={"s": good}, step="normalise", source="s", quarantined=quarantined)
    broken_quarantine = pl.DataFrame({"step": ["normalise"], "unexpected": [1]})
    with pytest.raises(duckdb.Error):
        write_step(con, schema="sources", tables={"s": rows_frame([])}, step="normalise", source="s", quarantined=broken_quarantine)
    assert read_table(con, "sources", "s")["id"].to_list() == ["1"]
    assert con.execute("SELECT reason, payload FROM quarantine").fetchall() == [("missing_field", '{"Question": "q"}')]
