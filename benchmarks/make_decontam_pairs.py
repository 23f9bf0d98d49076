"""Build a labelled set of (training text, evaluation question) pairs for decontamination precision/recall.

Usage: python benchmarks/make_decontam_pairs.py [--medqa-test PATH] [--out PATH] [--seed N]

Reads the MedQA US test file (default ../shared/realdata/medqa_usmle/test.jsonl relative to the project root;
question id = "test:<physical line number, from 1>", blank lines skipped but counted) and writes
benchmarks/data/decontam_pairs.jsonl, one pair a line:
  {pair_id, kind, train_text, eval_question_id, label, note}
Kinds (label): verbatim (true), light_edit (true), partial_copy (true), boilerplate_only (false),
same_topic_different_question (false), unrelated (false). Deterministic for a given input file and seed.

A label is about the pair only. boilerplate_only train texts are *other* MedQA test questions ("train=test:Y" in the
note), so score pairs one against one: run the detector against the pair's eval question alone, not the whole test
set, or those train texts are (correctly) flagged as leaks of test:Y.

Afterwards it prints, per kind, the longest common word n-gram (lower-cased \\w+ tokens) between train_text and the
eval question and the share of the eval question's distinct 8-grams found in train_text (min/median/max).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250613
N_VERBATIM, N_LIGHT, N_PARTIAL, N_BOILER, N_TOPIC = 20, 20, 10, 25, 10

WORD = re.compile(r"\w+")


def toks(text: str) -> list[str]:
    return WORD.findall(text.lower())


def grams(t: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(t[i : i + n]) for i in range(len(t) - n + 1)}


def longest_common_ngram(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive tokens shared by a and b."""
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def share8(train: list[str], ev: list[str]) -> float:
    g = grams(ev, 8)
    return len(g & grams(train, 8)) / len(g) if g else 0.0


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def load(path: Path) -> dict[str, dict]:
    out = {}
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                out[f"test:{lineno}"] = json.loads(line)
    return out


# ---------------------------------------------------------------- sentence helpers
SENT = re.compile(r"(?<=[.?!])\s+(?=[A-Z(\"])")


def clean(q: str) -> str:
    """Drop a stray trailing double quote (unbalanced quotes)."""
    q = q.strip()
    if q.endswith('"') and q.count('"') % 2 == 1:
        q = q[:-1].rstrip()
    return q


def sentences(q: str) -> list[str]:
    return [s for s in SENT.split(clean(q)) if s]


# ---------------------------------------------------------------- light edits (each returns new text or None)
def e_age(q: str, rng: random.Random):
    m = re.search(r"\b(\d+)-year-old\b", q)
    if not m:
        return None
    age = int(m.group(1))
    new = str(age + rng.choice([2, 3, 4]) if age > 5 else age + 1)  # older only, so "since age N" stays consistent
    out = q[: m.start(1)] + new + q[m.end(1) :]
    art = re.compile(r"\b(A|An|a|an) (?=" + new + r"-year-old)")
    an = new.startswith("8") or new in ("11", "18")
    return art.sub(lambda a: ("An " if an else "A ") if a.group(1)[0] == "A" else ("an " if an else "a "), out, count=1)


SEX_BLOCK = re.compile(r"pregnan|gravid|uter|vagin|menstru|menarche|ovar|breast|prostat|testi|scrot|penis|penile|cervi|postpartum|gestation"
                       r"|contracept|mammo|erectile", re.I)
M2F = {"man": "woman", "men": "women", "boy": "girl", "male": "female", "he": "she", "his": "her", "him": "her", "himself": "herself",
       "husband": "wife", "father": "mother", "son": "daughter"}
F2M = {v: k for k, v in M2F.items() if k not in ("him",)}


def e_sex(q: str, rng: random.Random):
    if SEX_BLOCK.search(q):
        return None
    low = q.lower()
    male = re.search(r"\b(man|boy)\b", low)
    female = re.search(r"\b(woman|girl)\b", low)
    if bool(male) == bool(female):
        return None
    table = M2F if male else F2M

    def sub(m):
        w = m.group(0)
        lw = w.lower()
        if lw == "her":  # female -> male: object or possessive
            nxt = q[m.end() :].lstrip()
            lw2 = "him" if (not nxt or nxt[0] in ".,;:)"
                            or re.match(r"(to|with|that|for|about|and|or|in|on|at|from|by|as|if|to|is|was)\b", nxt)) else "his"
            rep = lw2
        else:
            rep = table[lw]
        return rep.capitalize() if w[0].isupper() else rep

    pat = r"\b(" + "|".join(sorted(table, key=len, reverse=True)) + r")\b"
    new = re.sub(pat, sub, q, flags=re.I)
    return new if new != q else None


