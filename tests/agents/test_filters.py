"""Criteria to index filters (agents/filters.py) for the DESIGN 5.3 fields added in round 2."""

from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from retrieval.cities import city_keys


def test_excluded_countries_always_filter_and_cities_when_hard():
    criteria = CampaignCriteria(exclude_countries=["fr"], creator_cities=["Munich"], creator_countries=["DE"],
                                hard=["creator_cities"])
    flt = index_filter(criteria)
    assert flt.exclude_countries == ["FR"]
    assert set(flt.city_keys) == set(city_keys("Munich", ["DE"])) and "name:munich" in flt.city_keys
    assert flt.countries == []  # not hard here
    soft = index_filter(criteria.model_copy(update={"hard": []}))
    assert soft.city_keys == [] and soft.exclude_countries == ["FR"]


def test_content_exclusions_and_creator_gender_are_not_index_filters():
    # Excluded content is judged on the posts by vetting; creator gender is not in the data.
    flt = index_filter(CampaignCriteria(exclude_keywords=["crypto"], creator_gender="female",
                                        hard=["exclude_keywords", "creator_gender"]))
    assert flt.model_dump(exclude_defaults=True) == {}
