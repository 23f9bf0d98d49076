"""The expectation suite that gates a release, run with Great Expectations Core (1.x) on `final`."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Callable

import polars as pl

from medpipe.publish.integrity import characters_frame
from medpipe.publish.audit import empty_slot_column, leakage_column
from medpipe.review.audit import gate_problems
from medpipe.sources.catalog import ENRICHES
from medpipe.warehouse.machine import die_with_parent
from medpipe.warehouse.rows import FINAL_COLUMNS
from medpipe.warehouse.text import dedup_key


@dataclass(frozen=True)
class GateSettings:
    min_chars: int
    max_chars: int
    sources: frozenset[str]
    synthetic_sources: frozenset[str]
    max_synthetic_share: dict[str, float]  # generated source -> its largest share of final (one bound per generation task)
    # source -> (min rows, max rows); from the previous release and the allowed shrink, or configured
    row_bounds: dict[str, tuple[int, int]] = field(default_factory=dict)
    # kind of row -> its length bounds (curation.lengths.kind_bounds); empty: min_chars/max_chars for every row
    kind_bounds: dict[str, dict[str, int]] = field(default_factory=dict)
    # real source -> its largest share of final (audit.share_bounds: max_share of the sources file, else 0.3)
    max_source_share: dict[str, float] = field(default_factory=dict)
    # source -> (rows audited, labelled wrong/unsafe/not an answer, its bound): the labels in force (medpipe.review.audit)
    audits: dict[str, tuple[int, int, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    check: str
    expectation: str
    success: bool
    unexpected: int
    examples: list[Any]


def _gx_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx  # imported here: 4-6 s (see SuiteProcess)
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


def row_bounds_from_previous(previous: dict[str, int], max_shrink: float, max_growth: float) -> dict[str, tuple[int, int]]:
    """A source may shrink by at most `max_shrink` (a fraction) and grow to at most `max_growth` times its rows between releases."""
    return {source: (int(n * (1 - max_shrink)), int(n * max_growth)) for source, n in previous.items()}


# The suite: check name -> (the frame it validates, its expectations). The Dagster checks are these names. Each frame holds only
# the small columns its expectations read, computed from `final` in polars first (lengths, the dedup key's hash, the PHI
# findings): GX then converts and hashes kilobytes, not the texts (at 100k rows, handing it the texts cost minutes).
Expectations = Callable[[Any, GateSettings], list[Any]]
SUITE: dict[str, tuple[str, Expectations]] = {
    "final_schema": ("sample", lambda E, s: [E.ExpectTableColumnsToMatchOrderedList(column_list=FINAL_COLUMNS)]
                     + [E.ExpectColumnValuesToBeOfType(column=c, type_="str") for c in ("id", "source", "input", "output", "split")]),
    "final_no_empty_text": ("lengths", lambda E, s: [E.ExpectColumnValuesToNotBeNull(column=f"{c}_chars") for c in ("input", "output")]
                            + [E.ExpectColumnValuesToBeBetween(column=f"{c}_stripped_chars", min_value=1) for c in ("input", "output")]),
    "final_length_bounds": ("lengths", lambda E, s: [E.ExpectColumnValuesToBeBetween(column=f"{c}_{side}", max_value=0)
                                                     for c in ("input", "output") for side in ("below_min", "above_max")]),
    "final_source_in_catalog": ("source",
                                lambda E, s: [E.ExpectColumnValuesToBeInSet(column="source", value_set=sorted(s.sources | s.synthetic_sources))]),
    "final_unique_id": ("keys", lambda E, s: [E.ExpectColumnValuesToBeUnique(column="id")]),
    "final_no_exact_duplicates": ("keys", lambda E, s: [E.ExpectColumnValuesToBeUnique(column="_dedup_key")]),
    "final_no_phi": ("phi", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_phi", value_set=[""])]),
    "final_synthetic_share": ("source", lambda E, s: [E.ExpectColumnMeanToBeBetween(column=f"_share_{source}", min_value=0.0, max_value=bound)
                                                      for source, bound in sorted(s.max_synthetic_share.items())]),
    "final_source_counts": ("counts", lambda E, s: [
        E.ExpectColumnValuesToBeBetween(column="rows", min_value=lo, max_value=hi, row_condition=f'source=="{source}"', condition_parser="pandas")
        for source, (lo, hi) in sorted(s.row_bounds.items())]),
    # every row checked against the evaluation sets by the recorded decontamination of this content, or checked now (publish/integrity.py)
    "final_no_contamination": ("contamination", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_contamination", value_set=[""])]),
    "final_clean_characters": ("characters", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_characters", value_set=[""])]),
}
SUITE |= {
    "final_source_share": ("source", lambda E, s: [
        E.ExpectColumnMeanToBeBetween(column=f"_share_{source}", min_value=0.0, max_value=bound,
                                      meta={"hint": f"source '{source}' may be at most {bound:.0%} of final: raise `max_share` in "
                                                    "its [[source]] table "
                                                    "of MEDPIPE_SOURCES_FILE (or the catalog entry's max_share)"})
        for source, bound in sorted(s.max_source_share.items())]),
    "final_no_empty_template_slot": ("content", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_empty_slot", value_set=[""])]),
    "final_no_test_in_train": ("content", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_leak", value_set=[""])]),
    # a source whose audited error rate's Wilson 95% interval lies wholly above its bound; the unexpected value names it
    "final_audit": ("audit", lambda E, s: [E.ExpectColumnValuesToBeInSet(column="_audit", value_set=[""])]),
}
CHECK_NAMES: tuple[str, ...] = tuple(SUITE)
# What each check asserts and its bound, as the Dagster UI shows it (the bounds in force come from the run's settings).
CHECK_DESCRIPTIONS: dict[str, str] = {
    "final_schema": "final has exactly the release's columns, in order, and id, source, input, output and split are strings.",
    "final_no_empty_text": "No row has a null, empty or whitespace-only input or output (at least 1 character after stripping).",
    "final_length_bounds": "Every input and output is within the length bounds of its kind of row, as the length step ran (default 10-1,500 "
                           "characters; exam, diagnosis and reference answers from 1; reasoning answers up to 8,000).",
    "final_source_in_catalog": "Every row's source is a source of the catalog or a generation task: no unknown source.",
    "final_unique_id": "Every id occurs once (0 duplicates allowed).",
    "final_no_exact_duplicates": "No two rows share a dedup key (normalised input and output): 0 exact duplicates allowed.",
    "final_no_phi": "The PHI scan finds nothing in any row: 0 findings allowed.",
    "final_synthetic_share": "Each generated source is at most its bound of final's rows (HubPublisher.max_synthetic_share, per task).",
    "final_source_counts": "Each source's rows are within its bounds from the previous release: shrink at most max_source_shrink (default 10%), "
                           "grow at most max_source_growth times (default 10x; HubPublisher settings).",
    "final_no_contamination": "No row leaks an evaluation question: every row was checked by the recorded decontamination of this content, "
                              "or is checked now with its config (0 leaks allowed).",
    "final_clean_characters": "No published text holds U+FFFD or a control character other than tab, LF and CR (0 allowed).",
    "final_source_share": "Each real source is at most its max_share of final (default 0.3; the sources file's or catalog's max_share raises it).",
    "final_no_empty_template_slot": "No answer is a template filled with an empty or placeholder slot (0 allowed).",
    "final_no_test_in_train": "No test question, nor test answer of 40+ characters, is also in train (0 allowed).",
    "final_audit": "No source's audited error rate (clinician labels wrong, unsafe, not an answer) has a Wilson 95% interval wholly above its "
                   "max_error_rate (default 0.10).",
}
assert set(CHECK_DESCRIPTIONS) == set(CHECK_NAMES), set(CHECK_NAMES) ^ set(CHECK_DESCRIPTIONS)


def dedup_keys(final: pl.DataFrame, columns: tuple[str, ...] = ("input", "context", "output")) -> pl.Series:
    """Per row, a value that two rows share exactly when their `warehouse.text.dedup_key`s of the columns are all equal.
    A cheap key first (NFKC, only on rows that are not ASCII; lower case; every whitespace character removed) is hashed;
    rows it leaves unique are unique under dedup_key too, and only the rows whose cheap key repeats get their exact keys.
    Lower case stands in for Python's casefold, which also folds a few letters (ß)."""
    def cheap(column: str) -> pl.Series:
        text = final[column].fill_null("")
        ascii_only = text.str.len_bytes() == text.str.len_chars()
        text = text.scatter(ascii_only.not_().arg_true(), text.filter(~ascii_only).str.normalize("NFKC")).str.to_lowercase()
        return text.str.replace_all(r"[\s\x1c-\x1f]", "")  # one character at a time: 2x faster than runs

    hashed = pl.select(pl.concat_str([cheap(c) for c in columns], separator="\x00").hash(seed=0)).to_series()
    repeated = hashed.is_duplicated()
    exact = ["k" + "\x1f".join(dedup_key(text or "") for text in row) for row in final.filter(repeated).select(columns).iter_rows()]
    keys = ("c" + hashed.cast(pl.String)).scatter(repeated.arg_true(), pl.Series(exact, dtype=pl.String))
    return keys.alias("_dedup_key")