def e_most_probable(q: str, rng: random.Random):
    new = re.sub(r"\bmost likely\b", "most probable", q)
    new = re.sub(r"\bMost likely\b", "Most probable", new)
    return new if new != q else None


UNITS = [
    (r"\bmm Hg\b", "mmHg"),
    (r"\bmg/dL\b", "mg per dL"),
    (r"\bg/dL\b", "g per dL"),
    (r"\bmEq/L\b", "mEq per L"),
    (r"/mm3\b", " per cubic mm"),
    (r"/min\b", " per minute"),
    (r"°C\b", " degrees Celsius"),
    (r"°F\b", " degrees Fahrenheit"),
    (r"(\d) kg\b", r"\1 kilograms"),
    (r"(\d) cm\b", r"\1 centimeters"),
]


def e_units(q: str, rng: random.Random):
    new = q
    for pat, rep in UNITS:
        new = re.sub(pat, rep, new)
    return new if new != q else None


SYN = [
    (r"\bcomes to the physician\b", "presents to the doctor"),
    (r"\bcomes to the emergency department\b", "presents to the ER"),
    (r"\bis brought to the emergency department\b", "is brought to the ER"),
    (r"\bemergency department\b", "ER"),
    (r"\bphysician\b", "doctor"),
    (r"\bPhysical examination shows\b", "Exam reveals"),
    (r"\bphysical examination\b", "exam"),
    (r"\bshows\b", "reveals"),
    (r"\bbecause of\b", "due to"),
    (r"\bhistory of\b", "hx of"),
    (r"\bLaboratory studies show\b", "Labs reveal"),
    (r"\bTemperature\b", "Temp"),
    (r"\bblood pressure\b", "BP"),
    (r"\bpulse\b", "heart rate"),
    (r"\brespirations are\b", "respiratory rate is"),
    (r"\bdenies\b", "reports no"),
    (r"\badministered\b", "given"),
    (r"\bsymptoms\b", "complaints"),
]


def e_synonyms(q: str, rng: random.Random):
    new = q
    for pat, rep in SYN:
        new = re.sub(pat, rep, new)
    return new if new != q else None


def e_drop_sentence(q: str, rng: random.Random):
    s = sentences(q)
    if len(s) < 5:
        return None
    del s[rng.randrange(1, len(s) - 1)]
    return " ".join(s)


def e_reorder(q: str, rng: random.Random):
    s = sentences(q)
    if len(s) < 5:
        return None
    i = rng.randrange(1, len(s) - 2)
    s[i], s[i + 1] = s[i + 1], s[i]
    return " ".join(s)


FINAL_REPHRASE = [
    (r"^Which of the following is the most likely diagnosis\?$", "What is the most probable diagnosis in this case?"),
    (r"^Which of the following is the most appropriate next step in (the )?management( of this patient)?\?$",
     "What should be done next in managing this patient?"),
    (r"^Which of the following is the most likely cause of (this|the) patient's (.+)\?$", r"What most probably explains the \2 in this patient?"),
    (r"^Which of the following is the most likely explanation for (.+)\?$", r"What best explains \1?"),
    (r"^Which of the following is the most appropriate pharmacotherapy\?$", "Which drug should be started?"),
    (r"^Which of the following is the most likely (.+)\?$", r"What is the probable \1?"),
    (r"^Which of the following (is|are|was|were|would|will|could|best|most) (.+)\?$", r"What \1 \2?"),
]


def e_rephrase_final(q: str, rng: random.Random):
    s = sentences(q)
    for pat, rep in FINAL_REPHRASE:
        new, n = re.subn(pat, rep, s[-1])
        if n:
            return " ".join(s[:-1] + [new])
    return None


