"""How many creators: "30 creators", "about twenty influencers", "a dozen", "10 TikTokers".

Only the number is consumed: the words between it and the noun ("30 *vegan food*
creators") are topics, and a platform noun ("TikTokers") still names a platform.
A finding's value is `(count, platform or None)`.
"""

from __future__ import annotations

import re

from agents.parsing.numbers import MULT, WORD_NUM, to_int_or_word
from agents.parsing.text import Brief, Finding

# Nouns for people we cast, in the languages the parser supports; platform nouns map
# to their platform so "10 TikTokers and 10 YouTubers" can be summed.
CREATOR_NOUN = (
    r"(?:content\s+creators?|creators?|influencers?|influencer(?::innen|innen)|influenceurs?|"
    r"influenceuses?|influenciador(?:es|as)?|creador(?:es|as)?|cr[ée]ateurs?|cr[ée]atrices?|"
    r"creatives|bloggers?|vloggers?|youtubers?|tiktokers?|instagrammers?|streamers?|kols?|kocs?|"
    r"ambassadors?|accounts?|profiles?|talents?|partners?|personalities|voices|"
    r"macro-?influencers?|micro-?influencers?|nano-?influencers?|mega-?influencers?|"
    # people the brief may cast by what they do
    r"people|foodies|photographers|gamers|chefs|cooks|bakers|artists|athletes|coaches|trainers|reviewers|"
    r"travell?ers|moms|mums|dads|parents|podcasters|musicians|names)"
)
PLATFORM_NOUNS = {"tiktoker": "tiktok", "youtuber": "youtube", "instagrammer": "instagram"}
_LEAD = (r"about|around|roughly|approximately|approx\.?|~|circa|ca\.|some|up\s+to|at\s+least|at\s+most|"
         r"max(?:imum)?|min(?:imum)?|no\s+more\s+than|over|more\s+than|etwa|rund|bis\s+zu|mindestens|"
         r"unos|unas|hasta|al\s+menos|environ|au\s+moins|jusqu'à")
# Words that may sit between the number and the noun ("30 vegan food creators"), but
# never these, which mean the number counts something else ("3 videos per creator").
_NOT_ADJ = (r"(?:per|from|with|for|of|each|by|to|in|on|at|posts?|videos?|reels?|stories|"
            r"months?|weeks?|days?|years?|followers?|times|pieces?|deliverables?|countries)\b")
_COUNT = re.compile(
    rf"(?<![\w.,$€£¥₹@#%+-])(?:(?P<lead>\b(?:{_LEAD})(?!\w))\s*)?"
    rf"(?P<a>\d{{1,4}}(?![\d.,]\d)|\b{WORD_NUM}\b)(?!{MULT}|\s?%|\s?[.,]\d)(?P<ap>\+)?"
    rf"(?:\s*(?P<sep>-|to|or|bis|a|à)\s*(?P<b>\d{{1,4}}(?![\d.,]\d)|\b{WORD_NUM}\b)(?!{MULT}|\s?%)(?P<bp>\+)?)?"
    rf"(?P<adj>(?:[\s-]+(?!{_NOT_ADJ})[^\W\d_][\w'&-]*){{0,5}}?)"
    rf"[\s-]+(?P<noun>{CREATOR_NOUN})\b",
    re.IGNORECASE,
)
# "find 25 who post about ...", "shortlist of 25", "number of creators: 30".
_VERB = re.compile(
    rf"\b(?:find|need|want|looking\s+for|look\s+for|recruit|hire|book|cast|select|shortlist\s+of|"
    rf"list\s+of|pick|suggest|give\s+me|show\s+me|source|suchen|buscamos|cherchons)\s+(?:me\s+|us\s+)?"
    rf"(?:(?:about|around|roughly|some|~)\s+)?(?P<a>\d{{1,3}}|\b{WORD_NUM}\b)"
    rf"(?=\s*(?:[,.;:!?)]|$|\s+(?:who|that|which|with|for|in|on|from|based|across|to|more)\b))",
    re.IGNORECASE,
)
# "We'd like 8 of them".
_OF_THEM = re.compile(rf"(?<![\w.,])(?P<a>\d{{1,3}}|\b{WORD_NUM})\s+of\s+them\b", re.IGNORECASE)
_LABEL = re.compile(
    r"\b(?:number\s+of\s+(?:creators|influencers)|creators|influencers?|anzahl|cantidad|nombre|count)"
    r"\s*[:=]\s*(?P<a>\d{1,4})\b(?![.,]\d|\s?[kKmM%])",
    re.IGNORECASE,
)


def _platform_of(noun: str) -> str | None:
    key = noun.lower().rstrip("s")
    return PLATFORM_NOUNS.get(key)


def extract_counts(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    for m in _COUNT.finditer(brief.text):
        if not brief.is_free(m.start("a"), m.end("a")):
            continue
        n = to_int_or_word(m["a"])
        note = ""
        end = m.end("ap") if m["ap"] else m.end("a")
        lead = (m["lead"] or "").lower()
        if m["b"] and brief.is_free(m.start("b"), m.end("b")):
            hi = to_int_or_word(m["b"])
            if n is not None and hi is not None and hi >= n:
                note = f"'{brief.text[m.start('a'):m.end('b')]} creators' read as up to {hi} creators"
                n = hi
                end = m.end("bp") if m["bp"] else m.end("b")
        elif lead.startswith(("at least", "min", "over", "more", "mindestens", "al menos", "au moins")) or m["ap"]:
            note = f"'{brief.text[m.start():end].strip()} creators' read as {n} creators"
        if n is None or not 1 <= n <= 1000:
            continue
        start = m.start("lead") if m["lead"] else m.start("a")
        brief.consume(start, end)
        finding = Finding("creators_count", (n, _platform_of(m["noun"])), start, end, note=note)
        finding.sentence = brief.sentence(start)[0]
        found.append(finding)
    for rx in (_VERB, _LABEL, _OF_THEM):
        for m in rx.finditer(brief.text):
            if not brief.is_free(m.start("a"), m.end("a")):
                continue
            n = to_int_or_word(m["a"])
            if n is None or not 1 <= n <= 1000:
                continue
            brief.consume(m.start("a"), m.end("a"))
            finding = Finding("creators_count", (n, None), m.start("a"), m.end("a"))
            finding.sentence = brief.sentence(m.start("a"))[0]
            found.append(finding)
    return found
