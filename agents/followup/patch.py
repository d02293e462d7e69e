"""CriteriaPatch: what a follow-up changes, field by field, and the pure function applying it.

A follow-up ("drop the budget", "Canada instead of the US", "also Instagram") is an
edit of the thread's criteria, not a new brief. Every parser (rules, LLM, chip edits)
produces this model; `apply_patch` is the only place criteria change in a thread.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.criteria import CONSTRAINT_FIELDS, CampaignCriteria
from agents.followup.locale_names import field_labels
from agents.parsing.audience import CREATOR_GENDER_NOTE
from agents.parsing.geo_data import city_name

ListField = Literal[
    "platforms", "tiers", "topics", "creator_countries", "audience_countries", "languages", "formats",
    "exclude_topics", "exclude_brands", "exclude_handles", "exclude_keywords", "exclude_countries", "creator_cities",
]
ScalarField = Literal[
    "followers_min", "followers_max", "audience_gender", "audience_age_min", "audience_age_max",
    "min_engagement_rate", "budget", "max_price_per_post", "creators_count", "creator_gender",
]
PatchField = Literal[ListField, ScalarField]  # type: ignore[valid-type]
LIST_FIELDS: tuple[str, ...] = ListField.__args__  # type: ignore[attr-defined]
SCALAR_FIELDS: tuple[str, ...] = ScalarField.__args__  # type: ignore[attr-defined]
# Exclusions are musts wherever they come from (a brief, a follow-up, a chip).
ALWAYS_HARD = frozenset({"exclude_topics", "exclude_brands", "exclude_handles", "exclude_keywords", "exclude_countries"})
NEVER_HARD = frozenset({"topics", "creators_count", "tiers"})

_WORDS = {
    "platforms": "platforms", "tiers": "tiers", "topics": "topics", "creator_countries": "countries",
    "audience_countries": "audience countries", "languages": "languages", "formats": "formats",
    "exclude_topics": "excluded content", "exclude_brands": "excluded brands", "exclude_handles": "excluded creators",
    "followers_min": "minimum followers", "followers_max": "maximum followers", "audience_gender": "audience gender",
    "audience_age_min": "youngest audience age", "audience_age_max": "oldest audience age",
    "min_engagement_rate": "minimum engagement", "budget": "budget", "max_price_per_post": "price cap per post",
    "creators_count": "creator count", "exclude_keywords": "excluded keywords",
    "exclude_countries": "excluded countries", "creator_cities": "creator cities", "creator_gender": "creator gender",
}


class FieldEdit(BaseModel):
    """One change to one criteria field."""

    model_config = ConfigDict(extra="forbid")

    field: PatchField = Field(description="The CampaignCriteria field to change")
    op: Literal["set", "replace", "add", "remove", "clear"] = Field(
        description="set: the field becomes exactly `values`/`value`; replace: `replaces` go and `values` come; "
                    "add/remove: values join or leave a list field; clear: no requirement on this field")
    values: list[str] = Field(default_factory=list, description="List fields: the values set, added, removed or coming in")
    replaces: list[str] = Field(default_factory=list, description="replace only: the values that go")
    value: float | str | dict[str, Any] | None = Field(
        None, description="Scalar fields with op set: the new value (budget and price cap as {amount, currency})")
    hard: bool | None = Field(None, description="true: must match; false: a preference; null: the usual for the field")


class CriteriaPatch(BaseModel):
    """What a follow-up message changes in the thread's criteria."""

    model_config = ConfigDict(extra="forbid")

    edits: list[FieldEdit] = Field(default_factory=list, description="Field edits, applied in order")
    more_like: list[str] = Field(default_factory=list,
                                 description="Creators the user wants more like: '#2' for rank 2 of the last list, or '@handle'")

    def is_empty(self) -> bool:
        return not self.edits and not self.more_like


class PatchResult(BaseModel):
    criteria: CampaignCriteria
    changes: list[str] = Field(default_factory=list, description="What the patch did, in words")
    rejected: list[str] = Field(default_factory=list, description="Edits that did not fit the criteria, and why")


def _show(field: str, value: Any) -> str:
    if isinstance(value, dict) and "amount" in value:
        return f"{value['amount']:,.0f} {value.get('currency', '')}".strip()
    if field == "min_engagement_rate" and isinstance(value, (int, float)):
        return f"{value * 100:g}%"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def normalise_values(field: str, values: list[str]) -> list[str]:
    """A list field's values as the criteria hold them (codes upper-case, handles without '@')."""
    if field in ("creator_countries", "audience_countries", "exclude_countries"):
        return [v.strip().upper() for v in values if v.strip()]
    if field == "creator_cities":
        return [city_name(v) for v in values if v.strip()]
    if field == "exclude_brands":
        return [v.strip() for v in values if v.strip()]
    if field == "exclude_handles":
        return [v.strip().lstrip("@").lower() for v in values if v.strip()]
    return [v.strip().lower() for v in values if v.strip()]


