"""Turn findings into one valid CampaignCriteria, with assumptions and conflicts in words.

Where the brief contradicts itself the criteria keep one reading (the later, more
specific statement) so the model validates, and `conflicts` says what was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from agents.criteria import SAFETY_CATEGORIES, TIERS
from agents.parsing import conflicts as checks
from agents.parsing.audience import CREATOR_GENDER_NOTE
from agents.parsing.hardness import hard_fields
from agents.parsing.languages import COUNTRY_LANGUAGE
from agents.parsing.money import resolve_currency
from agents.parsing.text import Finding, dedupe, fmt_count
from agents.parsing.tiers import PLATFORM_NAMES, tiers_follower_range
from retrieval.schema import PLATFORMS


MAX_CREATORS = 1000  # CampaignCriteria.creators_count le=1000


@dataclass
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: dict[str, list[Finding]] = field(default_factory=dict)  # criteria field → findings behind it

    def use(self, name: str, value: Any, findings: list[Finding], notes: bool = True) -> None:
        self.values[name] = value
        self.sources[name] = findings
        if notes:
            self.assumptions.extend(f.note for f in findings if f.note)


_ENGLISH = Locale("en")


def _by(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.field, []).append(f)
    return out


def assemble(findings: list[Finding], text: str) -> Draft:
    d = Draft()
    by = _by(findings)
    _platforms(d, by)
    _geo(d, by)
    _followers(d, by)
    _audience(d, by)
    _money(d, by, text)
    _counts(d, by)
    _budget_check(d)
    for name in ("formats", "languages", "topics"):
        if by.get(name):
            d.use(name, dedupe([f.value for f in by[name]]), by[name])
    if by.get("min_engagement_rate"):
        hard = [f for f in by["min_engagement_rate"] if not f.soft] or by["min_engagement_rate"]
        d.use("min_engagement_rate", max(f.value for f in hard), hard)
    if by.get("exclude_topics"):
        cats = {f.value for f in by["exclude_topics"]}
        d.use("exclude_topics", [c for c in SAFETY_CATEGORIES if c in cats], by["exclude_topics"])
    if by.get("exclude_brands"):
        names = {f.value.lower(): f.value for f in reversed(by["exclude_brands"])}
        d.use("exclude_brands", dedupe([names[f.value.lower()] for f in by["exclude_brands"]]), by["exclude_brands"])
    if by.get("exclude_keywords"):
        d.use("exclude_keywords", dedupe([f.value for f in by["exclude_keywords"]]), by["exclude_keywords"])
    if by.get("exclude_handles"):
        d.use("exclude_handles", dedupe([f.value.lower() for f in by["exclude_handles"]]), by["exclude_handles"])
    if not d.values.get("languages") and d.values.get("creator_countries"):
        langs = dedupe([COUNTRY_LANGUAGE[c] for c in d.values["creator_countries"] if c in COUNTRY_LANGUAGE])
        if len(langs) == 1 and len(d.values["creator_countries"]) <= 3:
            where = ", ".join(_ENGLISH.territories.get(c, c) for c in d.values["creator_countries"])
            d.assumptions.append(f"no content language set: creators in {where} mostly post in "
                                 f"{_ENGLISH.languages.get(langs[0], langs[0])}, which is not required unless the brief says so")
    d.conflicts.extend(checks.safety_topic_conflicts(d.values.get("exclude_topics", []), d.values.get("topics", [])))
    present = {name: fs for name, fs in d.sources.items() if d.values.get(name) not in (None, [])}
    d.values["hard"] = hard_fields(present)
    d.assumptions = dedupe([a for a in d.assumptions if a])
    d.conflicts = dedupe(d.conflicts)
    d.warnings = dedupe(d.warnings)
    return d


def _platforms(d: Draft, by: dict[str, list[Finding]]) -> None:
    positive = by.get("platforms", []) + by.get("platforms_only", [])
    negated = {f.value for f in by.get("platforms_negated", [])}
    if not positive and by.get("platform_hint"):
        positive = by["platform_hint"]
    names = dedupe([f.value for f in sorted(positive, key=lambda f: f.start)])
    both = [p for p in names if p in negated]
    if both:
        d.conflicts.append(f"{_names(both)} is both asked for and excluded; kept it")
    only = dedupe([f.value for f in by.get("platforms_only", [])])
    others = [p for p in names if p not in only]
    if only and others:
        d.conflicts.append(f"the brief says {_names(only)} only but also names {_names(others)}; "
                           "kept all of them")
    if not names and negated:
        names = [p for p in PLATFORMS if p not in negated]
        d.assumptions.append(f"any platform except {', '.join(sorted(negated))}")
        positive = by["platforms_negated"]
    if names:
        d.use("platforms", names, positive)


def _names(platforms: list[str]) -> str:
    return " and ".join(PLATFORM_NAMES.get(p, p) for p in platforms)


def _geo(d: Draft, by: dict[str, list[Finding]]) -> None:
    negated = dedupe([f.value for f in by.get("countries_negated", [])])
    for name in ("creator_countries", "audience_countries"):
        fs = by.get(name, [])
        codes = [c for c in dedupe([f.value for f in fs]) if c not in negated]
        removed = [c for c in negated if any(f.value == c for f in fs)]
        if removed:
            d.assumptions.append(f"{', '.join(removed)} left out of {name.replace('_', ' ')} as the brief excludes it")
        if codes:
            d.use(name, codes, fs)
        only = dedupe([f.value for f in by.get(f"{name}_only", [])])
        others = [c for c in codes if c not in only]
        if only and others:
            d.conflicts.append(f"the brief says only {', '.join(only)} but also names {', '.join(others)} "
                               f"({name.replace('_', ' ')}); kept all of them")
    if negated:
        # Both say the same thing: the country left the lists above and stands as an exclusion.
        d.use("exclude_countries", negated, by["countries_negated"])
    cities = by.get("creator_cities", [])
    if cities:
        d.use("creator_cities", dedupe([f.value for f in cities]), cities, notes=False)


def _followers(d: Draft, by: dict[str, list[Finding]]) -> None:
    fs = sorted(by.get("followers", []), key=lambda f: f.start)
    lows = [(f.value[0], f) for f in fs if f.value[0] is not None]
    highs = [(f.value[1], f) for f in fs if f.value[1] is not None]
    lo = min(lows, key=lambda x: x[0]) if lows else None
    hi = max(highs, key=lambda x: x[0]) if highs else None
    if len({v for v, _ in lows}) > 1 or len({v for v, _ in highs}) > 1:
        d.assumptions.append("several follower figures given; used the widest range they allow")
    if lo and hi and lo[0] > hi[0]:
        keep_lo = lo[1].start > hi[1].start
        d.conflicts.append(f"followers: at least {fmt_count(lo[0])} and at most {fmt_count(hi[0])} cannot both "
                           f"hold; kept the later one ({'at least ' + fmt_count(lo[0]) if keep_lo else 'at most ' + fmt_count(hi[0])})")
        lo, hi = (lo, None) if keep_lo else (None, hi)
    f_lo, f_hi = (lo[0] if lo else None), (hi[0] if hi else None)
    tier_fs = by.get("tiers", [])
    tiers = [t for t in TIERS if any(f.value == t for f in tier_fs)]
    if tiers:
        d.use("tiers", tiers, tier_fs)
        t_lo, t_hi, note = tiers_follower_range(tiers, d.values.get("platforms", []))
        clash = checks.tier_conflict(tiers, t_lo, t_hi, f_lo, f_hi)
        if clash:
            d.conflicts.append(clash)
        elif f_lo is None and f_hi is None:
            d.assumptions.append(note)
            d.use("followers_min", t_lo, tier_fs)
            if t_hi is not None:
                d.use("followers_max", t_hi, tier_fs)
        elif f_lo is None or (f_hi is None and t_hi is not None):
            d.assumptions.append(f"the open end of the follower range comes from the tier: {note}")
            if f_lo is None:
                f_lo = t_lo
                d.use("followers_min", t_lo, tier_fs, notes=False)
            else:
                f_hi = t_hi
                d.use("followers_max", t_hi, tier_fs, notes=False)
    if lo:
        d.use("followers_min", lo[0], [f for _, f in lows])
    if hi:
        d.use("followers_max", hi[0], [f for _, f in highs])


def _audience(d: Draft, by: dict[str, list[Finding]]) -> None:
    gs = by.get("gender", [])
    explicit = [f for f in gs if not f.inferred]
    pool = explicit or gs
    values = {f.value for f in pool} - {"any"}
    if any(f.value == "any" for f in explicit):
        values = set()
    if len(values) == 1:
        d.use("audience_gender", values.pop(), [f for f in pool if f.value != "any"])
    elif len(values) > 1 and explicit:
        d.conflicts.append("the brief asks for both a mostly female and a mostly male audience; gender left open")
    cg = by.get("creator_gender", [])
    genders = {f.value for f in cg}
    if len(genders) == 1:
        d.use("creator_gender", genders.pop(), cg)
        d.assumptions.append(CREATOR_GENDER_NOTE)
    elif len(genders) > 1:
        d.conflicts.append("the brief asks for both female and male creators; creator gender left open")
    ages = sorted(by.get("ages", []), key=lambda f: f.start)
    countries = d.values.get("creator_countries", []) + d.values.get("audience_countries", [])
    for f in ages:
        if f.value[0] == "LDA":
            lda = 21 if "US" in countries else 18
            f.value = (lda, f.value[1])
            f.note = f"legal drinking age read as {lda}" + (" (US)" if lda == 21 else " (21 in the US)")
    explicit_a = [f for f in ages if not f.inferred] or ages
    lows = [(f.value[0], f) for f in explicit_a if f.value[0] is not None]
    highs = [(f.value[1], f) for f in explicit_a if f.value[1] is not None]
    lo = min(lows, key=lambda x: x[0]) if lows else None
    hi = max(highs, key=lambda x: x[0]) if highs else None
    if lo and hi and lo[0] > hi[0]:
        keep_lo = lo[1].start > hi[1].start
        d.conflicts.append(f"audience ages: {lo[0]}+ and up to {hi[0]} cannot both hold; kept the later one")
        lo, hi = (lo, None) if keep_lo else (None, hi)
    if lo:
        d.use("audience_age_min", min(max(lo[0], 13), 100), [f for _, f in lows])
    if hi:
        d.use("audience_age_max", min(max(hi[0], 13), 100), [f for _, f in highs])


def _money(d: Draft, by: dict[str, list[Finding]], text: str) -> None:
    countries = d.values.get("creator_countries", []) + d.values.get("audience_countries", [])
    for name in ("budget", "max_price_per_post"):
        fs = by.get(name, [])
        if not fs:
            continue
        first = fs[0]
        code, note = resolve_currency(first.value[1], text, countries)
        if len({f.value for f in fs}) > 1:
            d.warnings.append(f"several amounts read as {name.replace('_', ' ')}; used the first")
        d.use(name, {"amount": float(first.value[0]), "currency": code}, [first])
        if note:
            d.assumptions.append(note)


def _counts(d: Draft, by: dict[str, list[Finding]]) -> None:
    fs = sorted(by.get("creators_count", []), key=lambda f: f.start)
    if fs:
        values = [f.value[0] for f in fs]
        platforms = [f.value[1] for f in fs]
        count, used = values[0], [fs[0]]
        distinct = set(values)
        if len(distinct) > 1:
            total = sum(values)
            if any(2 * v == total for v in values):
                count = max(values)
            elif total <= MAX_CREATORS and (len({f.sentence for f in fs}) == 1
                                            or (all(platforms) and len(set(platforms)) == len(platforms))):
                # "2 macro creators and 8 micro creators", "10 TikTokers and 5 YouTubers"
                count, used = total, fs
                d.assumptions.append(f"the creator counts in one breath ({' + '.join(map(str, values))}) "
                                     f"added up to {total}")
            else:
                d.conflicts.append(f"the brief asks for {' and '.join(str(v) for v in dict.fromkeys(values))} "
                                   f"creators; used {count}, the first")
        d.use("creators_count", count, used)


def _budget_check(d: Draft) -> None:
    budget, cap = d.values.get("budget"), d.values.get("max_price_per_post")
    d.conflicts.extend(checks.budget_conflicts(
        (budget["amount"], budget["currency"]) if budget else None,
        (cap["amount"], cap["currency"]) if cap else None,
        d.values.get("creators_count"), d.values.get("platforms", []), d.values.get("tiers", [])))
