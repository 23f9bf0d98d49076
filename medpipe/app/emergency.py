"""The emergency screen every message passes before any model answers: rules for the situations that need an ambulance now,
plus a classifier on the message's sentence embedding trained on a labelled set (data/emergency_examples.jsonl), so a
phrasing no rule names is still caught. A hit is answered by a fixed notice (call the local emergency number) and the
matching first-aid passage, whatever a model says afterwards and when no model is available.

The rules look for a situation happening now (chest pain *with* a red flag, a face drooping, a throat closing, bleeding
that will not stop); a question about a topic ("what are the signs of a stroke?") or a past event ("I had a heart attack
3 years ago") is left to the classifier, which has near-misses of that kind among its negatives."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from medpipe.settings import DEFAULT_MODEL_CACHE

DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLES_FILE = DATA_DIR / "emergency_examples.jsonl"
FIRST_AID_FILE = DATA_DIR / "emergency_first_aid.json"
NOTICE_PREFIX = "EMERGENCY:"
# The classifier's bar and strength, chosen by 5-fold cross-validation on the labelled examples (benchmarks/bench_emergency.py
# --cross-validate, benchmarks/results/emergency.md), recall first: a missed emergency costs more than a notice shown to a near-miss.
THRESHOLD = 0.2
CLASSIFIER_C = 30.0
RULE_FEATURE_WEIGHT = 2.0  # the rule features' scale beside unit-length embeddings and TF-IDF rows

# --- rules ---------------------------------------------------------------------------------------------------------------

_PERSON = (r"(?:i|i'm|im|i am|my|me|he|she|they|he's|she's|hes|shes|they're|someone|somebody|a (?:man|woman|child|kid|person|friend)"
           r"|him|her|our|we)")
_NOW = (r"(?:right now|now|just|suddenly|sudden|started|is having|are having|having|can'?t|cannot|won'?t|isn'?t|is not|keeps?|still|help"
        r"|please|\d+ min)")

_CATEGORY_RULES: dict[str, tuple[str, ...]] = {
    "cardiac": (
        r"\b(?:having|had just had|is having) a heart attack\b",
        r"\bheart attack\b.{0,40}\b(?:now|happening|right now|think|i think)\b",
        r"\bi think\b.{0,30}\bheart attack\b",
        r"\bcrushing\b.{0,30}\bchest\b|\bchest\b.{0,30}\bcrushing\b",
        r"\bchest (?:pain|pains|pressure|tightness|hurts?|feels? tight|is tight)\b.{0,80}\b(?:arm|jaw|sweat\w*|clammy|short(?:ness)? of breath|"
        r"can'?t breathe|breathless|nause\w*|vomit\w*|faint\w*|pale|dizzy|crushing|severe|right now|back)\b",
        r"\b(?:arm|jaw|sweat\w*|clammy|short(?:ness)? of breath|can'?t breathe|breathless|nause\w*|faint\w*|pale|severe|crushing)\b.{0,80}"
        r"\bchest (?:pain|pains|pressure|tightness|hurts?)\b",
        r"\b(?:pain|pressure|tightness) in (?:my|his|her|the) chest\b.{0,80}\b(?:arm|jaw|sweat\w*|clammy|breath\w*|nause\w*|faint\w*|pale|severe)\b",
        r"\bclutching (?:his|her|my|their) chest\b",
        r"\b(?:tearing|ripping)\b.{0,30}\b(?:chest|back)\b|\bchest\b.{0,40}\b(?:tearing|ripping|ripped)\b",
        r"\b(?:2[0-9]{2}|19[0-9])/1[0-9]{2}\b.{0,80}\b(?:headache|chest|vision|confus\w*)\b",
        r"\belephant\b.{0,40}\bchest\b|\bchest\b.{0,40}\belephant\b"
        r"|\b(?:weight|squeez\w*|heavy|heaviness|band) (?:on|in|around) (?:my|his|her|their|the) chest\b",
        r"\bchest (?:feels? |is |was )?(?:heavy|tight|crushed|squeezed|like)\b.{0,60}\b(?:pale|sweat\w*|clammy|arm|jaw|breath\w*|faint\w*"
        r"|sick|nause\w*)\b",
        r"\b(?:pale|sweat\w*|clammy|breathless|faint\w*|nause\w*)\b.{0,60}\bchest (?:feels? |is )?(?:heavy|tight|pain|hurts?|pressure)\b",
    ),
    "stroke": (
        r"\b(?:having|is having|had just had) a stroke\b",
        r"\bi think\b.{0,30}\bstroke\b",
        r"\bface\b.{0,20}\b(?:droop\w*|drooping|lopsided|sagging|fell|dropped)\b|\b(?:droop\w*|lopsided|sagging)\b.{0,20}\b(?:face|smile|mouth|side)\b",
        r"\bslurr\w*\b.{0,60}\b(?:arm|face|weak\w*|numb\w*|suddenly|one side|confus\w*|started|now)\b",
        r"\b(?:arm|face|weak\w*|numb\w*|suddenly|one side|confus\w*)\b.{0,60}\bslurr\w*\b",
        r"\bsudden(?:ly)?\b.{0,30}\b(?:weak\w*|numb\w*|confus\w*|can'?t (?:speak|talk|see|move|lift)|paraly\w*)\b",
        r"\b(?:weak\w*|numb\w*|paraly\w*)\b.{0,30}\bone side\b",
        r"\bcan'?t (?:lift|move|feel) (?:his|her|my|their) (?:right |left )?(?:arm|leg|face)\b",
        r"\bworst headache of (?:my|his|her|their) life\b|\bthunderclap headache\b",
        r"\b(?:smile|face|mouth)\b.{0,15}\b(?:lopsided|crooked|uneven|twisted|sagg\w*)\b",
        r"\b(?:speech|words?|talking|speaking)\b.{0,20}\b(?:garbled|jumbled|mixed up|slurr\w*|gibberish|nonsense|strange|funny)\b",
        r"\bgarbled\b|\bcan'?t (?:find|get out) (?:his|her|my|their) words\b",
        r"\b(?:sudden(?:ly)?|suddenly lost|lost (?:the )?vision|went blind|curtain)\b.{0,40}\b(?:vision|eye|see|blind)\b",
        r"\bsudden\w*\b.{0,40}\bheadache\b.{0,60}\b(?:vomit\w*|worst|hammer|can'?t see|neck|confus\w*)\b"
        r"|\bheadache\b.{0,20}\blike (?:someone|being) hit\b",
        r"\b(?:cara ca[ií]da|no puede hablar|visage (?:tombant|paralys)|ne peut (?:plus )?parler)\b",
        r"\b(?:left|right|one) side\b.{0,30}\b(?:weak\w*|numb\w*|limp|paraly\w*|droop\w*|dead|not working)\b",
    ),
    "anaphylaxis": (
        r"\banaphyla\w*\b",
        r"\b(?:throat|tongue|lips?|mouth|face)\b.{0,25}\b(?:swell\w*|swollen|closing|tight\w*|puff\w*)\b",
        r"\bsevere allergic reaction\b",
        r"\ballergic reaction\b.{0,60}\b(?:breath\w*|wheez\w*|swell\w*|throat|faint\w*|dizzy)\b",
        r"\b(?:epi-?pen|auto-?injector|adrenaline pen)\b.{0,60}\b(?:now|should i|do i|throat|breath\w*|swell\w*|reaction)\b",
        r"\b(?:peanut|nut|bee|wasp|shellfish|shrimp|sting|stung|bitten|allerg)\w*\b.{0,60}\b(?:can'?t breathe|trouble breathing|wheez\w*"
        r"|throat|tongue|lips|"
        r"hives\b.{0,30}\b(?:breath|wheez|swell|dizz|faint))",
        r"\b(?:wheez\w*|breath\w*|swell\w*)\b.{0,40}\bhives\b|\bhives\b.{0,40}\b(?:wheez\w*|can'?t breathe|swell\w*)\b",
        r"\bairway\b.{0,20}\b(?:clos\w*|swell\w*|tight\w*|block\w*)\b",
    ),
    "bleeding": (
        r"\bbleed\w*\b.{0,30}\b(?:heavily|a lot|badly|profusely|everywhere|won'?t stop|will not stop|not stopping|doesn'?t stop|keeps?|through)\b",
        r"\b(?:won'?t|will not|doesn'?t|can'?t|cannot) stop (?:the )?bleed\w*\b",
        r"\bblood\b.{0,20}\b(?:spurting|pouring|gushing|everywhere|soak\w*|pumping)\b|\b(?:spurting|pouring|gushing|pumping) (?:out )?blood\b",
        r"\b(?:vomit\w*|throwing up|coughing up|cough\w* up) (?:lots of |a lot of )?blood\b",
        r"\b(?:cut|chopped|sliced|torn|ripped) off\b|\bamputat\w*\b|\bsevered\b",
        r"\b(?:stabbed|gunshot|shot)\b",
        r"\bheavy bleeding\b|\b(?:a lot|lots|loads|so much|pool) of blood\b|\bblood (?:coming|everywhere|all over)\b",
    ),
    "poisoning": (
        r"\b(?:swallowed|drank|drunk|ingested|ate|eaten|took|taken|has taken|chewed|licked)\b.{0,40}\b(?:bleach|drain cleaner|antifreeze|"
        r"poison\w*|pills|tablets|whole (?:bottle|pack|box)|bottle of|button battery|batter(?:y|ies)|detergent|laundry pod|dishwasher|"
        r"rat poison|weed ?killer|pesticide|methanol|lamp oil|paraffin|kerosene|petrol|gasoline|oven cleaner|mushrooms?|berries|medicine|medication|"
        r"sleeping|opioid|fentanyl|iron|paracetamol|acetaminophen|\d+ (?:of )?(?:pills|tablets))\b",
        r"\boverdos\w*\b",
        r"\b(?:swallowed|took|taken|ate|had|injected|drank)\b (?:about |like |over |nearly |maybe |around )?(?:[1-9]\d+) ",
        r"\b(?:ecstasy|ecstacy|mdma|cocaine|meth|heroin|fentanyl|ketamine|ghb)\b.{0,80}\b(?:burning up|confus\w*|seiz\w*|racing|unconscious"
        r"|chest|collaps\w*)\b",
        r"\b(?:smoke|fumes|gas leak|boiler|generator)\b.{0,80}\b(?:confus\w*|sleepy|drowsy|unconscious|headaches?|collaps\w*|dizzy|coughing)\b",
        r"\b(?:avalé|tragó|ingirió|verschluckt)\b",
        r"\b(?:too much|way too much|double|triple) (?:of )?(?:my |his |her |their )?(?:insulin|medicine|medication|meds|pills"
        r"|tablets|dose|methadone|"
        r"morphine|paracetamol|tylenol|ibuprofen|aspirin|antidepressants?|heart pills?|blood thinners?)\b",
        r"\b(?:swallowed|ate|drank|chewed|ingested)\b.{0,25}\b(?:ibuprofen|aspirin|tylenol|insulin|antidepressants?|opioids?|oxy\w*|xanax|benzos?|"
        r"cleaning|chemical|toxic|nail polish remover|mouthwash|e-?liquid|vape liquid|magnets?|essential oil|windshield|cigarettes?)\b",
        r"\btoo many (?:pills|tablets)\b",
        r"\bcarbon monoxide\b",
        r"\bpoisoned\b",
    ),
    "suicide": (
        r"\b(?:kill\w*|hang\w*|shoot\w*|drown\w*|poison\w*|overdos\w*) (?:myself|herself|himself|themselves)\b",
        r"\b(?:end\w*|take|taking) (?:my|his|her|their) (?:own )?life\b|\bend(?:ing)? it all\b|\bend(?:ing)? (?:it|things) (?:tonight|today|now)\b",
        r"\b(?:jump\w*|throw\w* myself) (?:off|from|in front of)\b",
        r"\b(?:saying|say) goodbye\b.{0,40}\b(?:forever|for good|last time|won'?t be here|gone)\b"
        r"|\bwon'?t be (?:here|around) (?:tomorrow|much longer)\b",
        r"\bnobody would (?:miss|care)\b|\b(?:rope|noose)\b.{0,30}\bready\b|\bgiving away my (?:things|stuff)\b"
        r"|\b(?:tonight|today) i'?m going to do it\b",
        r"\bsaid goodbye to everyone\b|\b(?:took|has|with) the rope\b",
        r"\bsuicid\w*\b(?!.{0,40}\b(?:prevention|statistics|rates?|warning signs|signs of|in teenagers)\b)",
        r"\b(?:want|wanna|going|plan) to die\b|\bdon'?t want to (?:live|be alive|wake up|be here)\b|\bbetter off (?:dead|without me)\b"
        r"|\b(?:wish i was|want to be) dead\b",
        r"\bbetter off\b.{0,20}\b(?:dead|gone|without me)\b|\bif i (?:was|were|wasn'?t|weren'?t) (?:dead|alive|here|around)\b",
        r"\bno (?:point|reason) (?:in |to )?(?:living|live|going on)\b",
        r"\b(?:cutting|hurting|harming) (?:myself|herself|himself)\b|\bself[- ]?harm\w*\b",
        r"\bhow many\b.{0,30}\b(?:pills|tablets)\b.{0,30}\b(?:kill|die|fatal|lethal|overdose)\b",
        r"\blethal dose\b",
    ),
    "unresponsive": (
        r"\b(?:unconscious|unresponsive|not responding|not responsive|won'?t respond|doesn'?t respond|isn'?t responding|not moving|lifeless)\b",
        r"\b(?:won'?t|can'?t|cannot|will not|isn'?t|not) wak\w*\b",
        r"\bcollaps\w*\b",
        r"\b(?:not|isn'?t|stopped|no longer|barely|hardly) breathing\b|\bno pulse\b|\bno heartbeat\b|\bbreathing (?:strangely|oddly|weird\w*)\b",
        r"\b(?:lips?|face|skin)\b.{0,20}\b(?:blue|grey|gray)\b|\bturning blue\b",
        r"\b(?:limp|floppy)\b",
        r"\bpassed out\b|\bstill out\b|\bknocked out\b",
    ),
    "breathing": (
        r"\b(?:can'?t|cannot|can not|couldn'?t|unable to|struggling to|hard to|trouble|difficulty|fighting to) breath\w*\b",
        r"\bgasp\w*\b",
        r"\b(?:is |are |am |he'?s |she'?s |baby'?s |kid'?s |son'?s |daughter'?s )?chok(?:ing|ed)\b(?!\s+hazards?)",
        r"\b(?:asthma attack|inhaler)\b.{0,60}\b(?:not (?:working|helping)|isn'?t (?:working|helping)|doesn'?t help|severe|can'?t)\b",
        r"\bsevere asthma\b",
        r"\b(?:ribs?|chest) (?:is |are )?(?:sucking|pulling) in\b",
        r"\bcan'?t (?:speak|talk) in (?:full )?sentences\b",
    ),
    "seizure": (
        r"\b(?:is having|having|has had|had) a (?:seizure|fit|convulsion)\b",
        r"\b(?:seizing|convuls\w*|fitting)\b|\bfoaming at the mouth\b"
        r"|\b(?:jerking|twitching|shaking) (?:uncontrollably|all over|and (?:won'?t|can'?t|not))\b",
        r"\b(?:jerking|twitching)\b.{0,30}\b(?:unconscious|eyes rolled|won'?t respond|not responding|foam\w*|arms and legs)\b",
        r"\bseizure\b.{0,40}\b(?:won'?t stop|not stopping|minutes|now|right now|isn'?t waking|won'?t wake)\b",
    ),
    "injury": (
        r"\bfell (?:from|off|down)\b.{0,60}\b(?:roof|ladder|stairs|balcony|window|height|tree|not moving|unconscious|can'?t move)\b",
        r"\b(?:hit|knocked|struck) (?:by|down by) a (?:car|truck|bus|vehicle|motorbike)\b|\bcar (?:crash|accident)\b",
        r"\bhit (?:his|her|my|their) head\b.{0,80}\b(?:vomit\w*|confus\w*|drowsy|sleepy|unconscious|knocked out|blood|fluid|seizure)\b",
        r"\bdrown\w*\b|\bunder ?water for\b|\bpulled (?:him|her|them) out of the (?:water|pool|river|lake|sea)\b",
        r"\belectrocut\w*\b|\belectric shock\b",
        r"\b(?:severe|large|big|bad|deep) burns?\b|\bburns? (?:covering|over|all over)\b|\bon fire\b|\bcaught fire\b|\bcharred\b",
        r"\b(?:boiling|scalding|hot)\b.{0,60}\b(?:blister\w* (?:all over|everywhere)|skin (?:is )?(?:white|peeling|coming off|leathery|charred))\b",
        r"\b(?:skin|burn)\b.{0,30}\b(?:white|leathery|charred|peeling off in)\b",
        r"\b(?:oven cleaner|drain cleaner|bleach|acid|chemical|lye)\b.{0,40}\b(?:eyes?|splash\w*)\b|\beye splash\w*\b",
        r"\bbone\b.{0,30}\b(?:sticking out|through the skin|poking out)\b",
        r"\bcrushed\b|\bimpaled\b|\btrapped under\b",
        r"\b(?:boiling|scalding|hot) (?:water|oil|soup|tea|coffee)\b.{0,40}\b(?:all over|over (?:his|her|my|the) (?:face|chest|body|legs?|arms?)"
        r"|spilled|poured)\b",
        r"\b(?:chemical|acid|bleach|lye)\b.{0,30}\b(?:eyes?|face)\b",
        r"\b(?:neck|spine|spinal|back) injur\w*\b.{0,40}\b(?:can'?t move|can'?t feel|numb)\b",
    ),
    "other": (
        r"\brash\b.{0,60}\b(?:doesn'?t fade|does not fade|won'?t fade|glass|purple|non-?blanching)\b",
        r"\bstiff neck\b.{0,60}\b(?:fever|rash|light)\b|\b(?:fever|rash)\b.{0,60}\bstiff neck\b",
        r"\b(?:pregnant|pregnancy)\b.{0,60}\b(?:bleed\w*|severe pain|fit|seizure)\b",
        r"\bdiabetic\b.{0,60}\b(?:confus\w*|unconscious|drowsy|can'?t swallow|shaking|sweaty|passed out)\b",
        r"\b(?:confus\w*|drowsy)\b.{0,60}\b(?:stopped sweating|very hot|very cold|heat ?stroke|hypotherm\w*)\b",
        r"\bheat ?stroke\b|\bhypotherm\w*\b.{0,40}\b(?:confus\w*|drowsy|shivering stopped|not shivering)\b",
        r"\b(?:very|so|freezing|ice) cold\b.{0,40}\b(?:confus\w*|drowsy|sleepy|slurr\w*|stopped shivering)\b",
        r"\bsevere (?:pain|abdominal pain|belly pain|stomach pain)\b.{0,60}\b(?:vomit\w*|blood|faint\w*|rigid|can'?t stand)\b",
        r"\b(?:belly|tummy|abdomen|stomach)\b.{0,30}\b(?:hard as a board|rigid)\b",
        r"\b(?:mottled|breathing (?:really |very )?fast)\b.{0,80}\b(?:confus\w*|shiver\w*|fever|drowsy|hasn'?t peed|blue|ribs|sucking)\b",
        r"\b(?:very|really|so) confused\b.{0,80}\b(?:fever|hot|infection|uti|not eating|wees?|urine)\b",
        r"\bstiff neck\b|\bneck (?:is )?(?:really |very )?stiff\b.{0,60}\b(?:fever|temperature|light|vomit\w*|headache)\b"
        r"|\bcan'?t look at (?:the )?light\b",
        r"\b(?:in labou?r|waters broke)\b.{0,80}\b(?:head|coming|bleed\w*|cord|ambulance)\b|\bbaby'?s head is (?:coming|out)\b",
        r"\btesticle\b.{0,60}\b(?:sudden\w*|swollen|severe|super painful)\b",
        r"\b(?:sugar|glucose)\b.{0,30}\b(?:[0-2](?:\.\d)?|[3][0-9]) ?(?:mmol|mg)?\b.{0,40}\b(?:confus\w*|shaking|sweat\w*|drowsy)\b"
        r"|\bsugar reading is [0-2]\.\d\b",
        r"\bpear drops\b|\bbreath(?:ing)? (?:really |very )?deep and fast\b",
        r"\b(?:oximeter|oxygen|sats|spo2)\b.{0,30}\b(?:[5-8][0-9])\b",
        r"\b(?:no wet nappy|no wet diaper|sunken soft spot|sunken fontanelle)\b",
        r"\bcan'?t (?:feel|move) (?:my|his|her) legs\b|\bcan'?t pee\b.{0,40}\b(?:back|legs)\b",
        r"\b(?:can'?t keep (?:any )?(?:water|fluids) down|haven'?t peed)\b.{0,80}\b(?:faint\w*|dizzy|days?|since)\b",
        r"\bdrooling\b.{0,60}\b(?:swallow\w*|breath\w*|muffled)\b|\bcan'?t open (?:my|his|her) mouth\b",
        r"\b(?:fell|fall|fallen)\b.{0,40}\b(?:can'?t get up|hip)\b.{0,60}\b(?:shorter|turned|terribl\w*|can'?t (?:move|walk|stand))\b",
        r"\bone pupil\b|\bpupils? (?:look )?(?:bigger|different|uneven)\b",
        r"\b(?:doesn'?t|does not|can'?t) remember what happened\b.{0,80}\b(?:vomit\w*|threw up|same questions)\b"
        r"|\bthrew up\b.{0,60}\bhit (?:his|her|my) head\b",
        r"\bsnake\b.{0,40}\bbit\w*\b|\bbitten by a snake\b",
        r"\bknife\b.{0,30}\b(?:went in|into|in (?:my|his|her))\b",
        r"\bseizure in the (?:bath|water|pool)\b|\bhaving (?:a )?seizure\b",
    ),
}
_RULES = {category: [re.compile(p) for p in patterns] for category, patterns in _CATEGORY_RULES.items()}
# a question about a topic or a past event, with no situation now: a rule hit then needs the embedding check to agree
_INFORMATIONAL = re.compile(
    r"^(?:what|what's|whats|how (?:do|does|is|are|can|should|long|often|to)|why|when|explain|define|tell me about|describe|"
    r"is it|are there|can you explain|which|list)\b"
    r"|\b(?:last (?:year|month|week)|years? ago|months? ago|weeks? ago|history of|in the past|used to|recovering|recovered|"
    r"first[- ]aid course|for a class|for school|in a movie|in a book|hypothetical\w*|in general|statistics|prevent\w*|"
    r"risk factors?|warning signs|signs of|symptoms of|if (?:someone|somebody|a person|a child|a baby|your|you|my|the person)|"
    r"movie|film|tv show|novel|story|video game|dreamt|dreamed|nightmare|mild|minor|slight(?:ly)?|a little|a bit|documentary|curious|"
    r"for the future|just want to know|acting normal|playing normal\w*|(?:is|she'?s|he'?s|we all) (?:fine|feel fine)|typical for (?:her|him)|"
    r"don'?t want to act on|coping strateg\w*|battery is low|anxiety|all normal)\b"
)
# Over, past, figurative or denied, whatever else the message says ("it passed in 15 min", "survived a heart attack in 2019",
# "no thoughts of hurting myself", "overdosed on netflix lol"): a rule hit then waits for the classifier
_NOT_ACUTE = re.compile(
    r"\b(?:in (?:19|20)\d\d|survived|(?:it|that) passed|passed (?:in|after)|coughed it (?:out|up)|(?:feel|feels|felt|am|is) (?:ok|okay|fine|better)"
    r" now|back to (?:normal|my usual)|no thoughts? of|not (?:suicidal|thinking of)|haha+|lol|lmao|on (?:the )?(?:tv|news|telly)|in the show"
    r"|(?:scared|afraid|worried|terrified) (?:of|about|i)|when i was (?:a |\d)|years ago|by mistake,? (?:is|was|should)|on netflix"
    r"|(?:my|a) friend told me|laughed so hard|challenge|already (?:diagnosed|seen|checked))\b")
_SITUATION_NOW = re.compile(r"\b(?:right now|now|just|currently|at the moment|this morning|tonight|today|minutes? ago|is having|"
                            r"what do i do|help me|please|hurry)\b")


@dataclass(frozen=True)
class Screening:
    """The screen's verdict on one message: whether it is an emergency, its category, and why (the rule or the neighbour)."""

    emergency: bool
    category: str
    reason: str
    similarity: float = 0.0