def _same(field: str, a: str, b: str) -> bool:
    return a.lower() == b.lower() if field in ("exclude_brands", "topics", "creator_cities") else a == b


def apply_patch(criteria: CampaignCriteria, patch: CriteriaPatch, all_platforms: tuple[str, ...] = ()) -> PatchResult:
    """The criteria after the patch, with every change and every refused edit in words.

    Pure: the input is not modified. An edit that would make the criteria invalid is
    refused on its own; the rest still apply.
    """
    data = criteria.model_dump()
    hard = set(criteria.hard)
    changes: list[str] = []
    rejected: list[str] = []
    touched: set[str] = set()
    for edit in patch.edits:
        before = (dict(data), set(hard))
        try:
            note = _apply_one(data, hard, edit, all_platforms)
            CampaignCriteria.model_validate({**data, "hard": sorted(h for h in hard if h in CONSTRAINT_FIELDS)})
        except (ValueError, ValidationError, TypeError) as exc:
            data, hard = dict(before[0]), set(before[1])
            rejected.append(f"{edit.op} {_WORDS[edit.field]}: {_reason(exc)}")
            continue
        if note is None:
            continue
        if note.startswith("!"):
            rejected.append(note[1:])
            continue
        changes.append(note)
        touched.add(edit.field)
    data["hard"] = sorted(h for h in hard if h in CONSTRAINT_FIELDS and _present(data.get(h)))
    data["assumptions"] = _fresh_assumptions(criteria, data, touched)
    if data.get("creator_gender") and CREATOR_GENDER_NOTE not in data["assumptions"]:
        data["assumptions"].append(CREATOR_GENDER_NOTE)  # what the run can and cannot do with it
    data["conflicts"] = [c for c in criteria.conflicts if not any(_WORDS[f].split()[-1] in c for f in touched)]
    return PatchResult(criteria=CampaignCriteria.model_validate(data), changes=changes, rejected=rejected)


def _present(value: Any) -> bool:
    return value not in (None, [], "")


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"] for e in exc.errors())
    return str(exc)


def _apply_one(data: dict[str, Any], hard: set[str], edit: FieldEdit, all_platforms: tuple[str, ...]) -> str | None:
    field, op = edit.field, edit.op
    words = _WORDS[field]
    if op == "clear":
        if not _present(data.get(field)):
            return f"!{words}: nothing to remove"
        data[field] = [] if field in LIST_FIELDS else None
        hard.discard(field)
        if field == "budget":
            return "budget removed"
        return f"{words} removed"
    if field in SCALAR_FIELDS:
        if op not in ("set", "replace"):
            raise ValueError(f"{op} does not apply to a single value")
        value = edit.value
        if value is None:
            raise ValueError("no value given")
        if field in ("budget", "max_price_per_post"):
            if not isinstance(value, dict):
                old = data.get(field) or {}
                value = {"amount": float(value), "currency": old.get("currency") or "USD"}
            elif not value.get("currency"):
                value = {**value, "currency": (data.get(field) or {}).get("currency") or "USD"}
        elif field in ("followers_min", "followers_max", "audience_age_min", "audience_age_max", "creators_count"):
            value = int(float(value))
        elif field == "min_engagement_rate":
            value = float(value)
            value = value / 100 if value > 1 else value
        old = data.get(field)
        data[field] = value
        note = f"{words} now {_show(field, value)}" + (f" (was {_show(field, old)})" if _present(old) else "")
        # Moving one end of a range past the other drops the other end: the newer word wins.
        for lo, hi in (("followers_min", "followers_max"), ("audience_age_min", "audience_age_max")):
            if field in (lo, hi) and data.get(lo) is not None and data.get(hi) is not None and data[lo] > data[hi]:
                other = hi if field == lo else lo
                data[other] = None
                hard.discard(other)
                note += f"; {_WORDS[other]} dropped"
        _mark(hard, field, edit.hard)
        # An unchanged value is no change to report ("minimum followers now 10,000 (was 10,000)").
        return None if value == old else note
    current: list[str] = list(data.get(field) or [])
    values = normalise_values(field, edit.values)
    if op == "set":
        if not values:
            raise ValueError("set needs values (use clear to remove the requirement)")
        data[field] = list(dict.fromkeys(values))
        _mark(hard, field, edit.hard)
        return f"{words} now {field_labels(field, data[field])}"
    if op == "add":
        new = [v for v in values if not any(_same(field, v, c) for c in current)]
        if not new:
            return f"!{words}: {field_labels(field, values) or 'nothing'} already there"
        data[field] = current + new
        _mark(hard, field, edit.hard)
        return f"{words}: added {field_labels(field, new)}"
    if op == "remove":
        gone = [c for c in current if any(_same(field, v, c) for v in values)]
        if not gone:
            if field == "platforms" and not current and all_platforms:
                # "drop Pinterest" on "any platform": every platform but that one.
                data[field] = [p for p in all_platforms if p not in values]
                _mark(hard, field, edit.hard)
                return f"platforms: any except {field_labels(field, values)}"
            return f"!{words}: {field_labels(field, values)} not in the criteria"
        data[field] = [c for c in current if c not in gone]
        if not data[field]:
            hard.discard(field)
        left = f" (nothing {words.split()[0]} now)" if field.startswith("exclude_") else f" (any {words.split()[-1]} now)"
        return f"{words}: removed {field_labels(field, gone)}" + ("" if data[field] else left)
    if op == "replace":
        old = normalise_values(field, edit.replaces)
        kept = [c for c in current if not any(_same(field, o, c) for o in old)]
        data[field] = list(dict.fromkeys(kept + values))
        if not data[field]:
            raise ValueError("nothing left after the replacement")
        _mark(hard, field, edit.hard)
        return f"{words} now {field_labels(field, data[field])}"
    raise ValueError(f"unknown op {op}")


