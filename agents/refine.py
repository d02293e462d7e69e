"""Follow-up messages in a thread refine the criteria they follow, not replace them.

"only TikTok" narrows platforms, "also Instagram" widens them, "drop anyone over 50k"
caps followers, "exclude @x" adds to exclusions, "more like number 3" seeds retrieval
with that creator's content.
"""

from __future__ import annotations

import re

from agents.criteria import CampaignCriteria

_ADDITIVE = re.compile(r"\b(also|add|plus|as well|too|include)\b", re.I)
_NUMBER = r"(\d+(?:[.,]\d+)?)\s*([km]|thousand|million)?"
_DROP_OVER = re.compile(r"\b(drop|remove|exclude|no|without|cut|lose|skip)\b[^.]*?\b(over|above|more than|bigger than)\s+" + _NUMBER, re.I)
_DROP_UNDER = re.compile(r"\b(drop|remove|exclude|no|without|cut|lose|skip)\b[^.]*?\b(under|below|less than|smaller than)\s+" + _NUMBER, re.I)
_MORE_LIKE = re.compile(r"\b(?:more|others?|ones?|creators?)\s+(?:like|similar to)\s+(?:number\s*|no\.?\s*|#\s*)?(\d{1,3})\b", re.I)
_MORE_LIKE_HANDLE = re.compile(r"\b(?:more|others?|ones?|creators?)\s+(?:like|similar to)\s+@([\w.\-]+)", re.I)


def _amount(number: str, unit: str | None) -> int:
    value = float(number.replace(",", "."))
    scale = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}.get((unit or "").lower(), 1)
    return int(value * scale)


def similar_to(message: str, previous: list[dict]) -> list[str]:
    """Creator keys a follow-up points at by rank ("number 3") or handle."""
    keys: list[str] = []
    for match in _MORE_LIKE.finditer(message):
        rank = int(match.group(1))
        keys += [p["key"] for p in previous if p.get("rank") == rank]
    for match in _MORE_LIKE_HANDLE.finditer(message):
        handle = match.group(1).lower()
        keys += [p["key"] for p in previous if p.get("handle", "").lower() == handle]
    return list(dict.fromkeys(keys))


def refine(previous: CampaignCriteria, update: CampaignCriteria, message: str) -> tuple[CampaignCriteria, list[str]]:
    """Merge a follow-up's parsed criteria into the thread's; returns (criteria, notes)."""
    data = previous.model_dump()
    notes: list[str] = []
    additive = bool(_ADDITIVE.search(message))
    hard = set(previous.hard)

    if update.platforms:
        data["platforms"] = sorted(set(previous.platforms) | set(update.platforms)) if additive else update.platforms
        hard.add("platforms")
        notes.append(f"platforms now {', '.join(data['platforms'])}")
    # "drop anyone over 50k" is a cap even though "over 50k" alone reads as a floor.
    if match := _DROP_OVER.search(message):
        data["followers_max"] = _amount(match.group(3), match.group(4))
        if data["followers_min"] is not None and data["followers_min"] > data["followers_max"]:
            data["followers_min"] = None
        hard.add("followers_max")
        notes.append(f"followers capped at {data['followers_max']:,}")
    elif match := _DROP_UNDER.search(message):
        data["followers_min"] = _amount(match.group(3), match.group(4))
        if data["followers_max"] is not None and data["followers_max"] < data["followers_min"]:
            data["followers_max"] = None
        hard.add("followers_min")
        notes.append(f"followers at least {data['followers_min']:,}")
    else:
        for field in ("followers_min", "followers_max"):
            if getattr(update, field) is not None:
                data[field] = getattr(update, field)
                hard.add(field)
        if data["followers_min"] is not None and data["followers_max"] is not None and data["followers_min"] > data["followers_max"]:
            # The follow-up moved one end past the other: keep the follow-up's side.
            stale = "followers_max" if update.followers_min is not None else "followers_min"
            data[stale] = None
            notes.append(f"dropped the earlier {stale.replace('_', ' ')} that contradicted the follow-up")

    for field in ("exclude_topics", "exclude_brands", "exclude_handles"):
        merged = list(dict.fromkeys(getattr(previous, field) + getattr(update, field)))
        if merged != getattr(previous, field):
            data[field] = merged
            notes.append(f"{field.replace('_', ' ')}: {', '.join(merged)}")
    for field in ("creator_countries", "audience_countries", "languages", "formats", "tiers"):
        new = getattr(update, field)
        if new:
            data[field] = sorted(set(getattr(previous, field)) | set(new)) if additive else new
            if field != "tiers":
                hard.add(field)
    for field in ("audience_gender", "audience_age_min", "audience_age_max", "min_engagement_rate",
                  "budget", "max_price_per_post", "creators_count"):
        value = getattr(update, field)
        if value is not None:
            data[field] = value.model_dump() if hasattr(value, "model_dump") else value
            hard.add(field) if field not in ("budget", "creators_count", "audience_age_min", "audience_age_max") else None
    if update.topics and not _MORE_LIKE.search(message):
        data["topics"] = list(dict.fromkeys(previous.topics + update.topics)) if additive else update.topics
        notes.append(f"topics now {', '.join(data['topics'])}")

    data["hard"] = sorted(h for h in hard if h != "creators_count")
    data["assumptions"] = list(dict.fromkeys(previous.assumptions + update.assumptions))
    data["conflicts"] = update.conflicts
    return CampaignCriteria.model_validate(data), notes
