"""The assistant app's logic, apart from Streamlit: questions checked, guideline passages retrieved and cited, the prompt
built and cut to the model's context, answers streamed from the fine-tuned adapter or an Ollama model, and the
dataset's read-only queries (bound parameters only; a connection per query, closed at once).

Heavy libraries (torch, transformers, the ollama client) are imported inside the functions that use them, so the
dataset page and the tests of the pure parts start fast."""

from __future__ import annotations

import json
import math
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Literal, Mapping, Sequence, TypedDict

import duckdb

from medpipe.publish.release import SYSTEM_PROMPT as RELEASE_SYSTEM_PROMPT
from medpipe.train.config import DISCLAIMER, adapter_dir  # noqa: F401  (DISCLAIMER: the app shows it as chat.DISCLAIMER)
from medpipe.train.config import RECORD_FILE as ADAPTER_RECORD

from medpipe.corpus.retrieval import Hit, numbered

if TYPE_CHECKING:
    import faiss
    import pandas as pd

# The assistant's own system prompt: the one every dialogue of the chat export (and so the adapter's training data)
# starts with, then how to use the retrieved passages.
SYSTEM_PROMPT = (
    f"{RELEASE_SYSTEM_PROMPT} Answer in plain language, in a few short sentences or numbered steps. Base the answer on the "
    "guideline passages given with the question and cite them by number, like [1]; if they do not cover the question, say so "
    "and keep to well-established general knowledge. When a situation sounds like an emergency, say to call the local "
    "emergency number now. If you are unsure, say so."
)

MAX_QUESTION_CHARS = 1_500  # the longest input `final` keeps (the length filter's max_chars): longer is not what the model saw
CONTEXT_TOKENS = 2_048  # the bundled server's context per request; the packaged SmolLM2 was fine-tuned on far shorter dialogues
MAX_NEW_TOKENS = 256
TOP_K = 3  # three 96-token chunks: grounding that still leaves room for history in a 2,048-token context

EMPTY_QUESTION = "Please type a question: the message was empty."
NO_ADAPTER = (
    "No fine-tuned adapter has been trained yet (none at `{path}`). After a build, train one on the release's chat export with "
    "`medpipe build --job train`, or `dagster asset materialize --select sft_adapter` (with `DAGSTER_HOME=$PWD "
    "DAGSTER_CLI_ASSET_MATERIALIZE_MODULE_NAME=medpipe.definitions`), then reload this page. Meanwhile, choose a model on OLLAMA_HOST."
)
BUSY = "A build is writing the warehouse, retry in a moment."
NO_INDEX = ("No guideline index at {path} yet: build the corpus with `dagster asset materialize --select group:corpus` "
            "or `medpipe build`. Answering without guideline passages.")


class Message(TypedDict):
    role: str
    content: str


# --- questions ------------------------------------------------------------------------------------------------------


def question_problem(text: str | None, max_chars: int = MAX_QUESTION_CHARS) -> str | None:
    """What is wrong with a question, in words for the user; None when it can be asked."""
    question = (text or "").strip()
    if not question:
        return EMPTY_QUESTION
    if len(question) > max_chars:
        return (f"That question is {len(question):,} characters long; the limit is {max_chars:,}. "
                "Please shorten it, or ask about one thing at a time.")
    return None


# --- passages ---------------------------------------------------------------------------------------------------------


def passages_from_hits(hits: Sequence[Hit]) -> list[Hit]:
    return numbered(hits)


def passages_block(passages: Sequence[Hit]) -> str:
    if not passages:
        return "No guideline passage was found for this question."
    return "Guideline passages:\n\n" + "\n\n".join(f"{p.citation}\n{' '.join(p.text.split())}" for p in passages)


def user_turn(question: str, passages: Sequence[Hit]) -> str:
    """The current question as the model sees it: the passages first, then the question."""
    return f"{passages_block(passages)}\n\nQuestion: {question.strip()}"


