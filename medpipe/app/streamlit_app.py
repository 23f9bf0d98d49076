"""The assistant app's Streamlit script: a Chat page and a Dataset page. Thin on purpose: every decision is in
medpipe.app.chat. Started by medpipe.app.launch (`medpipe app --port N`)."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Any, Iterator

import streamlit as st

from medpipe.app import chat
from medpipe.settings import SettingError, Settings, load_settings

ADAPTER_ROUTE = "Fine-tuned adapter (in process)"
OLLAMA_ROUTE = "A model on OLLAMA_HOST"


# --- cached resources (shared by every session of this server) --------------------------------------------------------


@st.cache_resource(show_spinner="Loading the embedding model…")
def embedding_model(name: str) -> Any:
    from medpipe.corpus.embeddings import load_model

    return load_model(name)


@st.cache_resource(show_spinner="Loading the guideline index…", max_entries=2)
def guideline_index(path: str, mtime_ns: int) -> Any:  # a rebuilt index has a new mtime: loaded again
    from medpipe.corpus.index import load_index

    return load_index(Path(path))


@st.cache_resource(show_spinner="Loading the fine-tuned adapter…", max_entries=1)
def adapter_model(path: str, mtime_ns: int) -> tuple[Any, Any, threading.Lock]:
    info = chat.find_adapter(Path(path))
    if info is None:
        raise FileNotFoundError(chat.no_adapter_message(Path(path)))
    model, tokenizer = chat.load_adapter_model(info)
    return model, tokenizer, threading.Lock()  # one generation at a time: two would share the same 2 cores anyway


@st.cache_data(ttl=30, show_spinner=False)
def ollama_models(host: str) -> list[str]:
    return chat.ollama_models(host)


def settings() -> Settings | None:
    try:
        return load_settings()
    except SettingError as exc:
        st.error(str(exc))
        return None


def disclaimer() -> None:
    st.warning(chat.DISCLAIMER, icon="⚠️")


# --- chat ---------------------------------------------------------------------------------------------------------------


def chat_page() -> None:
    st.title("Medical assistant")
    disclaimer()
    config = settings()
    if config is None:
        return
    route = choose_route(config)
    history: list[dict[str, Any]] = st.session_state.setdefault("history", [])
    for turn in history:
        with st.chat_message(turn["role"]):
            st.markdown(turn["content"])
            show_passages(turn.get("passages", []))
            if turn.get("note"):
                st.caption(turn["note"])
    question = st.chat_input("Ask a first-aid or medical question", disabled=route is None)
    if question is None or route is None:
        return
    problem = chat.question_problem(question)
    if problem:
        st.error(problem)
        return
    question = question.strip()
    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        answer(config, route, history, question)


def choose_route(config: Settings) -> dict[str, Any] | None:
    """The sidebar's choice of model: the adapter beside the DuckDB file, or a model on OLLAMA_HOST; None when neither can answer."""
    adapter_dir = chat.adapter_path(config.duckdb_path)
    info = chat.find_adapter(adapter_dir)
    with st.sidebar:
        choice = st.radio("Answer with", [ADAPTER_ROUTE, OLLAMA_ROUTE], index=0 if info else 1, key="route")
        if st.button("New conversation"):
            st.session_state["history"] = []
        max_tokens = int(st.number_input("Longest answer (tokens)", min_value=16, max_value=1024, value=chat.MAX_NEW_TOKENS, step=16,
                                         key="max_tokens"))
        if info is None:  # said whichever route is chosen: the user learns why the adapter is not the default
            st.info(chat.no_adapter_message(adapter_dir))
        if choice == ADAPTER_ROUTE:
            if info is None:
                return None
            st.caption(info.summary)
            return {"kind": "adapter", "path": str(info.path), "mtime_ns": (info.path / chat.ADAPTER_RECORD).stat().st_mtime_ns,
                    "max_tokens": max_tokens}
        host = st.text_input("Ollama host", value=chat.first_host(config.ollama_hosts), key="ollama_host").strip()
        try:
            models = ollama_models(host)
        except ConnectionError as exc:
            st.error(str(exc))
            return None
        if not models:
            st.error(f"{host} serves no model: pull one (`ollama pull {config.llm_model}`).")
            return None
        default = next((i for i, name in enumerate(models) if name in (config.llm_model, f"{config.llm_model}:latest")), 0)
        model = st.selectbox("Model", models, index=default, key="ollama_model")
        return {"kind": "ollama", "host": host, "model": model, "max_tokens": max_tokens}


