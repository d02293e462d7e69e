from __future__ import annotations

import pytest

from agents.criteria import CampaignCriteria
from agents.parsing import parse_offline


def crit(brief: str) -> CampaignCriteria:
    return parse_offline(brief).criteria


@pytest.fixture
def parse():
    return crit
