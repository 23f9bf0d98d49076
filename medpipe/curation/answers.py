"""Whether an answer answers its question, judged from general signals of the answer's substance once boilerplate is stripped:
its content words, whether it is mostly questions back to the asker, whether it only refers elsewhere, refuses on the service's
scope or opens by asking for more information, whether it is a fragment cut mid-sentence or inside a link, whether it announces
a list or table that is not there, and (for reference rows) the shapes of scraped drug-label fields, section headings and
report-site lines that stand where an answer should be.

Whether an answer on a neighbouring subject answers its question is not judged: question-answer cosines (the static encoder's
and MiniLM's) and the overlap of the question's content words do not tell those answers from good ones (benchmarks/results/
quality.md, set 2).

Applied per kind of row: consultations and reference rows. Exam, diagnosis and reasoning rows are never judged here: their
short gold answers ("C. Metformin", "yellow", "impetigo") are correct however little they say.

Precision first: a good row quarantined is lost, so each signal fires only on an answer with (next to) no substance left."""

from __future__ import annotations

import re

from medpipe.curation.boilerplate import STOPWORDS

JUDGED_KINDS = frozenset({"consultation", "reference"})

# Words that carry no answer: greetings, empathy, hedges and yes/no words, the asker's own "question", "doctor" and "advice".
FILLER = frozenset("""hello hey dear sir madam understand understood concern concerns worried worry question questions query queries
few more just need needs further information info details detail kindly share tell please thanks thank welcome yes yeah yep nope
maybe probably possibly possible perhaps likely unlikely correct right sure okay fine well good great sorry regards doctor doctors
advice advise answer answers consult consultation help helps contact call see ask know let get got would like want best
""".split())
# A link, also as chat copies break it ("https://journals. plos.org/..."), or a bare domain: a query string's "?" is no question
LINK = (r"(?:https?://|www\.)\S+(?:\s[\w-]+\.(?:org|com|gov|net|edu)\S*)?"
        r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|net|edu)(?:/\S*)?")
# A referral that stands in for an answer: "call your doctor (for advice)", "see a gp", "seek medical attention",
# "check with your pharmacist", a pointer to a database ("dailymed list of ...").
REFERRAL = re.compile(
    r"\b(?:please\s+)?(?:call|see|consult|contact|visit|ask|talk\s+to|speak\s+(?:to|with)|check\s+with|confirm\s+with|follow\s+up\s+with"
    r"|go\s+to|get\s+(?:checked|seen|examined)\s+by|get\s+tested\s+(?:by|at))\s+(?:with\s+)?(?:your|a|an|the|local|any)?\s*(?:own\s+)?"
    r"(?:family\s+|primary\s+care\s+|local\s+|treating\s+)?(?:doctor|dr\.?|physician|gp|provider|pcp|pharmacist|specialist|health\s*care\s+"
    r"(?:provider|professional)|health\s+department|clinic|hospital|emergency\s+(?:room|department)|er|ed|urgent\s+care)(?:'?s)?"
    r"(?:\s+office)?(?:\s+(?:for|about)\s+(?:an?\s+)?(?:advi[cs]e|instructions?|guidance|help|appointment|evaluation|exam(?:ination)?"
    r"|check-?up|test(?:ing)?|more\s+information))?"
    r"|\bseek\s+(?:immediate\s+|prompt\s+)?(?:medical\s+)?(?:attention|advi[cs]e|help|care)\b"
    r"|\b(?:the\s+)?(?:dailymed|medlineplus|drugs\.com)(?:'s)?(?:\s+(?:list|page|site|website|database|label)s?)?(?:\s+of)?"
    rf"|(?:\bsee\s+)?(?:{LINK})",
    re.IGNORECASE)
# Saying that nothing can be said ("without any details it's impossible to say")
DEFERRAL = re.compile(r"\b(?:without\s+(?:any\s+|more\s+|further\s+)?(?:details?|information|info|history)\s*,?\s*)?(?:it'?s\s+|it\s+is\s+)?"
                      r"(?:impossible|hard|difficult|not\s+possible)\s+to\s+(?:say|tell|know)\b|\bcan(?:no|'|’)?t\s+(?:say|tell)\b"
                      r"|\b(?:you\s+)?(?:have\s+not|haven'?t|did\s+not|didn'?t)\s+(?:posted|asked|written|sent)\s+(?:a|any)\s+question\b",
                      re.IGNORECASE)
