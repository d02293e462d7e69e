"""Creator size tiers (nano … mega) and their follower ranges per platform.

DESIGN 6 (published figures): nano 1k–10k, micro 10k–100k, mid 100k–500k, macro
500k–1M, mega 1M+. Per-platform micro ranges: Instagram 10k–100k, TikTok 5k–50k,
YouTube 10k–100k, LinkedIn 5k–25k. Only micro has published per-platform ranges, so the
other tiers use the general table on every platform.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding, fmt_count

# DESIGN 6, general tier table (followers; None = open-ended).
TIER_RANGES: dict[str, tuple[int, int | None]] = {
    "nano": (1_000, 10_000),
    "micro": (10_000, 100_000),
    "mid": (100_000, 500_000),
    "macro": (500_000, 1_000_000),
    "mega": (1_000_000, None),
}
# DESIGN 6, per-platform micro ranges.
PLATFORM_TIER_RANGES: dict[tuple[str, str], tuple[int, int | None]] = {
    ("micro", "instagram"): (10_000, 100_000),
    ("micro", "tiktok"): (5_000, 50_000),
    ("micro", "youtube"): (10_000, 100_000),
    ("micro", "linkedin"): (5_000, 25_000),
}
PLATFORM_NAMES = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn",
          "x": "X", "xiaohongshu": "Xiaohongshu", "twitch": "Twitch", "pinterest": "Pinterest",
          "facebook": "Facebook", "threads": "Threads"}

_WORD = r"(?:nano|micro|mikro|mid(?:[\s-]?(?:tier|size[d]?|level|range))?|macro|makro|mega|celebrity)"
_PLATFORM_WORD = r"(?:[\s-](?:instagram|insta|ig|tiktok|tik\s+tok|youtube|yt|linkedin|twitch|pinterest|facebook|twitter|x))?"
_NOUN = (rf"(?:{_PLATFORM_WORD}[\s-]?(?:influencers?|influencer(?::innen|innen)|influenceu(?:r|se)s?|creators?|creador(?:es|as)?|"
         r"cr[ée]at(?:eur|rice)s?|tier|level|size[d]?|kols?|bloggers?|youtubers?|tiktokers?|instagrammers?|"
         r"accounts?|profiles?|talents?|streamers?)\b)")
# A tier word counts only when it qualifies creators: "micro-influencers", "nano or micro
# creators", "micro- and nano-influencers", "mid-tier"; not "macro photography".
_TIER_LIST = re.compile(
    rf"(?<![\w-])(?P<list>{_WORD}-?(?:\s*(?:,|/|or|and|&|to|-)\s*{_WORD}-?)*)(?:s\b)?(?P<noun>{_NOUN})?",
    re.IGNORECASE,
)
# A tier word a few words before the creator noun: "10 micro vegan food creators". Not
# "macro": "macro photography creators" is a topic, not a size.
_TIER_BEFORE_TOPIC = re.compile(
    rf"(?<![\w-])(?P<list>(?:nano|micro|mikro|mid[\s-]?tier|mega))\s+(?:[a-zà-ÿ][\w'-]*\s+){{1,3}}?(?={_NOUN[3:-1]})",
    re.IGNORECASE,
)
_ONE = re.compile(_WORD, re.IGNORECASE)
_ALWAYS = re.compile(r"mid[\s-]?tier", re.IGNORECASE)


def _canonical(word: str) -> str:
    w = word.lower()
    if w.startswith("mid"):
        return "mid"
    if w == "celebrity":
        return "mega"
    return {"mikro": "micro", "makro": "macro"}.get(w, w)


def extract_tiers(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    for m in _TIER_LIST.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        words = [w.group(0) for w in _ONE.finditer(m["list"])]
        if not m["noun"] and not (len(words) == 1 and _ALWAYS.fullmatch(words[0])):
            continue
        # "micro to mid-tier": a span of tiers includes the ones between.
        tiers = [_canonical(w) for w in words]
        if len(tiers) == 2 and re.search(r"\bto\b", m["list"], re.IGNORECASE):
            order = list(TIER_RANGES)
            a, b = sorted((order.index(tiers[0]), order.index(tiers[1])))
            tiers = order[a:b + 1]
        brief.consume(m.start(), m.end("list"))
        for t in dict.fromkeys(tiers):
            found.append(Finding("tiers", t, m.start(), m.end()))
    if not found:
        for m in _TIER_BEFORE_TOPIC.finditer(brief.text):
            if brief.is_free(*m.span("list")):
                brief.consume(m.start("list"), m.end("list"))
                found.append(Finding("tiers", _canonical(m["list"]), m.start("list"), m.end("list")))
    return found


def tier_range(tier: str, platform: str | None) -> tuple[int, int | None]:
    if platform is not None and (tier, platform) in PLATFORM_TIER_RANGES:
        return PLATFORM_TIER_RANGES[(tier, platform)]
    return TIER_RANGES[tier]


def tiers_follower_range(tiers: list[str], platforms: list[str]) -> tuple[int, int | None, str]:
    """Envelope of the tiers' ranges over the platforms, plus the assumption sentence."""
    keys = platforms or [None]
    ranges = {(t, p): tier_range(t, p) for t in tiers for p in keys}
    lo = min(r[0] for r in ranges.values())
    his = [r[1] for r in ranges.values()]
    hi = None if any(h is None for h in his) else max(h for h in his if h is not None)
    what = " and ".join(f"'{t}'" for t in tiers)
    span = f"{fmt_count(lo)}+" if hi is None else f"{fmt_count(lo)}–{fmt_count(hi)}"
    if not platforms:
        return lo, hi, f"{what} read as {span} followers (DESIGN tier table; no platform named)"
    distinct = {r for r in ranges.values()}
    if len(platforms) == 1 or len(distinct) == 1:
        where = " and ".join(PLATFORM_NAMES.get(p, p) for p in platforms)
        return lo, hi, f"{what} on {where} read as {span} followers"
    parts = []
    for p in platforms:
        p_lo = min(ranges[(t, p)][0] for t in tiers)
        p_his = [ranges[(t, p)][1] for t in tiers]
        p_hi = None if None in p_his else max(h for h in p_his if h is not None)
        parts.append(f"{PLATFORM_NAMES.get(p, p)} {fmt_count(p_lo)}–{fmt_count(p_hi)}" if p_hi else
                     f"{PLATFORM_NAMES.get(p, p)} {fmt_count(p_lo)}+")
    return lo, hi, (f"{what} differs by platform ({', '.join(parts)}); "
                    f"used the union, {span} followers")