# A follow-up leans on the turn before: it opens with a connective ("and", "what about") or points back with a pronoun
# while naming little of its own. Anything else is a new topic, searched alone (else the old topic's passages come back).
_FOLLOW_UP_OPENING = re.compile(r"^(?:and|also|but|so|then|what about|how about|what if|and if|or|same|ok(?:ay)?,? (?:and|so|but))\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"\b(?:it|its|it's|that|this|those|these|they|them|there|he|she|him|her|the same|one)\b", re.IGNORECASE)
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
_FUNCTION_WORDS = frozenset("""what when where which while with would could should have does about after before from into long much many
often than that this then there these they them their your yours also just only still very more most some such will shall been being
were here much make take give keep used using doing done need needs okay please thanks thank tell know want does doesn how""".split())


def content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


def is_follow_up(history: Sequence[Mapping[str, str]], question: str) -> bool:
    """Whether the question continues the previous one: there is one, and the question opens with a connective, names no
    word of content of its own ("for how long?"), or points back (a pronoun) and names at most two."""
    if not any(m["role"] == "user" and m["content"].strip() for m in history):
        return False
    text = question.strip()
    own = len(content_words(text))
    return bool(_FOLLOW_UP_OPENING.search(text)) or own == 0 or (bool(_BACK_REFERENCE.search(text)) and own <= 2)


def retrieval_query(history: Sequence[Mapping[str, str]], question: str) -> str:
    """What the guidelines are searched with: the question alone, or after the previous question when it is a follow-up
    ("and for how long?"), so that it still finds passages on its topic."""
    if not is_follow_up(history, question):
        return question.strip()
    previous = next((m["content"] for m in reversed(history) if m["role"] == "user" and m["content"].strip()), "")
    return f"{previous.strip()}\n{question.strip()}"


# --- grounding --------------------------------------------------------------------------------------------------------

# The answer's best cosine to a passage (generation's scorer: two-sentence windows, MiniLM) at or above which the answer is
# taken to use that passage: the threshold the emergency-scenario task keeps its steps at (benchmarks/results/generation.md).
GROUNDING_THRESHOLD = 0.5
ABSTAIN = "I could not find this in the guidelines."
UNCHECKED_WARNING = ("Not checked against the guidelines: no guideline passage matches this question, so this is the model's own "
                     "text, which can be wrong.")
CUT_OFF = "The answer was cut off at the length limit: ask for the rest, or raise the longest answer (tokens)."


@dataclass(frozen=True)
class Grounding:
    """Per passage number, the answer's grounding score against it; `used`: the numbers at or above the threshold."""

    scores: dict[int, float]
    threshold: float = GROUNDING_THRESHOLD

    @property
    def used(self) -> list[int]:
        return sorted(n for n, score in self.scores.items() if score >= self.threshold)

    @property
    def grounded(self) -> bool:
        return bool(self.used)


def ground(embedding_model: Any, answer: str, passages: Sequence[Hit], threshold: float = GROUNDING_THRESHOLD) -> Grounding:
    """Score the answer against each passage with the generation tasks' grounding scorer."""
    from medpipe.synthetic.tasks import grounding_score

    if not answer.strip():
        return Grounding({p.number: 0.0 for p in passages}, threshold)
    return Grounding({p.number: grounding_score(embedding_model, answer, [p.text]) for p in passages}, threshold)


@dataclass(frozen=True)
class Verdict:
    """What the user is shown for a model's answer: the text (with the numbers of the passages it uses), which passages
    are labelled used, whether the answer was replaced by the abstention, and a warning to show beside it."""

    text: str
    used: list[int]
    abstained: bool
    warning: str


# A phone number: digit groups with separators, 7 digits or more (a year range such as 2019-2020 is not one), or any number
# of 3 digits or more said after "call"/"dial" (a short emergency number: 911, 999).
PHONE_NUMBER = re.compile(r"(\b(?:call|dial|phone|ring)\s+(?:on\s+)?)?(?<![\w.,])(\+?\(?\d[\d ().-]*\d)(?![\w,]|\.\d)", re.IGNORECASE)
YEAR_RANGE = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")


def phone_numbers(text: str) -> list[str]:
    found = []
    for match in PHONE_NUMBER.finditer(text):
        number, digits = match.group(2), re.sub(r"\D", "", match.group(2))
        if (len(digits) >= 7 or (match.group(1) and len(digits) >= 3)) and not YEAR_RANGE.match(number):
            found.append(number)
    return found


def invented_numbers(answer: str, passages: Sequence[Hit], emergency_number: str) -> list[str]:
    """The phone numbers in the answer that neither the passages nor the configured emergency number give: a small model
    writes plausible ones (it told a chest-pain caller to ring a made-up US number), and a wrong number costs minutes."""
    def digits(number: str) -> str:
        return re.sub(r"\D", "", number)

    given = {digits(emergency_number)} | {digits(m.group(2)) for p in passages for m in PHONE_NUMBER.finditer(p.text)}  # any number they give
    return [n for n in phone_numbers(answer) if digits(n) not in given]


def judge(answer: str, passages: Sequence[Hit], grounding: Grounding | None, emergency_number: str) -> Verdict:
    """No passage: the answer stands with a visible warning (nothing is presented as cited). Passages but the answer uses
    none, or it gives a phone number from nowhere: replaced by the abstention (the passages are still shown, as related).
    Grounded: the used passages' numbers end the text, whatever the model cited."""
    invented = invented_numbers(answer, passages, emergency_number)
    if invented:
        withheld = f"The model's answer gave a phone number the guidelines do not ({', '.join(invented)}), so it is withheld."
        return Verdict(f"{ABSTAIN} In an emergency call {emergency_number}.", [], True, withheld)
    if not passages or grounding is None:
        return Verdict(answer, [], False, UNCHECKED_WARNING)
    if not grounding.grounded:
        return Verdict(f"{ABSTAIN} The closest guideline passages are below.", [], True, "")
    cited = " ".join(f"[{n}]" for n in grounding.used)
    return Verdict(f"{answer.rstrip()}\n\nSources: {cited}", grounding.used, False, "")


def relevant_passages(hits: Sequence[Hit], threshold: float | None = None) -> list[Hit]:
    """The hits at or above the relevance threshold, numbered from 1."""
    from medpipe.corpus.retrieval import RELEVANCE_THRESHOLD, relevant

    return numbered(relevant(hits, RELEVANCE_THRESHOLD if threshold is None else threshold))


# --- prompt and history ---------------------------------------------------------------------------------------------


def build_messages(history: Sequence[Mapping[str, str]], question: str, passages: Sequence[Hit],
                   system: str = SYSTEM_PROMPT) -> list[Message]:
    """System prompt, the earlier turns as they were said (their passages are not repeated), then the question with its passages."""
    turns: list[Message] = [{"role": "system", "content": system}]
    turns += [{"role": m["role"], "content": m["content"]} for m in history if m["role"] in ("user", "assistant") and m["content"]]
    turns.append({"role": "user", "content": user_turn(question, passages)})
    return turns


TokenCounter = Callable[[Sequence[Message]], int]


def approx_tokens(messages: Sequence[Message]) -> int:
    """A conservative count for a model whose tokenizer is not at hand (an Ollama model): 3 UTF-8 bytes per token
    (English BPE averages about 4) and 4 tokens of template per message."""
    return sum(math.ceil(len(m["content"].encode("utf-8")) / 3) + 4 for m in messages)


def tokenizer_counter(tokenizer: Any) -> TokenCounter:
    """Exact counts: the messages rendered by the tokenizer's own chat template, with the generation prompt."""
    def count(messages: Sequence[Message]) -> int:
        text = tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])
    return count


