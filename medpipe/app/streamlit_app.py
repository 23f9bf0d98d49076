"""The assistant app's Streamlit script: a Chat page and a Dataset page. Thin on purpose: every decision is in
medpipe.app.chat. Started by medpipe.app.launch (`medpipe app --port N`)."""

from __future__ import annotations

import itertools
import threading
import uuid
from pathlib import Path
from typing import Any, Iterator

import streamlit as st

from medpipe.app import assistant, chat, emergency
from medpipe.app.review_page import review_page
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


# --- chat ---------------------------------------------------------------------------------------------------------------


CHAT_DIR_NAME = "chats"  # beside the DuckDB file: one JSON file per conversation, named in the page's URL (?chat=...)


def chat_page() -> None:
    st.title("Medical assistant")
    config = settings()
    disclaimer(config.emergency_number if config else "112")
    if config is None:
        return
    route = choose_route(config)
    history = conversation(config)
    for turn in history:
        with st.chat_message(turn["role"]):
            show_turn(turn)
    question = st.chat_input("Ask a first-aid or medical question")
    if question is None:
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


def disclaimer(number: str) -> None:
    """A one-line notice fixed at the top of the window (in view however far a phone-sized screen scrolls; `sticky` was not: it
    sticks only inside its own small container), and the full disclaimer below."""
    st.markdown(f"""<div class="medpipe-pinned">Not medical advice. In an emergency call {number}.</div>
<style>.medpipe-pinned {{position: fixed; top: 3.2rem; left: 50%; transform: translateX(-50%); max-width: 92vw; z-index: 999;
background: #fff3cd; color: #664d03; padding: 0.3rem 0.6rem; border-radius: 0.4rem; font-size: 0.9rem;}}</style>""", unsafe_allow_html=True)
    with st.expander("Disclaimer", expanded=True):
        st.warning(chat.DISCLAIMER, icon="⚠️")


def conversation(config: Settings) -> list[dict[str, Any]]:
    """This conversation's turns: in the session, and in a file named by the URL's ?chat= id, so a reload keeps them."""
    if "history" in st.session_state:
        return st.session_state["history"]
    chat_id = st.query_params.get("chat") or uuid.uuid4().hex
    st.query_params["chat"] = chat_id
    st.session_state["history"] = chat.load_conversation(config.data_dir / CHAT_DIR_NAME, chat_id)
    return st.session_state["history"]


def save_conversation(config: Settings) -> None:
    chat_id = st.query_params.get("chat")
    if chat_id:
        chat.save_conversation(config.data_dir / CHAT_DIR_NAME, chat_id, st.session_state.get("history", []))


def show_turn(turn: dict[str, Any]) -> None:
    if turn.get("emergency"):
        st.error(turn["emergency"])
    st.markdown(turn["content"])
    if turn.get("warning"):
        st.warning(turn["warning"])
    if turn["role"] == "assistant" and turn["content"]:
        with st.expander("Copy"):
            st.code(turn["content"], language=None, wrap_lines=True)  # the code block's own button copies it
    show_passages([chat.Hit(**p) for p in turn.get("passages", [])], turn.get("used", []))
    if turn.get("note"):
        st.caption(turn["note"])


def choose_route(config: Settings) -> dict[str, Any] | None:
    """The sidebar's choice of model: the adapter beside the DuckDB file, or a model on OLLAMA_HOST; None when neither can answer."""
    adapter_dir = chat.adapter_path(config.duckdb_path)
    info = chat.find_adapter(adapter_dir)
    with st.sidebar:
        choice = st.radio("Answer with", [ADAPTER_ROUTE, OLLAMA_ROUTE], index=0 if info else 1, key="route")
        if st.button("New conversation"):
            st.session_state["history"] = []
            st.query_params["chat"] = uuid.uuid4().hex
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


