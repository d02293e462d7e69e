"""Country names as they read in a sentence."""

from __future__ import annotations

from agents.followup.locale_names import country_in_text


def test_names_that_take_the_article():
    # Recorded: explanations said "in United States".
    assert [country_in_text(c) for c in ("US", "GB", "NL", "PH", "AE", "DE", "FR")] == [
        "the United States", "the United Kingdom", "the Netherlands", "the Philippines", "the United Arab Emirates",
        "Germany", "France"]


def test_excluded_creators_are_named_as_handles():
    from agents.followup.locale_names import field_labels
    assert field_labels("exclude_handles", ["finn_lab.sproutkitchen", "@other"]) == "@finn_lab.sproutkitchen, @other"