@dataclass(frozen=True)
class Prompt:
    messages: list[Message]
    dropped: int  # earliest history messages left out to fit
    tokens: int


def fit_to_context(messages: Sequence[Message], budget: int, count: TokenCounter) -> Prompt:
    """Drop the earliest history turns, a whole exchange at a time (so the kept history starts with a user turn), until
    the prompt fits `budget` tokens. The system prompt and the current question always stay."""
    if len(messages) < 2 or messages[0]["role"] != "system":
        raise ValueError("messages must be the system prompt, the history and the current question")
    system, history, current = messages[0], list(messages[1:-1]), messages[-1]
    starts = [i for i, m in enumerate(history) if m["role"] == "user"] + [len(history)]
    for start in starts:
        kept = [system, *history[start:], current]
        tokens = count(kept)
        if tokens <= budget or start == len(history):
            return Prompt(kept, start, tokens)
    raise AssertionError("unreachable")


def prompt_budget(context_tokens: int = CONTEXT_TOKENS, max_new_tokens: int = MAX_NEW_TOKENS) -> int:
    return context_tokens - max_new_tokens


# --- answers --------------------------------------------------------------------------------------------------------


OLLAMA_OPTIONS: dict[str, Any] = {"temperature": 0.2, "seed": 0, "num_ctx": CONTEXT_TOKENS, "num_predict": MAX_NEW_TOKENS,
                                  "repeat_penalty": 1.2}


