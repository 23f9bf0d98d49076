"""Pushing a release folder to the Hugging Face Hub."""

from __future__ import annotations

from pathlib import Path


def push_folder(folder: Path, repo_id: str, token: str, endpoint: str | None, private: bool, message: str) -> str:
    """Create the dataset repo if needed and commit the folder in one commit; returns the commit URL."""
    from huggingface_hub import HfApi

    api = HfApi(endpoint=endpoint or None, token=token)
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    info = api.upload_folder(folder_path=str(folder), repo_id=repo_id, repo_type="dataset", commit_message=message)
    return str(getattr(info, "commit_url", info))
