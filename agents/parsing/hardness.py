"""Hard vs soft: numbers, platforms, countries and exclusions are hard unless the brief softens them.

"ideally", "preferably", "bonus if", "nice to have" soften what follows (to the end of the
clause); "preferred", "is a plus", "would be nice", "(optional)" soften what precedes. A
list continues the softness of its first item ("ideally Instagram, TikTok and YouTube").
Inferred values (moms → female) are always soft.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding, list_connected

# Fields that are constraints by default (DESIGN 5.3 `hard`); topics and formats rank.
HARD_BY_DEFAULT: tuple[str, ...] = (
    "platforms", "followers_min", "followers_max", "tiers", "creator_countries", "audience_countries",
    "languages", "audience_gender", "audience_age_min", "audience_age_max", "min_engagement_rate",
    "budget", "max_price_per_post", "formats", "exclude_topics", "exclude_brands", "exclude_handles",
    "exclude_keywords", "exclude_countries", "creator_gender", "creator_cities",
)

_LEADING = re.compile(
    r"\b(?:ideally|preferabl[ey]|preferred(?=\s*:)|if\s+possible|where\s+possible|optionally|bonus(?:\s+points)?\s+if|"
    r"bonus\s*:|(?:a\s+)?plus\s+if|nice[\s-]to[\s-]have\s*:|(?:it\s+)?would\s+be\s+(?:nice|great|good)\s+(?:if|to)|"
    r"even\s+better\s+if|we(?:'d|\s+would)?\s+prefer|prefer(?:ably)?|ideal(?:ly)?\s+(?:would\s+be|is)|"
    r"not\s+(?:a\s+)?must(?:\s+but)?|doesn'?t\s+have\s+to\s+be|idealerweise|vorzugsweise|am\s+liebsten|"
    r"idealmente|preferiblemente|de\s+preferencia|preferentemente|id[ée]alement|de\s+pr[ée]f[ée]rence|si\s+possible)"
    r"(?!\w)",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\bpreferred|\bpreferable|\b(?:is|are|would\s+be)\s+(?:a\s+)?(?:plus|bonus)|\ba\s+(?:plus|bonus)|"
    r"\bwould\s+be\s+(?:nice|great|good|ideal)|\bnice[\s-]to[\s-]have|\bif\s+possible|\bwhere\s+possible|"
    r"\boptional|\bnot\s+required|\bnot\s+a\s+must|\bnot\s+mandatory|\bbevorzugt|\bwünschenswert|"
    r"\bdeseable|\bsouhait[ée]e?s?|\bde\s+pr[ée]f[ée]rence|\bsi\s+possible)\b",
    re.IGNORECASE,
)
_SCOPE_END = re.compile(r"[.;!?\n()]|,\s|\s-\s|\bbut\b|\bmust\b|\brequired\b", re.IGNORECASE)


def soft_scopes(brief: Brief) -> list[tuple[int, int]]:
    """Character ranges of the brief that are softened."""
    text = brief.text
    scopes: list[tuple[int, int]] = []
    for m in _LEADING.finditer(text):
        pos = m.end()
        skip = re.match(r"\s*[,:]\s*", text[pos:pos + 5])  # "If possible, in Germany"
        if skip:
            pos += skip.end()
        end = _SCOPE_END.search(text, pos)
        scopes.append((m.start(), end.start() if end else len(text)))
    for m in _TRAILING.finditer(text):
        if any(s < m.start() < e for s, e in scopes) or text[m.end():m.end() + 3].lstrip().startswith(":"):
            continue  # inside a leading scope, or itself leading ("nice to have: ...")
        left = text[:m.start()]
        # "(preferred)" / "(nice to have)": the parenthesis qualifies what stands before it.
        inner = left.rstrip()
        if inner.endswith("("):
            left = inner[:-1]
        cuts = list(re.finditer(r"[.;!?\n(]|,\s|\s-\s|\bbut\b", left, re.IGNORECASE))
        start = cuts[-1].end() if cuts else 0
        scopes.append((start, m.end()))
    return scopes


def mark_soft(brief: Brief, findings: list[Finding]) -> None:
    """Set `soft` on findings said inside a softened range (or listed after a soft one)."""
    scopes = soft_scopes(brief)
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    last_by_field: dict[str, Finding] = {}
    for f in ordered:
        f.soft = f.inferred or any(s <= f.start < e for s, e in scopes)
        prev = last_by_field.get(f.field)
        if not f.soft and prev is not None and prev.soft and not prev.inferred \
                and list_connected(brief.text, prev.end, f.start):
            f.soft = True
        last_by_field[f.field] = f


def hard_fields(present: dict[str, list[Finding]]) -> list[str]:
    """Fields (in contract order) with at least one finding said as a requirement."""
    return [name for name in HARD_BY_DEFAULT if any(not f.soft for f in present.get(name, []))]