def _mark(hard: set[str], field: str, wanted: bool | None) -> None:
    if field in ALWAYS_HARD or (wanted is None and field not in NEVER_HARD) or wanted:
        hard.add(field)
    elif wanted is False:
        hard.discard(field)


def _fresh_assumptions(before: CampaignCriteria, data: dict[str, Any], touched: set[str]) -> list[str]:
    """Keep assumptions only while what they explain is still in the criteria.

    An assumption that names a value the patch took away ("'Germany' read as where the
    creators are based" after Germany went) or a field the patch changed is stale.
    """
    from agents.followup.locale_names import english_name

    gone: list[str] = []
    old = before.model_dump()
    for field in touched:
        if field in LIST_FIELDS:
            for value in old.get(field) or []:
                if value not in (data.get(field) or []):
                    gone.append(str(value).lower())
                    if field.endswith("countries"):
                        gone.append(english_name("country", value).lower())
                    if field == "languages":
                        gone.append(english_name("language", value).lower())
        else:
            gone.append(_WORDS[field].split()[-1])
            if field in ("followers_min", "followers_max"):
                gone.append("follower")
            if field == "creators_count":
                gone.append("no count")
    kept = []
    for text in before.assumptions:
        low = text.lower()
        if any(_mentions(low, g) for g in gone):
            continue
        kept.append(text)
    return kept


def _mentions(text: str, word: str) -> bool:
    import re

    return bool(re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text))


def describe(patch: CriteriaPatch) -> str:
    """A patch in words, for the transcript of a chip edit ("remove countries: DE")."""
    parts: list[str] = []
    for e in patch.edits:
        words = _WORDS[e.field]
        if e.op == "clear":
            parts.append(f"any {words}" if e.field in LIST_FIELDS else f"no {words}")
        elif e.op == "set":
            parts.append(f"{words}: {_show(e.field, e.value) if e.field in SCALAR_FIELDS else field_labels(e.field, e.values)}")
        elif e.op == "replace":
            parts.append(f"{words}: {field_labels(e.field, e.values)} instead of {field_labels(e.field, e.replaces)}")
        else:
            parts.append(f"{e.op} {words}: {field_labels(e.field, e.values)}")
    parts += [f"more like {m}" for m in patch.more_like]
    return "; ".join(parts)


def patch_from_overrides(overrides: dict[str, Any]) -> CriteriaPatch:
    """Explicit field edits from a client (chip ×, chip edit): a value sets, null clears."""
    edits: list[FieldEdit] = []
    for field, value in overrides.items():
        if field in LIST_FIELDS:
            edits.append(FieldEdit(field=field, op="clear") if not value else FieldEdit(field=field, op="set", values=list(value)))
        elif field in SCALAR_FIELDS:
            edits.append(FieldEdit(field=field, op="clear") if value is None else FieldEdit(field=field, op="set", value=value))
    return CriteriaPatch(edits=edits)
