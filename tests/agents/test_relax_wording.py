"""Relaxation advice names what a marketer reads: platform, country and language names."""

from __future__ import annotations

from agents.relax import _variants
from retrieval.index.base import IndexFilter


def test_advice_names_platforms_countries_and_languages():
    flt = IndexFilter(platforms=["tiktok", "instagram"], countries=["DE", "AT"], audience_countries=["GB"],
                      languages=["de"])
    advice = {field: suggestion for field, suggestion, _ in _variants(flt)}
    assert advice["platforms"] == "search every platform, not only TikTok, Instagram"
    assert advice["creator_countries"] == "include creators based outside Germany, Austria"
    assert advice["audience_countries"] == "drop the audience-country requirement (United Kingdom)"
    assert advice["languages"] == "accept any content language, not only German"
