"""Where releases go: a local folder beside the DuckDB file, and the Hugging Face Hub when a repo id and token are set."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import dagster as dg

from medpipe.sources.catalog import SYNTHETIC_SHARE_BOUNDS

DEFAULT_MAX_SHARE = 0.3


class HubPublisher(dg.ConfigurableResource):
    repo_id: str = ""
    token: Optional[str] = None  # from dg.EnvVar("HF_TOKEN"): never logged, never written
    endpoint: str = ""
    private: bool = True
    max_source_shrink: float = 0.1  # a source may lose at most this share of its rows since the previous release
    max_source_growth: float = 10.0  # and grow to at most this many times its rows
    max_synthetic_share: dict[str, float] = SYNTHETIC_SHARE_BOUNDS  # per generated source
    export_reasoning: bool = True  # chat and Alpaca exports carry each row's chain of thought as a <think> block
    max_source_share: float = DEFAULT_MAX_SHARE  # no source may be more of final than this, unless its max_share (catalog or sources file) says so
    push_unknown_licence: list[str] = []  # sources pushed although the files read carry no licence

    @property
    def configured(self) -> bool:
        return bool(self.repo_id and self.token)

    def push(self, folder: Path, message: str) -> str:
        """Create the dataset repo if needed and commit the folder in one commit; returns the commit URL."""
        from huggingface_hub import HfApi

        api = HfApi(endpoint=self.endpoint or None, token=self.token)
        api.create_repo(self.repo_id, repo_type="dataset", private=self.private, exist_ok=True)
        info = api.upload_folder(folder_path=str(folder), repo_id=self.repo_id, repo_type="dataset", commit_message=message)
        return str(getattr(info, "commit_url", info))