ABBREV = [
    (r"\bwith\b", "w/"), (r"\band\b", "&"), (r"\bpatient\b", "pt"), (r"\bhistory\b", "hx"), (r"\byear-old\b", "y/o"),
    (r"\bexamination\b", "exam"), (r"\bweeks\b", "wks"), (r"\bmonths\b", "mos"), (r"\bdays\b", "d"), (r"\bhours\b", "h"),
    (r"\bwithout\b", "w/o"), (r"\bincreased\b", "raised"), (r"\bdecreased\b", "reduced"),
]


def e_abbrev(q: str, rng: random.Random):
    new = q
    for pat, rep in ABBREV:
        new = re.sub(pat, rep, new)
    return new if new != q else None


def e_telegraphic(q: str, rng: random.Random):
    """Clinical-note style: drop 'the'/'a', and a noun's 'is/are/was/were' before a number or 'noted/brought/seen'."""
    new = re.sub(r"\b(the|a|The|A) (?!\d+-(year-old|y/o))", "", q)
    new = re.sub(r"\b(\w+) (is|are|was|were) (?=\d|(noted|brought|seen)\b)",
                 lambda m: m.group(0) if m.group(1).lower() in ("he", "she", "it", "they", "who", "that", "which") else m.group(1) + " ", new)
    new = re.sub(r"(^|(?<=[.?!] ))([a-z])", lambda m: m.group(1) + m.group(2).upper(), new)
    return new if new != q else None


EDITS = {
    "age": e_age, "sex": e_sex, "most_probable": e_most_probable, "units": e_units, "synonyms": e_synonyms,
    "drop_sentence": e_drop_sentence, "reorder": e_reorder, "rephrase_final": e_rephrase_final,
    "abbrev": e_abbrev, "telegraphic": e_telegraphic,
}
LIGHT_PLANS = [
    ["age"], ["sex"], ["most_probable"], ["units"], ["drop_sentence"], ["reorder"], ["rephrase_final"], ["synonyms"],
    ["age", "most_probable"], ["sex", "units"], ["drop_sentence", "rephrase_final"], ["reorder", "synonyms"],
    ["age", "units", "synonyms"], ["sex", "synonyms", "rephrase_final"],
    # dense plans: many small word-level edits; the question is picked so the longest common n-gram ends below 13
    ["age", "units", "synonyms", "abbrev", "telegraphic"], ["sex", "units", "synonyms", "abbrev", "telegraphic"],
    ["units", "synonyms", "most_probable", "rephrase_final", "abbrev", "telegraphic"],
    ["age", "units", "synonyms", "abbrev", "telegraphic", "reorder"],
    ["sex", "units", "synonyms", "rephrase_final", "abbrev", "telegraphic"],
    ["age", "sex", "units", "synonyms", "most_probable", "abbrev", "telegraphic"],
]
N_DENSE = 6

NEW_FINALS = [
    "Which of the following is the most likely diagnosis?",
    "What is the most appropriate next step in management?",
    "Which of the following is the most likely underlying mechanism?",
    "Which laboratory finding would you expect in this patient?",
    "What is the most appropriate pharmacotherapy at this time?",
    "Explain the most likely diagnosis and the first test you would order.",
    "What complication is this patient at greatest risk of developing?",
]

TOPIC_TEMPLATES = [
    "What is the first-line treatment for {a}?",
    "How is {a} usually diagnosed, and which test confirms it?",
    "Can you explain what causes {a} and who is at risk?",
    "List the classic signs and symptoms of {a}.",
    "What complications should be monitored in someone with {a}?",
    "Describe the pathophysiology of {a} in simple terms.",
    "Which lab results are typical in {a}?",
    "What is the long-term outlook for a person diagnosed with {a}?",
    "How would you explain {a} to a worried family member?",
    "Before settling on {a}, what other conditions belong on the differential?",
]

CONSUMER = [
    "how does valium affect the brain",
    "is it safe to take ibuprofen and tylenol together",
    "what foods are high in iron for vegetarians",
    "why do my knees crack when i squat",
    "how long does a cold usually last in adults",
    "can drinking coffee raise your blood pressure",
    "what is the best way to fall asleep faster without pills",
    "should i worry about a mole that itches",
]


def options_block(opts: dict, style: int) -> str:
    keys = sorted(opts)
    if style == 0:
        return "\n" + "\n".join(f"{k}. {opts[k]}" for k in keys)
    if style == 1:
        return " Options: " + " ".join(f"({k}) {opts[k]}" for k in keys)
    return "\n\nAnswer choices:\n" + "\n".join(f"{k}) {opts[k]}" for k in keys)


