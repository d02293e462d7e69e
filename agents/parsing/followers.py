"""Follower counts and ranges: "under 50k", "100k+", "5-15k", "between 250 thousand and 1.2 million".

Runs after money, engagement, counts and ages have consumed their numbers, so what is
left is either a follower figure or something else (views, years) that we leave alone.
A finding's value is `(low, high)` with `None` for an open end.
"""

from __future__ import annotations

import re

from agents.parsing.numbers import MULT, NUM, parse_number, quantity_value, range_values
from agents.parsing.text import Brief, Finding, fmt_count

_MIN = (r"at\s+least|at\s+minimum|minimum\s+of|minimum|min\.?|over|above|more\s+than|upwards\s+of|"
        r"starting\s+(?:at|from)|no\s+(?:fewer|less)\s+than|not\s+less\s+than|greater\s+than|north\s+of|"
        r"mindestens|mind\.|über|ueber|mehr\s+als|ab|más\s+de|mas\s+de|al\s+menos|mínimo|minimo|"
        r"plus\s+de|au\s+moins|à\s+partir\s+de|a\s+partir\s+de|mais\s+de|pelo\s+menos|almeno|oltre|"
        r"minstens|meer\s+dan")
_MAX = (r"under|below|less\s+than|fewer\s+than|up\s+to|maximum\s+of|maximum|max\.?|at\s+most|"
        r"no\s+more\s+than|not\s+more\s+than|smaller\s+than|not\s+over|unter|weniger\s+als|bis\s+zu|"
        r"höchstens|maximal|menos\s+de|hasta|máximo|maximo|moins\s+de|jusqu'à|jusqu'a|au\s+plus|"
        r"pas\s+plus\s+de|até|ate|no\s+máximo|fino\s+a|massimo|hooguit|maximaal|minder\s+dan")
_APPROX = (r"around|about|approximately|approx\.?|roughly|circa|ca\.|some|etwa|rund|ungefähr|"
           r"alrededor\s+de|unos|environ|autour\s+de")
_BETWEEN = r"between|from|zwischen|von|entre|de|tra|fra|tussen|van"
_SYM = r"<=?|>=?|~"
_TRAIL_MIN = (r"or\s+more|and\s+up|and\s+above|and\s+over|or\s+higher|or\s+above|plus|minimum|min\.?|"
              r"at\s+least|und\s+mehr|oder\s+mehr|o\s+más|ou\s+plus|et\s+plus")
_TRAIL_MAX = (r"or\s+less|or\s+fewer|or\s+lower|and\s+below|and\s+under|maximum|max\.?|tops|at\s+most|"
              r"oder\s+weniger|o\s+menos|ou\s+moins")
UNIT = (r"(?:f[oa]l{1,2}o?w{1,2}e?r{1,2}s?|followern|volgers|follower\s+count|followings?|subs|subscribers?|fans|abonnenten|"
        r"abonnent(?::innen|innen)?|follower(?::innen|innen)|seguidores|suscriptores|abonn[ée]e?s|"
        r"connections|audience\s+size)")

_FOLLOW = re.compile(
    rf"(?<![\w.,$€£¥₹@#%])"
    rf"(?:(?P<lead>\b(?:{_MIN}|{_MAX}|{_APPROX}|{_BETWEEN})(?!\w)|{_SYM})\s*)?"
    rf"(?P<a>{NUM})(?P<am>{MULT})?(?P<ap>\+|以上)?"
    rf"(?:\s*(?P<sep>-|to|and|bis|und|a|à|y|et|e|tot|en)\s*(?P<b>{NUM})(?P<bm>{MULT})?(?P<bp>\+)?)?"
    rf"(?:\s+(?P<trail>\b(?:{_TRAIL_MIN}|{_TRAIL_MAX})\b)(?!\s*[<>~]?\s*\d))?"
    rf"(?:(?P<gap>(?:\s+(?!(?:and|or|to|per|with|for|who|in|on)\b)[^\W\d_][\w'-]*){{0,2}}?)\s*(?P<unit>\b{UNIT}\b|粉丝))?"
    rf"(?:\s+(?P<trail2>\b(?:{_TRAIL_MIN}|{_TRAIL_MAX})\b)(?!\s*[<>~]?\s*\d))?",
    re.IGNORECASE,
)
_MIN_RE = re.compile(rf"(?:{_MIN}|>=?|from|von|de)", re.IGNORECASE)
_MAX_RE = re.compile(rf"(?:{_MAX}|<=?)", re.IGNORECASE)
_APPROX_RE = re.compile(rf"(?:{_APPROX}|~)", re.IGNORECASE)
_TRAIL_MIN_RE = re.compile(_TRAIL_MIN, re.IGNORECASE)
_UNIT_LEFT = re.compile(
    rf"\b{UNIT}\s*(?::|=|of|between|from|count\s+of|(?:of\s+)?(?:at\s+least|over|under|above|below|around))?\s*$",
    re.IGNORECASE,
)
# Figures that are not followers: "10k views", "50k impressions", "3 years".
_NOT_FOLLOWERS = re.compile(
    r"^\s*(?:monthly\s+|average\s+|avg\.?\s+)?(?:views?|impressions?|likes?|comments?|plays?|streams?|reach|"
    r"downloads?|visits?|visitors?|members?|readers?|units?|sales|orders?|people|users?|sign-?ups?|clicks?|"
    r"words?|characters?|posts?|videos?|reels?|creators?|influencers?|years?|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?|km|kg|steps|calories|products?|items?|pieces?|shares?|saves?|listeners?|"
    r"watch\s+hours?|downloads?|employees?|stores?|customers?|attendees?|tickets?|copies)\b",
    re.IGNORECASE,
)
_AND_LIKE = {"and", "und", "y", "et", "e", "en"}


