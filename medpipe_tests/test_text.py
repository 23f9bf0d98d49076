from medpipe.warehouse.text import clean_text, content_id, dedup_key, is_placeholder_key


def test_clean_text_removes_controls_and_trims_but_keeps_wording() -> None:
    assert clean_text("  grams?\x9d \r\n1.\tTake it\u00a0daily ") == "grams? \n1.\tTake it\u00a0daily"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Sjo\u0308gren") == "Sj\u00f6gren"


def test_dedup_key_folds_case_width_and_spacing() -> None:
    assert dedup_key("What  is\nAsthma?") == dedup_key("what is asthma?")


def test_content_id_is_stable_and_content_based() -> None:
    a = content_id("What is asthma?", "", "A disease of the airways.")
    assert a == content_id("what is  ASTHMA?", "", "a disease of the airways.")
    assert a != content_id("What is asthma?", "", "A disease of the lungs.")
    assert len(a) == 20


def test_placeholders_are_recognised() -> None:
    assert is_placeholder_key(dedup_key("No answers"))
    assert is_placeholder_key(dedup_key("Unanswerable."))
    assert is_placeholder_key(dedup_key(" n/a "))
    assert not is_placeholder_key(dedup_key("No, do not take it with alcohol."))


def test_keys_and_cleaning_match_their_regex_definitions_on_every_code_point() -> None:
    """dedup_key folds whitespace with str.split and clean_text skips regexes that cannot match: the same results as the
    plain regex definitions, for every Unicode code point (in blocks of 512) and line-ending mixes."""
    import re
    import unicodedata

    def key_by_regex(value: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value).casefold()).strip()

    def clean_by_regex(value: str) -> str:
        text = unicodedata.normalize("NFC", re.sub(r"\r\n?", "\n", value))
        return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text).strip()

    texts = ["".join(chr(c) for c in range(lo, min(lo + 512, 0x110000)) if not 0xD800 <= c < 0xE000) for lo in range(0, 0x110000, 512)]
    texts += ["", " \t\n ", "a\r\nb\rc\n", "x\x00y\x85z\u00a0w", "e\u0301 ﬁ \u3000"]
    assert [dedup_key(t) for t in texts] == [key_by_regex(t) for t in texts]
    assert [clean_text(t) for t in texts] == [clean_by_regex(t) for t in texts]
