"""The shortlist as a CSV a marketer can hand to a client (issue 12).

The file opens with a header block (what was asked: brief, criteria, when, how scores
read), a blank row, then one row per creator. Numbers read as on the page: score 0-100,
engagement as a percentage with its formula. Audience split and last post date are not
in the shortlist itself, so they are looked up in the creator store when it has them.
A UTF-8 byte-order mark goes first because Excel otherwise reads UTF-8 as a legacy code
page and garbles names like "Zoë" or "東京".
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from agents.criteria import CampaignCriteria
from agents.explain import PROFILE_URL
from agents.money import from_usd, to_usd
from agents.shortlist import Shortlist, ShortlistedCreator
from retrieval.schema import creator_key
from retrieval.signals.pricing import FX_TO_USD
from retrieval.store import StoredCreator

BOM = "\ufeff"
VETTING_TOOLS = ("authenticity", "brand_safety", "sponsored_saturation", "disclosure", "competitor_conflict",
                 "excluded_content", "activity", "audience_fit")
VERDICT_TEXT = {"pass": "pass", "warn": "warn", "fail": "fail", "insufficient_data": "no data"}

CSV_COLUMNS = (
    "rank", "platform", "handle", "display_name", "profile_url", "followers", "country",
    "engagement_rate", "engagement_method", "score", "price_low", "price_high", "price_currency", "price_method",
    "price_in_brief_currency", *(f"vetting_{t}" for t in VETTING_TOOLS), "vetting_details",
    "top_audience_country", "top_audience_age", "top_audience_gender", "last_post_date",
    "topic_match", "topic_post_url", "reasons", "risks", "explanation",
)

# Looks creators up by key; returns only the ones it knows.
Lookup = Callable[[list[str]], Mapping[str, StoredCreator]]


def cell(value: object) -> object:
    # Creator text is untrusted: a cell starting with = + - @ would run as a formula in a
    # spreadsheet (CSV injection), so such text is prefixed with a quote.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def score100(value: float) -> int:
    """The page's 0-100 score: clamped, rounded half up (JavaScript's Math.round)."""
    return int(math.floor(max(0.0, min(1.0, value)) * 100 + 0.5))


def percent(fraction: float | None, digits: int = 2) -> str | None:
    return None if fraction is None else f"{fraction * 100:.{digits}f}%"


def audience_asked(criteria: CampaignCriteria) -> bool:
    return bool(criteria.audience_countries or criteria.audience_gender
                or criteria.audience_age_min is not None or criteria.audience_age_max is not None)


def criteria_text(criteria: CampaignCriteria) -> str:
    """The criteria as `field: value` pairs, hard constraints marked, in field order."""
    data = criteria.model_dump(mode="json", exclude_none=True, exclude_defaults=True,
                               exclude={"hard", "assumptions", "conflicts"})
    parts = []
    for name, value in data.items():
        if isinstance(value, dict) and "amount" in value:
            value = f"{value['amount']:g} {value.get('currency', '')}".strip()
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        must = " (must)" if name in criteria.hard else ""
        parts.append(f"{name}: {value}{must}")
    return "; ".join(parts) or "none: every creator searched"


def _top(shares: Mapping[str, float] | None) -> str | None:
    if not shares:
        return None
    name, share = max(shares.items(), key=lambda kv: kv[1])
    return f"{name} {share * 100:.0f}%"


def _topic_post_url(c: ShortlistedCreator, stored: StoredCreator | None) -> str | None:
    if not c.topic_post_id:
        return None
    for e in c.evidence:
        if e.post_id == c.topic_post_id and e.url:
            return e.url
    if stored is not None:
        for p in stored.creator.posts:
            if p.id == c.topic_post_id and p.url:
                return p.url
    return None


def _vetting(c: ShortlistedCreator, asked_audience: bool) -> tuple[dict[str, str], str]:
    verdicts: dict[str, str] = {}
    details = []
    for v in c.vetting:
        if v.tool == "audience_fit" and not asked_audience:
            verdicts[v.tool] = "not asked"  # a "pass" here would claim a fit nobody asked for
            continue
        verdicts[v.tool] = VERDICT_TEXT.get(v.verdict, v.verdict)
        details.append(f"{v.tool}: {verdicts[v.tool]} ({v.confidence * 100:.0f}% confidence) - {v.summary}")
    return verdicts, " | ".join(details)


def brief_currency(criteria: CampaignCriteria) -> str | None:
    money = criteria.budget or criteria.max_price_per_post
    return money.currency.upper() if money is not None else None


def price_in(price: Any, currency: str | None) -> str | None:
    """The estimate in the brief's currency with the fixed rate named (the page shows the same)."""
    if price is None or currency is None:
        return None
    source = price.currency.upper()
    if source == currency:
        return f"{currency} {price.low:,.0f}-{price.high:,.0f}"
    low, high = to_usd(price.low, source), to_usd(price.high, source)
    if low is None or high is None or from_usd(1.0, currency) is None:
        return None
    rate = FX_TO_USD[currency]
    return (f"{currency} {from_usd(low, currency):,.0f}-{from_usd(high, currency):,.0f} "
            f"(1 {currency} = {rate:g} USD, approximate)")