def answer(config: Settings, route: dict[str, Any] | None, history: list[dict[str, Any]], question: str) -> None:
    """The emergency notice first (no model needed), then the passages and the model's answer, checked against them.
    The exchange is in the history from the start, so a message sent while this one streams (or Stop) keeps it."""
    earlier = [{"role": t["role"], "content": t["content"]} for t in history]
    screening = emergency.rules_only(question)  # instant: the notice shows before any model loads
    if screening is None:
        with st.spinner("Checking the message…"):
            screening = emergency.default_screen(config.embedding_model, config.model_cache).screen(question)
    turn: dict[str, Any] = {"role": "assistant", "content": "", "note": "Stopped before the answer was complete."}
    if screening.emergency:
        turn["emergency"] = f"{emergency.notice(config.emergency_number)}\n\n**First aid while you wait:** {emergency.first_aid(screening.category)}"
        st.error(turn["emergency"])
    history += [{"role": "user", "content": question}, turn]
    save_conversation(config)
    passages, note = search(config, earlier, question)
    turn["passages"] = [p.as_dict() for p in passages]
    if route is None:
        turn.update(content="", note=" ".join(x for x in (note, "No model is available to answer; see the sidebar.") if x))
        show_turn({**turn, "emergency": ""})
        save_conversation(config)
        return
    messages = chat.build_messages(earlier, question, passages)
    max_tokens = route["max_tokens"]
    stop_slot = None
    try:
        if route["kind"] == "adapter":
            model, tokenizer, lock = adapter_model(route["path"], route["mtime_ns"])
            generate = assistant.local_generator(model, tokenizer)
            pieces, was_cut_off = generate(messages, max_tokens)
            pieces = locked(lock, pieces)
        else:
            pieces, was_cut_off = assistant.ollama_generator(route["host"], route["model"])(messages, max_tokens)
        stop_slot = st.empty()  # emptied once the answer ends: a Stop left beside a finished answer would stop nothing
        stop_slot.button("Stop", key=f"stop-{len(history)}", help="Stop this answer; what is written so far is kept")
        placeholder = st.empty()
        with placeholder.container():
            with st.spinner("Writing the answer…"):
                first = next(pieces, "")  # nothing shows until the model's first piece: say that it is working
            text = st.write_stream(kept(turn, itertools.chain([first], pieces), lambda: save_conversation(config)))
    except Exception as exc:  # the model's own failure (host gone, model missing, out of memory): say it, keep the history
        if stop_slot is not None:
            stop_slot.empty()
        turn.update(content="", note=f"The model could not answer: {type(exc).__name__}: {exc}")
        st.error(turn["note"])
        save_conversation(config)
        return
    text = (text if isinstance(text, str) else "".join(map(str, text))).strip()
    grounding = chat.ground(embedding_model(config.embedding_model), text, passages) if passages else None
    verdict = chat.judge(text, passages, grounding, config.emergency_number)
    notes = [note, chat.CUT_OFF if was_cut_off(text) else ""]
    turn.update(content=verdict.text, warning=verdict.warning, used=verdict.used, note=" ".join(n for n in notes if n),
                model_answer=text if verdict.abstained else "")
    placeholder.empty()
    stop_slot.empty()
    show_turn({**turn, "emergency": ""})
    save_conversation(config)


def search(config: Settings, earlier: list[dict[str, str]], question: str) -> tuple[list[chat.Hit], str]:
    """The relevant guideline passages for the question (with the previous one only for a follow-up), or why there are none."""
    faiss_path = config.duckdb_path.with_suffix(".faiss")
    if not faiss_path.is_file():
        return [], chat.NO_INDEX.format(path=faiss_path)
    try:
        with st.spinner("Searching the guidelines…"):
            index = guideline_index(str(faiss_path), faiss_path.stat().st_mtime_ns)
            query = chat.retrieval_query(earlier, question)
            return chat.retrieve_passages(config.duckdb_path, index, embedding_model(config.embedding_model), query), ""
    except chat.WarehouseUnavailable as exc:  # a build is writing, or nothing is built
        return [], str(exc)
    except Exception as exc:  # the index or the embedding model cannot be read: answer, but say it is ungrounded
        return [], f"The guideline search failed ({type(exc).__name__}: {exc}); answering without guideline passages."


def kept(turn: dict[str, Any], pieces: Iterator[str], save: Any, every: int = 8) -> Iterator[str]:
    """The pieces, each also added to the turn in the history (saved every few pieces), so an interrupted answer is kept."""
    for n, piece in enumerate(pieces, start=1):
        turn["content"] += piece
        if n % every == 0:
            save()
        yield piece


def locked(lock: threading.Lock, pieces: Iterator[str]) -> Iterator[str]:
    with lock:
        yield from pieces


def show_passages(passages: list[chat.Hit], used: list[int]) -> None:
    """Passages the answer is grounded in are labelled used; the others are shown as related, never as cited."""
    if not passages:
        return
    st.markdown("**Guideline passages**" + (f" (used: {', '.join(f'[{n}]' for n in used)})" if used else " (related; the answer does not use them)"))
    for passage in passages:
        label = "used" if passage.number in used else "related, not used"
        with st.expander(f"{passage.citation} · {label}: {passage.preview(70)}"):
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
                      st.Page(dataset_page, title="Dataset", icon=":material/table_view:", url_path="dataset"),
                      st.Page(review_page, title="Review", icon=":material/fact_check:", url_path="review")])
page.run()
with st.sidebar:  # on every page, below its own controls; the sidebar does not scroll with the conversation
    st.warning(chat.DISCLAIMER)
