"""sft_adapter and sft_eval: LoRA fine-tuning on the release's chat export (and the rows kept for local training only), and its loss
against the base model on the release's test split."""

import json
import time
from pathlib import Path

import dagster as dg

from medpipe.publish.assets import hub_release
from medpipe.publish.release import SYSTEM_PROMPT, local_exports
from medpipe.publish.svg import line_chart
from medpipe.train.config import RECORD_FILE, SftSettings, adapter_dir
from medpipe.warehouse.resource import Warehouse

TRAIN = dict(group_name="train", kinds={"pytorch", "peft"})
SAMPLE_TOKENS = 96  # sample answers are for reading; longer ones cost minutes on 2 cores
SAMPLE_QUESTIONS = ("How should I cool a burn?", "What should I do if someone is choking?", "What are the signs of dehydration in a child?")


def release_exports(warehouse: Warehouse) -> Path:
    exports = warehouse.data_dir / "release" / "exports"
    if not (exports / "chat_train.jsonl").exists():
        raise dg.Failure(description=f"no chat export in {exports}: materialise hub_release first")
    return exports


def training_record(adapter: Path) -> dict | None:
    path = adapter / RECORD_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@dg.asset(deps=[hub_release], **TRAIN)
def sft_adapter(context: dg.AssetExecutionContext, warehouse: Warehouse, config: SftSettings) -> dg.MaterializeResult:
    """A LoRA adapter trained on the release's chat export (train split), loss on assistant turns only; nothing is
    retrained when this release was already trained with this config."""
    from medpipe.train import sft

    train_files = [release_exports(warehouse) / "chat_train.jsonl"]
    local_file = local_exports(warehouse.data_dir) / "chat_train.jsonl"
    if config.local_rows and local_file.exists():
        train_files.append(local_file)
    target = adapter_dir(warehouse.data_dir)
    train_sha256 = sft.train_files_sha256(train_files)
    record = training_record(target)
    if record and record["train_data_sha256"] == train_sha256 and record["settings"] == config.model_dump(mode="json"):
        context.log.info(f"sft_adapter: {target} was trained on this release with this config; nothing to do")
        return dg.MaterializeResult(metadata={"status": "up to date", "adapter": str(target), "train_sha256": train_sha256, "steps": record["steps"]})
    started = time.perf_counter()
    budget = config.train_minutes * 60 if config.train_minutes else None
    result = sft.train_lora(config, train_files, target,
                            progress=lambda step, total, loss: context.log.info(sft.progress_line(step, total, loss,
                                                                                                  time.perf_counter() - started, budget)))
    (target / "loss_curve.svg").write_text(line_chart(result.loss_curve, "Training loss by step"), encoding="utf-8")
    return dg.MaterializeResult(metadata={
        "status": "trained", "adapter": str(target), "base_model": sft.describe_base(config), "train_sha256": result.train_sha256,
        "train_files": [str(f) for f in train_files], "steps": result.steps,
        "rows_used": result.rows_used, "rows_skipped": len(result.skipped), "tokens": result.tokens,
        "tokens_per_second": round(result.tokens_per_second, 1), "train_seconds": round(result.seconds, 1),
        "loss_curve": dg.MetadataValue.json(result.loss_curve), "loss_plot": str(target / "loss_curve.svg"),
        "modelfile": dg.MetadataValue.md(f"```\n{(target / 'Modelfile').read_text(encoding='utf-8')}```"),
    })


@dg.asset(deps=[sft_adapter], **TRAIN)
def sft_eval(context: dg.AssetExecutionContext, warehouse: Warehouse, config: SftSettings) -> dg.MaterializeResult:
    """Loss and perplexity of the base model and of the adapter on the release's test split (the same tokens), and sample answers."""
    from medpipe.train import sft

    rows = sft.read_chat_rows(release_exports(warehouse) / "chat_test.jsonl")
    context.log.info(f"sft_eval: {len(rows)} test dialogues; base model first, then the adapter")
    base_model, tokenizer = sft.load_base(config)
    base = sft.evaluate_loss(base_model, tokenizer, rows, config, progress=lambda line: context.log.info(f"sft_eval base: {line}"))
    base_answers = sft.sample_answers(base_model, tokenizer, SAMPLE_QUESTIONS, max_new_tokens=SAMPLE_TOKENS, system=SYSTEM_PROMPT)
    context.log.info("sft_eval: base model done (loss and sample answers)")
    adapted, tokenizer = sft.load_adapter(config, adapter_dir(warehouse.data_dir))
    adapter = sft.evaluate_loss(adapted, tokenizer, rows, config, progress=lambda line: context.log.info(f"sft_eval adapter: {line}"))
    adapter_answers = sft.sample_answers(adapted, tokenizer, SAMPLE_QUESTIONS, max_new_tokens=SAMPLE_TOKENS, system=SYSTEM_PROMPT)
    comparison = sft.compare(base, adapter)
    if comparison.adapter_worse:
        context.log.warning(f"ADAPTER WORSE THAN BASE on the test split: {comparison.summary}")
    else:
        context.log.info(comparison.summary)
    samples = "\n\n".join(f"**{q}**\n\n- base: {b}\n- adapter: {a}" for q, b, a in zip(SAMPLE_QUESTIONS, base_answers, adapter_answers))
    return dg.MaterializeResult(metadata={
        "base_loss": round(base.loss, 4), "adapter_loss": round(adapter.loss, 4), "base_perplexity": round(base.perplexity, 2),
        "adapter_perplexity": round(adapter.perplexity, 2), "test_tokens": base.tokens, "test_rows": base.rows,
        "adapter_worse_than_base": comparison.adapter_worse, "verdict": comparison.summary,
        "loss_difference_95ci": dg.MetadataValue.json([round(x, 4) for x in comparison.interval()]), "samples": dg.MetadataValue.md(samples),
        "loss_curve": dg.MetadataValue.json((training_record(adapter_dir(warehouse.data_dir)) or {}).get("loss_curve", [])),
    })


assets = [sft_adapter, sft_eval]
