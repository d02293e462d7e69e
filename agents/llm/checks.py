"""Extra checks the model may ask for, from a fixed list; each validated against the brief.

The model names checks only by these ids (an enum in the answer schema). A check is used
only when the brief itself gives its reason (a regulated product for the audience-age
check, a children's product for the brand-safety advice), and its effect is a preference
or advice, never a new must: a model cannot make a brief stricter than its author did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agents.criteria import CampaignCriteria

CheckName = Literal["audience_age", "brand_safety"]
CHECKS: tuple[str, ...] = CheckName.__args__  # type: ignore[attr-defined]

_REGULATED = re.compile(r"\b(?:alcohol\w*|beer|wines?|spirits|whisk(?:e)?y|vodka|gin|rum|liquor|brew(?:ery|eries)?|"
                        r"gambling|betting|casinos?|sportsbooks?|poker|tobacco|cigar\w*|vap(?:e|es|ing)|nicotine|"
                        r"cbd|cannabis)\b", re.I)
_CHILDREN = re.compile(r"\b(?:kids?|children|child|toddlers?|bab(?:y|ies)|family|families|parents?|school)\b", re.I)
ADULT_AGE = 18


@dataclass(frozen=True)
class CheckOutcome:
    criteria: CampaignCriteria
    used: list[str]
    refused: list[str]  # named by the model, but the brief gives no reason for them
    advice: list[str]


def apply_checks(checks: list[str], criteria: CampaignCriteria, brief: str) -> CheckOutcome:
    used: list[str] = []
    refused: list[str] = []
    advice: list[str] = []
    notes: list[str] = []
    update: dict[str, object] = {}
    for check in dict.fromkeys(checks):
        if check == "audience_age" and (m := _REGULATED.search(brief)):
            used.append(check)
            if criteria.audience_age_min is None or criteria.audience_age_min < ADULT_AGE:
                update["audience_age_min"] = ADULT_AGE
                notes.append(f"Audience-age check added by the LLM: the brief names a regulated product "
                             f"(“{m.group(0)}”), so audiences aged {ADULT_AGE}+ rank higher (a preference, not a must)")
        elif check == "brand_safety" and (m := _CHILDREN.search(brief)):
            used.append(check)
            advice.append(f"The brief is for a young audience (“{m.group(0)}”): consider excluding adult and "
                          "profanity content (not applied without you)")
        else:
            refused.append(check)
    if not update and not notes:
        return CheckOutcome(criteria, used, refused, advice)
    if "audience_age_max" in criteria.model_fields_set and criteria.audience_age_max is not None \
            and criteria.audience_age_max < ADULT_AGE:
        return CheckOutcome(criteria, [], [*refused, *used], advice)  # the brief's own ages win
    changed = criteria.model_copy(update={**update, "assumptions": [*criteria.assumptions, *notes]})
    return CheckOutcome(CampaignCriteria.model_validate(changed.model_dump()), used, refused, advice)
