"""The static dedup embedder: a real distillation from the packaged MiniLM (once per module), no mocks."""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import numpy as np
import pytest

from medpipe.corpus import static_embedder as se
from medpipe.settings import DEFAULT_MODEL_CACHE

TEXTS = [
    "How do I treat a minor burn at home?",
    "What is the home treatment for a small burn?",
    "What are the side effects of metformin?",
    "The patient presented with chest pain radiating to the left arm.",
    "",
]
# what a per-whitespace-chunk tokenisation could get wrong: other whitespace, glued punctuation, accents, CJK, controls, and a
# text longer than the 512 word pieces read per text
TRICKY = [
    "fever\n\nand\tchills\r\nsince\u00a0monday\u3000now",
    "dr.smith's (ref#A-12/b) said: \"take 5mg/kg\"...ok?!",
    "naïve café Ångström straße ﬁbrosis",
    "头痛 and 発熱 mixed with english",
    "control\x00chars\x1fhere and \u200bzero\u200bwidth",
    "   leading and trailing   ",
    " ".join(f"word{i} with, punctuation; and—dashes" for i in range(300)),
]


@pytest.fixture(scope="module")
def cache_dir() -> Path:
    """The model cache the builds use: distilled there by whichever test needs the model first (test_distillation_is_reproducible
    distils a second copy of its own and compares the bytes)."""
    return DEFAULT_MODEL_CACHE


@pytest.fixture(scope="module")
def built(cache_dir: Path) -> Path:
    return se.ensure_static_model(cache_dir)


@pytest.fixture(scope="module")
def embedder(built: Path) -> se.StaticEmbedder:
    return se.StaticEmbedder(built)


def test_folder_is_named_by_model_params_and_version(built: Path, cache_dir: Path) -> None:
    folder = built
    assert folder == se.model_folder(cache_dir) and folder.name.startswith(se.FOLDER_PREFIX)
    assert {"model.safetensors", "tokenizer.json", "config.json", se.MANIFEST} <= {f.name for f in folder.iterdir()}
    name = se.model_name()
    assert "all-MiniLM-L6-v2" in name and "pca256" in name and "model2vec-" in name
    other = se.DistillParams(pca_dims=128)
    assert se.model_name(other) != name and se.model_folder(cache_dir, other) != folder
    assert not list(cache_dir.glob("*.partial-*"))


def test_vectors_are_unit_float32(embedder: se.StaticEmbedder) -> None:
    vectors = embedder.encode(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), embedder.dim)
    norms = np.linalg.norm(vectors[:-1], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)
    assert not vectors[-1].any()  # an empty text has no pieces: the zero vector, similar to nothing


def test_paraphrase_scores_above_other_topic(embedder: se.StaticEmbedder) -> None:
    v = embedder.encode(TEXTS)
    paraphrase, other = float(v[0] @ v[1]), float(v[0] @ v[2])
    assert paraphrase > other + 0.05, (paraphrase, other)


def test_a_text_encodes_the_same_alone_or_in_a_batch(embedder: se.StaticEmbedder) -> None:
    batch = embedder.encode(TEXTS)
    alone = np.vstack([embedder.encode([t]) for t in TEXTS])
    assert np.array_equal(batch, alone)


def test_same_vectors_as_model2vec_and_no_torch_needed(built: Path, embedder: se.StaticEmbedder) -> None:
    from model2vec import StaticModel

    texts = TEXTS[:-1] + TRICKY
    reference = StaticModel.from_pretrained(built).encode(texts, use_multiprocessing=False)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    assert np.allclose(embedder.encode(texts), reference, atol=1e-5)
    # the encode path imports no torch (checked in a fresh interpreter)
    import subprocess
    import sys

    code = ("import sys; from medpipe.corpus.static_embedder import StaticEmbedder; "
            f"StaticEmbedder({str(built)!r}).encode(['a burn']); print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_distillation_is_reproducible(built: Path, embedder: se.StaticEmbedder, tmp_path: Path) -> None:
    again = se.ensure_static_model(tmp_path)
    for name in ("model.safetensors", "tokenizer.json", "config.json", se.MANIFEST):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name
    assert np.array_equal(se.StaticEmbedder(again).encode(TEXTS), embedder.encode(TEXTS))


def test_cached_folder_is_reused(built: Path, cache_dir: Path) -> None:
    folder = built
    before = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}

    def must_not_distil(partial: Path, params: se.DistillParams) -> None:
        raise AssertionError("distilled again although the folder is cached")

    assert se.ensure_static_model(cache_dir, distill=must_not_distil) == folder
    assert {f.name: f.stat().st_mtime_ns for f in folder.iterdir()} == before


def test_failed_distillation_leaves_no_folder(tmp_path: Path) -> None:
    broken = functools.partial(se.distill_into, base_path=str(tmp_path / "no-such-model"))
    cache = tmp_path / "models"
    with pytest.raises(OSError):
        se.ensure_static_model(cache, distill=broken)
    assert list(cache.iterdir()) == []


def test_interrupted_distillation_leaves_no_folder(tmp_path: Path) -> None:
    def dies_half_way(partial: Path, params: se.DistillParams) -> None:
        (partial / "model.safetensors").write_bytes(b"half a file")
        raise KeyboardInterrupt

    cache = tmp_path / "models"
    with pytest.raises(KeyboardInterrupt):
        se.ensure_static_model(cache, distill=dies_half_way)
    assert list(cache.iterdir()) == []


def test_stale_partial_folder_is_swept_and_never_loaded(built: Path, tmp_path: Path) -> None:
    cache = tmp_path / "models"
    stale = cache / f"{se.model_folder(cache).name}.partial-dead"
    stale.mkdir(parents=True)
    (stale / "model.safetensors").write_bytes(b"left by a killed run")
    old = time.time() - se.STALE_PARTIAL_SECONDS - 60
    os.utime(stale, (old, old))

    def copy_built(partial: Path, params: se.DistillParams) -> None:  # a finished distillation, without paying for one
        for f in built.iterdir():
            (partial / f.name).write_bytes(f.read_bytes())

    folder = se.ensure_static_model(cache, distill=copy_built)
    assert folder.name == se.model_folder(cache).name
    assert sorted(p.name for p in cache.iterdir()) == [folder.name]


def test_dedup_encoder_by_kind(built: Path, cache_dir: Path, embedder: se.StaticEmbedder) -> None:
    name, encode = se.dedup_encoder("static", cache_dir)
    assert name == se.model_name()
    assert np.array_equal(encode(TEXTS), embedder.encode(TEXTS))
    minilm_name, _ = se.dedup_encoder("minilm", cache_dir)  # loaded on first encode only
    from medpipe.corpus.embeddings import PACKAGED_MODEL

    assert minilm_name == PACKAGED_MODEL != name
    with pytest.raises(ValueError, match="unknown dedup encoder"):
        se.dedup_encoder("word2vec", cache_dir)