_NOT_AN_AIRWAY = re.compile(r"\b(?:through (?:my|his|her|the|their) nose|stuffy|blocked nose|runny|congest\w*|"
                            r"(?:cat|dog|puppy|kitten|pet|bird|horse|hamster|rabbit)(?:'s)? (?:is |was )?chok\w*|hairball)\b")


def normalised(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def rule_hit(text: str) -> tuple[str, str] | None:
    """(category, pattern) of the first rule that matches the lower-cased message, else None."""
    lowered = normalised(text)
    for category, patterns in _RULES.items():
        if category == "breathing" and _NOT_AN_AIRWAY.search(lowered):
            continue
        for pattern in patterns:
            if pattern.search(lowered):
                return category, pattern.pattern[:60]
    return None


def informational(text: str) -> bool:
    """A question about a topic or a past event, with nothing that says it is happening now; or a message that says it is over,
    past, figurative or denied."""
    lowered = normalised(text)
    return bool(_INFORMATIONAL.search(lowered)) and not _SITUATION_NOW.search(lowered) or bool(_NOT_ACUTE.search(lowered))


# --- the embedding check ------------------------------------------------------------------------------------------------

Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Examples:
    texts: list[str]
    emergency: np.ndarray  # bool per example
    categories: list[str]
    vectors: np.ndarray  # unit-length rows


def read_examples(path: Path = EXAMPLES_FILE) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row.get("text"), str) or not isinstance(row.get("emergency"), bool):
            raise ValueError(f"{path.name}:{number}: expected {{'text': str, 'emergency': bool, 'category': str}}")
        rows.append(row)
    return rows


