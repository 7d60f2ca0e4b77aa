"""Built-in crisis lines are local to the region and written in the agreement's language."""

from __future__ import annotations

from boundary_desk.domain.crisis import (
    CrisisResource,
    default_crisis_resources,
    in_language,
    parse_crisis_resources,
)


def test_quebec_adds_info_social_to_canadas_lines() -> None:
    numbers = [r.number for r in default_crisis_resources("CA", "QC")]
    assert numbers == ["911", "988", "811"]
    assert [r.number for r in default_crisis_resources("CA", "ON")] == ["911", "988"]
    assert "option 2" in default_crisis_resources("CA", "QC")[2].label
    assert "option 2" in default_crisis_resources("CA", "qc", "fr")[2].label


def test_israel_has_eran_police_and_mda_in_hebrew() -> None:
    hebrew = default_crisis_resources("IL", None, "he")
    assert [(r.label, r.number) for r in hebrew] == [
        ("מד״א, מגן דוד אדום (אמבולנס)", "101"),
        ("משטרה", "100"),
        ("ער״ן, עזרה ראשונה נפשית", "1201"),
    ]


def test_a_language_without_its_own_wording_falls_back_to_english() -> None:
    assert default_crisis_resources("AU", None, "fr") == default_crisis_resources("AU")


def test_us_and_uk_lines_are_written_in_french_and_hebrew() -> None:
    """A clinician in the US or the UK working in French or Hebrew prints local lines in
    that language, with the same numbers."""
    for country in ("US", "GB"):
        english = default_crisis_resources(country)
        for language in ("fr", "he"):
            translated = default_crisis_resources(country, None, language)
            assert [r.number for r in translated] == [r.number for r in english]
            assert all(t.label != e.label for t, e in zip(translated, english, strict=True))
    assert (
        default_crisis_resources("GB", None, "fr")[1].label == "Samaritans (24 h sur 24, gratuit)"
    )
    assert default_crisis_resources("US", None, "he")[0].label == "חירום (משטרה, אמבולנס, כבאות)"


def test_the_built_in_lines_follow_the_language_and_the_clinicians_own_stay() -> None:
    english = default_crisis_resources("CA", "QC")
    assert in_language(english, "CA", "QC", "fr") == default_crisis_resources("CA", "QC", "fr")
    french = default_crisis_resources("CA", "QC", "fr")
    assert in_language(french, "CA", "QC", "en") == english
    # Chosen before Quebec had its own list: Canada's, in the agreement's language.
    canada = default_crisis_resources("CA")
    assert in_language(canada, "CA", "QC", "fr") == default_crisis_resources("CA", None, "fr")
    own = parse_crisis_resources("Emergency: 911; Tel-Aide: 514 935 1101")
    assert in_language(own, "CA", "QC", "fr") == own
    assert own[1] == CrisisResource("Tel-Aide", "514 935 1101")


def test_every_translated_line_keeps_a_valid_number_and_label() -> None:
    for country, subdivision in [
        ("CA", None),
        ("CA", "QC"),
        ("IL", None),
        ("US", None),
        ("GB", None),
    ]:
        for language in ("en", "fr", "he"):
            lines = default_crisis_resources(country, subdivision, language)
            text = "; ".join(f"{r.label}: {r.number}" for r in lines)
            assert parse_crisis_resources(text) == lines