def ollama_options(max_new_tokens: int = MAX_NEW_TOKENS) -> dict[str, Any]:
    return {**OLLAMA_OPTIONS, "num_predict": int(max_new_tokens)}


def first_host(hosts: str) -> str:
    host = next((h.strip() for h in hosts.split(",") if h.strip()), "")
    return host if not host or host.startswith("http") else f"http://{host}"


def ollama_models(host: str, timeout: float = 5.0) -> list[str]:
    """The models the host serves; raises ConnectionError naming the host when it does not answer."""
    import httpx
    import ollama

    try:
        return sorted(m.model for m in ollama.Client(host=host, timeout=timeout).list().models if m.model)
    except (httpx.HTTPError, ollama.ResponseError, OSError) as exc:
        raise ConnectionError(f"no Ollama answers at {host} ({type(exc).__name__}). Start Ollama, or the bundled server with "
                              "`python -m medpipe.synthetic.server --port 11434`, and set OLLAMA_HOST to it.") from exc


def ollama_stream(host: str, model: str, messages: Sequence[Message], options: Mapping[str, Any] | None = None,
                  timeout: float = 300.0, end: dict[str, Any] | None = None) -> Iterator[str]:
    """The answer's pieces as the host streams them (a server that does not stream sends one piece); `end` receives the
    host's done_reason ("length" when the answer was cut at num_predict)."""
    import ollama

    client = ollama.Client(host=host, timeout=timeout)
    for part in client.chat(model=model, messages=[dict(m) for m in messages], stream=True, options=dict(options or OLLAMA_OPTIONS)):
        piece = part.message.content or ""
        if end is not None and getattr(part, "done_reason", None):
            end["done_reason"] = part.done_reason
        if piece:
            yield piece


def local_stream(model: Any, tokenizer: Any, messages: Sequence[Message], max_new_tokens: int = MAX_NEW_TOKENS) -> Iterator[str]:
    """Greedy generation in process (the adapter on its base model), streamed piece by piece; stops at the chat
    template's end-of-turn token."""
    import torch
    from transformers import TextIteratorStreamer

    from medpipe.train.sft import end_of_turn_token

    prompt = tokenizer.apply_chat_template(list(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True)
    stop = [tokenizer.convert_tokens_to_ids(end_of_turn_token(tokenizer)), tokenizer.eos_token_id]
    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=300.0)
    failure: list[BaseException] = []

    def generate() -> None:
        try:
            with torch.inference_mode():
                model.generate(**prompt, max_new_tokens=max_new_tokens, do_sample=False, repetition_penalty=1.2, eos_token_id=stop,
                               pad_token_id=tokenizer.pad_token_id, streamer=streamer)
        except BaseException as exc:  # reported to the reader below, after the streamer is closed
            failure.append(exc)
            streamer.end()

    worker = threading.Thread(target=generate, name="medpipe-generate", daemon=True)
    worker.start()
    for piece in streamer:
        if piece:
            yield piece
    worker.join()
    if failure:
        raise failure[0]


# --- the fine-tuned adapter -------------------------------------------------------------------------------------------


def adapter_path(duckdb_path: Path) -> Path:
    return adapter_dir(duckdb_path.parent)


@dataclass(frozen=True)
class AdapterInfo:
    path: Path
    base_model: str
    steps: int | None
    train_data_sha256: str
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return (f"LoRA adapter on `{Path(self.base_model).name or self.base_model}`, {self.steps} steps, "
                f"trained on release `{self.train_data_sha256[:12]}`")


