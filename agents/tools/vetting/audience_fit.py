"""Audience fit: target countries, age range and gender of the creator's audience.

Shares compare against the brief's `audience_countries`, `audience_age_min/max` and
`audience_gender`. When the audience breakdown does not sum to 1, the missing part is
unknown, so each share is a range: lower bound (missing counted out) and upper bound
(missing counted in). A component passes on its lower bound and fails only when even
its upper bound is clearly off:

- countries: pass >= 40 %, fail < 10 % in the target countries, warn between;
- ages: pass >= 50 %, fail < 20 % within the age range, warn between;
- gender: pass >= 50 % (the brief's "majority" gender), fail < 25 %, warn between.

Ages use bucket overlap assuming ages are spread evenly inside a bucket: with a 21+
brief (a legal-drinking-age campaign, DESIGN 6 alcohol rule) the 18-24 bucket counts 4/7
(ages 21-24), not fully. "55+" is read as 55-74. DESIGN 6's alcohol threshold (>= 71.6 %
aged 21+) is not enforced here: alcohol-brand briefs are out of scope.

The verdict is the worst component; requested components the data lacks are named in
the summary; no audience data at all is insufficient data.
"""

from __future__ import annotations

from agents.shortlist import Evidence, Verdict, VettingResult
from agents.tools.vetting.base import VettingInput, metric, pct, result, worst
from retrieval.schema import Audience

TOOL = "audience_fit"

BUCKET_YEARS: dict[str, tuple[int, int]] = {
    "13-17": (13, 17), "18-24": (18, 24), "25-34": (25, 34),
    "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 74),
}
COUNTRY_PASS, COUNTRY_FAIL = 0.40, 0.10
AGE_PASS, AGE_FAIL = 0.50, 0.20
GENDER_PASS, GENDER_FAIL = 0.50, 0.25


def bucket_overlap(bucket: str, age_min: int | None, age_max: int | None) -> float:
    """Fraction of an age bucket inside [age_min, age_max] (uniform ages in a bucket)."""
    lo, hi = BUCKET_YEARS[bucket]
    a = max(lo, age_min if age_min is not None else 0)
    b = min(hi, age_max if age_max is not None else 200)
    return max(0, b - a + 1) / (hi - lo + 1)


def _bounds(part: float, total: float) -> tuple[float, float]:
    missing = max(0.0, 1.0 - total)
    return min(part, 1.0), min(part + missing, 1.0)


def _grade(low: float, high: float, pass_at: float, fail_below: float) -> Verdict:
    if low >= pass_at:
        return "pass"
    if high < fail_below:
        return "fail"
    return "warn"


def _range_text(low: float, high: float) -> str:
    return pct(low, 0) if abs(high - low) < 0.005 else f"{pct(low, 0)}–{pct(high, 0)}"


def check_audience_fit(inp: VettingInput) -> VettingResult:
    crit = inp.criteria
    aud: Audience | None = inp.creator.audience
    if aud is None or not (aud.countries or aud.ages or aud.genders):
        return result(TOOL, "insufficient_data", 0.2, "The creator's audience breakdown is unknown.")

    wants_ages = crit.audience_age_min is not None or crit.audience_age_max is not None
    if not (crit.audience_countries or wants_ages or crit.audience_gender):
        return result(TOOL, "pass", 0.5, "The brief sets no audience constraints.")

    verdicts: list[Verdict] = []
    notes: list[str] = []
    unknown: list[str] = []
    evidence: list[Evidence] = []

    if crit.audience_countries:
        if aud.countries:
            part = sum(aud.countries.get(c, 0.0) for c in crit.audience_countries)
            low, high = _bounds(part, sum(aud.countries.values()))
            v = _grade(low, high, COUNTRY_PASS, COUNTRY_FAIL)
            verdicts.append(v)
            target = "/".join(crit.audience_countries)
            notes.append(f"{_range_text(low, high)} of the audience in {target}")
            evidence.append(metric("audience_in_target_countries", low,
                                   f"sum of audience.countries[{target}]; upper bound {pct(high, 0)} with unknown share; pass >= 40%, fail < 10%"))
        else:
            unknown.append("countries")

    if wants_ages:
        if aud.ages:
            part = sum(share * bucket_overlap(b, crit.audience_age_min, crit.audience_age_max) for b, share in aud.ages.items())
            low, high = _bounds(part, sum(aud.ages.values()))
            v = _grade(low, high, AGE_PASS, AGE_FAIL)
            verdicts.append(v)
            span = f"{crit.audience_age_min or 13}-{crit.audience_age_max if crit.audience_age_max is not None else ''}".rstrip("-")
            if crit.audience_age_max is None:
                span = f"{crit.audience_age_min}+"
            partial = ""
            frac = bucket_overlap("18-24", crit.audience_age_min, crit.audience_age_max) if "18-24" in aud.ages else 0.0
            # Said only when the bucket is split: a 25+ brief leaves it out entirely.
            if 0 < frac < 1 and crit.audience_age_min is not None and crit.audience_age_min > 18:
                partial = f" (the 18-24 bucket counted {frac * 100:.0f}%: ages {crit.audience_age_min}-24 only)"
            notes.append(f"{_range_text(low, high)} aged {span}{partial}")
            evidence.append(metric("audience_in_age_range", low,
                                   f"age-bucket overlap with {span}, uniform ages within buckets, 55+ read as 55-74; pass >= 50%, fail < 20%"))
        else:
            unknown.append("ages")

    if crit.audience_gender:
        if aud.genders:
            part = aud.genders.get(crit.audience_gender, 0.0)
            low, high = _bounds(part, sum(aud.genders.values()))
            v = _grade(low, high, GENDER_PASS, GENDER_FAIL)
            verdicts.append(v)
            notes.append(f"{_range_text(low, high)} {crit.audience_gender}")
            evidence.append(metric("audience_gender_share", low,
                                   f"audience.genders[{crit.audience_gender}]; pass >= 50%, fail < 25%"))
        else:
            unknown.append("gender")

    if not verdicts:
        return result(TOOL, "insufficient_data", 0.25,
                      f"The brief asks about audience {', '.join(unknown)}, which the creator's data does not give.")
    verdict = worst(verdicts)
    tail = f"; unknown: {', '.join(unknown)}" if unknown else ""
    confidence = 0.75 * len(verdicts) / (len(verdicts) + len(unknown))
    label = {"pass": "Audience fits", "warn": "Audience partly fits", "fail": "Audience is off target"}[verdict]
    return result(TOOL, verdict, confidence, f"{label}: {'; '.join(notes)}{tail}.", evidence)