# An answer that opens by saying it needs more to go on ("need more info! ..."): what follows is a request or stock advice
NEEDS_MORE = re.compile(r"^\W*(?:i\s+)?(?:would\s+)?needs?\s+(?:a\s+(?:bit|little)\s+|some\s+)?more\s+(?:info|information|details?|history)\b",
                        re.IGNORECASE)
# A refusal on the service's scope ("this forum is for answering general medical questions", "we here on this forum answer
# general medical questions, not particulars of individual medical coverage")
SCOPE_REFUSAL = re.compile(r"\b(?:this|the|our)\s+(?:forum|platform|site|service)\s+(?:is\s+(?:only\s+)?for|only\s+answers?)\b"
                           r"|\bwe\s+(?:here\s+)?(?:on\s+this\s+(?:forum|platform|site)\s+)?(?:only\s+)?answer\s+general\b", re.IGNORECASE)
# A list or table announced but left out by the scrape: "The following is a list of ... drugs" with nothing listed after it,
# "... dose ... is displayed in Table 1" with no value beside the pointer. An elided excerpt lists after an ellipsis ("any of the
# following medicines is usually not recommended ... … Diclofenac")
ANNOUNCED_LIST = re.compile(r"\bthe\s+following\b|\bas\s+follows\b|\b(?:listed|shown|given)\s+below\b", re.IGNORECASE)
LISTED_AFTER = re.compile(r"[:;\n•…]|\.{3}|https?://|www\.", re.IGNORECASE)
TABLE_POINTER = re.compile(r"\b(?:in|see)\s+table\s+\d+\b", re.IGNORECASE)
# The words of a drug label's section headings: an answer made of them only is the label's table of contents ("HOW SUPPLIED …
# DOSAGE & INDICATIONS ... MAXIMUM DOSAGE ... ADMINISTRATION …")
LABEL_SECTION_WORDS = frozenset("""how supplied dosage dosing dose indications indication usage maximum considerations administration
contraindications warnings warning boxed precautions adverse reactions overdosage description clinical pharmacology storage handling
drug interactions use in specific populations and of""".split())
# A drug-report site's stock line that only says reports exist ("Drug interactions are reported among people who take Medrol and
# Cataflam together. This study is created by eHealthMe ..."): no interaction, effect or advice is named
REPORTS_EXIST = re.compile(r"^\s*drug interactions are reported among people who take [^.]{1,120}\."
                           r"(?:\s*this study is created by [^.]*\.?)?\s*$", re.IGNORECASE)
# An answer cut off inside a parenthesised link ("... based in a paper (https://journals. plos.org/plospathogens/article?")
CUT_LINK = re.compile(r"\((?:https?://|www\.)[^()]*$", re.IGNORECASE)
# A word a sentence cannot end on: an answer ending on one (no full stop) was cut off ("may confirm with", "do video w/")
DANGLING = frozenset("""with w/ and or to of for the a an by from about your my his her their at in on into than as but because if like
that which who whose via per""".split())
# A drug label's field with nothing in it ("DEA Schedule: None", "Boxed Warning: N/A")
EMPTY_FIELD = re.compile(r"^\s*[A-Za-z][A-Za-z0-9 ./&()'-]{1,40}:\s*(?:none|n/?a|not applicable|not available|unknown|nil|-+)?\s*\.?\s*$",
                         re.IGNORECASE)