def phi_column(final: pl.DataFrame, findings: pl.DataFrame) -> pl.Series:
    """Per row: "" when clean, else every finding (`curation.phi_scans.phi_findings`: row, column, label, rule) as
    "row <id>: <column> <LABEL> (<rule>)"."""
    described = (findings.unique(maintain_order=True).with_columns(pl.col("row").cast(pl.UInt32))
                 .join(final.select(pl.col("id"), pl.int_range(pl.len(), dtype=pl.UInt32).alias("row")), on="row")
                 .group_by("row").agg(pl.format("row {}: {} {} ({})", "id", "column", "label", "rule").str.join("; ").alias("_phi")))
    rows = pl.DataFrame({"row": pl.int_range(final.height, dtype=pl.UInt32, eager=True)})
    return rows.join(described, on="row", how="left")["_phi"].fill_null("")


def source_counts(final: pl.DataFrame) -> pl.DataFrame:
    """Rows per source, where a source also counts the generated rows that enrich it (ENRICHES: an explained MedQA row supersedes
    the bare one as its exact duplicate), so that rows being enriched between releases do not read as their source shrinking."""
    own = final.group_by("source").len("rows")
    enriching = final.filter(pl.col("source").is_in(list(ENRICHES))).select(pl.col("source").replace_strict(ENRICHES))
    return pl.concat([own, enriching.group_by("source").len("rows")]).group_by("source").agg(pl.col("rows").sum()).sort("source")


