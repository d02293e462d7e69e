"""Reasons read as a marketer reads them: countries by name."""

from __future__ import annotations

from datetime import datetime, timezone

from agents.criteria import CampaignCriteria
from agents.explain import _audience_reason
from retrieval.features import compute_features
from retrieval.schema import Creator
from retrieval.store import StoredCreator


def test_the_audience_reason_names_the_countries():
    # Recorded: "71.9% of the audience is in DE".
    creator = Creator.model_validate({"platform": "instagram", "handle": "a", "followers": 5000,
                                      "audience": {"countries": {"DE": 0.6, "US": 0.3}}})
    stored = StoredCreator(creator, compute_features(creator, datetime(2026, 1, 1, tzinfo=timezone.utc)))
    text, evidence = _audience_reason(stored, CampaignCriteria(creator_countries=["DE", "US"]))
    assert text == "90.0% of the audience is in Germany, the United States"
    assert evidence.value == 0.9