# A heading whose content was cut: a short line ending on an ellipsis, or holding an editor's bracket ("[whole section]")
ELLIPSIS = re.compile(r"…|\.{3,}")
EDITOR_NOTE = re.compile(r"\[\s*(?:whole|entire|full|see)\b[^\]]{0,40}\]\s*$", re.IGNORECASE)
# A drug page's stock section heading standing alone ("Hydromorphone may cause side effects."): the list it heads was cut
STOCK_HEADING = re.compile(r"^[^.?!\n]{0,100}\bmay cause side effects\s*\.?$", re.IGNORECASE)
# A disambiguation page in place of a definition ("Chest infection may refer to: ...")
DISAMBIGUATION = re.compile(r"^[^.\n]{0,120}\bmay\s+(?:also\s+)?refer\s+to\s*:", re.IGNORECASE)
# A question that wants a way of doing or a reason, which a bare name cannot give ("how you use for paracetamol", "why ...")
ASKS_HOW = re.compile(r"\bhow\s+(?:\w+\s+){0,3}?(?:use|used|using|take|taken|taking|apply|inject|give|administer|work|works|act|acts"
                      r"|affect|affects|do\s+i|should\s+i)\b|\bwhy\b", re.IGNORECASE)
# A question a name can answer ("what is the generic of ...", "which insulin ..."): a name there is an answer
WANTS_A_NAME = re.compile(r"\b(?:what|which|name|names|called)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z0-9'’-]*")
_LINK = re.compile(LINK, re.IGNORECASE)
_LINK_LITERALS = ("http", "www", ".com", ".org", ".gov", ".net", ".edu")
# An answer longer than this asks more than questions back (the check is skipped)
LONG_CHARS = 1000
# An answer longer than this once its links are gone is no referral alone and not thin: the referral searches are skipped
THIN_MAX_CHARS = 300
THIN_MAX_WORDS = 8  # ... and so is one of more content words than this (a referral holds at most a few)
_SENTENCE = re.compile(r"(?<=[.?!])\s+|(?<=\?)(?=[a-z])|\n+")  # lower-cased chat runs questions together: "fever ?have you"
_BARE_NAME = re.compile(r"^[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){0,2}\.?$")


def substance(text: str) -> set[str]:
    """The distinct words of three letters or more that carry content (neither stopwords nor FILLER)."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in STOPWORDS and w not in FILLER}


def unlinked(text: str) -> str:
    """`text` without its links (searched only in a text holding a literal every link has)."""
    lowered = text.lower()
    return _LINK.sub(" ", text) if any(literal in lowered for literal in _LINK_LITERALS) else text


def questions_back(text: str) -> int | None:
    """How many questions the answer asks when asking is all it does (its other sentences hold at most two content words)."""
    if "?" not in text or len(text) > LONG_CHARS:
        return None
    parts = [s.strip() for s in _SENTENCE.split(unlinked(text)) if s.strip()]
    asked = [s for s in parts if s.endswith("?")]
    if not asked:
        return None
    told = set().union(*(substance(s) for s in parts if not s.endswith("?")))
    return len(asked) if len(told) <= 2 else None


def fragment(text: str) -> bool:
    """A short answer that stops mid-sentence, on a word no sentence ends with."""
    if len(text) > 150:
        return False
    words = text.lower().split()
    return 0 < len(words) <= 12 and text.rstrip()[-1:] not in ".!?)\"'" and words[-1].strip(",;:") in DANGLING


def cut_heading(text: str) -> bool:
    """A short heading whose content was cut: one ellipsis at its end, or an editor's note ("[whole section]") standing for the
    content. An elided excerpt holding values is not one: "... NORCO® 5/325 ... NORCO® 10/325 …" answers "what mg norco comes
    in", and so do headings strung by ellipses ("Postmenopausal Osteoporosis ... Paget's Disease …" for what Actonel is for)."""
    if "\n" in text or len(text) > 300:
        return False
    if (note := EDITOR_NOTE.search(text)) and len(text[: note.start()].split()) <= 12:
        return True
    if any(c.isdigit() for c in text):
        return False
    parts = [p.strip() for p in ELLIPSIS.split(text)]
    return len(parts) == 2 and not parts[1] and len(parts[0].split()) <= 10  # the heading's words, not the ellipsis


def missing_list(text: str) -> bool:
    """A short answer that announces a list or points to a table that is not there."""
    if len(text) > THIN_MAX_CHARS:
        return False
    if (announced := ANNOUNCED_LIST.search(text)) and not LISTED_AFTER.search(text, announced.end()):
        return True
    return TABLE_POINTER.search(text) is not None and not any(c.isdigit() for c in TABLE_POINTER.sub(" ", text))


