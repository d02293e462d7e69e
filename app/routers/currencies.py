"""/v1/currencies: the approximate FX table prices and caps are compared with, so the page
shows money in the brief's currency with the same rates the service used."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.deps import Caller
from app.problems import Problem
from retrieval.signals.pricing import FX_TO_USD

router = APIRouter(prefix="/v1/currencies", tags=["currencies"])


class Currencies(BaseModel):
    base: str = "USD"
    to_usd: dict[str, float] = Field(description="USD per one unit of each currency")
    note: str


@router.get("", response_model=Currencies,
            responses={c: {"model": Problem, "content": {"application/problem+json": {}}} for c in (401, 429)},
            summary="The fixed FX table used for prices and caps")
async def currencies(_caller: Caller) -> Currencies:
    return Currencies(to_usd=FX_TO_USD, note="approximate fixed rates (mid-2020s), not live market rates")
