"""Topics in the brief's own words: whatever is left once every other extractor has spoken.

The residual text (consumed spans blanked out) is cut at punctuation and at stopwords;
each remaining run of words is one topic phrase ("vegan food", "sourdough baking").
Nothing is mapped to a fixed keyword list: retrieval is semantic (DESIGN 2).

Phrases that describe the advertiser ("We're launching a new *protein bar*", "our *coffee*
brand") are dropped when the brief has other topics ("*fitness* creators"); when it has
none, they are the best topic there is and stay.
"""

from __future__ import annotations

import re

from agents.parsing.counts import CREATOR_NOUN
from agents.parsing.stopwords import STOPWORDS, brief_language, stopwords_for
from agents.parsing.text import Brief, Finding

_CHUNK_BREAK = re.compile(r"[\x00.,;:!?()\[\]{}\"\n/|•·*<>=~…]+|\s[-&+]+\s")
_TOKEN = re.compile(r"#?[^\W_][\w'&+-]*")
_NUMBERISH = re.compile(r"^[\d.,'%+$€£¥₹-]+[a-z]{0,4}$|^[a-z]{0,2}\d+$", re.IGNORECASE)
MAX_PHRASE_WORDS = 5
# A phrase right before creators/content is what the creators make ("vegan food micro-influencers").
_CREATOR_SIDE_RIGHT = re.compile(
    rf"(?:[\s-]+[\w'-]+){{0,2}}?[\s-]+(?:{CREATOR_NOUN}|content|videos|channels?|accounts?|niche|space|scene)\b",
    re.IGNORECASE,
)
_CREATOR_SIDE_LEFT = re.compile(
    r"\b(?:about|covering|cover|covers|focused\s+on|focus(?:es|ing)?\s+on|speciali[sz]\w*\s+in|niche|topics?|"
    r"themes?|content\s+on)\s*:?\s*$",
    re.IGNORECASE,
)
# A phrase said about the advertiser: its product, its brand.
_BRAND_SIDE_LEFT = re.compile(
    r"\b(?:launch(?:ing|es|ed)?|we(?:'re|\s+are)\s+(?:a|an)|our|selling|sells?|makers?\s+of|promot(?:e|ing))\b"
    r"(?:\s+[\w'-]+){0,4}?\s*$",
    re.IGNORECASE,
)
_BRAND_SIDE_RIGHT = re.compile(
    r"[\s-]+(?:brand|company|startup|product|products|launch|line|range|shop|store|app)\b", re.IGNORECASE
)


_ELISION = re.compile(r"^(?:[dljmnstc]|qu)['’](?=\w{2})", re.IGNORECASE)  # French "d'une", "l'art"


# "Food-Creator", "Beauty-Influencerin", "tech-youtubers": the role is no part of the topic.
_ROLE_SUFFIX = re.compile(r"(?<=\w\w\w)-(?:content-)?(?:creator(?:s|in|innen)?|influencer(?:s|in|innen)?|blogger(?:s|in|innen)?|"
                          r"vlogger(?:s|in|innen)?|youtuber(?:s|in|innen)?|tiktoker(?:s|in|innen)?|instagrammer(?:s|in|innen)?)$",
                          re.IGNORECASE)


def _clean(token: str) -> str:
    token = _ROLE_SUFFIX.sub("", _ELISION.sub("", token.lstrip("#").rstrip("'-&+")))
    if token.endswith("'s") and token[:-2].lower() in STOPWORDS:
        return ""
    return token


def extract_topics(brief: Brief) -> list[Finding]:
    """Topic phrases, lower-cased, in order of appearance, without duplicates."""
    residual = brief.residual()
    stopwords = stopwords_for(brief_language(brief.text))
    found: list[Finding] = []
    sides: list[str] = []
    seen: set[str] = set()
    bounds = [0]
    for m in _CHUNK_BREAK.finditer(residual):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(residual))
    for start, end in zip(bounds[::2], bounds[1::2]):
        run: list[tuple[str, int, int]] = []
        for m in [*_TOKEN.finditer(residual, start, end), None]:
            word = _clean(m.group(0)) if m else ""
            low = word.lower()
            if m is not None and low not in stopwords and len(low) > 1 and not _NUMBERISH.match(low):
                run.append((low, m.start(), m.end()))
                continue
            if run:
                phrase = " ".join(w for w, _, _ in run[:MAX_PHRASE_WORDS])
                if phrase not in seen:
                    seen.add(phrase)
                    found.append(Finding("topics", phrase, run[0][1], run[-1][2]))
                    sides.append(_side(brief, run[0][1], run[-1][2]))
                run = []
    if any(side != "brand" for side in sides):
        found = [f for f, side in zip(found, sides) if side != "brand"]
    return found


def _side(brief: Brief, start: int, end: int) -> str:
    """'creator' when the words qualify the creators, 'brand' when they describe the advertiser."""
    text = brief.text
    if _BRAND_SIDE_RIGHT.match(text, end):
        return "brand"
    if _CREATOR_SIDE_RIGHT.match(text, end) or _CREATOR_SIDE_LEFT.search(brief.left(start, 30)):
        return "creator"
    if _BRAND_SIDE_LEFT.search(brief.left(start, 60)):
        return "brand"
    return ""
