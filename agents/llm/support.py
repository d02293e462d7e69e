"""Does the brief's own text support a value? The test the merge applies to every model value.

A number is supported when the brief writes it (15k, 15,000 and 1.5% count as written); a
place when the brief names it, a city of it or its code (not a language's name); a
platform, tier, language, brand or safety category when a word for it is in the brief; a
topic when its words are in the brief and one of them is not spent on another field; a
format only when the offline reading has it; an excluded handle only when the brief writes
it with "@"; an excluded keyword or country only when an avoidance word stands before it; a
creator city when the brief names that city; a creator gender when the brief asks for
creators of it ("female creators", "only women"). Support is deliberately literal: a small model's
inferences ("Gen Z skincare" → Instagram, "₹5 lakh" → 5,000,000) are exactly what it gets wrong.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from babel import Locale

from agents.llm.explainer import numbers_in
from agents.parsing import platforms as platform_words
from agents.parsing import safety as safety_words
from agents.parsing.geo_data import EXACT, FIRST_WORDS, ISO_CODES, LOOKUP, Place, city_name, key_of
from agents.parsing.languages import LANGUAGES
from agents.parsing.stopwords import STOPWORDS
from agents.parsing.text import fold

_WORD = re.compile(r"[^\W\d_]+")
_CURRENCY_MARKS: dict[str, tuple[str, ...]] = {
    "USD": ("$", "usd", "dollar"), "EUR": ("€", "eur", "euro"), "GBP": ("£", "gbp", "pound", "quid"),
    "INR": ("₹", "inr", "rupee", "lakh", "crore"), "JPY": ("¥", "jpy", "yen"), "CNY": ("¥", "cny", "rmb", "yuan"),
    "CHF": ("chf", "franc"), "CAD": ("cad", "c$"), "AUD": ("aud", "a$"), "BRL": ("r$", "brl", "real"),
    "SEK": ("sek", "kr"), "NOK": ("nok", "kr"), "DKK": ("dkk", "kr"), "PLN": ("pln", "zł", "zloty"),
    "MXN": ("mxn", "peso"), "KRW": ("₩", "krw", "won"), "SGD": ("sgd", "s$"), "AED": ("aed", "dirham"),
    "NZD": ("nzd", "nz$"),
}
_GENDER = {
    "female": re.compile(r"\b(?:women|woman|female|females|girls?|moms?|mums?|mothers?|ladies|her)\b", re.I),
    "male": re.compile(r"\b(?:men|man|male|males|guys?|dads?|fathers?|boys?|gentlemen)\b", re.I),
}
_F = r"women|woman|female|females|girls|ladies|weibliche\w*|mujeres|femmes|f[ée]minines?"
_M = r"men|man|male|males|guys|boys|männliche\w*|hombres|hommes|masculin\w*"
_CREATOR = r"creators?|influencers?|bloggers?|vloggers?|youtubers?|tiktokers?|streamers?|athletes?|hosts?|creadore?s|cr[ée]ateurs"
_CREATOR_GENDER = {
    g: re.compile(rf"\b(?:{w})(?:[\s-]+[^\W\d_][\w'-]*){{0,2}}?[\s-]+(?:{_CREATOR})\b|"
                  rf"\b(?:{_CREATOR})\s+(?:{w})\b|\b(?:only|just|exclusively)\s+(?:{w})\b|\b(?:{w})\s+only\b" +
                  (r"|\b(?:cr[ée]atrices|influenceuses|creadoras|influencerinnen|creatorinnen|bloggerinnen)\b" if g == "female" else ""),
                  re.IGNORECASE)
    for g, w in (("female", _F), ("male", _M))
}
# Avoidance words, the offline safety reader's plus "except"-type words.
_AVOID = re.compile(rf"(?:{safety_words._NEG.pattern})|\b(?:except|excluding|outside|other\s+than|außer|excepto|salvo|"
                    rf"fuera\s+de|sauf|hors)\b", re.IGNORECASE)
_TIER_WORDS = {"nano": r"nano", "micro": r"micro", "mid": r"mid[\s-]?(?:tier|size|sized|level)?|medium", "macro": r"macro",
               "mega": r"mega|celebrit(?:y|ies)"}
_ENGLISH = Locale("en")


class BriefText:
    """A brief, with the lookups the support checks need computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()

    @cached_property
    def numbers(self) -> list[float]:
        return [n.value for n in numbers_in(self.text)]

    @cached_property
    def percents(self) -> list[float]:
        return [n.value / 100 for n in numbers_in(self.text) if n.percent]

    @cached_property
    def words(self) -> set[str]:
        return {fold(w) for w in _WORD.findall(self.text)}

    @cached_property
    def _named_places(self) -> list[Place]:
        words = _WORD.findall(self.text)
        found: list[Place] = []
        for i in range(len(words)):
            longest = FIRST_WORDS.get(fold(words[i]), 0)
            for n in range(1, longest + 1):
                if n == 1 and fold(words[i]) in LANGUAGES:
                    # "english speaking", "Dutch or French content": a language's name is not a
                    # place (recorded: GB for "english speaking"); the offline parser reads it.
                    continue
                found += LOOKUP.get(key_of(words[i:i + n]), [])
        for name, place in EXACT.items():
            if re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", self.text):
                found.append(place)
        return found

    @cached_property
    def cities(self) -> set[str]:
        """English names (creator_cities spelling) of the cities the brief names."""
        return {p.city for p in self._named_places if p.kind == "city" and p.city}

    @cached_property
    def places(self) -> set[str]:
        """ISO codes of every country, city, state or region the brief names, and codes it writes."""
        codes: set[str] = set()
        for place in self._named_places:
            codes.update(place.codes)
        codes.update(w for w in re.findall(r"\b[A-Z]{2}\b", self.text) if w in ISO_CODES)
        if re.search(r"\bUK\b", self.text):
            codes.add("GB")
        return codes

    @cached_property
    def platforms(self) -> set[str]:
        found = set()
        for match in platform_words._PLATFORM.finditer(self.text):  # the offline parser's own word list
            found.add(platform_words._PATTERNS[int((match.lastgroup or "p0")[1:])][1])
        return found

    @cached_property
    def safety(self) -> set[str]:
        return {safety_words._category(m.group(0)) for m in safety_words._TERM.finditer(self.text)}

    def has_number(self, value: float) -> bool:
        return any(abs(value - n) <= max(0.5, abs(n) * 0.005) for n in self.numbers)

    def has_rate(self, value: float) -> bool:
        return any(abs(value - p) <= 0.0005 for p in self.percents)

    def has_currency(self, code: str) -> bool:
        return any(mark in self.lower for mark in _CURRENCY_MARKS.get(code, (code.lower(),)))

    def has_language(self, code: str) -> bool:
        names = {name for name, c in LANGUAGES.items() if c == code}
        english = _ENGLISH.languages.get(code)
        if english:
            names.add(english.lower())
        return any(re.search(rf"\b{re.escape(n)}\b", self.lower) for n in names)

    def has_phrase(self, phrase: str) -> bool:
        """Every word of the phrase is a word of the brief (plurals and accents aside)."""
        words = [fold(w) for w in _WORD.findall(phrase)]
        return bool(words) and all(w in self.words or w.rstrip("s") in self.words or w + "s" in self.words
                                   for w in words)

    def has_word(self, word: str) -> bool:
        return re.search(rf"(?<![\w@#]){re.escape(word.lower())}(?!\w)", self.lower) is not None

    def has_negated_phrase(self, phrase: str) -> bool:
        """The phrase is in the brief with an avoidance word shortly before it in its clause
        ("no crypto", "avoid energy drinks", "keine Krypto"): said as something to leave out."""
        words = _WORD.findall(phrase.lower())
        if not words or not self.has_phrase(phrase):
            return False
        for m in re.finditer(rf"(?<!\w){re.escape(words[0])}", self.lower):
            before = self.lower[max(0, m.start() - 50):m.start()]
            before = re.split(r"[.;:!?\n]", before)[-1]
            if _AVOID.search(before):
                return True
        return False

    def has_creator_gender(self, gender: str) -> bool:
        """The brief asks for creators of this gender ("female creators", "only women", "créatrices")."""
        return _CREATOR_GENDER[gender].search(self.text) is not None

    def has_handle(self, handle: str) -> bool:
        # The old check accepted any substring ("shanghai", "shein"); a handle is written with "@".
        return re.search(rf"@{re.escape(handle.lower())}(?![\w.])", self.lower) is not None


