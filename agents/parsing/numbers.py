"""Numbers as people write them in briefs: 10k, 10,000, 10.000, 1,5 Mio, 250 thousand, twenty.

The regex fragments here are shared by the follower, money, count, age and engagement
extractors; they contain no capturing groups so they can be embedded anywhere.
"""

from __future__ import annotations

import re

# Magnitude words and suffixes, longest first. "mil" is the Spanish/Portuguese thousand
# ("R$10 mil", "10 mil seguidores"); "Mio."/"Tsd." German; lakh/crore Indian.
_MULT_WORDS: tuple[tuple[str, float], ...] = (
    ("thousands", 1e3), ("thousand", 1e3), ("tausend", 1e3), ("tsd.", 1e3), ("tsd", 1e3),
    ("mille", 1e3), ("mil", 1e3), ("k", 1e3),
    ("millionen", 1e6), ("millones", 1e6), ("milhões", 1e6), ("milhão", 1e6), ("milhoes", 1e6), ("milhao", 1e6),
    ("milioni", 1e6), ("milione", 1e6), ("miljoen", 1e6), ("万", 1e4), ("millions", 1e6), ("million", 1e6),
    ("millón", 1e6), ("millon", 1e6), ("mill.", 1e6), ("mio.", 1e6), ("mio", 1e6),
    ("mn", 1e6), ("mm", 1e6), ("m", 1e6),
    ("billions", 1e9), ("billion", 1e9), ("mrd.", 1e9), ("mrd", 1e9), ("bn", 1e9), ("b", 1e9),
    ("lakhs", 1e5), ("lakh", 1e5), ("lacs", 1e5), ("lac", 1e5),
    ("crores", 1e7), ("crore", 1e7), ("cr", 1e7),
)
MULTIPLIERS: dict[str, float] = dict(_MULT_WORDS)
# A magnitude right after the number (one optional space), not the start of a longer
# word: "10k", "10 K", "1,5 Mio", but not "10 must" or "3 months".
MULT = r"(?: ?(?i:" + "|".join(re.escape(w) for w, _ in _MULT_WORDS if w != "万") + r")(?![\w])|万)"

# One number: Indian grouping (5,00,000), grouped thousands with one separator kind
# ("10,000", "10.000", "8'000", "10 000"), or a plain/decimal number ("1.5", "1,5").
# Space-grouped thousands never take a magnitude, so "20 100k" stays 20 and 100k.
NUM = (
    r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?!\d)"
    r"|\d{1,3}(?:[.,'](?=\d{3}(?!\d))\d{3})+(?:[.,]\d{1,2}(?!\d))?"
    r"|\d{1,3}(?: \d{3})+(?![\d.,]?\d)(?!" + MULT + r")"
    r"|\d+(?:[.,]\d+)?)"
)

QUANTITY = re.compile(rf"(?P<num>{NUM})(?P<mult>{MULT})?")

_INDIAN = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}")


def parse_number(raw: str, has_multiplier: bool = False) -> float:
    """Read one number token; one separator followed by three digits is a thousands mark
    ("10.000", "10,000") unless a magnitude follows ("1.500 Mio" is 1.5 million)."""
    s = raw.strip()
    if _INDIAN.fullmatch(s):
        return float(s.replace(",", ""))
    s = s.replace("'", "").replace(" ", "")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif dots or commas:
        sep = "." if dots else ","
        parts = s.split(sep)
        if len(parts) > 2 or (len(parts[1]) == 3 and not has_multiplier):
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    return float(s)


def multiplier(word: str | None, mil: float = 1e3) -> float:
    """Value of a magnitude word; `mil` is 1e3 in Spanish/Portuguese, 1e6 in English slang."""
    if not word:
        return 1.0
    key = word.strip().lower()
    return mil if key == "mil" else MULTIPLIERS.get(key, 1.0)


def quantity_value(num: str, mult: str | None, mil: float = 1e3) -> float:
    return parse_number(num, bool(mult)) * multiplier(mult, mil)


def range_values(a: str, am: str | None, b: str, bm: str | None, mil: float = 1e3) -> tuple[float, float]:
    """Both ends of "5-15k", "10k-80k", "250 thousand and 1.2 million".

    A magnitude written only on the upper end applies to both ("5-15k" is 5k-15k),
    unless that would put the lower end above the upper one ("500-1M" reads 500k-1M).
    """
    hi = quantity_value(b, bm, mil)
    if am:
        return quantity_value(a, am, mil), hi
    lo_raw = parse_number(a)
    if bm:
        scaled = lo_raw * multiplier(bm, mil)
        if scaled <= hi:
            return scaled, hi
        if lo_raw * 1e3 <= hi:
            return lo_raw * 1e3, hi
    return lo_raw, hi


# "mil" is a thousand in Spanish and Portuguese ("10 mil seguidores", "R$10 mil") and a
# million in English slang ("1 mil followers"): the brief's language decides.
_ROMANCE_STRONG = re.compile(r"\b(?:seguidores|suscriptores|presupuesto|orçamento|reais|pesos|milh[ãa]o|milh[õo]es|"
                             r"millones|d[oó]lares|criadores|creadores)\b", re.IGNORECASE)
_ROMANCE_WEAK = re.compile(r"\b(?:de|del|los|las|con|para|em|com|até|entre|una|uma)\b", re.IGNORECASE)


def mil_value(text: str) -> float:
    if _ROMANCE_STRONG.search(text):
        return 1e3
    return 1e3 if len({m.group(0).lower() for m in _ROMANCE_WEAK.finditer(text)}) >= 2 else 1e6


# Spelled-out numbers (English to ninety-nine, plus the few that DE/ES/FR briefs use for
# creator counts). Values are ints; "a dozen" is 12.
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
WORD_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_NUMBERS.update(_TENS)
for _t, _tv in _TENS.items():
    for _u in range(1, 10):
        WORD_NUMBERS[f"{_t}-{_UNITS[_u]}"] = _tv + _u
        WORD_NUMBERS[f"{_t} {_UNITS[_u]}"] = _tv + _u
WORD_NUMBERS.update({
    "a dozen": 12, "dozen": 12, "half a dozen": 6, "a couple of": 2, "a couple": 2,
    "a handful of": 5, "a handful": 5, "a hundred": 100, "one hundred": 100,
    # German / Spanish / French, the counts briefs actually use
    "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
    "fünfzig": 50, "ein dutzend": 12, "dutzend": 12,
    "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "una docena": 12,
    "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "une douzaine": 12, "une dizaine": 10, "une vingtaine": 20,
})
# Compact pattern (tens + optional unit, then the rest longest first): a flat alternation
# of every entry would be tried at every position of the brief and is several times slower.
_TENS_RX = "(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_UNITS[9:0:-1]) + "))?"
_REST = sorted((w for w in WORD_NUMBERS if not any(w.startswith(t) for t in _TENS)), key=len, reverse=True)
WORD_NUM = r"(?:" + _TENS_RX + "|" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _REST) + r")"


def word_number(text: str) -> int | None:
    key = re.sub(r"\s+", " ", text.strip().lower())
    return WORD_NUMBERS.get(key, WORD_NUMBERS.get(key.replace(" ", "-")))


def to_int_or_word(text: str) -> int | None:
    """A small count written as digits or words ("30", "twenty", "a dozen")."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return word_number(text)
