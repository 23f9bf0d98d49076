"""One answer, as `medpipe ask`, the evaluation and the app give it: the emergency screen first (no model needed), then
the relevant guideline passages, the model's answer, and the grounding verdict (used passages numbered, or abstention,
or a visible warning when no passage matches)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence, TextIO

from medpipe.app import chat, emergency
from medpipe.corpus.retrieval import Hit

Retrieve = Callable[[str], list[Hit]]
Generate = Callable[[Sequence[chat.Message], int], tuple[Iterator[str], Callable[[str], bool]]]  # (pieces, was_cut_off(text))


@dataclass
class Answer:
    question: str
    screening: emergency.Screening
    notice: str = ""  # the EMERGENCY line, or ""
    first_aid: str = ""
    passages: list[Hit] = field(default_factory=list)
    model_answer: str = ""
    verdict: chat.Verdict | None = None
    cut_off: bool = False
    note: str = ""  # why there is no model answer or no passage search

    @property
    def text(self) -> str:
        """Everything the user reads, in order: the emergency notice and first aid, then the checked answer."""
        parts = [self.notice, f"First aid while you wait: {self.first_aid}" if self.first_aid else ""]
        if self.verdict is not None:
            parts.append(self.verdict.text)
            parts.append(f"Warning: {self.verdict.warning}" if self.verdict.warning else "")
        if self.cut_off:
            parts.append(chat.CUT_OFF)
        parts.append(self.note)
        return "\n\n".join(p for p in parts if p)


def screen_question(question: str, screen: emergency.EmergencyScreen, number: str) -> Answer:
    verdict = screen.screen(question)
    if not verdict.emergency:
        return Answer(question, verdict)
    return Answer(question, verdict, emergency.notice(number), emergency.first_aid(verdict.category))


def complete(answer: Answer, history: Sequence[Mapping[str, str]], retrieve: Retrieve | None, generate: Generate | None,
             embedding_model: Any, emergency_number: str, max_new_tokens: int = chat.MAX_NEW_TOKENS,
             on_piece: Callable[[str], None] | None = None) -> Answer:
    """Fill in the passages, the model's answer and its verdict (the screening is already in `answer`)."""
    query = chat.retrieval_query(history, answer.question)
    answer.passages = retrieve(query) if retrieve is not None else []
    if generate is None:
        answer.note = answer.note or "No model is available to answer: train the adapter (`medpipe build --job train`) or set OLLAMA_HOST."
        return answer
    messages = chat.build_messages(history, answer.question, answer.passages)
    pieces, was_cut_off = generate(messages, max_new_tokens)
    collected = []
    for piece in pieces:
        collected.append(piece)
        if on_piece:
            on_piece(piece)
    answer.model_answer = "".join(collected).strip()
    answer.cut_off = was_cut_off(answer.model_answer)
    grounding = chat.ground(embedding_model, answer.model_answer, answer.passages) if answer.passages else None
    answer.verdict = chat.judge(answer.model_answer, answer.passages, grounding, emergency_number)
    return answer


# --- models ---------------------------------------------------------------------------------------------------------------


def local_generator(model: Any, tokenizer: Any) -> Generate:
    """Generation in process (base model or adapter), the prompt cut to the context; cut off when the answer used every token."""
    def generate(messages: Sequence[chat.Message], max_new_tokens: int) -> tuple[Iterator[str], Callable[[str], bool]]:
        prompt = chat.fit_to_context(messages, chat.prompt_budget(max_new_tokens=max_new_tokens), chat.tokenizer_counter(tokenizer))
        return (chat.local_stream(model, tokenizer, prompt.messages, max_new_tokens),
                lambda text: len(tokenizer(text, add_special_tokens=False)["input_ids"]) >= max_new_tokens - 1)
    return generate