def extract_followers(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    for m in _FOLLOW.finditer(brief.text):
        if not brief.is_free(m.start("a"), m.end("a")):
            continue
        finding = _read(brief, m)
        if finding is not None:
            found.append(finding)
    return found


def _read(brief: Brief, m: re.Match[str]) -> Finding | None:
    lead = (m["lead"] or "").strip()
    unit = m["unit"]
    two = m["b"] is not None and brief.is_free(m.start("b"), m.end("b"))
    if two and m["sep"].lower() in _AND_LIKE and not re.fullmatch(_BETWEEN, lead, re.IGNORECASE):
        two = False
    if two:
        lo, hi = range_values(m["a"], m["am"], m["b"], m["bm"], brief.mil)
        if lo > hi:
            lo, hi = hi, lo
        has_mult = bool(m["am"] or m["bm"])
        num_end = m.end("bp") if m["bp"] else m.end("bm") if m["bm"] else m.end("b")
    else:
        lo = hi = quantity_value(m["a"], m["am"], brief.mil)
        has_mult = bool(m["am"])
        num_end = m.end("ap") if m["ap"] else m.end("am") if m["am"] else m.end("a")
        unit = unit if m["b"] is None else None  # "10k and 20 creators": the unit isn't ours
    after = brief.text[num_end:num_end + 40]
    trail = None if (m["b"] is not None and not two) else (m["trail"] or m["trail2"])
    left = brief.left(m.start(), 40)
    is_followers = bool(unit) or bool(_UNIT_LEFT.search(left))
    if not is_followers:
        if _NOT_FOLLOWERS.match(after):
            return None
        big = hi >= 1000
        year_like = not has_mult and re.fullmatch(r"(?:19|20)\d\d", m["a"]) is not None
        is_followers = big and not year_like and (has_mult or bool(lead and not _APPROX_RE.fullmatch(lead))
                                                  or bool(m["ap"]) or two or bool(trail))
    if not is_followers or hi < 1 or parse_number(m["a"]) < 0:
        return None
    start = m.start("lead") if m["lead"] else m.start("a")
    end = num_end
    if trail and m["trail"]:
        end = m.end("trail")
    brief.consume(start, end)
    if unit:
        brief.consume(m.start("unit"), m.end("unit"))
    if m["trail2"] and (unit or not m["trail"]):
        brief.consume(m.start("trail2"), m.end("trail2"))
    said = brief.text[start:m.end("unit") if unit else end].strip()
    if two:
        return Finding("followers", (int(lo), int(hi)), start, end)
    value = int(lo)
    if m["ap"] or (trail and _TRAIL_MIN_RE.fullmatch(trail)) or (lead and _MIN_RE.fullmatch(lead)):
        return Finding("followers", (value, None), start, end)
    if (trail and not _TRAIL_MIN_RE.fullmatch(trail)) or (lead and _MAX_RE.fullmatch(lead)):
        return Finding("followers", (None, value), start, end)
    if lead and _APPROX_RE.fullmatch(lead):
        lo_i, hi_i = int(value * 0.5), int(value * 1.5)
        return Finding("followers", (lo_i, hi_i), start, end,
                       note=f"'{said}' read as {fmt_count(lo_i)}–{fmt_count(hi_i)} followers (±50%)")
    return Finding("followers", (value, None), start, end,
                   note=f"'{said}' read as at least {fmt_count(value)} followers")