def embed_examples(encode: Encode, rows: Sequence[dict[str, Any]], cache: Path | None = None) -> Examples:
    """The examples with their vectors; with `cache` (a file name for this model and these texts) the vectors are computed once
    per machine: encoding a thousand examples takes ~20 s on 2 cores, reading them back milliseconds."""
    texts = [r["text"] for r in rows]
    vectors = None
    if cache is not None and cache.exists():
        try:
            vectors = np.load(cache)
        except (OSError, ValueError):  # a cache file cut short is made again, not a reason to screen with the rules alone
            vectors = None
    if vectors is None or vectors.ndim != 2 or len(vectors) != len(texts):
        vectors = encode(texts)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.partial.npy")
            np.save(partial, vectors)
            os.replace(partial, cache)
    return Examples(texts, np.array([r["emergency"] for r in rows]), [str(r.get("category", "other")) for r in rows], vectors)


def vector_cache(cache_dir: Path, model: str, rows: Sequence[dict[str, Any]]) -> Path:
    """The cache file of these examples' vectors under this model: a new model or a changed example is a new file."""
    digest = hashlib.sha256("\n".join([model, *(r["text"] for r in rows)]).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"emergency-examples-{digest}.npy"


class Classifier:
    """A logistic regression over the message's sentence embedding, its word and character n-grams (TF-IDF) and two rule
    features (a rule names a situation; the message reads as informational), trained on the labelled examples when the screen
    is made (a few seconds on a thousand examples, deterministic). The nearest emergency example gives the category of a
    message no rule names."""

    def __init__(self, examples: Examples, strength: float = CLASSIFIER_C) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.examples = examples
        texts = [normalised(t) for t in examples.texts]
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
        self.characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True).fit(texts)
        self.model = LogisticRegression(C=strength, class_weight="balanced", max_iter=3000).fit(
            self.features(examples.texts, examples.vectors), examples.emergency)

    def features(self, texts: Sequence[str], vectors: np.ndarray) -> Any:
        from scipy.sparse import csr_matrix, hstack

        lowered = [normalised(t) for t in texts]
        rules = np.array([[rule_hit(t) is not None, informational(t)] for t in lowered], dtype=np.float32) * RULE_FEATURE_WEIGHT
        return hstack([csr_matrix(vectors), self.words.transform(lowered), self.characters.transform(lowered), csr_matrix(rules)]).tocsr()

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(self.features(texts, vectors))[:, list(self.model.classes_).index(True)]

    def nearest_emergency(self, vector: np.ndarray) -> tuple[str, float, str]:
        """(category, similarity, text) of the labelled emergency nearest to the message."""
        similarities = np.where(self.examples.emergency, self.examples.vectors @ vector, -1.0)
        nearest = int(np.argmax(similarities))
        return self.examples.categories[nearest], float(similarities[nearest]), self.examples.texts[nearest]


