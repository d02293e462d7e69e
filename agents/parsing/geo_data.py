"""Gazetteer loading: countries (names in EN/DE/ES/FR, demonyms), cities, US states, regions.

A city has one English name for creator_cities ("NYC", "New York City" → "New York";
"München" → "Munich"): places.json `city_names` maps the other spellings, and `areas` lists
the entries that are regions, provinces or islands ("Bay Area", "Ontario", "Bali"), which
stand for their country only.

The data lives in agents/parsing/data/*.json; this module turns it into one folded
n-gram lookup ("new york city" → city US) built once at import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from agents.parsing.text import fold

_DATA = Path(__file__).parent / "data"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Place:
    kind: str  # country | demonym | city | state | region
    codes: tuple[str, ...]  # ISO 3166-1 alpha-2
    name: str  # as written in the gazetteer
    capitalised: bool  # must be written with a capital letter (unless the whole brief is lower case)
    note: str = ""  # assumption sentence for ambiguous names
    strict: bool = False  # capital letter required even in an all-lower-case brief ("turkey")
    city: str = ""  # creator_cities name (English, one spelling per city); "" for areas that are no city


def key_of(words: list[str]) -> str:
    return " ".join(fold(w) for w in words)


def _key(name: str) -> str:
    return key_of(_WORD.findall(name))


def _load() -> tuple[dict[str, list[Place]], dict[str, Place], frozenset[str]]:
    countries = json.loads((_DATA / "countries.json").read_text(encoding="utf-8"))
    places = json.loads((_DATA / "places.json").read_text(encoding="utf-8"))
    regions = json.loads((_DATA / "regions.json").read_text(encoding="utf-8"))
    cap_only = set(countries["cap_only"])
    lookup: dict[str, list[Place]] = {}
    exact: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        if place.kind in {"city", "state", "region"} and name in exact_names:
            exact[name] = place
            return
        lookup.setdefault(_key(name), []).append(place)

    exact_names = set(places["exact"]) | {n for n, r in regions.items() if r["exact"]}
    for code, entry in countries["countries"].items():
        for n in entry["names"]:
            add(n, Place("country", (code,), n, n in cap_only, strict=n in cap_only))
        for d in entry["demonyms"]:
            add(d, Place("demonym", (code,), d, d in cap_only, strict=d in cap_only))
    areas = set(places["areas"])
    for n, code in places["cities"].items():
        city = "" if n in areas else places["city_names"].get(n, n)
        add(n, Place("city", (code,), n, True, places["assumptions"].get(n, ""), city=city))
    for s in places["us_states"]:
        add(s, Place("state", ("US",), s, True, places["assumptions"].get(s, "")))
    for n, r in regions.items():
        # Adjective forms ("Scandinavian") behave like demonyms: they need a noun after them.
        add(n, Place("demonym" if r.get("adjective") else "region", tuple(r["codes"]), n, False))
    all_codes = frozenset(countries["countries"])
    return lookup, exact, all_codes


LOOKUP, EXACT, ISO_CODES = _load()
# First word of every name → the most words a name starting with it has, to skip the
# n-gram look-ups for words that start no name at all.
FIRST_WORDS: dict[str, int] = {}
for _key_text in LOOKUP:
    _words = _key_text.split(" ")
    FIRST_WORDS[_words[0]] = max(FIRST_WORDS.get(_words[0], 0), len(_words))
# Country codes that are also everyday words or common abbreviations ("IT", "IN", "AR" for
# augmented reality, "CA" for California): accepted only inside a list of codes.
AMBIGUOUS_CODES = frozenset(
    "AD AI AL AM AR AS AT BE BY CA CO DO FM GE GO HE HI ID IN IO IS IT MA ME MY NA NO OK PA PR SO ST TM TO TV "
    "LA PE HR QA SA CV PT ML BI PM VC EG MD DJ MC".split()
)
# Always country references when written in capitals.
SPECIAL_CODES: dict[str, tuple[str, ...]] = {
    "US": ("US",), "USA": ("US",), "U.S.": ("US",), "U.S.A.": ("US",), "U.S": ("US",), "UK": ("GB",),
    "U.K.": ("GB",), "UAE": ("AE",), "KSA": ("SA",), "GB": ("GB",),
}


def city_name(value: str) -> str:
    """A city as creator_cities spells it ("NYC", "München" → "New York", "Munich"); else as given."""
    places = LOOKUP.get(_key(value), []) + ([EXACT[value.strip()]] if value.strip() in EXACT else [])
    for place in places:
        if place.kind == "city" and place.city:
            return place.city
    return value.strip()