def _topical(phrase: str) -> bool:
    """A topic needs one word that says what creators post about; one made only of words the
    brief spends on other fields ("insta", "dutch", "french", "creators", "UK") is not one."""
    for word in _WORD.findall(phrase):
        key = fold(word)
        if (key in STOPWORDS or key in LANGUAGES or key == "uk" or key in FIRST_WORDS and LOOKUP.get(key)
                or word.upper() in EXACT
                or platform_words._PLATFORM.fullmatch(word) or any(re.fullmatch(t, key) for t in _TIER_WORDS.values())):
            continue
        return True
    return False


def supported(field: str, value: Any, brief: BriefText) -> bool:
    """Whether the brief's own text supports this one value of `field` (an item, for lists)."""
    if field in ("followers_min", "followers_max", "creators_count", "audience_age_min", "audience_age_max"):
        # Ages too: "Gen Z" supports an age range, not the model's numbers for it (the
        # offline parser reads generations by a documented rule).
        return brief.has_number(float(value))
    if field == "min_engagement_rate":
        return brief.has_rate(float(value)) or brief.has_number(float(value))
    if field in ("budget", "max_price_per_post"):
        return brief.has_number(float(value["amount"])) and brief.has_currency(value["currency"])
    if field in ("creator_countries", "audience_countries"):
        return value in brief.places
    if field == "languages":
        return brief.has_language(value)
    if field == "platforms":
        return value in brief.platforms
    if field == "formats":
        # Both parsers know the same closed list of format words, and the rules read each
        # word in context: where they did not take one as a format it is something else
        # ("$5k per video" is a price unit, "no live streams" a refusal; recorded: formats
        # ["video"] from "per video"). So only a format the offline reading has stands.
        return False
    if field == "tiers":
        return re.search(rf"\b(?:{_TIER_WORDS[value]})", brief.lower) is not None
    if field == "topics":
        return brief.has_phrase(value) and _topical(value)
    if field == "exclude_topics":
        return value in brief.safety or brief.has_word(value)
    if field == "exclude_brands":
        # A word for a kind of brand is not a brand: "meat brands", and "alcohol" (a safety
        # category; recorded: exclude_brands ["meat", "alcohol"] from "promoting meat brands or alcohol").
        kind = re.search(rf"\b{re.escape(value.lower())}\s+(?:brands?|companies|products|labels|makers)\b", brief.lower)
        return brief.has_word(value) and kind is None and safety_words._TERM.fullmatch(value) is None
    if field == "exclude_handles":
        return brief.has_handle(value)
    if field == "audience_gender":
        return _GENDER[value].search(brief.text) is not None
    if field == "creator_gender":
        return brief.has_creator_gender(value)
    if field == "creator_cities":
        return city_name(value) in brief.cities
    if field == "exclude_countries":
        return value in brief.places and any(brief.has_negated_phrase(n) for n in _country_words(value, brief))
    if field == "exclude_keywords":
        # Only something the brief says to avoid, and never a safety category (exclude_topics has those).
        return brief.has_negated_phrase(value) and safety_words._TERM.fullmatch(value) is None
    return False


def _country_words(code: str, brief: BriefText) -> list[str]:
    """The words the brief may use for a country: its code and the gazetteer names of it it contains."""
    words = [code]
    # Countries and demonyms only: "not in Berlin" excludes no country, and "Europe" is no exclusion of GB.
    for name in [p.name for p in brief._named_places if p.codes == (code,) and p.kind in ("country", "demonym")]:
        words.append(name)
    if code == "GB":
        words.append("UK")
    return words
