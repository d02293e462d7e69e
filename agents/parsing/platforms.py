"""Platforms and their nicknames: IG, Insta, TT, YT, XHS, "Little Red Book", "on X", "X/Twitter".

Conservative where a nickname is also a word: "RED" only in capitals or after "on",
"X" only in a platform context, "Threads" only capitalised and not as Twitter threads.
Findings: field "platforms" (value = platform), "platforms_negated" ("no Facebook"),
"platforms_only" ("TikTok only").
"""

from __future__ import annotations

import re

from agents.parsing.fuzzy import closest
from agents.parsing.text import Brief, Finding, list_connected

# (pattern, platform, case-sensitive). Values are retrieval.schema.PLATFORMS.
_PATTERNS: tuple[tuple[str, str, bool], ...] = (
    (r"instagram(?:mers?)?|insta|instagrammers?", "instagram", False),
    (r"IG", "instagram", True),
    (r"ig(?=\s+(?:reels?|stories|story|lives?|posts?|creators?|influencers?|accounts?)\b)", "instagram", False),
    (r"tik[\s-]?tok(?:ers?)?", "tiktok", False),
    (r"TT", "tiktok", True),
    (r"you[\s-]?tube(?:rs?)?", "youtube", False),
    (r"YT|yt(?=\s+(?:shorts|videos?|creators?|channels?)\b)", "youtube", True),
    (r"xiaohongshu|little\s+red\s+book|rednote", "xiaohongshu", False),
    (r"XHS|xhs", "xiaohongshu", True),
    (r"RED(?!\s+(?:BULL|bull|Bull|wine|WINE))", "xiaohongshu", True),
    (r"(?<=\bon\s)Red(?!\s+(?:Bull|bull|wine|Wine|carpet|Carpet|Cross|Sox|Hat|Lobster|Velvet|Dead))",
     "xiaohongshu", True),
    (r"twitter|tweeters?", "x", False),
    (r"X(?=\s*(?:/|\((?:formerly|twitter|ex)))|(?<=Twitter/)X|(?<=Twitter\s\()X", "x", True),
    (r"(?:(?<=\bon\s)|(?<=\bOn\s)|(?<=\bvia\s)|(?<=\band\s)|(?<=\bor\s)|(?<=&\s))X(?=\s*(?:$|[,.;:)!?/]|\s+(?:and|or|only|creators?|accounts?|posts?|threads?)\b))",
     "x", True),
    (r"(?<=,\s)X(?=\s*(?:$|[,.;:)!?/]|\s+(?:and|or)\b))", "x", True),
    (r"linked[\s-]?in", "linkedin", False),
    (r"twitch(?:\s+streamers?)?", "twitch", False),
    (r"pinterest|pinners?", "pinterest", False),
    (r"facebook", "facebook", False),
    (r"FB", "facebook", True),
    (r"(?<!\bTwitter\s)(?<!\bX\s)(?<!tweets/)(?<!tweets\s/\s)Threads(?=\s*(?:$|[,.;:)!?/]|\s+(?:app|and|or|creators?|accounts?|only)\b))",
     "threads", True),
    (r"(?<=\bon\s)threads\b(?!\s+(?:about|on|of))", "threads", False),
    (r"小红书", "xiaohongshu", True),
    (r"抖音", "tiktok", True),
)
_PLATFORM = re.compile(
    r"\b(?<![@#.])(?:" + "|".join(f"(?P<p{i}>{p if case else f'(?i:{p})'})" for i, (p, _, case) in enumerate(_PATTERNS))
    + r")(?!\w)"
)
_NEG_LEFT = re.compile(
    r"(?:\bno|\bnot(?:\s+on)?|\bexcept(?:\s+for)?|\bexcluding|\bexclude|\bwithout|\bbut\s+not|\bother\s+than|"
    r"\banything\s+but|\bavoid|\bskip|\bnothing\s+on|\bkein(?:e|en)?|\bnicht|\bsin|\bsauf|\bpas\s+de|\bpas)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_ONLY_LEFT = re.compile(r"(?:\bonly|\bexclusively|\bjust|\bsolely|\bpurely|\bnur|\bsolo|\buniquement)\s+(?:on\s+)?$",
                        re.IGNORECASE)
_ONLY_RIGHT = re.compile(r"^(?:[\s-]+only\b|\s+exclusively\b|\s+alone\b)", re.IGNORECASE)


def extract_platforms(brief: Brief) -> list[Finding]:
    mentions: list[tuple[int, int, str]] = []
    for m in _PLATFORM.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        group = m.lastgroup or ""
        mentions.append((m.start(), m.end(), _PATTERNS[int(group[1:])][1]))
    found: list[Finding] = []
    prev: Finding | None = None
    for start, end, platform in mentions:
        left = brief.left(start, 30)
        if prev is not None and list_connected(brief.text, prev.end, start) and prev.field != "platforms":
            field = prev.field  # "no Facebook or Pinterest": the list shares the negation
        elif _NEG_LEFT.search(left):
            field = "platforms_negated"
        elif _ONLY_LEFT.search(left) or _ONLY_RIGHT.match(brief.text[end:end + 15]):
            field = "platforms_only"
        else:
            field = "platforms"
        brief.consume(start, end)
        only = _ONLY_RIGHT.match(brief.text[end:end + 15])
        if only and field == "platforms_only":
            brief.consume(end, end + only.end())
        finding = Finding(field, platform, start, end)
        found.append(finding)
        prev = finding
    found.extend(_typos(brief))
    # "TikTok or Instagram only": 'only' after the list applies to the whole list.
    for i in range(len(found) - 1, 0, -1):
        if found[i].field == "platforms_only" and found[i - 1].field == "platforms" \
                and list_connected(brief.text, found[i - 1].end, found[i].start):
            found[i - 1].field = "platforms_only"
    return found


_LONG_NAMES = {"instagram": "instagram", "youtube": "youtube", "tiktok": "tiktok", "pinterest": "pinterest",
               "linkedin": "linkedin", "facebook": "facebook", "twitter": "x", "xiaohongshu": "xiaohongshu"}
_WORD = re.compile(r"\b[^\W\d_]{6,}\b")


def _typos(brief: Brief) -> list[Finding]:
    """'instgram' → instagram (one edit away), said as an assumption."""
    found = []
    for m in _WORD.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        name = closest(m.group(0), _LONG_NAMES)
        if name:
            brief.consume(*m.span())
            found.append(Finding("platforms", _LONG_NAMES[name], m.start(), m.end(),
                                 note=f"'{m.group(0)}' read as {name}"))
    return found
