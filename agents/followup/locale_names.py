"""Country and language names in every CLDR locale (via babel), folded for lookup.

"Kanada", "Estados Unidos", "Allemagne", "alemán", "Englisch": whatever language the
marketer writes in, CLDR has the name. Short names that are common words somewhere
("Man", "Chad") are kept out by a minimum length unless written with a capital letter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, localedata
from rapidfuzz import fuzz, process

from agents.parsing.tiers import PLATFORM_NAMES

# Locales whose names are also matched with one typo (rapidfuzz), the languages briefs come in.
FUZZY_LOCALES = ("en", "de", "es", "fr", "it", "pt", "nl")
# Common abbreviations CLDR does not list as names.
ALIASES: dict[str, tuple[str, str]] = {
    "us": ("country", "US"), "usa": ("country", "US"), "u s": ("country", "US"), "u s a": ("country", "US"),
    "uk": ("country", "GB"), "u k": ("country", "GB"), "eeuu": ("country", "US"), "ee uu": ("country", "US"),
    "britain": ("country", "GB"), "england": ("country", "GB"), "holland": ("country", "NL"),
    "uae": ("country", "AE"), "america": ("country", "US"),
}
_MIN_LEN = 4
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Lower case, accents off, words joined by one space: 'Ã‰tats-Unis' -> 'etats unis'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain))


@dataclass(frozen=True)
class Name:
    kind: str  # "country" | "language"
    code: str  # ISO 3166-1 alpha-2 or ISO 639-1
    major: bool  # from a FUZZY_LOCALES locale


@lru_cache(maxsize=1)
def names() -> dict[str, Name]:
    """Folded name -> what it names. Major locales win a collision (they are read first)."""
    table: dict[str, Name] = {}
    base = [i for i in localedata.locale_identifiers() if "_" not in i]
    ordered = list(FUZZY_LOCALES) + [i for i in base if i not in FUZZY_LOCALES]
    for ident in ordered:
        try:
            loc = Locale.parse(ident)
        except (ValueError, TypeError):
            continue
        major = ident in FUZZY_LOCALES
        for code, name in loc.territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "UN", "EZ", "QO"):
                table.setdefault(fold(name), Name("country", code, major))
        for code, name in loc.languages.items():
            if len(code) == 2 and code.isalpha():
                table.setdefault(fold(name), Name("language", code, major))
    for key, (kind, code) in ALIASES.items():
        table[key] = Name(kind, code, True)
    return table


@lru_cache(maxsize=1)
def _major_keys() -> list[str]:
    return [k for k, v in names().items() if v.major and len(k) >= 6]


@dataclass(frozen=True)
class Mention:
    kind: str
    code: str
    start: int
    end: int
    text: str


def find_names(text: str, skip: frozenset[str] = frozenset()) -> list[Mention]:
    """Country and language names in `text`, longest first, one typo allowed in long names."""
    table = names()
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        hit: Mention | None = None
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            span = words[i:i + n]
            raw = text[span[0][1]:span[-1][2]]
            key = fold(raw)
            if n == 1 and key in skip:
                continue
            entry = table.get(key)
            capital = raw[:1].isupper()
            short_code = n == 1 and raw.isupper() and key in ("us", "uk", "usa", "uae")
            if entry is not None and (len(key) >= _MIN_LEN or short_code or (capital and len(key) >= 3)):
                if entry.major or capital:
                    hit = Mention(entry.kind, entry.code, span[0][1], span[-1][2], raw)
                    break
            if n == 1 and len(key) >= 6 and key not in skip:
                best = process.extractOne(key, _major_keys(), scorer=fuzz.ratio, score_cutoff=90)
                if best is not None:
                    entry = table[best[0]]
                    hit = Mention(entry.kind, entry.code, span[0][1], span[-1][2], raw)
                    break
        if hit is not None:
            found.append(hit)
            i += len(_WORD.findall(hit.text))
        else:
            i += 1
    return found


def english_name(kind: str, code: str) -> str:
    loc = Locale("en")
    table = loc.territories if kind == "country" else loc.languages
    return table.get(code, code)


_WITH_ARTICLE = re.compile(r"^(?:United\s|Czech\sRepublic|Dominican\sRepublic|Central\sAfrican)|"
                           r"(?:Islands|Kingdom|Emirates|States|Netherlands|Philippines|Bahamas|Maldives|Gambia|Seychelles)$")


def country_in_text(code: str) -> str:
    """A country's English name as it reads in a sentence: "the United States", "Germany"."""
    name = english_name("country", code)
    return f"the {name}" if _WITH_ARTICLE.search(name) else name


def field_labels(field: str, values: list[str]) -> str:
    """A criteria list as a marketer reads it: "Germany, Austria", "German", "TikTok"."""
    if field in ("creator_countries", "audience_countries", "countries_negated", "countries", "exclude_countries"):
        return ", ".join(english_name("country", v) for v in values)
    if field == "languages":
        return ", ".join(english_name("language", v) for v in values)
    if field == "platforms":
        return ", ".join(PLATFORM_NAMES.get(v, v) for v in values)
    if field == "exclude_handles":
        return ", ".join(f"@{v.lstrip('@')}" for v in values)
    return ", ".join(values)