def not_an_answer(question: str, answer: str, kind: str, boilerplate_stripped: bool = False) -> tuple[str, str] | None:
    """(reason, detail) when `answer`, as published after stripping, does not answer `question`; None otherwise (and always for
    kinds other than consultation and reference). The reason is `boilerplate_only` for a consultation left with too little once
    its boilerplate was stripped, else `not_an_answer`."""
    if kind not in JUDGED_KINDS:
        return None
    text = answer.strip()
    if (asked := questions_back(text)) is not None:
        return "not_an_answer", f"the answer asks {asked} question(s) back and tells nothing"
    if fragment(text):
        return "not_an_answer", f"a fragment cut mid-sentence: {text[-60:]!r}"
    if len(text) <= THIN_MAX_CHARS and CUT_LINK.search(text):
        return "not_an_answer", f"cut off inside a link: {text[-60:]!r}"
    if len(text) <= THIN_MAX_CHARS and SCOPE_REFUSAL.search(text):
        return "not_an_answer", f"a refusal on the service's scope: {text[:80]!r}"
    if missing_list(text):
        return "not_an_answer", f"announces a list or table that is not there: {text[:80]!r}"
    if kind == "consultation" and len(text) <= LONG_CHARS and NEEDS_MORE.match(text):
        return "not_an_answer", f"the answer opens by asking for more information: {text[:80]!r}"
    if len(text) > LONG_CHARS or len(bare := unlinked(text)) > THIN_MAX_CHARS or len(substance(bare)) > THIN_MAX_WORDS:
        referred, deferred, left = False, False, {"(substantial)"}
    else:
        referred, deferred = REFERRAL.search(text) is not None, DEFERRAL.search(text) is not None
        left = substance(DEFERRAL.sub(" ", REFERRAL.sub(" ", text)))
    if kind == "consultation" and (not left or (referred or deferred) and len(left) <= 1):
        what = "only a referral elsewhere" if referred else "only that nothing can be said" if deferred else "no content word"
        if boilerplate_stripped and not deferred:
            return "boilerplate_only", f"once boilerplate is stripped the answer is {what}: {text[:80]!r}"
        return "not_an_answer", f"the answer is {what}: {text[:80]!r}"
    if kind != "reference":
        return None
    if referred and len(left) <= 1:
        return "not_an_answer", f"the answer only refers elsewhere: {text[:80]!r}"
    if REPORTS_EXIST.match(text):
        return "not_an_answer", f"only that reports of an interaction exist: {text[:80]!r}"
    if DISAMBIGUATION.match(text):
        return "not_an_answer", "a disambiguation list, not a definition"
    # a field the question asks about is an answer ("tudorza pressair is what schedule drug": "DEA Schedule: None")
    if len(text) < 80 and "\n" not in text and EMPTY_FIELD.match(text) and not substance(text.split(":")[0]) & substance(question):
        return "not_an_answer", f"a drug label field with no value: {text!r}"
    if len(text) < 160 and STOCK_HEADING.match(text):
        return "not_an_answer", f"a stock section heading whose list was cut: {text!r}"
    if len(text) <= THIN_MAX_CHARS and len(words := _WORD.findall(text.lower())) >= 2 and set(words) <= LABEL_SECTION_WORDS:
        return "not_an_answer", f"only a drug label's section headings: {text!r}"
    if cut_heading(text):
        return "not_an_answer", f"a heading whose content was cut: {text!r}"
    if len(text) < 80 and _BARE_NAME.match(text):
        named = [w for w in _WORD.findall(text.lower()) if len(w) >= 4]
        asked_words = set(_WORD.findall(question.lower()))
        if ASKS_HOW.search(question):
            return "not_an_answer", f"a bare name where the question asks how or why: {text!r}"
        if named and named[0] in asked_words and not WANTS_A_NAME.search(question):
            return "not_an_answer", f"the answer only names the question's subject: {text!r}"
    return None