def validate_final(final: pl.DataFrame, settings: GateSettings, phi_findings: pl.DataFrame, runner: SuiteProcess | None = None,
                   contamination: pl.DataFrame | None = None) -> list[Outcome]:
    """Run the suite, in `runner` when given; one Outcome per expectation, grouped by the Dagster check that reports it.
    `phi_findings` is `curation.phi_scans.phi_findings` of `final`; `contamination` is `integrity.contamination_frame` of it (without
    it, final_no_contamination reports no expectation and fails). With a runner, the dedup keys (the costliest frame, ~1 s
    at 100k rows) are computed while it validates the other frames."""
    frames = suite_frames(final, settings, phi_findings) | ({"contamination": contamination} if contamination is not None else {})
    if runner is None:
        return run_suite(frames | key_frames(final), settings)
    others = runner.submit(frames, settings)
    try:
        keys = key_frames(final)
    finally:
        outcomes = others()
    return outcomes + runner.run(keys, settings)


def key_frames(final: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """SUITE's "keys" frame: each row's id and dedup key."""
    return {"keys": final.select("id").with_columns(dedup_keys(final))}


def suite_frames(final: pl.DataFrame, settings: GateSettings, phi_findings: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The frames SUITE names, but the keys (`key_frames`), computed from `final` in polars."""
    counts = source_counts(final)
    expected = pl.DataFrame({"source": list(settings.row_bounds)}, schema={"source": pl.String})
    shares = sorted(set(settings.max_synthetic_share) | set(settings.max_source_share))
    return {
        # Int64: GX compares int64 (and float) columns vectorised, any other dtype (polars' lengths are UInt32) value by value in Python
        "lengths": final.select(*[expr.cast(pl.Int64) for c in ("input", "output") for expr in (
            pl.col(c).str.len_chars().alias(f"{c}_chars"), pl.col(c).str.strip_chars().str.len_chars().alias(f"{c}_stripped_chars"))])
                   .with_columns(length_excess(final, settings)),
        "source": final.select("source", *((pl.col("source") == source).cast(pl.Float64).alias(f"_share_{source}") for source in shares)),
        "content": pl.DataFrame([empty_slot_column(final), leakage_column(final)]) if "split" in final.columns
            else pl.DataFrame([empty_slot_column(final)]),
        "phi": phi_column(final, phi_findings).to_frame(),
        # Column types are uniform within a DuckDB/polars table, so a sample shows the schema of every row.
        "sample": final.head(1000),
        "counts": expected.join(counts, on="source", how="full", coalesce=True).with_columns(pl.col("rows").fill_null(0)),
        "characters": characters_frame(final),
        "audit": pl.DataFrame(list(gate_problems(settings.audits).items()), schema={"source": pl.String, "_audit": pl.String}, orient="row"),
    }


def length_excess(final: pl.DataFrame, settings: GateSettings) -> list[pl.Series]:
    """Per row and text column, how far its length lies below its kind's minimum and above its maximum (0 or less: within)."""
    from medpipe.curation.lengths import bounds_columns

    if settings.kind_bounds:
        bounds = bounds_columns(final, settings.kind_bounds)
    else:
        n = final.height
        bounds = pl.DataFrame({name: [value] * n for name, value in (("input_min", settings.min_chars), ("input_max", settings.max_chars),
                                                                     ("output_min", settings.min_chars), ("output_max", settings.max_chars))},
                              schema={name: pl.Int64 for name in ("input_min", "input_max", "output_min", "output_max")})
    out = []
    for c in ("input", "output"):
        chars = final[c].str.len_chars().cast(pl.Int64)
        out += [(bounds[f"{c}_min"] - chars).alias(f"{c}_below_min"), (chars - bounds[f"{c}_max"]).alias(f"{c}_above_max")]
    return out


def run_suite(frames: dict[str, pl.DataFrame], settings: GateSettings) -> list[Outcome]:
    """The expectations of SUITE's checks whose frame is among `frames`, with Great Expectations in this process."""
    gx, context = _gx_context()
    outcomes = []
    data_source = context.data_sources.add_pandas("final")
    pandas_frames = {name: frame.to_pandas() for name, frame in frames.items()}
    for check, (frame, expectations) in SUITE.items():
        if frame not in frames:
            continue
        batch = data_source.add_dataframe_asset(check).add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": pandas_frames[frame]})
        suite = context.suites.add(gx.ExpectationSuite(name=check, expectations=expectations(gx.expectations, settings)))
        for result in batch.validate(suite, result_format="SUMMARY").results:
            hint = [] if result.success else [h for h in [(result.expectation_config.meta or {}).get("hint")] if h]
            outcomes.append(Outcome(check, _describe(result.expectation_config), bool(result.success),
                                    int(result.result.get("unexpected_count") or 0),
                                    ([_short(v) for v in (result.result.get("partial_unexpected_list") or [])[:3]]
                                     or _observed(result.result)) + hint))
    return outcomes


class SuiteProcess:
    """Great Expectations in a process of its own, started before it is needed: importing it takes 4-6 s (it imports scipy,
    pandas, altair and every expectation it ships), which then overlaps the build's first steps on another core instead of
    delaying the gate. The process is a new interpreter that imports this module only (never the caller's main module, which
    multiprocessing's spawn would run again), inherits no open file but its socket (so never the warehouse's lock), holds no
    state between requests and dies with its parent. When it cannot start or has died, the suite runs in this process.
    One is shared by the runs of a process (`shared_suite_process`): each run would otherwise import GX again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner = os.getpid()
        mine, theirs = socket.socketpair()
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-c", "import sys; from medpipe.publish.gate import serve_suite; serve_suite(int(sys.argv[1]), int(sys.argv[2]))",
                 str(theirs.fileno()), str(os.getpid())], pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            self._connection: Connection | None = Connection(mine.detach())
        except OSError as exc:
            logging.getLogger(__name__).warning(f"the gate's process did not start ({exc}); the suite will run in the caller")
            mine.close()
            self._process, self._connection = None, None
        finally:
            theirs.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def run(self, frames: dict[str, pl.DataFrame], settings: GateSettings) -> list[Outcome]:
        return self.submit(frames, settings)()

    def submit(self, frames: dict[str, pl.DataFrame], settings: GateSettings) -> Callable[[], list[Outcome]]:
        """Start the suite on `frames` in the process and return a function that waits for its outcomes (it must be called:
        until then the process is this caller's). The suite runs in the caller when the process is gone, stuck or failing."""
        self._lock.acquire()
        try:
            sent = self._send((frames, settings))
        except BaseException:
            self._lock.release()
            raise

        def outcomes() -> list[Outcome]:
            try:
                reply = self._receive() if sent else None
                if reply is not None:
                    status, value = reply
                    if status == "ok":
                        return value
                    logging.getLogger(__name__).warning(f"the gate's process failed ({value}); running the suite here")
                return run_suite(frames, settings)
            finally:
                self._lock.release()

        return outcomes

    def _send(self, request: Any) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.send(request)
            return True
        except OSError as exc:  # a broken pipe
            self._lost(exc)
            return False

    def _receive(self) -> tuple[str, Any] | None:
        try:
            if not self._connection.poll(_REPLY_TIMEOUT):  # type: ignore[union-attr]
                raise TimeoutError(f"no reply in {_REPLY_TIMEOUT} s")
            return self._connection.recv()  # type: ignore[union-attr]
        except (EOFError, OSError) as exc:  # OSError: a broken pipe, or the timeout
            self._lost(exc)
            return None

    def _lost(self, exc: BaseException) -> None:
        logging.getLogger(__name__).warning(f"the gate's process is gone or stuck ({type(exc).__name__}: {exc}); running the suite here")
        self.close()

    @property
    def stopped(self) -> bool:
        """Not running, or started by another process (a fork of this one)."""
        return self._process is None or self._owner != os.getpid() or self._process.poll() is not None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            try:
                self._process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None


_shared: SuiteProcess | None = None
_REPLY_TIMEOUT = 600.0  # seconds: the import plus the suite take ~10 s at 100k rows


def shared_suite_process() -> SuiteProcess:
    """This process's SuiteProcess, started on first use (again when it has stopped)."""
    global _shared
    if _shared is None or _shared.stopped:
        _shared = SuiteProcess()
    return _shared


def serve_suite(fd: int, parent: int) -> None:
    """The gate's process: import Great Expectations, then run the suite on each (frames, settings) received on the socket `fd`
    until the parent closes it or dies."""
    die_with_parent(parent)
    connection = Connection(fd)
    _gx_context()
    while True:
        try:
            frames, settings = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", run_suite(frames, settings))
        except Exception as exc:  # any error of the suite goes back to the caller, which runs the suite itself
            reply = ("error", f"{type(exc).__name__}: {exc}")
        connection.send(reply)


def _describe(config: Any) -> str:
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "condition_parser", "value_set", "column_list")}
    return f"{config.type}({', '.join(f'{k}={v}' for k, v in kwargs.items())})"


def _observed(result: dict[str, Any]) -> list[Any]:
    return [f"observed {result['observed_value']}"] if "observed_value" in result else []


def _short(value: Any) -> Any:
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"