def build(data: dict[str, dict], seed: int) -> list[dict]:
    rng = random.Random(seed)
    ids = sorted(data, key=lambda s: int(s.split(":")[1]))
    q = {i: data[i]["question"] for i in ids}
    T = {i: toks(q[i]) for i in ids}
    order = ids[:]
    rng.shuffle(order)
    used: set[str] = set()
    pairs: list[dict] = []

    def add(kind, train, qid, label, note):
        used.add(qid)
        pairs.append({"pair_id": f"{kind}-{sum(p['kind'] == kind for p in pairs) + 1:03d}", "kind": kind, "train_text": train,
                      "eval_question_id": qid, "label": label, "note": note})

    # ---- boilerplate_only first (it has the tightest constraints on which ids qualify)
    df8: dict[tuple, set[str]] = defaultdict(set)
    for i in ids:
        for g in grams(T[i], 8):
            df8[g].add(i)
    cand = set()
    for g, s in df8.items():
        if 2 <= len(s) <= 60:
            for a, b in itertools.combinations(sorted(s), 2):
                cand.add((a, b))
    good = []
    for a, b in sorted(cand):
        if jaccard(T[a], T[b]) >= 0.3 or data[a]["answer"].strip().lower() == data[b]["answer"].strip().lower():
            continue
        shared = grams(T[a], 8) & grams(T[b], 8)
        if min(len(df8[g]) for g in shared) < 3:  # every shared 8-gram must be stock phrasing seen in >= 3 questions
            continue
        good.append((a, b))
    rng.shuffle(good)
    quota = {"8-9": 7, "10-12": 7, "13-15": 6, "16+": 5}  # spread over longest-common-n-gram lengths
    for a, b in good:
        if not any(quota.values()):
            break
        if a in used or b in used:
            continue
        L = longest_common_ngram(T[a], T[b])
        name = "8-9" if L <= 9 else "10-12" if L <= 12 else "13-15" if L <= 15 else "16+"
        if not quota[name]:
            continue
        quota[name] -= 1
        x, y = (a, b) if rng.random() < 0.5 else (b, a)
        used.add(y)
        add("boilerplate_only", q[y], x, False, f"train=test:{y.split(':')[1]}; different question, longest shared n-gram {L}")

    # ---- verbatim
    plan = ["exact"] * 6 + ["options"] * 5 + ["strip_quote"] * 3 + ["whitespace"] * 3 + ["case"] * 3
    for k, how in enumerate(plan):
        for i in order:
            if i in used:
                continue
            has_stray = q[i].rstrip().endswith('"') and q[i].count('"') % 2 == 1
            if (how == "strip_quote") != has_stray:
                continue
            if how == "exact":
                t, note = q[i], "exact copy"
            elif how == "options":
                t, note = q[i] + options_block(data[i]["options"], k % 3), f"exact copy + options (style {k % 3})"
            elif how == "strip_quote":
                t, note = clean(q[i]), "exact copy, stray trailing quote removed"
            elif how == "whitespace":
                t = "  " + re.sub(r"(?<=[.?]) ", lambda m: rng.choice(["  ", "\n", " \n\n"]), q[i]).replace(", ", ",  ") + " \n"
                note = "exact copy, extra whitespace/newlines"
            else:
                t, note = (q[i].lower(), "exact copy, lower-cased") if k % 2 else (q[i].upper(), "exact copy, upper-cased")
            add("verbatim", t, i, True, note)
            break

    # ---- light edits
    for n_plan, ops in enumerate(LIGHT_PLANS):
        dense = n_plan >= len(LIGHT_PLANS) - N_DENSE
        for i in order:
            if i in used or len(sentences(q[i])) < 5:
                continue
            t, ok = clean(q[i]), True
            for op in ops:
                new = EDITS[op](t, rng)
                if new is None or new == t:
                    ok = False
                    break
                t = new
            if ok and dense and longest_common_ngram(toks(t), T[i]) >= 13:
                ok = False
            if ok:
                add("light_edit", t, i, True, "edits: " + ", ".join(ops))
                break

    # ---- partial copies: vignette (>= 60% of the question's words) + a different final question
    k = 0
    for i in order:
        if k == N_PARTIAL:
            break
        if i in used:
            continue
        s = sentences(q[i])
        if len(s) < 4 or len(T[i]) < 80 or not re.match(r"An? \d+-(year|month|week|day)-old", q[i]):
            continue
        body = s[:-1]
        if k % 2 and len(toks(" ".join(body[:-1]))) >= 0.6 * len(T[i]):
            body = body[:-1]  # shorter prefix: also drop the last vignette sentence
        frac = len(toks(" ".join(body))) / len(T[i])
        if frac < 0.6:
            continue
        final_t = toks(s[-1])
        newq = next(f for f in NEW_FINALS[k % len(NEW_FINALS):] + NEW_FINALS if toks(f) != final_t)
        add("partial_copy", " ".join(body) + " " + newq, i, True, f"first {len(body)}/{len(s)} sentences ({frac:.0%} of words) + new final question")
        k += 1

    # ---- same topic, different question (answer is a diagnosis)
    k, seen = 0, set()
    for i in order:
        if k == N_TOPIC:
            break
        a = data[i]["answer"].strip().rstrip(".")
        if i in used or a.lower() in seen or not re.search(r"most likely diagnosis\?\"?$", q[i].strip()) or len(a.split()) > 5:
            continue
        topic = " ".join(w if (w.isupper() or any(c.isdigit() for c in w)) else w.lower() for w in a.split())
        t = TOPIC_TEMPLATES[k].format(a=topic)
        if longest_common_ngram(toks(t), T[i]) >= 6:
            continue
        seen.add(a.lower())
        add("same_topic_different_question", t, i, False, f"about the answer ({a}), not the vignette")
        k += 1

    # ---- unrelated consumer questions
    rest = [i for i in order if i not in used]
    for c, i in zip(CONSUMER, rest):
        add("unrelated", c, i, False, "consumer question, random eval question")

    pairs.sort(key=lambda p: ["verbatim", "light_edit", "partial_copy", "boilerplate_only", "same_topic_different_question",
                              "unrelated"].index(p["kind"]))
    print(f"boilerplate candidate pairs (only stock 8-grams shared, Jaccard < 0.3, different answers): {len(good)}")
    return pairs


