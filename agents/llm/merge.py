"""Combine the model's reading of a brief with the offline one so the result is never worse.

Field by field: the offline reading stands wherever the two disagree, unless the brief's
own text supports the model's value (agents/llm/support.py); a value the model sets that
the brief never mentions is an invented constraint and is dropped. When most of what the
model set is invented, the whole answer is rejected and the caller falls back to offline.
Every decision is written into `assumptions`, so the user sees where a value came from.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pydantic

from agents.criteria import CampaignCriteria
from agents.llm.checks import apply_checks
from agents.llm.schema import LLMCriteria
from agents.llm.support import BriefText, supported
from agents.parsing.audience import CREATOR_GENDER_NOTE
from agents.parsing.geo_data import LOOKUP, city_name, key_of

log = logging.getLogger(__name__)

LIST_FIELDS = ("platforms", "tiers", "topics", "creator_countries", "audience_countries", "languages", "formats",
               "exclude_topics", "exclude_brands", "exclude_handles", "exclude_keywords", "exclude_countries",
               "creator_cities")
SCALAR_FIELDS = ("followers_min", "followers_max", "audience_gender", "audience_age_min", "audience_age_max",
                 "min_engagement_rate", "budget", "max_price_per_post", "creators_count", "creator_gender")
# Values that only make sense together: when the merged pair is invalid, the offline pair stands.
_PAIRS = (("followers_min", "followers_max"), ("audience_age_min", "audience_age_max"))
# More than this share of the model's values invented: the answer as a whole is not a reading of the brief.
MAX_INVENTED_SHARE = 0.5


@dataclass
class MergeOutcome:
    criteria: CampaignCriteria
    invented: list[str] = field(default_factory=list)  # "field=value" the brief never mentions
    overruled: list[str] = field(default_factory=list)  # fields where offline won a disagreement
    adopted: list[str] = field(default_factory=list)  # fields where the model's supported value was used
    rejected: str | None = None  # why the whole answer was not used; None when it was
    checks: list[str] = field(default_factory=list)  # extra checks used (agents/llm/checks.py)
    checks_refused: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def _set(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict) and {"amount", "currency"} <= value.keys():
        return f"{value['amount']:g} {value['currency']}"
    return str(value)


def _words(phrase: str) -> set[str]:
    return set(phrase.lower().split())


def _merge_topics(offline: list[str], extra: list[str]) -> tuple[list[str], list[str]]:
    """A model topic that narrows an offline one ("baking" → "vegan baking") replaces it;
    one the offline topics already cover adds nothing; the rest are added."""
    topics, used = list(offline), []
    for topic in extra:
        if any(_words(topic) <= _words(t) for t in topics):
            continue
        narrowed = [i for i, t in enumerate(topics) if _words(t) < _words(topic)]
        if narrowed:
            topics[narrowed[0]] = topic
            topics = [t for i, t in enumerate(topics) if i not in narrowed[1:]]
        else:
            topics.append(topic)
        used.append(topic)
    return topics, used


# Fields that read the same words of a brief differently: a value the offline reading put in
# one of them is its reading of those words, and the model putting it in another is a
# disagreement, not support ("under 50k" is a maximum, not a minimum; "based in Germany" is
# where creators are, not the audience).
_SIBLINGS = (("followers_min", "followers_max"), ("audience_age_min", "audience_age_max"),
             ("creator_countries", "audience_countries", "exclude_countries"),
             # "no crypto": the offline reading's exclusion is no topic (the other way round the
             # model's keyword needs an avoidance word before it, and then the exclusion wins).
             ("topics", "exclude_keywords"))


# Fields holding a number the brief writes: one the offline reading put in any of them is its
# reading of that number ("¥50,000 per post max" is a price, not a follower cap; "12 people"
# is a count, not followers).
_NUMBER_FIELDS = ("followers_min", "followers_max", "creators_count", "audience_age_min", "audience_age_max",
                  "budget", "max_price_per_post")


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        value = value.get("amount")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _used_elsewhere(name: str, value: Any, off: dict[str, Any]) -> bool:
    if name == "exclude_keywords":
        return False  # see _SIBLINGS
    if name == "creator_cities":
        # "audience in London": the offline reading put the city's country on the audience.
        country = _city_country(value)
        return country is not None and country in off["audience_countries"] and country not in off["creator_countries"]
    mine = _number(value)
    if name in _NUMBER_FIELDS and mine is not None:
        for other in _NUMBER_FIELDS:
            theirs = _number(off.get(other))
            if other != name and theirs is not None and abs(theirs - mine) <= max(1.0, abs(theirs) * 0.005):
                return True
    for group in _SIBLINGS:
        if name not in group:
            continue
        for other in group:
            theirs = off.get(other)
            if other == name or theirs is None:
                continue
            if isinstance(theirs, list) and value in theirs:
                return True
            if isinstance(theirs, (int, float)) and isinstance(value, (int, float)) and abs(theirs - value) <= 1:
                return True
    return False


def _city_country(city: str) -> str | None:
    codes = {p.codes[0] for p in LOOKUP.get(key_of(city.split()), []) if p.kind == "city" and p.city == city}
    return codes.pop() if len(codes) == 1 else None


def merge(llm: LLMCriteria, offline: CampaignCriteria, brief: str) -> MergeOutcome:
    text = BriefText(brief)
    model = llm.model_dump()
    off = offline.model_dump()
    values = dict(off)
    source: dict[str, str] = {}  # field -> "llm" where the model's value was taken
    out = MergeOutcome(criteria=offline)
    notes: list[str] = []
    model_values = 0

    for name in LIST_FIELDS:
        # The grammar cannot forbid repeats (["IN", "IN"] came back); a repeat is one value,
        # not two, when the invented share is counted.
        mine = list(dict.fromkeys(model[name]))
        if name == "creator_cities":
            mine = list(dict.fromkeys(city_name(v) for v in mine))  # "NYC" → "New York", as the offline reading spells it
        elif name == "exclude_keywords":
            mine = list(dict.fromkeys(v.strip().lower() for v in mine))
        model_values += len(mine)
        good = [v for v in mine if v in off[name] or (supported(name, v, text) and not _used_elsewhere(name, v, off))]
        out.invented += [f"{name}={v}" for v in mine if v not in good]
        extra = [v for v in good if v not in off[name]]
        if name == "topics":
            values[name], extra = _merge_topics(off[name], extra)
        elif name == "exclude_keywords" and extra:
            # Said after an avoidance word (support.py): the offline reading of the same words as a
            # topic was wrong ("we can't have any crypto content" → topic "crypto").
            values["topics"] = [t for t in values["topics"] if t.lower() not in extra]
            values[name] = [*off[name], *extra]
        elif extra:
            values[name] = [*off[name], *extra]
        if extra:
            source[name] = "llm"
            out.adopted.append(name)
            notes.append(f"{name}: added {_show(extra)} from the LLM's reading (named in the brief)")

    for name in SCALAR_FIELDS:
        mine, theirs = model[name], off[name]
        if not _set(mine) or mine == theirs:
            continue
        model_values += 1
        if supported(name, mine, text) and not _used_elsewhere(name, mine, off):
            values[name] = mine
            source[name] = "llm"
            out.adopted.append(name)
            if _set(theirs):
                notes.append(f"{name}: used the LLM's {_show(mine)} over the rule-based {_show(theirs)} (the brief says it)")
        elif _set(theirs):
            out.overruled.append(name)
            notes.append(f"{name}: kept the rule-based {_show(theirs)}; the LLM's {_show(mine)} is not in the brief")
        else:
            out.invented.append(f"{name}={_show(mine)}")

    for low, high in _PAIRS:
        if values[low] is not None and values[high] is not None and values[low] > values[high]:
            values[low], values[high] = off[low], off[high]
            source.pop(low, None), source.pop(high, None)

    if model_values and len(out.invented) > MAX_INVENTED_SHARE * model_values:
        out.rejected = f"{len(out.invented)} of {model_values} values are not in the brief"
        return out

    hard = [h for h in offline.hard]
    hard += [name for name in llm.hard if source.get(name) == "llm" and name not in off.get("hard", [])]
    values["hard"] = [h for h in dict.fromkeys(hard) if _set(values.get(h))]
    if out.invented:
        notes.append(f"Ignored what the LLM read but the brief does not say: {'; '.join(out.invented)}")
    if source.get("creator_gender") == "llm":
        notes.append(CREATOR_GENDER_NOTE)
    values["assumptions"] = list(dict.fromkeys([*offline.assumptions, *notes]))
    values["conflicts"] = list(offline.conflicts)  # the model's cannot be checked against the text
    try:
        out.criteria = CampaignCriteria.model_validate(values)
        checked = apply_checks(llm.checks, out.criteria, brief)
        out.criteria, out.checks, out.checks_refused, out.advice = \
            checked.criteria, checked.used, checked.refused, checked.advice
    except pydantic.ValidationError:
        log.warning("merged criteria invalid; keeping the offline reading", exc_info=True)
        out.rejected = "the model's values could not be combined with the rule-based reading"
        out.criteria = offline
    return out
