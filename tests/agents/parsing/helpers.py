"""Shared test helper: parse a brief and return its criteria."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.parsing import parse_offline


def crit(brief: str) -> CampaignCriteria:
    result = parse_offline(brief)
    assert result.parser == "offline"
    return result.criteria
