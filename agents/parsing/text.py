"""Text plumbing shared by the extractors: normalisation, the consumed-span mask, findings.

Every extractor reads the same normalised text and *consumes* the spans it understood,
so later extractors (and finally the topic extractor, which keeps whatever is left) never
read the same words twice. Positions always refer to `Brief.text`; nothing here lowers
the text as a whole, because `str.lower()` may change lengths and shift positions.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from babel.numbers import get_currency_symbol

# A brief is user input of any size; past this it is cut (with a warning) so parsing
# stays fast and bounded. The contract only promises up to 20,000 characters.
MAX_CHARS = 50_000

_TRANSLATE = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ", "\r": "\n",
    "\u2264": "<", "\u2265": ">",  # kept as bound words: "≤ 50k" → "< 50k"
})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def normalize(text: str) -> str:
    """NFKC (full-width digits, ligatures), one dash, one apostrophe, no control characters."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRANSLATE)
    return _CONTROL.sub(" ", text)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive key for gazetteer look-ups ("Zürich" → "zurich")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Sentence-level boundaries: a period only when it ends a sentence (not "1.5" or "e.l.f").
# Abbreviations whose period does not end a sentence ("Dr. Martens", "e.g. Glossier").
_ABBREVIATIONS = frozenset("dr mr ms mrs st vs e.g i.e ca approx incl min max mind tsd no nr".split())
_SENTENCE_MARK = re.compile(r"[;!?\n]|\.(?=\s|$)")
_CLAUSE_MARK = re.compile(r"[;!?\n,()\[\]]|\.(?=\s|$)|\s-\s|:\s")
_LAST_WORD = re.compile(r"[\w.]+$")


def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    ends = []
    for m in pattern.finditer(text):
        if m.group(0) == ".":
            word = _LAST_WORD.search(text, max(0, m.start() - 8), m.start())
            if word and word.group(0).lower() in _ABBREVIATIONS:
                continue
        ends.append(m.start())
    return ends


@dataclass
class Finding:
    """One understood piece of the brief, tied to where it was said."""

    field: str
    value: Any
    start: int
    end: int
    inferred: bool = False  # True when read between the lines (e.g. "moms" → female)
    note: str = ""  # assumption sentence, if any
    soft: bool = False  # set by hardness.mark_soft
    sentence: int = -1  # start of the sentence it was said in, where an extractor needs it

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Brief:
    """The normalised brief plus the mask of spans already consumed by an extractor."""

    text: str
    mask: bytearray = field(init=False)
    sentence_ends: list[int] = field(init=False)
    clause_ends: list[int] = field(init=False)
    mil: float = field(init=False)

    def __post_init__(self) -> None:
        from agents.parsing.numbers import mil_value

        self.mask = bytearray(len(self.text))
        self.mil = mil_value(self.text)  # what "mil" multiplies by in this brief
        self.sentence_ends = _ends(_SENTENCE_MARK, self.text)
        self.clause_ends = _ends(_CLAUSE_MARK, self.text)

    def is_free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) == -1

    def consume(self, start: int, end: int) -> None:
        if end > start:
            self.mask[start:end] = b"\x01" * (end - start)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Bounds of the sentence (or ';'-clause) holding `pos`."""
        return _bounds(self.sentence_ends, pos, len(self.text))

    def clause(self, pos: int) -> tuple[int, int]:
        """Bounds of the comma-level clause holding `pos`."""
        return _bounds(self.clause_ends, pos, len(self.text))

    def left(self, pos: int, chars: int = 60, clause: bool = False) -> str:
        """Text before `pos`, not crossing a sentence (or clause) boundary."""
        start = (self.clause(pos) if clause else self.sentence(pos))[0]
        return self.text[max(start, pos - chars):pos]

    def right(self, pos: int, chars: int = 60, clause: bool = False) -> str:
        """Text from `pos`, not crossing a sentence (or clause) boundary."""
        end = (self.clause(pos) if clause else self.sentence(pos))[1]
        return self.text[pos:min(end, pos + chars)]

    def residual(self) -> str:
        """The text with every consumed character replaced by a boundary mark."""
        parts, pos = [], 0
        for m in re.finditer(b"\x01+", self.mask):
            parts.append(self.text[pos:m.start()])
            parts.append("\x00" * (m.end() - m.start()))
            pos = m.end()
        parts.append(self.text[pos:])
        return "".join(parts)


def _bounds(ends: list[int], pos: int, size: int) -> tuple[int, int]:
    i = bisect_right(ends, pos - 1)
    start = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, pos)
    end = ends[j] if j < len(ends) else size
    return start, end


# Words that join list items: "Instagram, TikTok and YouTube", "DE/AT/CH", "Shein or Temu".
LIST_GAP = re.compile(
    r"\s*(?:,|/|&|\+|\|)?\s*(?:(?:and|or|and/or|nor|as well as|plus|und|oder|y|o|e|et|ou)\s+)?"
    r"(?:(?:also|maybe|possibly|perhaps|even|on|in|the|en|au|aux|à|im|nach|la|le|les)\s+)?",
    re.IGNORECASE,
)


def list_connected(text: str, end: int, start: int) -> bool:
    """True when only list glue stands between two mentions."""
    if start < end:
        return False
    m = LIST_GAP.fullmatch(text, end, start)
    return m is not None


def dedupe(items: list[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def fmt_count(n: float) -> str:
    """Human follower figure for assumption sentences: 5000 → '5k', 1200000 → '1.2M'."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g}M"
    if n >= 1_000:
        return f"{n / 1_000:g}k"
    return f"{n:g}"


def fmt_money(amount: float, currency: str) -> str:
    """ "$15,000", "€200", "CHF 9,000", "CA$50": CLDR's English symbol, unambiguous per currency."""
    try:
        symbol = get_currency_symbol(currency, locale="en")
    except (ValueError, TypeError):
        symbol = currency
    figure = f"{amount:,.0f}" if amount >= 100 else f"{amount:g}"
    return f"{symbol}{' ' if symbol[-1:].isalpha() else ''}{figure}"
