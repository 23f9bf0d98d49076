"""assistant_eval: the assistant (the app's own answering path) measured on the clinical question set."""

from pathlib import Path
from typing import Optional

import dagster as dg

from medpipe.app import evaluation
from medpipe.settings import load_settings
from medpipe.train.assets import sft_adapter
from medpipe.train.config import SftSettings
from medpipe.warehouse.resource import Warehouse


class AssistantEvalConfig(dg.Config):
    max_questions: Optional[int] = None  # None: the whole clinical question set
    max_new_tokens: int = 96
    questions_file: str = ""  # "" = benchmarks/data/clinical_questions.jsonl


@dg.asset(deps=[sft_adapter], group_name="evaluation", kinds={"pytorch"})
def assistant_eval(context: dg.AssetExecutionContext, warehouse: Warehouse, config: AssistantEvalConfig) -> dg.MaterializeResult:
    """The assistant on the clinical question set, as the app answers: base model and adapter, each with and without
    retrieval, and the model on OLLAMA_HOST; element recall, forbidden-element rate, emergency-redirect and abstention rates."""

    settings = load_settings()
    questions = evaluation.read_questions(Path(config.questions_file) if config.questions_file else evaluation.QUESTIONS_FILE)
    questions = questions[: config.max_questions]
    results = evaluation.run(Path(warehouse.database), SftSettings(), questions, config.max_new_tokens, settings.ollama_hosts, settings.llm_model,
                             settings.emergency_number, progress=context.log.info)
    report = evaluation.table(results)
    (warehouse.data_dir / "assistant_eval.md").write_text(report + "\n", encoding="utf-8")
    return dg.MaterializeResult(metadata={
        "questions": len(questions), "max_new_tokens": config.max_new_tokens, "table": dg.MetadataValue.md(report),
        "results": dg.MetadataValue.json(results), "report": str(warehouse.data_dir / "assistant_eval.md"),
    })


# assistant_eval runs every model on every question: its own materialisation, never part of a build or of the train job
ASSISTANT_EVAL = dg.AssetSelection.assets(assistant_eval)
assets = [assistant_eval]
