"""MinHash LSH near-duplicates (medpipe/curation/minhash.py), checked against a plain-Python reference of the same definition:
words are runs of `\\w` in the lower-cased text, shingles are word 5-grams (the words of a text shorter than that)."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys

import numpy as np
import pytest

from medpipe.curation import minhash
from medpipe.curation.minhash import NearDuplicateConfig
from medpipe.curation.clusters import cluster_labels

BASE = "A 45-year-old man presents with crushing chest pain radiating to the left arm and jaw for the past hour, with sweating and nausea."
NEAR = "A 45-year-old man presents with crushing chest pain radiating to the left arm and jaw for the past hour, with sweating and vomiting."
OTHER = "A 3-year-old child has a barking cough, hoarse voice and inspiratory stridor that is worse at night after a mild cold."
ANSWER = (" Treat as acute coronary syndrome: give aspirin, record an ECG within ten minutes, call for urgent reperfusion if there is"
          " ST elevation, monitor the rhythm continuously and keep a defibrillator nearby while awaiting transfer to a cardiac centre.")
WORDS = ("fever cough pain rash dose tablet nausea chest child adult infection blood pressure heart lung kidney liver skin eye "
         "ear throat fracture burn wound bleeding oxygen insulin sugar asthma allergy vaccine").split()


def shingles(text: str | None, n: int = 5) -> set[str]:
    words = re.findall(r"\w+", (text or "").lower())
    return set(words) if len(words) < n else {" ".join(words[k : k + n]) for k in range(len(words) - n + 1)}


def jaccard(a: str | None, b: str | None) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def light_edit(words: list[str], rng: random.Random) -> list[str]:
    """One or two of the corpus's light edits: drop a word, swap two adjacent words, change a word's case."""
    words = list(words)
    for _ in range(rng.choice((1, 2))):
        k = rng.randrange(len(words) - 1)
        edit = rng.choice(("drop", "swap", "case"))
        if edit == "drop":
            del words[k]
        elif edit == "swap":
            words[k], words[k + 1] = words[k + 1], words[k]
        else:
            words[k] = words[k].upper()
    return words


def test_a_light_edit_is_found_and_a_different_case_is_not() -> None:
    texts = [BASE + ANSWER, NEAR + ANSWER, OTHER + ANSWER]
    pairs = minhash.near_duplicates(texts, NearDuplicateConfig(threshold=0.8))
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert pairs[0][2] == pytest.approx(jaccard(texts[0], texts[1]))  # the exact Jaccard, 0.84: near the threshold
    assert 0.8 <= pairs[0][2] < 0.9
    sigs = minhash.signatures([BASE + ANSWER, (BASE + ANSWER).upper(), OTHER + ANSWER])
    assert sigs.shape == (3, 128) and sigs.dtype == np.uint32 and (sigs[0] == sigs[1]).all()


def test_words_are_python_word_runs_of_the_lower_cased_text() -> None:
    texts = ["Café—naïve 12°C µg/kg x_y", "ΣΊΣΥΦΟΣ ΟΔΟΣ İstanbul", "alpha", "beta", "alphabeta", "", None, "  --  "]
    rows, hashes = minhash.shingle_hashes(texts, 1)
    assert np.bincount(rows, minlength=len(texts)).tolist() == [len(re.findall(r"\w+", (t or "").lower())) for t in texts]
    by_word: dict[str, int] = {}
    for word, h in zip([w for t in texts for w in re.findall(r"\w+", (t or "").lower())], hashes.tolist()):
        assert by_word.setdefault(word, h) == h
    assert len(set(by_word.values())) == len(by_word)  # "alpha" then "beta" in two texts is not "alphabeta"
    rows, _ = minhash.shingle_hashes(["one two three four five six", "one two", ""], 5)
    assert np.bincount(rows, minlength=3).tolist() == [2, 2, 0]  # two 5-grams; a short text has its words


def test_exact_jaccard_matches_the_reference_including_short_texts_and_repeats() -> None:
    rng = random.Random(7)
    texts: list[str | None] = [" ".join(rng.choice(WORDS[:8]) for _ in range(rng.choice((0, 1, 2, 4, 5, 6, 9, 20, 60))))
                               for _ in range(120)] + [None, "fever", "Fever!", "a b c", "a b c d"]
    pairs = [(rng.randrange(len(texts)), rng.randrange(len(texts))) for _ in range(2000)]
    assert minhash.pair_jaccard(texts, pairs, 5) == pytest.approx([jaccard(texts[i], texts[j]) for i, j in pairs])


def test_short_texts() -> None:
    texts = ["fever", "Fever.", "a b c", "a b c d", "a b c d", "", None, ""]
    sigs = minhash.signatures(texts)
    assert (sigs[0] == sigs[1]).all() and (sigs[3] == sigs[4]).all()
    assert (sigs[5] == 0xFFFFFFFF).all()  # no words: an empty signature, never a candidate
    # "a b c" vs "a b c d": 3 shared words of 4, below 0.8; texts without words pair with nothing
    assert [(i, j) for i, j, _ in minhash.near_duplicates(texts, NearDuplicateConfig(threshold=0.8))] == [(0, 1), (3, 4)]
    assert [(i, j) for i, j, _ in minhash.near_duplicates(texts, NearDuplicateConfig(threshold=0.7))] == [(0, 1), (2, 3), (2, 4), (3, 4)]


def test_signature_agreement_estimates_jaccard_also_for_short_texts() -> None:
    rng = random.Random(3)
    for size in (4, 30, 400):  # shingles per text: most of the 128 bins are densified copies for the short ones
        agree, truth = [], []
        for _ in range(60):
            words = [f"w{rng.randrange(10**9)}" for _ in range(size + 4)]
            cut = rng.randrange(size // 4, size)
            a, b = words, words[:cut] + [f"v{rng.randrange(10**9)}" for _ in range(size + 4 - cut)]
            sigs = minhash.signatures([" ".join(a), " ".join(b)], seed=rng.randrange(1000))
            agree.append((sigs[0] == sigs[1]).mean())
            truth.append(jaccard(" ".join(a), " ".join(b)))
        bias = np.mean(np.array(agree) - np.array(truth))
        assert abs(bias) < 0.03, (size, bias)


def test_determinism_across_runs_processes_and_row_orders() -> None:
    rng = random.Random(11)
    bases = [[rng.choice(WORDS) for _ in range(rng.randrange(6, 40))] for _ in range(150)]
    texts = [" ".join(w) for w in bases] + [" ".join(light_edit(w, rng)) for w in bases[:100]] + [" ".join(bases[0])] * 3
    pairs = minhash.near_duplicates(texts)
    assert pairs == minhash.near_duplicates(texts)
    code = "import sys, json; from medpipe.curation import minhash; print(json.dumps(minhash.signatures(json.loads(sys.stdin.read())).tolist()))"
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "123"})  # another process, another str hash seed
    assert np.array_equal(np.array(json.loads(out.stdout), dtype=np.uint32), minhash.signatures(texts))
    # another row order gives the same clusters
    order = list(range(len(texts)))
    rng.shuffle(order)
    shuffled = minhash.near_duplicates([texts[k] for k in order])
    labels = cluster_labels(len(texts), pairs)
    moved = cluster_labels(len(texts), [(order[i], order[j], s) for i, j, s in shuffled])
    assert {frozenset(np.flatnonzero(labels == c).tolist()) for c in set(labels.tolist())} == \
        {frozenset(np.flatnonzero(moved == c).tolist()) for c in set(moved.tolist())}


def test_bands() -> None:
    bands, rows = minhash.recall_bands(0.8, 128)
    assert (bands, rows) == (21, 6) and 1 - (1 - 0.8**rows) ** bands >= 0.99
    assert 1 - (1 - 0.8 ** (rows + 1)) ** (128 // (rows + 1)) < 0.99  # the longest bands that keep that recall
    with pytest.raises(ValueError):
        minhash.candidate_pairs(np.zeros((2, 128), dtype=np.uint32), 22, 6)


def test_planted_near_duplicates_are_found_and_nothing_below_the_threshold_is() -> None:
    rng = random.Random(2024)
    parents = [[rng.choice(WORDS) + rng.choice(("", "s", "ed")) for _ in range(rng.randrange(8, 120))] for _ in range(400)]
    children = [light_edit(words, rng) for words in parents]
    texts = [" ".join(w) for w in parents + children]
    pairs = minhash.near_duplicates(texts, NearDuplicateConfig(threshold=0.8))
    labels = cluster_labels(len(texts), pairs)
    planted = [(k, len(parents) + k, jaccard(texts[k], texts[len(parents) + k])) for k in range(len(parents))]
    above = [(a, b) for a, b, j in planted if j >= 0.8]
    assert len(above) > 200
    recall = np.mean([labels[a] == labels[b] for a, b in above])
    assert recall >= 0.95, recall
    for i, j, score in pairs:  # every pair is verified: its score is its exact Jaccard, at or above the threshold
        assert score == pytest.approx(jaccard(texts[i], texts[j])) and score >= 0.8