def ollama_generator(host: str, model: str) -> Generate:
    def generate(messages: Sequence[chat.Message], max_new_tokens: int) -> tuple[Iterator[str], Callable[[str], bool]]:
        prompt = chat.fit_to_context(messages, chat.prompt_budget(max_new_tokens=max_new_tokens), chat.approx_tokens)
        end: dict[str, Any] = {}
        return (chat.ollama_stream(host, model, prompt.messages, chat.ollama_options(max_new_tokens), end=end),
                lambda _text: end.get("done_reason") == "length")
    return generate


def index_retriever(duckdb_path: Path, embedding_model: Any) -> Retrieve | None:
    """Retrieval on the built corpus, or None when no index is built."""
    from medpipe.corpus.index import load_index

    faiss_path = duckdb_path.with_suffix(".faiss")
    if not faiss_path.is_file():
        return None
    index = load_index(faiss_path)
    return lambda query: chat.retrieve_passages(duckdb_path, index, embedding_model, query)


def available_generator(duckdb_path: Path, ollama_hosts: str, llm_model: str) -> tuple[Generate | None, str]:
    """The adapter beside the DuckDB file when trained, else the model on OLLAMA_HOST when it answers; (None, why) else."""
    info = chat.find_adapter(chat.adapter_path(duckdb_path))
    if info is not None:
        model, tokenizer = chat.load_adapter_model(info)
        return local_generator(model, tokenizer), info.summary
    host = chat.first_host(ollama_hosts)
    try:
        models = chat.ollama_models(host, timeout=2.0)
    except ConnectionError as exc:
        return None, f"{chat.no_adapter_message(chat.adapter_path(duckdb_path))} ({exc})"
    name = next((m for m in models if m in (llm_model, f"{llm_model}:latest")), models[0] if models else "")
    if not name:
        return None, f"{host} serves no model"
    return ollama_generator(host, name), f"{name} on {host}"


# --- medpipe ask ------------------------------------------------------------------------------------------------------------


def ask(question: str, out: TextIO = sys.stdout) -> int:
    """`medpipe ask "QUESTION"`: the emergency notice first (printed before any model loads), then the checked answer."""
    from medpipe.corpus.embeddings import load_model
    from medpipe.settings import load_settings

    problem = chat.question_problem(question)
    if problem:
        print(f"medpipe: {problem}", file=sys.stderr)
        return 2
    settings = load_settings()
    sure = emergency.rules_only(question)  # printed before the embedding model loads
    answer = (Answer(question.strip(), sure, emergency.notice(settings.emergency_number), emergency.first_aid(sure.category)) if sure else
              screen_question(question.strip(), emergency.default_screen(settings.embedding_model, settings.model_cache), settings.emergency_number))
    if answer.notice:
        print(answer.notice, file=out, flush=True)
        print(f"First aid while you wait: {answer.first_aid}", file=out, flush=True)
    embedding_model = load_model(settings.embedding_model)
    try:
        retrieve = index_retriever(settings.duckdb_path, embedding_model)
    except chat.WarehouseUnavailable as exc:
        retrieve, answer.note = None, str(exc)
    if retrieve is None and not answer.note:
        answer.note = chat.NO_INDEX.format(path=settings.duckdb_path.with_suffix(".faiss"))
    generate, model_name = available_generator(settings.duckdb_path, settings.ollama_hosts, settings.llm_model)
    if generate is None:
        answer.note = " ".join(p for p in (answer.note, model_name) if p)
    try:
        complete(answer, [], retrieve, generate, embedding_model, settings.emergency_number)
    except chat.WarehouseUnavailable as exc:
        answer.note = str(exc)
    if answer.verdict is not None:
        print(f"Answer ({model_name}):", file=out)
        print(answer.verdict.text, file=out)
        if answer.verdict.warning:
            print(f"Warning: {answer.verdict.warning}", file=out)
        if answer.cut_off:
            print(chat.CUT_OFF, file=out)
    for passage in answer.passages:
        label = "used" if answer.verdict and passage.number in answer.verdict.used else "related, not used"
        print(f"{passage.citation} ({label}; similarity {passage.score:.2f})\n    {passage.preview(300)}", file=out)
    if answer.note:
        print(answer.note, file=out)
    return 0