def find_adapter(path: Path) -> AdapterInfo | None:
    """The adapter in `path` when it is complete (PEFT's config and medpipe's training record), else None."""
    record_file = path / ADAPTER_RECORD
    if not (path / "adapter_config.json").is_file() or not record_file.is_file():
        return None
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return AdapterInfo(path, str(record.get("base_model", "")), record.get("steps"), str(record.get("train_data_sha256", "")),
                       dict(record.get("settings") or {}))


def no_adapter_message(path: Path) -> str:
    return NO_ADAPTER.format(path=path)


def load_adapter_model(info: AdapterInfo) -> tuple[Any, Any]:
    """The adapter on the base model it was trained on (its recorded settings), and the tokenizer."""
    from medpipe.train.config import SftSettings
    from medpipe.train.sft import load_adapter

    return load_adapter(SftSettings(**{k: v for k, v in info.settings.items() if k in SftSettings.model_fields}), info.path)


# --- the warehouse, read only ---------------------------------------------------------------------------------------


class WarehouseUnavailable(RuntimeError):
    """The DuckDB file cannot be read now: a build holds it, or it was never built. The message is for the user."""


@contextmanager
def read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one query, closed at once: the app never holds the file a build wants to write."""
    if not path.is_file():
        raise WarehouseUnavailable(f"No warehouse at {path} yet: run `medpipe build` (or set MEDPIPE_DUCKDB to a built file).")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except (duckdb.IOException, duckdb.ConnectionException) as exc:
        raise WarehouseUnavailable(BUSY) from exc
    try:
        yield con
    finally:
        con.close()


def retrieve_passages(duckdb_path: Path, index: faiss.Index, embedding_model: object, question: str, k: int = TOP_K) -> list[Hit]:
    from medpipe.corpus.retrieval import retrieve

    with read_only(duckdb_path) as con:
        try:
            hits = retrieve(con, index, embedding_model, question, k)
        except duckdb.CatalogException as exc:
            raise WarehouseUnavailable("The guideline corpus tables are missing: build the corpus with `medpipe build`.") from exc
    return relevant_passages(hits)


# --- dataset queries --------------------------------------------------------------------------------------------------

Table = Literal["final", "quarantine"]
FILTERABLE: dict[str, tuple[str, ...]] = {"final": ("source", "split"), "quarantine": ("source", "step", "reason")}
SEARCHED: dict[str, tuple[str, ...]] = {"final": ("id", "source_id", "input", "context", "output"),
                                        "quarantine": ("source_id", "reason", "detail", "payload")}
LISTED: dict[str, str] = {
    "final": "id, split, source, source_id, left(input, 300) AS input, left(output, 300) AS output, license, flags",
    "quarantine": "step, source, source_id, reason, detail, payload",
}
ORDER: dict[str, str] = {"final": "source, source_id, id", "quarantine": "step, source, reason, source_id"}
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class DatasetFilter:
    """What the dataset page shows: one table, the values kept per column (empty: all), and a case-insensitive text search.
    A column the table does not have (split for quarantine; step and reason for final) is not filtered on."""

    table: Table = "final"
    source: tuple[str, ...] = ()
    split: tuple[str, ...] = ()
    step: tuple[str, ...] = ()
    reason: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        if self.table not in FILTERABLE:
            raise ValueError(f"unknown table {self.table!r}: expected one of {sorted(FILTERABLE)}")


@dataclass(frozen=True)
class Query:
    sql: str
    params: dict[str, Any]


def where(f: DatasetFilter) -> tuple[str, dict[str, Any]]:
    clauses, params = [], {}
    for column in FILTERABLE[f.table]:
        values = getattr(f, column)
        if values:
            clauses.append(f"list_contains(${column}::VARCHAR[], {column})")
            params[column] = list(values)
    if f.text.strip():
        params["text"] = f.text.strip().lower()
        clauses.append("(" + " OR ".join(f"contains(lower(coalesce({c}, '')), $text)" for c in SEARCHED[f.table]) + ")")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def rows_query(f: DatasetFilter, limit: int = DEFAULT_LIMIT) -> Query:
    clause, params = where(f)
    return Query(f"SELECT {LISTED[f.table]} FROM {f.table} {clause} ORDER BY {ORDER[f.table]} LIMIT $limit", {**params, "limit": int(limit)})


def count_query(f: DatasetFilter, by: str) -> Query:
    """Rows per value of `by` (a filterable column of the table), most first."""
    if by not in FILTERABLE[f.table]:
        raise ValueError(f"{f.table} cannot be counted by {by!r}: expected one of {FILTERABLE[f.table]}")
    clause, params = where(f)
    return Query(f"SELECT {by}, count(*) AS rows FROM {f.table} {clause} GROUP BY {by} ORDER BY rows DESC, {by}", params)


def total_query(f: DatasetFilter) -> Query:
    clause, params = where(f)
    return Query(f"SELECT count(*) AS rows FROM {f.table} {clause}", params)


def values_query(table: Table, column: str) -> Query:
    if column not in FILTERABLE.get(table, ()):
        raise ValueError(f"{table} has no filterable column {column!r}")
    return Query(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {column}", {})


def row_query(row_id: str) -> Query:
    return Query("SELECT * FROM final WHERE id = $id", {"id": row_id})


def chunks_query(chunk_ids: Sequence[str]) -> Query:
    return Query(
        """SELECT c.chunk_id, coalesce(d.title, '') AS title, c.first_page, c.last_page, c.text
           FROM corpus.pdf_chunks AS c LEFT JOIN corpus.pdf_documents AS d ON d.sha256 = c.document_sha256
           WHERE list_contains($ids::VARCHAR[], c.chunk_id)""",
        {"ids": list(chunk_ids)},
    )


def fetch(duckdb_path: Path, query: Query) -> pd.DataFrame:
    """Run one query on a read-only connection opened for it; a table not built yet reads as a clear message."""
    with read_only(duckdb_path) as con:
        try:
            return con.execute(query.sql, query.params).df()
        except duckdb.CatalogException as exc:
            raise WarehouseUnavailable(f"That table has not been built yet ({str(exc).splitlines()[0]}): run `medpipe build`.") from exc


def parse_json(text: str | None) -> Any:
    """A JSON column as data; text that is not JSON stays text."""
    if text is None or text == "":
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


@dataclass(frozen=True)
class Provenance:
    """Where one `final` row comes from: its source record, licence, flags and meta; for a synthetic row the model,
    the prompt versions and the guideline chunks its answer was grounded in."""

    id: str
    source: str
    source_id: str
    license: str
    split: str
    flags: list[str]
    meta: Any
    synthetic: dict[str, Any] | None


def provenance(row: Mapping[str, Any]) -> Provenance:
    meta = parse_json(row.get("meta"))
    synthetic = None
    if isinstance(meta, dict) and ("prompt_versions" in meta or "retrieved_chunk_ids" in meta):
        synthetic = {"model": meta.get("model"), "prompt_versions": list(meta.get("prompt_versions") or []),
                     "retrieved_chunk_ids": list(meta.get("retrieved_chunk_ids") or []), "grounding_score": meta.get("grounding_score"),
                     "options": meta.get("options"), "partition": meta.get("partition"), "topic": meta.get("topic")}
    flags = row.get("flags")
    return Provenance(str(row.get("id", "")), str(row.get("source", "")), str(row.get("source_id", "") or ""), str(row.get("license", "") or ""),
                      str(row.get("split", "") or ""), [str(x) for x in (list(flags) if flags is not None else [])], meta, synthetic)


# --- conversations kept across reloads --------------------------------------------------------------------------------

_CHAT_ID = re.compile(r"^[0-9a-f]{32}$")


def conversation_file(folder: Path, chat_id: str) -> Path | None:
    """The file of a conversation id from the page's URL; None for an id that is not one medpipe made (no path from a URL)."""
    return folder / f"{chat_id}.json" if _CHAT_ID.match(chat_id or "") else None


def load_conversation(folder: Path, chat_id: str) -> list[dict[str, Any]]:
    path = conversation_file(folder, chat_id)
    if path is None or not path.is_file():
        return []
    try:
        turns = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [t for t in turns if isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)]


def save_conversation(folder: Path, chat_id: str, turns: Sequence[Mapping[str, Any]]) -> None:
    path = conversation_file(folder, chat_id)
    if path is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(list(turns), ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