def answer(config: Settings, route: dict[str, Any], history: list[dict[str, Any]], question: str) -> None:
    passages, note = [], ""
    faiss_path = config.duckdb_path.with_suffix(".faiss")
    try:
        if not faiss_path.is_file():
            note = chat.NO_INDEX.format(path=faiss_path)
        else:
            with st.spinner("Searching the guidelines…"):
                index = guideline_index(str(faiss_path), faiss_path.stat().st_mtime_ns)
                query = chat.retrieval_query(history, question)
                passages = chat.retrieve_passages(config.duckdb_path, index, embedding_model(config.embedding_model), query)
    except chat.WarehouseUnavailable as exc:  # a build is writing, or nothing is built: ask again later
        st.warning(str(exc))
        return
    except Exception as exc:  # the index or the embedding model cannot be read: answer, but say it is ungrounded
        note = f"The guideline search failed ({type(exc).__name__}: {exc}); answering without guideline passages."
    if note:
        st.caption(note)
    messages = chat.build_messages([{"role": t["role"], "content": t["content"]} for t in history], question, passages)
    budget, max_tokens = chat.prompt_budget(max_new_tokens=route["max_tokens"]), route["max_tokens"]
    try:
        if route["kind"] == "adapter":
            model, tokenizer, lock = adapter_model(route["path"], route["mtime_ns"])
            prompt = chat.fit_to_context(messages, budget, chat.tokenizer_counter(tokenizer))
            pieces: Iterator[str] = locked(lock, chat.local_stream(model, tokenizer, prompt.messages, max_tokens))
        else:
            prompt = chat.fit_to_context(messages, budget, chat.approx_tokens)
            pieces = chat.ollama_stream(route["host"], route["model"], prompt.messages, chat.ollama_options(max_tokens))
        with st.spinner("Writing the answer…"):
            first = next(pieces, "")  # nothing shows until the model's first piece: say that it is working
        text = st.write_stream(itertools.chain([first], pieces))
    except Exception as exc:  # the model's own failure (host gone, model missing, out of memory): say it, keep the history
        st.error(f"The model could not answer: {type(exc).__name__}: {exc}")
        return
    text = text if isinstance(text, str) else "".join(map(str, text))
    if prompt.dropped:
        note = (note + " " if note else "") + f"{prompt.dropped} earliest messages were left out to fit the model's context."
        st.caption(note)
    show_passages(passages)
    history.append({"role": "user", "content": question})
    history.append({"role": "assistant", "content": text, "passages": passages, "note": note})


def locked(lock: threading.Lock, pieces: Iterator[str]) -> Iterator[str]:
    with lock:
        yield from pieces


def show_passages(passages: list[chat.Hit]) -> None:
    if not passages:
        return
    st.markdown("**Cited guideline passages**")
    for passage in passages:
        with st.expander(passage.citation):
            st.caption(f"chunk {passage.chunk_id} · similarity {passage.score:.2f}")
            st.text(passage.preview())


# --- dataset ------------------------------------------------------------------------------------------------------------


def dataset_page() -> None:
    st.title("Dataset")
    config = settings()
    if config is None:
        return
    path = config.duckdb_path
    st.caption(f"Read-only view of `{path}`: each query opens the file and closes it at once, so a running build is never blocked.")
    table = st.radio("Table", ["final", "quarantine"], horizontal=True, key="table")
    try:
        dataset_view(path, table)
    except chat.WarehouseUnavailable as exc:
        st.warning(str(exc))
        st.button("Retry")