def creator_row(c: ShortlistedCreator, stored: StoredCreator | None, asked_audience: bool,
                currency: str | None = None) -> list[object]:
    price = c.price_estimate
    verdicts, details = _vetting(c, asked_audience)
    audience = stored.creator.audience if stored is not None else None
    last_post = stored.features.last_post_at if stored is not None else None
    return [cell(v) for v in (
        c.rank, c.platform, c.handle, c.display_name, c.url, c.followers, c.country,
        percent(c.engagement_rate), c.engagement_method if c.engagement_rate is not None else None,
        score100(c.score),
        price.low if price else None, price.high if price else None,
        price.currency if price else None, price.method if price else None, price_in(price, currency),
        *(verdicts.get(t) for t in VETTING_TOOLS), details,
        _top(audience.countries if audience else None), _top(audience.ages if audience else None),
        _top(audience.genders if audience else None), last_post[:10] if last_post else None,
        c.topic_match, _topic_post_url(c, stored),
        "; ".join(c.reasons), "; ".join(c.risks), c.explanation,
    )]


def header_block(shortlist: Shortlist, exported_at: datetime | None = None) -> list[list[Any]]:
    exported_at = exported_at or datetime.now(UTC)
    return [
        ["castlist shortlist", shortlist.id],
        ["Brief", cell(shortlist.brief)],
        ["Criteria", cell(criteria_text(shortlist.criteria))],
        *([["Assumptions", cell("; ".join(shortlist.assumptions))]] if shortlist.assumptions else []),
        *([["Warnings", cell("; ".join(shortlist.warnings))]] if shortlist.warnings else []),
        ["Created", shortlist.created_at.isoformat(timespec="seconds")],
        ["Exported", exported_at.isoformat(timespec="seconds")],
        ["Creators", len(shortlist.creators)],
        ["How to read", "score 0-100 as on the page; engagement_rate in percent with its formula in "
                        "engagement_method; price per post with its currency and method; audience shares from "
                        "the creator's reported audience"],
    ]


def to_csv(shortlist: Shortlist, lookup: Lookup | None = None, exported_at: datetime | None = None) -> str:
    keys = [creator_key(c.platform, c.handle) for c in shortlist.creators]  # type: ignore[arg-type]
    stored = lookup(keys) if lookup is not None and keys else {}
    asked = audience_asked(shortlist.criteria)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(header_block(shortlist, exported_at))
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    for c, key in zip(shortlist.creators, keys):
        writer.writerow(creator_row(c, stored.get(key), asked, brief_currency(shortlist.criteria)))
    return BOM + out.getvalue()


def table_rows(text: str) -> list[dict[str, str]]:
    """The creator rows of an exported CSV (after the header block), for readers and tests."""
    lines = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    start = lines.index(list(CSV_COLUMNS))
    return [dict(zip(CSV_COLUMNS, row)) for row in lines[start + 1:]]


# ---- saved lists ---------------------------------------------------------------------

LIST_COLUMNS = (
    "platform", "handle", "display_name", "profile_url", "status", "note", "followers", "tier", "country",
    "engagement_rate", "engagement_method", "price_low", "price_high", "price_currency", "price_method",
    "top_audience_country", "top_audience_age", "top_audience_gender", "last_post_date", "added_at",
)


def list_to_csv(saved: Any, stored: Mapping[str, StoredCreator], exported_at: datetime | None = None) -> str:
    """A saved list (app.lists_store.SavedListRow) as a client CSV: a header block, then
    one row per creator with its current numbers from the creator store."""
    exported_at = exported_at or datetime.now(UTC)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([
        ["castlist saved list", saved.id],
        ["Name", cell(saved.name)],
        ["Created", saved.created_at.isoformat(timespec="seconds")],
        ["Exported", exported_at.isoformat(timespec="seconds")],
        ["Creators", len(saved.items)],
        ["How to read", ("engagement_rate in percent with its formula in engagement_method; price per post with "
                         "its currency and method; audience shares from the creator's reported audience; "
                         "blank numbers: the creator is no longer in the creator store")],
    ])
    writer.writerow([])
    writer.writerow(LIST_COLUMNS)
    for item in saved.items:
        s = stored.get(creator_key(item.platform, item.handle))
        c, f = (s.creator, s.features) if s is not None else (None, None)
        price = f.price if f is not None else None
        audience = c.audience if c is not None else None
        template = PROFILE_URL.get(item.platform)
        writer.writerow([cell(v) for v in (
            item.platform, item.handle, c.display_name if c else None,
            template.format(h=item.handle) if template else None, item.status, item.note,
            c.followers if c else None, f.tier if f else None, c.country if c else None,
            percent(f.engagement.median) if f else None,
            f.engagement.method if f and f.engagement.median is not None else None,
            price.low if price else None, price.high if price else None,
            price.currency if price else None, price.method if price else None,
            _top(audience.countries if audience else None), _top(audience.ages if audience else None),
            _top(audience.genders if audience else None),
            f.last_post_at[:10] if f and f.last_post_at else None,
            item.added_at.isoformat(timespec="seconds"),
        )])
    return BOM + out.getvalue()


def list_table_rows(text: str) -> list[dict[str, str]]:
    """The creator rows of an exported saved-list CSV."""
    lines = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    start = lines.index(list(LIST_COLUMNS))
    return [dict(zip(LIST_COLUMNS, row)) for row in lines[start + 1:]]
