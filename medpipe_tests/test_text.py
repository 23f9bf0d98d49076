from medpipe.warehouse.text import clean_text, content_id, dedup_key, is_placeholder


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
    assert is_placeholder("No answers")
    assert is_placeholder("Unanswerable.")
    assert is_placeholder(" n/a ")
    assert not is_placeholder("No, do not take it with alcohol.")
