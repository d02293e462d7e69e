"""Undo and start over: a thread's criteria moved back to what an earlier turn started from.

Every follow-up turn records the criteria it started from (`criteria_before`). "undo"
restores the start of the latest turn not yet undone (so "undo" twice goes back two
changes); "start over" restores the criteria the first follow-up started from, the brief
as first read. Pure functions over the thread's turns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.criteria import CampaignCriteria
from agents.followup.vocabulary import START_OVER, UNDO
from agents.state import Turn


@dataclass
class Rewind:
    note: str
    criteria: CampaignCriteria | None = None  # the criteria to go back to; None when there is none
    turns: list[Turn] = field(default_factory=list)  # the earlier turns, with the undone ones marked


def is_rewind(message: str) -> bool:
    return bool(UNDO.match(message) or START_OVER.match(message))


def rewind(message: str, turns: list[Turn]) -> Rewind:
    marked: list[Turn] = [Turn(**t) for t in turns]
    changes = [i for i, t in enumerate(marked) if t.get("criteria_before") and not t.get("undone") and not t.get("rewind")]
    if START_OVER.match(message):
        first = next((t for t in marked if t.get("criteria_before")), None)
        if first is None:
            return Rewind(note="Nothing to start over from: the criteria are still the brief's.", turns=marked)
        for t in marked:
            if t.get("criteria_before"):
                t["undone"] = True
        return Rewind(criteria=CampaignCriteria.model_validate(first["criteria_before"]),
                      note="back to the brief as first read (start a new chat for a new brief)", turns=marked)
    if not changes:
        return Rewind(note="Nothing to undo: no follow-up has changed the criteria yet.", turns=marked)
    last = marked[changes[-1]]
    last["undone"] = True
    return Rewind(criteria=CampaignCriteria.model_validate(last["criteria_before"]),
                  note=f"undid “{last.get('message', '')}”", turns=marked)
