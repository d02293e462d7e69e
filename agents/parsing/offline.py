"""The offline brief parser: rules and gazetteers, no network, no model (DESIGN 2, "Parse").

`parse_offline(brief)` runs the extractors in a fixed order over one normalised text.
Each consumes what it understood, so the order settles who owns ambiguous words:
handles and brands first (a brand may look like a platform: "Red Bull"), then money
(so "$500" is never a follower count), engagement percentages, creator counts, audience
ages, follower figures, safety exclusions, tiers, formats, platforms, languages, places,
other negated phrases ("no crypto": exclude_keywords), and finally topics from whatever is left.
"""

from __future__ import annotations

from pydantic import ValidationError

from agents.criteria import CampaignCriteria, ParseResult
from agents.parsing.assemble import assemble
from agents.parsing.audience import extract_audience
from agents.parsing.counts import extract_counts
from agents.parsing.engagement import extract_engagement
from agents.parsing.exclusions import extract_brands, extract_handles
from agents.parsing.followers import extract_followers
from agents.parsing.formats import extract_formats
from agents.parsing.geo import extract_geo
from agents.parsing.hardness import mark_soft
from agents.parsing.languages import extract_languages
from agents.parsing.money import extract_money
from agents.parsing.platforms import extract_platforms
from agents.parsing.safety import extract_other_exclusions, extract_safety
from agents.parsing.text import MAX_CHARS, Brief, Finding, normalize
from agents.parsing.tiers import extract_tiers
from agents.parsing.topics import extract_topics

EMPTY_WARNING = "the brief is empty: nothing to parse, no criteria set"


def parse_offline(brief: str) -> ParseResult:
    """Parse a plain-English (or German/Spanish/French) brief into CampaignCriteria."""
    warnings: list[str] = []
    text = normalize(brief if isinstance(brief, str) else str(brief))
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", MAX_CHARS - 200, MAX_CHARS)
        text = text[:cut if cut > 0 else MAX_CHARS]
        warnings.append(f"the brief was cut to its first {MAX_CHARS:,} characters")
    if not text.strip():
        return ParseResult(criteria=CampaignCriteria(), parser="offline", warnings=[EMPTY_WARNING])
    b = Brief(text)
    findings: list[Finding] = []

    def run(result: list[Finding] | tuple[list[Finding], list[str]]) -> None:
        if isinstance(result, tuple):
            findings.extend(result[0])
            warnings.extend(result[1])
        else:
            findings.extend(result)

    run(extract_handles(b))
    run(extract_brands(b))
    run(extract_money(b))
    run(extract_engagement(b))
    run(extract_counts(b))
    run(extract_audience(b))
    run(extract_followers(b))
    safety = extract_safety(b)
    run(safety)
    run(extract_tiers(b))
    run(extract_formats(b))
    run(extract_platforms(b))
    run(extract_languages(b))
    geo, geo_notes = extract_geo(b)
    findings.extend(geo)
    run(extract_other_exclusions(b, safety))  # last, so platforms and places stay theirs
    run(extract_topics(b))
    mark_soft(b, findings)

    draft = assemble(findings, text)
    warnings.extend(draft.warnings)
    values = dict(draft.values)
    values["assumptions"] = geo_notes + draft.assumptions
    values["conflicts"] = draft.conflicts
    return ParseResult(criteria=_validated(values, warnings), parser="offline", warnings=_dedupe(warnings))


def _validated(values: dict[str, object], warnings: list[str]) -> CampaignCriteria:
    """Build the model; a field that still fails validation is dropped with a warning."""
    values = {k: v for k, v in values.items() if v is not None}
    for _ in range(len(values) + 1):
        try:
            return CampaignCriteria(**values)
        except ValidationError as exc:
            bad = {str(err["loc"][0]) for err in exc.errors() if err.get("loc")}
            if not bad or not bad & set(values):
                break
            for name in bad & set(values):
                warnings.append(f"'{name}' could not be used ({values.pop(name)!r}) and was left out")
            if "hard" in values:
                values["hard"] = [h for h in values["hard"] if h in values]  # type: ignore[union-attr]
    return CampaignCriteria(assumptions=["the parser could not build criteria from this brief"])


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
