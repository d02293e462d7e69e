"""creator_cities and exclude_countries (agents/parsing/geo.py, geo_data.py, assemble.py)."""

from __future__ import annotations

import pytest

from agents.parsing.geo_data import city_name
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(("brief", "cities", "countries"), [
    ("food creators based in Berlin or Munich", ["Berlin", "Munich"], ["DE"]),
    ("NYC-based food creators", ["New York"], ["US"]),
    ("creators in London, Manchester or Edinburgh", ["London", "Manchester", "Edinburgh"], ["GB"]),
    ("Fitness-Creator in Hamburg oder Köln", ["Hamburg", "Cologne"], ["DE"]),
    ("creadoras de moda en Madrid o Barcelona", ["Madrid", "Barcelona"], ["ES"]),
    ("Créatrices beauté basées à Bruxelles", ["Brussels"], ["BE"]),
])
def test_cities_where_creators_are_based(brief: str, cities: list[str], countries: list[str]) -> None:
    c = crit(brief)
    assert c.creator_cities == cities
    assert c.creator_countries == countries
    assert {"creator_cities", "creator_countries"} <= set(c.hard)
    assert any("creators with no city in the data are left out" in a for a in c.assumptions)
    assert not any("no city or state filter" in a for a in c.assumptions)


def test_an_area_or_state_is_its_country_only() -> None:
    c = crit("tech creators in the Bay Area or Texas")
    assert c.creator_cities == []
    assert c.creator_countries == ["US"]
    assert any("no state or region filter" in a for a in c.assumptions)


def test_an_audience_city_is_no_creator_city() -> None:
    c = crit("Instagram creators with an audience in London")
    assert c.creator_cities == []
    assert c.audience_countries == ["GB"]


def test_a_brand_city_is_no_filter() -> None:
    assert crit("a Berlin startup looking for fitness creators").creator_cities == []


def test_city_names_are_the_gazetteers_english_ones() -> None:
    assert [city_name(n) for n in ("NYC", "new york city", "München", "Wien", "Bay Area", "Atlantis")] == \
        ["New York", "New York", "Munich", "Vienna", "Bay Area", "Atlantis"]


@pytest.mark.parametrize(("brief", "excluded"), [
    ("beauty creators, not based in France", ["FR"]),
    ("no creators from the US, YouTube", ["US"]),
    ("mom bloggers outside the UK", ["GB"]),
    ("Beauty-Influencerinnen, nicht aus der Schweiz", ["CH"]),
    ("creadores de viajes, excepto México", ["MX"]),
    ("créateurs tech, sauf la France", ["FR"]),
])
def test_excluded_countries(brief: str, excluded: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_countries == excluded
    assert "exclude_countries" in c.hard
    assert not set(excluded) & set(c.creator_countries)


def test_a_region_minus_a_country_says_it_in_both_fields() -> None:
    c = crit("creators in DACH except Switzerland")
    assert c.creator_countries == ["DE", "AT"]
    assert c.exclude_countries == ["CH"]
    assert not any(t in ("außer", "except") for t in c.topics)


def test_excluding_a_state_or_city_excludes_no_country() -> None:
    c = crit("personal finance creators, US only, not based in California or Berlin")
    assert c.exclude_countries == []
    assert c.creator_countries == ["US"]
    assert any("only whole countries can be excluded" in a for a in c.assumptions)