def decide(text: str, probability: float | None, threshold: float = THRESHOLD) -> tuple[bool, str | None, str]:
    """(emergency?, the rule's category or None, why). A rule hit on a message that does not read as informational is an
    emergency at once (the app shows it before the encoder has loaded: `rules_only`); otherwise the classifier's probability
    decides (it has the rules among its features); with no encoder, nothing else is an emergency."""
    hit = rule_hit(text)
    if hit and not informational(text):
        return True, hit[0], f"rule {hit[1]!r}"
    if probability is None:
        return False, None, "no rule (no encoder loaded)"
    return probability >= threshold, (hit[0] if hit else None), f"classifier {probability:.2f}" + (f", rule {hit[1]!r}" if hit else "")


class EmergencyScreen:
    """The classifier when an encoder is given, else the rules alone."""

    def __init__(self, encode: Encode | None = None, examples_path: Path = EXAMPLES_FILE, cache: Callable[[list[dict[str, Any]]], Path] | None = None
                 ) -> None:
        self.encode = encode
        rows = read_examples(examples_path)
        self.examples = embed_examples(encode, rows, cache(rows) if cache else None) if encode is not None else None
        self.classifier = Classifier(self.examples) if self.examples is not None else None

    def screen(self, text: str) -> Screening:
        return self.screen_many([text])[0]

    def screen_many(self, texts: Sequence[str]) -> list[Screening]:
        vectors = self.encode(list(texts)) if self.encode is not None and self.classifier is not None and texts else None
        probabilities = self.classifier.probabilities(texts, vectors) if vectors is not None and self.classifier is not None else None
        verdicts = []
        for i, text in enumerate(texts):
            emergency, rule_category, why = decide(text, float(probabilities[i]) if probabilities is not None else None)
            category, similarity, nearest = (self.classifier.nearest_emergency(vectors[i]) if vectors is not None and self.classifier
                                             else ("other", 0.0, ""))
            if emergency and rule_category is None:
                why += f", nearest emergency example {nearest!r}"
            verdicts.append(Screening(emergency, (rule_category or category) if emergency else "none", why, similarity))
        return verdicts


