"""Countries, cities, regions, creator vs audience location, languages."""

from __future__ import annotations

import pytest

from tests.agents.parsing.helpers import crit

EU27 = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}


@pytest.mark.parametrize(
    ("brief", "creator", "audience"),
    [
        ("creators based in Germany", ["DE"], []),
        ("German creators", ["DE"], []),
        ("Berlin-based creators", ["DE"], []),
        ("influencers from the UK", ["GB"], []),
        ("audience in the US", [], ["US"]),
        ("US audience", [], ["US"]),
        ("reaching French consumers", [], ["FR"]),
        ("for the German market", [], ["DE"]),
        ("creators from the US with a UK audience", ["US"], ["GB"]),
        ("German, Austrian and Swiss creators", ["DE", "AT", "CH"], []),
        ("DE/AT/CH creators", ["DE", "AT", "CH"], []),
        ("creators based in NYC", ["US"], []),
        ("Austin creators", ["US"], []),
        ("creators in Texas", ["US"], []),
        ("based in California", ["US"], []),
        ("creators in São Paulo", ["BR"], []),
        ("Tokyo-based YouTubers", ["JP"], []),
        ("Mumbai creators", ["IN"], []),
        ("audience in Mexico City", [], ["MX"]),
        ("UK and Ireland creators", ["GB", "IE"], []),
        ("Dutch creators with a Belgian audience", ["NL"], ["BE"]),
    ],
)
def test_locations(brief: str, creator: list[str], audience: list[str]) -> None:
    c = crit(brief)
    assert c.creator_countries == creator
    assert c.audience_countries == audience


def test_bare_in_country_is_creators_with_assumption() -> None:
    c = crit("fitness creators, in Germany")
    assert c.creator_countries == ["DE"]
    assert any("where the creators are based" in a for a in c.assumptions)


@pytest.mark.parametrize(
    ("brief", "codes"),
    [
        ("DACH creators", {"DE", "AT", "CH"}),
        ("creators in the Nordics", {"SE", "NO", "DK", "FI", "IS"}),
        ("Benelux creators", {"BE", "NL", "LU"}),
        ("LATAM creators", {"MX", "BR", "AR", "CO", "CL"}),
        ("creators in SEA", {"ID", "MY", "PH", "SG", "TH", "VN"}),
        ("creators in the EU", EU27),
        ("Scandinavian creators", {"SE", "NO", "DK"}),
    ],
)
def test_regions(brief: str, codes: set[str]) -> None:
    c = crit(brief)
    assert codes <= set(c.creator_countries)
    if brief.startswith(("DACH", "Benelux", "creators in the Nordics", "creators in the EU", "Scandinavian")):
        assert set(c.creator_countries) == codes
    assert any("read as" in a for a in c.assumptions)


def test_region_minus_excluded_country() -> None:
    c = crit("creators anywhere in the EU except France")
    assert set(c.creator_countries) == EU27 - {"FR"}


@pytest.mark.parametrize(
    "brief",
    ["Italian food creators", "turkey recipes for the holidays", "IT professionals", "the Georgia peach pie"],
)
def test_not_places(brief: str) -> None:
    c = crit(brief)
    if "Georgia" in brief:
        assert c.creator_countries in ([], ["US"])
    else:
        assert c.creator_countries == [] and c.audience_countries == []


@pytest.mark.parametrize(
    ("brief", "topic"),
    [
        ("Creators posting about Paris: cafes, streets and the Eiffel Tower", "paris"),
        ("travel creators who post about Japan", "japan"),
        ("Creator über Italien", "italien"),
    ],
)
def test_place_the_posts_are_about_is_a_topic_not_a_filter(brief: str, topic: str) -> None:
    c = crit(brief)
    assert c.creator_countries == [] and c.audience_countries == []
    assert topic in c.topics


def test_place_after_about_keeps_a_separate_location() -> None:
    c = crit("creators talking about Japan, based in Germany")
    assert c.creator_countries == ["DE"] and "japan" in c.topics


@pytest.mark.parametrize(
    ("brief", "langs"),
    [
        ("German-speaking creators", ["de"]),
        ("content in Spanish", ["es"]),
        ("Spanish-language content", ["es"]),
        ("French content", ["fr"]),
        ("posting in English", ["en"]),
        ("German- or French-speaking", ["de", "fr"]),
        ("in Spanish or Portuguese", ["es", "pt"]),
        ("deutschsprachige Creator", ["de"]),
        ("bilingual English/Spanish", ["en", "es"]),
    ],
)
def test_languages(brief: str, langs: list[str]) -> None:
    c = crit(brief)
    assert c.languages == langs
    assert c.creator_countries == []  # a language is not a country


def test_country_never_sets_language() -> None:
    c = crit("creators based in Germany")
    assert c.languages == []
    assert any("mostly post in German" in a for a in c.assumptions)  # names, not codes


def test_german_speaking_creators_in_germany() -> None:
    c = crit("German-speaking creators based in Germany")
    assert c.languages == ["de"] and c.creator_countries == ["DE"]