def dataset_view(path: Path, table: str) -> None:
    columns = st.columns(len(chat.FILTERABLE[table]) + 1)
    chosen: dict[str, tuple[str, ...]] = {}
    for slot, column in zip(columns, chat.FILTERABLE[table]):
        options = chat.fetch(path, chat.values_query(table, column))[column].tolist()  # type: ignore[arg-type]
        chosen[column] = tuple(slot.multiselect(column, options, key=f"{table}_{column}", placeholder=f"every {column}"))
    text = columns[-1].text_input("text search", key=f"{table}_text", placeholder="words in the row")
    selection = chat.DatasetFilter(table=table, text=text, **chosen)  # type: ignore[arg-type]
    total = int(chat.fetch(path, chat.total_query(selection))["rows"].iloc[0])
    rows = chat.fetch(path, chat.rows_query(selection))
    charts = st.columns(2)
    with charts[0]:
        st.markdown("**Rows per source**")
        st.bar_chart(chat.fetch(path, chat.count_query(selection, "source")), x="source", y="rows", horizontal=True)
    with charts[1]:
        by = "split" if table == "final" else "reason"
        st.markdown(f"**Rows per {by}**")
        st.bar_chart(chat.fetch(path, chat.count_query(selection, by)), x=by, y="rows", horizontal=True)
    st.markdown(f"**{total:,} rows match** (showing {len(rows):,}); select a row for its provenance.")
    event = st.dataframe(rows, hide_index=True, on_select="rerun", selection_mode="single-row", key=f"{table}_rows")
    if rows.empty:
        return
    picked = event.selection.rows[0] if event.selection.rows else 0  # type: ignore[union-attr]
    row = rows.iloc[picked].to_dict()
    if table == "final":
        final_provenance(path, str(row["id"]))
    else:
        quarantine_provenance(row)


def final_provenance(path: Path, row_id: str) -> None:
    full = chat.fetch(path, chat.row_query(row_id))
    if full.empty:
        st.info("That row is gone: a build replaced `final` meanwhile.")
        return
    row = full.iloc[0].to_dict()
    facts = chat.provenance(row)
    st.subheader(f"Provenance of {facts.id}")
    st.markdown(f"- **source**: {facts.source}\n- **source id**: `{facts.source_id}`\n- **licence**: {facts.license}\n"
                f"- **split**: {facts.split}\n- **flags**: {', '.join(facts.flags) or 'none'}")
    if facts.synthetic:
        st.markdown(f"**Synthetic row**: model `{facts.synthetic['model']}`, prompt versions "
                    f"{', '.join(f'`{v}`' for v in facts.synthetic['prompt_versions'])}, grounding {facts.synthetic['grounding_score']}")
        ids = facts.synthetic["retrieved_chunk_ids"]
        chunks = chat.fetch(path, chat.chunks_query(ids)) if ids else None
        for n, chunk in enumerate([] if chunks is None else chunks.to_dict("records"), start=1):
            passage = chat.Hit(chunk["chunk_id"], 0.0, chunk["title"], int(chunk["first_page"]), int(chunk["last_page"]), chunk["text"], n)
            with st.expander(f"retrieved chunk {passage.citation}"):
                st.text(passage.preview())
    st.markdown("**meta**")
    st.json(facts.meta if facts.meta is not None else {})
    for column in ("input", "context", "output", "reasoning"):
        if row.get(column):
            with st.expander(column):
                st.text(str(row[column]))
    if row.get("messages") is not None and len(row["messages"]):
        with st.expander("messages"):
            st.json([dict(m) for m in row["messages"]])


def quarantine_provenance(row: dict[str, Any]) -> None:
    st.subheader(f"Quarantined at {row['step']}: {row['reason']}")
    st.markdown(f"- **source**: {row['source']}\n- **source id**: `{row['source_id']}`\n- **detail**: {row['detail'] or '-'}")
    st.markdown("**payload**")
    payload = chat.parse_json(row.get("payload"))
    if isinstance(payload, (dict, list)):
        st.json(payload)
    else:
        st.text(str(payload))


st.set_page_config(page_title="medpipe assistant", page_icon=":material/medical_services:", layout="wide")
page = st.navigation([st.Page(chat_page, title="Chat", icon=":material/chat:", url_path="chat", default=True),
                      st.Page(dataset_page, title="Dataset", icon=":material/table_view:", url_path="dataset")])
page.run()
with st.sidebar:  # on every page, below its own controls; the sidebar does not scroll with the conversation
    st.warning(chat.DISCLAIMER)
