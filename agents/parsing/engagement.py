"""Engagement floors: "at least 3% engagement", "min 2.5% ER", "ER above 4%", "3 percent or more".

Stored as a fraction (0.03 is 3 %, DESIGN 5.3). A ceiling ("ER below 10%") has no field;
it is reported as a warning, not silently dropped.
"""

from __future__ import annotations

import re

from agents.parsing.numbers import NUM, parse_number
from agents.parsing.text import Brief, Finding

_PCT_WORD = r"(?:%|\s?(?:percent|per\s+cent|pct|prozent|por\s+ciento|pour\s+cent)\b)"
_PCT = re.compile(
    rf"(?<![\w.,])(?P<a>{NUM})(?:\s?%?\s*(?:-|to|bis|a|à)\s*(?P<b>{NUM}))?\s?{_PCT_WORD}(?P<plus>\+)?"
    r"(?:\s+(?P<trail>or\s+(?:more|higher|above|better)|and\s+(?:up|above|over)|minimum|min\.?|"
    r"or\s+(?:less|lower)|max(?:imum)?\.?|und\s+mehr|o\s+más|ou\s+plus)\b)?",
    re.IGNORECASE,
)
_ER = re.compile(
    r"\b(?:engag\w{0,3}ment(?:[- ]?rates?)?|eng\.?\s*rate|interaction\s+rate|interaktionsrate|"
    r"tasa\s+de\s+(?:engagement|interacci[oó]n)|taux\s+d'engagement|engagement-rate)\b|\bERs?\b",
)
_ER_CI = re.compile(_ER.pattern.replace(r"|\bERs?\b", ""), re.IGNORECASE)
_MAX_CUE = re.compile(
    r"(?:under|below|less\s+than|lower\s+than|max(?:imum)?|at\s+most|up\s+to|no\s+more\s+than|not\s+above|"
    r"unter|höchstens|menos\s+de|moins\s+de|<=?)\s*(?:of\s+)?$",
    re.IGNORECASE,
)
_MAX_TRAIL = re.compile(r"or\s+(?:less|lower)|max", re.IGNORECASE)


def _er_near(brief: Brief, start: int, end: int) -> tuple[int, int] | None:
    """Span of an engagement word in the same clause, shortly before or after the figure."""
    s0, s1 = brief.sentence(start)
    lo, hi = max(s0, start - 45), min(s1, end + 40)
    best: tuple[int, int] | None = None
    for rx in (_ER, _ER_CI):
        for m in rx.finditer(brief.text, lo, hi):
            between = brief.text[m.end():start] if m.end() <= start else brief.text[end:m.start()]
            if re.search(r"\d", between):
                continue
            if best is None or abs(m.start() - start) < abs(best[0] - start):
                best = m.span()
    return best


def extract_engagement(brief: Brief) -> tuple[list[Finding], list[str]]:
    found: list[Finding] = []
    warnings: list[str] = []
    for m in _PCT.finditer(brief.text):
        if not brief.is_free(m.start(), m.end()):
            continue
        er = _er_near(brief, m.start(), m.end())
        if er is None:
            continue
        value = parse_number(m["a"])
        left = brief.text[er[1]:m.start()] if er[1] <= m.start() else brief.left(m.start(), 25)
        is_max = bool(_MAX_CUE.search(left)) or bool(m["trail"] and _MAX_TRAIL.match(m["trail"]))
        span = (min(er[0], m.start()), max(er[1], m.end()))
        if is_max and not m["b"]:
            warnings.append(f"an engagement ceiling ('{brief.text[span[0]:span[1]]}') is not a supported "
                            "filter; only a floor is used")
            brief.consume(*span)
            continue
        if not 0 < value <= 100:
            warnings.append(f"engagement rate {value:g}% is out of range and was ignored")
            brief.consume(*span)
            continue
        brief.consume(*span)
        note = ""
        if m["b"]:
            note = f"the engagement range {m['a']}–{m['b']}% read as a floor of {m['a']}%"
        found.append(Finding("min_engagement_rate", round(value / 100, 6), span[0], span[1], note=note))
    return found, warnings
