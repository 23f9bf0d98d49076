"""Train: LoRA fine-tuning of a chat model on the release's chat export, and its evaluation."""
