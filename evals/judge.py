"""Optional LLM judge: explanation helpfulness, 1-5. Off by default and never gated.

A model's taste is useful as a trend line for prose quality, but it is not reproducible
enough to fail a build on, so its scores only appear in the report. Faithfulness (are
the numbers true?) is checked deterministically in evals.metrics, not here.
"""

from __future__ import annotations

import json
import os
import statistics
from importlib import resources
from typing import Any, Protocol, Sequence, TypeVar

from pydantic import BaseModel, Field

from agents.shortlist import ShortlistedCreator

M = TypeVar("M", bound=BaseModel)


class JsonClient(Protocol):
    """The slice of agents.llm.client.LLMClient the judge needs."""

    async def complete_json(self, system: str, user: str, schema: type[M]) -> M: ...


class JudgeConfig(BaseModel):
    base_url: str = Field(description="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")
    model: str
    api_key_env: str = Field("CASTLIST_JUDGE_API_KEY", description="environment variable holding the key, if any")
    max_creators_per_case: int = Field(3, ge=1, description="judge the top n of each shortlist")
    timeout_s: float = 30.0


class JudgeScore(BaseModel):
    helpfulness: int = Field(ge=1, le=5, description="1 (useless) to 5 (actionable, specific, tied to the brief)")
    reason: str = Field(description="one sentence")


def system_prompt() -> str:
    return resources.files(__package__).joinpath("judge_explanation.md").read_text(encoding="utf-8")


def _entry(sc: ShortlistedCreator) -> dict[str, Any]:
    # Only what a marketer reads; vetting internals and scores would bias the grade.
    return {"handle": sc.handle, "platform": sc.platform, "followers": sc.followers, "explanation": sc.explanation,
            "reasons": sc.reasons, "risks": sc.risks, "evidence": [e.text or e.metric for e in sc.evidence]}


async def judge_creator(client: JsonClient, brief: str, sc: ShortlistedCreator) -> JudgeScore:
    user = json.dumps({"brief": brief, "entry": _entry(sc)}, ensure_ascii=False)
    return await client.complete_json(system_prompt(), user, JudgeScore)


async def judge_shortlist(client: JsonClient, brief: str, creators: Sequence[ShortlistedCreator], top: int) -> float | None:
    """Mean helpfulness over the top entries; None when no entry could be judged."""
    scores: list[int] = []
    for sc in creators[:top]:
        try:
            scores.append((await judge_creator(client, brief, sc)).helpfulness)
        except Exception:  # an unavailable judge costs a data point, never the eval run
            continue
    return statistics.fmean(scores) if scores else None


def make_client(config: JudgeConfig) -> JsonClient:
    from agents.llm.client import OpenAICompatibleClient

    return OpenAICompatibleClient(config.base_url, config.model, os.environ.get(config.api_key_env),
                                  timeout_s=config.timeout_s, max_attempts=2, temperature=0.0)
