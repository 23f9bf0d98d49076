"""Can a measure of question-answer relevance tell an answer on a neighbouring subject from a good answer? Measured on the
labelled sets' consultation and reference rows that the quality steps do not already quarantine (rows labelled `wrong` left
out: relevance does not judge correctness).

Per feature: the cosine of question and answer with the packaged static encoder and with MiniLM, and the share of the
question's content words found in the answer; the AUC of each (a low value read as "not an answer"); then a logistic
regression on all of them (and the two lengths), its strength chosen by 5-fold cross-validation over both sets pooled, and
the recall it reaches with no good row quarantined, and with at most two.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/quality_relevance.py [--realdata ../shared/realdata] [--models DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from benchmarks.bench_quality import LABELLED, as_normalised, frequent_by_source, predict, source_name
from medpipe.corpus.embeddings import encode, load_model
from medpipe.corpus.static_embedder import ensure_static_model, load_static
from medpipe.curation.answers import JUDGED_KINDS, substance
from medpipe.curation.quality import CleanTextConfig
from medpipe.settings import DEFAULT_MODEL_CACHE, PROJECT_ROOT
from medpipe.sources.catalog import source_kind

SETS = (LABELLED, LABELLED.with_name("quality_labelled2.jsonl"))
STRENGTHS = (0.01, 0.1, 1.0, 10.0, 100.0)


def left_to_judge(realdata: Path) -> list[tuple[str, str, bool]]:
    """(question, answer as published, labelled a quarantine) of each labelled judged-kind row the steps keep."""
    frequent = frequent_by_source(realdata, CleanTextConfig())
    rows = []
    for path in SETS:
        for row in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()):
            source = source_name(row["source"])
            if source_kind(source) not in JUDGED_KINDS or row.get("reason") == "wrong":
                continue
            label, _, answer = predict(row, frequent)
            if label != "quarantine":
                rows.append((as_normalised(source, row)[0], answer, row["label"] == "quarantine"))
    return rows


def cosines(vectors_q: np.ndarray, vectors_a: np.ndarray) -> np.ndarray:
    return (np.asarray(vectors_q) * np.asarray(vectors_a)).sum(axis=1)


def recall_at(scores: np.ndarray, positive: np.ndarray, false_quarantines: int) -> int:
    """Positives scored above the (false_quarantines + 1)-th highest good row."""
    threshold = np.sort(scores[~positive])[-(false_quarantines + 1)]
    return int((scores[positive] > threshold).sum())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--realdata", default=str(PROJECT_ROOT.parent / "shared" / "realdata"))
    parser.add_argument("--models", default=str(DEFAULT_MODEL_CACHE), help="where the static model is (distilled there if absent)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    rows = left_to_judge(Path(args.realdata))
    questions, answers, labels = (list(column) for column in zip(*rows))
    positive = np.array(labels)
    static = load_static(str(ensure_static_model(Path(args.models))))
    minilm = load_model("")
    features = {
        "static cosine": cosines(static.encode(questions), static.encode(answers)),
        "MiniLM cosine": cosines(encode(minilm, questions, 32), encode(minilm, answers, 32)),
        "question words in answer": np.array([len(substance(q) & substance(a)) / max(1, len(substance(q))) for q, a in zip(questions, answers)]),
    }
    print(f"rows the steps keep: {len(rows)}, labelled quarantine among them: {int(positive.sum())}")
    for name, values in features.items():
        print(f"{name}: AUC {roc_auc_score(positive, -values):.3f}, recall with 0 good rows lost {recall_at(-values, positive, 0)}, "
              f"with 2 lost {recall_at(-values, positive, 2)}")
    lengths = np.log1p([[len(q), len(a)] for q, a in zip(questions, answers)])
    matrix = np.column_stack([*features.values(), lengths])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for strength in STRENGTHS:
        model = LogisticRegression(C=strength, class_weight="balanced", max_iter=1000)
        scores = cross_val_predict(model, matrix, positive, cv=folds, method="predict_proba")[:, 1]
        print(f"logistic regression C={strength:g} (5-fold CV): AUC {roc_auc_score(positive, scores):.3f}, recall with 0 good rows lost "
              f"{recall_at(scores, positive, 0)}, with 2 lost {recall_at(scores, positive, 2)} (of {int(positive.sum())})")


if __name__ == "__main__":
    main()
