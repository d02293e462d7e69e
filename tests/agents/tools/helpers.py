"""Hand-built creators for the vetting-tool tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from agents.criteria import CampaignCriteria
from agents.tools.vetting import VettingInput
from retrieval.features import compute_features
from retrieval.schema import Creator

NOW = datetime(2026, 10, 10, 12, 0, tzinfo=timezone.utc)


def ts(days_before_now: float) -> str:
    return (NOW - timedelta(days=days_before_now)).isoformat()


def posts(n: int, every_days: float = 5, start_days: float = 1, **fields: Any) -> list[dict]:
    """n dated organic posts, newest first, with the given fields on each."""
    return [{"id": f"p{i}", "url": f"https://example.test/p{i}", "created_at": ts(start_days + i * every_days),
             "text": f"Post number {i} about sourdough", **fields} for i in range(n)]


def make(creator: dict | None = None, criteria: dict | None = None, now: datetime | None = None) -> VettingInput:
    data = {"platform": "instagram", "handle": "jane.bakes", "followers": 20_000}
    data.update(creator or {})
    c = Creator.model_validate(data)
    return VettingInput(creator=c, features=compute_features(c, NOW),
                        criteria=CampaignCriteria(**(criteria or {})), now=now)
