"""The checkpoint's pydantic types are registered with LangGraph's serializer, so loading a
thread does not rely on the 'unregistered type' leniency a future release removes."""

from __future__ import annotations

import logging

from agents.criteria import CampaignCriteria
from agents.runner import checkpoint_serializer
from agents.shortlist import Relaxation, Shortlist


def test_thread_state_round_trips_without_unregistered_types(caplog):
    criteria = CampaignCriteria(platforms=["tiktok"], budget={"amount": 5000, "currency": "EUR"}, topics=["vegan food"])
    shortlist = Shortlist(id="s1", brief="b", criteria=criteria,
                          relaxations=[Relaxation(field="platforms", suggestion="any platform", adds=3)])
    serde = checkpoint_serializer()
    with caplog.at_level(logging.WARNING):
        back = serde.loads_typed(serde.dumps_typed({"criteria": criteria, "shortlist": shortlist}))
    assert back["criteria"] == criteria and back["shortlist"] == shortlist
    assert not [r for r in caplog.records if "unregistered" in r.getMessage()]