def rules_only(text: str) -> Screening | None:
    """The verdict of the rules alone, when they are sure (a situation now, not a question about a topic): no encoder needed,
    so the notice can show before the embedding model has loaded."""
    emergency, category, why = decide(text, None)
    return Screening(True, category or "other", why) if emergency else None


@lru_cache(maxsize=2)
def default_screen(embedding_model: str = "", cache_dir: Path = DEFAULT_MODEL_CACHE) -> EmergencyScreen:
    """The screen with the packaged sentence encoder (the examples' vectors kept under `cache_dir`); rules only when that
    encoder cannot load (it never needs an LLM)."""
    try:
        from medpipe.corpus.embeddings import encode, load_model, resolve_model

        model = load_model(embedding_model)
        return EmergencyScreen(lambda texts: encode(model, texts),
                               cache=lambda rows: vector_cache(cache_dir, resolve_model(embedding_model), rows))
    except (OSError, ImportError, ValueError):
        return EmergencyScreen(None)


# --- what the user sees -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def first_aid_passages() -> dict[str, str]:
    return json.loads(FIRST_AID_FILE.read_text(encoding="utf-8"))


def notice(number: str) -> str:
    """The fixed first line of an answer to an emergency (one line, starts with EMERGENCY:)."""
    return (f"{NOTICE_PREFIX} This may be a medical emergency. Call your local emergency number ({number}) now, "
            "or ask someone nearby to call, and follow the dispatcher's instructions.")


def first_aid(category: str) -> str:
    passages = first_aid_passages()
    return passages.get(category, passages["other"])