def summary(pairs: list[dict], data: dict[str, dict]) -> str:
    rows = defaultdict(list)
    for p in pairs:
        tr, ev = toks(p["train_text"]), toks(data[p["eval_question_id"]]["question"])
        rows[p["kind"]].append((longest_common_ngram(tr, ev), share8(tr, ev), p["label"]))
    out = ["| kind | n | label | longest common n-gram min/median/max | share of eval 8-grams min/median/max |", "|---|---|---|---|---|"]
    for kind, r in rows.items():
        L = [x[0] for x in r]
        S = [x[1] for x in r]
        out.append(f"| {kind} | {len(r)} | {r[0][2]} | {min(L)} / {statistics.median(L):g} / {max(L)} | {min(S):.2f} / "
                   f"{statistics.median(S):.2f} / {max(S):.2f} |")
    b = rows["boilerplate_only"]
    le = rows["light_edit"]
    out.append(f"\nboilerplate_only with longest common n-gram >= 8: {sum(x[0] >= 8 for x in b)}/{len(b)}; >= 13: "
               f"{sum(x[0] >= 13 for x in b)}/{len(b)}")
    out.append(f"light_edit with longest common n-gram < 13: {sum(x[0] < 13 for x in le)}/{len(le)}")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--medqa-test", type=Path, default=ROOT / ".." / "shared" / "realdata" / "medqa_usmle" / "test.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data" / "decontam_pairs.jsonl")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    data = load(args.medqa_test)
    pairs = build(data, args.seed)
    counts = Counter(p["kind"] for p in pairs)
    want = {"verbatim": N_VERBATIM, "light_edit": N_LIGHT, "partial_copy": N_PARTIAL, "boilerplate_only": N_BOILER,
            "same_topic_different_question": N_TOPIC}
    for kind, n in want.items():
        assert counts[kind] == n, (kind, counts[kind], n)
    assert counts["unrelated"] >= 5 and len({p["pair_id"] for p in pairs}) == len(pairs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"wrote {len(pairs)} pairs to {args.out}: " + ", ".join(f"{k}={v}" for k, v in counts.items())
          + f"; label true={sum(p['label'] for p in pairs)}, false={sum(not p['label'] for p in pairs)}")
    print(summary(pairs, data))


if __name__ == "__main__":
    main()
