"""Vetting tools (DESIGN 2 "Vet"): plain functions over a creator's observable data.

`VETTING_TOOLS` maps each tool name (the `VettingResult.tool` it returns) to its
function; `run_all` runs every tool in that order. No tool reads data-set labels.
"""

from __future__ import annotations

from typing import Callable

from agents.shortlist import VettingResult
from agents.tools.vetting.activity import check_activity
from agents.tools.vetting.audience_fit import check_audience_fit
from agents.tools.vetting.authenticity import check_authenticity
from agents.tools.vetting.base import VettingInput
from agents.tools.vetting.brand_safety import check_brand_safety
from agents.tools.vetting.competitor_conflict import check_competitor_conflict
from agents.tools.vetting.disclosure import check_disclosure
from agents.tools.vetting.excluded_content import check_excluded_content
from agents.tools.vetting.sponsored_saturation import check_sponsored_saturation

VettingTool = Callable[[VettingInput], VettingResult]

VETTING_TOOLS: dict[str, VettingTool] = {
    "authenticity": check_authenticity,
    "brand_safety": check_brand_safety,
    "sponsored_saturation": check_sponsored_saturation,
    "disclosure": check_disclosure,
    "competitor_conflict": check_competitor_conflict,
    "excluded_content": check_excluded_content,
    "activity": check_activity,
    "audience_fit": check_audience_fit,
}


def run_all(inp: VettingInput) -> list[VettingResult]:
    """Every vetting tool on one creator, in `VETTING_TOOLS` order."""
    return [tool(inp) for tool in VETTING_TOOLS.values()]


__all__ = [
    "VETTING_TOOLS", "VettingInput", "VettingTool", "run_all",
    "check_activity", "check_audience_fit", "check_authenticity", "check_brand_safety",
    "check_competitor_conflict", "check_disclosure", "check_excluded_content", "check_sponsored_saturation",
]
