"""Numbers and quotes cited in explanation prose, with the precision they were written at.

Faithfulness checks a cited number against stored data "within rounding": "15.3k"
supports any stored value that rounds or truncates to 15.3 thousand, so each cited number
carries the step of its last written digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MULTIPLIERS = {
    "k": 1e3, "K": 1e3, "thousand": 1e3,
    "m": 1e6, "M": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "billion": 1e9,
    "%": 0.01, "percent": 0.01, "per cent": 0.01,
}

# A number with optional thousands separators and decimals, then an optional unit.
# The look-behind keeps digits inside handles, hashtags, words and ids out ("jane99",
# "#top10", "p12"); the look-ahead rejects ordinals and glued words ("3rd", "4x").
_NUMBER = re.compile(
    r"(?<![\w@#./-])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<unit>%|percent\b|per cent\b|thousand\b|million\b|billion\b|mn\b|bn\b|[kKmMbB](?![A-Za-z])))?"
    r"(?![A-Za-z\d])"
)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
_RANGE = re.compile(r"(\d\s?(?:%|[kKmM])?)\s?[-–]\s?(?=\d)")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{8,}?)[\"“”„«»]")


@dataclass(frozen=True)
class CitedNumber:
    text: str
    value: float
    step: float  # the value of one unit in the last written digit

    def supported_by(self, fact: float) -> bool:
        """True when `fact`, rounded or truncated to the written precision, gives this number.

        Rounding allows [v - step/2, v + step/2]; truncation allows [v, v + step); their
        union is [v - step/2, v + step). A tiny epsilon absorbs float noise.
        """
        eps = 1e-9 * max(1.0, abs(fact))
        return self.value - self.step / 2 - eps <= fact < self.value + self.step + eps


def _is_year(num: str, unit: str | None) -> bool:
    return unit is None and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100


def strip_quotes(text: str) -> tuple[str, list[str]]:
    """Remove quoted passages (checked separately as verbatim quotes) and return them."""
    quotes = [m.group(1).strip() for m in _QUOTE.finditer(text)]
    return _QUOTE.sub(" ", text), quotes


def cited_numbers(text: str, min_bare_integer: int = 10) -> list[CitedNumber]:
    """Numbers a reader would take as claims about the creator.

    Skipped, because they are not checkable facts: dates and times, years, and bare
    integers below `min_bare_integer` with no unit (list positions, "one of 3 posts" in
    loose prose). Quoted passages are removed first; see `strip_quotes`.
    """
    text = _DATE.sub(" ", text)
    text = _TIME.sub(" ", text)
    text = _RANGE.sub(r"\1 to ", text)  # "10k-100k": keep the upper bound a number of its own
    found: list[CitedNumber] = []
    for m in _NUMBER.finditer(text):
        raw, unit = m.group("num"), m.group("unit")
        if _is_year(raw, unit):
            continue
        digits = raw.replace(",", "")
        value = float(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        if unit is None and decimals == 0 and value < min_bare_integer:
            continue
        mult = _MULTIPLIERS.get(unit.strip() if unit else "", 1.0) if unit else 1.0
        found.append(CitedNumber(text=m.group(0).strip(), value=value * mult, step=(10.0 ** -decimals) * mult))
    return found
